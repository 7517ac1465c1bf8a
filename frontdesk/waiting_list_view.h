// «Лист ожидания» as a view of the schedule screen: who waits for what, urgent first or longest
// waiting first, for all doctors or one; add an entry, find a time for one, or take one off.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "clinic.h"
#include "patient_picker.h"
#include "screen.h"
#include "waiting_list.h"

namespace rg::desk {

class WaitingListView {
 public:
  explicit WaitingListView(DeskContext& ctx) : ctx_(ctx), picker_(ctx) {}
  void reload();
  // `find_time(entry)` asks the screen to open the slot finder for the entry's patient.
  void draw(const std::function<void(const db::WaitingEntry&)>& find_time);
  const std::vector<db::WaitingEntry>& entries() const { return entries_; }

 private:
  void draw_add();
  void add();

  DeskContext& ctx_;
  PatientPicker picker_;
  int generation_ = 0;
  bool loaded_ = false;
  std::vector<db::WaitingEntry> entries_;
  std::vector<db::Doctor> doctors_;
  std::vector<db::Specialty> specialties_;
  int doctor_filter_ = -1;  // index into doctors_
  bool by_age_ = false;
  std::string error_;

  bool adding_ = false;
  int add_specialty_ = -1, add_doctor_ = -1, add_days_ = 14, add_priority_ = 0, add_part_ = 0;
  char add_comment_[256] = {};
};

}  // namespace rg::desk
