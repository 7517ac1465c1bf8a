// Check-in: one core operation for the kiosk and the desk. Finds the patient's appointments of
// today from what the patient showed (a slip's QR, the card, the OMS policy, phone + birth date),
// decides by the clinic's rules whether the patient may go straight to the doctor or must see the
// desk first, and marks the arrival with a queue number, audited and announced to the desks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "appointments.h"
#include "audit.h"
#include "calendar.h"
#include "database.h"

namespace rg::db {

// What the patient showed. Only one of the fields is used, by `kind`.
struct Identity {
  enum class Kind { Appointment, Card, Enp, PhoneAndBirth };
  Kind kind = Kind::Card;
  std::int64_t appointment_id = 0;  // from a verified slip token
  std::string card_no;              // digits
  std::string enp;                  // 16 digits
  std::string phone;                // as typed; normalised by the core
  Date birth;
};

// The clinic's rules (settings 'checkin.*'), with the defaults people expect.
struct CheckinRules {
  int open_before_min = 60;       // check-in opens this long before the start
  int late_after_min = 15;        // and closes this long after it: later → the desk
  bool first_visit_to_desk = true;  // a first visit needs a contract and consent at the desk
  bool debt_to_desk = true;         // an invoice of an earlier day left unpaid: the desk settles it
  bool dms_expired_to_desk = true;  // the patient's DMS guarantee letters have all run out
  int guess_limit = 5;            // phone + birth-date misses in a row before a pause
  int guess_pause_s = 60;
};
Result<CheckinRules> load_checkin_rules(Database& db);

// Why the patient must see the desk. More than one may hold.
enum class DeskReason { FirstVisit, TooLate, NotFound, NoAppointmentToday, TooEarly, Debt, InsuranceExpired };

// One of today's appointments as the kiosk may show it: masked, no diagnosis, nobody else's.
struct TodayVisit {
  std::int64_t appointment_id = 0;
  int start_min = 0, end_min = 0;  // local minutes of today
  std::string doctor;              // «Петрова А. С.»
  std::string specialty;           // «терапевт», as the desk names the doctor (doctor_specialty)
  std::string room;
  AppointmentStatus status = AppointmentStatus::Booked;
  bool first_visit = false;
  bool checked_in = false;
};

struct CheckinPlan {
  std::optional<std::int64_t> patient_id;  // nobody when NotFound
  std::string masked_name;                 // «Иванова А. П.»
  std::vector<TodayVisit> visits;          // today's, in order of time; checkable ones first
  std::vector<std::int64_t> to_check_in;   // the ones the check-in will mark
  std::vector<DeskReason> desk;            // empty: straight to the doctor
  // Debt, InsuranceExpired and FirstVisit do not stop the check-in: the patient is marked
  // arrived (the doctor sees it) and asked to see the desk before going in.
  int opens_at_min = -1;                   // TooEarly: when check-in opens
  // Today's queue number when the patient already has one (checked in earlier today), else 0.
  // Read only: planning never gives a number, and check_in gives this same one again.
  int queue_number = 0;
};

// Looks, does not change anything. `now` is UTC seconds (the kiosk's clock).
Result<CheckinPlan> plan_checkin(Database& db, const Identity& who, std::int64_t now, const CheckinRules& rules);

struct CheckinDone {
  int queue_number = 0;
  std::vector<TodayVisit> visits;  // as checked in
};

// Marks the appointments arrived (one transaction, durable), gives the patient today's queue
// number (the same one if already given), writes the audit and a desk event. `override_reason`
// lets a desk administrator check in outside the rules; the kiosk never passes one.
Result<CheckinDone> check_in(Database& db, const CheckinPlan& plan, std::int64_t now, const Actor& actor,
                             const std::string& override_reason = {});

// For the demo's simulated scanner: the card number of the next patient who could check in
// now (booked or confirmed, inside the window), if any.
Result<std::optional<std::string>> next_arrival_card(Database& db, std::int64_t now, const CheckinRules& rules);

// The phone + birth-date path's rate limit: false while this kiosk must pause after misses.
Result<bool> guess_allowed(Database& db, const std::string& kiosk, std::int64_t now, const CheckinRules& rules);
Status record_guess(Database& db, const std::string& kiosk, std::int64_t now, bool ok);

// A line for the desk («Принтер киоска: закончилась бумага»), read by every desk at once.
Status add_desk_event(Database& db, std::string_view kind, std::string_view message,
                      std::optional<std::int64_t> patient_id, std::optional<std::int64_t> appointment_id,
                      const Actor& actor);
// A kiosk arrival as the desk hears of it: «Пациент пришёл: Иванова А. П. → Петрова А. С., каб.
// 12 — первичный приём, нужен договор», and its kind: "arrival_contract" when the contract must
// be printed first, "arrival_attention" when the desk has something else to settle, or "arrival".
struct ArrivalNews {
  std::string kind, message;
};
ArrivalNews arrival_news(const std::string& who, const TodayVisit& v, const std::vector<DeskReason>& desk);

struct DeskEvent {
  std::int64_t id = 0, at = 0;
  std::string kind, message;
  std::optional<std::int64_t> patient_id, appointment_id;
};
// Events after `after_id`, oldest first (a desk remembers the last id it showed).
Result<std::vector<DeskEvent>> desk_events_after(Database& db, std::int64_t after_id, int limit = 50);
Result<std::int64_t> last_desk_event_id(Database& db);

}  // namespace rg::db
