// Every change goes to the worker as one core call; the panel reloads from the database after
// it, so what it shows is what was stored, whichever desk changed it.
#include "appointment_panel.h"
#include "dialog.h"

#include <imgui.h>

#include <cstring>

#include "day_grid_view.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

// The usual reasons, one click each; anything else is typed.
constexpr const char* kReasons[] = {N_("The patient cancelled by phone"), N_("The patient is ill"),
                                    N_("The doctor is away"), N_("Booked by mistake")};

const char* action_name(const std::string& action) {
  if (action == "appointment.book" || action == "appointment.book_chain") return _("booked");
  if (action == "appointment.status") return _("status changed");
  if (action == "appointment.cancel") return _("cancelled");
  if (action == "appointment.move") return _("moved");
  if (action == "appointment.checkin") return _("checked in");
  if (action == "appointment.call_in") return _("called into the room");
  if (action == "appointment.no_show") return _("no-show");
  if (action == "appointment.undo_status") return _("status taken back");
  return action.c_str();
}

// The "to" of a status change's details: {"from":"booked","to":"confirmed"}.
std::string detail_status(const std::string& json) {
  auto p = json.find("\"to\":\"");
  if (p == std::string::npos) return {};
  auto e = json.find('"', p + 6);
  auto s = db::status_from_db(json.substr(p + 6, e - p - 6));
  return s ? db::status_name(*s) : "";
}

}  // namespace

void AppointmentPanel::open(std::int64_t appointment_id) {
  if (appointment_id != id_) {
    cancelling_ = false;
    reason_[0] = 0;
    error_.clear();
  }
  id_ = appointment_id;
  int gen = ++generation_;
  ctx_.worker.submit([this, gen, appointment_id](db::Database& db) -> db::Worker::Continuation {
    auto a = db::load_appointment(db, appointment_id);
    auto h = db::appointment_history(db, appointment_id);
    return [this, gen, a = std::move(a), h = std::move(h)]() mutable {
      if (gen != generation_) return;
      if (!a) {
        appt_.reset();
        error_ = a.error().message;
        return;
      }
      appt_ = std::move(*a);
      if (h) history_ = std::move(*h);
    };
  });
}

void AppointmentPanel::run(std::function<Status(db::Database&)> change) {
  busy_ = true;
  error_.clear();
  int gen = generation_;
  ctx_.worker.submit([this, gen, change = std::move(change)](db::Database& db) -> db::Worker::Continuation {
    auto r = change(db);
    return [this, gen, r]() {
      if (gen != generation_) return;
      busy_ = false;
      if (!r) error_ = r.error().message;
      else cancelling_ = false;
      reload();
    };
  });
}

void AppointmentPanel::set_status(db::AppointmentStatus to) {
  if (to == db::AppointmentStatus::Cancelled) {
    cancelling_ = true;
    return;
  }
  auto id = id_;
  auto actor = ctx_.actor();
  run([id, to, actor](db::Database& db) { return db::set_status(db, id, to, actor); });
}

void AppointmentPanel::move_to(const db::MoveTo& to, bool tell_patient) {
  auto id = id_;
  auto actor = ctx_.actor();
  run([id, to, actor, tell_patient](db::Database& db) {
    return tell_patient ? db::move_for_absence(db, id, to, actor) : db::move_appointment(db, id, to, actor);
  });
}

void AppointmentPanel::draw(const std::function<void()>& on_move) {
  if (!id_) return;
  if (!appt_) {
    if (!error_.empty()) ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "%s", error_.c_str());
    else ImGui::TextDisabled("%s", _("Loading…"));
    return;
  }
  const db::Appointment& a = *appt_;
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextWrapped("%s", a.patient_name.c_str());
  ImGui::PopFont();
  if (!a.patient_phone.empty()) ImGui::TextUnformatted(format_phone(a.patient_phone).c_str());
  LocalTime from = to_local(a.start_at), to = to_local(a.end_at);
  ImGui::TextWrapped("%s, %s, %s–%s", ui::weekday_name(from.date.iso_weekday()).c_str(),
                     ui::long_date(from.date.year(), from.date.month(), from.date.day()).c_str(),
                     hhmm(from.minutes).c_str(), hhmm(to.minutes).c_str());
  std::string where = a.doctor_name + (a.room.empty() ? "" : std::string(" · ") + _("Room") + " " + a.room);
  ImGui::TextUnformatted(where.c_str());
  if (!a.services.empty()) ImGui::TextWrapped("%s", a.services.c_str());
  if (a.first_visit) ImGui::TextColored(ImVec4(0.76f, 0.25f, 0.05f, 1), "%s", _("First visit: contract and consent needed"));
  if (!a.note.empty()) ImGui::TextWrapped("%s: %s", _("Note"), a.note.c_str());

  // The status as a coloured badge.
  StatusLook look = status_look(a.status);
  ImGui::Spacing();
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImVec2 ts = ImGui::CalcTextSize(_(look.name));
  ImU32 fill = IM_COL32((look.fill >> 16) & 0xFF, (look.fill >> 8) & 0xFF, look.fill & 0xFF, 255);
  ImU32 accent = IM_COL32((look.accent >> 16) & 0xFF, (look.accent >> 8) & 0xFF, look.accent & 0xFF, 255);
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + ts.x + 20, p.y + ts.y + 8), fill, 4.f);
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + 4, p.y + ts.y + 8), accent, 2.f);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 12, p.y + 4));
  ImGui::TextUnformatted(_(look.name));
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + ts.y + 12));
  if (a.status == db::AppointmentStatus::Cancelled && !a.cancel_reason.empty())
    ImGui::TextWrapped("%s: %s", _("Reason"), a.cancel_reason.c_str());

  ImGui::Spacing();
  ImGui::BeginDisabled(busy_);
  int n = 0;
  for (db::AppointmentStatus next : db::next_statuses(a.status)) {
    if (next == db::AppointmentStatus::Cancelled) continue;
    if (n++ % 2) ImGui::SameLine();
    std::string label = std::string("→ ") + db::status_name(next);
    if (ImGui::Button(label.c_str(), ImVec2(190, 0))) set_status(next);
  }
  bool coming = db::holds_time(a.status) && a.status != db::AppointmentStatus::Done;
  if (coming) {
    if (ImGui::Button(_("Move…"), ImVec2(190, 0))) on_move();
    ImGui::SameLine();
    if (ImGui::Button(_("Cancel appointment…"), ImVec2(190, 0))) cancelling_ = true;
  }
  ImGui::EndDisabled();
  ImGui::BeginDisabled();
  ImGui::Button(_("Print slip"), ImVec2(190, 0));
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", _("Slips are printed once the documents module is installed."));
  if (cancelling_ && coming) draw_cancel();
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.70f, 0.10f, 0.10f, 1));
    ImGui::TextWrapped("%s", error_.c_str());
    ImGui::PopStyleColor();
  }

  if (!history_.empty()) {
    ImGui::Separator();
    ImGui::TextDisabled("%s", _("History"));
    for (const auto& h : history_) {
      LocalTime t = to_local(h.at_ms / 1000);
      std::string status = h.action == "appointment.status" ? " → " + detail_status(h.details) : "";
      ImGui::TextDisabled("%s %s · %s%s · %s", t.date.ru().c_str(), hhmm(t.minutes).c_str(),
                          action_name(h.action), status.c_str(), h.who.c_str());
    }
  }
}

void AppointmentPanel::draw_cancel() {
  ImGui::Separator();
  ImGui::TextUnformatted(_("Why is it cancelled?"));
  reason_input("reason", reason_, sizeof reason_,
               {kReasons[0], kReasons[1], kReasons[2], kReasons[3]});
  ImGui::BeginDisabled(busy_ || fold_spaces(reason_).empty());
  if (ui::button(_("Cancel the appointment"), ImVec2(230, 0))) {
    auto id = id_;
    auto actor = ctx_.actor();
    std::string why = reason_;
    run([id, why, actor](db::Database& db) { return db::cancel_appointment(db, id, why, actor); });
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(_("Keep it"), ImVec2(140, 0))) cancelling_ = false;
}

}  // namespace rg::desk
