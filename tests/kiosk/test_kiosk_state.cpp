// The kiosk's return to the start screen, driven by a clock of the test's own.
#include <doctest/doctest.h>

#include "kiosk_state.h"

using rg::kiosk::KioskScreen;
using rg::kiosk::KioskState;

TEST_CASE("a kiosk left alone returns to the start screen after the configured time") {
  KioskState s;
  s.go(KioskScreen::GoToDesk, 100);
  s.tick(129.9);
  CHECK(s.screen == KioskScreen::GoToDesk);
  s.tick(130);
  CHECK(s.screen == KioskScreen::Start);
}

TEST_CASE("a touch restarts the wait") {
  KioskState s;
  s.idle_reset_after = 20;
  s.go(KioskScreen::GoToDesk, 0);
  s.touch(15);
  s.tick(30);
  CHECK(s.screen == KioskScreen::GoToDesk);
  s.tick(35);
  CHECK(s.screen == KioskScreen::Start);
}

TEST_CASE("the countdown shows only in the last ten seconds, and never on the start screen") {
  KioskState s;
  CHECK(s.countdown(1000) < 0);
  s.go(KioskScreen::GoToDesk, 0);
  CHECK(s.countdown(19) < 0);
  CHECK(s.countdown(20) == doctest::Approx(10));
  CHECK(s.countdown(25.5) == doctest::Approx(4.5));
}
