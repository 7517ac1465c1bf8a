// Booking relies on the schema's triggers for the no-overlap rule; this file turns their verdict
// into words and reads the schedule grid.
#include "appointments.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <unordered_map>

#include "clinic.h"
#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

constexpr std::array<const char*, 7> kStatus = {"booked", "confirmed", "arrived", "in_room",
                                                "done",   "no_show",   "cancelled"};
constexpr std::array<const char*, 5> kChannel = {"phone", "walk_in", "website", "kiosk", "desk"};

const char* channel_phrase(std::string_view ch) {
  if (ch == "kiosk") return _("booked at the kiosk");
  if (ch == "website") return _("booked on the website");
  if (ch == "walk_in") return _("booked at the desk in person");
  if (ch == "phone") return _("booked by phone");
  return _("booked at the desk");
}

}  // namespace

// After the trigger said "overlap:<what>", find the appointment that holds the time.
Error explain_overlap(Database& db, const AppointmentDraft& a, const Error& e, std::int64_t except_id) {
  std::string what = e.detail.find("overlap:doctor") != std::string::npos ? "doctor"
                     : e.detail.find("overlap:room") != std::string::npos ? "room"
                     : e.detail.find("overlap:patient") != std::string::npos ? "patient"
                                                                               : "";
  if (what.empty()) return e;
  const char* column = what == "doctor" ? "a.doctor_id" : what == "room" ? "a.room_id" : "a.patient_id";
  std::int64_t key = what == "doctor" ? a.doctor_id : what == "room" ? a.room_id.value_or(0) : a.patient_id;
  std::string sql =
      std::string("SELECT p.surname, p.name, p.patronymic, a.channel, a.start_at, a.end_at "
                  "FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE ") +
      column +
      " = ?1 AND a.id <> ?4 AND a.start_at > ?2 - 43200 AND a.start_at < ?3 AND a.end_at > ?2 "
      "AND a.status IN ('booked','confirmed','arrived','in_room','done') LIMIT 1";
  std::string holder;
  if (auto st = db.prepare(sql)) {
    st->bind_all(key, a.start_at, a.end_at, except_id);
    if (auto row = st->step(); row && *row) {
      auto from = to_local(st->col_int(4)), to = to_local(st->col_int(5));
      holder = masked_name(st->col_view(0), st->col_view(1), st->col_view(2)) + ", " +
               hhmm(from.minutes) + "–" + hhmm(to.minutes) + ", " +
               channel_phrase(st->col_view(3));
    }
  }
  const char* lead = what == "doctor"  ? _("This time was just taken")
                     : what == "room"  ? _("The room is taken at this time")
                                       : _("The patient already has an appointment at this time");
  std::string msg = lead;
  if (!holder.empty()) msg += ": " + holder;
  return {ErrorCode::Conflict, msg, e.detail};
}


const char* to_db(AppointmentStatus s) { return kStatus[static_cast<size_t>(s)]; }
std::optional<AppointmentStatus> status_from_db(std::string_view s) {
  for (size_t i = 0; i < kStatus.size(); ++i)
    if (s == kStatus[i]) return static_cast<AppointmentStatus>(i);
  return std::nullopt;
}
bool holds_time(AppointmentStatus s) {
  return s != AppointmentStatus::NoShow && s != AppointmentStatus::Cancelled;
}
const char* to_db(Channel c) { return kChannel[static_cast<size_t>(c)]; }
std::optional<Channel> channel_from_db(std::string_view s) {
  for (size_t i = 0; i < kChannel.size(); ++i)
    if (s == kChannel[i]) return static_cast<Channel>(i);
  return std::nullopt;
}

Result<bool> is_first_visit(Database& db, std::int64_t patient_id, std::int64_t start_at) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT CASE WHEN EXISTS (SELECT 1 FROM appointments WHERE patient_id = ?1 AND start_at < ?2 "
      "AND status IN ('booked','confirmed','arrived','in_room','done')) THEN 0 ELSE 1 END"));
  st->bind_all(patient_id, start_at);
  RG_TRY(st->step());
  return st->col_int(0) != 0;
}

void add_past_reason(AuditDetails& details, const AppointmentDraft& a) {
  if (a.end_at <= now_unix()) details.push_back({"past_reason", utf8_truncate(fold_spaces(a.past_reason), 500)});
}

Result<std::int64_t> insert_appointment(Database& db, const AppointmentDraft& a) {
  if (a.end_at <= now_unix() && fold_spaces(a.past_reason).empty())
    return fail(ErrorCode::Invalid,
                _("This time is already over. To record a visit after the fact, say why (the reason goes to the "
                  "history)."),
                "past");
  if (a.end_at <= a.start_at)
    return fail(ErrorCode::Invalid, _("The appointment must end after it starts."));
  if (a.end_at - a.start_at > 12 * 3600)
    return fail(ErrorCode::Invalid, _("An appointment cannot be longer than 12 hours."));
  RG_TRY_ASSIGN(bool first, is_first_visit(db, a.patient_id, a.start_at));
  {
    // A doctor the clinic keeps for its own patients (Settings → Doctors) is not booked for a
    // first visit; a doctor who has left is not booked at all.
    RG_TRY_ASSIGN(auto doc, db.cached("SELECT first_visits, active, surname || ' ' || name FROM doctors WHERE id = ?1"));
    doc->bind(1, a.doctor_id);
    RG_TRY_ASSIGN(bool found, doc->step());
    if (!found) return fail(ErrorCode::NotFound, _("This doctor no longer exists."));
    if (doc->col_int(1) == 0)
      return fail(ErrorCode::Invalid, format_text(_("%s no longer works at the clinic."), doc->col_text(2).c_str()));
    if (first && doc->col_int(0) == 0)
      return fail(ErrorCode::Invalid,
                  format_text(_("%s does not take first visits: book the patient with another doctor first."),
                              doc->col_text(2).c_str()));
  }
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO appointments(patient_id, doctor_id, room_id, start_at, end_at, status, "
      "visit_kind, channel, note, created_by, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) RETURNING id"));
  st->bind_all(a.patient_id, a.doctor_id, a.room_id, a.start_at, a.end_at, to_db(a.status),
               first ? "first" : "repeat", to_db(a.channel), a.note, a.created_by, now_unix());
  auto inserted = st->exec_returning_id();
  if (!inserted) return std::unexpected(explain_overlap(db, a, inserted.error()));
  std::int64_t id = *inserted;
  RG_TRY_ASSIGN(auto sv, db.cached(
      "INSERT INTO appointment_services(appointment_id, service_id, quantity, position) "
      "VALUES (?1, ?2, 1, ?3)"));
  std::int64_t pos = 0;
  for (auto sid : a.service_ids) {
    sv->bind_all(id, sid, pos++);
    RG_TRY(sv->exec());
    sv->reset();
  }
  return id;
}

Result<std::int64_t> book_appointment(Database& db, const AppointmentDraft& a, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::AppointmentsBook));
  RG_TRY_ASSIGN(std::int64_t id, insert_appointment(db, a));
  AuditDetails details{{"doctor_id", std::to_string(a.doctor_id)},
                       {"start_at", std::to_string(a.start_at)},
                       {"channel", to_db(a.channel)}};
  add_past_reason(details, a);
  RG_TRY(append_audit(db, actor, "appointment.book", "appointment", id, details));
  RG_TRY(tx.commit());
  return id;
}

namespace {

// Small reference tables read whole: a map lookup beats a correlated subquery per row.
Result<std::unordered_map<std::int64_t, std::string>> load_names(Database& db, const char* sql) {
  std::unordered_map<std::int64_t, std::string> out;
  RG_TRY_ASSIGN(auto st, db.cached(sql));
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.emplace(st->col_int(0), st->col_text(1));
  }
  return out;
}

std::string name_or_empty(const std::unordered_map<std::int64_t, std::string>& m,
                          std::optional<std::int64_t> id) {
  if (!id) return {};
  auto it = m.find(*id);
  return it == m.end() ? std::string() : it->second;
}

}  // namespace

Result<DayGrid> load_day_grid(Database& db, Date day) {
  DayGrid g;
  g.day = day;
  RG_TRY_ASSIGN(auto rooms, load_names(db, "SELECT id, number FROM rooms"));

  RG_TRY_ASSIGN(auto docs, db.cached(
      "SELECT d.id, d.surname, d.name, d.patronymic, d.default_room_id, d.slot_min "
      "FROM doctors d WHERE d.active = 1 ORDER BY d.sort_order, d.surname, d.name"));
  std::unordered_map<std::int64_t, size_t> index;
  for (;;) {
    RG_TRY_ASSIGN(bool row, docs->step());
    if (!row) break;
    DoctorDay d;
    d.doctor_id = docs->col_int(0);
    d.short_name = masked_name(docs->col_view(1), docs->col_view(2), docs->col_view(3));
    d.room = name_or_empty(rooms, docs->col_opt_int(4));
    d.room_id = docs->col_opt_int(4);
    d.slot_min = int(docs->col_int(5));
    index[d.doctor_id] = g.doctors.size();
    g.doctors.push_back(std::move(d));
  }

  RG_TRY_ASSIGN(auto ds, db.cached("SELECT doctor_id, specialty_id FROM doctor_specialties"));
  for (;;) {
    RG_TRY_ASSIGN(bool row, ds->step());
    if (!row) break;
    if (auto it = index.find(ds->col_int(0)); it != index.end())
      g.doctors[it->second].specialty_ids.push_back(ds->col_int(1));
  }
  // The column names the doctor's specialty as the kiosk does.
  for (auto& d : g.doctors) {
    std::sort(d.specialty_ids.begin(), d.specialty_ids.end());
    RG_TRY_ASSIGN(d.specialty, doctor_specialty(db, d.doctor_id));
  }

  RG_TRY_ASSIGN(auto cal, WorkCalendar::load(db, day, day));
  for (auto& d : g.doctors) {
    DoctorHours h = cal.hours(d.doctor_id, day);
    d.day_off = h.day_off;
    d.absence = h.absence;
    d.breaks = h.breaks;
    for (const WorkPeriod& w : h.work) {
      d.work.push_back({w.start_min, w.end_min});
      if (w.room_id) d.room = name_or_empty(rooms, w.room_id), d.room_id = w.room_id;
    }
  }

  // Minutes are counted from local midnight; the clinic's zones have had no DST since 2014,
  // and a DST day would only shift the drawing, never the stored instants.
  std::int64_t from = to_unix(day, 0), to = to_unix(day.plus_days(1), 0);
  RG_TRY_ASSIGN(auto apps, db.cached(
      "SELECT a.id, a.doctor_id, a.patient_id, a.start_at, a.end_at, a.status, a.visit_kind, "
      "a.channel, a.patient_label, a.room_id, a.summary FROM appointments a "
      "WHERE a.start_at >= ?1 AND a.start_at < ?2 ORDER BY a.doctor_id, a.start_at"));
  apps->bind_all(from, to);
  for (;;) {
    RG_TRY_ASSIGN(bool row, apps->step());
    if (!row) break;
    GridAppointment x;
    x.id = apps->col_int(0);
    x.doctor_id = apps->col_int(1);
    x.patient_id = apps->col_int(2);
    x.start_min = int((apps->col_int(3) - from) / 60);
    x.end_min = int((apps->col_int(4) - from) / 60);
    x.status = status_from_db(apps->col_view(5)).value_or(AppointmentStatus::Booked);
    x.first_visit = apps->col_view(6) == "first";
    x.channel = channel_from_db(apps->col_view(7)).value_or(Channel::Desk);
    x.patient_short = apps->col_text(8);
    x.room = name_or_empty(rooms, apps->col_opt_int(9));
    x.service = apps->col_text(10);
    g.appointments.push_back(std::move(x));
  }
  return g;
}

Result<std::vector<PatientVisit>> patient_visits(Database& db, std::int64_t patient_id, int limit) {
  RG_TRY_ASSIGN(auto st, db.cached(
      std::string("SELECT a.id, a.start_at, a.end_at, a.status, a.visit_kind, d.surname, d.name, "
      "d.patronymic, ") + kDoctorSpecialtySql + ", coalesce(r.number, ''), a.summary FROM appointments a "
      "JOIN doctors d ON d.id = a.doctor_id LEFT JOIN rooms r ON r.id = a.room_id "
      "WHERE a.patient_id = ?1 ORDER BY a.start_at DESC LIMIT ?2"));
  st->bind_all(patient_id, limit);
  std::vector<PatientVisit> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    PatientVisit v;
    v.id = st->col_int(0);
    v.start_at = st->col_int(1);
    v.end_at = st->col_int(2);
    v.status = status_from_db(st->col_view(3)).value_or(AppointmentStatus::Booked);
    v.first_visit = st->col_view(4) == "first";
    v.doctor = masked_name(st->col_view(5), st->col_view(6), st->col_view(7));
    v.specialty = st->col_text(8);
    v.room = st->col_text(9);
    v.summary = st->col_text(10);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace rg::db
