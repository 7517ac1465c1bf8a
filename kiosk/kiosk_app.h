// The lobby kiosk application: draws the current screen of KioskState full screen.
#pragma once

#include <string>

#include "clinic.h"
#include "kiosk_state.h"
#include "ui/shell.h"

namespace rg::kiosk {

class KioskApp {
 public:
  KioskApp(ui::Shell& shell, db::Clinic clinic);
  void frame();
  KioskState& state() { return state_; }

 private:
  void draw_start(float w, float h);
  void draw_go_to_desk(float w, float h);
  void draw_language_toggle(float x, float y);

  ui::Shell& shell_;
  db::Clinic clinic_;
  KioskState state_;
};

}  // namespace rg::kiosk
