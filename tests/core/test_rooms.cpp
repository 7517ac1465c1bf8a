// Rooms kept by the manager: created and edited with what changed audited, never two with one
// number, and never made inactive while a doctor, a schedule or a booked visit still uses them.
#include <doctest/doctest.h>

#include "clinic.h"
#include "clinic_fixture.h"
#include "rooms.h"

using namespace rg;
using namespace rg::db;

TEST_CASE_FIXTURE(test::ClinicFixture, "rooms: made and edited by who may, one number once, every change audited") {
  const Actor manager = Actor::system("test");  // the CLI's rights; the desk's manager is checked below
  RoomDraft d{" 203 ", "Процедурный", 2, "2 этаж, направо от лифта", "кушетка, холодильник"};
  CHECK(create_room(db, d, Actor::user(1)).error().code == ErrorCode::Forbidden);  // an administrator
  auto id = create_room(db, d, manager);
  REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  CHECK(create_room(db, {"203", "Ещё один", {}, "", ""}, manager).error().message == "There is already a room 203.");
  CHECK_FALSE(create_room(db, {"  ", "Без номера", {}, "", ""}, manager));
  CHECK_FALSE(create_room(db, {"999", "Крыша", 900, "", ""}, manager));
  d.location = "2 этаж, налево";
  REQUIRE(update_room(db, *id, d, manager));
  auto st = db.prepare("SELECT details FROM audit_log WHERE action = 'room.update'");
  REQUIRE(st);
  REQUIRE(*st->step());
  CHECK(st->col_text(0).find("направо от лифта → 2 этаж, налево") != std::string::npos);
  CHECK(update_room(db, *id, {"101", "", {}, "", ""}, manager).error().message == "There is already a room 101.");
  auto cards = list_room_cards(db, at(600));
  REQUIRE(cards);
  REQUIRE(cards->size() == 3);
  CHECK(cards->back().room.number == "203");
  CHECK(cards->back().room.floor == 2);
  CHECK(cards->back().room.equipment == "кушетка, холодильник");
}

TEST_CASE_FIXTURE(test::ClinicFixture, "a room still used is not made inactive, and says by what") {
  const Actor manager = Actor::system("test");
  const auto patient = add_patient("Иванова", "Анна", "Петровна");
  REQUIRE(book(patient, doctor2, room1, 600, 630));  // room 101 is also doctor 1's default room
  auto refused = set_room_active(db, room1, false, at(540), manager);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::Conflict);
  CHECK(refused.error().message.find("1 doctor(s)") != std::string::npos);
  CHECK(refused.error().message.find("1 appointment(s) to come") != std::string::npos);
  // After the visit is over and the doctor has another room, it may go.
  REQUIRE(db.exec("UPDATE doctors SET default_room_id = 2 WHERE id = 1"));
  REQUIRE(set_room_active(db, room1, false, at(700), manager));
  auto rooms = list_rooms(db);
  REQUIRE(rooms);
  CHECK(rooms->size() == 1);  // the booking lists only active rooms
  auto cards = list_room_cards(db, at(700));
  REQUIRE(cards);
  CHECK(cards->back().active == false);  // kept, with its history
  REQUIRE(set_room_active(db, room1, true, at(700), manager));
  CHECK(list_rooms(db)->size() == 2);
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action IN ('room.deactivate', 'room.activate')") == 2);
}
