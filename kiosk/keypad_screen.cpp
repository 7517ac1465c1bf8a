// Phone + date of birth on a big keypad: two fields that fill as the patient taps, keys of
// 3 × 4 cm, «Готово» only when both are complete. Nothing about anyone shows until both match.
#include <imgui.h>

#include <algorithm>

#include "kiosk_app.h"
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
    ImGui::BeginDisabled(i == 11 && !last_enabled);
    if (ui::button(keys[i], key)) flow_.key(i == 9 ? '<' : i == 11 ? '>' : keys[i][0], now);
    ImGui::EndDisabled();
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
  const float margin = portrait ? 56.f : 72.f;
  KioskState& s = state();
  const double now = ImGui::GetTime();

  // Two ways in, as two big tabs: phone + date of birth, or the OMS policy number.
  ImGui::SetCursorPos(ImVec2(margin, margin * 0.6f));
  const float tab_w = std::min(720.f, (w - 2 * margin - 24.f) / 2);
  // The larger type when both labels fit their tab (landscape), the base size otherwise.
  ImGui::PushFont(shell_.font(48));
  const bool fits = ImGui::CalcTextSize(_("Phone and date of birth")).x + 40.f < tab_w &&
                    ImGui::CalcTextSize(_("OMS policy number")).x + 40.f < tab_w;
  if (!fits) ImGui::PopFont(), ImGui::PushFont(shell_.font(30));
  for (int t = 0; t < 2; ++t) {
    if (t) ImGui::SameLine(0, 24);
    bool on = (t == 1) == s.by_policy;
    if (!on) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(226, 232, 240, 255));
    if (ui::button(t == 0 ? _("Phone and date of birth") : _("OMS policy number"), ImVec2(tab_w, 110.f)))
      flow_.use_policy(t == 1, now);
    if (!on) ImGui::PopStyleColor();
  }
  ImGui::PopFont();

  // The two fields: the one being typed is framed in blue.
  auto field = [&](const char* label, const std::string& value, bool active, ImVec2 at, float width) {
    ImGui::SetCursorPos(at);
    ImGui::PushFont(shell_.font(48));
    ImGui::TextUnformatted(label);
    ImGui::PopFont();
    ImGui::SetCursorPosX(at.x);
    ImVec2 box = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(box, ImVec2(box.x + width, box.y + 120), IM_COL32(255, 255, 255, 255), 14);
    dl->AddRect(box, ImVec2(box.x + width, box.y + 120),
                active ? IM_COL32(11, 87, 208, 255) : IM_COL32(150, 158, 170, 255), 14, 0, active ? 5.f : 2.f);
    ImGui::PushFont(shell_.font(72));
    dl->AddText(ImVec2(box.x + 28, box.y + 22), IM_COL32(17, 20, 24, 255), value.c_str());
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(width, 120));
    if (ImGui::IsItemClicked()) s.field = &value == &s.phone ? 0 : 1;
  };
  const float field_w = portrait ? w - 2 * margin : 760.f;
  const float top = ImGui::GetCursorPosY() + 30.f;
  if (s.by_policy) {
    field(_("The 16 digits of the policy"), masked("____ ____ ____ ____", s.policy), true, ImVec2(margin, top), field_w);
  } else {
    field(_("Mobile phone"), masked("+7 (___) ___-__-__", s.phone), s.field == 0, ImVec2(margin, top), field_w);
    field(_("Date of birth"), masked("__.__.____", s.birth), s.field == 1, ImVec2(margin, top + 210.f), field_w);
  }

  // The keypad: right of the fields in landscape, under them in portrait.
  const float key_w = portrait ? (w - 2 * margin - 2 * 24.f) / 3 : 200.f, key_h = portrait ? 150.f : 130.f, gap = 24.f;
  const ImVec2 pad = portrait ? ImVec2(margin, top + 470.f) : ImVec2(w - margin - 3 * key_w - 2 * gap, top - 20.f);
  const bool complete = s.by_policy ? s.policy.size() == 16 : s.phone.size() == 10 && s.birth.size() == 8;
  const bool last = s.field == 1 || s.by_policy;
  draw_keys(pad, ImVec2(key_w, key_h), gap, last ? "OK" : "→",
            last ? complete : s.phone.size() == 10);

  // Bottom: back, and the big «Найти запись» once both fields are full.
  const float bottom = h - margin - 140.f;
  ImGui::SetCursorPos(ImVec2(margin, bottom));
  ImGui::PushFont(shell_.font(48));
  if (ui::button(_("Back"), ImVec2(300.f, 140.f))) flow_.back_to_start(now);
  ImGui::SameLine(0, 40);
  ImGui::BeginDisabled(!complete);
  if (ui::button(_("Find my appointment"), ImVec2(std::min(640.f, w - 2 * margin - 340.f), 140.f)))
    flow_.submit_keypad(now);
  ImGui::EndDisabled();
  ImGui::PopFont();
  draw_countdown(margin, bottom - 80.f);
}

}  // namespace rg::kiosk
