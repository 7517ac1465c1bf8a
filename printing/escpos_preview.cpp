// ESC/POS → paper image. Glyphs from DejaVu Sans Mono through stb_truetype, QR modules from
// libqrencode, PNG through stb_image_write. Every read of the job is bounds-checked: the job may
// be any bytes at all (a fuzz test feeds it random ones).
#include "escpos_preview.h"

#include <qrencode.h>
#include <stb_image_write.h>
#include <stb_truetype.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string_view>
#include <unordered_map>

#include "files.h"
#include "i18n.h"
#include "receipt_printer/escpos.h"

namespace rg::printing {
namespace {

// Font A: 12×24 dots; the default line feed is 1/6 inch (about 30 dots at 180–203 dpi).
constexpr int kCellW = 12;
constexpr int kCellH = 24;
constexpr int kLineFeed = 30;
constexpr int kTopMargin = 12;
constexpr int kBottomMargin = 16;

struct Font {
  std::vector<unsigned char> data;
  stbtt_fontinfo info{};
  float advance = 1;  // font units per cell width
  int ascent = 0, descent = 0;
};

bool load_font(Font& f, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  f.data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (f.data.empty()) return false;
  const int offset = stbtt_GetFontOffsetForIndex(f.data.data(), 0);
  if (offset < 0 || stbtt_InitFont(&f.info, f.data.data(), offset) == 0) return false;
  int adv = 0, lsb = 0, gap = 0;
  stbtt_GetCodepointHMetrics(&f.info, 'M', &adv, &lsb);
  stbtt_GetFontVMetrics(&f.info, &f.ascent, &f.descent, &gap);
  if (adv <= 0 || f.ascent - f.descent <= 0) return false;
  f.advance = static_cast<float>(adv);
  return true;
}

struct Glyph {
  int w = 0, h = 0, x = 0, y = 0;  // bitmap size and offset from the cell's top-left corner
  std::vector<unsigned char> bitmap;
};

Glyph make_glyph(const Font& f, char32_t cp, int wmul, int hmul) {
  Glyph g;
  int index = stbtt_FindGlyphIndex(&f.info, static_cast<int>(cp));
  if (index == 0 && cp != ' ' && cp != 0xA0) index = stbtt_FindGlyphIndex(&f.info, '?');
  if (index == 0) return g;
  const float sx = static_cast<float>(kCellW * wmul) / f.advance;
  const float sy = static_cast<float>(kCellH * hmul) / static_cast<float>(f.ascent - f.descent);
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  stbtt_GetGlyphBitmapBox(&f.info, index, sx, sy, &x0, &y0, &x1, &y1);
  g.w = std::max(0, x1 - x0);
  g.h = std::max(0, y1 - y0);
  if (g.w == 0 || g.h == 0) return g;
  g.bitmap.assign(static_cast<std::size_t>(g.w) * static_cast<std::size_t>(g.h), 0);
  stbtt_MakeGlyphBitmap(&f.info, g.bitmap.data(), g.w, g.h, g.w, sx, sy, index);
  g.x = x0;
  g.y = static_cast<int>(static_cast<float>(f.ascent) * sy + 0.5f) + y0;
  return g;
}

}  // namespace

struct EscposPreview::Impl {
  Font regular;
  Font bold;
  bool have_bold = false;
  std::unordered_map<std::uint64_t, Glyph> cache;

  const Glyph& glyph(char32_t cp, int w, int h, bool b) {
    const bool use_bold = b && have_bold;
    const std::uint64_t key = std::uint64_t{cp} | (std::uint64_t(w) << 32) | (std::uint64_t(h) << 40) |
                              (std::uint64_t(use_bold) << 48);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    if (cache.size() > 4096) cache.clear();  // garbage with every size and code: stay small
    return cache.emplace(key, make_glyph(use_bold ? bold : regular, cp, w, h)).first->second;
  }
};

namespace {

using escpos_align = drivers::escpos::Align;

class Paper {
 public:
  explicit Paper(int width) : width_(width) {}
  int width() const { return width_; }

  // Makes rows [0, rows) exist (white), up to the height limit.
  void ensure(int rows) {
    rows = std::min(rows, EscposPreview::kMaxHeight);
    if (rows <= height_) return;
    const int grown = std::min(std::max(rows, height_ * 2), EscposPreview::kMaxHeight);
    px_.resize(static_cast<std::size_t>(grown) * static_cast<std::size_t>(width_), 255);
    height_ = grown;
  }
  void darken(int x, int y, int coverage) {
    if (x < 0 || x >= width_ || y < 0 || y >= height_ || coverage <= 0) return;
    auto& p = px_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)];
    p = static_cast<std::uint8_t>(std::min<int>(p, 255 - std::min(coverage, 255)));
  }
  void fill(int x, int y, int w, int h) {
    ensure(y + h);
    for (int r = std::max(y, 0); r < std::min(y + h, height_); ++r)
      for (int c = std::max(x, 0); c < std::min(x + w, width_); ++c) darken(c, r, 255);
  }
  PaperImage finish(int used) {
    PaperImage img;
    img.width = width_;
    img.height = std::clamp(used, 1, EscposPreview::kMaxHeight);
    ensure(img.height);
    px_.resize(static_cast<std::size_t>(img.height) * static_cast<std::size_t>(width_));
    img.pixels = std::move(px_);
    return img;
  }

 private:
  int width_;
  int height_ = 0;
  std::vector<std::uint8_t> px_;
};

struct Cell {
  char32_t cp;
  bool bold;
  int w, h;
};

// One job through the interpreter.
class Run {
 public:
  Run(EscposPreview::Impl& fonts, int width) : fonts_(fonts), paper_(width) { reset(); }

  PaperImage go(std::span<const std::uint8_t> b) {
    std::size_t i = 0;
    const std::size_t n = b.size();
    auto at = [&](std::size_t k) -> int { return i + k < n ? b[i + k] : -1; };
    while (i < n && y_ < EscposPreview::kMaxHeight) {
      const std::uint8_t c = b[i];
      if (c == 0x0A) {  // LF
        flush();
        ++i;
      } else if (c == 0x09) {  // HT: one space is enough for a preview
        put(' ');
        ++i;
      } else if (c == 0x1B) {  // ESC
        const int cmd = at(1);
        if (cmd < 0) break;
        const int p = at(2);
        switch (cmd) {
          case '@': reset(); line_.clear(); i += 2; break;
          case 't': i += 3; break;  // codepage: the text is read as PC866 whatever n says
          case 'E': if (p >= 0) st_.bold = p & 1; i += 3; break;
          case 'a':
            if (p == 0 || p == '0') st_.align = escpos_align::Left;
            else if (p == 1 || p == '1') st_.align = escpos_align::Center;
            else if (p == 2 || p == '2') st_.align = escpos_align::Right;
            i += 3;
            break;
          case '!':  // print mode: emphasized, double height, double width
            if (p >= 0) st_.bold = p & 0x08, st_.h = (p & 0x10) ? 2 : 1, st_.w = (p & 0x20) ? 2 : 1;
            i += 3;
            break;
          case 'd':
            if (p >= 0) feed_lines(p);
            i += 3;
            break;
          case 'J':
            if (p >= 0) flush_without_feed(), y_ += p;
            i += 3;
            break;
          case 'p': i += 5; break;  // drawer kick
          case '-': case 'M': case '3': case 'R': case 'V': case '{': case 'G': case 'U': case 'r':
          case ' ': i += 3; break;  // one-parameter modes we do not draw
          default: i += 2; break;
        }
      } else if (c == 0x1D) {  // GS
        const int cmd = at(1);
        if (cmd < 0) break;
        const int p = at(2);
        switch (cmd) {
          case '!':
            if (p >= 0) st_.w = ((p >> 4) & 7) + 1, st_.h = (p & 7) + 1;
            i += 3;
            break;
          case '(': i = two_d_code(b, i); break;
          case 'k': i = barcode(b, i); break;
          case 'V': {
            int units = 0;
            if (p == 65 || p == 66) units = std::max(at(3), 0), i += 4;
            else i += 3;
            cut(units);
            break;
          }
          case 'h': if (p > 0) st_.bar_h = p; i += 3; break;
          case 'w': if (p > 0) st_.bar_w = std::clamp(p, 1, 6); i += 3; break;
          case 'H': if (p >= 0) st_.hri = p; i += 3; break;
          case 'f': case 'B': case 'a': case 'r': case 'b': case '|': i += 3; break;
          case 'L': case 'W': i += 4; break;
          case 'v':  // GS v 0 m xL xH yL yH d…: a raster image we do not draw; skip it whole
            if (at(7) >= 0) i += 8 + std::size_t(at(4) | (at(5) << 8)) * std::size_t(at(6) | (at(7) << 8));
            else i = n;
            break;
          default: i += 2; break;
        }
      } else if (c == 0x10) {  // DLE: real-time requests
        const int cmd = at(1);
        i += cmd == 0x14 ? 5 : (cmd == 0x04 || cmd == 0x05) ? 3 : 2;
      } else if (c < 0x20 || c == 0x7F) {
        ++i;  // CR and other controls: nothing to draw
      } else {
        put(drivers::escpos::pc866_to_unicode(c));
        ++i;
      }
    }
    flush_without_feed();
    return paper_.finish(std::min(y_, EscposPreview::kMaxHeight) + kBottomMargin);
  }

 private:
  struct State {
    escpos_align align = escpos_align::Left;
    bool bold = false;
    int w = 1, h = 1;
    int qr_module = 3;  // Epson's defaults: module 3, level L, barcode 162 high, 3 wide, no HRI
    QRecLevel qr_level = QR_ECLEVEL_L;
    int bar_h = 162, bar_w = 3, hri = 0;
  };

  void reset() {
    st_ = State{};
    qr_data_.clear();
  }

  void put(char32_t cp) {
    const int cw = kCellW * st_.w;
    if (line_w_ + cw > paper_.width()) flush();  // the printer wraps a full line itself
    if (line_.empty()) line_align_ = st_.align;
    if (cw > paper_.width()) return;
    line_.push_back(Cell{cp, st_.bold, st_.w, st_.h});
    line_w_ += cw;
  }

  int x_for(int content_width, escpos_align a) const {
    const int spare = std::max(paper_.width() - content_width, 0);
    return a == escpos_align::Center ? spare / 2 : a == escpos_align::Right ? spare : 0;
  }

  // Prints the buffered line; returns its height (0 when empty).
  int draw_line() {
    if (line_.empty()) return 0;
    int line_h = 0;
    for (const Cell& c : line_) line_h = std::max(line_h, kCellH * c.h);
    paper_.ensure(y_ + line_h);
    int x = x_for(line_w_, line_align_);
    for (const Cell& c : line_) {
      const int top = y_ + line_h - kCellH * c.h;  // cells of a line share the bottom
      const Glyph& g = fonts_.glyph(c.cp, c.w, c.h, c.bold);
      const int strikes = c.bold && !fonts_.have_bold ? 2 : 1;  // double strike, like the head
      for (int s = 0; s < strikes; ++s)
        for (int r = 0; r < g.h; ++r)
          for (int col = 0; col < g.w; ++col)
            paper_.darken(x + g.x + col + s, top + g.y + r, g.bitmap[static_cast<std::size_t>(r * g.w + col)]);
      x += kCellW * c.w;
    }
    line_.clear();
    line_w_ = 0;
    return line_h;
  }

  void flush() { y_ += std::max(draw_line(), kLineFeed); }
  void flush_without_feed() { y_ += draw_line(); }

  void feed_lines(int lines) {
    if (!line_.empty()) {
      flush();
      --lines;
    }
    y_ += std::max(lines, 0) * kLineFeed;
  }

  void cut(int units) {
    flush_without_feed();
    y_ += 24 + std::min(units, 255);
    if (y_ >= EscposPreview::kMaxHeight) return;
    for (int x = 0; x < paper_.width(); x += 12) paper_.fill(x, y_, 7, 2);  // dashed: cut here
    y_ += 2 + kTopMargin;
  }

  // GS ( k pL pH cn fn …: only cn = '1' (QR) means something to us.
  std::size_t two_d_code(std::span<const std::uint8_t> b, std::size_t i) {
    if (i + 4 >= b.size()) return b.size();
    const std::size_t len = std::size_t{b[i + 3]} | (std::size_t{b[i + 4]} << 8);
    const std::size_t start = i + 5;
    const std::size_t end = std::min(start + len, b.size());
    if (len >= 2 && end - start >= 2 && b[start] == 0x31) {
      const std::uint8_t fn = b[start + 1];
      std::span<const std::uint8_t> params = b.subspan(start + 2, end - start - 2);
      if (fn == 0x43 && !params.empty()) st_.qr_module = std::clamp<int>(params[0], 1, 16);
      if (fn == 0x45 && !params.empty() && params[0] >= 0x30 && params[0] <= 0x33)
        st_.qr_level = static_cast<QRecLevel>(params[0] - 0x30);
      if (fn == 0x50 && !params.empty()) qr_data_.assign(params.begin() + 1, params.end());
      if (fn == 0x51) print_qr();
    }
    return end;
  }

  void print_qr() {
    flush_without_feed();
    if (qr_data_.empty() || qr_data_.size() > 7089) return;
    QRcode* q = QRcode_encodeData(static_cast<int>(qr_data_.size()), qr_data_.data(), 0, st_.qr_level);
    if (q == nullptr) return;
    int m = st_.qr_module;
    while (m > 1 && q->width * m > paper_.width()) --m;
    const int size = q->width * m;
    const int x0 = x_for(size, st_.align);
    paper_.ensure(y_ + size);
    for (int r = 0; r < q->width; ++r)
      for (int c = 0; c < q->width; ++c)
        if (q->data[r * q->width + c] & 1) paper_.fill(x0 + c * m, y_ + r * m, m, m);
    y_ += size;
    QRcode_free(q);
  }

  // GS k m …: the bars are drawn schematically (a pattern from the data, not a decodable
  // symbol), with the human-readable text under them when GS H asks for it.
  std::size_t barcode(std::span<const std::uint8_t> b, std::size_t i) {
    if (i + 2 >= b.size()) return b.size();
    const int m = b[i + 2];
    std::size_t start = i + 3, end;
    std::size_t next;
    if (m <= 6) {  // function A: data up to NUL
      end = start;
      while (end < b.size() && b[end] != 0) ++end;
      next = std::min(end + 1, b.size());
    } else if (m >= 65 && m <= 78) {  // function B: length, then data
      if (start >= b.size()) return b.size();
      const std::size_t len = b[start];
      start += 1;
      end = std::min(start + len, b.size());
      next = end;
    } else {
      return i + 3;
    }
    std::string text;
    for (std::size_t k = start; k < end; ++k) text += static_cast<char>(b[k]);
    if (m == 73 && text.size() >= 2 && text[0] == '{') text.erase(0, 2);  // code set selector
    for (std::size_t at = 0; (at = text.find("{{", at)) != std::string::npos; ++at) text.erase(at, 1);
    if (text.empty()) return next;

    flush_without_feed();
    int module = st_.bar_w;
    const int modules = static_cast<int>(text.size() + 3) * 11 + 2;
    while (module > 1 && modules * module > paper_.width()) --module;
    const int x0 = x_for(modules * module, st_.align);
    paper_.ensure(y_ + st_.bar_h);
    std::uint32_t h = 2166136261u;
    for (int k = 0; k < modules; ++k) {
      if (k % 11 == 0) h = (h ^ static_cast<unsigned char>(text[static_cast<std::size_t>(k / 11) % text.size()])) * 16777619u;
      const bool bar = k < 2 || k >= modules - 2 || ((h >> (k % 11)) & 1u) != 0;
      if (bar) paper_.fill(x0 + k * module, y_, module, st_.bar_h);
    }
    y_ += st_.bar_h;
    if (st_.hri == 2 || st_.hri == 3 || st_.hri == '2' || st_.hri == '3') {
      const State saved = st_;
      st_.w = st_.h = 1;
      st_.bold = false;
      line_align_ = st_.align;
      for (char ch : text) put(drivers::escpos::pc866_to_unicode(static_cast<std::uint8_t>(ch)));
      flush_without_feed();
      st_ = saved;
    }
    return next;
  }

  EscposPreview::Impl& fonts_;
  Paper paper_;
  State st_;
  std::vector<std::uint8_t> qr_data_;
  std::vector<Cell> line_;
  int line_w_ = 0;
  escpos_align line_align_ = escpos_align::Left;
  int y_ = kTopMargin;
};

void png_sink(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  const auto* p = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), p, p + size);
}

}  // namespace

EscposPreview::EscposPreview(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EscposPreview::EscposPreview(EscposPreview&&) noexcept = default;
EscposPreview& EscposPreview::operator=(EscposPreview&&) noexcept = default;
EscposPreview::~EscposPreview() = default;

Result<EscposPreview> EscposPreview::create(const PreviewFonts& fonts) {
  auto impl = std::make_unique<Impl>();
  if (!load_font(impl->regular, fonts.regular)) {
    std::string msg = _("Receipt preview: cannot read the font %s");
    msg.replace(msg.find("%s"), 2, fonts.regular);
    return fail(ErrorCode::Io, msg, "stb_truetype could not load " + fonts.regular);
  }
  impl->have_bold = !fonts.bold.empty() && load_font(impl->bold, fonts.bold);
  return EscposPreview(std::move(impl));
}

PaperImage EscposPreview::render(std::span<const std::uint8_t> bytes, int width_dots) {
  Run run(*impl_, std::clamp(width_dots, 96, 2048));
  return run.go(bytes);
}

std::vector<std::uint8_t> encode_png(const PaperImage& image) {
  std::vector<std::uint8_t> out;
  if (image.width <= 0 || image.height <= 0) return out;
  stbi_write_png_to_func(png_sink, &out, image.width, image.height, 1, image.pixels.data(), image.width);
  return out;
}

std::vector<std::uint8_t> EscposPreview::render_png(std::span<const std::uint8_t> bytes, int width_dots) {
  return encode_png(render(bytes, width_dots));
}

Status EscposPreview::write_png(std::span<const std::uint8_t> bytes, int width_dots,
                                const std::filesystem::path& png) {
  const std::vector<std::uint8_t> data = render_png(bytes, width_dots);
  return db::write_file_atomically(
      png.string(), std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
}

}  // namespace rg::printing
