// «Вы отмечены»: the queue number, today's visits in order (time, doctor, room), where to go, and
// what to do if the ticket did not print. When the desk is needed first, that is the headline,
// before anything else, with a reason an onlooker learns nothing from. A patient identified again
// (a lost ticket, unsure it worked) sees «Вы уже отмечены» with the same number and can print the
// same ticket once more. A masked name only; nothing about anyone else.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "kiosk_app.h"
#include "kiosk_words.h"
#include "ui/i18n.h"

namespace rg::kiosk {

void KioskApp::draw_checked_in(float w, float h) {
  const bool portrait = h > w;
  const float margin = portrait ? 56.f : 72.f, text_w = w - 2 * margin;
  const ImU32 quiet = IM_COL32(70, 78, 90, 255);
  const ImU32 ok = IM_COL32(18, 128, 92, 255), warn = IM_COL32(180, 83, 9, 255);
  const Shown& s = state().shown;
  const double now = ImGui::GetTime();
  const Words desk = desk_words(state());
  const bool english = ui::language() == ui::Language::En;

  ImGui::SetCursorPos(ImVec2(margin, margin * 0.6f));
  ImGui::PushTextWrapPos(margin + text_w);
  // Identified again (a lost ticket, unsure it worked): the same number, and the ticket once more.
  const Words again = s.again ? again_words(state()) : Words{};
  const char* checked = s.again             ? again.headline.c_str()
                        : s.queue_number > 0 ? _("You are checked in")
                                             : _("You are already checked in");
  if (!desk.headline.empty()) {
    // The desk first: the headline says so, the reason under it; «checked in» comes after.
    ImGui::PushFont(shell_.font(72));
    ImGui::PushStyleColor(ImGuiCol_Text, warn);
    ImGui::TextWrapped("%s", desk.headline.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::SetCursorPosX(margin);
    ImGui::PushFont(shell_.font(48));
    ImGui::TextWrapped("%s", desk.reason.c_str());
    ImGui::Dummy(ImVec2(0, 8));
    ImGui::SetCursorPosX(margin);
    ImGui::PushStyleColor(ImGuiCol_Text, ok);
    ImGui::TextWrapped("%s · %s", checked, s.masked_name.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
  } else {
    ImGui::PushFont(shell_.font(72));
    ImGui::PushStyleColor(ImGuiCol_Text, ok);
    ImGui::TextWrapped("%s", checked);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::SetCursorPosX(margin);
    ImGui::PushFont(shell_.font(48));
    ImGui::TextUnformatted(s.masked_name.c_str());
    ImGui::PopFont();
  }
  ImGui::PopTextWrapPos();

  // The number, big, and the visits beside it (under it in portrait).
  float y = ImGui::GetCursorPosY() + 24.f;
  const float list_top = y;
  if (s.queue_number > 0) {
    ImGui::SetCursorPos(ImVec2(margin, y));
    ImGui::PushFont(shell_.font(48));
    ImGui::TextUnformatted(_("Your number"));
    ImGui::PopFont();
    char num[32];
    std::snprintf(num, sizeof num, "%d", s.queue_number);
    ImGui::SetCursorPosX(margin);
    ImGui::PushFont(shell_.font(144));
    ImGui::TextUnformatted(num);
    ImGui::PopFont();
    if (portrait) y = ImGui::GetCursorPosY() + 16.f;
  }
  const float list_x = portrait || s.queue_number == 0 ? margin : margin + 420.f;
  ImGui::SetCursorPos(ImVec2(list_x, y));
  ImGui::PushFont(shell_.font(48));
  ImGui::PushTextWrapPos(w - margin);
  for (const auto& v : s.visits) {
    ImGui::SetCursorPosX(list_x);
    std::string line = hhmm(v.start_min) + "   " + v.doctor;
    ImGui::TextUnformatted(line.c_str());
    ImGui::SetCursorPosX(list_x);
    // The specialty as the desk names the doctor; the clinic keeps it in Russian only, so the
    // English screen shows the room alone.
    char room[96] = "";
    if (!v.room.empty()) std::snprintf(room, sizeof room, _("Room %s"), v.room.c_str());
    std::string where = english || v.specialty.empty() ? room : v.specialty + (*room ? std::string(" · ") + room : "");
    ImGui::PushStyleColor(ImGuiCol_Text, quiet);
    ImGui::TextWrapped("%s", where.c_str());
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 12));
  }
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  const float list_end = std::max(ImGui::GetCursorPosY(), s.queue_number > 0 && !portrait ? list_top + 250.f : 0.f);

  // What to do now.
  ImGui::SetCursorPos(ImVec2(margin, list_end + 24.f));
  ImGui::PushFont(shell_.font(48));
  ImGui::PushTextWrapPos(margin + text_w);
  if (desk.headline.empty() && !s.visits.empty() && !s.visits.front().room.empty()) {
    char buf[256];
    std::snprintf(buf, sizeof buf, _("Please go to room %s and wait to be called."), s.visits.front().room.c_str());
    ImGui::TextWrapped("%s", buf);
    ImGui::Dummy(ImVec2(0, 12));
  }
  ImGui::SetCursorPosX(margin);
  if (!s.printer_problem.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, warn);
    ImGui::TextWrapped("%s", _("The ticket could not be printed. Please remember your number and the room; the front desk knows you are here."));
    ImGui::PopStyleColor();
  } else if (s.again) {
    ImGui::TextWrapped("%s", again.reason.c_str());
  } else if (s.queue_number > 0) {
    ImGui::TextWrapped("%s", _("Take your ticket from the printer below."));
  }
  ImGui::PopTextWrapPos();
  ImGui::PopFont();

  const float bottom = h - margin - 140.f;
  // The ticket again: the main choice, until it came out (grey while it prints, the line above
  // says so); «Готово» beside it in landscape, under it in portrait, each the full width there.
  const bool offer = s.again && s.queue_number > 0 && !s.reprinted;
  ImGui::PushFont(shell_.font(48));
  if (offer) {
    const ImVec2 big(portrait ? text_w : 820.f, 140.f);
    ImGui::SetCursorPos(portrait ? ImVec2(margin, bottom - 140.f - 32.f) : ImVec2(margin, bottom));
    if (kiosk_button(reprint_label(), big, s.can_reprint())) flow_.reprint(now);
    ImGui::SetCursorPos(portrait ? ImVec2(margin, bottom) : ImVec2(margin + big.x + 40.f, bottom));
    if (kiosk_outlined_button(_("Finish"), ImVec2(portrait ? text_w : 520.f, 140.f))) flow_.back_to_start(now);
  } else {
    ImGui::SetCursorPos(ImVec2(margin, bottom));
    if (ui::button(_("Finish"), ImVec2(std::min(520.f, text_w), 140.f))) flow_.back_to_start(now);
  }
  ImGui::PopFont();
  // Beside the button in landscape, above it in portrait (beside, it would wrap to three lines);
  // above both buttons when there are two.
  if (offer) draw_countdown(margin, (portrait ? bottom - 172.f : bottom) - 80.f, text_w);
  else if (portrait) draw_countdown(margin, bottom - 80.f, text_w);
  else draw_countdown(margin + 560.f, bottom + 40.f, w - 2 * margin - 560.f);
}

}  // namespace rg::kiosk
