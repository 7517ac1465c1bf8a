// A doctor's absence: the days empty in the schedule, the affected appointments listed, each
// handed to a free colleague, moved or cancelled, with a call task — all or nothing.
#include <doctest/doctest.h>

#include "absences.h"
#include "clinic_fixture.h"
#include "hours.h"
#include "tasks.h"

using namespace rg;
using namespace rg::db;

namespace {

// Three therapists on Mondays 9–15 (2030-06-03 is a Monday); doctor 3 in room 3.
struct AbsenceFixture : test::ClinicFixture {
  std::int64_t doctor3 = 3, room3 = 3;
  AbsenceFixture() {
    REQUIRE(db.exec(
        "INSERT INTO rooms(number) VALUES ('103');"
        "INSERT INTO doctors(surname, name, patronymic, position, default_room_id) VALUES "
        "('Волков', 'Андрей', 'Николаевич', 'врач-терапевт', 3);"
        "INSERT INTO specialties(id, name) VALUES (1, 'терапевт'), (2, 'хирург');"
        "INSERT INTO doctor_specialties VALUES (1, 1), (2, 1), (3, 1);"
        "INSERT INTO schedule_rules(doctor_id, weekday, start_min, end_min, room_id, valid_from) VALUES "
        "(1, 1, 540, 900, 1, '2030-01-01'), (2, 1, 540, 900, 2, '2030-01-01'), (3, 1, 540, 900, 3, '2030-01-01');"));
  }
};

}  // namespace

TEST_CASE_FIXTURE(AbsenceFixture, "an absence empties the doctor's days and lists what it affects") {
  auto anna = add_patient("Иванова", "Анна");
  auto boris = add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  REQUIRE(book(anna, doctor1, room1, 600, 630));
  REQUIRE(book(boris, doctor1, room1, 660, 690));
  REQUIRE(book(boris, doctor1, room1, 600, 630, Date(2030, 6, 10)));  // the next Monday: not affected
  auto id = add_absence(db, doctor1, Date(2030, 6, 3), Date(2030, 6, 5), "  больничный ", senior);
  REQUIRE(id);
  auto cal = WorkCalendar::load(db, Date(2030, 6, 3), Date(2030, 6, 10));
  REQUIRE(cal);
  CHECK(cal->hours(doctor1, Date(2030, 6, 3)).day_off);
  CHECK(cal->hours(doctor1, Date(2030, 6, 3)).absence == "больничный");
  CHECK_FALSE(cal->hours(doctor1, Date(2030, 6, 10)).day_off);
  CHECK_FALSE(cal->hours(doctor2, Date(2030, 6, 3)).day_off);
  auto affected = affected_by_absence(db, doctor1, Date(2030, 6, 3), Date(2030, 6, 5));
  REQUIRE(affected);
  REQUIRE(affected->size() == 2);
  CHECK((*affected)[0].patient_id == anna);
  CHECK((*affected)[1].patient_id == boris);
  // Withdrawn, the days come back.
  REQUIRE(withdraw_absence(db, *id, senior));
  auto again = WorkCalendar::load(db, Date(2030, 6, 3), Date(2030, 6, 3));
  REQUIRE(again);
  CHECK_FALSE(again->hours(doctor1, Date(2030, 6, 3)).day_off);
  // A reason is required.
  auto no_reason = add_absence(db, doctor1, Date(2030, 6, 3), Date(2030, 6, 3), " ", senior);
  REQUIRE_FALSE(no_reason);
  CHECK(no_reason.error().code == ErrorCode::Invalid);
}

TEST_CASE_FIXTURE(AbsenceFixture, "substitutes are colleagues of the specialty, working and free, in a free room") {
  auto anna = add_patient("Иванова", "Анна");
  auto boris = add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  auto appt = book(anna, doctor1, room1, 600, 630);
  REQUIRE(appt);
  REQUIRE(book(boris, doctor2, room2, 610, 640));  // doctor 2 is busy then
  REQUIRE(add_absence(db, doctor1, Date(2030, 6, 3), Date(2030, 6, 3), "отпуск", senior));
  auto subs = free_substitutes(db, *appt);
  REQUIRE(subs);
  REQUIRE(subs->size() == 1);
  CHECK((*subs)[0].doctor_id == doctor3);
  CHECK((*subs)[0].room == "103");
  // A surgeon is never offered, nor a therapist outside his hours.
  REQUIRE(db.exec("UPDATE doctor_specialties SET specialty_id = 2 WHERE doctor_id = 3"));
  subs = free_substitutes(db, *appt);
  REQUIRE(subs);
  CHECK(subs->empty());
}

TEST_CASE_FIXTURE(AbsenceFixture, "handing over, moving and cancelling each leave a call task for the patient") {
  auto anna = add_patient("Иванова", "Анна");
  auto boris = add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  auto vera = add_patient("Смирнова", "Вера");
  auto a1 = book(anna, doctor1, room1, 600, 630);
  auto a2 = book(boris, doctor1, room1, 660, 690);
  auto a3 = book(vera, doctor1, room1, 720, 750);
  REQUIRE((a1 && a2 && a3));
  REQUIRE(add_absence(db, doctor1, Date(2030, 6, 3), Date(2030, 6, 3), "болеет", senior));

  auto subs = free_substitutes(db, *a1);
  REQUIRE(subs);
  REQUIRE_FALSE(subs->empty());
  REQUIRE(hand_to_substitute(db, *a1, subs->front(), senior));
  REQUIRE(move_for_absence(db, *a2, {doctor1, room1, at(600, Date(2030, 6, 10)), at(630, Date(2030, 6, 10))},
                           senior));
  REQUIRE(cancel_for_absence(db, *a3, "врач заболел", senior));

  auto tasks = open_tasks(db);
  REQUIRE(tasks);
  REQUIRE(tasks->size() == 3);
  CHECK((*tasks)[0].patient_id == anna);
  CHECK((*tasks)[0].kind == TaskKind::CallReschedule);
  CHECK((*tasks)[0].title.find("03.06.2030 10:00") != std::string::npos);
  CHECK((*tasks)[1].title.find("10.06.2030 10:00") != std::string::npos);
  CHECK((*tasks)[2].kind == TaskKind::CallCancel);
  CHECK((*tasks)[2].patient_name == "Смирнова Вера");
  CHECK(load_appointment(db, *a1)->doctor_id == subs->front().doctor_id);
  CHECK(load_appointment(db, *a3)->status == AppointmentStatus::Cancelled);

  // A task is closed once.
  REQUIRE(close_task(db, (*tasks)[0].id, true, "дозвонились", senior));
  auto again = close_task(db, (*tasks)[0].id, true, "", senior);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::NotFound);
  CHECK(open_tasks(db)->size() == 2);
}

TEST_CASE_FIXTURE(AbsenceFixture, "a failed move leaves neither the change nor the task") {
  auto anna = add_patient("Иванова", "Анна");
  auto boris = add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  auto a1 = book(anna, doctor1, room1, 600, 630);
  REQUIRE(book(boris, doctor2, room2, 600, 630));
  REQUIRE(a1);
  // Onto doctor 2's booked time: the overlap refuses it, and no task is left behind.
  auto r = move_for_absence(db, *a1, {doctor2, room2, at(600), at(630)}, senior);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Conflict);
  CHECK(open_tasks(db)->empty());
  CHECK(load_appointment(db, *a1)->doctor_id == doctor1);
}
