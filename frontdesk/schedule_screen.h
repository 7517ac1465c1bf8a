// «Расписание»: the administrators' main screen. The day grid (or a doctor's week, tomorrow's
// list, the waiting list), filters, and beside it the panel for what was picked: a free slot to
// book, an appointment to move along, move or cancel.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absence_dialog.h"
#include "appointment_panel.h"
#include "appointments.h"
#include "booking_panel.h"
#include "calendar.h"
#include "day_grid_view.h"
#include "screen.h"
#include "slot_finder_dialog.h"
#include "tomorrow_view.h"
#include "waiting_list_view.h"

namespace rg::desk {

class ScheduleScreen : public Screen {
 public:
  enum class Mode { Day, Week, Tomorrow, Waiting };

  explicit ScheduleScreen(DeskContext& ctx);
  const char* id() const override { return "schedule"; }
  std::string title() const override;
  void on_show() override;
  void on_data_changed() override;
  void draw() override;
  void prepare_screenshot() override;
  std::vector<std::string> extra_shots() const override { return {"booking", "appointment", "week", "tomorrow", "waiting", "absence", "finder"}; }
  void prepare_extra_shot(const std::string& name) override;

  // State and input, usable by tests and screenshots.
  Date day() const { return day_; }
  const std::optional<db::DayGrid>& grid() const { return grid_; }
  void show_day(Date d);
  void set_mode(Mode m);
  // Opens the booking panel on the first free slot of the first working doctor.
  void demo_booking(const std::string& patient_query);
  // From the patient's card: the day view, a strip naming the patient, and the next free time
  // picked in the grid (or found by «Подобрать время») is booked for them.
  void book_for(const db::PatientSummary& patient);
  // A schedule change left this doctor's bookings outside his hours from `from` on: the absence
  // dialog lists them to hand on, move or cancel.
  void deal_with_outside_hours(std::int64_t doctor_id, Date from);
  void demo_appointment();

 private:
  void reload();
  void draw_header();
  void draw_filters();
  void draw_for_patient();
  void draw_body();
  void draw_side_panel(float width);
  void draw_menu();
  void draw_move_confirmation();
  void handle(const GridEvent& ev);
  bool column_shown(const db::DoctorDay& d) const;
  // The grid and its day in the current mode (the week's column ids are weekdays).
  const db::DayGrid* shown_grid() const;
  Date day_of(const GridSlot& s) const;
  std::int64_t doctor_of(const GridSlot& s) const;
  const db::DoctorDay* doctor_day(const GridSlot& s) const;
  std::optional<SlotChoice> slot_choice(const GridSlot& s) const;

  Mode mode_ = Mode::Day;
  Date day_ = today();
  std::optional<db::DayGrid> grid_;           // the day
  std::vector<db::DayGrid> week_days_;        // the week of week_doctor_
  std::optional<db::DayGrid> week_;           // the same, as one grid
  std::int64_t week_doctor_ = 0;
  std::string error_;
  int generation_ = 0;
  bool loading_ = false;

  bool only_working_ = true;
  std::int64_t specialty_filter_ = 0;  // 0: every specialty
  std::int64_t doctor_filter_ = 0;     // 0: every doctor
  std::string room_filter_;            // empty: every room
  DayGridView view_;
  BookingPanel booking_;
  AppointmentPanel appointment_;
  SlotFinderDialog finder_;
  WaitingListView waiting_;
  TomorrowView tomorrow_;
  AbsenceDialog absence_;
  bool move_tells_patient_ = false;  // the move comes from an absence: add a call task
  std::int64_t moving_ = 0;             // picking the new time of this appointment
  std::optional<GridSlot> move_target_;  // waiting for the desk's confirmation
  std::optional<db::PatientSummary> for_patient_;
  std::int64_t menu_appointment_ = 0;
  bool open_menu_ = false;
};

}  // namespace rg::desk
