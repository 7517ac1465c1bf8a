// The start screen: the clinic, the time, what to do («Отсканируйте QR-код…»), one big button.
// Works in landscape 1920×1080 and portrait 1080×1920; every target is far above 15 mm.
#include <imgui.h>

#include <cstring>
#include <ctime>

#include "calendar.h"
#include "kiosk_app.h"
#include "ui/format.h"
#include "ui/i18n.h"

namespace rg::kiosk {
namespace {

// A stylised QR code: tells at a glance what to hold up to the scanner.
void qr_picture(ImVec2 p, float size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int n = 21;
  float c = size / n;
  dl->AddRectFilled(ImVec2(p.x - 12, p.y - 12), ImVec2(p.x + size + 12, p.y + size + 12), IM_COL32(255, 255, 255, 255), 12);
  dl->AddRect(ImVec2(p.x - 12, p.y - 12), ImVec2(p.x + size + 12, p.y + size + 12), IM_COL32(11, 87, 208, 255), 12, 0, 4);
  auto cell = [&](int x, int y, int span, ImU32 color) {
    dl->AddRectFilled(ImVec2(p.x + float(x) * c, p.y + float(y) * c),
                      ImVec2(p.x + float(x + span) * c, p.y + float(y + span) * c), color);
  };
  const ImU32 dark = IM_COL32(17, 20, 24, 255), light = IM_COL32(255, 255, 255, 255);
  for (auto [x, y] : {std::pair{0, 0}, std::pair{14, 0}, std::pair{0, 14}}) {
    cell(x, y, 7, dark);
    cell(x + 1, y + 1, 5, light);
    cell(x + 2, y + 2, 3, dark);
  }
  unsigned bits = 0x9E3779B9u;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      bool in_finder = (x < 8 && y < 8) || (x > 12 && y < 8) || (x < 8 && y > 12);
      bits = bits * 1664525u + 1013904223u;
      if (!in_finder && (bits >> 28) & 1) cell(x, y, 1, dark);
    }
}

}  // namespace

void KioskApp::draw_start(float w, float h) {
  const bool portrait = h > w;
  const ImU32 ink = IM_COL32(17, 20, 24, 255), quiet = IM_COL32(70, 78, 90, 255);
  const float margin = portrait ? 56.f : 72.f;

  // Top: the clinic on the left, the clock on the right.
  ImGui::SetCursorPos(ImVec2(margin, margin * 0.6f));
  ImGui::PushFont(shell_.font(48));
  const std::string& name = clinic_.short_name.empty() ? clinic_.name : clinic_.short_name;
  ImGui::TextUnformatted(name.c_str());
  ImGui::PopFont();
  // The administrator's way out: five taps on the clinic's name within four seconds.
  if (ImGui::IsItemClicked()) {
    const double t = ImGui::GetTime();
    if (t - first_tap_ > 4.0) secret_taps_ = 0, first_tap_ = t;
    if (++secret_taps_ >= 5) secret_taps_ = 0, flow_.open_admin(t);
  }
  LocalTime now = to_local(db::now_unix());
  std::string clock = hhmm(now.minutes);
  std::string date = ui::weekday_name(now.date.iso_weekday()) + ", " +
                     ui::long_date(now.date.year(), now.date.month(), now.date.day());
  ImGui::PushFont(shell_.font(72));
  float cw = ImGui::CalcTextSize(clock.c_str()).x;
  ImGui::SetCursorPos(ImVec2(w - margin - cw, margin * 0.6f - 12));
  ImGui::TextUnformatted(clock.c_str());
  ImGui::PopFont();
  float dw = ImGui::CalcTextSize(date.c_str()).x;
  ImGui::SetCursorPos(ImVec2(w - margin - dw, margin * 0.6f + 72));
  ImGui::PushStyleColor(ImGuiCol_Text, quiet);
  ImGui::TextUnformatted(date.c_str());
  ImGui::PopStyleColor();

  // Middle: the QR picture, the greeting, the one instruction and the button. Portrait stacks
  // them; landscape puts the picture left of the words.
  ImVec2 button(std::min(700.f, w - 2 * margin), 150.f);  // about 18×4 cm on a 21.5" screen
  float text_x = 0, text_w = w - 2 * margin, y = 0;
  const ImVec2 win = ImGui::GetWindowPos();
  if (portrait) {
    const float qr = 300.f;
    y = h * 0.2f;
    qr_picture(ImVec2(win.x + (w - qr) / 2, win.y + y), qr);
    y += qr + 90.f;
  } else {
    const float qr = 380.f, column = 520.f;
    qr_picture(ImVec2(win.x + margin + (column - qr) / 2 - 20, win.y + (h - qr) / 2), qr);
    text_x = margin + column;
    text_w = w - text_x - margin;
    y = h * 0.27f;
  }
  ImGui::SetCursorPosY(y);
  ImGui::PushFont(shell_.font(72));
  if (portrait) centred_text(_("Welcome!"), text_w, ink);
  else {
    ImGui::SetCursorPosX(text_x);
    ImGui::TextUnformatted(_("Welcome!"));
  }
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, 16));
  ImGui::PushFont(shell_.font(48));
  if (portrait) {
    centred_text(_("Scan the QR code from your appointment or press «Check\u00A0in»"), text_w, ink);
  } else {
    ImGui::SetCursorPosX(text_x);
    ImGui::PushTextWrapPos(text_x + text_w);
    ImGui::TextWrapped("%s", _("Scan the QR code from your appointment or press «Check\u00A0in»"));
    ImGui::PopTextWrapPos();
  }
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, portrait ? 80.f : 56.f));
  ImGui::SetCursorPosX(portrait ? (w - button.x) / 2 : text_x);
  ImGui::PushFont(shell_.font(72));
  if (ui::button(_("Check in"), button)) flow_.open_keypad(ImGui::GetTime());
  ImGui::PopFont();

  // Bottom: where the desk is, and the language.
  std::string help = std::string(_("Questions? The front desk is here:")) + " " + clinic_.desk_location;
  ImGui::SetCursorPos(ImVec2(margin, h - margin - (portrait ? 240.f : 80.f)));
  ImGui::PushStyleColor(ImGuiCol_Text, quiet);
  ImGui::PushTextWrapPos(portrait ? w - margin : w - margin - 360.f);
  ImGui::TextWrapped("%s", help.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  draw_language_toggle(w - margin - 300.f, h - margin - 100.f);
}

void KioskApp::draw_language_toggle(float x, float y) {
  ImGui::SetCursorPos(ImVec2(x, y));
  // Each language is named in itself, so a visitor finds their own.
  const bool ru = ui::language() == ui::Language::Ru;
  ImGui::PushFont(shell_.font(48));
  bool pressed = ui::button(ru ? "English" : "Русский", ImVec2(300.f, 100.f));
  ImGui::PopFont();
  if (pressed) {
    ui::set_language(ru ? ui::Language::En : ui::Language::Ru);
    state().touch(ImGui::GetTime());
  }
}

}  // namespace rg::kiosk
