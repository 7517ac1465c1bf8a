// Absences are rows the WorkCalendar reads; handling their appointments reuses the move and
// cancel of appointment_changes inside one transaction with the call task.
#include "absences.h"

#include <algorithm>
#include <cstdio>

#include "hours.h"
#include "i18n.h"
#include "tasks.h"
#include "staff.h"
#include "text.h"

namespace rg::db {

Result<std::int64_t> add_absence(Database& db, std::int64_t doctor_id, Date from, Date to,
                                 std::string_view reason, const Actor& actor) {
  std::string why = fold_spaces(reason);
  if (why.empty()) return fail(ErrorCode::Invalid, _("Say why the doctor is away."));
  if (to < from) return fail(ErrorCode::Invalid, _("The absence must end on or after its first day."));
  if (from.days_until(to) > 366) return fail(ErrorCode::Invalid, _("An absence can be at most a year long."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::ScheduleAbsences));
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO doctor_absences(doctor_id, from_day, to_day, reason, created_by, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id"));
  st->bind_all(doctor_id, from.iso(), to.iso(), utf8_truncate(why, 500), actor.user_id, now_unix());
  RG_TRY_ASSIGN(std::int64_t id, st->exec_returning_id());
  RG_TRY(append_audit(db, actor, "absence.add", "doctor", doctor_id,
                      {{"from", from.iso()}, {"to", to.iso()}, {"reason", why}}));
  RG_TRY(tx.commit());
  return id;
}

Status withdraw_absence(Database& db, std::int64_t id, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::ScheduleAbsences));
  RG_TRY_ASSIGN(auto st, db.cached("UPDATE doctor_absences SET withdrawn = 1 WHERE id = ?1 AND withdrawn = 0"));
  st->bind(1, id);
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return fail(ErrorCode::NotFound, _("This absence no longer exists."));
  RG_TRY(append_audit(db, actor, "absence.withdraw", "absence", id));
  return tx.commit();
}

Result<std::optional<Absence>> latest_absence(Database& db) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT id, doctor_id, from_day, to_day, reason FROM doctor_absences WHERE withdrawn = 0 "
      "ORDER BY id DESC LIMIT 1"));
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return std::optional<Absence>();
  return std::optional<Absence>(Absence{st->col_int(0), st->col_int(1),
                                        Date::parse_iso(st->col_view(2)).value_or(Date()),
                                        Date::parse_iso(st->col_view(3)).value_or(Date()), st->col_text(4)});
}

Result<std::vector<Absence>> doctor_absences(Database& db, std::int64_t doctor_id, Date from, Date to) {
  std::vector<Absence> out;
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT id, doctor_id, from_day, to_day, reason FROM doctor_absences "
      "WHERE doctor_id = ?1 AND withdrawn = 0 AND from_day <= ?3 AND to_day >= ?2 ORDER BY from_day"));
  st->bind_all(doctor_id, from.iso(), to.iso());
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back({st->col_int(0), st->col_int(1), Date::parse_iso(st->col_view(2)).value_or(Date()),
                   Date::parse_iso(st->col_view(3)).value_or(Date()), st->col_text(4)});
  }
  return out;
}

Result<std::vector<Appointment>> affected_by_absence(Database& db, std::int64_t doctor_id,
                                                     Date from, Date to) {
  std::vector<std::int64_t> ids;
  {
    RG_TRY_ASSIGN(auto st, db.cached(
        "SELECT id FROM appointments WHERE doctor_id = ?1 AND start_at >= ?2 AND start_at < ?3 "
        "AND status IN ('booked', 'confirmed', 'arrived', 'in_room') ORDER BY start_at"));
    st->bind_all(doctor_id, to_unix(from, 0), to_unix(to.plus_days(1), 0));
    for (;;) {
      RG_TRY_ASSIGN(bool row, st->step());
      if (!row) break;
      ids.push_back(st->col_int(0));
    }
  }
  std::vector<Appointment> out;
  for (auto id : ids) {
    RG_TRY_ASSIGN(Appointment a, load_appointment(db, id));
    out.push_back(std::move(a));
  }
  return out;
}

namespace {

Result<bool> time_is_free(Database& db, const char* column, std::int64_t key, std::int64_t from,
                          std::int64_t to, std::int64_t except) {
  // CASE: a number on both engines (PostgreSQL's EXISTS is a boolean).
  std::string sql = std::string("SELECT CASE WHEN EXISTS (SELECT 1 FROM appointments WHERE ") + column +
                    " = ?1 AND id <> ?4 AND start_at > ?2 - 43200 AND start_at < ?3 AND end_at > ?2 "
                    "AND status IN ('booked','confirmed','arrived','in_room','done')) THEN 0 ELSE 1 END";
  RG_TRY_ASSIGN(auto st, db.cached(sql));
  st->bind_all(key, from, to, except);
  RG_TRY(st->step());
  return st->col_int(0) != 0;
}

// «Сообщить пациенту о переносе: 12.06.2030 10:00, Петрова А. С. → 12.06.2030 10:00, Соколов Д. И.»
std::string change_title(const char* lead, const Appointment& before, const std::string& after) {
  auto when = [](std::int64_t t) {
    LocalTime lt = to_local(t);
    return lt.date.ru() + " " + hhmm(lt.minutes);
  };
  std::string s = std::string(lead) + ": " + when(before.start_at) + ", " + before.doctor_name;
  if (!after.empty()) s += " → " + after;
  return s;
}

}  // namespace

Result<std::vector<Substitute>> free_substitutes(Database& db, std::int64_t appointment_id) {
  RG_TRY_ASSIGN(Appointment a, load_appointment(db, appointment_id));
  std::vector<std::pair<std::int64_t, std::string>> colleagues;
  {
    RG_TRY_ASSIGN(auto st, db.cached(
        "SELECT DISTINCT d.id, d.surname, d.name, d.patronymic FROM doctors d "
        "JOIN doctor_specialties s ON s.doctor_id = d.id "
        "WHERE d.active = 1 AND d.id <> ?1 AND s.specialty_id IN "
        "(SELECT specialty_id FROM doctor_specialties WHERE doctor_id = ?1) "
        "ORDER BY d.surname, d.name"));
    st->bind(1, a.doctor_id);
    for (;;) {
      RG_TRY_ASSIGN(bool row, st->step());
      if (!row) break;
      colleagues.emplace_back(st->col_int(0), masked_name(st->col_view(1), st->col_view(2), st->col_view(3)));
    }
  }
  std::vector<Substitute> out;
  if (colleagues.empty()) return out;
  LocalTime from = to_local(a.start_at);
  int to_min = from.minutes + int((a.end_at - a.start_at) / 60);
  std::vector<std::int64_t> ids;
  for (auto& c : colleagues) ids.push_back(c.first);
  RG_TRY_ASSIGN(auto cal, WorkCalendar::load(db, from.date, from.date, ids));
  for (auto& [id, name] : colleagues) {
    DoctorHours h = cal.hours(id, from.date);
    auto periods = h.open_periods();
    auto fits = std::find_if(periods.begin(), periods.end(), [&](const WorkPeriod& p) {
      return p.start_min <= from.minutes && to_min <= p.end_min;
    });
    if (fits == periods.end()) continue;
    RG_TRY_ASSIGN(bool doctor_free, time_is_free(db, "doctor_id", id, a.start_at, a.end_at, a.id));
    if (!doctor_free) continue;
    Substitute s{id, name, fits->room_id, ""};
    if (s.room_id) {
      RG_TRY_ASSIGN(bool room_free, time_is_free(db, "room_id", *s.room_id, a.start_at, a.end_at, a.id));
      if (!room_free) continue;
      RG_TRY_ASSIGN(auto rn, db.cached("SELECT number FROM rooms WHERE id = ?1"));
      rn->bind(1, *s.room_id);
      RG_TRY_ASSIGN(bool row, rn->step());
      if (row) s.room = rn->col_text(0);
    }
    out.push_back(std::move(s));
  }
  return out;
}

Status hand_to_substitute(Database& db, std::int64_t appointment_id, const Substitute& s,
                          const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::ScheduleAbsences));
  RG_TRY_ASSIGN(Appointment a, load_appointment(db, appointment_id));
  RG_TRY(apply_move(db, a.id, {s.doctor_id, s.room_id, a.start_at, a.end_at}, actor));
  LocalTime lt = to_local(a.start_at);
  RG_TRY(add_task(db, TaskKind::CallReschedule, a.patient_id, a.id,
                  change_title(_("Tell the patient about the change"), a,
                               lt.date.ru() + " " + hhmm(lt.minutes) + ", " + s.name),
                  actor));
  return tx.commit();
}

Status move_for_absence(Database& db, std::int64_t appointment_id, const MoveTo& to, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::ScheduleAbsences));
  RG_TRY_ASSIGN(Appointment a, load_appointment(db, appointment_id));
  RG_TRY(apply_move(db, a.id, to, actor));
  RG_TRY_ASSIGN(Appointment moved, load_appointment(db, appointment_id));
  LocalTime lt = to_local(to.start_at);
  RG_TRY(add_task(db, TaskKind::CallReschedule, a.patient_id, a.id,
                  change_title(_("Tell the patient about the change"), a,
                               lt.date.ru() + " " + hhmm(lt.minutes) + ", " + moved.doctor_name),
                  actor));
  return tx.commit();
}

Status cancel_for_absence(Database& db, std::int64_t appointment_id, std::string_view reason,
                          const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::ScheduleAbsences));
  RG_TRY_ASSIGN(Appointment a, load_appointment(db, appointment_id));
  RG_TRY(apply_cancel(db, a.id, reason, actor));
  RG_TRY(add_task(db, TaskKind::CallCancel, a.patient_id, a.id,
                  change_title(_("Tell the patient the appointment is cancelled"), a, ""), actor));
  return tx.commit();
}

}  // namespace rg::db
