// The day grid as a view: draws a db::DayGrid (doctors as columns, 15-minute rows) and turns
// clicks, drags and keys into events for the schedule screen. No queries here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "appointments.h"

namespace rg::ui {
class Shell;
}

namespace rg::desk {

struct GridSlot {
  std::int64_t doctor_id = 0;
  int minute = 0;  // local minutes of the grid's day
};

struct GridEvent {
  enum class Kind {
    None,
    PickSlot,         // a free slot was clicked or Enter was pressed on it
    PickAppointment,  // an appointment was clicked or Enter was pressed on it
    Menu,             // right click on an appointment
    Move,             // an appointment was dragged and dropped onto `slot`
    Escape,
  };
  Kind kind = Kind::None;
  GridSlot slot;
  std::int64_t appointment_id = 0;
};

// A cancelled or no-show appointment's time that nobody has taken again: worth offering to the
// waiting list.
struct FreedGap {
  std::int64_t doctor_id = 0;
  int start_min = 0, end_min = 0;
};
std::vector<FreedGap> freed_gaps(const db::DayGrid& g, int now_minute_if_today);

class DayGridView {
 public:
  explicit DayGridView(ui::Shell& shell) : shell_(shell) {}
  // `show` picks the columns (filters); all of them when empty.
  GridEvent draw(const db::DayGrid& g, const std::function<bool(const db::DoctorDay&)>& show);

  void scroll_to_now() { scroll_to_now_ = true; }
  // The keyboard cursor / picked slot, drawn as a frame; the picked appointment, outlined.
  std::optional<GridSlot> cursor;
  std::int64_t selected_appointment = 0;
  bool single_day = true;  // false for the week view: no "now" line across the days

 private:
  ui::Shell& shell_;
  bool scroll_to_now_ = true;
  std::int64_t dragging_ = 0;  // appointment being dragged
  int drag_offset_min_ = 0;
};

// Colours and words of each status, shared by the grid, its legend and the panels.
struct StatusLook {
  unsigned fill, accent;  // 0xRRGGBB
  const char* name;       // msgid
};
StatusLook status_look(db::AppointmentStatus s);
unsigned grid_colour_free();

}  // namespace rg::desk
