// The booking panel beside the grid: a free slot was picked; find the patient (or register a
// new one inline), pick services from the price list, a note and the channel, save, and see a
// confirmation that names patient, date, time, doctor and room.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "appointment_changes.h"
#include "appointments.h"
#include "clinic.h"
#include "patient_picker.h"
#include "patients.h"
#include "price_list.h"
#include "screen.h"
#include "waiting_list.h"

namespace rg::desk {

struct SlotChoice {
  Date day;
  std::int64_t doctor_id = 0;
  std::string doctor_name, specialty;
  std::optional<std::int64_t> room_id;
  std::string room;
  int start_min = 0;
  int free_until_min = 0;  // where the doctor's free time ends (next booking, break, end of work)
};

class BookingPanel {
 public:
  explicit BookingPanel(DeskContext& ctx) : ctx_(ctx), picker_(ctx) {}
  // `patient`: already chosen (booking from the patient's card).
  void open(const SlotChoice& slot, const std::optional<db::PatientSummary>& patient = std::nullopt);
  void close() { open_ = false; }
  bool is_open() const { return open_; }
  // Draws into the current window; `on_booked` runs after a successful save.
  void draw(const std::function<void(std::int64_t appointment_id)>& on_booked);
  void focus_search() { picker_.focus(); }
  // For the screenshot: search this text and pick the first patient.
  void demo(const std::string& query, int services);

 private:
  void load_lists();
  void save(const std::function<void(std::int64_t)>& on_booked);
  void draw_patient();
  void draw_new_patient();
  void draw_services();
  bool draw_service_row(const db::ServiceOffer& s, bool chosen);
  void draw_waiting();
  void draw_confirmation();
  int duration() const;
  bool time_is_over() const;

  DeskContext& ctx_;
  bool open_ = false;
  SlotChoice slot_;
  int generation_ = 0;         // the slot: lists and saving

  PatientPicker picker_;
  std::optional<db::PatientSummary> patient_;
  int demo_pick_services_ = 0;

  bool new_patient_ = false;
  char surname_[101] = {}, name_[101] = {}, patronymic_[101] = {}, birth_[16] = {}, phone_[32] = {};
  int sex_ = 1;  // 0 male, 1 female
  std::vector<db::ReferralSource> sources_;
  int source_ = -1;

  std::vector<db::ServiceOffer> services_;  // the doctor's, usual first; then any added from the list
  std::vector<bool> chosen_;
  std::vector<db::ServiceOffer> price_list_;  // the whole price list, for a service of another specialty
  char service_query_[96] = {};
  std::vector<db::WaitingEntry> waiting_;
  std::optional<std::int64_t> waiting_entry_;  // booking one of them closes the entry
  char note_[512] = {};
  int channel_ = 0;  // db::Channel
  char past_reason_[256] = {};  // a time already over is booked only with a reason

  bool saving_ = false;
  std::string error_;
  std::optional<db::Appointment> booked_;
};

}  // namespace rg::desk
