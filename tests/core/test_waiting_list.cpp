// The waiting list: entries that fit a freed time are offered best first; booking one closes it.
#include <doctest/doctest.h>

#include "appointment_changes.h"
#include "clinic_fixture.h"
#include "waiting_list.h"

using namespace rg;
using namespace rg::db;

namespace {

struct WaitingFixture : test::ClinicFixture {
  WaitingFixture() {
    REQUIRE(db.exec(
        "INSERT INTO specialties(id, name) VALUES (1, 'терапевт'), (2, 'хирург');"
        "INSERT INTO doctor_specialties VALUES (1, 1), (2, 2);"
        "INSERT INTO services(id, code, name, specialty_id, duration_min) VALUES "
        "(1, 'B01.047.001', 'Приём терапевта', 1, 30), (2, 'A16.07.001', 'Удаление зуба', 2, 60);"));
    // Both doctors work every day 08:00–20:00.
    for (int wd = 1; wd <= 7; ++wd)
      for (int doctor : {1, 2})
        REQUIRE(db.exec("INSERT INTO schedule_rules(doctor_id, weekday, start_min, end_min, valid_from) VALUES (" +
                        std::to_string(doctor) + ", " + std::to_string(wd) + ", 480, 1200, '2020-01-01')"));
  }
  std::int64_t wait(std::int64_t patient, std::optional<std::int64_t> doctor, std::optional<std::int64_t> specialty,
                    int priority = 0, int from_min = 0, int to_min = 1440,
                    std::optional<std::int64_t> service = std::nullopt) {
    WaitingDraft d;
    d.patient_id = patient;
    d.doctor_id = doctor;
    d.specialty_id = specialty;
    d.service_id = service;
    d.from = Date(2030, 6, 1);
    d.to = Date(2030, 6, 30);
    d.time_from_min = from_min;
    d.time_to_min = to_min;
    d.priority = priority;
    auto id = add_waiting(db, d, Actor::user(1));
    REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
    return *id;
  }
};

}  // namespace

TEST_CASE_FIXTURE(WaitingFixture, "a freed time offers the entries that fit it, urgent and named doctor first") {
  auto p1 = add_patient("Алексеева", "Анна");
  auto p2 = add_patient("Борисов", "Борис", "", Date(1970, 1, 2), "", 'M');
  auto p3 = add_patient("Васильева", "Вера");
  auto p4 = add_patient("Григорьев", "Глеб", "", Date(1980, 1, 2), "", 'M');
  auto p5 = add_patient("Дмитриева", "Дарья");
  auto p6 = add_patient("Егоров", "Егор", "", Date(1990, 1, 2), "", 'M');
  auto by_specialty = wait(p1, std::nullopt, 1);
  auto by_doctor = wait(p2, doctor1, std::nullopt);
  auto urgent = wait(p3, std::nullopt, 1, 2);
  wait(p4, std::nullopt, 2);                      // a surgeon: never for a therapist
  wait(p5, std::nullopt, 1, 0, 14 * 60, 18 * 60);  // afternoons only
  wait(p6, std::nullopt, std::nullopt, 0, 0, 1440, 2);  // a 60-minute surgical service

  // Doctor 1 (therapist), 10:00–10:30 on a day in range.
  auto fits = waiting_for_gap(db, doctor1, at(600), at(630));
  REQUIRE(fits);
  REQUIRE(fits->size() == 3);
  CHECK((*fits)[0].id == urgent);
  CHECK((*fits)[1].id == by_doctor);
  CHECK((*fits)[2].id == by_specialty);
  CHECK((*fits)[1].wants == "Петрова А. С.");
  // Outside the entries' dates nothing fits.
  CHECK(waiting_for_gap(db, doctor1, at(600, Date(2030, 7, 1)), at(630, Date(2030, 7, 1)))->empty());
  // The afternoon entry fits an afternoon gap; a 20-minute gap is too short for anyone.
  auto afternoon = waiting_for_gap(db, doctor1, at(15 * 60), at(15 * 60 + 30));
  REQUIRE(afternoon);
  CHECK(afternoon->size() == 4);
  CHECK(waiting_for_gap(db, doctor1, at(600), at(620))->empty());
  // The surgeon's 60-minute service needs an hour.
  CHECK(waiting_for_gap(db, doctor2, at(600), at(630))->size() == 1);  // p4 by specialty
  CHECK(waiting_for_gap(db, doctor2, at(600), at(660))->size() == 2);
  // A time outside the doctor's hours is offered to nobody, however well it fits the entries.
  CHECK(waiting_for_gap(db, doctor1, at(20 * 60), at(20 * 60 + 30))->empty());
  CHECK(waiting_for_gap(db, doctor1, at(7 * 60 + 45), at(8 * 60 + 15))->empty());
}

TEST_CASE_FIXTURE(WaitingFixture, "a time that has passed is offered to nobody") {
  auto p = add_patient("Алексеева", "Анна");
  WaitingDraft d;
  d.patient_id = p;
  d.doctor_id = doctor1;
  d.from = today().plus_days(-3);
  d.to = today().plus_days(3);
  REQUIRE(add_waiting(db, d, Actor::user(1)));
  const Date yesterday = today().plus_days(-1), tomorrow = today().plus_days(1);
  CHECK(waiting_for_gap(db, doctor1, at(600, yesterday), at(630, yesterday))->empty());
  CHECK(waiting_for_gap(db, doctor1, at(600, tomorrow), at(630, tomorrow))->size() == 1);
}

TEST_CASE_FIXTURE(WaitingFixture, "booking from the list closes the entry, a taken time keeps it open") {
  auto p1 = add_patient("Алексеева", "Анна");
  auto p2 = add_patient("Борисов", "Борис", "", Date(1970, 1, 2), "", 'M');
  auto entry = wait(p1, doctor1, std::nullopt);
  AppointmentDraft a;
  a.patient_id = p1;
  a.doctor_id = doctor1;
  a.room_id = room1;
  a.start_at = at(600);
  a.end_at = at(630);
  REQUIRE(book(p2, doctor1, room1, 600, 630));
  auto taken = book_from_waiting(db, entry, a, Actor::user(1));
  REQUIRE_FALSE(taken);
  CHECK(taken.error().code == ErrorCode::Conflict);
  CHECK(waiting_list(db, std::nullopt, WaitingOrder::Age)->size() == 1);

  a.start_at = at(700);
  a.end_at = at(730);
  auto id = book_from_waiting(db, entry, a, Actor::user(1));
  REQUIRE(id);
  CHECK(waiting_list(db, std::nullopt, WaitingOrder::Age)->empty());
  CHECK(*db.query_int("SELECT appointment_id FROM waiting_list WHERE id = " + std::to_string(entry)) == *id);
  // The same entry cannot be booked twice.
  a.start_at = at(800);
  a.end_at = at(830);
  auto twice = book_from_waiting(db, entry, a, Actor::user(1));
  REQUIRE_FALSE(twice);
  CHECK(twice.error().code == ErrorCode::NotFound);
}

TEST_CASE_FIXTURE(WaitingFixture, "who waits for a doctor, by priority or by age, bad entries refused") {
  auto p1 = add_patient("Алексеева", "Анна");
  auto p2 = add_patient("Борисов", "Борис", "", Date(1970, 1, 2), "", 'M');
  auto p3 = add_patient("Васильева", "Вера");
  auto old_one = wait(p1, std::nullopt, 1);
  auto urgent = wait(p2, doctor1, std::nullopt, 2);
  wait(p3, doctor2, std::nullopt);
  auto for_doctor1 = waiting_list(db, doctor1, WaitingOrder::Priority);
  REQUIRE(for_doctor1);
  REQUIRE(for_doctor1->size() == 2);
  CHECK((*for_doctor1)[0].id == urgent);
  auto by_age = waiting_list(db, doctor1, WaitingOrder::Age);
  CHECK((*by_age)[0].id == old_one);
  CHECK(waiting_list(db, std::nullopt, WaitingOrder::Age)->size() == 3);
  REQUIRE(remove_waiting(db, old_one, Actor::user(1)));
  CHECK(waiting_list(db, doctor1, WaitingOrder::Age)->size() == 1);

  WaitingDraft nothing;
  nothing.patient_id = p1;
  nothing.from = Date(2030, 6, 1);
  nothing.to = Date(2030, 6, 2);
  auto r = add_waiting(db, nothing, Actor::user(1));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Invalid);
}
