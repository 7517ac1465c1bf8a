// «Отсутствие врача»: mark a doctor away for days with a reason, then deal with every affected
// appointment — hand it to a free colleague of the same specialty, move it, or cancel it — each
// leaving a call task for the patient. Also in bulk.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absences.h"
#include "clinic.h"
#include "screen.h"

namespace rg::desk {

class AbsenceDialog {
 public:
  explicit AbsenceDialog(DeskContext& ctx) : ctx_(ctx) {}
  void open(std::int64_t doctor_id, Date from);
  // No absence to record: the doctor's bookings from `from` on that his hours no longer cover
  // (a schedule change), dealt with the same way.
  void open_outside_hours(std::int64_t doctor_id, Date from);
  bool is_open() const { return open_; }
  // `on_move(appointment_id)` asks the screen to let the desk pick a new time.
  void draw(const std::function<void(std::int64_t)>& on_move);
  // For the screenshot: the latest recorded absence and what it affects.
  void demo_latest();

 private:
  void load_doctors();
  void save();
  void load_affected();
  void run(std::function<Status(db::Database&)> change);

  DeskContext& ctx_;
  bool open_ = false, opened_ = false;
  int generation_ = 0;
  std::vector<db::Doctor> doctors_;
  int doctor_ = -1;
  std::int64_t want_doctor_ = 0;
  char from_[16] = {}, to_[16] = {}, reason_[200] = {};
  bool recorded_ = false;
  bool outside_hours_ = false;  // listing what a schedule change left outside, not an absence
  bool busy_ = false;
  // «Отменить все»: asked once, with the count and the reason the patients will be told.
  bool confirm_cancel_ = false;
  char cancel_reason_[256] = {};
  std::string error_, done_;
  std::vector<db::Appointment> affected_;
  std::map<std::int64_t, std::vector<db::Substitute>> substitutes_;
  std::map<std::int64_t, int> chosen_;  // appointment → index into its substitutes
};

}  // namespace rg::desk
