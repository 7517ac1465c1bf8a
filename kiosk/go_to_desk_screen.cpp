// «Подойдите к стойке регистратуры»: where a patient is sent when the kiosk cannot help.
#include <imgui.h>

#include <cmath>

#include "kiosk_app.h"
#include "ui/i18n.h"

namespace rg::kiosk {

void KioskApp::draw_go_to_desk(float w, float h) {
  const bool portrait = h > w;
  const float margin = portrait ? 56.f : 72.f, text_w = w - 2 * margin;
  ImGui::SetCursorPos(ImVec2(margin, h * (portrait ? 0.28f : 0.22f)));
  ImGui::PushFont(shell_.font(72));
  ImGui::PushTextWrapPos(margin + text_w);
  ImGui::TextWrapped("%s", _("Please come to the front desk"));
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, 24));
  ImGui::SetCursorPosX(margin);
  ImGui::PushFont(shell_.font(48));
  ImGui::PushTextWrapPos(margin + text_w);
  ImGui::TextWrapped("%s", _("An administrator will check you in and answer your questions."));
  if (!clinic_.desk_location.empty()) {
    ImGui::Dummy(ImVec2(0, 16));
    ImGui::SetCursorPosX(margin);
    ImGui::TextWrapped("%s", clinic_.desk_location.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::PopFont();

  ImGui::SetCursorPos(ImVec2(margin, h - margin - 150.f));
  ImGui::PushFont(shell_.font(48));
  if (ui::button(_("Back to the start"), ImVec2(std::min(640.f, text_w), 150.f)))
    state_.go(KioskScreen::Start, ImGui::GetTime());
  ImGui::PopFont();
  double left = state_.countdown(ImGui::GetTime());
  if (left >= 0) {
    char buf[128];
    std::snprintf(buf, sizeof buf, _("Returning to the start in %d s"), int(std::ceil(left)));
    ImGui::SetCursorPos(ImVec2(margin + std::min(640.f, text_w) + 40.f, h - margin - 100.f));
    ImGui::TextUnformatted(buf);
  }
}

}  // namespace rg::kiosk
