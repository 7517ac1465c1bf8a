// «Расписание»: the day grid, doctors as columns and time as rows (read-only for now).
#pragma once

#include <optional>
#include <string>

#include "appointments.h"
#include "calendar.h"
#include "screen.h"

namespace rg::desk {

class ScheduleScreen : public Screen {
 public:
  explicit ScheduleScreen(DeskContext& ctx) : Screen(ctx) {}
  const char* id() const override { return "schedule"; }
  std::string title() const override;
  void on_show() override;
  void on_data_changed() override { reload(); }
  void draw() override;

  // State, readable by tests.
  Date day() const { return day_; }
  const std::optional<db::DayGrid>& grid() const { return grid_; }
  void show_day(Date d);

 private:
  void reload();
  void draw_header();
  void draw_grid();

  Date day_ = today();
  std::optional<db::DayGrid> grid_;
  std::string error_;
  int generation_ = 0;
  bool loading_ = false;
  bool scroll_to_now_ = true;
  bool only_working_ = true;  // hide doctors who are off that day
};

// Colours and words of each status, shared by the grid and its legend.
struct StatusLook {
  unsigned fill, accent;  // 0xRRGGBB
  const char* name;       // msgid
};
StatusLook status_look(db::AppointmentStatus s);

}  // namespace rg::desk
