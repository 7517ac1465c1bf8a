// Pages are drawn from the top of a scrolling child, each centred with a thin border on a grey
// desk; the page in view is the one under the upper third of the panel. Ctrl + wheel zooms.
#include "document_preview.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

constexpr float kGap = 14.f;    // between pages and around them
constexpr float kThumbW = 96.f;  // thumbnail width
constexpr float kMinZoom = 0.25f, kMaxZoom = 3.f;

ImU32 col(unsigned rgb, int alpha = 255) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

}  // namespace

void DocumentPreview::show(std::vector<docs::PageImage> pages, double dpi, bool keep_place) {
  const int was = current_;
  pages_.clear();
  error_.clear();
  dpi_ = dpi > 0 ? dpi : 96;
  for (auto& p : pages) {
    auto t = ui::Texture::from_rgba(shell_, p.width, p.height, p.rgba.data());
    if (!t) {
      error_ = t.error();
      pages_.clear();
      return;
    }
    pages_.push_back(std::move(*t));
    p.rgba = {};  // uploaded: the card has it now
  }
  if (keep_place && !pages_.empty()) {
    current_ = std::min(was, page_count() - 1);  // the scroll position is the child's: it stays
    return;
  }
  current_ = 0;
  scroll_to_ = 0;
}

float DocumentPreview::fit_width_px() const {
  // Before the first frame: the panel at 1600 px wide, less the list and the page list.
  const float avail = last_avail_ > 0 ? last_avail_ : 760.f;
  return avail - 2 * kGap;
}

void DocumentPreview::clear() {
  pages_.clear();
  error_.clear();
  current_ = 0;
  scroll_to_ = -1;
}

void DocumentPreview::go_to(int page) {
  if (pages_.empty()) return;
  scroll_to_ = std::clamp(page, 0, page_count() - 1);
  current_ = scroll_to_;
}

bool DocumentPreview::lost() const {
  return std::any_of(pages_.begin(), pages_.end(), [](const ui::Texture& t) { return t.lost(); });
}

void DocumentPreview::set_zoom(float zoom) {
  fit_ = false;
  zoom_ = std::clamp(zoom, kMinZoom, kMaxZoom);
}

float DocumentPreview::effective_scale(float avail_width) const {
  if (pages_.empty()) return 1.f;
  const float w = float(pages_.front().width());
  if (fit_) return std::max(0.05f, (avail_width - 2 * kGap) / w);
  return zoom_ * 96.f / float(dpi_);
}

void DocumentPreview::draw(const char* id, ImVec2 size) {
  ImGui::PushID(id);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  if (size.y <= 0) size.y = avail.y;
  ImGui::BeginGroup();
  draw_bar(size.x);
  const float rest = std::max(80.f, size.y - ImGui::GetFrameHeightWithSpacing());
  float pages_w = size.x;
  if (page_count() > 1) {
    draw_thumbnails(rest);
    ImGui::SameLine(0, 6);
    pages_w -= kThumbW + 2 * 8 + 6 + ImGui::GetStyle().ScrollbarSize;
  }
  draw_pages(ImVec2(pages_w, rest));
  ImGui::EndGroup();
  ImGui::PopID();
}

void DocumentPreview::draw_bar(float width) {
  ImGui::AlignTextToFramePadding();
  char pages[96] = "";
  if (!pages_.empty()) std::snprintf(pages, sizeof pages, _("Page %d of %d"), current_ + 1, page_count());
  ImGui::TextUnformatted(pages);
  // At the right end: −, the zoom (a click goes to 100 %), +, «По ширине».
  const char* fit_label = _("Fit width");
  const ImGuiStyle& style = ImGui::GetStyle();
  const float fit_w = ImGui::CalcTextSize(fit_label).x + 2 * style.FramePadding.x;
  const float pct_w = 120.f, btn = ImGui::GetFrameHeight();
  const float bar_w = 2 * btn + pct_w + fit_w + 3 * 4 + 4;
  ImGui::SameLine(std::max(ImGui::CalcTextSize(pages).x + 24, width - bar_w));
  ImGui::BeginDisabled(pages_.empty());
  const float zoom = last_scale_ * float(dpi_) / 96.f;
  auto step = [this](float z) { set_zoom(std::round(z * 20.f) / 20.f); };
  if (ImGui::Button("−", ImVec2(btn, 0))) step(zoom / 1.25f);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("Smaller (Ctrl + wheel)"));
  ImGui::SameLine(0, 4);
  char pct[48];
  std::snprintf(pct, sizeof pct, "%.0f %%###zoom", double(zoom) * 100.0);
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
  if (ImGui::Button(pct, ImVec2(pct_w, 0))) set_zoom(1.f);
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("Actual size"));
  ImGui::SameLine(0, 4);
  if (ImGui::Button("+", ImVec2(btn, 0))) step(zoom * 1.25f);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("Larger (Ctrl + wheel)"));
  ImGui::SameLine(0, 4);
  ImGui::BeginDisabled(fit_);
  if (ImGui::Button(fit_label)) fit_width();
  ImGui::EndDisabled();
  ImGui::EndDisabled();
}

void DocumentPreview::draw_thumbnails(float height) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(col(0xEEF0F3)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 8));
  ImGui::BeginChild("thumbs", ImVec2(kThumbW + 16 + ImGui::GetStyle().ScrollbarSize, height), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int i = 0; i < page_count(); ++i) {
    const ui::Texture& t = pages_[size_t(i)];
    const float h = kThumbW * float(t.height()) / float(std::max(1, t.width()));
    ImGui::PushID(i);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("page", ImVec2(kThumbW, h))) go_to(i);
    const bool on = i == current_;
    dl->AddImage(t.id(), p, ImVec2(p.x + kThumbW, p.y + h));
    dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + kThumbW + 1, p.y + h + 1),
                on ? col(0x2F6FEB) : col(0xC4C9D0), 0.f, 0, on ? 3.f : 1.f);
    char n[16];
    std::snprintf(n, sizeof n, "%d", i + 1);
    const float nw = ImGui::CalcTextSize(n).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (kThumbW - nw) / 2);
    if (on) ImGui::TextUnformatted(n);
    else ImGui::TextDisabled("%s", n);
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

void DocumentPreview::draw_pages(ImVec2 size) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(col(0xDDE1E6)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::BeginChild("pages", size, false, ImGuiWindowFlags_HorizontalScrollbar);
  const float avail_w = ImGui::GetContentRegionAvail().x;
  // The page under the mouse stays put while Ctrl + wheel zooms.
  if (!pages_.empty() && ImGui::IsWindowHovered() && ImGui::GetIO().KeyCtrl && ImGui::GetIO().MouseWheel != 0) {
    const float percent = last_scale_ * float(dpi_) / 96.f;
    set_zoom(percent * (ImGui::GetIO().MouseWheel > 0 ? 1.1f : 1.f / 1.1f));
    ImGui::SetScrollY(ImGui::GetScrollY());  // ImGui scrolls with the wheel too: keep the position
  }
  const float scale = effective_scale(avail_w);
  last_scale_ = scale;
  last_avail_ = avail_w;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  float widest = 0.f, y = kGap;
  const float view_top = ImGui::GetScrollY(), view_probe = view_top + ImGui::GetWindowHeight() / 3.f;
  int in_view = current_;
  for (int i = 0; i < page_count(); ++i) {
    const ui::Texture& t = pages_[size_t(i)];
    const float w = float(t.width()) * scale, h = float(t.height()) * scale;
    widest = std::max(widest, w);
    const float x = std::max(kGap, (avail_w - w) / 2.f);
    if (scroll_to_ == i) ImGui::SetScrollY(y - kGap);
    if (view_probe >= y - kGap && view_probe < y + h) in_view = i;
    const ImVec2 a(origin.x + x, origin.y + y), b(a.x + w, a.y + h);
    dl->AddRectFilled(ImVec2(a.x + 2, a.y + 3), ImVec2(b.x + 3, b.y + 4), col(0x000000, 40));  // shadow
    dl->AddImage(t.id(), a, b);
    dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), col(0xB8BEC6));
    y += h + kGap;
  }
  if (scroll_to_ >= 0) scroll_to_ = -1;
  else current_ = in_view;
  ImGui::Dummy(ImVec2(std::max(avail_w, widest + 2 * kGap), std::max(1.f, y)));
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace rg::desk
