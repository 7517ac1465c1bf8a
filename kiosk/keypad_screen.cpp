// Phone + date of birth (or the OMS policy's number) on a big keypad: an instruction heading,
// fields that fill as the patient taps, keys of 3 × 4 cm, and «Найти мою запись» grey, with the
// reason said above it, until the number is complete. Nothing about anyone shows until it matches.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk_app.h"
#include "kiosk_words.h"
#include "ui/i18n.h"

namespace rg::kiosk {
namespace {

// The digits typed so far poured into a pattern, underscores for the ones still missing, so the
// patient sees what is left: «+7 (916) 123-4_-__», «__.__.____», «7703 12__ ____ ____».
std::string masked(const char* pattern, const std::string& digits) {
  std::string out;
  size_t k = 0;
  for (const char* p = pattern; *p; ++p) out += *p == '_' ? (k < digits.size() ? digits[k++] : '_') : *p;
  return out;
}

}  // namespace

void KioskApp::draw_keys(ImVec2 pad, ImVec2 key, float gap, const char* last_label, bool last_enabled) {
  const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", last_label};
  const double now = ImGui::GetTime();
  ImGui::PushFont(shell_.font(72));
  for (int i = 0; i < 12; ++i) {
    ImGui::SetCursorPos(ImVec2(pad.x + float(i % 3) * (key.x + gap), pad.y + float(i / 3) * (key.y + gap)));
    ImGui::PushID(i);
    if (kiosk_button(keys[i], key, i != 11 || last_enabled)) flow_.key(i == 9 ? '<' : i == 11 ? '>' : keys[i][0], now);
    ImGui::PopID();
  }
  ImGui::PopFont();
}

void KioskApp::draw_admin_pin(float w, float h) {
  const bool portrait = h > w;
  const float margin = portrait ? 56.f : 72.f;
  const KioskState& s = state();
  ImGui::SetCursorPos(ImVec2(margin, margin * 0.6f));
  ImGui::PushFont(shell_.font(48));
  ImGui::PushTextWrapPos(w - margin);
  ImGui::TextWrapped("%s", _("Closing the kiosk: an administrator's PIN"));
  ImGui::PopTextWrapPos();
  std::string dots;
  for (size_t i = 0; i < s.pin.size(); ++i) dots += "● ";
  ImGui::SetCursorPosX(margin);
  ImGui::PushFont(shell_.font(72));
  ImGui::TextUnformatted(dots.empty() ? " " : dots.c_str());
  ImGui::PopFont();
  if (s.pin_refused) {
    ImGui::SetCursorPosX(margin);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(180, 35, 24, 255));
    ImGui::TextUnformatted(_("Wrong PIN."));
    ImGui::PopStyleColor();
  } else if (s.pin.size() < 4) {
    ImGui::SetCursorPosX(margin);  // why OK is grey
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(70, 78, 90, 255));
    ImGui::TextUnformatted(_("Type at least 4 digits."));
    ImGui::PopStyleColor();
  }
  ImGui::PopFont();
  const float key_w = portrait ? (w - 2 * margin - 48.f) / 3 : 200.f, key_h = portrait ? 150.f : 130.f;
  const ImVec2 pad = portrait ? ImVec2(margin, h * 0.3f) : ImVec2(w - margin - 3 * key_w - 48.f, margin * 0.6f + 100.f);
  draw_keys(pad, ImVec2(key_w, key_h), 24.f, "OK", s.pin.size() >= 4);
  ImGui::SetCursorPos(ImVec2(margin, h - margin - 140.f));
  ImGui::PushFont(shell_.font(48));
  if (ui::button(_("Back"), ImVec2(300.f, 140.f))) flow_.back_to_start(ImGui::GetTime());
  ImGui::PopFont();
}

void KioskApp::draw_keypad(float w, float h) {
  const bool portrait = h > w;
  const float margin = portrait ? 56.f : 72.f, gap = 24.f;
  const ImU32 ink = IM_COL32(17, 20, 24, 255), accent = IM_COL32(11, 87, 208, 255);
  KioskState& s = state();
  const double now = ImGui::GetTime();

  // The keypad: right of everything in landscape, under the fields in portrait; keys of 3 × 4 cm.
  const float key_w = portrait ? (w - 2 * margin - 2 * gap) / 3 : 200.f, key_h = portrait ? 150.f : 130.f;
  const float pad_x = portrait ? margin : w - margin - 3 * key_w - 2 * gap;
  const float column_w = portrait ? w - 2 * margin : pad_x - margin - 48.f;  // the words' column

  // First what to do, in a heading; every label below is the same size in both orientations.
  ImGui::SetCursorPos(ImVec2(margin, margin * 0.6f));
  ImGui::PushFont(shell_.font(72));
  ImGui::PushStyleColor(ImGuiCol_Text, ink);
  ImGui::PushTextWrapPos(w - margin);
  ImGui::TextWrapped("%s", keypad_heading(s));
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();

  // Two ways in, as two tabs: the chosen one solid blue, the other outlined — never grey, which
  // on this kiosk means «cannot be pressed yet».
  const float tabs_y = ImGui::GetCursorPosY() + 12.f;
  ImGui::SetCursorPos(ImVec2(margin, tabs_y));
  const float tab_w = std::min(520.f, (column_w - gap) / 2);
  ImGui::PushFont(shell_.font(48));
  for (int t = 0; t < 2; ++t) {
    if (t) ImGui::SameLine(0, gap);
    const bool on = (t == 1) == s.by_policy;
    const char* label = t == 0 ? _("By phone") : _("By OMS policy");
    if (on ? ui::button(label, ImVec2(tab_w, 110.f)) : kiosk_outlined_button(label, ImVec2(tab_w, 110.f)))
      flow_.use_policy(t == 1, now);
  }
  ImGui::PopFont();

  // The fields: the one being typed is framed in blue; a tap on the other moves there.
  auto field = [&](const char* label, const std::string& shown, int index, bool active, float y, float width) {
    ImGui::SetCursorPos(ImVec2(margin, y));
    ImGui::PushFont(shell_.font(48));
    ImGui::TextUnformatted(label);
    ImGui::PopFont();
    ImGui::SetCursorPosX(margin);
    const ImVec2 at = ImGui::GetCursorScreenPos(), box(std::floor(at.x), std::floor(at.y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The frame as a filled shape under a white one: a stroked 2 px edge on whole pixels drops
    // a row along part of its length.
    const float edge = active ? 5.f : 2.f;
    dl->AddRectFilled(box, ImVec2(box.x + width, box.y + 120), active ? accent : IM_COL32(107, 116, 128, 255), 14);
    dl->AddRectFilled(ImVec2(box.x + edge, box.y + edge), ImVec2(box.x + width - edge, box.y + 120 - edge),
                      IM_COL32(255, 255, 255, 255), 14 - edge);
    ImGui::PushFont(shell_.font(72));
    dl->AddText(ImVec2(box.x + 28, box.y + 22), ink, shown.c_str());
    ImGui::PopFont();
    ImGui::InvisibleButton(label, ImVec2(width, 120));
    if (ImGui::IsItemClicked() && index >= 0) s.field = index;
    return ImGui::GetCursorPosY();
  };
  const float field_w = portrait ? w - 2 * margin : std::min(column_w, 760.f);
  float y = tabs_y + 110.f + 30.f;
  if (s.by_policy) {
    y = field(_("The 16 digits of the policy"), masked("____ ____ ____ ____", s.policy), -1, true, y, field_w);
  } else {
    y = field(_("Mobile phone"), masked("+7 (___) ___-__-__", s.phone), 0, s.field == 0, y, field_w);
    y = field(_("Date of birth"), masked("__.__.____", s.birth), 1, s.field == 1, y + 10.f, field_w);
  }

  const ImVec2 pad(pad_x, portrait ? y + 40.f : tabs_y);
  const bool complete = s.keypad_needs() == KeypadNeeds::None;
  const bool last = s.field == 1 || s.by_policy;
  draw_keys(pad, ImVec2(key_w, key_h), gap, last ? "OK" : "→", last ? complete : s.phone.size() == 10);

  // Why «Найти мою запись» (and the → or OK key) cannot be pressed yet, right above it.
  const float bottom = h - margin - 140.f;
  const float keys_end = pad.y + 4 * key_h + 3 * gap;
  ImGui::PushFont(shell_.font(48));
  if (const char* hint = keypad_hint(s); *hint) {
    ImGui::SetCursorPos(ImVec2(margin, portrait ? keys_end + 36.f : y + 36.f));
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(70, 78, 90, 255));
    ImGui::PushTextWrapPos(margin + column_w);
    ImGui::TextWrapped("%s", hint);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }

  // Bottom: back, and the big «Найти мою запись», grey until the number is complete.
  ImGui::SetCursorPos(ImVec2(margin, bottom));
  if (ui::button(_("Back"), ImVec2(300.f, 140.f))) flow_.back_to_start(now);
  ImGui::SameLine(0, 40);
  if (kiosk_button(_("Find my appointment"), ImVec2(std::min(640.f, w - 2 * margin - 340.f), 140.f), complete))
    flow_.submit_keypad(now);
  ImGui::PopFont();
  if (portrait) draw_countdown(margin, bottom - 66.f, w - 2 * margin);
  else draw_countdown(pad_x, keys_end + 36.f, 3 * key_w + 2 * gap);
}

}  // namespace rg::kiosk
