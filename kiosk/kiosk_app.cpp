// Kiosk frame: one full-screen window, the current screen, the scanner, the inactivity reset.
#include "kiosk_app.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>

#include <SDL_scancode.h>

#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::kiosk {

KioskApp::KioskApp(ui::Shell& shell, db::Clinic clinic, KioskSettings settings, CheckinFlow& flow)
    : shell_(shell), clinic_(std::move(clinic)), settings_(std::move(settings)), flow_(flow) {}

std::string KioskApp::desk_location() const {
  return kiosk::desk_location(clinic_, settings_, ui::language() == ui::Language::En);
}

void centred_text(const char* text, float width, ImU32 color) {
  centred_text_at(text, ImGui::GetWindowWidth() / 2, width, color);
}

void centred_text_at(const char* text, float centre, float width, ImU32 color) {
  ImFont* f = ImGui::GetFont();
  const char* line = text;
  const char* end = text + std::strlen(text);
  while (line < end) {
    const char* brk = f->CalcWordWrapPositionA(1.f, line, end, width);
    if (brk == line) brk = line + 1;
    ImVec2 ls = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, line, brk);
    ImGui::SetCursorPosX(centre - ls.x / 2);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(line, brk);
    ImGui::PopStyleColor();
    line = brk;
    while (line < end && (*line == ' ' || *line == '\n')) ++line;
  }
}

bool kiosk_button(const char* label, const ImVec2& size, bool enabled) {
  if (enabled) return ui::button(label, size);
  const ImU32 fill = IM_COL32(238, 241, 245, 255), edge = IM_COL32(138, 147, 160, 255);
  ImGui::PushStyleColor(ImGuiCol_Button, fill);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, fill);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, fill);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(84, 92, 105, 255));  // 6:1 on the grey: still readable
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.f);
  ImGui::PushStyleVar(ImGuiStyleVar_DisabledAlpha, 1.f);  // the grey says it; no extra fading
  ImGui::BeginDisabled();
  ImGui::Button(label, size);
  ImGui::EndDisabled();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(4);
  // A dashed edge: nothing else on the kiosk has one, so it never reads as a choice to make.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const float inset = 8.f, dash = 18.f, gap = 12.f, t = 3.f;
  auto dashes = [&](ImVec2 from, ImVec2 to) {
    const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
    for (float d = 0; d < len; d += dash + gap) {
      const float e = std::min(len, d + dash);
      dl->AddLine(ImVec2(from.x + dx * d / len, from.y + dy * d / len), ImVec2(from.x + dx * e / len, from.y + dy * e / len),
                  edge, t);
    }
  };
  const ImVec2 p0(a.x + inset, a.y + inset), p1(b.x - inset, b.y - inset);
  dashes(p0, ImVec2(p1.x, p0.y));
  dashes(ImVec2(p1.x, p0.y), p1);
  dashes(p1, ImVec2(p0.x, p1.y));
  dashes(ImVec2(p0.x, p1.y), p0);
  return false;
}

bool kiosk_outlined_button(const char* label, const ImVec2& size) {
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(255, 255, 255, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(232, 240, 254, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(198, 218, 251, 255));
  const bool pressed = ui::button(label, size);  // picks the near-black label on white
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddRect(a, b, IM_COL32(11, 87, 208, 255), ImGui::GetStyle().FrameRounding, 0, 3.f);
  ImGui::PopStyleColor(3);
  return pressed;
}

void KioskApp::read_scanner(double now) {
  // A keyboard-wedge scanner "types" its payload and Enter. The keypad takes digits only from
  // its own buttons, so typed characters are always the scanner's.
  ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    ImWchar c = io.InputQueueCharacters[i];
    if (c == '\r' || c == '\n') continue;
    if (scan_buffer_.size() < 512) {
      // UTF-8 encode: a Russian layout turns a token's letters into Cyrillic ones.
      if (c < 0x80) scan_buffer_ += char(c);
      else if (c < 0x800) scan_buffer_ += char(0xC0 | (c >> 6)), scan_buffer_ += char(0x80 | (c & 0x3F));
      else scan_buffer_ += char(0xE0 | (c >> 12)), scan_buffer_ += char(0x80 | ((c >> 6) & 0x3F)), scan_buffer_ += char(0x80 | (c & 0x3F));
    }
  }
  io.InputQueueCharacters.resize(0);
  if (demo_worker_ && ImGui::IsKeyPressed(SDL_SCANCODE_F2, false)) {
    std::int64_t unix_now = db::now_unix();
    demo_worker_->submit([this, unix_now](db::Database& db) -> db::Worker::Continuation {
      auto rules = db::load_checkin_rules(db);
      auto card = rules ? db::next_arrival_card(db, unix_now, *rules) : std::optional<std::string>();
      return [this, card = card ? *card : std::optional<std::string>()]() {
        if (card) flow_.scan(*card, ImGui::GetTime());
      };
    });
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter))) {
    if (!scan_buffer_.empty()) flow_.scan(scan_buffer_, now);
    scan_buffer_.clear();
  }
}

void KioskApp::draw_countdown(float x, float y, float width) {
  double left = state().countdown(ImGui::GetTime());
  if (left < 0) return;
  char buf[128];
  std::snprintf(buf, sizeof buf, _("Returning to the start in %d s"), int(std::ceil(left)));
  ImGui::SetCursorPos(ImVec2(x, y));
  ImGui::PushFont(shell_.font(48));
  ImGui::PushTextWrapPos(width > 0 ? x + width : -1.f);
  ImGui::TextWrapped("%s", buf);
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void KioskApp::draw_checking(float w, float h) {
  ImGui::SetCursorPosY(h * 0.4f);
  ImGui::PushFont(shell_.font(72));
  centred_text(_("Looking for your appointment…"), w - 120.f, IM_COL32(17, 20, 24, 255));
  ImGui::PopFont();
}

void KioskApp::frame() {
  ImGuiIO& io = ImGui::GetIO();
  double now = ImGui::GetTime();
  if (io.MouseClicked[0]) state().touch(now);
  read_scanner(now);
  flow_.tick(now);

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin("##kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoScrollbar);
  const float w = vp->Size.x, h = vp->Size.y;
  switch (state().screen) {
    case KioskScreen::Start: draw_start(w, h); break;
    case KioskScreen::PhoneEntry: draw_keypad(w, h); break;
    case KioskScreen::Checking: draw_checking(w, h); break;
    case KioskScreen::CheckedIn: draw_checked_in(w, h); break;
    case KioskScreen::GoToDesk:
    case KioskScreen::Unavailable: draw_go_to_desk(w, h); break;
    case KioskScreen::AdminPin: draw_admin_pin(w, h); break;
  }
  ImGui::End();
}

}  // namespace rg::kiosk
