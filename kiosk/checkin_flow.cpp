// The worker job does the whole check-in (rate limit, plan, check-in, ticket) so the screen only
// ever waits for one answer; a generation number drops answers that come after the kiosk gave
// up or went back to the start.
#include "checkin_flow.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "clinic.h"
#include "i18n.h"
#include "oms_policy.h"
#include "pin_check.h"
#include "text.h"

namespace rg::kiosk {
namespace {

DeskMessage message_for(const std::vector<db::DeskReason>& reasons) {
  using R = db::DeskReason;
  // The most useful sentence first: a missed appointment beats money, money beats paperwork.
  for (R r : {R::NotFound, R::NoAppointmentToday, R::TooLate, R::TooEarly, R::Debt, R::InsuranceExpired, R::FirstVisit})
    if (std::find(reasons.begin(), reasons.end(), r) != reasons.end()) switch (r) {
        case R::NotFound: return DeskMessage::NotFound;
        case R::NoAppointmentToday: return DeskMessage::NoAppointmentToday;
        case R::TooLate: return DeskMessage::TooLate;
        case R::TooEarly: return DeskMessage::TooEarly;
        case R::FirstVisit: return DeskMessage::FirstVisit;
        case R::Debt: return DeskMessage::Debt;
        case R::InsuranceExpired: return DeskMessage::InsuranceExpired;
        default: break;
      }
  return reasons.empty() ? DeskMessage::None : DeskMessage::NotFound;
}

// «Киоск направил в регистратуру: Иванова А. П. — опоздание»
std::string to_desk_message(const db::CheckinPlan& plan) {
  std::string s = std::string(_("The kiosk sent a patient to the desk")) + ": " +
                  (plan.masked_name.empty() ? std::string(_("not found")) : plan.masked_name);
  switch (message_for(plan.desk)) {
    case DeskMessage::TooLate: s += std::string(" — ") + _("late"); break;
    case DeskMessage::NoAppointmentToday: s += std::string(" — ") + _("no appointment today"); break;
    case DeskMessage::TooEarly: s += std::string(" — ") + _("too early"); break;
    default: break;
  }
  return s;
}

// A visit the patient is checked in for and has not finished: what a ticket shown again lists.
bool still_ahead(const db::TodayVisit& v) { return v.checked_in && v.status != db::AppointmentStatus::Done; }

// Checked in earlier today, holding today's number, and nothing to check in now: a second scan
// or the keypad again (a lost ticket, unsure it worked) shows that same number. A later visit
// whose check-in has not opened yet does not send such a patient to the desk while an earlier
// one is still ahead of him: that check-in holds.
bool checked_in_earlier(const db::CheckinPlan& plan) {
  using R = db::DeskReason;
  if (plan.queue_number <= 0 || !plan.to_check_in.empty()) return false;
  if (plan.desk.empty()) return true;
  return std::all_of(plan.desk.begin(), plan.desk.end(), [](R r) { return r == R::TooEarly; }) &&
         std::any_of(plan.visits.begin(), plan.visits.end(), still_ahead);
}

// The visits of the ticket shown again: the checked-in ones still ahead, else (all seen) every
// checked-in one of today.
std::vector<db::TodayVisit> visits_checked_in(const std::vector<db::TodayVisit>& visits) {
  std::vector<db::TodayVisit> out;
  std::copy_if(visits.begin(), visits.end(), std::back_inserter(out), still_ahead);
  if (out.empty())
    std::copy_if(visits.begin(), visits.end(), std::back_inserter(out), [](const db::TodayVisit& v) { return v.checked_in; });
  return out;
}

// The ticket of what the «Вы отмечены» screen shows: printed after the check-in and, the same,
// again on request.
TicketData ticket_of(const Shown& s) {
  return TicketData{s.queue_number, s.masked_name, s.visits, s.also_desk,
                    s.visits.empty() ? 0 : s.visits.front().appointment_id, s.desk};
}

}  // namespace

CheckinFlow::CheckinFlow(Run run, Identify identify, Print print, Clock clock, std::string kiosk_id)
    : run_(std::move(run)), identify_(std::move(identify)), print_(std::move(print)), clock_(std::move(clock)),
      kiosk_(std::move(kiosk_id)) {}

void CheckinFlow::scan(std::string_view payload, double now) {
  last_now_ = now;
  if (state_.screen == KioskScreen::Checking) return;  // one patient at a time
  // A new scan is a new patient: nothing of the previous one survives.
  ++generation_;
  state_.reset(now);
  auto who = identify_(payload);
  if (!who) {
    state_.shown.desk = DeskMessage::ScanUnreadable;
    state_.go(KioskScreen::GoToDesk, now);
    return;
  }
  start(*who, false, now);
}

void CheckinFlow::open_keypad(double now) {
  ++generation_;
  state_.reset(now);
  state_.go(KioskScreen::PhoneEntry, now);
}

void CheckinFlow::use_policy(bool by_policy, double now) {
  if (state_.screen != KioskScreen::PhoneEntry) return;
  state_.touch(now);
  state_.by_policy = by_policy;
}

void CheckinFlow::open_admin(double now) {
  ++generation_;
  state_.reset(now);
  state_.go(KioskScreen::AdminPin, now);
}

void CheckinFlow::submit_pin(double now) {
  const int gen = ++generation_;
  const std::string pin = state_.pin;
  state_.pin.clear();
  const std::int64_t unix_now = clock_();
  run_([this, gen, pin, unix_now, rules = rules_, kiosk = kiosk_ + ":pin"](db::Database& db) -> db::Worker::Continuation {
    std::optional<db::PinHolder> who;
    if (auto checked = codes::check_pin(db, kiosk, pin, unix_now, rules, db::Permission::VisitsFlow))
      who = checked->holder;
    if (who) (void)append_audit(db, db::Actor::user(who->user_id), "kiosk.exit", "kiosk", std::nullopt, {{"kiosk", kiosk}});
    return [this, gen, ok = who.has_value()]() {
      if (gen != generation_) return;
      if (ok && on_exit_) on_exit_();
      state_.pin_refused = !ok;
    };
  });
  (void)now;
}

void CheckinFlow::key(char k, double now) {
  last_now_ = now;
  if (state_.screen == KioskScreen::AdminPin) {
    state_.touch(now);
    state_.pin_refused = false;
    if (std::isdigit(static_cast<unsigned char>(k)) && state_.pin.size() < 8) state_.pin += k;
    if (k == '<' && !state_.pin.empty()) state_.pin.pop_back();
    if (k == '>' && state_.pin.size() >= 4) submit_pin(now);
    return;
  }
  if (state_.screen != KioskScreen::PhoneEntry) return;
  state_.touch(now);
  if (state_.by_policy) {
    if (std::isdigit(static_cast<unsigned char>(k)) && state_.policy.size() < 16) state_.policy += k;
    if (k == '<' && !state_.policy.empty()) state_.policy.pop_back();
    if (k == '>') submit_keypad(now);
    return;
  }
  std::string& f = state_.field == 0 ? state_.phone : state_.birth;
  const size_t limit = state_.field == 0 ? 10 : 8;  // 916 123 45 67 after +7; ДД ММ ГГГГ
  if (std::isdigit(static_cast<unsigned char>(k)) && f.size() < limit) f += k;
  if (k == '<') {
    if (!f.empty()) f.pop_back();
    else if (state_.field == 1) state_.field = 0;
  }
  if (k == '>') {
    if (state_.field == 0 && state_.phone.size() == 10) state_.field = 1;
    else if (state_.field == 1) submit_keypad(now);
  }
  // The phone is complete: go on to the date without a tap.
  if (state_.field == 0 && state_.phone.size() == 10 && std::isdigit(static_cast<unsigned char>(k))) state_.field = 1;
}

void CheckinFlow::submit_keypad(double now) {
  if (state_.by_policy) {
    if (state_.policy.size() != 16) return;
    // A typo in 16 digits is likely: the control digit catches it before anyone is looked up.
    if (!codes::enp_valid(state_.policy)) {
      state_.shown = Shown{};
      state_.shown.desk = DeskMessage::PolicyMistyped;
      state_.go(KioskScreen::GoToDesk, now);
      return;
    }
    db::Identity who;
    who.kind = db::Identity::Kind::Enp;
    who.enp = state_.policy;
    start(who, true, now);
    return;
  }
  if (state_.phone.size() != 10 || state_.birth.size() != 8) return;
  auto birth = Date::parse_ru(state_.birth.substr(0, 2) + "." + state_.birth.substr(2, 2) + "." + state_.birth.substr(4));
  db::Identity who;
  who.kind = db::Identity::Kind::PhoneAndBirth;
  who.phone = "+7" + state_.phone;
  who.birth = birth.value_or(Date(1900, 1, 1));
  start(who, true, now);
}

void CheckinFlow::fix_number(double now) {
  if (!state_.can_fix_number()) return;
  ++generation_;
  state_.shown = Shown{};
  state_.field = state_.by_policy ? 0 : 1;  // the date was typed last; ⌫ walks back into the phone
  state_.go(KioskScreen::PhoneEntry, now);
}

void CheckinFlow::start(const db::Identity& who, bool guessed, double now) {
  const int gen = ++generation_;
  state_.go(KioskScreen::Checking, now);
  checking_since_ = now;
  const std::int64_t unix_now = clock_();
  run_([this, gen, who, guessed, unix_now, rules = rules_, kiosk = kiosk_](db::Database& db) -> db::Worker::Continuation {
    bool throttled = false;
    Result<db::CheckinPlan> plan = db::CheckinPlan{};
    std::optional<Result<db::CheckinDone>> done;
    if (guessed) {
      auto allowed = db::guess_allowed(db, kiosk, unix_now, rules);
      if (!allowed) plan = std::unexpected(allowed.error());
      else throttled = !*allowed;
    }
    if (plan && !throttled) {
      plan = db::plan_checkin(db, who, unix_now, rules);
      if (plan && guessed) (void)db::record_guess(db, kiosk, unix_now, plan->patient_id.has_value());
      if (plan && !plan->to_check_in.empty()) {
        done = db::check_in(db, *plan, unix_now, db::Actor::kiosk(kiosk));
      } else if (plan && !plan->desk.empty() && !checked_in_earlier(*plan)) {
        (void)db::add_desk_event(db, "to_desk", to_desk_message(*plan), plan->patient_id, std::nullopt,
                                 db::Actor::kiosk(kiosk));
      }
    }
    return [this, gen, plan, done, throttled]() {
      if (gen != generation_) return;  // the kiosk gave up waiting or a new patient came
      finish(plan, done, throttled, last_now_);
    };
  });
}

void CheckinFlow::finish(const Result<db::CheckinPlan>& plan, const std::optional<Result<db::CheckinDone>>& done,
                         bool throttled, double now) {
  Shown& s = state_.shown;
  if (throttled) {
    s = Shown{};
    s.desk = DeskMessage::TooManyTries;
    state_.go(KioskScreen::GoToDesk, now);
    return;
  }
  if (!plan || (done && !*done)) {
    state_.go(KioskScreen::Unavailable, now);
    return;
  }
  s.masked_name = plan->masked_name;
  s.visits = plan->visits;
  s.opens_at_min = plan->opens_at_min;
  if (done) {
    s.queue_number = (*done)->queue_number;
    s.visits = (*done)->visits;
    s.also_desk = !plan->desk.empty();
    s.desk = message_for(plan->desk);
    s.printer_problem.clear();
    s.again = false;
    state_.go(KioskScreen::CheckedIn, now);
    ticket_patient_ = plan->patient_id;
    // The check-in counts whatever the printer does: the screen shows it now, the ticket follows.
    print_ticket(ticket_of(s), plan->patient_id);
    return;
  }
  if (checked_in_earlier(*plan)) {
    // Today's number again, never a new one; nothing is written. The ticket prints on request.
    s.queue_number = plan->queue_number;
    s.visits = visits_checked_in(plan->visits);
    s.also_desk = false;
    s.desk = DeskMessage::None;
    s.opens_at_min = -1;
    s.printer_problem.clear();
    s.again = true;
    s.reprinting = s.reprinted = false;
    ticket_patient_ = plan->patient_id;
    state_.go(KioskScreen::CheckedIn, now);
    return;
  }
  if (plan->desk.empty()) {  // checked in without a number (the desk marked it): show the visits again
    s.queue_number = 0;
    state_.go(KioskScreen::CheckedIn, now);
    return;
  }
  // Sent to the desk: show nothing about the patient beyond what helps (the time it opens).
  s.visits.clear();
  s.masked_name.clear();
  s.desk = message_for(plan->desk);
  state_.go(KioskScreen::GoToDesk, now);
}

void CheckinFlow::print_ticket(TicketData ticket, std::optional<std::int64_t> patient, bool reprint) {
  if (!print_) return;
  const int gen = generation_;
  auto job = [this, gen, ticket = std::move(ticket), patient, reprint, print = print_,
              kiosk = kiosk_](db::Database& db) -> db::Worker::Continuation {
    std::string problem = print(ticket);
    // The desk hears of a failed ticket whoever is at the kiosk by now.
    if (!problem.empty())
      (void)db::add_desk_event(db, "printer", problem, patient, std::nullopt, db::Actor::kiosk(kiosk));
    // A reprint leaves the appointment and the queue as they are; the journal keeps that it was
    // printed again (a lost ticket), under the appointment, so it shows in the patient's history.
    if (reprint && problem.empty())
      (void)db::append_audit(db, db::Actor::kiosk(kiosk), "appointment.ticket_reprint", "appointment",
                             ticket.first_appointment ? std::optional(ticket.first_appointment) : std::nullopt,
                             {{"queue", std::to_string(ticket.queue_number)}});
    return [this, gen, problem, reprint] {
      if (gen != generation_) return;
      state_.shown.printer_problem = problem;  // still this patient's screen
      if (reprint && state_.screen == KioskScreen::CheckedIn) {
        state_.shown.reprinting = false;
        state_.shown.reprinted = problem.empty();
      }
    };
  };
  if (print_run_) print_run_(std::move(job));
  else run_(std::move(job));
}

void CheckinFlow::reprint(double now) {
  last_now_ = now;
  if (!print_ || state_.screen != KioskScreen::CheckedIn || !state_.shown.can_reprint()) return;
  state_.touch(now);
  state_.shown.reprinting = true;  // a second tap while it prints prints nothing more
  state_.shown.printer_problem.clear();
  print_ticket(ticket_of(state_.shown), ticket_patient_, true);
}

void CheckinFlow::tick(double now) {
  last_now_ = now;
  if (state_.screen == KioskScreen::Checking && now - checking_since_ >= patience) {
    ++generation_;  // a late answer must not pop up over the next patient
    state_.shown = Shown{};
    state_.go(KioskScreen::Unavailable, now);
  }
  state_.tick(now);
}

}  // namespace rg::kiosk
