// Type-ahead patient search as a widget: a field and up to eight matches; the booking panel and
// the slot finder both pick their patient with it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "patients.h"
#include "screen.h"
#include "ui/shell.h"

namespace rg::desk {

class PatientPicker {
 public:
  explicit PatientPicker(DeskContext& ctx) : ctx_(ctx) {}
  // Draws the field and the matches; returns true on the frame a patient is picked.
  bool draw(const char* id);
  // «Пациент» with the picked patient and «Другой пациент», or the search when none is picked.
  void draw_choice(const char* id, ui::Shell& shell);
  void reset();
  void set_query(const std::string& text, bool pick_first);
  void focus() { focus_ = true; }
  const std::string& query() const { return searched_; }
  std::optional<db::PatientSummary> picked;
  std::string error;

 private:
  void search();

  DeskContext& ctx_;
  char query_[128] = {};
  std::string searched_;
  std::vector<db::PatientSummary> found_;
  int generation_ = 0;
  bool focus_ = false;
  bool pick_first_ = false;
};

// «Иванова Анна Петровна, 12.03.1985, +7 916 123-45-67»
std::string patient_line(const db::PatientSummary& p);

}  // namespace rg::desk
