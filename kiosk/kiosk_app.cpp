// Kiosk frame: one full-screen window, the current screen, the scanner, the inactivity reset.
#include "kiosk_app.h"

#include <imgui.h>

#include <cmath>
#include <cstring>
#include <ctime>

#include <SDL_scancode.h>

#include "ui/i18n.h"

namespace rg::kiosk {

KioskApp::KioskApp(ui::Shell& shell, db::Clinic clinic, CheckinFlow& flow)
    : shell_(shell), clinic_(std::move(clinic)), flow_(flow) {}

void centred_text(const char* text, float width, ImU32 color) {
  ImFont* f = ImGui::GetFont();
  const char* line = text;
  const char* end = text + std::strlen(text);
  while (line < end) {
    const char* brk = f->CalcWordWrapPositionA(1.f, line, end, width);
    if (brk == line) brk = line + 1;
    ImVec2 ls = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, line, brk);
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - ls.x) / 2);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(line, brk);
    ImGui::PopStyleColor();
    line = brk;
    while (line < end && (*line == ' ' || *line == '\n')) ++line;
  }
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

void KioskApp::draw_countdown(float x, float y) {
  double left = state().countdown(ImGui::GetTime());
  if (left < 0) return;
  char buf[128];
  std::snprintf(buf, sizeof buf, _("Returning to the start in %d s"), int(std::ceil(left)));
  ImGui::SetCursorPos(ImVec2(x, y));
  ImGui::PushFont(shell_.font(48));
  ImGui::TextUnformatted(buf);
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
