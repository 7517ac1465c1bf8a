// The slot finder («Подобрать время») on small hand-made days: which times it offers, in which
// order, with which scores, and booking a chain all or nothing.
#include <doctest/doctest.h>

#include "clinic.h"
#include "clinic_fixture.h"
#include "migrations.h"
#include "slot_finder.h"

using namespace rg;
using namespace rg::db;

namespace {

const Date kMon(2030, 6, 3), kTue(2030, 6, 4), kWed(2030, 6, 5);

// Specialties 1 терапевт (doctor 1, room 101), 2 кардиолог (doctor 2, room 102), 3 невролог
// (doctor 3, room 103); services 1 «Приём терапевта» 30 min, 2 «ЭКГ» 15 min (кардиолог).
struct SlotClinic : test::ClinicFixture {
  std::int64_t doctor3 = 3, room3 = 3;

  SlotClinic() {
    REQUIRE(db.exec("INSERT INTO specialties(name) VALUES ('терапевт'), ('кардиолог'), ('невролог');"
                    "INSERT INTO rooms(number) VALUES ('103');"
                    "INSERT INTO doctors(surname, name, position, default_room_id) "
                    "VALUES ('Орлова', 'Вера', 'врач-невролог', 3);"
                    "INSERT INTO doctor_specialties VALUES (1, 1), (2, 2), (3, 3);"
                    "INSERT INTO services(code, name, specialty_id, duration_min) VALUES "
                    "('B01.047.001', 'Приём терапевта', 1, 30), ('A05.10.006', 'ЭКГ', 2, 15);"));
  }

  // Weekly hours from 2030-01-01 in the doctor's default room.
  void hours(std::int64_t doctor, int weekday, int from, int to, const char* kind = "work") {
    auto st = db.prepare("INSERT INTO schedule_rules(doctor_id, weekday, start_min, end_min, kind, "
                         "valid_from) VALUES (?1, ?2, ?3, ?4, ?5, '2030-01-01')");
    REQUIRE(st);
    st->bind_all(doctor, weekday, from, to, kind);
    REQUIRE(st->exec());
  }
};

SlotNeed specialty(std::int64_t id, int minutes = 0) { return {std::nullopt, id, {}, minutes}; }

SlotRequest request(std::vector<SlotNeed> needs, Date from = kMon, Date to = kMon) {
  SlotRequest r;
  r.needs = std::move(needs);
  r.from = from;
  r.to = to;
  return r;
}

// "2030-06-03 09:30-10:00 d1 r1, 10:00-10:30 d2 r2 (idle 0, touching 1, wait 0)"
std::string describe(const SlotOption& o) {
  std::string s = o.day.iso();
  for (size_t i = 0; i < o.steps.size(); ++i) {
    const SlotStep& st = o.steps[i];
    s += (i ? ", " : " ") + hhmm(to_local(st.start_at).minutes) + "-" + hhmm(to_local(st.end_at).minutes) +
         " d" + std::to_string(st.doctor_id) + " r" + (st.room_id ? std::to_string(*st.room_id) : "-");
  }
  return s + " (idle " + std::to_string(o.idle_min) + ", touching " + std::to_string(o.touching) +
         ", wait " + std::to_string(o.wait_min) + ")";
}

std::vector<std::string> find(Database& db, const SlotRequest& r) {
  auto found = find_slots(db, r);
  REQUIRE_MESSAGE(found, (found ? "" : found.error().message));
  std::vector<std::string> out;
  for (const SlotOption& o : *found) out.push_back(describe(o));
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("slot finder: one need gets the day's neatest times, at most three a day, earliest day first") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 720);  // Monday 9:00–12:00
  f.hours(f.doctor1, 2, 540, 600);  // Tuesday 9:00–10:00
  auto r = request({specialty(1)}, kMon, kWed);
  // Starting or ending at the edge of the period touches it; 9:30 leaves half an hour, no waste.
  CHECK(find(f.db, r) == Lines{"2030-06-03 09:00-09:30 d1 r1 (idle 0, touching 1, wait 0)",
                               "2030-06-03 11:30-12:00 d1 r1 (idle 0, touching 1, wait 0)",
                               "2030-06-03 09:30-10:00 d1 r1 (idle 0, touching 0, wait 0)",
                               "2030-06-04 09:00-09:30 d1 r1 (idle 0, touching 1, wait 0)",
                               "2030-06-04 09:30-10:00 d1 r1 (idle 0, touching 1, wait 0)"});
  r.max_options = 2;
  CHECK(find(f.db, r).size() == 2);
}

TEST_CASE("slot finder: a break is skipped") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 720);
  f.hours(f.doctor1, 1, 570, 630, "break");  // 9:30–10:30: only 30 minutes before it
  auto r = request({specialty(1, 45)});
  CHECK(find(f.db, r) == Lines{"2030-06-03 10:30-11:15 d1 r1 (idle 0, touching 1, wait 0)",
                               "2030-06-03 11:15-12:00 d1 r1 (idle 0, touching 1, wait 0)"});
}

TEST_CASE("slot finder: a booked time is skipped and the option snaps to the booking's end") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 720);
  auto anna = f.add_patient("Иванова", "Анна");
  REQUIRE(f.book(anna, f.doctor1, f.room1, 540, 560, kMon));  // 9:00–9:20, off the 15-minute grid
  auto r = request({specialty(1)});
  r.step_min = 15;
  CHECK(find(f.db, r) == Lines{"2030-06-03 09:20-09:50 d1 r1 (idle 0, touching 1, wait 0)",
                               "2030-06-03 11:30-12:00 d1 r1 (idle 0, touching 1, wait 0)",
                               "2030-06-03 10:00-10:30 d1 r1 (idle 0, touching 0, wait 0)"});
}

TEST_CASE("slot finder: bookings weeks into the range are seen too") {
  SlotClinic f;
  const Date later = kMon.plus_days(14);
  f.hours(f.doctor1, 1, 540, 600);  // Mondays 9:00–10:00, fully booked on the first two
  auto anna = f.add_patient("Иванова", "Анна");
  REQUIRE(f.book(anna, f.doctor1, f.room1, 540, 600, kMon));
  REQUIRE(f.book(anna, f.doctor1, f.room1, 540, 600, kMon.plus_days(7)));
  REQUIRE(f.book(anna, f.doctor1, f.room1, 540, 565, later));  // 9:00–9:25 two weeks later
  auto r = request({specialty(1)}, kMon, later);
  // 9:30 would touch the period's end just as well, but it is a near-duplicate of 9:25.
  CHECK(find(f.db, r) == Lines{"2030-06-17 09:25-09:55 d1 r1 (idle 5, touching 1, wait 0)"});
}

TEST_CASE("slot finder: minutes left too short for another patient are counted as idle") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 660);
  auto anna = f.add_patient("Иванова", "Анна");
  REQUIRE(f.book(anna, f.doctor1, f.room1, 540, 560, kMon));  // 9:00–9:20
  REQUIRE(f.book(anna, f.doctor1, f.room1, 620, 660, kMon));  // 10:20–11:00
  // A 40-minute step in the free hour always leaves 20 minutes; flush with a booking it touches
  // one edge. 9:40 touches too but starts within 40 minutes of 9:20: a near-duplicate.
  CHECK(find(f.db, request({specialty(1, 40)})) ==
        Lines{"2030-06-03 09:20-10:00 d1 r1 (idle 20, touching 1, wait 0)"});
}

TEST_CASE("slot finder: the denser time ranks first on the same day") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 720);
  auto anna = f.add_patient("Иванова", "Анна");
  REQUIRE(f.book(anna, f.doctor1, f.room1, 580, 600, kMon));  // 9:40–10:00
  REQUIRE(f.book(anna, f.doctor1, f.room1, 630, 660, kMon));  // 10:30–11:00
  // 10:00 fills the hole exactly; 9:00 is earlier but leaves 10 useless minutes.
  CHECK(find(f.db, request({specialty(1)})) ==
        Lines{"2030-06-03 10:00-10:30 d1 r1 (idle 0, touching 2, wait 0)",
              "2030-06-03 11:00-11:30 d1 r1 (idle 0, touching 1, wait 0)",
              "2030-06-03 11:30-12:00 d1 r1 (idle 0, touching 1, wait 0)"});
}

TEST_CASE("slot finder: absences and days off are skipped") {
  SlotClinic f;
  for (int wd : {1, 2, 3}) f.hours(f.doctor1, wd, 540, 600);
  REQUIRE(f.db.exec("INSERT INTO doctor_absences(doctor_id, from_day, to_day, reason, created_at) "
                    "VALUES (1, '2030-06-03', '2030-06-03', 'больничный', 0);"
                    "INSERT INTO schedule_days(doctor_id, day, kind) VALUES (1, '2030-06-04', 'off');"));
  auto r = request({specialty(1, 60)}, kMon, kWed);
  CHECK(find(f.db, r) == Lines{"2030-06-05 09:00-10:00 d1 r1 (idle 0, touching 2, wait 0)"});
  // A withdrawn absence gives Monday back.
  REQUIRE(f.db.exec("UPDATE doctor_absences SET withdrawn = 1"));
  CHECK(find(f.db, r).front().starts_with("2030-06-03 09:00"));
}

TEST_CASE("slot finder: the room must be free too, whoever holds it") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 720);
  auto anna = f.add_patient("Иванова", "Анна");
  REQUIRE(f.book(anna, f.doctor2, f.room1, 540, 600, kMon));  // doctor 2 in room 101, 9:00–10:00
  // Doctor 1 has no booking of his own: 10:00 is free time, not an edge of his day.
  CHECK(find(f.db, request({specialty(1)})) ==
        Lines{"2030-06-03 11:30-12:00 d1 r1 (idle 0, touching 1, wait 0)",
              "2030-06-03 10:00-10:30 d1 r1 (idle 0, touching 0, wait 0)",
              "2030-06-03 10:30-11:00 d1 r1 (idle 0, touching 0, wait 0)"});
}

TEST_CASE("slot finder: the patient's own appointments are avoided") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 720);
  auto anna = f.add_patient("Иванова", "Анна");
  REQUIRE(f.book(anna, f.doctor2, f.room2, 540, 600, kMon));  // Anna at the cardiologist 9:00–10:00
  auto r = request({specialty(1)});
  CHECK(find(f.db, r).front() == "2030-06-03 09:00-09:30 d1 r1 (idle 0, touching 1, wait 0)");
  r.patient_id = anna;
  CHECK(find(f.db, r) == Lines{"2030-06-03 11:30-12:00 d1 r1 (idle 0, touching 1, wait 0)",
                               "2030-06-03 10:00-10:30 d1 r1 (idle 0, touching 0, wait 0)",
                               "2030-06-03 10:30-11:00 d1 r1 (idle 0, touching 0, wait 0)"});
}

TEST_CASE("slot finder: two specialists back to back") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 720);  // therapist 9:00–12:00
  f.hours(f.doctor2, 1, 600, 720);  // cardiologist 10:00–12:00
  // The therapist first: 9:30 so the cardiologist starts his day at 10:00, or 11:00 so he
  // ends it at 12:00; then the earliest plain chain that is not a near-duplicate.
  CHECK(find(f.db, request({specialty(1), specialty(2)})) ==
        Lines{"2030-06-03 09:30-10:00 d1 r1, 10:00-10:30 d2 r2 (idle 0, touching 1, wait 0)",
              "2030-06-03 11:00-11:30 d1 r1, 11:30-12:00 d2 r2 (idle 0, touching 1, wait 0)",
              "2030-06-03 10:00-10:30 d1 r1, 10:30-11:00 d2 r2 (idle 0, touching 0, wait 0)"});
}

TEST_CASE("slot finder: three specialists, waiting at most max_gap between steps") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 570);  // 9:00–9:30
  f.hours(f.doctor2, 1, 585, 615);  // 9:45–10:15
  f.hours(f.doctor3, 1, 630, 660);  // 10:30–11:00
  auto r = request({specialty(1), specialty(2), specialty(3)});
  CHECK(find(f.db, r) == Lines{"2030-06-03 09:00-09:30 d1 r1, 09:45-10:15 d2 r2, 10:30-11:00 d3 r3 "
                               "(idle 0, touching 6, wait 30)"});
  r.max_gap_min = 10;
  CHECK(find(f.db, r).empty());  // no chain: an empty list, not an error
}

TEST_CASE("slot finder: any order finds a chain the fixed order cannot") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 600, 630);  // therapist 10:00–10:30
  f.hours(f.doctor2, 1, 570, 600);  // cardiologist 9:30–10:00
  auto r = request({specialty(1), specialty(2)});
  CHECK(find(f.db, r).empty());
  r.fixed_order = false;
  auto found = find_slots(f.db, r);
  REQUIRE(found);
  REQUIRE(found->size() == 1);
  CHECK(describe(found->front()) ==
        "2030-06-03 09:30-10:00 d2 r2, 10:00-10:30 d1 r1 (idle 0, touching 4, wait 0)");
  CHECK(found->front().steps[0].need == 1);
  CHECK(found->front().steps[1].need == 0);
}

TEST_CASE("slot finder: one doctor for two needs takes them one after the other") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 600);
  SlotNeed visit{std::nullopt, std::nullopt, {f.doctor1}, 30}, extra{std::nullopt, std::nullopt, {f.doctor1}, 15};
  // Each step is an edge for the other: 9:00–9:30 and 9:30–9:45 touch three times and leave
  // 15 idle minutes at the end; 9:15 start is as good but later and a near-duplicate.
  CHECK(find(f.db, request({visit, extra})) ==
        Lines{"2030-06-03 09:00-09:30 d1 r1, 09:30-09:45 d1 r1 (idle 15, touching 3, wait 0)"});
}

TEST_CASE("slot finder: the time of day and not_before are respected") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 720);
  f.hours(f.doctor1, 2, 540, 720);
  auto r = request({specialty(1)}, kMon, kTue);
  r.day_from_min = 600;
  r.day_to_min = 660;
  CHECK(find(f.db, r) == Lines{"2030-06-03 10:00-10:30 d1 r1 (idle 0, touching 0, wait 0)",
                               "2030-06-03 10:30-11:00 d1 r1 (idle 0, touching 0, wait 0)",
                               "2030-06-04 10:00-10:30 d1 r1 (idle 0, touching 0, wait 0)",
                               "2030-06-04 10:30-11:00 d1 r1 (idle 0, touching 0, wait 0)"});
  r = request({specialty(1)}, kMon, kTue);
  r.not_before = test::ClinicFixture::at(607, kMon);  // 10:07: the next grid start is 10:10
  CHECK(find(f.db, r) == Lines{"2030-06-03 11:30-12:00 d1 r1 (idle 0, touching 1, wait 0)",
                               "2030-06-03 10:10-10:40 d1 r1 (idle 0, touching 0, wait 0)",
                               "2030-06-03 10:40-11:10 d1 r1 (idle 0, touching 0, wait 0)",
                               "2030-06-04 09:00-09:30 d1 r1 (idle 0, touching 1, wait 0)",
                               "2030-06-04 11:30-12:00 d1 r1 (idle 0, touching 1, wait 0)",
                               "2030-06-04 09:30-10:00 d1 r1 (idle 0, touching 0, wait 0)"});
  r.not_before = test::ClinicFixture::at(700, kMon);  // 11:40: nothing left on Monday
  CHECK(find(f.db, r).front().starts_with("2030-06-04 09:00"));
}

TEST_CASE("slot finder: a service gives the specialty and the duration") {
  SlotClinic f;
  f.hours(f.doctor2, 1, 540, 600);
  SlotNeed ecg{2, std::nullopt, {}, 0};
  CHECK(find(f.db, request({ecg})).front() == "2030-06-03 09:00-09:15 d2 r2 (idle 0, touching 1, wait 0)");
  ecg.duration_min = 20;  // the request's duration wins
  CHECK(find(f.db, request({ecg})).front() == "2030-06-03 09:00-09:20 d2 r2 (idle 0, touching 1, wait 0)");
}

TEST_CASE("slot finder: nobody to see or nothing free is an empty list") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 570);
  CHECK(find(f.db, request({specialty(3)})).empty());  // the neurologist has no hours
  CHECK(find(f.db, request({specialty(1, 45)})).empty());  // 45 minutes do not fit in 30
  REQUIRE(f.db.exec("UPDATE doctors SET active = 0 WHERE id = 1"));
  CHECK(find(f.db, request({specialty(1)})).empty());
  SlotNeed listed{std::nullopt, std::nullopt, {f.doctor1}, 30};
  CHECK(find(f.db, request({listed})).empty());
}

TEST_CASE("slot finder: a wrong request is Invalid") {
  SlotClinic f;
  auto code = [&](const SlotRequest& r) {
    auto found = find_slots(f.db, r);
    REQUIRE_FALSE(found);
    CHECK_FALSE(found.error().message.empty());
    return found.error().code;
  };
  CHECK(code(request({})) == ErrorCode::Invalid);
  CHECK(code(request({specialty(1), specialty(1), specialty(1), specialty(1), specialty(1)})) ==
        ErrorCode::Invalid);
  CHECK(code(request({specialty(1)}, kTue, kMon)) == ErrorCode::Invalid);
  CHECK(code(request({specialty(1)}, kMon, kMon.plus_days(93))) == ErrorCode::Invalid);
  CHECK(find(f.db, request({specialty(1)}, kMon, kMon.plus_days(92))).empty());  // 93 days is fine
  auto r = request({specialty(1)});
  r.day_from_min = 600;
  r.day_to_min = 600;
  CHECK(code(r) == ErrorCode::Invalid);
  CHECK(code(request({SlotNeed{}})) == ErrorCode::Invalid);
  CHECK(code(request({SlotNeed{99, std::nullopt, {}, 0}})) == ErrorCode::NotFound);
}

TEST_CASE("slot finder: the clinic's max gap setting") {
  SlotClinic f;
  CHECK(*slot_max_gap_setting(f.db) == 15);
  REQUIRE(set_setting(f.db, "slot_finder.max_gap_min", "25"));
  CHECK(*slot_max_gap_setting(f.db) == 25);
  REQUIRE(set_setting(f.db, "slot_finder.max_gap_min", "полчаса"));
  CHECK(*slot_max_gap_setting(f.db) == 15);
  REQUIRE(set_setting(f.db, "slot_finder.max_gap_min", "-5"));
  CHECK(*slot_max_gap_setting(f.db) == 15);
}

TEST_CASE("slot finder: booking an option books every step in one go") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 720);
  f.hours(f.doctor2, 1, 600, 720);
  auto anna = f.add_patient("Иванова", "Анна");
  auto r = request({SlotNeed{1, std::nullopt, {}, 0}, specialty(2)});
  r.patient_id = anna;
  auto found = find_slots(f.db, r);
  REQUIRE(found);
  REQUIRE_FALSE(found->empty());
  auto ids = book_option(f.db, anna, r, found->front(), Channel::Desk, "к кардиологу после терапевта",
                         Actor::system("test"));
  REQUIRE_MESSAGE(ids, (ids ? "" : ids.error().message));
  REQUIRE(ids->size() == 2);
  auto st = f.db.prepare("SELECT doctor_id, room_id, start_at, end_at, channel, note, summary, status "
                         "FROM appointments ORDER BY start_at");
  REQUIRE(st);
  for (size_t i = 0; i < 2; ++i) {
    REQUIRE(*st->step());
    const SlotStep& s = found->front().steps[i];
    CHECK(st->col_int(0) == s.doctor_id);
    CHECK(st->col_int(1) == *s.room_id);
    CHECK(st->col_int(2) == s.start_at);
    CHECK(st->col_int(3) == s.end_at);
    CHECK(st->col_text(4) == "desk");
    CHECK(st->col_text(5) == "к кардиологу после терапевта");
    CHECK(st->col_text(6) == (i == 0 ? "Приём терапевта" : ""));  // the service only when asked for
    CHECK(st->col_text(7) == "booked");
  }
  CHECK(*f.db.query_int("SELECT count(*) FROM audit_log WHERE action = 'appointment.book_chain' "
                        "AND entity_id = " + std::to_string(ids->front())) == 1);
  // The same option again: taken now, and the finder no longer offers it.
  auto again = book_option(f.db, anna, r, found->front(), Channel::Desk, "", Actor::system("test"));
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::Conflict);
  auto after = find_slots(f.db, r);
  REQUIRE(after);
  REQUIRE_FALSE(after->empty());
  CHECK(after->front().steps[0].start_at != found->front().steps[0].start_at);
}

TEST_CASE("slot finder: a step taken meanwhile by another desk fails the whole chain") {
  SlotClinic f;
  f.hours(f.doctor1, 1, 540, 720);
  f.hours(f.doctor2, 1, 600, 720);
  auto anna = f.add_patient("Иванова", "Анна");
  auto boris = f.add_patient("Петров", "Борис", "", Date(1970, 1, 2), "", 'M');
  auto r = request({specialty(1), specialty(2)});
  auto found = find_slots(f.db, r);
  REQUIRE(found);
  REQUIRE_FALSE(found->empty());
  const SlotOption option = found->front();
  REQUIRE(option.steps.size() == 2);

  // Another desk, its own connection to the same file, books Boris into the second step.
  auto other = open_clinic_database(f.path);
  REQUIRE(other);
  AppointmentDraft taken;
  taken.patient_id = boris;
  taken.doctor_id = option.steps[1].doctor_id;
  taken.room_id = option.steps[1].room_id;
  taken.start_at = option.steps[1].start_at;
  taken.end_at = option.steps[1].end_at;
  REQUIRE(book_appointment(*other, taken, Actor::system("other desk")));

  const auto before = *f.db.query_int("SELECT count(*) FROM appointments");
  auto ids = book_option(f.db, anna, r, option, Channel::Phone, "", Actor::system("test"));
  REQUIRE_FALSE(ids);
  CHECK(ids.error().code == ErrorCode::Conflict);
  CHECK(ids.error().message.find("Петров Б.") != std::string::npos);  // who holds the time
  CHECK(*f.db.query_int("SELECT count(*) FROM appointments") == before);
  CHECK(*f.db.query_int("SELECT count(*) FROM appointments WHERE patient_id = " + std::to_string(anna)) == 0);
  CHECK(*f.db.query_int("SELECT count(*) FROM audit_log WHERE action = 'appointment.book_chain'") == 0);
  CHECK_FALSE(f.db.in_transaction());
}
