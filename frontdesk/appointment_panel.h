// The appointment panel beside the grid: who, when, where, the status with the next steps of
// the visit, cancel with a reason, move, and the history of who did what.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absences.h"
#include "appointment_changes.h"
#include "screen.h"

namespace rg::desk {

class AppointmentPanel {
 public:
  explicit AppointmentPanel(DeskContext& ctx) : ctx_(ctx) {}
  void open(std::int64_t appointment_id);
  void close() { id_ = 0; }
  bool is_open() const { return id_ != 0; }
  std::int64_t id() const { return id_; }
  const std::optional<db::Appointment>& appointment() const { return appt_; }
  void reload() { if (id_) open(id_); }

  // Actions, also used by the grid's right-click menu. Errors appear in the panel.
  void set_status(db::AppointmentStatus to);
  void start_cancel() { cancelling_ = true; }
  // `tell_patient`: the move was not the patient's wish (an absence): a call task is added.
  void move_to(const db::MoveTo& to, bool tell_patient = false);

  // `on_move` asks the screen to let the desk pick the new time (grid or slot finder).
  void draw(const std::function<void()>& on_move);

 private:
  void run(std::function<Status(db::Database&)> change);
  void draw_cancel();

  DeskContext& ctx_;
  std::int64_t id_ = 0;
  int generation_ = 0;
  std::optional<db::Appointment> appt_;
  std::vector<db::HistoryEntry> history_;
  std::string error_;
  bool busy_ = false;
  bool cancelling_ = false;
  char reason_[256] = {};
};

}  // namespace rg::desk
