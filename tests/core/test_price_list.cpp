// The price list as the booking panel reads it: the doctor's usual services first, the desk's
// search by code or by words of the name.
#include <doctest/doctest.h>

#include "clinic_fixture.h"
#include "price_list.h"

using namespace rg;
using namespace rg::db;

TEST_CASE("the doctor's services come in the order he does them most, then by name") {
  test::ClinicFixture f;
  REQUIRE(f.db.exec(
      "INSERT INTO specialties(id, name) VALUES (1, 'терапевт'), (2, 'кардиолог');"
      "INSERT INTO doctor_specialties(doctor_id, specialty_id) VALUES (1, 1);"
      "INSERT INTO services(id, code, name, short_name, specialty_id, duration_min) VALUES "
      "(1, 'B01.047.001', 'Приём (осмотр, консультация) врача-терапевта первичный', 'Первичный приём', 1, 30),"
      "(2, 'B01.047.002', 'Приём (осмотр, консультация) врача-терапевта повторный', 'Повторный приём', 1, 30),"
      "(3, 'A05.10.006', 'Регистрация электрокардиограммы', 'ЭКГ', 1, 15),"
      "(4, 'B01.015.001', 'Приём (осмотр, консультация) врача-кардиолога первичный', '', 2, 30);"
      "INSERT INTO service_prices VALUES (1, '2030-01-01', 220000), (3, '2030-01-01', 90000);"));
  auto p = f.add_patient("Иванова", "Анна");
  // Last month: two ECGs and one repeat visit; a cancelled ECG does not count.
  const Date day(2030, 6, 3);
  auto booked = [&](int offset_days, std::int64_t service, bool cancel = false) {
    auto id = f.book(p, f.doctor1, f.room1, 600, 615, day.plus_days(-offset_days));
    REQUIRE(id);
    REQUIRE(f.db.exec("INSERT INTO appointment_services VALUES (" + std::to_string(*id) + ", " +
                      std::to_string(service) + ", 1, 0)"));
    if (cancel)
      REQUIRE(f.db.exec("UPDATE appointments SET status = 'cancelled', cancel_reason = 'x' WHERE id = " +
                        std::to_string(*id)));
  };
  booked(3, 3);
  booked(4, 3);
  booked(5, 2);
  booked(6, 2, true);
  booked(7, 2, true);
  booked(400, 2);  // more than a year ago
  auto offers = services_for_doctor(f.db, f.doctor1, day);
  REQUIRE(offers);
  REQUIRE(offers->size() == 3);  // the cardiologist's visit is not his
  CHECK((*offers)[0].code == "A05.10.006");
  CHECK((*offers)[0].uses == 2);
  CHECK((*offers)[1].code == "B01.047.002");
  CHECK((*offers)[1].uses == 1);
  CHECK((*offers)[2].code == "B01.047.001");
  CHECK((*offers)[2].shown_name() == "Первичный приём");
  CHECK((*offers)[0].price_kopecks == 90000);
  CHECK_FALSE((*offers)[1].price_kopecks.has_value());  // no price in force: shown as such
}

TEST_CASE("a service is found by its code's start or by words of its names, in any case") {
  ServiceOffer s;
  s.code = "A05.10.006";
  s.name = "Регистрация электрокардиограммы";
  s.short_name = "ЭКГ";
  CHECK(s.matches(""));
  CHECK(s.matches("a05"));
  CHECK(s.matches("A05.10"));
  CHECK(s.matches("экг"));
  CHECK(s.matches("электрокардио"));
  CHECK(s.matches("  РЕГИСТРАЦИЯ   экг "));
  CHECK_FALSE(s.matches("10.006"));  // a code is typed from its start
  CHECK_FALSE(s.matches("узи"));
  CHECK_FALSE(s.matches("экг узи"));  // every word must be there
}
