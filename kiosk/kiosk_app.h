// The lobby kiosk: which screen is showing, the language, and the return to the start screen
// after a patient walks away.
#pragma once

#include <string>

#include "clinic.h"
#include "ui/shell.h"

namespace rg::kiosk {

enum class KioskScreen { Start, GoToDesk };

// Plain state, testable without drawing.
struct KioskState {
  KioskScreen screen = KioskScreen::Start;
  double last_touch = 0;          // seconds, the shell's clock
  double idle_reset_after = 30;   // back to Start after this long without a touch

  void touch(double now) { last_touch = now; }
  void go(KioskScreen s, double now) {
    screen = s;
    last_touch = now;
  }
  // Returns to Start, wiping what was shown, once the patient is gone.
  void tick(double now) {
    if (screen != KioskScreen::Start && now - last_touch >= idle_reset_after) screen = KioskScreen::Start;
  }
  // Seconds left before the reset, shown in the last 10 seconds; negative when not shown.
  double countdown(double now) const {
    double left = idle_reset_after - (now - last_touch);
    return screen != KioskScreen::Start && left <= 10 ? left : -1;
  }
};

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
