// Resolving hours: a date's own rows replace the weekly pattern for that doctor; an absence
// empties the day; breaks are cut out of the work periods.
#include "hours.h"

#include "clinic.h"
#include "i18n.h"

#include <algorithm>

namespace rg::db {

std::vector<WorkPeriod> DoctorHours::open_periods() const {
  std::vector<WorkPeriod> out;
  for (const WorkPeriod& w : work) {
    int from = w.start_min;
    for (const Interval& b : breaks) {  // sorted by start
      if (b.end_min <= from || b.start_min >= w.end_min) continue;
      if (b.start_min > from) out.push_back({from, b.start_min, w.room_id});
      from = std::max(from, b.end_min);
    }
    if (from < w.end_min) out.push_back({from, w.end_min, w.room_id});
  }
  return out;
}

namespace {

// "doctor_id IN (…)" for a list given as a JSON array, or every doctor for an empty one.
std::string id_list_json(std::span<const std::int64_t> ids) {
  std::string s = "[";
  for (size_t i = 0; i < ids.size(); ++i) s += (i ? "," : "") + std::to_string(ids[i]);
  return s + "]";
}

char kind_of(std::string_view k) { return k == "break" ? 'b' : k == "off" ? 'o' : 'w'; }

}  // namespace

int iso_week(Date day) {
  // The week's Thursday decides its year; the week number counts Thursdays from 1 January.
  const Date thursday = day.plus_days(4 - day.iso_weekday());
  return Date(thursday.year(), 1, 1).days_until(thursday) / 7 + 1;
}

bool rule_applies(int weekday, char weeks, int on, int off, Date from, Date day) {
  if (weekday == 0) {
    const int since = from.days_until(day);
    return on > 0 && since >= 0 && since % (on + off) < on;
  }
  if (day.iso_weekday() != weekday) return false;
  if (weeks == 'a') return true;
  return (iso_week(day) % 2 == 0) == (weeks == 'e');
}

Result<WorkCalendar> WorkCalendar::load(Database& db, Date from, Date to,
                                        std::span<const std::int64_t> doctors) {
  WorkCalendar cal;
  const std::string ids = id_list_json(doctors);
  const bool all = doctors.empty();
  RG_TRY_ASSIGN(auto published, get_setting(db, "schedule.published_until"));
  if (published && !published->empty()) cal.published_until_ = Date::parse_iso(*published);
  constexpr const char* kWhich =
      " (?1 = 1 OR doctor_id IN (SELECT value FROM json_each(?2))) ";

  RG_TRY_ASSIGN(auto ds, db.cached(std::string(
      "SELECT id, default_room_id FROM doctors WHERE active = 1 AND (?1 = 1 OR id IN "
      "(SELECT value FROM json_each(?2)))")));
  ds->bind_all(all, ids);
  for (;;) {
    RG_TRY_ASSIGN(bool row, ds->step());
    if (!row) break;
    cal.doctors_[ds->col_int(0)].default_room = ds->col_opt_int(1);
  }

  RG_TRY_ASSIGN(auto rs, db.cached(std::string(
      "SELECT doctor_id, weekday, start_min, end_min, kind, room_id, valid_from, valid_until, weeks, "
      "cycle_on, cycle_off FROM schedule_rules WHERE") + kWhich +
      "AND valid_from <= ?4 AND (valid_until IS NULL OR valid_until >= ?3) "
      "AND (?5 = 0 OR weekday = ?5 OR weekday IS NULL) "
      "ORDER BY start_min"));
  // One day (the grid) needs one weekday's rules; a range needs them all.
  rs->bind_all(all, ids, from.iso(), to.iso(), from == to ? from.iso_weekday() : 0);
  for (;;) {
    RG_TRY_ASSIGN(bool row, rs->step());
    if (!row) break;
    auto it = cal.doctors_.find(rs->col_int(0));
    if (it == cal.doctors_.end()) continue;
    Row r;
    r.weekday = rs->is_null(1) ? 0 : int(rs->col_int(1));
    r.start_min = int(rs->col_int(2));
    r.end_min = int(rs->col_int(3));
    r.kind = kind_of(rs->col_view(4));
    r.room_id = rs->col_opt_int(5);
    r.day = Date::parse_iso(rs->col_view(6)).value_or(Date());
    if (!rs->is_null(7)) r.until = Date::parse_iso(rs->col_view(7));
    r.weeks = rs->col_view(8) == "even" ? 'e' : rs->col_view(8) == "odd" ? 'o' : 'a';
    if (!rs->is_null(9)) r.cycle_on = int(rs->col_int(9)), r.cycle_off = int(rs->col_int(10));
    it->second.rules.push_back(r);
  }

  RG_TRY_ASSIGN(auto dd, db.cached(std::string(
      "SELECT doctor_id, day, start_min, end_min, kind, room_id FROM schedule_days WHERE") + kWhich +
      "AND day BETWEEN ?3 AND ?4 ORDER BY day, start_min"));
  dd->bind_all(all, ids, from.iso(), to.iso());
  for (;;) {
    RG_TRY_ASSIGN(bool row, dd->step());
    if (!row) break;
    auto it = cal.doctors_.find(dd->col_int(0));
    if (it == cal.doctors_.end()) continue;
    Row r;
    r.day = Date::parse_iso(dd->col_view(1)).value_or(Date());
    r.start_min = int(dd->col_int(2));
    r.end_min = int(dd->col_int(3));
    r.kind = kind_of(dd->col_view(4));
    r.room_id = dd->col_opt_int(5);
    it->second.days.push_back(r);
  }

  RG_TRY_ASSIGN(auto ab, db.cached(std::string(
      "SELECT doctor_id, from_day, to_day, reason FROM doctor_absences WHERE") + kWhich +
      "AND withdrawn = 0 AND from_day <= ?4 AND to_day >= ?3 ORDER BY from_day"));
  ab->bind_all(all, ids, from.iso(), to.iso());
  for (;;) {
    RG_TRY_ASSIGN(bool row, ab->step());
    if (!row) break;
    auto it = cal.doctors_.find(ab->col_int(0));
    if (it == cal.doctors_.end()) continue;
    it->second.absences.push_back({Date::parse_iso(ab->col_view(1)).value_or(Date()),
                                   Date::parse_iso(ab->col_view(2)).value_or(Date()), ab->col_text(3)});
  }
  return cal;
}

std::optional<std::int64_t> WorkCalendar::default_room(std::int64_t doctor_id) const {
  auto it = doctors_.find(doctor_id);
  return it == doctors_.end() ? std::nullopt : it->second.default_room;
}

DoctorHours WorkCalendar::hours(std::int64_t doctor_id, Date day) const {
  DoctorHours h;
  h.doctor_id = doctor_id;
  auto it = doctors_.find(doctor_id);
  if (it == doctors_.end()) {
    h.day_off = true;
    return h;
  }
  const Doctor& d = it->second;
  if (published_until_ && day > *published_until_) {
    h.day_off = true;
    h.absence = _("The schedule is not published for this day yet.");
    return h;
  }
  for (const Absence& a : d.absences)
    if (a.from <= day && day <= a.to) {
      h.day_off = true;
      h.absence = a.reason;
      return h;
    }
  auto add = [&](const Row& r) {
    if (r.kind == 'o') h.day_off = true;
    else if (r.kind == 'b') h.breaks.push_back({r.start_min, r.end_min});
    else h.work.push_back({r.start_min, r.end_min, r.room_id ? r.room_id : d.default_room});
  };
  bool dated = false;
  for (const Row& r : d.days)
    if (r.day == day) {
      dated = true;
      add(r);
    }
  if (!dated) {
    for (const Row& r : d.rules)
      if (r.day <= day && (!r.until || day <= *r.until) && rule_applies(r.weekday, r.weeks, r.cycle_on,
                                                                          r.cycle_off, r.day, day))
        add(r);
  }
  if (h.day_off) {
    h.work.clear();
    h.breaks.clear();
  }
  auto by_start = [](const auto& a, const auto& b) { return a.start_min < b.start_min; };
  std::sort(h.work.begin(), h.work.end(), by_start);
  std::sort(h.breaks.begin(), h.breaks.end(), by_start);
  if (h.work.empty()) h.day_off = true;
  return h;
}

}  // namespace rg::db
