// Week view as data: relabelling a doctor's seven columns lets the day grid draw, drag and
// pick on a week with no second drawing code.
#include "week_view.h"

#include "ui/format.h"

namespace rg::desk {

Date week_start(Date d) { return d.plus_days(1 - d.iso_weekday()); }

db::DayGrid week_as_grid(const std::vector<db::DayGrid>& days, std::int64_t doctor_id) {
  db::DayGrid week;
  if (!days.empty()) week.day = days.front().day;
  for (size_t i = 0; i < days.size(); ++i) {
    const db::DayGrid& g = days[i];
    const std::int64_t column = std::int64_t(i) + 1;
    for (const auto& d : g.doctors) {
      if (d.doctor_id != doctor_id) continue;
      db::DoctorDay c = d;
      c.doctor_id = column;
      // «вт, 24 ноября»: the header's first line names the day instead of the doctor.
      c.short_name = ui::weekday_short(g.day.iso_weekday()) + ", " +
                     ui::long_date(g.day.year(), g.day.month(), g.day.day()).substr(
                         0, ui::long_date(g.day.year(), g.day.month(), g.day.day()).rfind(' '));
      c.specialty = d.short_name;
      week.doctors.push_back(std::move(c));
    }
    for (const auto& a : g.appointments) {
      if (a.doctor_id != doctor_id) continue;
      db::GridAppointment x = a;
      x.doctor_id = column;
      week.appointments.push_back(std::move(x));
    }
  }
  return week;
}

}  // namespace rg::desk
