// Status changes, cancellation and moves: one transaction each, the schema's verdict turned
// into words, the audit log written in the same transaction.
#include "appointment_changes.h"

#include <cstdio>

#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {

const char* status_name(AppointmentStatus s) {
  using S = AppointmentStatus;
  switch (s) {
    case S::Booked: return _("Booked");
    case S::Confirmed: return _("Confirmed");
    case S::Arrived: return _("Arrived");
    case S::InRoom: return _("In the room");
    case S::Done: return _("Done");
    case S::NoShow: return _("No-show");
    case S::Cancelled: return _("Cancelled");
  }
  return "";
}

std::vector<AppointmentStatus> next_statuses(AppointmentStatus from) {
  using S = AppointmentStatus;
  switch (from) {
    case S::Booked: return {S::Confirmed, S::Arrived, S::NoShow, S::Cancelled};
    case S::Confirmed: return {S::Arrived, S::Booked, S::NoShow, S::Cancelled};
    case S::Arrived: return {S::InRoom, S::Done, S::Confirmed, S::Cancelled};
    case S::InRoom: return {S::Done, S::Arrived};
    case S::Done: return {S::InRoom};
    case S::NoShow: return {S::Arrived, S::Booked};
    case S::Cancelled: return {S::Booked};
  }
  return {};
}

Result<Appointment> load_appointment(Database& db, std::int64_t id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT a.id, a.patient_id, a.doctor_id, a.room_id, a.start_at, a.end_at, a.status, "
      "a.channel, a.visit_kind, a.note, coalesce(a.cancel_reason, ''), "
      "p.surname, p.name, p.patronymic, "
      "(SELECT phone FROM patient_phones WHERE patient_id = p.id ORDER BY position LIMIT 1), "
      "d.surname, d.name, d.patronymic, coalesce(r.number, ''), a.summary "
      "FROM appointments a JOIN patients p ON p.id = a.patient_id "
      "JOIN doctors d ON d.id = a.doctor_id LEFT JOIN rooms r ON r.id = a.room_id "
      "WHERE a.id = ?1"));
  st->bind(1, id);
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return fail(ErrorCode::NotFound, _("The appointment no longer exists."));
  Appointment a;
  a.id = st->col_int(0);
  a.patient_id = st->col_int(1);
  a.doctor_id = st->col_int(2);
  a.room_id = st->col_opt_int(3);
  a.start_at = st->col_int(4);
  a.end_at = st->col_int(5);
  a.status = status_from_db(st->col_view(6)).value_or(AppointmentStatus::Booked);
  a.channel = channel_from_db(st->col_view(7)).value_or(Channel::Desk);
  a.first_visit = st->col_view(8) == "first";
  a.note = st->col_text(9);
  a.cancel_reason = st->col_text(10);
  a.patient_name = full_name(st->col_view(11), st->col_view(12), st->col_view(13));
  a.patient_phone = st->col_text(14);
  a.doctor_name = masked_name(st->col_view(15), st->col_view(16), st->col_view(17));
  a.room = st->col_text(18);
  a.services = st->col_text(19);
  RG_TRY_ASSIGN(auto sv, db.cached(
      "SELECT service_id FROM appointment_services WHERE appointment_id = ?1 ORDER BY position"));
  sv->bind(1, id);
  for (;;) {
    RG_TRY_ASSIGN(bool r, sv->step());
    if (!r) break;
    a.service_ids.push_back(sv->col_int(0));
  }
  return a;
}

namespace {

AppointmentDraft as_draft(const Appointment& a) {
  AppointmentDraft d;
  d.patient_id = a.patient_id;
  d.doctor_id = a.doctor_id;
  d.room_id = a.room_id;
  d.start_at = a.start_at;
  d.end_at = a.end_at;
  return d;
}

// The schema's refusal in words: an illegal transition, a missing reason, or an overlap.
Error explain_update(Database& db, const AppointmentDraft& after, const Error& e,
                     AppointmentStatus from, AppointmentStatus to, std::int64_t id) {
  if (e.detail.find("status:illegal transition") != std::string::npos) {
    char msg[256];
    std::snprintf(msg, sizeof msg, _("An appointment cannot go from «%s» to «%s»."),
                  status_name(from), status_name(to));
    return {ErrorCode::Invalid, msg, e.detail};
  }
  if (e.detail.find("status:cancel needs a reason") != std::string::npos)
    return {ErrorCode::Invalid, _("Say why the appointment is cancelled."), e.detail};
  return explain_overlap(db, after, e, id);
}

}  // namespace

Status apply_status(Database& db, const Appointment& a, AppointmentStatus to) {
  if (to == AppointmentStatus::Cancelled)
    return fail(ErrorCode::Invalid, _("Say why the appointment is cancelled."));
  // Leaving «cancelled» drops its reason; going back before the arrival drops the check-in.
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE appointments SET status = ?2, updated_at = ?3, "
      "cancel_reason = CASE WHEN ?2 = 'cancelled' THEN cancel_reason END, "
      "checked_in_at = CASE WHEN ?2 IN ('booked', 'confirmed') THEN NULL ELSE checked_in_at END, "
      "checked_in_by = CASE WHEN ?2 IN ('booked', 'confirmed') THEN NULL ELSE checked_in_by END "
      "WHERE id = ?1"));
  st->bind_all(a.id, to_db(to), now_unix());
  if (auto r = st->exec(); !r)
    return std::unexpected(explain_update(db, as_draft(a), r.error(), a.status, to, a.id));
  return {};
}

Status set_status(Database& db, std::int64_t id, AppointmentStatus to, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY_ASSIGN(Appointment a, load_appointment(db, id));
  RG_TRY(require_visit_step(db, actor, a.doctor_id));  // the desk, or the doctor for his own patient
  if (a.status == to) return tx.commit();
  RG_TRY(apply_status(db, a, to));
  RG_TRY(append_audit(db, actor, "appointment.status", "appointment", id,
                      {{"from", to_db(a.status)}, {"to", to_db(to)}}));
  return tx.commit();
}

Status apply_cancel(Database& db, std::int64_t id, std::string_view reason, const Actor& actor) {
  std::string why = fold_spaces(reason);
  if (why.empty()) return fail(ErrorCode::Invalid, _("Say why the appointment is cancelled."));
  why = utf8_truncate(why, 500);
  RG_TRY_ASSIGN(Appointment a, load_appointment(db, id));
  if (a.status == AppointmentStatus::Cancelled) return {};
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE appointments SET status = 'cancelled', cancel_reason = ?2, updated_at = ?3 "
      "WHERE id = ?1"));
  st->bind_all(id, why, now_unix());
  if (auto r = st->exec(); !r)
    return std::unexpected(
        explain_update(db, as_draft(a), r.error(), a.status, AppointmentStatus::Cancelled, id));
  return append_audit(db, actor, "appointment.cancel", "appointment", id,
                      {{"from", to_db(a.status)}, {"reason", why}});
}

Status cancel_appointment(Database& db, std::int64_t id, std::string_view reason, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::AppointmentsBook));
  RG_TRY(apply_cancel(db, id, reason, actor));
  return tx.commit();
}

Status apply_move(Database& db, std::int64_t id, const MoveTo& to, const Actor& actor) {
  if (to.end_at <= to.start_at)
    return fail(ErrorCode::Invalid, _("The appointment must end after it starts."));
  RG_TRY_ASSIGN(Appointment a, load_appointment(db, id));
  if (!holds_time(a.status) || a.status == AppointmentStatus::Done)
    return fail(ErrorCode::Invalid, _("Only a coming appointment can be moved."));
  AppointmentDraft after = as_draft(a);
  after.doctor_id = to.doctor_id;
  after.room_id = to.room_id;
  after.start_at = to.start_at;
  after.end_at = to.end_at;
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE appointments SET doctor_id = ?2, room_id = ?3, start_at = ?4, end_at = ?5, "
      "updated_at = ?6 WHERE id = ?1"));
  st->bind_all(id, to.doctor_id, to.room_id, to.start_at, to.end_at, now_unix());
  if (auto r = st->exec(); !r)
    return std::unexpected(explain_update(db, after, r.error(), a.status, a.status, id));
  return append_audit(db, actor, "appointment.move", "appointment", id,
                      {{"from_doctor", std::to_string(a.doctor_id)},
                       {"from_start", std::to_string(a.start_at)},
                       {"to_doctor", std::to_string(to.doctor_id)},
                       {"to_start", std::to_string(to.start_at)}});
}

Status move_appointment(Database& db, std::int64_t id, const MoveTo& to, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::AppointmentsBook));
  RG_TRY(apply_move(db, id, to, actor));
  return tx.commit();
}

Result<std::vector<HistoryEntry>> appointment_history(Database& db, std::int64_t id) {
  std::vector<HistoryEntry> out;
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT at_ms, actor, action, details, "
      "(SELECT full_name FROM users WHERE 'user:' || id = audit_log.actor) FROM audit_log "
      "WHERE entity = 'appointment' AND entity_id = ?1 ORDER BY id"));
  st->bind(1, id);
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    HistoryEntry e{st->col_int(0), st->col_text(1), st->col_text(2), st->col_text(3), {}};
    std::string_view actor = st->col_view(1);
    if (!st->is_null(4)) e.who = masked_full_name(st->col_view(4));
    else if (actor.starts_with("kiosk:")) e.who = _("kiosk");
    else e.who = std::string(actor);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace rg::db
