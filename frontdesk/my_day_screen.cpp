#include "my_day_screen.h"

#include "palette.h"

#include <imgui.h>

#include <cstdio>

#include "appointment_changes.h"
#include "calendar.h"
#include "dialog.h"
#include "staff.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {


const char* status_words(db::AppointmentStatus s) {
  using S = db::AppointmentStatus;
  switch (s) {
    case S::Booked: return _("booked");
    case S::Confirmed: return _("confirmed");
    case S::Arrived: return _("waiting");
    case S::InRoom: return _("in the room");
    case S::Done: return _("seen");
    case S::NoShow: return _("did not come");
    case S::Cancelled: return _("cancelled");
  }
  return "";
}

}  // namespace

std::string MyDayScreen::title() const { return _("My day"); }

void MyDayScreen::reload() {
  if (loading_) {
    again_ = true;
    return;
  }
  if (!ctx_.user_id) return;
  loading_ = true;
  const std::int64_t user = *ctx_.user_id;
  ctx_.worker.submit([this, user](db::Database& db) -> db::Worker::Continuation {
    auto doctor = db::doctor_of(db, user);
    Result<std::vector<db::FlowRow>> rows = std::vector<db::FlowRow>{};
    const std::int64_t now = db::now_unix();
    if (doctor && *doctor) rows = db::today_flow(db, to_local(now).date, now);
    return [this, doctor = std::move(doctor), rows = std::move(rows)]() {
      loading_ = false;
      error_.clear();
      if (!doctor) error_ = doctor.error().message;
      else doctor_id_ = *doctor;
      if (!rows) error_ = rows.error().message;
      rows_.clear();
      if (rows && doctor_id_)
        for (auto& r : *rows)
          if (r.doctor_id == *doctor_id_) rows_.push_back(std::move(r));
      if (std::exchange(again_, false)) reload();
    };
  });
}

void MyDayScreen::step(std::int64_t appointment_id, db::AppointmentStatus to) {
  busy_ = true;
  ctx_.worker.submit([this, appointment_id, to, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    Status st = to == db::AppointmentStatus::InRoom ? db::call_in(db, appointment_id, actor)
                                                    : db::set_status(db, appointment_id, to, actor);
    return [this, st]() {
      busy_ = false;
      error_ = st ? std::string() : st.error().message;
      reload();
    };
  });
}

void MyDayScreen::draw() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(ctx_.user_name.c_str());
  ImGui::PopFont();
  if (!loading_ && !doctor_id_ && error_.empty()) {
    ImGui::TextColored(kAmber, "%s",
                       _("Your account is not linked to a doctor's record: the manager links it under Settings → "
                         "Employees."));
    return;
  }
  int waiting = 0, seen = 0;
  for (const auto& r : rows_) {
    waiting += r.status == db::AppointmentStatus::Arrived;
    seen += r.status == db::AppointmentStatus::Done;
  }
  ImGui::TextColored(kQuiet, _("Today: %d patients · waiting: %d · seen: %d"), static_cast<int>(rows_.size()), waiting,
                     seen);
  if (!error_.empty()) ImGui::TextColored(kError, "%s", error_.c_str());
  ImGui::Spacing();
  if (!ImGui::BeginTable("my-day", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(_("Time"), ImGuiTableColumnFlags_WidthFixed, 120);
  ImGui::TableSetupColumn(_("Patient"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(_("Status"), ImGuiTableColumnFlags_WidthFixed, 260);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 220);
  ImGui::TableHeadersRow();
  ImGui::BeginDisabled(busy_);
  for (const auto& r : rows_) {
    ImGui::PushID(static_cast<int>(r.appointment_id));
    ImGui::TableNextRow(0, 44);
    ImGui::TableNextColumn();
    // Text sits on the buttons' line: every row as tall as its button.
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (34 - ImGui::GetTextLineHeight()) / 2);
    ImGui::Text("%s–%s", hhmm(r.start_min).c_str(), hhmm(r.end_min).c_str());
    ImGui::TableNextColumn();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (34 - ImGui::GetTextLineHeight()) / 2);
    ImGui::TextUnformatted(r.patient_name.c_str());
    if (r.first_visit) {
      ImGui::SameLine();
      ImGui::TextColored(kAmber, "%s", _("first visit"));
    }
    ImGui::TableNextColumn();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (34 - ImGui::GetTextLineHeight()) / 2);
    const bool waits = r.status == db::AppointmentStatus::Arrived;
    if (waits) ImGui::TextColored(r.waiting_min >= 15 ? kAmber : kGreen, _("waiting %d min"), r.waiting_min);
    else ImGui::TextUnformatted(status_words(r.status));
    ImGui::TableNextColumn();
    if (waits && primary_button(_("Call in"), ImVec2(200, 34))) step(r.appointment_id, db::AppointmentStatus::InRoom);
    if (r.status == db::AppointmentStatus::InRoom && ImGui::Button(_("Visit finished"), ImVec2(200, 34)))
      step(r.appointment_id, db::AppointmentStatus::Done);
    ImGui::PopID();
  }
  ImGui::EndDisabled();
  ImGui::EndTable();
  if (rows_.empty() && !loading_) ImGui::TextColored(kQuiet, "%s", _("No patients booked for today."));
}

}  // namespace rg::desk
