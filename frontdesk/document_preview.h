// The pages of a document as images: a column of page thumbnails, the pages one under another
// in a scrolling panel (fit to its width, or zoomed), «Страница N из M» for the page in view.
// Pixels come from a worker (docs::page_image); textures are made here, on the UI thread, and
// the pixels are dropped once uploaded.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "page_layout.h"
#include "ui/texture.h"

namespace rg::ui {
class Shell;
}

namespace rg::desk {

class DocumentPreview {
 public:
  explicit DocumentPreview(ui::Shell& shell) : shell_(shell) {}

  // A new document's pages rendered at `dpi` (UI thread). Keeps the zoom; goes to page 1, or
  // stays where it was with `keep_place` (the same document with fresher data).
  void show(std::vector<docs::PageImage> pages, double dpi, bool keep_place = false);
  void clear();
  bool empty() const { return pages_.empty(); }
  int page_count() const { return int(pages_.size()); }
  int current_page() const { return current_; }  // 0-based: the page in view
  void go_to(int page);
  // The renderer was replaced (offscreen resize): the textures went with it, render again.
  bool lost() const;
  // Fit to width, or a zoom where 1 is the page at its size on paper on a 96 dpi screen.
  void fit_width() { fit_ = true; }
  void set_zoom(float zoom);

  // The page bar (page N of M, zoom) and the pages, in `size` (0 = what is left).
  void draw(const char* id, ImVec2 size);
  // Why the pages could not be shown (texture creation failed), or "".
  const std::string& error() const { return error_; }
  // How wide «по ширине» draws a page, in pixels: render at this width and nothing is scaled.
  float fit_width_px() const;

 private:
  void draw_bar(float width);
  void draw_thumbnails(float height);
  void draw_pages(ImVec2 size);
  float effective_scale(float avail_width) const;  // screen pixels per texture pixel

  ui::Shell& shell_;
  std::vector<ui::Texture> pages_;
  double dpi_ = 96;
  bool fit_ = true;
  float zoom_ = 1.f;             // when not fitting
  float last_scale_ = 1.f;       // what the last frame drew with
  float last_avail_ = 0.f;
  int current_ = 0;
  int scroll_to_ = -1;           // a page to bring to the top on the next frame
  std::string error_;
};

}  // namespace rg::desk
