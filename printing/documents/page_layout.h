// Blocks laid out on pages with Pango, drawn with Cairo: once to PDF, or to PNG pages for the
// preview. Layout runs once; the page count is known before anything is drawn, so every page can
// say «Страница N из M».
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "error.h"
#include "md_blocks.h"

typedef struct _PangoContext PangoContext;
typedef struct _cairo cairo_t;

namespace rg::docs {

struct PageSetup {
  double width = 595.2756, height = 841.8898;  // points; A4
  double left = 70.87, right = 34.02, top = 42.52, bottom = 51.02;  // 25, 12, 15, 18 mm
  double font_size = 10.5;
  bool page_numbers = true;
  static PageSetup for_paper(const std::string& paper, double font_size, bool page_numbers);
};

class PagedDocument {
 public:
  // `ctx` is a Pango context made for print (72 dpi, no hinting): see DocumentEngine.
  static Result<PagedDocument> lay_out(PangoContext* ctx, const std::vector<Block>& blocks, const PageSetup& page);
  int page_count() const { return int(pages_.size()); }
  const PageSetup& setup() const { return page_; }
  // Draws one page (0-based) in points, with its footer.
  void draw_page(cairo_t* cr, int index) const;

  using DrawOp = std::function<void(cairo_t*)>;

 private:
  friend class Layouter;
  PageSetup page_;
  std::vector<std::vector<DrawOp>> pages_;
  std::vector<DrawOp> footers_;
};

struct PdfInfo {
  std::string title, author, subject;
  std::string created;  // "2025-03-12T00:00:00": from the data, never the clock
};

// The PDF file (fonts embedded as subsets by Cairo).
Result<std::string> pdf_bytes(const PagedDocument& doc, const PdfInfo& info);
// PNG files of the pages at `dpi`, white background.
Result<std::vector<std::string>> png_pages(const PagedDocument& doc, double dpi);
// RGBA pixels (straight alpha, row-major) of one page, for a texture in the UI.
struct PageImage {
  int width = 0, height = 0;
  std::vector<unsigned char> rgba;
};
Result<PageImage> page_image(const PagedDocument& doc, int index, double dpi);

}  // namespace rg::docs
