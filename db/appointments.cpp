// Booking relies on the schema's triggers for the no-overlap rule; this file turns their verdict
// into words and reads the schedule grid.
#include "appointments.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <unordered_map>

#include "i18n.h"
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

// After the trigger said "overlap:<what>", find the appointment that holds the time.
Error explain_overlap(Database& db, const AppointmentDraft& a, const Error& e) {
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
      " = ?1 AND a.start_at > ?2 - 43200 AND a.start_at < ?3 AND a.end_at > ?2 "
      "AND a.status IN ('booked','confirmed','arrived','in_room','done') LIMIT 1";
  std::string holder;
  if (auto st = db.prepare(sql)) {
    st->bind_all(key, a.start_at, a.end_at);
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

}  // namespace

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
      "SELECT NOT EXISTS (SELECT 1 FROM appointments WHERE patient_id = ?1 AND start_at < ?2 "
      "AND status IN ('booked','confirmed','arrived','in_room','done'))"));
  st->bind_all(patient_id, start_at);
  RG_TRY(st->step());
  return st->col_int(0) != 0;
}

Result<std::int64_t> insert_appointment(Database& db, const AppointmentDraft& a) {
  if (a.end_at <= a.start_at)
    return fail(ErrorCode::Invalid, _("The appointment must end after it starts."));
  if (a.end_at - a.start_at > 12 * 3600)
    return fail(ErrorCode::Invalid, _("An appointment cannot be longer than 12 hours."));
  RG_TRY_ASSIGN(bool first, is_first_visit(db, a.patient_id, a.start_at));
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO appointments(patient_id, doctor_id, room_id, start_at, end_at, status, "
      "visit_kind, channel, note, created_by, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)"));
  st->bind_all(a.patient_id, a.doctor_id, a.room_id, a.start_at, a.end_at, to_db(a.status),
               first ? "first" : "repeat", to_db(a.channel), a.note, a.created_by, now_unix());
  if (auto r = st->exec(); !r) return std::unexpected(explain_overlap(db, a, r.error()));
  std::int64_t id = db.last_insert_rowid();
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
  RG_TRY_ASSIGN(std::int64_t id, insert_appointment(db, a));
  RG_TRY(append_audit(db, actor, "appointment.book", "appointment", id,
                      {{"doctor_id", std::to_string(a.doctor_id)},
                       {"start_at", std::to_string(a.start_at)},
                       {"channel", to_db(a.channel)}}));
  RG_TRY(tx.commit());
  return id;
}

Result<DayGrid> load_day_grid(Database& db, Date day) {
  DayGrid g;
  g.day = day;
  std::string iso = day.iso();

  RG_TRY_ASSIGN(auto docs, db.cached(
      "SELECT d.id, d.surname, d.name, d.patronymic, coalesce(r.number, ''), "
      "coalesce((SELECT s.name FROM doctor_specialties ds JOIN specialties s "
      "          ON s.id = ds.specialty_id WHERE ds.doctor_id = d.id ORDER BY s.id LIMIT 1), '') "
      "FROM doctors d LEFT JOIN rooms r ON r.id = d.default_room_id WHERE d.active = 1 "
      "ORDER BY d.sort_order, d.surname, d.name"));
  std::unordered_map<std::int64_t, size_t> index;
  for (;;) {
    RG_TRY_ASSIGN(bool row, docs->step());
    if (!row) break;
    DoctorDay d;
    d.doctor_id = docs->col_int(0);
    d.short_name = masked_name(docs->col_view(1), docs->col_view(2), docs->col_view(3));
    d.room = docs->col_text(4);
    d.specialty = docs->col_text(5);
    index[d.doctor_id] = g.doctors.size();
    g.doctors.push_back(std::move(d));
  }

  // Hours: the day's own rows replace the weekly pattern for that doctor.
  std::vector<bool> has_day_rows(g.doctors.size(), false);
  RG_TRY_ASSIGN(auto days, db.cached(
      "SELECT sd.doctor_id, sd.start_min, sd.end_min, sd.kind, r.number FROM schedule_days sd "
      "LEFT JOIN rooms r ON r.id = sd.room_id WHERE sd.day = ?1 ORDER BY sd.start_min"));
  days->bind(1, iso);
  for (;;) {
    RG_TRY_ASSIGN(bool row, days->step());
    if (!row) break;
    auto it = index.find(days->col_int(0));
    if (it == index.end()) continue;
    DoctorDay& d = g.doctors[it->second];
    has_day_rows[it->second] = true;
    std::string_view kind = days->col_view(3);
    Interval iv{int(days->col_int(1)), int(days->col_int(2))};
    if (kind == "off") d.day_off = true;
    else if (kind == "break") d.breaks.push_back(iv);
    else d.work.push_back(iv);
    if (!days->is_null(4) && kind == "work") d.room = days->col_text(4);
  }
  RG_TRY_ASSIGN(auto rules, db.cached(
      "SELECT sr.doctor_id, sr.start_min, sr.end_min, sr.kind, r.number FROM schedule_rules sr "
      "LEFT JOIN rooms r ON r.id = sr.room_id WHERE sr.weekday = ?1 AND sr.valid_from <= ?2 "
      "AND (sr.valid_until IS NULL OR sr.valid_until >= ?2) ORDER BY sr.start_min"));
  rules->bind_all(day.iso_weekday(), iso);
  for (;;) {
    RG_TRY_ASSIGN(bool row, rules->step());
    if (!row) break;
    auto it = index.find(rules->col_int(0));
    if (it == index.end() || has_day_rows[it->second]) continue;
    DoctorDay& d = g.doctors[it->second];
    Interval iv{int(rules->col_int(1)), int(rules->col_int(2))};
    if (rules->col_view(3) == "break") d.breaks.push_back(iv);
    else d.work.push_back(iv);
    if (!rules->is_null(4) && rules->col_view(3) == "work") d.room = rules->col_text(4);
  }
  for (auto& d : g.doctors)
    if (d.work.empty()) d.day_off = true;

  std::int64_t from = to_unix(day, 0), to = to_unix(day.plus_days(1), 0);
  RG_TRY_ASSIGN(auto apps, db.cached(
      "SELECT a.id, a.doctor_id, a.patient_id, a.start_at, a.end_at, a.status, a.visit_kind, "
      "a.channel, p.surname, p.name, p.patronymic, coalesce(r.number, ''), "
      "coalesce((SELECT s.name FROM appointment_services x JOIN services s ON s.id = x.service_id "
      "          WHERE x.appointment_id = a.id ORDER BY x.position LIMIT 1), '') "
      "FROM appointments a JOIN patients p ON p.id = a.patient_id "
      "LEFT JOIN rooms r ON r.id = a.room_id "
      "WHERE a.start_at >= ?1 AND a.start_at < ?2 ORDER BY a.doctor_id, a.start_at"));
  apps->bind_all(from, to);
  for (;;) {
    RG_TRY_ASSIGN(bool row, apps->step());
    if (!row) break;
    GridAppointment x;
    x.id = apps->col_int(0);
    x.doctor_id = apps->col_int(1);
    x.patient_id = apps->col_int(2);
    std::int64_t s = apps->col_int(3), e = apps->col_int(4);
    x.start_min = int((s - from) / 60);
    x.end_min = int((e - from) / 60);
    x.status = status_from_db(apps->col_view(5)).value_or(AppointmentStatus::Booked);
    x.first_visit = apps->col_view(6) == "first";
    x.channel = channel_from_db(apps->col_view(7)).value_or(Channel::Desk);
    x.patient_short = masked_name(apps->col_view(8), apps->col_view(9), apps->col_view(10));
    x.room = apps->col_text(11);
    x.service = apps->col_text(12);
    g.appointments.push_back(std::move(x));
  }
  return g;
}

}  // namespace rg::db
