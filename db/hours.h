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
class WorkCalendar {
 public:
  // Every active doctor when `doctors` is empty.
  static Result<WorkCalendar> load(Database& db, Date from, Date to,
                                   std::span<const std::int64_t> doctors = {});
  DoctorHours hours(std::int64_t doctor_id, Date day) const;
  std::optional<std::int64_t> default_room(std::int64_t doctor_id) const;

 private:
  struct Row {
    int weekday = 0;  // rules only
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
};

}  // namespace rg::db
