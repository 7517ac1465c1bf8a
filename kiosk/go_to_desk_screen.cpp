// «Подойдите в регистратуру»: a kind sentence why — never an error code — and where the desk is.
// Also the screen for a database that did not answer.
#include <imgui.h>

#include <cstdio>

#include "kiosk_app.h"
#include "ui/i18n.h"

namespace rg::kiosk {
const char* desk_sentence(DeskMessage m, bool unavailable) {
  if (unavailable) return _("The kiosk cannot reach the appointments just now. The front desk will check you in.");
  switch (m) {
    case DeskMessage::NotFound: return _("We could not find your appointment. An administrator will help you.");
    case DeskMessage::NoAppointmentToday: return _("We found no appointment for you today. An administrator will help you.");
    case DeskMessage::TooLate: return _("The time of your appointment has passed. An administrator will see whether the doctor can still see you.");
    case DeskMessage::TooManyTries: return _("Too many tries. Please ask at the front desk, or try again in a minute.");
    case DeskMessage::ScanUnreadable: return _("This code could not be read. Try once more, or use «Check in» and your phone number.");
    case DeskMessage::PolicyMistyped: return _("The policy number does not add up: a digit may be mistyped. Please try again or ask at the front desk.");
    case DeskMessage::FirstVisit: return _("This is your first visit: please come to the front desk first to sign the contract and the consent.");
    case DeskMessage::Debt: return _("Please come to the front desk before your appointment: there is an unpaid invoice from an earlier visit.");
    case DeskMessage::InsuranceExpired: return _("Please come to the front desk before your appointment: your insurance (DMS) guarantee letter has expired.");
    case DeskMessage::TooEarly:
    case DeskMessage::None: break;
  }
  return _("An administrator will check you in and answer your questions.");
}

void KioskApp::draw_go_to_desk(float w, float h) {
  const bool portrait = h > w;
  const float margin = portrait ? 56.f : 72.f, text_w = w - 2 * margin;
  const Shown& s = state().shown;
  const bool unavailable = state().screen == KioskScreen::Unavailable;
  const double now = ImGui::GetTime();
  ImGui::SetCursorPos(ImVec2(margin, h * (portrait ? 0.22f : 0.16f)));
  ImGui::PushFont(shell_.font(72));
  ImGui::PushTextWrapPos(margin + text_w);
  if (s.desk == DeskMessage::TooEarly && !unavailable) {
    char buf[160];
    std::snprintf(buf, sizeof buf, _("Check-in opens at %s"), hhmm(s.opens_at_min).c_str());
    ImGui::TextWrapped("%s", buf);
  } else {
    ImGui::TextWrapped("%s", _("Please come to the front desk"));
  }
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, 24));
  ImGui::SetCursorPosX(margin);
  ImGui::PushFont(shell_.font(48));
  ImGui::PushTextWrapPos(margin + text_w);
  if (s.desk == DeskMessage::TooEarly && !unavailable)
    ImGui::TextWrapped("%s", _("Please take a seat; you can check in here a little later, or at the front desk."));
  else
    ImGui::TextWrapped("%s", desk_sentence(s.desk, unavailable));
  if (!clinic_.desk_location.empty()) {
    ImGui::Dummy(ImVec2(0, 16));
    ImGui::SetCursorPosX(margin);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(70, 78, 90, 255));
    ImGui::TextWrapped("%s", clinic_.desk_location.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
  ImGui::PopFont();

  const float bottom = h - margin - 150.f;
  ImGui::SetCursorPos(ImVec2(margin, bottom));
  ImGui::PushFont(shell_.font(48));
  if (ui::button(_("Back to the start"), ImVec2(std::min(640.f, text_w), 150.f))) flow_.back_to_start(now);
  ImGui::PopFont();
  draw_countdown(margin + std::min(640.f, text_w) + 40.f, bottom + 50.f);
}

}  // namespace rg::kiosk
