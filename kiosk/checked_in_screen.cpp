// «Вы отмечены»: the queue number, today's visits in order (time, doctor, room), where to go, and
// what to do if the ticket did not print. A masked name only; nothing about anyone else.
#include <imgui.h>

#include <cstdio>

#include "kiosk_app.h"
#include "ui/i18n.h"

namespace rg::kiosk {

void KioskApp::draw_checked_in(float w, float h) {
  const bool portrait = h > w;
  const float margin = portrait ? 56.f : 72.f, text_w = w - 2 * margin;
  const ImU32 ink = IM_COL32(17, 20, 24, 255), ok = IM_COL32(18, 128, 92, 255), warn = IM_COL32(180, 83, 9, 255);
  const Shown& s = state().shown;
  const double now = ImGui::GetTime();

  ImGui::SetCursorPos(ImVec2(margin, margin * 0.6f));
  ImGui::PushFont(shell_.font(72));
  ImGui::PushStyleColor(ImGuiCol_Text, ok);
  ImGui::TextUnformatted(s.queue_number > 0 ? _("You are checked in") : _("You are already checked in"));
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SetCursorPosX(margin);
  ImGui::PushFont(shell_.font(48));
  ImGui::TextUnformatted(s.masked_name.c_str());
  ImGui::PopFont();

  // The number, big, and the visits beside it (under it in portrait).
  float y = margin * 0.6f + 170.f;
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
  }
  const float list_x = portrait ? margin : margin + 420.f;
  if (portrait) y += 300.f;
  ImGui::SetCursorPos(ImVec2(list_x, y));
  ImGui::PushFont(shell_.font(48));
  for (const auto& v : s.visits) {
    ImGui::SetCursorPosX(list_x);
    std::string line = hhmm(v.start_min) + "   " + v.doctor;
    ImGui::TextUnformatted(line.c_str());
    ImGui::SetCursorPosX(list_x);
    std::string where = v.position + (v.room.empty() ? "" : std::string(" · ") + _("Room") + " " + v.room);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(70, 78, 90, 255));
    ImGui::TextUnformatted(where.c_str());
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 12));
  }
  ImGui::PopFont();

  // What to do now.
  ImGui::SetCursorPos(ImVec2(margin, portrait ? h * 0.55f : h * 0.5f));
  ImGui::PushFont(shell_.font(48));
  ImGui::PushTextWrapPos(margin + text_w);
  // Checked in, and the desk is needed first: paperwork or money.
  const bool desk_first = s.desk == DeskMessage::FirstVisit || s.desk == DeskMessage::Debt ||
                          s.desk == DeskMessage::InsuranceExpired;
  if (s.also_desk && desk_first) {
    ImGui::PushStyleColor(ImGuiCol_Text, warn);
    ImGui::TextWrapped("%s", desk_sentence(s.desk));
    ImGui::PopStyleColor();
  } else if (!s.visits.empty() && !s.visits.front().room.empty()) {
    char buf[256];
    std::snprintf(buf, sizeof buf, _("Please go to room %s and wait to be called."), s.visits.front().room.c_str());
    ImGui::TextWrapped("%s", buf);
  }
  if (!s.printer_problem.empty()) {
    ImGui::Dummy(ImVec2(0, 12));
    ImGui::SetCursorPosX(margin);
    ImGui::PushStyleColor(ImGuiCol_Text, warn);
    ImGui::TextWrapped("%s", _("The ticket could not be printed. Please remember your number and the room; the front desk knows you are here."));
    ImGui::PopStyleColor();
  } else if (s.queue_number > 0) {
    ImGui::Dummy(ImVec2(0, 12));
    ImGui::SetCursorPosX(margin);
    ImGui::TextWrapped("%s", _("Take your ticket from the printer below."));
  }
  ImGui::PopTextWrapPos();
  ImGui::PopFont();

  const float bottom = h - margin - 140.f;
  ImGui::SetCursorPos(ImVec2(margin, bottom));
  ImGui::PushFont(shell_.font(48));
  if (ui::button(_("Finish"), ImVec2(std::min(520.f, text_w), 140.f))) flow_.back_to_start(now);
  ImGui::PopFont();
  draw_countdown(margin + std::min(520.f, text_w) + 40.f, bottom + 40.f);
  (void)ink;
}

}  // namespace rg::kiosk
