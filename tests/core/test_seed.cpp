// The demo clinic: plausible, complete, every status present, invariants kept.
#include <doctest/doctest.h>

#include "demo_seed.h"
#include "clinic.h"
#include "migrations.h"
#include "patients.h"
#include "temp_dir.h"

using namespace rg;
using namespace rg::db;

TEST_CASE("the demo clinic has what the desk needs to show") {
  test::TempDir dir;
  auto db = open_clinic_database(dir.file("demo.db"));
  REQUIRE(db);
  auto rep = seed_demo(*db, {});
  REQUIRE_MESSAGE(rep, (rep ? "" : rep.error().message + " " + rep.error().detail));
  CHECK(rep->patients == 2000);
  CHECK(rep->doctors == 12);
  CHECK(rep->appointments > 2000);
  auto clinic = load_clinic(*db);
  REQUIRE(clinic);
  CHECK(clinic->inn.size() == 10);
  CHECK(clinic->ogrn.size() == 13);
  CHECK(*db->query_int("SELECT count(DISTINCT status) FROM appointments") == 7);
  CHECK(*db->query_int("SELECT count(DISTINCT specialty_id) FROM services") >= 10);
  CHECK(*db->query_int("SELECT count(*) FROM patients WHERE surname LIKE '%-%'") > 0);
  CHECK(*db->query_int("SELECT count(*) FROM patients WHERE snils IS NOT NULL") > 500);
  CHECK(*db->query_int(
            "SELECT count(*) FROM appointments a JOIN appointments b ON a.id < b.id "
            "AND a.doctor_id = b.doctor_id AND a.start_at < b.end_at AND b.start_at < a.end_at "
            "AND a.status NOT IN ('cancelled','no_show') AND b.status NOT IN ('cancelled','no_show')") == 0);
  // Every seeded SNILS passes the check-number rule the desk enforces.
  auto st = db->prepare("SELECT snils FROM patients WHERE snils IS NOT NULL");
  int bad = 0;
  while (*st->step())
    if (!snils_valid(st->col_view(0))) ++bad;
  CHECK(bad == 0);
  // A second seed into the same clinic is refused, not duplicated.
  auto again = seed_demo(*db, {});
  REQUIRE_FALSE(again);
  CHECK(*db->query_int("SELECT count(*) FROM patients") == 2000);
}

TEST_CASE("the same seed gives the same clinic") {
  test::TempDir dir;
  auto a = open_clinic_database(dir.file("a.db"));
  auto b = open_clinic_database(dir.file("b.db"));
  REQUIRE(seed_demo(*a, {.patients = 300, .doctors = 4, .days = 7}));
  REQUIRE(seed_demo(*b, {.patients = 300, .doctors = 4, .days = 7}));
  auto sig = [](Database& d) {
    auto st = d.prepare("SELECT group_concat(surname || name || birth_date, ',') FROM patients");
    REQUIRE(*st->step());
    return st->col_text(0);
  };
  CHECK(sig(*a) == sig(*b));
}

TEST_CASE("a demo clinic keeps its own clock, inside clinic hours, and a real clinic the real one") {
  test::TempDir dir;
  {
    auto db = open_clinic_database(dir.file("demo.db"));
    REQUIRE(db);
    REQUIRE(seed_demo(*db, {.patients = 400, .doctors = 6, .days = 3}));
    CHECK(clock_offset() == 0);  // the seeding gave the caller's clock back
  }
  // Any process opening the demo runs the demo's clock: today, between 10:40 and 13:40, where
  // the seeded patients are waiting and in the room.
  auto demo = open_clinic(dir.file("demo.db"));
  REQUIRE(demo);
  const LocalTime now = to_local(now_unix());
  CHECK(now.minutes >= 10 * 60 + 40);
  CHECK(now.minutes <= 13 * 60 + 41);
  CHECK(*demo->query_int("SELECT count(*) FROM appointments WHERE status IN ('arrived', 'in_room', 'done') "
                         "AND start_at BETWEEN " + std::to_string(to_unix(now.date, 0)) + " AND " +
                         std::to_string(now_unix())) > 0);
  // Nothing seeded today lies in the future of the demo's clock as done.
  CHECK(*demo->query_int("SELECT count(*) FROM appointments WHERE status = 'done' AND end_at > " +
                         std::to_string(now_unix())) == 0);
  // A clinic that was not seeded has no such setting: the real clock.
  auto real = open_clinic(dir.file("real.db"));
  REQUIRE(real);
  CHECK(clock_offset() == 0);
  // Opened again on a later day: still the demo's day, a morning in progress, set once for that
  // day (every process opening it then agrees).
  const Date demo_day = now.date;
  REQUIRE(set_setting(*demo, "demo.clock_day", "2001-01-01"));
  set_clock_offset(0);
  auto later = use_demo_clock(*demo);
  REQUIRE(later);
  const LocalTime again = to_local(now_unix());
  CHECK(again.date == demo_day);
  CHECK(again.minutes >= 10 * 60 + 40);
  CHECK(again.minutes <= 13 * 60 + 41);
  CHECK(*get_setting(*demo, "demo.clock_day") != std::optional<std::string>("2001-01-01"));
  REQUIRE(set_setting(*demo, "demo.clock_offset", "0"));  // a second process the same day keeps the stored shift
  set_clock_offset(0);
  CHECK(*use_demo_clock(*demo) == 0);
  // A broken value is refused with a clear error, not read as zero.
  REQUIRE(set_setting(*demo, "demo.clock_offset", "soon"));
  CHECK_FALSE(use_demo_clock(*demo));
  set_clock_offset(0);
}
