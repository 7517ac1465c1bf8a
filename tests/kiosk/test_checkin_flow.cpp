// The kiosk's check-in state machine on a real database: every path a patient can take, what
// each screen would show, the printer failing, the database not answering, the walk-away.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <filesystem>
#include <fstream>

#include "appointment_changes.h"
#include "checkin_flow.h"
#include "invoices.h"
#include "checkin_token.h"
#include "clinic_secret.h"
#include "kiosk_identify.h"
#include "oms_policy.h"
#include "patients.h"
#include "pin.h"
#include "pin_check.h"
#include "receipt_printer/printer_device.h"
#include "receipt_printer/sim_printer.h"
#include "clinic_fixture.h"

using namespace rg;
using namespace rg::kiosk;

namespace {

struct FlowFixture : test::ClinicFixture {
  std::int64_t unix_now = at(9 * 60 + 50);
  std::vector<TicketData> tickets;
  std::string printer_problem;
  bool hold_jobs = false;
  std::deque<db::Worker::Job> held;
  CheckinFlow flow;

  FlowFixture()
      : flow([this](db::Worker::Job job) {
               if (hold_jobs) held.push_back(std::move(job));
               else job(db)();
             },
             [](std::string_view payload) -> std::optional<db::Identity> {
               if (payload.empty() || !std::all_of(payload.begin(), payload.end(),
                                                   [](unsigned char c) { return std::isdigit(c); }))
                 return std::nullopt;
               db::Identity who;
               who.kind = db::Identity::Kind::Card;
               who.card_no = std::string(payload);
               return who;
             },
             [this](const TicketData& t) {
               tickets.push_back(t);
               return printer_problem;
             },
             [this] { return unix_now; }, "lobby") {}

  std::string card(std::int64_t patient) {
    auto st = db.prepare("SELECT card_no FROM patients WHERE id = " + std::to_string(patient));
    REQUIRE(st);
    REQUIRE(*st->step());
    return st->col_text(0);
  }
  // Keys pressed on the kiosk's keypad at time t ('>' is the arrow, '<' the backspace).
  void type(const std::string& keys, double t) {
    for (char k : keys) flow.key(k, t);
  }
  void repeat_visit(std::int64_t patient) {
    int slot = 600 + int(patient % 10) * 30;
    REQUIRE(book(patient, doctor2, room2, slot, slot + 30, Date(2030, 5, 6)));
  }
  std::int64_t count(const std::string& sql) {
    auto n = db.query_int(sql);
    REQUIRE(n);
    return *n;
  }
  // What a check-in writes to an appointment: a second scan or a reprint must leave it as it is.
  std::string appointment_row(std::int64_t id) {
    auto st = db.prepare("SELECT status || '|' || coalesce(checked_in_at, '') || '|' || coalesce(checked_in_by, '') || "
                         "'|' || updated_at FROM appointments WHERE id = " + std::to_string(id));
    REQUIRE(st);
    REQUIRE(*st->step());
    return st->col_text(0);
  }
  // Arrivals the desk hears of for a patient (a toast each).
  int arrivals(std::int64_t patient) {
    auto events = db::desk_events_after(db, 0, 1000);
    REQUIRE(events);
    return int(std::count_if(events->begin(), events->end(), [&](const db::DeskEvent& e) {
      return e.kind.starts_with("arrival") && e.patient_id == patient;
    }));
  }
  // Nothing of a patient on screen: the privacy rule for every screen but «Вы отмечены».
  void shows_nobody() {
    const Shown& s = flow.state().shown;
    CHECK(s.masked_name.empty());
    CHECK(s.visits.empty());
    CHECK(s.queue_number == 0);
  }
};

}  // namespace

TEST_CASE_FIXTURE(FlowFixture, "scan → checked in: number, today's visits, a ticket, masked name only") {
  auto anna = add_patient("Иванова", "Анна", "Петровна");
  repeat_visit(anna);
  auto appt = book(anna, doctor1, room1, 600, 630);
  REQUIRE(appt);
  flow.scan(card(anna), 1.0);
  const KioskState& s = flow.state();
  REQUIRE(s.screen == KioskScreen::CheckedIn);
  CHECK(s.shown.masked_name == "Иванова А. П.");
  CHECK(s.shown.queue_number == 1);
  REQUIRE(s.shown.visits.size() == 1);
  CHECK(s.shown.visits[0].room == "101");
  CHECK(s.shown.desk == DeskMessage::None);
  REQUIRE(tickets.size() == 1);
  CHECK(tickets[0].queue_number == 1);
  CHECK(tickets[0].first_appointment == *appt);
  // The walk-away: after the idle time everything is wiped.
  flow.tick(1.0 + 29.9);
  CHECK(s.screen == KioskScreen::CheckedIn);
  CHECK(s.countdown(1.0 + 25) == doctest::Approx(5.0));
  flow.tick(1.0 + 30.0);
  CHECK(s.screen == KioskScreen::Start);
  shows_nobody();
}

TEST_CASE_FIXTURE(FlowFixture, "a first visit is checked in and told to see the desk for the paperwork") {
  auto anna = add_patient("Иванова", "Анна");
  REQUIRE(book(anna, doctor1, room1, 600, 630));
  flow.scan(card(anna), 1.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  CHECK(flow.state().shown.also_desk);
  CHECK(flow.state().shown.desk == DeskMessage::FirstVisit);
}

TEST_CASE_FIXTURE(FlowFixture, "expired DMS or an unpaid invoice: checked in, and the money question goes first") {
  auto insurer = db::add_insurer(db, "АО «СОГАЗ»", "");
  REQUIRE(insurer);
  auto expired_letter = [&](std::int64_t patient) {
    db::GuaranteeLetter l;
    l.patient_id = patient;
    l.insurer_id = *insurer;
    l.number = "ГП-" + std::to_string(patient);
    l.valid_from = Date(2030, 1, 1);
    l.valid_to = Date(2030, 5, 31);
    REQUIRE(db::add_guarantee_letter(db, l, db::Actor::user(1)));
  };
  // Boris: only his letter has run out.
  auto boris = add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  repeat_visit(boris);
  REQUIRE(book(boris, doctor1, room1, 600, 630));
  expired_letter(boris);
  flow.scan(card(boris), 1.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  CHECK(flow.state().shown.also_desk);
  CHECK(flow.state().shown.desk == DeskMessage::InsuranceExpired);
  // Vera: the same, and an earlier visit left unpaid, which is said first.
  auto vera = add_patient("Сидорова", "Вера", "", Date(1990, 4, 4));
  REQUIRE(db.exec("INSERT INTO services(id, code, name, duration_min) VALUES (1, 'B01.047.002', 'Приём', 30);"
                  "INSERT INTO service_prices VALUES (1, '2030-01-01', 120000);"));
  auto past = book(vera, doctor2, room2, 700, 730, Date(2030, 5, 6));
  REQUIRE(past);
  REQUIRE(db.exec("INSERT INTO appointment_services VALUES (" + std::to_string(*past) + ", 1, 1, 0)"));
  const std::int64_t visits[] = {*past};
  REQUIRE(db::create_invoices(db, visits, {}, db::Actor::user(1)));
  expired_letter(vera);
  REQUIRE(book(vera, doctor2, room2, 600, 630));
  flow.tick(100.0);  // the previous patient's screen is gone
  flow.scan(card(vera), 101.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  CHECK(flow.state().shown.also_desk);
  CHECK(flow.state().shown.desk == DeskMessage::Debt);
}

TEST_CASE_FIXTURE(FlowFixture, "unknown card, garbled scan, nothing today, too late: the desk, showing nobody") {
  flow.scan("99999", 1.0);
  CHECK(flow.state().screen == KioskScreen::GoToDesk);
  CHECK(flow.state().shown.desk == DeskMessage::NotFound);
  shows_nobody();

  flow.scan("#$%^", 2.0);
  CHECK(flow.state().shown.desk == DeskMessage::ScanUnreadable);
  shows_nobody();

  auto boris = add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  REQUIRE(book(boris, doctor1, room1, 600, 630, Date(2030, 6, 4)));
  flow.scan(card(boris), 3.0);
  CHECK(flow.state().shown.desk == DeskMessage::NoAppointmentToday);
  shows_nobody();

  auto vera = add_patient("Смирнова", "Вера");
  repeat_visit(vera);
  auto late = book(vera, doctor2, room2, 9 * 60, 9 * 60 + 30);
  REQUIRE(late);
  flow.scan(card(vera), 4.0);
  CHECK(flow.state().shown.desk == DeskMessage::TooLate);
  shows_nobody();
  // The desk was told.
  CHECK(*db.query_int("SELECT count(*) FROM desk_events WHERE kind = 'to_desk'") == 3);
  CHECK(*db.query_int("SELECT status = 'booked' FROM appointments WHERE id = " + std::to_string(*late)) == 1);
}

TEST_CASE_FIXTURE(FlowFixture, "the keypad: phone then birth date, nothing shows until both match, five misses pause") {
  auto anna = add_patient("Иванова", "Анна", "", Date(1985, 3, 12), "+7 916 123-45-67");
  repeat_visit(anna);
  REQUIRE(book(anna, doctor1, room1, 600, 630));
  flow.open_keypad(1.0);
  REQUIRE(flow.state().screen == KioskScreen::PhoneEntry);
  type("9161234567", 2.0);
  CHECK(flow.state().field == 1);  // on to the date without a tap
  type("12031986", 3.0);           // a year off
  flow.submit_keypad(3.5);
  CHECK(flow.state().screen == KioskScreen::GoToDesk);
  CHECK(flow.state().shown.desk == DeskMessage::NotFound);
  shows_nobody();
  // Four more misses, then even the right date waits.
  for (int i = 0; i < 4; ++i) {
    flow.open_keypad(4.0 + i);
    type("9161234567", 4.0 + i);
    type("01011990", 4.0 + i);
    flow.submit_keypad(4.0 + i);
  }
  flow.open_keypad(10.0);
  type("9161234567", 10.0);
  type("12031985", 10.0);
  flow.submit_keypad(10.0);
  CHECK(flow.state().shown.desk == DeskMessage::TooManyTries);
  shows_nobody();
  // After the pause it works.
  unix_now += 61;
  flow.open_keypad(80.0);
  type("9161234567", 80.0);
  type("12031985", 80.0);
  flow.submit_keypad(80.0);
  CHECK(flow.state().screen == KioskScreen::CheckedIn);
  CHECK(flow.state().shown.masked_name == "Иванова А.");
}

TEST_CASE_FIXTURE(FlowFixture, "a printer without paper: the check-in counts, the screen says so, the desk is told") {
  auto anna = add_patient("Иванова", "Анна");
  repeat_visit(anna);
  auto appt = book(anna, doctor1, room1, 600, 630);
  REQUIRE(appt);
  printer_problem = "Принтер чеков: закончилась бумага";
  flow.scan(card(anna), 1.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  CHECK(flow.state().shown.printer_problem == printer_problem);
  CHECK(flow.state().shown.queue_number == 1);
  CHECK(*db.query_int("SELECT status = 'arrived' FROM appointments WHERE id = " + std::to_string(*appt)) == 1);
  CHECK(*db.query_int("SELECT count(*) FROM desk_events WHERE kind = 'printer'") == 1);
}

// Tickets print on a runner of their own: the check-in is on screen before the printer is asked,
// and a printer that takes its time holds up neither that answer nor the next patient.
TEST_CASE_FIXTURE(FlowFixture, "the check-in is shown before the ticket prints and a slow printer holds up nobody") {
  std::deque<db::Worker::Job> printing;
  flow.set_print_runner([&](db::Worker::Job job) { printing.push_back(std::move(job)); });
  auto anna = add_patient("Иванова", "Анна");
  repeat_visit(anna);
  REQUIRE(book(anna, doctor1, room1, 600, 630));
  auto boris = add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  repeat_visit(boris);
  REQUIRE(book(boris, doctor2, room2, 600, 630));

  flow.scan(card(anna), 1.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);  // shown while the ticket waits
  CHECK(flow.state().shown.queue_number == 1);
  CHECK(tickets.empty());
  REQUIRE(printing.size() == 1);

  // The printer is still busy with Anna's ticket; Boris checks in meanwhile.
  flow.back_to_start(5.0);
  flow.scan(card(boris), 6.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  CHECK(flow.state().shown.queue_number == 2);
  REQUIRE(printing.size() == 2);

  // Anna's ticket fails now: the desk is told, Boris's screen does not show her problem.
  printer_problem = "Принтер чеков: закончилась бумага";
  printing.front()(db)();
  printing.pop_front();
  REQUIRE(tickets.size() == 1);
  CHECK(tickets[0].queue_number == 1);
  CHECK(flow.state().shown.printer_problem.empty());
  CHECK(*db.query_int("SELECT count(*) FROM desk_events WHERE kind = 'printer'") == 1);
  // Boris's fails too, on his own screen.
  printing.front()(db)();
  CHECK(flow.state().shown.printer_problem == printer_problem);
  CHECK(*db.query_int("SELECT count(*) FROM desk_events WHERE kind = 'printer'") == 2);
}

TEST_CASE_FIXTURE(FlowFixture, "a database that does not answer sends the patient to the desk, and the kiosk recovers") {
  auto anna = add_patient("Иванова", "Анна");
  repeat_visit(anna);
  REQUIRE(book(anna, doctor1, room1, 600, 630));
  hold_jobs = true;
  flow.scan(card(anna), 1.0);
  CHECK(flow.state().screen == KioskScreen::Checking);
  flow.tick(1.0 + flow.patience - 0.1);
  CHECK(flow.state().screen == KioskScreen::Checking);
  flow.tick(1.0 + flow.patience);
  CHECK(flow.state().screen == KioskScreen::Unavailable);
  // The late answer does not pop up over whoever stands there now.
  REQUIRE(held.size() == 1);
  held.front()(db)();
  held.clear();
  CHECK(flow.state().screen == KioskScreen::Unavailable);
  shows_nobody();
  // Back to the start by itself, and the next scan works.
  flow.tick(1.0 + flow.patience + 30);
  CHECK(flow.state().screen == KioskScreen::Start);
  hold_jobs = false;
  flow.scan(card(anna), 50.0);
  CHECK(flow.state().screen == KioskScreen::CheckedIn);  // already checked in by the late job
}

TEST_CASE("a database error is shown as «обратитесь в регистратуру», never as an error code") {
  auto broken = db::Database::open(":memory:");  // no schema: every query fails
  REQUIRE(broken);
  CheckinFlow flow([&](db::Worker::Job job) { job(*broken)(); },
                   [](std::string_view) {
                     db::Identity who;
                     who.card_no = "10000";
                     return std::optional<db::Identity>(who);
                   },
                   [](const TicketData&) { return std::string(); }, [] { return std::int64_t(1900000000); }, "lobby");
  flow.scan("10000", 1.0);
  CHECK(flow.state().screen == KioskScreen::Unavailable);
  CHECK(flow.state().shown.masked_name.empty());
}

TEST_CASE("the slip's QR checks in its patient, a forged or altered one checks in no one and shows nothing") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна", "Петровна");
  REQUIRE(f.book(anna, f.doctor2, f.room2, 600, 630, Date(2030, 5, 6)));  // a repeat visit
  auto appt = f.book(anna, f.doctor1, f.room1, 600, 630);
  REQUIRE(appt);
  auto secret = codes::clinic_checkin_secret(f.db);
  REQUIRE(secret);
  // The same secret on a second call: it is stored, not made anew.
  CHECK(*codes::clinic_checkin_secret(f.db) == *secret);
  std::string token = codes::make_checkin_token(*appt, *secret);
  auto identify = make_identify(f.db);
  std::vector<TicketData> tickets;
  CheckinFlow flow([&](db::Worker::Job job) { job(f.db)(); }, identify,
                   [&](const TicketData& t) { tickets.push_back(t); return std::string(); },
                   [] { return test::ClinicFixture::at(590); }, "lobby");

  std::string forged = token;
  forged[5] = forged[5] == 'A' ? 'B' : 'A';
  flow.scan(forged, 1.0);
  CHECK(flow.state().screen == KioskScreen::GoToDesk);
  CHECK(flow.state().shown.desk == DeskMessage::ScanUnreadable);
  CHECK(flow.state().shown.masked_name.empty());
  CHECK(tickets.empty());
  // Another clinic's token for the same appointment number names nobody here either.
  std::vector<unsigned char> other(secret->size(), 7);
  flow.scan(codes::make_checkin_token(*appt, other), 2.0);
  CHECK(flow.state().shown.desk == DeskMessage::ScanUnreadable);

  flow.scan(token + "\r\n", 3.0);  // scanners add a line end
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  CHECK(flow.state().shown.masked_name == "Иванова А. П.");
  REQUIRE(tickets.size() == 1);
  CHECK(tickets[0].first_appointment == *appt);
}

TEST_CASE("the ticket goes to the simulated printer as bytes and a picture, without paper the check-in still counts") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна", "Петровна");
  REQUIRE(f.book(anna, f.doctor2, f.room2, 600, 630, Date(2030, 5, 6)));
  auto appt = f.book(anna, f.doctor1, f.room1, 600, 630);
  REQUIRE(appt);
  auto printer_dir = f.dir.path() / "printer";
  drivers::DeviceManager devices({.start_worker = false});
  auto print = make_ticket_printer(f.db, "Клиника «Берёза»", pick_printer(devices, make_sim_ticket_printer(printer_dir)));
  TicketData t{7, "Иванова А. П.", {}, false, *appt};
  db::TodayVisit v;
  v.start_min = 600;
  v.doctor = "Петрова А. С.";
  v.room = "101";
  t.visits.push_back(v);
  CHECK(print(t).empty());
  CHECK(std::filesystem::exists(printer_dir / "receipt-0001.bin"));
  CHECK(std::filesystem::exists(printer_dir / "receipt-0001.png"));
  CHECK(std::filesystem::file_size(printer_dir / "receipt-0001.bin") > 100);

  // Pull the paper: the flow checks the next patient in and shows the printer's words.
  std::ofstream(printer_dir / "paper-end").put('\n');
  auto boris = f.add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  REQUIRE(f.book(boris, f.doctor2, f.room2, 700, 730, Date(2030, 5, 6)));
  auto second = f.book(boris, f.doctor2, f.room2, 600, 630);
  REQUIRE(second);
  auto card = f.db.prepare("SELECT card_no FROM patients WHERE id = " + std::to_string(boris));
  REQUIRE(*card->step());
  CheckinFlow flow([&](db::Worker::Job job) { job(f.db)(); }, make_identify(f.db), print,
                   [] { return test::ClinicFixture::at(590); }, "lobby");
  flow.scan(card->col_text(0), 1.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  CHECK_FALSE(flow.state().shown.printer_problem.empty());  // the driver's sentence, in the UI language
  CHECK(*f.db.query_int("SELECT status = 'arrived' FROM appointments WHERE id = " + std::to_string(*second)) == 1);
  CHECK_FALSE(std::filesystem::exists(printer_dir / "receipt-0002.bin"));
}

// A lobby kiosk prints on the real printer the device list has, whatever its state (a fault is
// said, never hidden by printing to a file); with none it says the printer is not connected,
// unless it is a demo with the simulated twin to fall back on.
TEST_CASE("the ticket goes to the real printer when there is one and is said to be unprintable when there is none") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна", "Петровна");
  auto appt = f.book(anna, f.doctor1, f.room1, 600, 630);
  REQUIRE(appt);
  TicketData t{7, "Иванова А. П.", {}, false, *appt};
  const auto real_dir = f.dir.path() / "real", sim_dir = f.dir.path() / "sim";
  drivers::DeviceManager devices({.start_worker = false});
  auto demo = make_ticket_printer(f.db, "Клиника «Берёза»", pick_printer(devices, make_sim_ticket_printer(sim_dir)));
  auto lobby = make_ticket_printer(f.db, "Клиника «Берёза»", pick_printer(devices, nullptr));

  // Nothing plugged in: the demo prints on its twin, the lobby kiosk says why there is no ticket.
  CHECK(demo(t).empty());
  CHECK(std::filesystem::exists(sim_dir / "receipt-0001.bin"));
  const std::string none = lobby(t);
  CHECK(none.find("not connected") != std::string::npos);
  CHECK(none.find("Receipt printer") == 0);

  // A printer plugged in (a real device as the list sees it; files stand in for its USB): both
  // print there, asked again at this ticket.
  auto real = std::make_shared<drivers::SimReceiptPrinter>(real_dir, drivers::default_profile_58mm());
  devices.attach("usb:1-3", std::make_shared<drivers::ReceiptPrinterDevice>(real, false));
  CHECK(demo(t).empty());
  CHECK(lobby(t).empty());
  CHECK(std::filesystem::exists(real_dir / "receipt-0002.bin"));
  CHECK_FALSE(std::filesystem::exists(sim_dir / "receipt-0002.bin"));

  // Its paper runs out: the fault is said, and nothing goes to the twin instead.
  std::ofstream(real_dir / "paper-end").put('\n');
  devices.check_all();
  const std::string fault = demo(t);
  CHECK_FALSE(fault.empty());
  CHECK(fault != none);
  CHECK_FALSE(std::filesystem::exists(sim_dir / "receipt-0002.bin"));

  // Unplugged: back to the twin for the demo, "not connected" for the lobby kiosk.
  devices.detach("usb:1-3");
  CHECK(demo(t).empty());
  CHECK(std::filesystem::exists(sim_dir / "receipt-0002.bin"));
  CHECK(lobby(t) == none);
}

TEST_CASE_FIXTURE(FlowFixture, "the policy number typed on the keypad: its control digit catches a typo before any lookup") {
  std::string first15 = "770312345678901";
  std::string enp = first15 + char('0' + codes::enp_control_digit(first15));
  db::PatientDraft p;
  p.surname = "Иванова";
  p.name = "Анна";
  p.birth_date = Date(1985, 3, 12);
  p.oms_enp = enp;
  auto anna = db::create_patient(db, p, db::Actor::system("test"));
  REQUIRE(anna);
  repeat_visit(*anna);
  REQUIRE(book(*anna, doctor1, room1, 600, 630));
  flow.open_keypad(1.0);
  flow.use_policy(true, 1.5);
  std::string typo = enp;
  typo[7] = typo[7] == '9' ? '0' : char(typo[7] + 1);
  type(typo, 2.0);
  flow.key('>', 2.0);
  CHECK(flow.state().shown.desk == DeskMessage::PolicyMistyped);
  shows_nobody();
  CHECK(*db.query_int("SELECT count(*) FROM kiosk_guesses") == 0);  // nothing was looked up
  flow.open_keypad(3.0);
  flow.use_policy(true, 3.0);
  type(enp, 2.0);
  flow.key('>', 4.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  CHECK(flow.state().shown.masked_name == "Иванова А.");
}

TEST_CASE_FIXTURE(FlowFixture, "only an administrator's PIN closes the kiosk, and guessing it pauses") {
  auto hash = codes::hash_pin("2580");
  REQUIRE(hash);
  REQUIRE(db::set_pin_hash(db, 1, *hash, db::Actor::system("test")));
  int exits = 0;
  flow.set_on_exit([&] { ++exits; });
  auto try_pin = [&](const std::string& keys) {
    ++unix_now;  // a second per try, as at a real kiosk
    for (char k : keys) flow.key(k, 2.0);
  };
  flow.open_admin(1.0);
  REQUIRE(flow.state().screen == KioskScreen::AdminPin);
  try_pin("1111>");
  CHECK(exits == 0);
  CHECK(flow.state().pin_refused);
  CHECK(flow.state().pin.empty());
  try_pin("2580>");
  CHECK(exits == 1);
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action = 'kiosk.exit' AND actor = 'user:1'") == 1);
  // Five wrong PINs in a row: even the right one waits.
  for (int i = 0; i < 5; ++i) try_pin("0000>");
  try_pin("2580>");
  CHECK(exits == 1);
  unix_now += 61;
  try_pin("2580>");
  CHECK(exits == 2);
  // The pad takes 4–8 digits; fewer cannot be submitted.
  try_pin("25>");
  CHECK(exits == 2);
}

TEST_CASE_FIXTURE(FlowFixture, "PIN checks are limited per place: a till guessed into a pause leaves the kiosk alone") {
  auto hash = codes::hash_pin("2580");
  REQUIRE(hash);
  REQUIRE(db::set_pin_hash(db, 1, *hash, db::Actor::system("test")));
  auto rules = db::load_checkin_rules(db);
  REQUIRE(rules);
  std::int64_t t = 1'800'000'000;
  auto check = [&](const std::string& place, const char* pin) {
    auto c = codes::check_pin(db, place, pin, ++t, *rules, db::Permission::VisitsFlow);
    REQUIRE_MESSAGE(c, (c ? "" : c.error().message));
    return *c;
  };
  const auto ok = check("till:main:pin", "2580");
  CHECK(ok.verdict == codes::PinVerdict::Accepted);
  REQUIRE(ok.holder);
  CHECK(ok.holder->user_id == 1);
  for (int i = 0; i < rules->guess_limit; ++i) CHECK(check("till:main:pin", "1234").verdict == codes::PinVerdict::Refused);
  const auto paused = check("till:main:pin", "2580");
  CHECK(paused.verdict == codes::PinVerdict::Paused);
  CHECK_FALSE(paused.holder);
  CHECK(check("kiosk-1:pin", "2580").verdict == codes::PinVerdict::Accepted);
  t += rules->guess_pause_s + 1;
  CHECK(check("till:main:pin", "2580").verdict == codes::PinVerdict::Accepted);
}

TEST_CASE_FIXTURE(FlowFixture, "not found after typing: «Исправить номер» goes back to the keypad with the digits kept") {
  auto anna = add_patient("Иванова", "Анна", "", Date(1985, 3, 12), "+7 916 123-45-67");
  repeat_visit(anna);
  REQUIRE(book(anna, doctor1, room1, 600, 630));
  flow.open_keypad(1.0);
  type("9161234567", 2.0);
  type("12031986", 3.0);  // the year mistyped
  flow.key('>', 3.5);
  REQUIRE(flow.state().screen == KioskScreen::GoToDesk);
  CHECK(flow.state().shown.desk == DeskMessage::NotFound);
  CHECK(flow.state().can_fix_number());
  shows_nobody();

  flow.fix_number(4.0);
  const KioskState& s = flow.state();
  REQUIRE(s.screen == KioskScreen::PhoneEntry);
  CHECK(s.phone == "9161234567");
  CHECK(s.birth == "12031986");
  CHECK(s.field == 1);  // on the date, typed last
  CHECK(s.shown.desk == DeskMessage::None);
  shows_nobody();
  // One ⌫ and the right digit: found, without typing the phone again.
  type("<5", 5.0);
  CHECK(s.birth == "12031985");
  flow.key('>', 5.5);
  REQUIRE(s.screen == KioskScreen::CheckedIn);
  CHECK(s.shown.masked_name == "Иванова А.");
  CHECK(*db.query_int("SELECT count(*) FROM kiosk_guesses") == 2);  // both lookups counted as guesses
}

TEST_CASE_FIXTURE(FlowFixture, "a scan that finds nobody offers no number to correct, and a mistyped policy keeps its digits") {
  flow.scan("99999", 1.0);
  REQUIRE(flow.state().screen == KioskScreen::GoToDesk);
  CHECK_FALSE(flow.state().can_fix_number());
  flow.fix_number(2.0);
  CHECK(flow.state().screen == KioskScreen::GoToDesk);

  std::string first15 = "770312345678901";
  std::string typo = first15 + char('0' + (codes::enp_control_digit(first15) + 1) % 10);
  flow.open_keypad(3.0);
  flow.use_policy(true, 3.0);
  for (char k : typo) flow.key(k, 3.5);
  flow.key('>', 4.0);
  REQUIRE(flow.state().shown.desk == DeskMessage::PolicyMistyped);
  flow.fix_number(5.0);
  CHECK(flow.state().screen == KioskScreen::PhoneEntry);
  CHECK(flow.state().by_policy);
  CHECK(flow.state().policy == typo);
  // The walk-away still wipes what was typed.
  flow.tick(5.0 + 30.0);
  CHECK(flow.state().screen == KioskScreen::Start);
  CHECK(flow.state().policy.empty());
}

TEST_CASE_FIXTURE(FlowFixture, "the kiosk names a doctor's specialty as the desk's schedule does") {
  // Two specialties, the first by id listed second: both screens pick the same one.
  REQUIRE(db.exec("INSERT INTO specialties(id, name) VALUES (7, 'кардиолог'), (3, 'терапевт');"
                  "INSERT INTO doctor_specialties VALUES (1, 7), (1, 3);"));
  auto anna = add_patient("Иванова", "Анна");
  repeat_visit(anna);
  REQUIRE(book(anna, doctor1, room1, 600, 630));
  flow.scan(card(anna), 1.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  REQUIRE(flow.state().shown.visits.size() == 1);
  auto grid = db::load_day_grid(db, Date(2030, 6, 3));
  REQUIRE(grid);
  auto desk = std::find_if(grid->doctors.begin(), grid->doctors.end(), [&](auto& d) { return d.doctor_id == doctor1; });
  REQUIRE(desk != grid->doctors.end());
  CHECK(desk->specialty == "терапевт");
  CHECK(flow.state().shown.visits[0].specialty == desk->specialty);
}

// Issue 17 §5: a patient who scans again (a lost ticket, unsure it worked) sees the same number
// and can print the ticket again; nothing is checked in twice.
TEST_CASE_FIXTURE(FlowFixture, "a patient identified again sees the same number and nothing is checked in twice") {
  auto anna = add_patient("Иванова", "Анна", "Петровна", Date(1985, 3, 12), "+7 916 123-45-67");
  repeat_visit(anna);
  auto appt = book(anna, doctor1, room1, 600, 630);
  REQUIRE(appt);
  auto boris = add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  repeat_visit(boris);
  REQUIRE(book(boris, doctor2, room2, 600, 630));
  auto vera = add_patient("Смирнова", "Вера", "", Date(1990, 4, 4));
  repeat_visit(vera);
  REQUIRE(book(vera, doctor2, room2, 630, 660));

  flow.scan(card(anna), 1.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  CHECK(flow.state().shown.queue_number == 1);
  CHECK_FALSE(flow.state().shown.again);
  CHECK_FALSE(flow.state().shown.can_reprint());  // the ticket has just come out
  flow.back_to_start(2.0);
  flow.scan(card(boris), 3.0);
  CHECK(flow.state().shown.queue_number == 2);
  REQUIRE(tickets.size() == 2);

  const std::string row = appointment_row(*appt);
  const std::int64_t checkins = count("SELECT count(*) FROM audit_log WHERE action = 'appointment.checkin'");
  const std::int64_t events = count("SELECT count(*) FROM desk_events");
  CHECK(checkins == 2);

  // Anna again a few minutes later: by her card, then by phone and birth date.
  unix_now += 5 * 60;
  const KioskState& s = flow.state();
  flow.back_to_start(10.0);
  flow.scan(card(anna), 11.0);
  REQUIRE(s.screen == KioskScreen::CheckedIn);
  CHECK(s.shown.again);
  CHECK(s.shown.queue_number == 1);
  CHECK(s.shown.masked_name == "Иванова А. П.");
  REQUIRE(s.shown.visits.size() == 1);
  CHECK(s.shown.visits[0].appointment_id == *appt);
  CHECK(s.shown.visits[0].room == "101");
  CHECK_FALSE(s.shown.also_desk);
  CHECK(s.shown.can_reprint());
  CHECK(tickets.size() == 2);  // nothing printed unasked

  flow.open_keypad(20.0);
  type("9161234567", 20.0);
  type("12031985", 20.5);
  flow.key('>', 21.0);
  REQUIRE(s.screen == KioskScreen::CheckedIn);
  CHECK(s.shown.again);
  CHECK(s.shown.queue_number == 1);
  CHECK(tickets.size() == 2);

  // Nothing written: no check-in, no number, no desk event; the appointment as it was.
  CHECK(count("SELECT count(*) FROM audit_log WHERE action = 'appointment.checkin'") == checkins);
  CHECK(count("SELECT count(*) FROM desk_events") == events);
  CHECK(count("SELECT count(*) FROM queue_tickets") == 2);
  CHECK(appointment_row(*appt) == row);
  CHECK(arrivals(anna) == 1);
  // The numbers go on where they were: the second scan took none.
  flow.back_to_start(30.0);
  flow.scan(card(vera), 31.0);
  CHECK(s.shown.queue_number == 3);
  CHECK_FALSE(s.shown.again);
}

TEST_CASE_FIXTURE(FlowFixture, "the ticket printed again is the same ticket and changes nothing but the journal") {
  auto anna = add_patient("Иванова", "Анна", "Петровна");
  repeat_visit(anna);
  auto appt = book(anna, doctor1, room1, 600, 630);
  REQUIRE(appt);
  flow.scan(card(anna), 1.0);
  REQUIRE(tickets.size() == 1);
  const std::string row = appointment_row(*appt);

  unix_now += 10 * 60;
  flow.back_to_start(5.0);
  flow.scan(card(anna), 6.0);
  REQUIRE(flow.state().shown.can_reprint());
  flow.reprint(7.0);
  REQUIRE(tickets.size() == 2);
  const TicketData &first = tickets[0], &again = tickets[1];
  CHECK(again.queue_number == first.queue_number);
  CHECK(again.masked_name == first.masked_name);
  CHECK(again.first_appointment == first.first_appointment);
  CHECK(again.to_desk == first.to_desk);
  CHECK(again.desk == first.desk);
  REQUIRE(again.visits.size() == first.visits.size());
  for (size_t i = 0; i < again.visits.size(); ++i) {
    CHECK(again.visits[i].appointment_id == first.visits[i].appointment_id);
    CHECK(again.visits[i].start_min == first.visits[i].start_min);
    CHECK(again.visits[i].doctor == first.visits[i].doctor);
    CHECK(again.visits[i].specialty == first.visits[i].specialty);
    CHECK(again.visits[i].room == first.visits[i].room);
  }
  const KioskState& s = flow.state();
  CHECK(s.shown.reprinted);
  CHECK_FALSE(s.shown.reprinting);
  CHECK(s.shown.printer_problem.empty());
  CHECK(s.shown.queue_number == 1);

  // The journal has the reprint under the appointment, by the kiosk; the appointment, the queue
  // and the desk are as they were.
  CHECK(count("SELECT count(*) FROM audit_log WHERE action = 'appointment.ticket_reprint' AND actor = 'kiosk:lobby' "
              "AND entity = 'appointment' AND entity_id = " + std::to_string(*appt) +
              " AND json_extract(details, '$.queue') = '1'") == 1);
  CHECK(count("SELECT count(*) FROM audit_log WHERE action = 'appointment.checkin'") == 1);
  CHECK(appointment_row(*appt) == row);
  CHECK(count("SELECT count(*) FROM queue_tickets") == 1);
  CHECK(arrivals(anna) == 1);
  CHECK(count("SELECT count(*) FROM desk_events") == 1);

  // One reprint a screen: another tap prints nothing (a lost one again is another scan).
  flow.reprint(8.0);
  CHECK(tickets.size() == 2);
  CHECK(count("SELECT count(*) FROM audit_log WHERE action = 'appointment.ticket_reprint'") == 1);
  // A new patient's screen offers nothing of hers.
  flow.back_to_start(9.0);
  flow.reprint(9.5);
  CHECK(tickets.size() == 2);
}

TEST_CASE_FIXTURE(FlowFixture, "a reprint without paper is said, the desk is told, and it can be tried again") {
  auto anna = add_patient("Иванова", "Анна");
  repeat_visit(anna);
  REQUIRE(book(anna, doctor1, room1, 600, 630));
  flow.scan(card(anna), 1.0);
  flow.back_to_start(2.0);
  flow.scan(card(anna), 3.0);
  printer_problem = "Принтер чеков: закончилась бумага";
  flow.reprint(4.0);
  const Shown& s = flow.state().shown;
  CHECK(s.printer_problem == printer_problem);
  CHECK_FALSE(s.reprinted);
  CHECK(s.can_reprint());
  CHECK(count("SELECT count(*) FROM desk_events WHERE kind = 'printer'") == 1);
  CHECK(count("SELECT count(*) FROM audit_log WHERE action = 'appointment.ticket_reprint'") == 0);
  printer_problem.clear();  // the desk put paper in
  flow.reprint(40.0);
  CHECK(s.reprinted);
  CHECK(s.printer_problem.empty());
  REQUIRE(tickets.size() == 3);  // the check-in's, the failed one, this one
  CHECK(tickets[2].queue_number == 1);
  CHECK(count("SELECT count(*) FROM audit_log WHERE action = 'appointment.ticket_reprint'") == 1);
}

TEST_CASE_FIXTURE(FlowFixture, "the reprint waits for the printer and a second tap meanwhile prints nothing more") {
  std::deque<db::Worker::Job> printing;
  flow.set_print_runner([&](db::Worker::Job job) { printing.push_back(std::move(job)); });
  auto anna = add_patient("Иванова", "Анна");
  repeat_visit(anna);
  REQUIRE(book(anna, doctor1, room1, 600, 630));
  flow.scan(card(anna), 1.0);
  REQUIRE(printing.size() == 1);
  printing.front()(db)();
  printing.pop_front();
  flow.back_to_start(2.0);
  flow.scan(card(anna), 3.0);
  flow.reprint(4.0);
  flow.reprint(4.2);
  const Shown& s = flow.state().shown;
  CHECK(s.reprinting);
  CHECK_FALSE(s.can_reprint());
  REQUIRE(printing.size() == 1);
  printing.front()(db)();
  CHECK(s.reprinted);
  CHECK_FALSE(s.reprinting);
  CHECK(tickets.size() == 2);
}

TEST_CASE_FIXTURE(FlowFixture, "checked in for the morning, the afternoon not open yet: the same number, not the desk") {
  auto anna = add_patient("Иванова", "Анна", "Петровна");
  repeat_visit(anna);
  auto morning = book(anna, doctor1, room1, 600, 630);
  REQUIRE(morning);
  flow.scan(card(anna), 1.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  // The desk books her an afternoon visit meanwhile; its check-in opens at 12:00.
  auto afternoon = book(anna, doctor2, room2, 13 * 60, 13 * 60 + 30);
  REQUIRE(afternoon);

  unix_now = at(10 * 60 + 5);
  flow.back_to_start(2.0);
  flow.scan(card(anna), 3.0);
  const KioskState& s = flow.state();
  REQUIRE(s.screen == KioskScreen::CheckedIn);
  CHECK(s.shown.again);
  CHECK(s.shown.queue_number == 1);
  REQUIRE(s.shown.visits.size() == 1);  // only what she is checked in for
  CHECK(s.shown.visits[0].appointment_id == *morning);
  CHECK(count("SELECT count(*) FROM desk_events WHERE kind = 'to_desk'") == 0);
  flow.reprint(4.0);
  REQUIRE(tickets.size() == 2);
  REQUIRE(tickets[1].visits.size() == 1);
  CHECK(tickets[1].visits[0].appointment_id == *morning);

  // Seen in the morning: the afternoon's check-in opening later is what she is told.
  REQUIRE(db::set_status(db, *morning, db::AppointmentStatus::Done, db::Actor::user(1)));
  unix_now = at(11 * 60);
  flow.back_to_start(5.0);
  flow.scan(card(anna), 6.0);
  CHECK(s.screen == KioskScreen::GoToDesk);
  CHECK(s.shown.desk == DeskMessage::TooEarly);
  shows_nobody();

  // In the afternoon's window: checked in for it, under the same number.
  unix_now = at(12 * 60 + 10);
  flow.back_to_start(7.0);
  flow.scan(card(anna), 8.0);
  REQUIRE(s.screen == KioskScreen::CheckedIn);
  CHECK_FALSE(s.shown.again);
  CHECK(s.shown.queue_number == 1);
  REQUIRE(s.shown.visits.size() == 1);
  CHECK(s.shown.visits[0].appointment_id == *afternoon);
  CHECK(count("SELECT count(*) FROM queue_tickets") == 1);
}

TEST_CASE_FIXTURE(FlowFixture, "marked arrived at the desk without a number: no number shown and no ticket to print again") {
  auto anna = add_patient("Иванова", "Анна");
  repeat_visit(anna);
  auto appt = book(anna, doctor1, room1, 600, 630);
  REQUIRE(appt);
  REQUIRE(db::set_status(db, *appt, db::AppointmentStatus::Arrived, db::Actor::user(1)));
  flow.scan(card(anna), 1.0);
  const KioskState& s = flow.state();
  REQUIRE(s.screen == KioskScreen::CheckedIn);
  CHECK(s.shown.queue_number == 0);
  CHECK_FALSE(s.shown.again);
  CHECK_FALSE(s.shown.can_reprint());
  flow.reprint(2.0);
  CHECK(tickets.empty());
  CHECK(count("SELECT count(*) FROM queue_tickets") == 0);
}

TEST_CASE("the slip's QR scanned twice shows the same number, and the ticket printed again carries the same QR") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна", "Петровна");
  REQUIRE(f.book(anna, f.doctor2, f.room2, 600, 630, Date(2030, 5, 6)));
  auto appt = f.book(anna, f.doctor1, f.room1, 600, 630);
  REQUIRE(appt);
  auto secret = codes::clinic_checkin_secret(f.db);
  REQUIRE(secret);
  const std::string token = codes::make_checkin_token(*appt, *secret);
  std::vector<TicketData> tickets;
  CheckinFlow flow([&](db::Worker::Job job) { job(f.db)(); }, make_identify(f.db),
                   [&](const TicketData& t) { tickets.push_back(t); return std::string(); },
                   [] { return test::ClinicFixture::at(590); }, "lobby");
  flow.scan(token + "\r\n", 1.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  const int number = flow.state().shown.queue_number;
  CHECK(number > 0);
  flow.back_to_start(2.0);
  flow.scan(token + "\r\n", 3.0);
  REQUIRE(flow.state().screen == KioskScreen::CheckedIn);
  CHECK(flow.state().shown.again);
  CHECK(flow.state().shown.queue_number == number);
  flow.reprint(4.0);
  REQUIRE(tickets.size() == 2);
  CHECK(tickets[1].queue_number == number);
  CHECK(tickets[1].first_appointment == *appt);  // the ticket's QR is made from it
  CHECK(*f.db.query_int("SELECT count(*) FROM audit_log WHERE action = 'appointment.checkin'") == 1);
  CHECK(*f.db.query_int("SELECT count(*) FROM desk_events") == 1);
}
