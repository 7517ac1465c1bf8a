// The waiting list is small (tens to hundreds of open entries): read it whole with its names
// and filter in C++ rather than build a query per shape of entry.
#include "waiting_list.h"

#include "hours.h"

#include <algorithm>

#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {

Result<std::int64_t> add_waiting(Database& db, const WaitingDraft& d, const Actor& actor) {
  if (!d.specialty_id && !d.doctor_id && !d.service_id)
    return fail(ErrorCode::Invalid, _("Choose a doctor, a specialty or a service the patient waits for."));
  if (d.to < d.from) return fail(ErrorCode::Invalid, _("The last day must not be before the first."));
  if (d.time_from_min >= d.time_to_min) return fail(ErrorCode::Invalid, _("The hours must not be empty."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::AppointmentsBook));
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO waiting_list(patient_id, specialty_id, doctor_id, service_id, from_day, to_day, "
      "time_from_min, time_to_min, priority, comment, created_by, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id"));
  st->bind_all(d.patient_id, d.specialty_id, d.doctor_id, d.service_id, d.from.iso(), d.to.iso(),
               d.time_from_min, d.time_to_min, std::clamp(d.priority, 0, 2),
               utf8_truncate(fold_spaces(d.comment), 1000), actor.user_id, now_unix());
  RG_TRY_ASSIGN(std::int64_t id, st->exec_returning_id());
  RG_TRY(append_audit(db, actor, "waiting.add", "waiting_list", id,
                      {{"patient_id", std::to_string(d.patient_id)}}));
  RG_TRY(tx.commit());
  return id;
}

Status remove_waiting(Database& db, std::int64_t id, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::AppointmentsBook));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE waiting_list SET status = 'removed', closed_at = ?2 WHERE id = ?1 AND status = 'waiting'"));
  st->bind_all(id, now_unix());
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return fail(ErrorCode::NotFound, _("This patient is no longer on the waiting list."));
  RG_TRY(append_audit(db, actor, "waiting.remove", "waiting_list", id));
  return tx.commit();
}

namespace {

Result<std::vector<WaitingEntry>> open_entries(Database& db) {
  std::vector<WaitingEntry> out;
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT w.id, w.patient_id, w.specialty_id, w.doctor_id, w.service_id, w.from_day, w.to_day, "
      "w.time_from_min, w.time_to_min, w.priority, w.comment, w.created_at, "
      "p.surname, p.name, p.patronymic, "
      "(SELECT phone FROM patient_phones WHERE patient_id = p.id ORDER BY position LIMIT 1), "
      "d.surname, d.name, d.patronymic, sp.name, sv.name, "
      "coalesce(sv.duration_min, 30), coalesce(w.specialty_id, sv.specialty_id) "
      "FROM waiting_list w JOIN patients p ON p.id = w.patient_id "
      "LEFT JOIN doctors d ON d.id = w.doctor_id "
      "LEFT JOIN specialties sp ON sp.id = w.specialty_id "
      "LEFT JOIN services sv ON sv.id = w.service_id "
      "WHERE w.status = 'waiting' ORDER BY w.created_at, w.id"));
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    WaitingEntry e;
    e.id = st->col_int(0);
    e.patient_id = st->col_int(1);
    e.specialty_id = st->col_opt_int(22);  // the service's specialty stands in for a missing one
    e.doctor_id = st->col_opt_int(3);
    e.service_id = st->col_opt_int(4);
    e.from = Date::parse_iso(st->col_view(5)).value_or(Date());
    e.to = Date::parse_iso(st->col_view(6)).value_or(Date());
    e.time_from_min = int(st->col_int(7));
    e.time_to_min = int(st->col_int(8));
    e.priority = int(st->col_int(9));
    e.comment = st->col_text(10);
    e.created_at = st->col_int(11);
    e.patient_name = full_name(st->col_view(12), st->col_view(13), st->col_view(14));
    e.patient_phone = st->col_text(15);
    if (e.doctor_id) e.wants = masked_name(st->col_view(16), st->col_view(17), st->col_view(18));
    else if (!st->is_null(20)) e.wants = st->col_text(20);
    else e.wants = st->col_text(19);
    e.duration_min = int(st->col_int(21));
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<std::int64_t>> specialties_of(Database& db, std::int64_t doctor_id) {
  std::vector<std::int64_t> out;
  RG_TRY_ASSIGN(auto st, db.cached("SELECT specialty_id FROM doctor_specialties WHERE doctor_id = ?1"));
  st->bind(1, doctor_id);
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back(st->col_int(0));
  }
  return out;
}

bool wants_doctor(const WaitingEntry& e, std::int64_t doctor_id, const std::vector<std::int64_t>& specs) {
  if (e.doctor_id) return *e.doctor_id == doctor_id;
  return e.specialty_id && std::find(specs.begin(), specs.end(), *e.specialty_id) != specs.end();
}

}  // namespace

Result<std::vector<WaitingEntry>> waiting_list(Database& db, std::optional<std::int64_t> doctor_id,
                                               WaitingOrder order) {
  RG_TRY_ASSIGN(auto all, open_entries(db));
  if (doctor_id) {
    RG_TRY_ASSIGN(auto specs, specialties_of(db, *doctor_id));
    std::erase_if(all, [&](const WaitingEntry& e) { return !wants_doctor(e, *doctor_id, specs); });
  }
  if (order == WaitingOrder::Priority)
    std::stable_sort(all.begin(), all.end(),
                     [](const WaitingEntry& a, const WaitingEntry& b) { return a.priority > b.priority; });
  return all;  // open_entries is oldest first already
}

Result<std::vector<WaitingEntry>> waiting_for_gap(Database& db, std::int64_t doctor_id,
                                                  std::int64_t start_at, std::int64_t end_at) {
  // A time that has begun, or that lies outside the doctor's hours, is offered to nobody.
  if (start_at < now_unix() || end_at <= start_at) return std::vector<WaitingEntry>{};
  {
    const Date day = to_local(start_at).date;
    const std::int64_t ids[] = {doctor_id};
    RG_TRY_ASSIGN(auto calendar, WorkCalendar::load(db, day, day, ids));
    const int from_min = to_local(start_at).minutes, to_min = from_min + int((end_at - start_at) / 60);
    const auto open = calendar.hours(doctor_id, day).open_periods();
    const bool inside = std::any_of(open.begin(), open.end(), [&](const WorkPeriod& p) {
      return p.start_min <= from_min && to_min <= p.end_min;
    });
    if (!inside) return std::vector<WaitingEntry>{};
  }
  RG_TRY_ASSIGN(auto all, open_entries(db));
  RG_TRY_ASSIGN(auto specs, specialties_of(db, doctor_id));
  LocalTime from = to_local(start_at);
  int gap_from = from.minutes, gap_to = from.minutes + int((end_at - start_at) / 60);
  std::erase_if(all, [&](const WaitingEntry& e) {
    if (!wants_doctor(e, doctor_id, specs)) return true;
    if (from.date < e.from || e.to < from.date) return true;
    int overlap = std::min(gap_to, e.time_to_min) - std::max(gap_from, e.time_from_min);
    return overlap < e.duration_min;
  });
  std::stable_sort(all.begin(), all.end(), [&](const WaitingEntry& a, const WaitingEntry& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    bool an = a.doctor_id.has_value(), bn = b.doctor_id.has_value();
    return an && !bn;
  });
  return all;
}

Status mark_waiting_booked(Database& db, std::int64_t entry_id, std::int64_t appointment_id, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::AppointmentsBook));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE waiting_list SET status = 'booked', appointment_id = ?2, closed_at = ?3 "
      "WHERE id = ?1 AND status = 'waiting'"));
  st->bind_all(entry_id, appointment_id, now_unix());
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return fail(ErrorCode::NotFound, _("This patient is no longer on the waiting list."));
  RG_TRY(append_audit(db, actor, "waiting.booked", "waiting_list", entry_id,
                      {{"appointment_id", std::to_string(appointment_id)}}));
  return tx.commit();
}

Result<std::int64_t> book_from_waiting(Database& db, std::int64_t entry_id, const AppointmentDraft& a,
                                       const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::AppointmentsBook));
  RG_TRY_ASSIGN(auto chk, db.cached("SELECT patient_id FROM waiting_list WHERE id = ?1 AND status = 'waiting'"));
  chk->bind(1, entry_id);
  RG_TRY_ASSIGN(bool row, chk->step());
  if (!row) return fail(ErrorCode::NotFound, _("This patient is no longer on the waiting list."));
  if (chk->col_int(0) != a.patient_id)
    return fail(ErrorCode::Internal, _("Internal error in the database layer."), "waiting entry of another patient");
  RG_TRY_ASSIGN(std::int64_t id, insert_appointment(db, a));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE waiting_list SET status = 'booked', appointment_id = ?2, closed_at = ?3 WHERE id = ?1"));
  st->bind_all(entry_id, id, now_unix());
  RG_TRY(st->exec());
  AuditDetails details{{"doctor_id", std::to_string(a.doctor_id)},
                       {"start_at", std::to_string(a.start_at)},
                       {"waiting_list", std::to_string(entry_id)}};
  add_past_reason(details, a);
  RG_TRY(append_audit(db, actor, "appointment.book", "appointment", id, details));
  RG_TRY(tx.commit());
  return id;
}

}  // namespace rg::db
