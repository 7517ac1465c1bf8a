// What the kiosk shows and the return to the start screen after a patient walks away. Plain
// state with no drawing and no database, so tests drive it with a clock of their own.
#pragma once

#include <string>
#include <vector>

#include "checkin.h"

namespace rg::kiosk {

enum class KioskScreen {
  Start,        // «Поднесите к сканеру…», «Отметиться о приходе» — the scanner always listens here
  PhoneEntry,   // phone + date of birth on the keypad
  Checking,     // the core is looking (a second at most)
  CheckedIn,    // the visits, the queue number, the ticket
  GoToDesk,     // a kind sentence why, and where the desk is; «Исправить номер» after a typed miss
  Unavailable,  // the database did not answer: «Пожалуйста, обратитесь в регистратуру»
  AdminPin,     // an administrator's PIN closes the kiosk (hidden gesture on the start screen)
};

// Why the patient is sent to the desk, in the words the screen uses.
enum class DeskMessage { None, FirstVisit, TooLate, TooEarly, NotFound, NoAppointmentToday, TooManyTries, ScanUnreadable,
                         PolicyMistyped, Debt, InsuranceExpired };

// Reasons a checked-in patient must see the desk before the doctor: paperwork, money, an
// insurer's letter.
inline bool desk_comes_first(DeskMessage m) {
  return m == DeskMessage::FirstVisit || m == DeskMessage::Debt || m == DeskMessage::InsuranceExpired;
}

// Everything the screens show about a patient; wiped on every return to Start.
struct Shown {
  std::string masked_name;             // «Иванова А. П.», never more
  std::vector<db::TodayVisit> visits;  // today's, the patient's own only
  int queue_number = 0;
  DeskMessage desk = DeskMessage::None;
  bool also_desk = false;              // checked in, but the desk is needed too (first visit, debt, DMS)
  int opens_at_min = -1;               // TooEarly
  std::string printer_problem;         // the ticket did not print: say so, show it on screen
  // Checked in earlier today and identified again (a lost ticket, unsure it worked): the same
  // number is shown, nothing is checked in twice, and the ticket prints again on request.
  bool again = false;
  bool reprinting = false;             // «Напечатать талон ещё раз» pressed, the printer not done yet
  bool reprinted = false;              // and the ticket came out

  // «Напечатать талон ещё раз» is offered until one reprint came out (a failed one may be tried
  // again once the printer is seen to).
  bool can_reprint() const { return again && queue_number > 0 && !reprinting && !reprinted; }

  // Checked in, and the desk is needed before the doctor: the screen says «come to the desk
  // first» before anything else.
  bool desk_first() const { return also_desk && desk_comes_first(desk); }
};

// What the keypad still needs before it can look the patient up; None: «Найти мою запись» works.
enum class KeypadNeeds { None, Phone, Birth, Policy };

struct KioskState {
  KioskScreen screen = KioskScreen::Start;
  double last_touch = 0;         // seconds, the shell's clock
  double idle_reset_after = 30;  // back to Start after this long without a touch
  Shown shown;
  std::string phone, birth;      // keypad input: digits only
  std::string policy;            // the ЕНП typed from the OMS policy: 16 digits
  bool by_policy = false;        // the keypad takes the policy number instead of phone + birth
  int field = 0;                 // 0 phone, 1 birth date
  std::string pin;               // AdminPin: digits, shown as dots
  bool pin_refused = false;      // the last PIN was wrong (or too many tries)

  KeypadNeeds keypad_needs() const {
    if (by_policy) return policy.size() == 16 ? KeypadNeeds::None : KeypadNeeds::Policy;
    if (phone.size() != 10) return KeypadNeeds::Phone;
    return birth.size() == 8 ? KeypadNeeds::None : KeypadNeeds::Birth;
  }
  // «Не нашли» after the patient typed a number: the number may be mistyped, so the kiosk offers
  // to correct it (back to the keypad, digits kept) rather than to start over.
  bool can_fix_number() const {
    return screen == KioskScreen::GoToDesk &&
           (shown.desk == DeskMessage::NotFound || shown.desk == DeskMessage::PolicyMistyped) &&
           (by_policy ? policy.size() == 16 : phone.size() == 10 && birth.size() == 8);
  }

  void touch(double now) { last_touch = now; }
  void go(KioskScreen s, double now) {
    screen = s;
    last_touch = now;
  }
  // Back to Start, wiping what was shown and typed.
  void reset(double now) {
    go(KioskScreen::Start, now);
    shown = Shown{};
    phone.clear();
    birth.clear();
    policy.clear();
    by_policy = false;
    pin.clear();
    pin_refused = false;
    field = 0;
  }
  // Returns to Start once the patient is gone. Checking waits for the core, not the patient.
  void tick(double now) {
    if (screen != KioskScreen::Start && screen != KioskScreen::Checking && now - last_touch >= idle_reset_after)
      reset(now);
  }
  // Seconds left before the reset, shown in the last 10 seconds; negative when not shown.
  double countdown(double now) const {
    double left = idle_reset_after - (now - last_touch);
    return screen != KioskScreen::Start && screen != KioskScreen::Checking && left <= 10 ? left : -1;
  }
};

}  // namespace rg::kiosk
