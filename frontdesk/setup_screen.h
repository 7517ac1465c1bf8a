// «Первые шаги»: a new clinic's way to its first working day, for whoever changes settings —
// requisites, rooms, specialties and doctors, working schedules, the price list, employees,
// printers and devices, in that order; each says what the database has and what is missing,
// opens its Settings section, and may be skipped and taken up again. Shown while the clinic is
// not set up; the desk starts there for the manager until every step is done or skipped.
#pragma once

#include <optional>

#include "core_action.h"
#include "screen.h"
#include "setup.h"

namespace rg::desk {

class SetupScreen : public Screen {
 public:
  explicit SetupScreen(DeskContext& ctx) : Screen(ctx) {}
  const char* id() const override { return "setup"; }
  std::string title() const override;
  void on_show() override { load(); }
  void on_data_changed() override { load(); }
  void draw() override;

 private:
  void load();

  std::optional<db::SetupProgress> progress_;
  ActionState action_;
  bool loading_ = false;
};

}  // namespace rg::desk
