// Doctors' working hours: the weekly pattern, the dated rows that replace it, and absences,
// resolved into the bookable periods of a doctor on a day. Shared by the day grid, the slot
// finder and the absence handling.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "calendar.h"
#include "database.h"

namespace rg::db {

struct Interval {
  int start_min = 0, end_min = 0;  // minutes from local midnight
};

// A stretch of work in one room.
struct WorkPeriod {
  int start_min = 0, end_min = 0;
  std::optional<std::int64_t> room_id;  // the period's room, else the doctor's default room
};

struct DoctorHours {
  std::int64_t doctor_id = 0;
  std::vector<WorkPeriod> work;   // by start
  std::vector<Interval> breaks;   // by start
  bool day_off = false;           // no work at all that day
  std::string absence;            // the reason, when an absence covers the day

  // Work minus breaks: the periods an appointment may take, by start.
  std::vector<WorkPeriod> open_periods() const;
};

// The hours of some doctors over a range of days, loaded in three queries and then answered
// from memory: a slot finder looks at thousands of doctor-days.
// Whether a rule of the weekly pattern works on `day`: a weekly rule (weekday 1–7, weeks 'a'll,
// 'e'ven or 'o'dd by ISO week number), or a shift cycle (weekday 0: `on` days of work then `off`
// days off, the first working day being `from`, the rule's valid_from).
bool rule_applies(int weekday, char weeks, int on, int off, Date from, Date day);
// The ISO 8601 week number of `day` (1–53), whose parity alternating weeks follow.
int iso_week(Date day);

class WorkCalendar {
 public:
  // Every active doctor when `doctors` is empty.
  static Result<WorkCalendar> load(Database& db, Date from, Date to,
                                   std::span<const std::int64_t> doctors = {});
  DoctorHours hours(std::int64_t doctor_id, Date day) const;
  std::optional<std::int64_t> default_room(std::int64_t doctor_id) const;

 private:
  struct Row {
    int weekday = 0;  // weekly rules only; 0 for a shift cycle
    char weeks = 'a';  // 'a'll, 'e'ven or 'o'dd ISO weeks
    int cycle_on = 0, cycle_off = 0;  // a shift cycle: days on, days off from `day` (valid_from)
    Date day;         // dated rows only; valid_from for rules
    std::optional<Date> until;
    int start_min = 0, end_min = 0;
    char kind = 'w';  // 'w'ork, 'b'reak, 'o'ff
    std::optional<std::int64_t> room_id;
  };
  struct Absence {
    Date from, to;
    std::string reason;
  };
  struct Doctor {
    std::optional<std::int64_t> default_room;
    std::vector<Row> rules, days;
    std::vector<Absence> absences;
  };
  std::unordered_map<std::int64_t, Doctor> doctors_;
  std::optional<Date> published_until_;  // settings 'schedule.published_until': no hours after it
};

}  // namespace rg::db
