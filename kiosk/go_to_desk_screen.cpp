// «Подойдите в регистратуру»: a kind sentence why — never an error code — and where the desk is.
// After a typed number was not found, «Исправить номер» goes back to the keypad with the digits
// kept. Also the screen for a database that did not answer.
#include <imgui.h>

#include <algorithm>

#include "kiosk_app.h"
#include "kiosk_words.h"
#include "ui/i18n.h"

namespace rg::kiosk {

void KioskApp::draw_go_to_desk(float w, float h) {
  const bool portrait = h > w;
  const float margin = portrait ? 56.f : 72.f, text_w = w - 2 * margin;
  const double now = ImGui::GetTime();
  const Words words = desk_words(state());

  ImGui::SetCursorPos(ImVec2(margin, h * (portrait ? 0.22f : 0.16f)));
  ImGui::PushFont(shell_.font(72));
  ImGui::PushTextWrapPos(margin + text_w);
  ImGui::TextWrapped("%s", words.headline.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, 24));
  ImGui::SetCursorPosX(margin);
  ImGui::PushFont(shell_.font(48));
  ImGui::PushTextWrapPos(margin + text_w);
  ImGui::TextWrapped("%s", words.reason.c_str());
  if (const std::string where = desk_location(); !where.empty()) {
    ImGui::Dummy(ImVec2(0, 16));
    ImGui::SetCursorPosX(margin);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(70, 78, 90, 255));
    ImGui::TextWrapped("%s", where.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();

  // A mistyped number is corrected, not typed again from the start: the main way out then.
  const float bottom = h - margin - 150.f;
  const bool fix = state().can_fix_number();
  // Portrait stacks the two choices, each the full width; otherwise one is 640 px wide.
  const ImVec2 button(fix && portrait ? text_w : std::min(640.f, portrait ? text_w : (text_w - 40.f) / 2), 150.f);
  if (fix) {
    ImGui::SetCursorPos(portrait ? ImVec2(margin, bottom - 150.f - 32.f) : ImVec2(margin, bottom));
    if (ui::button(_("Correct the number"), button)) flow_.fix_number(now);
  }
  ImGui::SetCursorPos(ImVec2(fix && !portrait ? margin + button.x + 40.f : margin, bottom));
  // The way out is the second choice when the number can be corrected.
  const bool back = fix ? kiosk_outlined_button(_("Back to the start"), button) : ui::button(_("Back to the start"), button);
  if (back) flow_.back_to_start(now);
  ImGui::PopFont();
  // Beside the one button in landscape; above the buttons otherwise.
  const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + 40.f;
  if (fix || portrait) draw_countdown(margin, (fix && portrait ? bottom - 182.f : bottom) - 80.f, text_w);
  else draw_countdown(after, bottom + 50.f, w - margin - after);
}

}  // namespace rg::kiosk
