// The visit's statuses, cancellation and moves: legal steps pass and are audited, illegal ones
// are refused by the schema whoever writes, overlaps on a move name the holder.
#include <doctest/doctest.h>

#include <algorithm>

#include "appointment_changes.h"
#include "clinic_fixture.h"

using namespace rg;
using namespace rg::db;

namespace {

AppointmentStatus status_of(test::ClinicFixture& f, std::int64_t id) {
  auto a = load_appointment(f.db, id);
  REQUIRE(a);
  return a->status;
}

}  // namespace

TEST_CASE("the visit goes booked → confirmed → arrived → in room → done, each step audited") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна", "Петровна");
  auto id = f.book(anna, f.doctor1, f.room1, 600, 630);
  REQUIRE(id);
  using S = AppointmentStatus;
  for (S s : {S::Confirmed, S::Arrived, S::InRoom, S::Done}) {
    auto r = set_status(f.db, *id, s, Actor::user(1));
    REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
    CHECK(status_of(f, *id) == s);
  }
  auto h = appointment_history(f.db, *id);
  REQUIRE(h);
  REQUIRE(h->size() == 5);  // booked + four status changes
  CHECK((*h)[0].action == "appointment.book");
  CHECK((*h)[1].action == "appointment.status");
  CHECK((*h)[1].actor == "user:1");
  CHECK((*h)[1].details.find("\"to\":\"confirmed\"") != std::string::npos);
  CHECK((*h)[4].details.find("\"from\":\"in_room\"") != std::string::npos);
}

TEST_CASE("every transition the menu offers is accepted, every other one refused") {
  using S = AppointmentStatus;
  const S all[] = {S::Booked, S::Confirmed, S::Arrived, S::InRoom, S::Done, S::NoShow, S::Cancelled};
  for (S from : all) {
    auto allowed = next_statuses(from);
    for (S to : all) {
      if (to == from) continue;
      test::ClinicFixture f;
      auto p = f.add_patient("Иванова", "Анна");
      // An appointment already in `from`, written directly as any process could.
      auto insert = f.db.prepare("INSERT INTO appointments(patient_id, doctor_id, room_id, start_at, end_at, "
                                 "status, visit_kind, channel, cancel_reason, created_at, updated_at) VALUES (" +
                                 std::to_string(p) + ", 1, 1, " + std::to_string(f.at(600)) + ", " +
                                 std::to_string(f.at(630)) + ", '" + to_db(from) +
                                 "', 'first', 'phone', 'x', 0, 0) RETURNING id");
      REQUIRE(insert);
      auto inserted = insert->exec_returning_id();
      REQUIRE(inserted);
      auto id = std::optional<std::int64_t>(*inserted);
      bool ok = to == S::Cancelled ? cancel_appointment(f.db, *id, "причина", Actor::user(1)).has_value()
                                   : set_status(f.db, *id, to, Actor::user(1)).has_value();
      bool expected = std::find(allowed.begin(), allowed.end(), to) != allowed.end();
      INFO(to_db(from), " → ", to_db(to));
      CHECK(ok == expected);
      CHECK(status_of(f, *id) == (expected ? to : from));
    }
  }
}

TEST_CASE("illegal steps are refused in words, and by the schema for any writer") {
  test::ClinicFixture f;
  auto p = f.add_patient("Иванова", "Анна");
  auto id = f.book(p, f.doctor1, f.room1, 600, 630);
  REQUIRE(id);
  auto r = set_status(f.db, *id, AppointmentStatus::Done, Actor::user(1));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Invalid);
  CHECK(r.error().message.find("«") != std::string::npos);  // names both statuses
  CHECK(status_of(f, *id) == AppointmentStatus::Booked);
  // Straight SQL from another program is refused the same way.
  CHECK_FALSE(f.db.exec("UPDATE appointments SET status = 'done' WHERE id = " + std::to_string(*id)));
  // A cancellation without a reason too.
  CHECK_FALSE(f.db.exec("UPDATE appointments SET status = 'cancelled' WHERE id = " + std::to_string(*id)));
  auto c = cancel_appointment(f.db, *id, "   ", Actor::user(1));
  REQUIRE_FALSE(c);
  CHECK(c.error().code == ErrorCode::Invalid);
  CHECK(status_of(f, *id) == AppointmentStatus::Booked);
}

TEST_CASE("a cancellation keeps its reason and frees the time, restoring it is checked") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна");
  auto boris = f.add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  auto id = f.book(anna, f.doctor1, f.room1, 600, 630);
  REQUIRE(id);
  REQUIRE(cancel_appointment(f.db, *id, "  Пациент   заболел ", Actor::user(2)));
  auto a = load_appointment(f.db, *id);
  REQUIRE(a);
  CHECK(a->status == AppointmentStatus::Cancelled);
  CHECK(a->cancel_reason == "Пациент заболел");
  REQUIRE(f.book(boris, f.doctor1, f.room1, 600, 630));
  auto back = set_status(f.db, *id, AppointmentStatus::Booked, Actor::user(2));
  REQUIRE_FALSE(back);
  CHECK(back.error().code == ErrorCode::Conflict);
  CHECK(back.error().message.find("Петров Б.") != std::string::npos);
}

TEST_CASE("a move frees the old time, keeps the patient and services, and refuses a taken slot") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна");
  auto boris = f.add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  auto id = f.book(anna, f.doctor1, f.room1, 600, 630);
  auto other = f.book(boris, f.doctor2, f.room2, 700, 730);
  REQUIRE(id);
  REQUIRE(other);
  // Onto Boris's time with his doctor: refused, naming him.
  auto r = move_appointment(f.db, *id, {f.doctor2, f.room2, f.at(710), f.at(740)}, Actor::user(1));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Conflict);
  CHECK(r.error().message.find("Петров Б.") != std::string::npos);
  // Overlapping its own old time is fine: it is the same appointment.
  REQUIRE(move_appointment(f.db, *id, {f.doctor1, f.room1, f.at(615), f.at(645)}, Actor::user(1)));
  REQUIRE(move_appointment(f.db, *id, {f.doctor2, f.room2, f.at(800), f.at(830)}, Actor::user(1)));
  auto a = load_appointment(f.db, *id);
  REQUIRE(a);
  CHECK(a->doctor_id == f.doctor2);
  CHECK(a->patient_id == anna);
  CHECK(a->start_at == f.at(800));
  // The old time is free for someone else.
  CHECK(f.book(boris, f.doctor1, f.room1, 600, 630).has_value());
  // A finished visit stays where it was.
  REQUIRE(f.db.exec("UPDATE appointments SET status = 'arrived' WHERE id = " + std::to_string(*other)));
  REQUIRE(f.db.exec("UPDATE appointments SET status = 'done' WHERE id = " + std::to_string(*other)));
  auto done = move_appointment(f.db, *other, {f.doctor2, f.room2, f.at(900), f.at(930)}, Actor::user(1));
  REQUIRE_FALSE(done);
  CHECK(done.error().code == ErrorCode::Invalid);
}
