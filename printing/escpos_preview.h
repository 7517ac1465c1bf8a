// A picture of the paper a receipt printer would produce: an interpreter for the ESC/POS subset
// drivers/receipt_printer/escpos.h emits (text in PC866, bold, character size, alignment, line
// and n-line feeds, QR, Code128, cut), drawn at 203 dpi with Font A's 12×24 cells. Unknown or
// broken bytes are skipped; no input can make it read past the buffer or grow without bound.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "error.h"

namespace rg::printing {

// 8-bit grey, row by row, 255 = white paper, 0 = black.
struct PaperImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)]; }
};

struct PreviewFonts {
  std::string regular = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
  std::string bold = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf";  // optional
};

class EscposPreview {
 public:
  // Loads the fonts; ErrorCode::Io when the regular one cannot be read (a missing bold font
  // only means bold is drawn by double striking, as the printers do).
  static Result<EscposPreview> create(const PreviewFonts& fonts = {});
  EscposPreview(EscposPreview&&) noexcept;
  EscposPreview& operator=(EscposPreview&&) noexcept;
  ~EscposPreview();

  // The paper for `bytes` at `width_dots` (576 for 80 mm, 384 for 58 mm: Profile::width_dots).
  // Not thread-safe (a glyph cache): one object per thread.
  PaperImage render(std::span<const std::uint8_t> bytes, int width_dots);
  // The same, as PNG bytes / written atomically to `png` (tmp + rename).
  std::vector<std::uint8_t> render_png(std::span<const std::uint8_t> bytes, int width_dots);
  Status write_png(std::span<const std::uint8_t> bytes, int width_dots, const std::filesystem::path& png);

  // Image limits: taller jobs are cut at this many dots (≈ 2.5 m of paper).
  static constexpr int kMaxHeight = 20000;

  struct Impl;  // fonts and glyph cache, opaque

 private:
  explicit EscposPreview(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

std::vector<std::uint8_t> encode_png(const PaperImage& image);

}  // namespace rg::printing
