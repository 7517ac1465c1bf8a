// The board is one indexed query over the day's appointments; every step along the flow is one
// transaction that checks the move against the statuses' rules before the schema does, writes the
// audit entry beside the change, and leaves nothing half done (a no-show without its call task).
#include "flow.h"

#include <algorithm>
#include <cstdio>

#include "appointment_changes.h"
#include "clinic.h"
#include "i18n.h"
#include "tasks.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

using S = AppointmentStatus;

}  // namespace

Result<std::vector<FlowRow>> today_flow(Database& db, Date day, std::int64_t now) {
  RG_TRY_ASSIGN(CheckinRules rules, load_checkin_rules(db));
  const std::int64_t from = to_unix(day, 0), to = to_unix(day.plus_days(1), 0);
  const LocalTime here = to_local(now);
  std::vector<FlowRow> out;
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT a.id, a.patient_id, p.surname, p.name, p.patronymic, "
      "(SELECT phone FROM patient_phones WHERE patient_id = p.id ORDER BY position LIMIT 1), "
      "d.surname, d.name, d.patronymic, coalesce(r.number, ''), a.start_at, a.end_at, a.status, "
      "a.visit_kind, a.checked_in_at, coalesce(a.checked_in_by, ''), q.number, a.updated_at, "
      "EXISTS (SELECT 1 FROM printed_documents d WHERE d.appointment_id = a.id AND d.kind = 'contract'), "
      "a.doctor_id "
      "FROM appointments a JOIN patients p ON p.id = a.patient_id JOIN doctors d ON d.id = a.doctor_id "
      "LEFT JOIN rooms r ON r.id = a.room_id "
      "LEFT JOIN queue_tickets q ON q.day = ?3 AND q.patient_id = a.patient_id "
      "WHERE a.start_at >= ?1 AND a.start_at < ?2 AND a.status <> 'cancelled' "
      "ORDER BY a.start_at, d.surname, d.name, a.id"));
  st->bind_all(from, to, day.iso());
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    FlowRow r;
    r.appointment_id = st->col_int(0);
    r.patient_id = st->col_int(1);
    r.patient_name = full_name(st->col_view(2), st->col_view(3), st->col_view(4));
    r.patient_short = masked_name(st->col_view(2), st->col_view(3), st->col_view(4));
    r.patient_phone = st->col_text(5);
    r.doctor = masked_name(st->col_view(6), st->col_view(7), st->col_view(8));
    r.room = st->col_text(9);
    const std::int64_t start_at = st->col_int(10);
    r.start_min = int((start_at - from) / 60);
    r.end_min = int((st->col_int(11) - from) / 60);
    r.status = status_from_db(st->col_view(12)).value_or(S::Booked);
    r.first_visit = st->col_view(13) == "first";
    r.checked_in_at = st->col_opt_int(14);
    r.checked_in_by = st->col_text(15);
    r.queue_number = st->is_null(16) ? 0 : int(st->col_int(16));
    r.contract_printed = st->col_int(18) != 0;
    r.doctor_id = st->col_int(19);
    if (r.status == S::Arrived) {
      // Marked arrived by hand (the schedule's menu) leaves no check-in time: the status's is next best.
      std::int64_t since = r.checked_in_at.value_or(st->col_int(17));
      r.waiting_min = int(std::max<std::int64_t>(0, now - since) / 60);
    }
    if (r.expected()) {
      if (now > start_at) r.late_min = int((now - start_at) / 60);
      r.needs_reason = here.date != day || here.minutes < r.start_min - rules.open_before_min ||
                       here.minutes > r.start_min + rules.late_after_min;
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<FlowThresholds> load_flow_thresholds(Database& db) {
  FlowThresholds t;
  RG_TRY_ASSIGN(t.amber_after_min, get_setting_int(db, "flow.wait_amber_min", t.amber_after_min, 1, 600));
  RG_TRY_ASSIGN(t.red_after_min, get_setting_int(db, "flow.wait_red_min", t.red_after_min, 1, 600));
  t.red_after_min = std::max(t.red_after_min, t.amber_after_min);
  RG_TRY_ASSIGN(t.no_show_after_min, get_setting_int(db, "flow.no_show_after_min", t.no_show_after_min, 5, 600));
  return t;
}

bool probably_absent(const FlowRow& r, const FlowThresholds& t) {
  return r.expected() && r.late_min > t.no_show_after_min;
}

Result<std::vector<OpenVisit>> visits_left_open(Database& db, std::int64_t now, std::int64_t grace_s) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT a.id, a.start_at, a.end_at, a.status, p.surname, p.name, p.patronymic, d.surname, d.name, d.patronymic "
      "FROM appointments a JOIN patients p ON p.id = a.patient_id JOIN doctors d ON d.id = a.doctor_id "
      "WHERE a.status IN ('arrived', 'in_room') AND a.end_at < ?1 ORDER BY a.start_at, a.id"));
  st->bind_all(now - grace_s);
  std::vector<OpenVisit> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    OpenVisit v;
    v.appointment_id = st->col_int(0);
    v.start_at = st->col_int(1);
    v.end_at = st->col_int(2);
    v.status = status_from_db(st->col_view(3)).value_or(S::Arrived);
    v.patient = masked_name(st->col_view(4), st->col_view(5), st->col_view(6));
    v.doctor = masked_name(st->col_view(7), st->col_view(8), st->col_view(9));
    out.push_back(std::move(v));
  }
  return out;
}

Result<int> close_open_visits(Database& db, std::span<const std::int64_t> ids, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::VisitsFlow));
  int closed = 0;
  for (std::int64_t id : ids) {
    RG_TRY_ASSIGN(Appointment a, load_appointment(db, id));
    if (a.status != S::Arrived && a.status != S::InRoom) continue;  // another desk closed it already
    RG_TRY(apply_status(db, a, S::Done));
    RG_TRY(append_audit(db, actor, "appointment.close_open", "appointment", a.id,
                        {{"from", to_db(a.status)}, {"to", to_db(S::Done)}}));
    ++closed;
  }
  RG_TRY(tx.commit());
  return closed;
}

Status mark_no_show(Database& db, std::int64_t appointment_id, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::VisitsFlow));
  RG_TRY_ASSIGN(Appointment a, load_appointment(db, appointment_id));
  if (a.status == S::NoShow) return tx.commit();  // another desk was quicker: one task is enough
  if (a.status != S::Booked && a.status != S::Confirmed)
    return fail(ErrorCode::Invalid, _("Only a patient who is still expected can be marked as a no-show."));
  RG_TRY(apply_status(db, a, S::NoShow));
  const LocalTime lt = to_local(a.start_at);
  char title[512];
  std::snprintf(title, sizeof title, _("No-show %s, %s: call back, offer a new time"),
                (lt.date.ru().substr(0, 5) + " " + hhmm(lt.minutes)).c_str(), a.doctor_name.c_str());
  RG_TRY_ASSIGN(std::int64_t task, add_task(db, TaskKind::Call, a.patient_id, a.id, title, actor));
  RG_TRY(append_audit(db, actor, "appointment.no_show", "appointment", a.id,
                      {{"from", to_db(a.status)}, {"to", to_db(S::NoShow)}, {"task", std::to_string(task)}}));
  return tx.commit();
}

std::vector<AppointmentStatus> undo_targets(AppointmentStatus from) {
  switch (from) {
    case S::Confirmed: return {S::Booked};
    case S::Arrived: return {S::Confirmed};
    case S::InRoom: return {S::Arrived};
    case S::Done: return {S::InRoom};
    case S::NoShow: return {S::Booked};
    case S::Booked:
    case S::Cancelled: break;  // nothing before booked; a cancellation is restored on the schedule
  }
  return {};
}

Status undo_status(Database& db, std::int64_t appointment_id, AppointmentStatus to, std::string_view reason,
                   const Actor& actor) {
  std::string why = utf8_truncate(fold_spaces(reason), 500);
  if (why.empty()) return fail(ErrorCode::Invalid, _("Say why the status is taken back."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::VisitsFlow));
  RG_TRY_ASSIGN(Appointment a, load_appointment(db, appointment_id));
  auto back = undo_targets(a.status);
  if (std::find(back.begin(), back.end(), to) == back.end()) {
    char msg[256];
    std::snprintf(msg, sizeof msg, _("«%s» cannot be taken back to «%s»."), status_name(a.status), status_name(to));
    return fail(ErrorCode::Invalid, msg);
  }
  RG_TRY(apply_status(db, a, to));
  if (a.status == S::NoShow) {
    // The call the no-show asked for is moot now.
    std::vector<std::int64_t> dropped;
    RG_TRY_ASSIGN(auto st, db.cached(
        "UPDATE tasks SET status = 'cancelled', result = ?2, closed_by = ?3, closed_at = ?4 "
        "WHERE appointment_id = ?1 AND kind = 'call' AND status = 'open' RETURNING id"));
    st->bind_all(a.id, why, actor.user_id, now_unix());
    for (;;) {
      RG_TRY_ASSIGN(bool row, st->step());
      if (!row) break;
      dropped.push_back(st->col_int(0));
    }
    for (std::int64_t id : dropped) RG_TRY(append_audit(db, actor, "task.drop", "task", id, {{"reason", why}}));
  }
  RG_TRY(append_audit(db, actor, "appointment.undo_status", "appointment", a.id,
                      {{"from", to_db(a.status)}, {"to", to_db(to)}, {"reason", why}}));
  return tx.commit();
}

Status call_in(Database& db, std::int64_t appointment_id, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY_ASSIGN(Appointment a, load_appointment(db, appointment_id));
  RG_TRY(require_visit_step(db, actor, a.doctor_id));  // the desk, or the doctor for his own patient
  if (a.status == S::InRoom) return tx.commit();  // called in already
  if (a.status != S::Arrived)
    return fail(ErrorCode::Invalid, _("Only a patient who has arrived can be called into the room."));
  RG_TRY(apply_status(db, a, S::InRoom));
  RG_TRY(append_audit(db, actor, "appointment.call_in", "appointment", a.id,
                      {{"from", to_db(a.status)}, {"to", to_db(S::InRoom)}}));
  return tx.commit();
}

Result<CheckinDone> desk_check_in(Database& db, std::int64_t appointment_id, std::int64_t now, const Actor& actor,
                                  const std::string& override_reason) {
  RG_TRY(require(db, actor, Permission::VisitsFlow));
  RG_TRY_ASSIGN(CheckinRules rules, load_checkin_rules(db));
  Identity who;
  who.kind = Identity::Kind::Appointment;
  who.appointment_id = appointment_id;
  RG_TRY_ASSIGN(CheckinPlan plan, plan_checkin(db, who, now, rules));
  if (!plan.patient_id) return fail(ErrorCode::NotFound, _("The appointment no longer exists."));
  auto it = std::find_if(plan.visits.begin(), plan.visits.end(),
                         [&](const TodayVisit& v) { return v.appointment_id == appointment_id; });
  if (it == plan.visits.end())
    return fail(ErrorCode::Invalid, _("Only today's appointments can be checked in."));
  if (it->status != S::Booked && it->status != S::Confirmed)
    return fail(ErrorCode::Conflict, _("The patient is already checked in for this appointment."));
  // The plan's own choice follows the kiosk's rules; the desk checks in exactly this one.
  plan.to_check_in = {appointment_id};
  return check_in(db, plan, now, actor, fold_spaces(override_reason));
}

}  // namespace rg::db
