// Several processes on one database file: the overlap rule holds whoever writes.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "clinic_fixture.h"

using namespace rg;
using namespace rg::db;

TEST_CASE("four processes booking the same 200 slots: each slot once, every loser a conflict") {
  test::ClinicFixture f;
  constexpr int kProcs = 4, kSlots = 200;
  std::vector<std::int64_t> patients;
  for (int i = 0; i < kProcs; ++i)
    patients.push_back(f.add_patient("Пациент", "Номер" + std::to_string(i)));

  std::vector<pid_t> kids;
  for (int p = 0; p < kProcs; ++p) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      // A fresh connection in the child, as a second desk would have.
      int ok = 0, conflict = 0, other = 0;
      auto db = open_clinic_database(f.path);
      if (!db) _exit(3);
      for (int s = 0; s < kSlots; ++s) {
        int slot = (s + p * 37) % kSlots;  // different orders, real contention
        AppointmentDraft a;
        a.patient_id = patients[size_t(p)];
        a.doctor_id = f.doctor1;
        a.room_id = f.room1;
        a.start_at = test::ClinicFixture::at(0, Date(2031, 1, 1)) + slot * 1800;
        a.end_at = a.start_at + 1800;
        auto r = book_appointment(*db, a, Actor::user(1));
        if (r) ++ok;
        else if (r.error().code == ErrorCode::Conflict) ++conflict;
        else ++other;
      }
      std::ofstream(f.dir.file("result-" + std::to_string(p))) << ok << " " << conflict << " " << other;
      _exit(0);
    }
    kids.push_back(pid);
  }
  for (pid_t k : kids) {
    int status = 0;
    waitpid(k, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
  }
  int ok = 0, conflict = 0, other = 0;
  for (int p = 0; p < kProcs; ++p) {
    std::ifstream in(f.dir.file("result-" + std::to_string(p)));
    int a = 0, b = 0, c = 0;
    in >> a >> b >> c;
    ok += a;
    conflict += b;
    other += c;
  }
  CHECK(ok == kSlots);
  CHECK(conflict == kSlots * (kProcs - 1));
  CHECK(other == 0);  // no Busy, no internal error reached a desk
  CHECK(*f.db.query_int(
            "SELECT count(*) FROM appointments a JOIN appointments b ON a.id < b.id "
            "AND a.doctor_id = b.doctor_id AND a.start_at < b.end_at AND b.start_at < a.end_at") == 0);
  CHECK(*f.db.query_int("SELECT count(*) FROM audit_log WHERE action = 'appointment.book'") == kSlots);
}

TEST_CASE("a booking in one process is noticed by another through data_version") {
  test::ClinicFixture f;
  auto anna = f.add_patient("Иванова", "Анна");
  auto before = f.db.data_version();
  REQUIRE(before);
  pid_t pid = fork();
  if (pid == 0) {
    auto db = open_clinic_database(f.path);
    AppointmentDraft a;
    a.patient_id = anna;
    a.doctor_id = 1;
    a.start_at = test::ClinicFixture::at(600);
    a.end_at = a.start_at + 1800;
    _exit(db && book_appointment(*db, a, Actor::user(1)) ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK(*f.db.data_version() != *before);
  auto g = load_day_grid(f.db, Date(2030, 6, 3));
  REQUIRE(g);
  CHECK(g->appointments.size() == 1);
}
