#include "schedules.h"

#include <algorithm>

#include "clinic.h"
#include "hours.h"
#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

std::string hhmm(int m) { return format_text("%02d:%02d", m / 60, m % 60); }

const char* weekday_word(int d) {
  static const char* const kNames[] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")};
  return d >= 1 && d <= 7 ? _(kNames[d - 1]) : "?";
}

Status check_room(Database& db, const std::optional<std::int64_t>& room) {
  if (!room) return {};
  RG_TRY_ASSIGN(auto st, db.cached("SELECT active FROM rooms WHERE id = ?1"));
  st->bind(1, *room);
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found || st->col_int(0) == 0) return fail(ErrorCode::Invalid, _("A schedule row names a room that is not active."));
  return {};
}

// The same days: weekly rules with the same weekday whose week sets meet, or both cycles.
bool same_days(const ScheduleRule& a, const ScheduleRule& b) {
  if (a.weekday == 0 || b.weekday == 0) return a.weekday == b.weekday;
  return a.weekday == b.weekday && (a.weeks == 'a' || b.weeks == 'a' || a.weeks == b.weeks);
}

Status apply_pattern(Database& db, std::int64_t doctor_id, const std::vector<ScheduleRule>& pattern, Date from) {
  RG_TRY_ASSIGN(auto end, db.cached(
      "UPDATE schedule_rules SET valid_until = ?2 WHERE doctor_id = ?1 AND valid_from < ?3 "
      "AND (valid_until IS NULL OR valid_until >= ?3)"));
  end->bind_all(doctor_id, from.plus_days(-1).iso(), from.iso());
  RG_TRY(end->exec());
  RG_TRY_ASSIGN(auto later, db.cached("DELETE FROM schedule_rules WHERE doctor_id = ?1 AND valid_from >= ?2"));
  later->bind_all(doctor_id, from.iso());
  RG_TRY(later->exec());
  for (const auto& r : pattern) {
    RG_TRY_ASSIGN(auto ins, db.cached(
        "INSERT INTO schedule_rules(doctor_id, weekday, weeks, cycle_on, cycle_off, start_min, end_min, kind, "
        "room_id, valid_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    ins->bind_all(doctor_id, r.weekday ? std::optional<int>(r.weekday) : std::nullopt,
                  r.weekday == 0 ? "all" : r.weeks == 'e' ? "even" : r.weeks == 'o' ? "odd" : "all",
                  r.weekday ? std::nullopt : std::optional<int>(r.cycle_on),
                  r.weekday ? std::nullopt : std::optional<int>(r.cycle_off), r.start_min, r.end_min,
                  r.is_break ? "break" : "work", r.room_id, from.iso());
    RG_TRY(ins->exec());
  }
  return {};
}

std::string describe_pattern(const std::vector<ScheduleRule>& pattern) {
  std::string out;
  for (const auto& r : pattern) out += (out.empty() ? "" : "; ") + describe_rule(r);
  return out;
}

Result<std::string> doctor_name(Database& db, std::int64_t id) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT surname || ' ' || name FROM doctors WHERE id = ?1"));
  st->bind(1, id);
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found) return fail(ErrorCode::NotFound, _("This doctor no longer exists."));
  return st->col_text(0);
}

}  // namespace

std::string describe_rule(const ScheduleRule& r) {
  std::string s;
  if (r.weekday == 0) {
    s = format_text(_("%d on, %d off from %s"), r.cycle_on, r.cycle_off, r.valid_from.ru().c_str());
  } else {
    s = weekday_word(r.weekday);
    if (r.weeks == 'e') s += std::string(" ") + _("(even weeks)");
    if (r.weeks == 'o') s += std::string(" ") + _("(odd weeks)");
  }
  s += " " + hhmm(r.start_min) + "–" + hhmm(r.end_min);
  if (r.is_break) s += std::string(" ") + _("break");
  return s;
}

Result<std::vector<ScheduleRule>> schedule_rules(Database& db, std::int64_t doctor_id, Date day) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT id, weekday, weeks, cycle_on, cycle_off, start_min, end_min, kind, room_id, valid_from, valid_until "
      "FROM schedule_rules WHERE doctor_id = ?1 AND (valid_until IS NULL OR valid_until >= ?2) "
      "ORDER BY valid_from, coalesce(weekday, 0), start_min"));
  st->bind_all(doctor_id, day.iso());
  std::vector<ScheduleRule> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    ScheduleRule r;
    r.id = st->col_int(0);
    r.weekday = st->is_null(1) ? 0 : int(st->col_int(1));
    r.weeks = st->col_view(2) == "even" ? 'e' : st->col_view(2) == "odd" ? 'o' : 'a';
    if (!st->is_null(3)) r.cycle_on = int(st->col_int(3)), r.cycle_off = int(st->col_int(4));
    r.start_min = int(st->col_int(5));
    r.end_min = int(st->col_int(6));
    r.is_break = st->col_view(7) == "break";
    r.room_id = st->col_opt_int(8);
    r.valid_from = Date::parse_iso(st->col_view(9)).value_or(Date());
    if (!st->is_null(10)) r.valid_until = Date::parse_iso(st->col_view(10));
    out.push_back(r);
  }
  return out;
}

Result<std::vector<ScheduleDay>> schedule_days(Database& db, std::int64_t doctor_id, Date from, Date to) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT id, day, start_min, end_min, kind, room_id FROM schedule_days "
      "WHERE doctor_id = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day, start_min"));
  st->bind_all(doctor_id, from.iso(), to.iso());
  std::vector<ScheduleDay> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    ScheduleDay d;
    d.id = st->col_int(0);
    d.day = Date::parse_iso(st->col_view(1)).value_or(Date());
    d.start_min = int(st->col_int(2));
    d.end_min = int(st->col_int(3));
    d.kind = st->col_view(4) == "break" ? 'b' : st->col_view(4) == "off" ? 'o' : 'w';
    d.room_id = st->col_opt_int(5);
    out.push_back(d);
  }
  return out;
}

Status validate_pattern(Database& db, const std::vector<ScheduleRule>& pattern) {
  for (const auto& r : pattern) {
    if (r.start_min < 0 || r.end_min > 1440 || r.end_min <= r.start_min)
      return fail(ErrorCode::Invalid,
                  format_text(_("%s: the end must come after the start, within one day."), describe_rule(r).c_str()));
    if (r.weekday < 0 || r.weekday > 7) return fail(ErrorCode::Invalid, _("A weekday is from Monday to Sunday."));
    if (r.weekday == 0 && (r.cycle_on < 1 || r.cycle_on > 14 || r.cycle_off < 1 || r.cycle_off > 14))
      return fail(ErrorCode::Invalid, _("A shift cycle has 1 to 14 working days and 1 to 14 days off."));
    RG_TRY(check_room(db, r.room_id));
  }
  for (std::size_t i = 0; i < pattern.size(); ++i)
    for (std::size_t j = i + 1; j < pattern.size(); ++j) {
      const auto &a = pattern[i], &b = pattern[j];
      if (a.is_break != b.is_break || !same_days(a, b)) continue;
      if (a.start_min < b.end_min && b.start_min < a.end_min)
        return fail(ErrorCode::Invalid, format_text(_("Two rows overlap: %s and %s."), describe_rule(a).c_str(),
                                                    describe_rule(b).c_str()));
    }
  for (const auto& b : pattern) {
    if (!b.is_break) continue;
    bool inside = false;
    for (const auto& w : pattern)
      if (!w.is_break && same_days(w, b) && w.start_min <= b.start_min && b.end_min <= w.end_min) inside = true;
    if (!inside)
      return fail(ErrorCode::Invalid,
                  format_text(_("The break %s is not inside working hours of the same days."), describe_rule(b).c_str()));
  }
  return {};
}

Result<std::vector<Appointment>> outside_hours(Database& db, std::int64_t doctor_id, Date from) {
  std::vector<std::pair<std::int64_t, std::int64_t>> apps;  // id, start
  {
    RG_TRY_ASSIGN(auto st, db.cached(
        "SELECT id, start_at, end_at FROM appointments WHERE doctor_id = ?1 AND start_at >= ?2 "
        "AND status IN ('booked', 'confirmed') ORDER BY start_at"));
    st->bind_all(doctor_id, to_unix(from, 0));
    for (;;) {
      RG_TRY_ASSIGN(bool row, st->step());
      if (!row) break;
      apps.push_back({st->col_int(0), st->col_int(1)});
    }
  }
  std::vector<Appointment> out;
  if (apps.empty()) return out;
  const Date last = to_local(apps.back().second).date;
  const std::int64_t ids[] = {doctor_id};
  RG_TRY_ASSIGN(auto cal, WorkCalendar::load(db, from, last, ids));
  for (auto [id, start] : apps) {
    RG_TRY_ASSIGN(Appointment a, load_appointment(db, id));
    const auto local = to_local(a.start_at);
    const int s = int((a.start_at - to_unix(local.date, 0)) / 60);
    const int e = s + int((a.end_at - a.start_at) / 60);
    bool covered = false;
    for (const auto& p : cal.hours(doctor_id, local.date).open_periods())
      if (p.start_min <= s && e <= p.end_min) covered = true;
    if (!covered) out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<Appointment>> set_pattern(Database& db, std::int64_t doctor_id, std::vector<ScheduleRule> pattern,
                                             Date from, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::ScheduleEdit));
  RG_TRY_ASSIGN(auto name, doctor_name(db, doctor_id));
  for (auto& r : pattern) r.valid_from = from, r.valid_until.reset();
  RG_TRY(validate_pattern(db, pattern));
  RG_TRY_ASSIGN(auto before, schedule_rules(db, doctor_id, from));
  RG_TRY(apply_pattern(db, doctor_id, pattern, from));
  RG_TRY_ASSIGN(auto left, outside_hours(db, doctor_id, from));
  RG_TRY(append_audit(db, actor, "schedule.pattern", "doctor", doctor_id,
                      {{"doctor", name},
                       {"from", from.iso()},
                       {"pattern", describe_pattern(before) + " → " + describe_pattern(pattern)},
                       {"left_outside", std::to_string(left.size())}}));
  RG_TRY(tx.commit());
  return left;
}

Result<std::vector<Appointment>> preview_pattern(Database& db, std::int64_t doctor_id,
                                                 const std::vector<ScheduleRule>& pattern, Date from) {
  RG_TRY(validate_pattern(db, pattern));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(apply_pattern(db, doctor_id, pattern, from));
  RG_TRY_ASSIGN(auto left, outside_hours(db, doctor_id, from));
  tx.rollback();
  return left;
}

Result<std::vector<Appointment>> set_day(Database& db, std::int64_t doctor_id, Date day,
                                         const std::vector<ScheduleDay>& rows, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::ScheduleEdit));
  RG_TRY_ASSIGN(auto name, doctor_name(db, doctor_id));
  std::string what;
  for (const auto& r : rows) {
    if (r.kind != 'o' && (r.start_min < 0 || r.end_min > 1440 || r.end_min <= r.start_min))
      return fail(ErrorCode::Invalid, _("The end must come after the start, within one day."));
    RG_TRY(check_room(db, r.room_id));
    what += (what.empty() ? "" : "; ") +
            (r.kind == 'o' ? std::string(_("day off"))
                           : hhmm(r.start_min) + "–" + hhmm(r.end_min) + (r.kind == 'b' ? std::string(" ") + _("break") : ""));
  }
  RG_TRY_ASSIGN(auto del, db.cached("DELETE FROM schedule_days WHERE doctor_id = ?1 AND day = ?2"));
  del->bind_all(doctor_id, day.iso());
  RG_TRY(del->exec());
  for (const auto& r : rows) {
    RG_TRY_ASSIGN(auto ins, db.cached(
        "INSERT INTO schedule_days(doctor_id, day, start_min, end_min, kind, room_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    ins->bind_all(doctor_id, day.iso(), r.kind == 'o' ? 0 : r.start_min, r.kind == 'o' ? 1440 : r.end_min,
                  r.kind == 'o' ? "off" : r.kind == 'b' ? "break" : "work", r.room_id);
    RG_TRY(ins->exec());
  }
  RG_TRY_ASSIGN(auto left, outside_hours(db, doctor_id, day));
  std::erase_if(left, [&](const Appointment& a) { return to_local(a.start_at).date != day; });
  RG_TRY(append_audit(db, actor, "schedule.day", "doctor", doctor_id,
                      {{"doctor", name}, {"day", day.iso()}, {"hours", what.empty() ? _("as the pattern") : what},
                       {"left_outside", std::to_string(left.size())}}));
  RG_TRY(tx.commit());
  return left;
}

Result<std::optional<Date>> published_until(Database& db) {
  RG_TRY_ASSIGN(auto v, get_setting(db, "schedule.published_until"));
  if (!v || v->empty()) return std::optional<Date>();
  return Date::parse_iso(*v);
}

Result<std::vector<Appointment>> set_published_until(Database& db, std::optional<Date> until, std::int64_t now,
                                                     const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::ScheduleEdit));
  const Date today = to_local(now).date;
  if (until && *until < today)
    return fail(ErrorCode::Invalid, _("The schedule cannot be published up to a day already past."));
  RG_TRY_ASSIGN(auto before, get_setting(db, "schedule.published_until"));
  const std::string value = until ? until->iso() : "";
  RG_TRY(set_setting(db, "schedule.published_until", value));
  std::vector<Appointment> left;
  if (until) {
    RG_TRY_ASSIGN(auto st, db.cached(
        "SELECT DISTINCT doctor_id FROM appointments WHERE start_at >= ?1 AND status IN ('booked', 'confirmed')"));
    st->bind(1, to_unix(until->plus_days(1), 0));
    std::vector<std::int64_t> doctors;
    for (;;) {
      RG_TRY_ASSIGN(bool row, st->step());
      if (!row) break;
      doctors.push_back(st->col_int(0));
    }
    for (auto d : doctors) {
      RG_TRY_ASSIGN(auto l, outside_hours(db, d, until->plus_days(1)));
      left.insert(left.end(), std::make_move_iterator(l.begin()), std::make_move_iterator(l.end()));
    }
  }
  RG_TRY(append_audit(db, actor, "schedule.published_until", "setting", std::nullopt,
                      {{"value", before.value_or("") + " → " + value}, {"left_outside", std::to_string(left.size())}}));
  RG_TRY(tx.commit());
  return left;
}

}  // namespace rg::db
