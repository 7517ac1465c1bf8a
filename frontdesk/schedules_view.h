// «Расписание врачей» in Settings, for whoever may change schedules: a doctor's working pattern
// from a date — rows of weekday (every week, even or odd weeks) or a shift cycle («2 через 2»),
// hours, room, breaks —, checked before saving against what is booked; his dated rows (other
// hours or a day off on a date); and how far ahead the clinic's schedule is published. A change
// that leaves bookings outside the hours says how many and sends the desk to deal with them
// through the absence flow on the schedule screen.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clinic.h"
#include "core_action.h"
#include "schedules.h"
#include "screen.h"

namespace rg::desk {

class SchedulesView {
 public:
  explicit SchedulesView(DeskContext& ctx) : ctx_(ctx) {}
  void load();
  void draw();
  // Screenshots: the first doctor with a pattern, and a change checked against his bookings.
  void demo_check() { demo_check_ = true; }

 private:
  struct Row {
    int kind = 0;  // 0 every week, 1 even weeks, 2 odd weeks, 3 shift cycle
    int weekday = 1, cycle_on = 2, cycle_off = 2;
    char start[6] = "09:00", end[6] = "15:00";
    bool is_break = false;
    std::optional<std::int64_t> room;
  };
  void choose(std::int64_t doctor_id);
  void load_doctor();
  void draw_pattern();
  void draw_days();
  void draw_horizon();
  // The form's rows as the core takes them; empty + `problem` when a time does not read.
  std::vector<db::ScheduleRule> pattern(std::string& problem) const;
  // «Проверить по записям»: what `p` from `from` would leave outside the hours, changing nothing.
  void check(const std::vector<db::ScheduleRule>& p, Date from);
  void show_left(const std::vector<db::Appointment>& left, Date from);

  DeskContext& ctx_;
  std::vector<db::Doctor> doctors_;
  std::vector<db::Room> rooms_;
  std::optional<std::int64_t> doctor_;
  std::vector<db::ScheduleRule> current_;  // in force and to come
  std::vector<db::ScheduleDay> days_;      // dated rows from today on
  std::vector<Row> rows_;
  char from_[16] = {};
  char day_[16] = {}, day_start_[6] = "09:00", day_end_[6] = "15:00";
  bool day_off_ = false;
  char horizon_[16] = {};
  std::optional<Date> published_;
  // The last check or save: bookings left outside the hours, from `left_from_`.
  std::vector<db::Appointment> left_;
  std::optional<Date> left_from_;
  bool checked_ = false, saved_ = false;
  ActionState action_;
  bool loading_ = false, loaded_ = false, demo_check_ = false;
  int generation_ = 0;
};

}  // namespace rg::desk
