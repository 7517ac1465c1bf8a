// Which kiosk screen is showing and the return to the start screen after a patient walks away.
// Plain state with no drawing, so tests drive it with a clock of their own.
#pragma once

namespace rg::kiosk {

enum class KioskScreen { Start, GoToDesk };

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

}  // namespace rg::kiosk
