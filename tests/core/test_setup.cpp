// A clinic set up on screens: doctors with their specialties and services, working patterns
// (weekly, alternating weeks, «2 через 2»), dated hours, the published horizon, and no booking
// silently orphaned by a schedule change.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <tuple>

#include "cash_shifts.h"
#include "checkin.h"
#include "clinic_fixture.h"
#include "doctors.h"
#include "hours.h"
#include "invoices.h"
#include "migrations.h"
#include "payments.h"
#include "price_edit.h"
#include "price_list.h"
#include "rooms.h"
#include "schedules.h"
#include "setup.h"
#include "staff.h"

using namespace rg;
using namespace rg::db;

namespace {

const Actor kManager = Actor::system("test");

ScheduleRule weekly(int weekday, int from_h, int to_h, char weeks = 'a', bool is_break = false) {
  ScheduleRule r;
  r.weekday = weekday;
  r.weeks = weeks;
  r.start_min = from_h * 60;
  r.end_min = to_h * 60;
  r.is_break = is_break;
  return r;
}

// 9 for 09:00, 12:30 for 12:30.
std::string hm(int m) { return std::to_string(m / 60) + (m % 60 ? ":" + std::to_string(m % 60) : ""); }

std::string hours_of(Database& db, std::int64_t doctor, Date day) {
  const std::int64_t ids[] = {doctor};
  auto cal = WorkCalendar::load(db, day, day, ids);
  REQUIRE(cal);
  std::string out;
  for (const auto& p : cal->hours(doctor, day).open_periods())
    out += (out.empty() ? "" : ",") + hm(p.start_min) + "-" + hm(p.end_min);
  return out.empty() ? "off" : out;
}

}  // namespace

TEST_CASE("ISO weeks and shift cycles decide the working days") {
  CHECK(iso_week(Date(2030, 6, 3)) == 23);   // a Monday
  CHECK(iso_week(Date(2027, 1, 1)) == 53);   // a Friday in the last week of 2026
  CHECK(iso_week(Date(2026, 12, 31)) == 53);
  CHECK(iso_week(Date(2029, 12, 31)) == 1);  // a Monday in week 1 of 2030
  const Date mon(2030, 6, 3);
  CHECK_FALSE(rule_applies(1, 'e', 0, 0, mon, mon));  // week 23 is odd
  CHECK(rule_applies(1, 'o', 0, 0, mon, mon));
  CHECK(rule_applies(1, 'e', 0, 0, mon, mon.plus_days(7)));
  CHECK_FALSE(rule_applies(2, 'a', 0, 0, mon, mon));
  // «2 через 2» from Monday: Mon Tue on, Wed Thu off, Fri Sat on …
  std::string days;
  for (int i = -1; i < 9; ++i) days += rule_applies(0, 'a', 2, 2, mon, mon.plus_days(i)) ? '1' : '0';
  CHECK(days == "0110011001");
}

TEST_CASE_FIXTURE(test::ClinicFixture, "patterns expand to the right hours: weekly, even and odd weeks, 2 through 2, dated rows") {
  const Date mon(2030, 6, 3);  // ISO week 23
  std::vector<ScheduleRule> p;
  for (int d = 1; d <= 5; ++d) p.push_back(weekly(d, 9, 15));
  p.push_back(weekly(1, 12, 13, 'a', true));
  p.back().end_min = 12 * 60 + 30;
  p.push_back(weekly(6, 10, 14, 'e'));
  p.push_back(weekly(6, 15, 19, 'o'));
  auto left = set_pattern(db, doctor1, p, mon, kManager);
  REQUIRE_MESSAGE(left, (left ? "" : left.error().message));
  CHECK(left->empty());
  CHECK(hours_of(db, doctor1, mon) == "9-12,12:30-15");
  CHECK(hours_of(db, doctor1, mon.plus_days(1)) == "9-15");
  CHECK(hours_of(db, doctor1, mon.plus_days(5)) == "15-19");   // Saturday of an odd week
  CHECK(hours_of(db, doctor1, mon.plus_days(12)) == "10-14");  // Saturday of an even week
  CHECK(hours_of(db, doctor1, mon.plus_days(6)) == "off");     // Sunday
  CHECK(hours_of(db, doctor1, mon.plus_days(-1)) == "off");    // before the pattern starts

  // 2 through 2, 08–20, for the second doctor from Wednesday.
  ScheduleRule shift;
  shift.cycle_on = 2, shift.cycle_off = 2, shift.start_min = 8 * 60, shift.end_min = 20 * 60;
  REQUIRE(set_pattern(db, doctor2, {shift}, mon.plus_days(2), kManager));
  CHECK(hours_of(db, doctor2, mon.plus_days(2)) == "8-20");
  CHECK(hours_of(db, doctor2, mon.plus_days(3)) == "8-20");
  CHECK(hours_of(db, doctor2, mon.plus_days(4)) == "off");
  CHECK(hours_of(db, doctor2, mon.plus_days(5)) == "off");
  CHECK(hours_of(db, doctor2, mon.plus_days(6)) == "8-20");

  // A dated row replaces the pattern that day; an empty set gives the day back.
  REQUIRE(set_day(db, doctor1, mon.plus_days(1), {{0, mon.plus_days(1), 14 * 60, 18 * 60, 'w', room2}}, kManager));
  CHECK(hours_of(db, doctor1, mon.plus_days(1)) == "14-18");
  REQUIRE(set_day(db, doctor1, mon.plus_days(2), {{0, mon.plus_days(2), 0, 1440, 'o', {}}}, kManager));
  CHECK(hours_of(db, doctor1, mon.plus_days(2)) == "off");
  REQUIRE(set_day(db, doctor1, mon.plus_days(2), {}, kManager));
  CHECK(hours_of(db, doctor1, mon.plus_days(2)) == "9-15");

  // A new pattern from a later date ends the old one the day before.
  REQUIRE(set_pattern(db, doctor1, {weekly(1, 16, 20)}, mon.plus_days(14), kManager));
  CHECK(hours_of(db, doctor1, mon.plus_days(7)) == "9-12,12:30-15");
  CHECK(hours_of(db, doctor1, mon.plus_days(14)) == "16-20");
  CHECK(hours_of(db, doctor1, mon.plus_days(15)) == "off");
  auto rules = schedule_rules(db, doctor1, mon);
  REQUIRE(rules);
  CHECK(rules->front().valid_until == mon.plus_days(13));
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action = 'schedule.pattern'") == 3);
}

TEST_CASE_FIXTURE(test::ClinicFixture, "a pattern that is wrong is refused in words and changes nothing") {
  const Date mon(2030, 6, 3);
  auto overlap = set_pattern(db, doctor1, {weekly(1, 9, 15), weekly(1, 14, 18)}, mon, kManager);
  REQUIRE_FALSE(overlap);
  CHECK(overlap.error().message.find("overlap") != std::string::npos);
  CHECK_FALSE(set_pattern(db, doctor1, {weekly(1, 15, 9)}, mon, kManager));
  auto stray_break = set_pattern(db, doctor1, {weekly(1, 9, 12), weekly(2, 10, 11, 'a', true)}, mon, kManager);
  REQUIRE_FALSE(stray_break);
  CHECK(stray_break.error().message.find("break") != std::string::npos);
  // Even and odd Saturdays do not overlap each other.
  REQUIRE(validate_pattern(db, {weekly(6, 9, 15, 'e'), weekly(6, 10, 16, 'o')}));
  // An administrator may not change doctors' schedules.
  auto refused = set_pattern(db, doctor1, {weekly(1, 9, 15)}, mon, Actor::user(1));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::Forbidden);
  CHECK(*db.query_int("SELECT count(*) FROM schedule_rules") == 0);
}

TEST_CASE_FIXTURE(test::ClinicFixture, "a schedule change with booked appointments lists them for the absence flow") {
  const Date mon(2030, 6, 3);
  std::vector<ScheduleRule> p;
  for (int d = 1; d <= 5; ++d) p.push_back(weekly(d, 9, 18));
  REQUIRE(set_pattern(db, doctor1, p, mon.plus_days(-7), kManager));
  const auto anna = add_patient("Иванова", "Анна");
  const auto boris = add_patient("Борисов", "Борис", "", Date(1970, 1, 1), "", 'M');
  REQUIRE(book(anna, doctor1, room1, 10 * 60, 10 * 60 + 30, mon));
  REQUIRE(book(boris, doctor1, room1, 16 * 60, 16 * 60 + 30, mon.plus_days(1)));
  // Mornings only from Monday: Boris's afternoon visit would be left outside.
  std::vector<ScheduleRule> mornings;
  for (int d = 1; d <= 5; ++d) mornings.push_back(weekly(d, 8, 14));
  auto preview = preview_pattern(db, doctor1, mornings, mon);
  REQUIRE(preview);
  REQUIRE(preview->size() == 1);
  CHECK(preview->front().patient_id == boris);
  CHECK(hours_of(db, doctor1, mon.plus_days(1)) == "9-18");  // the preview changed nothing
  auto left = set_pattern(db, doctor1, mornings, mon, kManager);
  REQUIRE(left);
  REQUIRE(left->size() == 1);
  CHECK(left->front().patient_id == boris);
  CHECK(*db.query_int("SELECT count(*) FROM appointments WHERE status = 'booked'") == 2);  // nothing cancelled silently
  auto again = outside_hours(db, doctor1, mon);
  REQUIRE(again);
  CHECK(again->size() == 1);  // what the desk's absence flow is given to deal with
  // A day off on Monday leaves Anna outside too.
  auto day = set_day(db, doctor1, mon, {{0, mon, 0, 1440, 'o', {}}}, kManager);
  REQUIRE(day);
  REQUIRE(day->size() == 1);
  CHECK(day->front().patient_id == anna);
}

TEST_CASE_FIXTURE(test::ClinicFixture, "the published horizon closes the days after it") {
  const Date mon(2030, 6, 3);
  REQUIRE(set_pattern(db, doctor1, {weekly(1, 9, 15), weekly(2, 9, 15)}, mon, kManager));
  const auto anna = add_patient("Иванова", "Анна");
  REQUIRE(book(anna, doctor1, room1, 10 * 60, 10 * 60 + 30, mon.plus_days(8)));
  const std::int64_t now = at(8 * 60, mon);
  CHECK_FALSE(set_published_until(db, mon.plus_days(-1), now, kManager));  // a past day
  auto left = set_published_until(db, mon.plus_days(7), now, kManager);
  REQUIRE(left);
  CHECK(left->size() == 1);  // Anna's Tuesday after the horizon
  CHECK(hours_of(db, doctor1, mon.plus_days(7)) == "9-15");
  CHECK(hours_of(db, doctor1, mon.plus_days(8)) == "off");
  REQUIRE(set_published_until(db, std::nullopt, now, kManager));
  CHECK(hours_of(db, doctor1, mon.plus_days(8)) == "9-15");
}

TEST_CASE_FIXTURE(test::ClinicFixture, "doctors: made with specialties and services, never deleted, deactivated only when nothing is booked") {
  auto therapy = create_specialty(db, " Терапия ", kManager);
  REQUIRE(therapy);
  CHECK(create_specialty(db, "Терапия", kManager).error().code == ErrorCode::Conflict);
  REQUIRE(db.exec("INSERT INTO services(id, code, name, specialty_id, duration_min) VALUES "
                  "(10, 'B01.047.001', 'Приём терапевта первичный', 1, 30),"
                  "(11, 'B01.047.002', 'Приём терапевта повторный', 1, 20),"
                  "(12, 'A05.10.006', 'Регистрация ЭКГ', NULL, 15)"));
  DoctorDraft d;
  d.surname = "Орлова", d.name = "Мария", d.patronymic = "Викторовна", d.position = "врач-терапевт";
  d.code = "1234", d.specialty_ids = {*therapy}, d.default_room_id = room2, d.slot_min = 10;
  d.services = {{10, 40}, {12, std::nullopt}};
  CHECK(create_doctor(db, d, Actor::user(1)).error().code == ErrorCode::Forbidden);
  DoctorDraft bad = d;
  bad.slot_min = 3;
  CHECK(create_doctor(db, bad, kManager).error().code == ErrorCode::Invalid);
  bad = d;
  bad.position = " ";
  CHECK(create_doctor(db, bad, kManager).error().code == ErrorCode::Invalid);
  auto id = create_doctor(db, d, kManager);
  REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  auto card = load_doctor_card(db, *id, at(0));
  REQUIRE(card);
  CHECK(card->specialties == "Терапия");
  CHECK(card->doctor.slot_min == 10);
  CHECK(card->room == "102");
  REQUIRE(card->doctor.services.size() == 2);
  // He performs his own list, with his own duration for the first visit.
  auto offers = services_for_doctor(db, *id, Date(2030, 6, 3));
  REQUIRE(offers);
  REQUIRE(offers->size() == 2);
  for (const auto& o : *offers) {
    if (o.id == 10) CHECK(o.duration_min == 40);
    if (o.id == 12) CHECK(o.duration_min == 15);
    CHECK(o.id != 11);
  }
  d.first_visits = false;
  d.services.clear();  // back to his specialty's services
  REQUIRE(update_doctor(db, *id, d, kManager));
  offers = services_for_doctor(db, *id, Date(2030, 6, 3));
  REQUIRE(offers);
  CHECK(offers->size() == 2);  // 10 and 11, the therapy services
  auto audit = db.prepare("SELECT details FROM audit_log WHERE action = 'doctor.update'");
  REQUIRE(audit);
  REQUIRE(*audit->step());
  CHECK(audit->col_text(0).find("first_visits") != std::string::npos);

  // Leaving: refused while he has a booking ahead, then deactivated with his pattern ended.
  REQUIRE(set_pattern(db, *id, {weekly(1, 9, 15)}, Date(2030, 6, 3), kManager));
  const auto anna = add_patient("Иванова", "Анна");
  // He takes no first visits now: Anna, new to the clinic, is not booked with him.
  auto first = book(anna, *id, room2, 600, 630);
  REQUIRE_FALSE(first);
  CHECK(first.error().message.find("first visits") != std::string::npos);
  d.first_visits = true;
  REQUIRE(update_doctor(db, *id, d, kManager));
  REQUIRE(book(anna, *id, room2, 600, 630));
  auto refused = set_doctor_active(db, *id, false, at(0), kManager);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::Conflict);
  CHECK(refused.error().message.find("1 appointment") != std::string::npos);
  REQUIRE(set_doctor_active(db, *id, false, at(700), kManager));  // the visit is over by then
  CHECK(*db.query_int("SELECT count(*) FROM doctors WHERE surname = 'Орлова' AND active = 0") == 1);
  auto until = schedule_rules(db, *id, Date(2030, 6, 1));
  REQUIRE(until);
  REQUIRE(until->size() == 1);
  CHECK(until->front().valid_until == Date(2030, 6, 3));
  auto cards = list_doctor_cards(db, at(700));
  REQUIRE(cards);
  CHECK(cards->back().doctor.surname == "Орлова");  // kept, listed last
  auto gone = book(anna, *id, room2, 800, 830, Date(2030, 6, 4));
  REQUIRE_FALSE(gone);
  CHECK(gone.error().message.find("no longer works") != std::string::npos);
}

TEST_CASE("a clinic set up from an empty database through the core books, checks in and takes a payment") {
  test::TempDir dir;
  auto opened = open_clinic_database(dir.file("new.db"));
  REQUIRE(opened);
  Database& db = *opened;
  use_time_zone("Europe/Moscow");
  REQUIRE(*no_accounts(db));

  // The first run: the clinic's name and its manager; never a second time.
  StaffDraft boss{"orlova", "Орлова Ирина Викторовна", "Управляющий", {Role::Manager}, std::nullopt};
  auto manager_id = create_first_manager(db, "ООО «Клиника Здоровье»", boss, "hash-made-by-auth");
  REQUIRE_MESSAGE(manager_id, (manager_id ? "" : manager_id.error().message));
  StaffDraft intruder{"intruder", "Чужой Человек", "", {Role::Manager}, std::nullopt};
  CHECK(create_first_manager(db, "Другая", intruder, "x").error().code == ErrorCode::Forbidden);
  const Actor manager = Actor::user(*manager_id, "desk:office");
  auto progress = setup_progress(db);
  REQUIRE(progress);
  CHECK(progress->finished() == 0);

  // Requisites, a room, a specialty and a doctor, his hours, a priced service, an administrator.
  auto clinic = load_clinic(db);
  REQUIRE(clinic);
  clinic->inn = "7701234567";
  clinic->licence_number = "Л041-01137-77/00368000";
  clinic->legal_address = "г. Москва, ул. Лесная, д. 5";
  REQUIRE(save_clinic(db, *clinic, manager));
  auto room = create_room(db, {"1", "Кабинет терапевта", 1, "налево от входа", ""}, manager);
  REQUIRE(room);
  auto therapy = create_specialty(db, "терапевт", manager);
  REQUIRE(therapy);
  DoctorDraft doc;
  doc.surname = "Зайцева", doc.name = "Ольга", doc.patronymic = "Петровна", doc.position = "врач-терапевт";
  doc.specialty_ids = {*therapy}, doc.default_room_id = *room;
  auto doctor = create_doctor(db, doc, manager);
  REQUIRE(doctor);
  const Date today_local = to_local(now_unix()).date;
  std::vector<ScheduleRule> week;
  for (int d = 1; d <= 7; ++d) week.push_back(weekly(d, 8, 20));
  REQUIRE(set_pattern(db, *doctor, week, today_local, manager));
  ServiceDraft consult;
  consult.code = "B01.047.001", consult.name = "Приём (осмотр, консультация) врача-терапевта первичный";
  consult.specialty_id = *therapy, consult.duration_min = 30;
  auto service = create_service(db, consult, NewPrice{today_local, 250000}, now_unix(), manager);
  REQUIRE_MESSAGE(service, (service ? "" : service.error().message));
  auto admin = create_staff(db, {"desk1", "Смирнова Елена Андреевна", "Администратор", {Role::Admin}, std::nullopt},
                            manager, "hash");
  REQUIRE(admin);
  REQUIRE(skip_setup_step(db, SetupStep::Devices, true, manager));
  progress = setup_progress(db);
  REQUIRE(progress);
  for (const auto& s : progress->steps) CHECK_MESSAGE((s.done || s.skipped), s.title << ": " << s.state);
  CHECK(progress->complete());

  // Tomorrow at 10:00 the administrator books, the patient checks in, and pays at the till.
  const Actor desk = Actor::user(*admin, "desk:reg-1");
  PatientDraft p;
  p.surname = "Кузьмин", p.name = "Олег", p.patronymic = "Ильич", p.birth_date = Date(1979, 4, 2), p.sex = 'M';
  p.phones.push_back({"+7 916 555-12-34", "mobile"});
  auto patient = create_patient(db, p, desk);
  REQUIRE(patient);
  const Date day = today_local.plus_days(1);
  AppointmentDraft a;
  a.patient_id = *patient, a.doctor_id = *doctor, a.room_id = *room;
  a.start_at = to_unix(day, 600), a.end_at = to_unix(day, 630);
  a.service_ids = {*service};
  auto booked = book_appointment(db, a, desk);
  REQUIRE_MESSAGE(booked, (booked ? "" : booked.error().message));
  Identity who;
  who.kind = Identity::Kind::Card;
  auto card = db.prepare("SELECT card_no FROM patients WHERE id = ?1");
  REQUIRE(card);
  card->bind(1, *patient);
  REQUIRE(*card->step());
  who.card_no = card->col_text(0);
  auto plan = plan_checkin(db, who, to_unix(day, 580), CheckinRules{.first_visit_to_desk = false});
  REQUIRE_MESSAGE(plan, (plan ? "" : plan.error().message));
  auto done = check_in(db, *plan, to_unix(day, 580), desk);
  REQUIRE_MESSAGE(done, (done ? "" : done.error().message));
  CHECK(done->queue_number == 1);
  const std::int64_t ids[] = {*booked};
  auto invoices = create_invoices(db, ids, {}, desk);
  REQUIRE(invoices);
  REQUIRE(invoices->patient_invoice);
  REQUIRE(record_shift_open(db, "main", "Администратор Смирнова Е. А.", 0, desk));
  NewPayment pay;
  pay.invoice_id = *invoices->patient_invoice;
  pay.tender.cash = 250000;
  auto intent = record_intent(db, pay, 0, desk);
  REQUIRE_MESSAGE(intent, (intent ? "" : intent.error().message));
  REQUIRE(mark_registered(db, intent->id, {1, "1234567890", 1}, desk));
  auto invoice = load_invoice(db, *invoices->patient_invoice);
  REQUIRE(invoice);
  CHECK(invoice->total == 250000);
  CHECK(invoice->due() == 0);
}

#ifdef REGISTRATURA_CLI
TEST_CASE("a clinic moves in through the CLI: init, the manager, the price list, the patient base, a backup, a restore") {
  test::TempDir dir;
  const std::string db_path = dir.file("clinic.db");
  auto cli = [&](const std::string& args, const std::string& stdin_text = "") {
    const std::string out = dir.file("cli.out"), in = dir.file("cli.in");
    std::ofstream(in) << stdin_text;
    const std::string cmd = std::string(REGISTRATURA_CLI) + " " + args + " --db '" + db_path + "' < '" + in + "' > '" +
                            out + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    std::ifstream f(out);
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    return std::pair<int, std::string>(WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, text);
  };
  auto [rc, out] = cli("init --clinic 'ООО «Клиника Здоровье»'");
  REQUIRE_MESSAGE(rc == 0, out);
  CHECK(cli("init --clinic 'Ещё одна'").first != 0);  // never over an existing database
  std::tie(rc, out) = cli("user-add --login orlova --name 'Орлова Ирина Викторовна' --role manager", "a-good-password\n");
  REQUIRE_MESSAGE(rc == 0, out);

  const std::string prices = dir.file("prices.csv");
  std::ofstream(prices) << "Код;Наименование;Длительность, мин;Цена, ₽\r\n"
                           "B01.047.001;Приём (осмотр, консультация) врача-терапевта первичный;30;2 500,00\r\n"
                           "B01.047.002;\"Приём врача-терапевта повторный; с результатами анализов\";20;1 800,00\r\n";
  std::tie(rc, out) = cli("prices import '" + prices + "' --from 2030-01-01");
  REQUIRE_MESSAGE(rc == 0, out);

  const std::string patients = dir.file("patients.csv");
  std::ofstream(patients) << "№ карты;ФИО;Дата рождения;Телефон\n"
                             "7001;Кузьмин Олег Ильич;02.04.1979;8 (916) 555-12-34\n"
                             "7002;Белова Анна Сергеевна;15.11.1990;+7 925 555-00-11\n"
                             "7003;Белова Анна Сергеевна;15.11.1990;+7 925 555-00-11\n";  // the same person twice
  std::tie(rc, out) = cli("import-patients '" + patients + "' --duplicates skip");
  REQUIRE_MESSAGE(rc == 0, out);

  const std::string copies = dir.file("copies");
  std::tie(rc, out) = cli("backup --to '" + copies + "'");
  REQUIRE_MESSAGE(rc == 0, out);
  std::string copy;
  for (const auto& e : std::filesystem::directory_iterator(copies)) copy = e.path().string();
  REQUIRE_FALSE(copy.empty());
  {
    auto db = open_clinic_database(db_path);
    REQUIRE(db);
    CHECK(*db->query_int("SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id "
                         "WHERE u.login = 'orlova' AND r.role = 'manager'") == 1);
    CHECK(*db->query_int("SELECT count(*) FROM services") == 2);
    CHECK(*db->query_int("SELECT price_kopecks FROM service_prices p JOIN services s ON s.id = p.service_id "
                         "WHERE s.code = 'B01.047.002'") == 180000);
    CHECK(*db->query_int("SELECT count(*) FROM patients") == 2);  // the repeated line skipped
    CHECK(*db->query_int("SELECT count(*) FROM patients WHERE card_no = '7001'") == 1);
    // A mistake after the backup: the restore brings the copy back.
    REQUIRE(db->exec("DELETE FROM patient_phones; DELETE FROM patient_name_keys; DELETE FROM patients"));
  }
  std::tie(rc, out) = cli("restore --from '" + copy + "'");
  REQUIRE_MESSAGE(rc == 0, out);
  auto db = open_clinic_database(db_path);
  REQUIRE(db);
  CHECK(*db->query_int("SELECT count(*) FROM patients") == 2);
}
#endif
