// Doctors' working schedules as the manager sets them: a pattern of rules (weekly — every week or
// only even or odd ISO weeks — or a shift cycle such as «2 через 2»), several intervals a day each
// with its room, breaks, dated rows for one day (other hours, or a day off), and the date up to
// which the schedule is published (no hours, so no booking, after it). A change never orphans a
// booking silently: it returns the appointments left outside the new hours, which the desk then
// hands on, moves or cancels through the absence flow.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "appointment_changes.h"
#include "audit.h"
#include "calendar.h"
#include "database.h"

namespace rg::db {

struct ScheduleRule {
  std::int64_t id = 0;
  int weekday = 0;   // 1 = Monday … 7; 0 for a shift cycle
  char weeks = 'a';  // weekly rules: 'a'll weeks, 'e'ven or 'o'dd ISO weeks
  int cycle_on = 0, cycle_off = 0;  // shift cycles: days on, then days off, from valid_from
  int start_min = 0, end_min = 0;   // minutes from local midnight
  bool is_break = false;
  std::optional<std::int64_t> room_id;  // none: the doctor's default room
  Date valid_from;
  std::optional<Date> valid_until;
};

// A dated row: on that day the doctor's hours are the day's rows instead of the pattern.
struct ScheduleDay {
  std::int64_t id = 0;
  Date day;
  int start_min = 0, end_min = 0;
  char kind = 'w';  // 'w'ork, 'b'reak, 'o'ff (a day off)
  std::optional<std::int64_t> room_id;
};

// The rules in force on `day` and every rule that starts later, by start date then weekday.
Result<std::vector<ScheduleRule>> schedule_rules(Database& db, std::int64_t doctor_id, Date day);
Result<std::vector<ScheduleDay>> schedule_days(Database& db, std::int64_t doctor_id, Date from, Date to);

// Checks a pattern in words: times within a day and in order, cycles of 1–14 days, breaks inside
// work, intervals of one day that do not overlap, rooms that exist and are active.
Status validate_pattern(Database& db, const std::vector<ScheduleRule>& pattern);

// The appointments from `from` on (booked, confirmed; not yet arrived or past) that the doctor's
// hours — as they are now in this connection — no longer cover, by time.
Result<std::vector<Appointment>> outside_hours(Database& db, std::int64_t doctor_id, Date from);

// ScheduleEdit. From `from` on the doctor works by `pattern` (its valid_from/valid_until are set
// here: from `from`, open-ended): rules in force end the day before, rules starting later are
// replaced. A shift cycle's first working day is `from`. Audited. Returns the appointments left
// outside the new hours (the change is made; the desk deals with each through the absence flow).
Result<std::vector<Appointment>> set_pattern(Database& db, std::int64_t doctor_id, std::vector<ScheduleRule> pattern,
                                             Date from, const Actor& actor);
// What set_pattern would leave outside the hours, without changing anything (a rolled-back trial).
Result<std::vector<Appointment>> preview_pattern(Database& db, std::int64_t doctor_id,
                                                 const std::vector<ScheduleRule>& pattern, Date from);

// ScheduleEdit. The day's rows replace whatever the day had: `rows` empty gives the day back to the
// pattern; one row of kind 'o' makes it a day off. Returns what is left outside, as set_pattern.
Result<std::vector<Appointment>> set_day(Database& db, std::int64_t doctor_id, Date day,
                                         const std::vector<ScheduleDay>& rows, const Actor& actor);

// The published horizon (ScheduleEdit): no hours after this date; none: no limit. A date before
// today is refused. Appointments after it are returned as left outside.
Result<std::optional<Date>> published_until(Database& db);
Result<std::vector<Appointment>> set_published_until(Database& db, std::optional<Date> until, std::int64_t now,
                                                     const Actor& actor);

// «Пн–Пт 09:00–15:00», «чётные недели: Сб 10:00–14:00», «2 через 2 с 01.03: 08:00–20:00».
std::string describe_rule(const ScheduleRule& r);

}  // namespace rg::db
