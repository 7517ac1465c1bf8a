#include "paper_preview.h"

#include <memory>
#include <optional>

#include "escpos_preview.h"

namespace rg::printing {

void attach_png_preview(drivers::SimReceiptPrinter& printer) {
  auto preview = std::make_shared<std::optional<EscposPreview>>();
  printer.on_printed([width = printer.profile().width_dots, preview](const std::filesystem::path& job,
                                                                    std::span<const std::uint8_t> bytes) {
    if (!*preview) {
      if (auto p = EscposPreview::create()) preview->emplace(std::move(*p));
      else return;  // no font: the bytes are still there
    }
    (void)(*preview)->write_png(bytes, width, std::filesystem::path(job).replace_extension(".png"));
  });
}

}  // namespace rg::printing
