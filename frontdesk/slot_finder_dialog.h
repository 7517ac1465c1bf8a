// «Подобрать время»: the slot finder as a dialog. The desk names the patient, 1–4 specialists
// (a specialty, optionally a service and a doctor), the days and the time of day; the best
// back-to-back chains come back with the waiting and the idle time each leaves, and one click
// books the whole chain.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "clinic.h"
#include "patient_picker.h"
#include "price_list.h"
#include "screen.h"
#include "slot_finder.h"

namespace rg::desk {

class SlotFinderDialog {
 public:
  explicit SlotFinderDialog(DeskContext& ctx) : ctx_(ctx), picker_(ctx) {}
  // What to look for when the dialog opens, e.g. from a waiting-list entry; booking then takes
  // the entry off the list.
  struct Prefill {
    std::optional<db::PatientSummary> patient;
    std::optional<std::int64_t> specialty_id, doctor_id, waiting_entry;
    std::int64_t move_appointment = 0;  // not a new booking: move this appointment to the time
    int duration_min = 0;               // the moved appointment's length
    bool tell_patient = false;          // the move is the clinic's doing: add a call task
  };
  void open(const Prefill& prefill);
  void open();
  bool is_open() const { return open_; }
  // `on_booked(day, first appointment id)` after the chain was booked.
  void draw(const std::function<void(Date, std::int64_t)>& on_booked);
  // For the screenshot: two specialties, a patient, and search.
  void demo();

 private:
  struct NeedRow {
    int specialty = -1;  // index into specialties_
    int service = -1;    // index into services_ (of that specialty), -1: 30 minutes
    int doctor = -1;     // index into doctors_, -1: any
  };
  void load_lists();
  void search();
  void book(const db::SlotOption& option);
  void draw_needs();
  void draw_when();
  void draw_results(const std::function<void(Date, std::int64_t)>& on_booked);
  std::string option_line(const db::SlotStep& s) const;

  DeskContext& ctx_;
  PatientPicker picker_;
  bool open_ = false, opened_ = false;
  int generation_ = 0;
  std::vector<db::Specialty> specialties_;
  std::vector<db::ServiceOffer> services_;
  std::vector<db::Doctor> doctors_;
  std::vector<std::pair<std::int64_t, std::string>> rooms_;
  std::vector<NeedRow> needs_;
  char from_[16] = {};
  int days_ = 14;
  int time_of_day_ = 0;  // any, morning, afternoon, evening
  bool fixed_order_ = true;
  int max_gap_ = 15;
  bool searching_ = false, booking_ = false, searched_ = false;
  bool demo_search_ = false;
  std::string error_;
  db::SlotRequest request_;
  std::vector<db::SlotOption> options_;
  Prefill prefill_;
  Date booked_day_;
  std::int64_t booked_first_ = 0;
};

}  // namespace rg::desk
