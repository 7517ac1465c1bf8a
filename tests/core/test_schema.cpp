// Invariants that live in the schema: no overlaps, append-only audit, price history, checks.
#include <doctest/doctest.h>

#include "clinic_fixture.h"
#include "text.h"

using namespace rg;
using namespace rg::db;

TEST_CASE("a doctor cannot have two active appointments at once") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна");
  auto boris = f.add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  REQUIRE(f.book(anna, f.doctor1, f.room1, 600, 630));
  auto clash = f.book(boris, f.doctor1, f.room2, 615, 645);
  REQUIRE_FALSE(clash.has_value());
  CHECK(clash.error().code == ErrorCode::Conflict);
  // The message names who holds the time, masked, and where that booking came from.
  CHECK(clash.error().message.find("Иванова А.") != std::string::npos);
  CHECK(clash.error().message.find("10:00") != std::string::npos);
  // Back to back is fine.
  CHECK(f.book(boris, f.doctor1, f.room1, 630, 660).has_value());
  CHECK(f.book(boris, f.doctor2, f.room2, 540, 600).has_value());
}

TEST_CASE("a room and a patient cannot be double-booked either") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна");
  auto boris = f.add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  REQUIRE(f.book(anna, f.doctor1, f.room1, 600, 630));
  auto room_clash = f.book(boris, f.doctor2, f.room1, 610, 620);
  REQUIRE_FALSE(room_clash);
  CHECK(room_clash.error().code == ErrorCode::Conflict);
  CHECK(room_clash.error().detail.find("overlap:room") != std::string::npos);
  auto patient_clash = f.book(anna, f.doctor2, f.room2, 620, 640);
  REQUIRE_FALSE(patient_clash);
  CHECK(patient_clash.error().detail.find("overlap:patient") != std::string::npos);
  // No room at all (a remote consultation) still checks doctor and patient.
  CHECK_FALSE(f.book(anna, f.doctor2, std::nullopt, 600, 610).has_value());
  CHECK(f.book(boris, f.doctor2, std::nullopt, 600, 610).has_value());
}

TEST_CASE("cancelled and no-show appointments free their time, reviving one is checked") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна");
  auto boris = f.add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  auto first = f.book(anna, f.doctor1, f.room1, 600, 630);
  REQUIRE(first);
  REQUIRE(f.db.exec("UPDATE appointments SET status = 'cancelled', cancel_reason = 'болеет' WHERE id = " +
                    std::to_string(*first)));
  auto second = f.book(boris, f.doctor1, f.room1, 600, 630);
  REQUIRE(second);
  // Un-cancelling the first would overlap the second: the database refuses, whoever asks.
  auto revive = f.db.exec("UPDATE appointments SET status = 'booked' WHERE id = " + std::to_string(*first));
  REQUIRE_FALSE(revive);
  CHECK(revive.error().code == ErrorCode::Conflict);
  // Moving an appointment onto another is refused by the update trigger.
  auto third = f.book(anna, f.doctor1, f.room1, 700, 730);
  REQUIRE(third);
  CHECK_FALSE(f.db.exec("UPDATE appointments SET start_at = start_at - 5400, end_at = end_at - 5400 "
                        "WHERE id = " + std::to_string(*third)).has_value());
  // Moving it to a free time works.
  CHECK(f.db.exec("UPDATE appointments SET start_at = start_at + 3600, end_at = end_at + 3600 "
                  "WHERE id = " + std::to_string(*third)).has_value());
}

TEST_CASE("appointments must end after they start and last at most 12 hours") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна");
  auto r = f.book(anna, f.doctor1, f.room1, 600, 600);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Invalid);
  CHECK_FALSE(f.book(anna, f.doctor1, f.room1, 0, 13 * 60));
  // The schema refuses it too, without the C++ check.
  CHECK_FALSE(f.db.exec("INSERT INTO appointments(patient_id, doctor_id, start_at, end_at, visit_kind, "
                        "channel, created_at, updated_at) VALUES (1, 1, 100, 50, 'first', 'phone', 0, 0)"));
}

TEST_CASE("the audit log is append-only") {
  test::ClinicFixture f;
  f.add_patient("Иванова", "Анна");
  CHECK(*f.db.query_int("SELECT count(*) FROM audit_log WHERE action = 'patient.create'") == 1);
  auto upd = f.db.exec("UPDATE audit_log SET actor = 'someone else'");
  REQUIRE_FALSE(upd);
  CHECK(upd.error().detail.find("append-only") != std::string::npos);
  CHECK_FALSE(f.db.exec("DELETE FROM audit_log"));
  CHECK(*f.db.query_int("SELECT count(*) FROM audit_log") == 1);
  CHECK(f.db.exec("INSERT INTO audit_log(at_ms, actor, action, entity) VALUES (1, 'user:1', 'x', 'y')"));
  CHECK_FALSE(f.db.exec("INSERT INTO audit_log(at_ms, actor, action, entity, details) "
                        "VALUES (1, 'user:1', 'x', 'y', 'not json')"));
}

TEST_CASE("prices in force are history: no edits, no deletions") {
  test::ClinicFixture f;
  REQUIRE(f.db.exec("INSERT INTO services(code, name, duration_min) VALUES ('B01.047.001', 'Приём терапевта', 30);"
                    "INSERT INTO service_prices VALUES (1, '2024-01-01', 150000);"
                    "INSERT INTO service_prices VALUES (1, '2099-01-01', 170000);"));
  CHECK_FALSE(f.db.exec("UPDATE service_prices SET price_kopecks = 1"));
  CHECK_FALSE(f.db.exec("DELETE FROM service_prices WHERE active_from = '2024-01-01'"));
  CHECK(f.db.exec("DELETE FROM service_prices WHERE active_from = '2099-01-01'"));  // not in force yet
  CHECK_FALSE(f.db.exec("INSERT INTO services(code, name, duration_min) VALUES ('XYZ', 'x', 30)"));
  CHECK_FALSE(f.db.exec("INSERT INTO service_prices VALUES (1, '2025-02-30', 1)"));  // no such date
  CHECK_FALSE(f.db.exec("INSERT INTO service_prices VALUES (1, '2025-03-01', -5)"));
}

TEST_CASE("patient rows keep their checks: ENP, SNILS, unique card and policy") {
  test::ClinicFixture f;
  PatientDraft p;
  p.surname = "Иванова";
  p.name = "Анна";
  p.birth_date = Date(1985, 3, 12);
  p.oms_enp = "123";
  auto bad = create_patient(f.db, p, Actor::system("test"));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::Invalid);
  p.oms_enp = "1234567890123456";
  p.snils = "11223344596";  // wrong check number
  CHECK_FALSE(create_patient(f.db, p, Actor::system("test")));
  p.snils = "11223344595";
  auto ok = create_patient(f.db, p, Actor::system("test"));
  REQUIRE_MESSAGE(ok, (ok ? "" : ok.error().message));
  p.snils.reset();
  auto dup = create_patient(f.db, p, Actor::system("test"));  // same ENP
  REQUIRE_FALSE(dup);
  CHECK(dup.error().code == ErrorCode::Conflict);
  CHECK(dup.error().message.find("OMS") != std::string::npos);
  p.oms_enp.reset();
  p.birth_date = today().plus_days(1);
  CHECK_FALSE(create_patient(f.db, p, Actor::system("test")));
  p.birth_date = Date(1985, 3, 12);
  p.phones = {{"12", "mobile"}};
  CHECK_FALSE(create_patient(f.db, p, Actor::system("test")));
}

TEST_CASE("the day grid shows hours, breaks, days off and appointments with masked names") {
  test::ClinicFixture f;
  Date day(2030, 6, 3);  // a Monday
  REQUIRE(day.iso_weekday() == 1);
  REQUIRE(f.db.exec("INSERT INTO schedule_rules(doctor_id, weekday, start_min, end_min, kind, room_id, valid_from) VALUES "
                    "(1, 1, 540, 1080, 'work', 1, '2030-01-01'), (1, 1, 780, 840, 'break', NULL, '2030-01-01'),"
                    "(2, 1, 540, 900, 'work', 2, '2030-01-01');"
                    "INSERT INTO schedule_days(doctor_id, day, kind) VALUES (2, '2030-06-03', 'off');"));
  auto anna = f.add_patient("Иванова", "Анна", "Петровна");
  REQUIRE(f.book(anna, f.doctor1, f.room1, 600, 630, day));
  auto g = load_day_grid(f.db, day);
  REQUIRE(g);
  REQUIRE(g->doctors.size() == 2);
  CHECK(g->doctors[0].short_name == "Петрова А. С.");
  REQUIRE(g->doctors[0].work.size() == 1);
  CHECK(g->doctors[0].work[0].start_min == 540);
  REQUIRE(g->doctors[0].breaks.size() == 1);
  CHECK(g->doctors[0].breaks[0].start_min == 780);
  CHECK_FALSE(g->doctors[0].day_off);
  CHECK(g->doctors[1].day_off);
  REQUIRE(g->appointments.size() == 1);
  CHECK(g->appointments[0].patient_short == "Иванова А. П.");
  CHECK(g->appointments[0].start_min == 600);
  CHECK(g->appointments[0].end_min == 630);
  CHECK(g->appointments[0].first_visit);
  CHECK(g->appointments[0].room == "101");
  // The next day has no rule for Tuesday: everyone is off.
  auto tue = load_day_grid(f.db, day.plus_days(1));
  REQUIRE(tue);
  CHECK(tue->doctors[0].day_off);
  CHECK(tue->appointments.empty());
}

TEST_CASE("first visit is derived from history") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна");
  REQUIRE(f.book(anna, f.doctor1, f.room1, 600, 630));
  REQUIRE(f.book(anna, f.doctor2, f.room2, 700, 730));
  auto st = f.db.prepare("SELECT visit_kind FROM appointments ORDER BY start_at");
  REQUIRE(*st->step());
  CHECK(st->col_text(0) == "first");
  REQUIRE(*st->step());
  CHECK(st->col_text(0) == "repeat");
}

TEST_CASE("the grid's cached label and summary follow the patient and the services") {
  test::ClinicFixture f;
  REQUIRE(f.db.exec("INSERT INTO services(code, name, duration_min) VALUES "
                    "('B01.047.001', 'Приём терапевта', 30), ('A05.10.006', 'ЭКГ', 15)"));
  auto anna = f.add_patient("иванова ", "анна", "петровна");  // typed in lower case
  auto p = get_patient(f.db, anna);
  REQUIRE(p);
  CHECK(p->surname == "Иванова");
  CHECK(p->name == "Анна");
  AppointmentDraft a;
  a.patient_id = anna;
  a.doctor_id = f.doctor1;
  a.start_at = test::ClinicFixture::at(600);
  a.end_at = a.start_at + 1800;
  a.service_ids = {1, 2};
  REQUIRE(book_appointment(f.db, a, Actor::system("test")));
  auto grid = [&] {
    auto g = load_day_grid(f.db, Date(2030, 6, 3));
    REQUIRE(g);
    REQUIRE(g->appointments.size() == 1);
    return g->appointments[0];
  };
  CHECK(grid().patient_short == masked_name(p->surname, p->name, p->patronymic));
  CHECK(grid().service == "Приём терапевта +1");
  PatientDraft renamed = *p;
  renamed.surname = "Петрова";
  REQUIRE(update_patient(f.db, anna, renamed, Actor::system("test")));
  CHECK(grid().patient_short == "Петрова А. П.");
  // Any writer, not only the core: the trigger keeps the label.
  REQUIRE(f.db.exec("UPDATE patients SET name = 'Мария' WHERE id = " + std::to_string(anna)));
  CHECK(grid().patient_short == "Петрова М. П.");
  REQUIRE(f.db.exec("DELETE FROM appointment_services WHERE service_id = 1"));
  CHECK(grid().service == "ЭКГ");
}

TEST_CASE("a service's short name is what the grid shows, the full name stays for the documents") {
  test::ClinicFixture f;
  REQUIRE(f.db.exec("INSERT INTO services(code, name, short_name, duration_min) VALUES "
                    "('B01.047.001', 'Приём (осмотр, консультация) врача-терапевта первичный', 'Первичный приём', 30),"
                    "('A05.10.006', 'Регистрация электрокардиограммы', '', 15)"));
  auto anna = f.add_patient("Иванова", "Анна", "Петровна");
  AppointmentDraft a;
  a.patient_id = anna;
  a.doctor_id = f.doctor1;
  a.start_at = test::ClinicFixture::at(600);
  a.end_at = a.start_at + 1800;
  a.service_ids = {1};
  REQUIRE(book_appointment(f.db, a, Actor::system("test")));
  auto g = load_day_grid(f.db, Date(2030, 6, 3));
  REQUIRE(g);
  REQUIRE(g->appointments.size() == 1);
  CHECK(g->appointments[0].service == "Первичный приём");
  a.start_at += 3600;
  a.end_at += 3600;
  a.service_ids = {2};
  REQUIRE(book_appointment(f.db, a, Actor::system("test")));
  g = load_day_grid(f.db, Date(2030, 6, 3));
  CHECK(g->appointments[1].service == "Регистрация электрокардиограммы");  // no short name: the name
  CHECK_FALSE(f.db.exec("UPDATE services SET short_name = '" + std::string(61, 'x') + "' WHERE id = 1").has_value());
}
