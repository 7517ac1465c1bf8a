// The kiosk's check-in as a state machine over KioskState: a scan or the keypad starts it, the
// core decides on the worker, the screen follows. No drawing: tests run it on a real database
// with a synchronous runner and a clock of their own.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "checkin.h"
#include "kiosk_state.h"
#include "worker.h"

namespace rg::kiosk {

// What the ticket needs; the printer side lays it out.
struct TicketData {
  int queue_number = 0;
  std::string masked_name;
  std::vector<db::TodayVisit> visits;
  bool to_desk = false;
  std::int64_t first_appointment = 0;
  DeskMessage desk = DeskMessage::None;  // why the desk, when to_desk: the ticket says it discreetly
};

class CheckinFlow {
 public:
  using Run = std::function<void(db::Worker::Job)>;
  // A scanned payload → who it names (slip token verified, card, ЕНП…), or nullopt if unreadable.
  using Identify = std::function<std::optional<db::Identity>(std::string_view payload)>;
  // Prints a ticket after a check-in (on the print runner); returns "" or the printer's problem
  // in words.
  using Print = std::function<std::string(const TicketData&)>;
  using Clock = std::function<std::int64_t()>;  // UTC seconds

  CheckinFlow(Run run, Identify identify, Print print, Clock clock, std::string kiosk_id);
  KioskState& state() { return state_; }
  const KioskState& state() const { return state_; }
  void set_rules(const db::CheckinRules& r) { rules_ = r; }
  // Where tickets print: the kiosk gives them a worker of their own, so a slow printer holds up
  // neither the next patient's check-in nor the answer on the screen. Default: `run`.
  void set_print_runner(Run r) { print_run_ = std::move(r); }

  void scan(std::string_view payload, double now);
  void open_keypad(double now);
  // Switches the keypad between phone + birth date and the OMS policy number (ЕНП).
  void use_policy(bool by_policy, double now);
  void key(char k, double now);  // '0'–'9', '<' backspace, '>' next field / submit
  void submit_keypad(double now);
  // «Исправить номер»: back to the keypad from «не нашли» with the typed digits kept.
  void fix_number(double now);
  // «Напечатать талон ещё раз» on the «Вы уже отмечены» screen: the same ticket (number, doctors,
  // rooms, times) on the print runner, audited as 'appointment.ticket_reprint'; the appointment and the
  // queue are not touched.
  void reprint(double now);
  // Inactivity and the core's silence: after `patience` seconds of Checking, the kiosk sends
  // the patient to the desk instead of freezing.
  void tick(double now);
  // The administrator's exit: the PIN pad, then `on_exit` once a PIN of an administrator matches.
  void open_admin(double now);
  void set_on_exit(std::function<void()> f) { on_exit_ = std::move(f); }
  void back_to_start(double now) { ++generation_, state_.reset(now); }
  double patience = 6;

 private:
  void start(const db::Identity& who, bool guessed, double now);
  void finish(const Result<db::CheckinPlan>& plan, const std::optional<Result<db::CheckinDone>>& done,
              bool throttled, double now);
  void print_ticket(TicketData ticket, std::optional<std::int64_t> patient, bool reprint = false);

  Run run_;
  Run print_run_;
  Identify identify_;
  Print print_;
  Clock clock_;
  std::string kiosk_;
  db::CheckinRules rules_;
  KioskState state_;
  int generation_ = 0;
  double checking_since_ = 0;
  double last_now_ = 0;
  std::optional<std::int64_t> ticket_patient_;  // whose ticket the CheckedIn screen shows (the desk's line)
  std::function<void()> on_exit_;
  void submit_pin(double now);  // the shell's clock at the last call: answers arrive between calls
};

}  // namespace rg::kiosk
