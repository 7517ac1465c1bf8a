// Check-in: the rules a kiosk and a desk share, the queue number, the rate limit on guessing,
// what the kiosk may show, and a second process seeing the arrival.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "appointment_changes.h"
#include "checkin.h"
#include "clinic_fixture.h"
#include "invoices.h"

using namespace rg;
using namespace rg::db;

namespace {

constexpr int kAt10 = 600;

struct CheckinFixture : test::ClinicFixture {
  CheckinRules rules;
  std::int64_t anna = 0, boris = 0;
  CheckinFixture() {
    anna = add_patient("Иванова", "Анна", "Петровна", Date(1985, 3, 12), "+7 916 123-45-67");
    boris = add_patient("Петров", "Борис", "", Date(1970, 1, 2), "+7 903 000-00-01", 'M');
  }
  static std::int64_t now(int minutes) { return at(minutes); }
  Identity card_of(std::int64_t patient) {
    Identity id;
    id.kind = Identity::Kind::Card;
    auto n = db.prepare("SELECT card_no FROM patients WHERE id = " + std::to_string(patient));
    REQUIRE(n);
    REQUIRE(*n->step());
    id.card_no = n->col_text(0);
    return id;
  }
  // A repeat visit: an earlier appointment makes today's not the first.
  void make_repeat(std::int64_t patient) {
    int slot = 600 + int(patient % 10) * 30;  // each patient's own time: no overlap
    auto past = book(patient, doctor2, room2, slot, slot + 30, Date(2030, 5, 6));
    REQUIRE(past);
  }
};

}  // namespace

TEST_CASE_FIXTURE(CheckinFixture, "a repeat patient in the window is checked in with a queue number") {
  make_repeat(anna);
  auto appt = book(anna, doctor1, room1, kAt10, kAt10 + 30);
  REQUIRE(appt);
  auto plan = plan_checkin(db, card_of(anna), now(kAt10 - 20), rules);
  REQUIRE(plan);
  CHECK(plan->desk.empty());
  CHECK(plan->masked_name == "Иванова А. П.");
  REQUIRE(plan->to_check_in == std::vector<std::int64_t>{*appt});
  CHECK(plan->queue_number == 0);  // planning gives no number
  auto done = check_in(db, *plan, now(kAt10 - 20), Actor::kiosk("lobby"));
  REQUIRE_MESSAGE(done, (done ? "" : done.error().message));
  CHECK(done->queue_number == 1);
  auto a = load_appointment(db, *appt);
  CHECK(a->status == AppointmentStatus::Arrived);
  CHECK(*db.query_int("SELECT checked_in_by = 'kiosk:lobby' FROM appointments WHERE id = " + std::to_string(*appt)) == 1);
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action = 'appointment.checkin'") == 1);
  // The desk hears of it, with the masked name only.
  auto ev = desk_events_after(db, 0);
  REQUIRE(ev);
  REQUIRE(ev->size() == 1);
  CHECK((*ev)[0].kind == "arrival");
  CHECK((*ev)[0].message.find("Иванова А. П.") != std::string::npos);
  CHECK((*ev)[0].message.find("Анна") == std::string::npos);
  // The next patient gets the next number; checking in again changes nothing.
  make_repeat(boris);
  REQUIRE(book(boris, doctor2, room2, kAt10, kAt10 + 30));
  auto p2 = plan_checkin(db, card_of(boris), now(kAt10 - 5), rules);
  REQUIRE(p2);
  CHECK(check_in(db, *p2, now(kAt10 - 5), Actor::kiosk("lobby"))->queue_number == 2);
  auto again = plan_checkin(db, card_of(anna), now(kAt10 - 4), rules);
  REQUIRE(again);
  CHECK(again->to_check_in.empty());
  CHECK(again->desk.empty());  // already checked in: nothing wrong
  CHECK(again->queue_number == 1);  // and the number she has, to be shown again
  CHECK(*db.query_int("SELECT count(*) FROM queue_tickets") == 2);
}

TEST_CASE_FIXTURE(CheckinFixture, "two appointments today are checked in together, with one number") {
  make_repeat(anna);
  auto first = book(anna, doctor1, room1, kAt10, kAt10 + 30);
  auto second = book(anna, doctor2, room2, kAt10 + 30, kAt10 + 60);
  REQUIRE((first && second));
  auto plan = plan_checkin(db, card_of(anna), now(kAt10 - 10), rules);
  REQUIRE(plan);
  CHECK(plan->to_check_in == std::vector<std::int64_t>{*first, *second});
  auto done = check_in(db, *plan, now(kAt10 - 10), Actor::kiosk("lobby"));
  REQUIRE(done);
  REQUIRE(done->visits.size() == 2);
  CHECK(done->visits[0].start_min == kAt10);
  CHECK(done->visits[1].room == "102");
}

TEST_CASE_FIXTURE(CheckinFixture, "a morning and an afternoon visit: the morning's now, the afternoon's at its time") {
  make_repeat(anna);
  auto morning = book(anna, doctor1, room1, kAt10, kAt10 + 30);
  auto afternoon = book(anna, doctor2, room2, 13 * 60, 13 * 60 + 30);
  REQUIRE((morning && afternoon));
  auto plan = plan_checkin(db, card_of(anna), now(kAt10 - 10), rules);
  REQUIRE(plan);
  CHECK(plan->to_check_in == std::vector<std::int64_t>{*morning});  // not refused for the afternoon's
  auto done = check_in(db, *plan, now(kAt10 - 10), Actor::kiosk("lobby"));
  REQUIRE_MESSAGE(done, (done ? "" : done.error().message));
  CHECK(done->visits.size() == 1);
  REQUIRE(db.exec("UPDATE appointments SET status = 'done' WHERE id = " + std::to_string(*morning)));
  // Back after lunch: the afternoon's visit, with the same number.
  auto later = plan_checkin(db, card_of(anna), now(13 * 60 - 5), rules);
  REQUIRE(later);
  CHECK(later->to_check_in == std::vector<std::int64_t>{*afternoon});
  auto again = check_in(db, *later, now(13 * 60 - 5), Actor::kiosk("lobby"));
  REQUIRE(again);
  CHECK(again->queue_number == done->queue_number);
}

TEST_CASE_FIXTURE(CheckinFixture, "a first visit is checked in and sent to the desk for the paperwork") {
  REQUIRE(book(anna, doctor1, room1, kAt10, kAt10 + 30));
  auto plan = plan_checkin(db, card_of(anna), now(kAt10 - 30), rules);
  REQUIRE(plan);
  CHECK(plan->to_check_in.size() == 1);
  CHECK(plan->desk == std::vector<DeskReason>{DeskReason::FirstVisit});
  CHECK(check_in(db, *plan, now(kAt10 - 30), Actor::kiosk("lobby")).has_value());
  // The desk's notice asks for the contract, not only news of an arrival.
  auto ev = desk_events_after(db, 0);
  REQUIRE(ev);
  REQUIRE(ev->size() == 1);
  CHECK((*ev)[0].kind == "arrival_contract");
  CHECK((*ev)[0].appointment_id.has_value());
}

TEST_CASE_FIXTURE(CheckinFixture, "too late goes to the desk, the desk may override with a reason") {
  make_repeat(anna);
  auto appt = book(anna, doctor1, room1, kAt10, kAt10 + 30);
  REQUIRE(appt);
  auto plan = plan_checkin(db, card_of(anna), now(kAt10 + 16), rules);
  REQUIRE(plan);
  CHECK(plan->to_check_in.empty());
  CHECK(plan->desk == std::vector<DeskReason>{DeskReason::TooLate});
  // The desk builds the plan itself and must say why.
  CheckinPlan desk = *plan;
  desk.to_check_in = {*appt};
  auto refused = check_in(db, desk, now(kAt10 + 16), Actor::user(1));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::Invalid);
  CHECK(load_appointment(db, *appt)->status == AppointmentStatus::Booked);
  auto ok = check_in(db, desk, now(kAt10 + 16), Actor::user(1), "врач согласен принять");
  REQUIRE(ok);
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE details LIKE '%врач согласен%'") == 1);
}

TEST_CASE_FIXTURE(CheckinFixture, "too early says when check-in opens, and checks in nothing") {
  make_repeat(anna);
  REQUIRE(book(anna, doctor1, room1, kAt10, kAt10 + 30));
  auto plan = plan_checkin(db, card_of(anna), now(kAt10 - 61), rules);
  REQUIRE(plan);
  CHECK(plan->to_check_in.empty());
  CHECK(plan->desk == std::vector<DeskReason>{DeskReason::TooEarly});
  CHECK(plan->opens_at_min == kAt10 - 60);
  // The window is the clinic's to set.
  REQUIRE(set_setting(db, "checkin.open_before_min", "90"));
  auto wider = load_checkin_rules(db);
  REQUIRE(wider);
  CHECK(plan_checkin(db, card_of(anna), now(kAt10 - 61), *wider)->to_check_in.size() == 1);
}

TEST_CASE_FIXTURE(CheckinFixture, "nobody found, or nothing today, shows nothing about anyone") {
  Identity unknown;
  unknown.kind = Identity::Kind::Card;
  unknown.card_no = "99999999";
  auto none = plan_checkin(db, unknown, now(kAt10), rules);
  REQUIRE(none);
  CHECK_FALSE(none->patient_id);
  CHECK(none->masked_name.empty());
  CHECK(none->visits.empty());
  CHECK(none->desk == std::vector<DeskReason>{DeskReason::NotFound});
  // Another day's appointment is not today's.
  REQUIRE(book(anna, doctor1, room1, kAt10, kAt10 + 30, Date(2030, 6, 4)));
  auto other_day = plan_checkin(db, card_of(anna), now(kAt10), rules);
  REQUIRE(other_day);
  CHECK(other_day->desk == std::vector<DeskReason>{DeskReason::NoAppointmentToday});
  CHECK(other_day->visits.empty());
  CHECK_FALSE(check_in(db, *other_day, now(kAt10), Actor::kiosk("lobby")).has_value());
}

TEST_CASE_FIXTURE(CheckinFixture, "phone and birth date must both match, and one patient only") {
  make_repeat(anna);
  REQUIRE(book(anna, doctor1, room1, kAt10, kAt10 + 30));
  Identity pb;
  pb.kind = Identity::Kind::PhoneAndBirth;
  pb.phone = "89161234567";
  pb.birth = Date(1985, 3, 12);
  auto found = plan_checkin(db, pb, now(kAt10 - 10), rules);
  REQUIRE(found);
  CHECK(found->patient_id == anna);
  pb.birth = Date(1985, 3, 13);
  auto wrong = plan_checkin(db, pb, now(kAt10 - 10), rules);
  REQUIRE(wrong);
  CHECK_FALSE(wrong->patient_id);
  CHECK(wrong->visits.empty());
  // Twins sharing a mother's phone: ambiguous, so the desk decides.
  add_patient("Иванова", "Мария", "Петровна", Date(1985, 3, 12), "+7 916 123-45-67");
  pb.birth = Date(1985, 3, 12);
  auto twins = plan_checkin(db, pb, now(kAt10 - 10), rules);
  REQUIRE(twins);
  CHECK_FALSE(twins->patient_id);
  CHECK(twins->desk == std::vector<DeskReason>{DeskReason::NotFound});
}

TEST_CASE_FIXTURE(CheckinFixture, "after five misses the kiosk pauses guessing, a match resets it") {
  const std::string kiosk = "lobby";
  std::int64_t t = now(kAt10);
  for (int i = 0; i < 5; ++i) {
    REQUIRE(*guess_allowed(db, kiosk, t + i, rules));
    REQUIRE(record_guess(db, kiosk, t + i, false));
  }
  CHECK_FALSE(*guess_allowed(db, kiosk, t + 10, rules));
  CHECK(*guess_allowed(db, "second-kiosk", t + 10, rules));  // per kiosk
  CHECK(*guess_allowed(db, kiosk, t + 4 + rules.guess_pause_s, rules));
  REQUIRE(record_guess(db, kiosk, t + 100, true));
  CHECK(*guess_allowed(db, kiosk, t + 101, rules));
}

TEST_CASE_FIXTURE(CheckinFixture, "a check-in by the kiosk process is seen by the desk's connection") {
  make_repeat(anna);
  auto appt = book(anna, doctor1, room1, kAt10, kAt10 + 30);
  REQUIRE(appt);
  auto before = last_desk_event_id(db);
  REQUIRE(before);
  Identity card = card_of(anna);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    auto kdb = open_clinic_database(path);
    if (!kdb) _exit(3);
    auto plan = plan_checkin(*kdb, card, now(kAt10 - 5), CheckinRules{});
    if (!plan) _exit(4);
    _exit(check_in(*kdb, *plan, now(kAt10 - 5), Actor::kiosk("lobby")) ? 0 : 5);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK(load_appointment(db, *appt)->status == AppointmentStatus::Arrived);
  auto ev = desk_events_after(db, *before);
  REQUIRE(ev);
  REQUIRE(ev->size() == 1);
  CHECK((*ev)[0].appointment_id == *appt);
}

TEST_CASE_FIXTURE(CheckinFixture, "the demo scanner picks the next patient who can check in now") {
  CHECK_FALSE(*next_arrival_card(db, now(kAt10), rules));
  REQUIRE(book(anna, doctor1, room1, kAt10 + 30, kAt10 + 60));
  REQUIRE(book(boris, doctor2, room2, kAt10 + 90, kAt10 + 120));  // outside the window at 10:00
  auto card = next_arrival_card(db, now(kAt10), rules);
  REQUIRE(card);
  REQUIRE(card->has_value());
  CHECK(**card == card_of(anna).card_no);
}

TEST_CASE_FIXTURE(CheckinFixture, "taking an arrival back by any path forgets the check-in") {
  make_repeat(anna);
  auto appt = book(anna, doctor1, room1, kAt10, kAt10 + 30);
  REQUIRE(appt);
  auto plan = plan_checkin(db, card_of(anna), now(kAt10 - 5), rules);
  REQUIRE(plan);
  REQUIRE(check_in(db, *plan, now(kAt10 - 5), Actor::kiosk("lobby")));
  const std::string q = "SELECT checked_in_at IS NULL AND checked_in_by IS NULL FROM appointments WHERE id = " +
                        std::to_string(*appt);
  CHECK(*db.query_int(q) == 0);
  REQUIRE(set_status(db, *appt, AppointmentStatus::Confirmed, Actor::user(1)));  // the schedule's menu
  CHECK(*db.query_int(q) == 1);
}

TEST_CASE_FIXTURE(CheckinFixture, "an unpaid invoice of an earlier visit: checked in, and asked to see the desk first") {
  REQUIRE(db.exec("INSERT INTO services(id, code, name, duration_min) VALUES (1, 'B01.047.002', 'Приём повторный', 30);"
                  "INSERT INTO service_prices VALUES (1, '2030-01-01', 120000);"));
  auto past = book(anna, doctor2, room2, 600, 630, Date(2030, 5, 6));
  REQUIRE(past);
  REQUIRE(db.exec("INSERT INTO appointment_services VALUES (" + std::to_string(*past) + ", 1, 1, 0)"));
  const std::int64_t visits[] = {*past};
  auto invoice = create_invoices(db, visits, {}, Actor::user(1));
  REQUIRE(invoice);
  REQUIRE(book(anna, doctor1, room1, kAt10, kAt10 + 30));
  auto plan = plan_checkin(db, card_of(anna), now(kAt10 - 10), rules);
  REQUIRE(plan);
  CHECK(plan->to_check_in.size() == 1);  // the arrival still counts
  CHECK(plan->desk == std::vector<DeskReason>{DeskReason::Debt});
  auto done = check_in(db, *plan, now(kAt10 - 10), Actor::kiosk("lobby"));
  REQUIRE(done);
  auto events = desk_events_after(db, 0);
  REQUIRE(events);
  REQUIRE_FALSE(events->empty());
  CHECK(events->back().message.find("unpaid") != std::string::npos);
  CHECK(events->back().kind == "arrival_attention");
  // Paid (or switched off by the clinic): no more desk.
  REQUIRE(set_setting(db, "checkin.debt_to_desk", "0"));
  auto off = load_checkin_rules(db);
  REQUIRE(off);
  CHECK_FALSE(off->debt_to_desk);
  REQUIRE(db.exec("UPDATE invoices SET status = 'cancelled'"));
  auto again = plan_checkin(db, card_of(anna), now(kAt10 - 5), rules);
  REQUIRE(again);
  CHECK(again->desk.empty());
}

TEST_CASE_FIXTURE(CheckinFixture, "a DMS patient whose guarantee letters have all expired is asked to see the desk") {
  make_repeat(boris);
  REQUIRE(book(boris, doctor1, room1, kAt10, kAt10 + 30));
  auto insurer = add_insurer(db, "АО «СОГАЗ»", "7736035485");
  REQUIRE(insurer);
  GuaranteeLetter l;
  l.patient_id = boris;
  l.insurer_id = *insurer;
  l.number = "ГП-1";
  l.valid_from = Date(2030, 1, 1);
  l.valid_to = Date(2030, 5, 31);
  l.limit = 1000000;
  REQUIRE(add_guarantee_letter(db, l, Actor::user(1)));
  auto plan = plan_checkin(db, card_of(boris), now(kAt10 - 10), rules);
  REQUIRE(plan);
  CHECK(plan->to_check_in.size() == 1);
  CHECK(plan->desk == std::vector<DeskReason>{DeskReason::InsuranceExpired});
  // A patient who never had a letter pays as usual: nothing to see the desk about.
  make_repeat(anna);
  REQUIRE(book(anna, doctor2, room2, kAt10, kAt10 + 30));
  CHECK(plan_checkin(db, card_of(anna), now(kAt10 - 10), rules)->desk.empty());
  // A new letter valid today settles it.
  l.number = "ГП-2";
  l.valid_from = Date(2030, 6, 1);
  l.valid_to = Date(2030, 12, 31);
  REQUIRE(add_guarantee_letter(db, l, Actor::user(1)));
  CHECK(plan_checkin(db, card_of(boris), now(kAt10 - 10), rules)->desk.empty());
}
