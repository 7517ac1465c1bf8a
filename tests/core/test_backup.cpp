// The database is never lost: copies taken while another process writes are consistent and
// checked, the rotation keeps the right files, a restore puts a copy back (and migrates an old
// one), keeps the current file aside, and is refused while the database is open or the copy bad.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "backup.h"
#include "calendar.h"
#include "clinic.h"
#include "clinic_fixture.h"
#include "migrations.h"
#include "temp_dir.h"

using namespace rg;
using namespace rg::db;
namespace fs = std::filesystem;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("the rotation keeps the newest copy of each of 7 days, 4 weeks and 12 months, and never the newest") {
  use_time_zone("Europe/Moscow");
  // Two copies a day (03:00 and at a shift close, 20:15) for 400 days up to 2030-06-30.
  std::vector<BackupFile> files;
  const Date last(2030, 6, 30);
  for (int back = 0; back < 400; ++back) {
    const Date d = last.plus_days(-back);
    files.push_back({"night-" + d.iso(), to_unix(d, 3 * 60)});
    files.push_back({"evening-" + d.iso(), to_unix(d, 20 * 60 + 15)});
  }
  const auto drop = backups_to_delete(files, {});
  std::set<std::string> kept;
  for (const auto& f : files) kept.insert(f.path);
  for (const auto& d : drop) kept.erase(d);
  // The last 7 days' evening copies (the newest of each day).
  for (int back = 0; back < 7; ++back) CHECK(kept.count("evening-" + last.plus_days(-back).iso()) == 1);
  CHECK(kept.count("night-" + last.iso()) == 0);
  // Sundays' evening copies of the 4 most recent weeks (2030-06-30 is a Sunday).
  for (int week = 0; week < 4; ++week) CHECK(kept.count("evening-" + last.plus_days(-7 * week).iso()) == 1);
  // The last day of each of the 12 most recent months.
  for (const char* month_end : {"2030-05-31", "2030-04-30", "2030-03-31", "2029-08-31", "2029-07-31"})
    CHECK(kept.count(std::string("evening-") + month_end) == 1);
  CHECK(kept.count("evening-2029-06-30") == 0);  // the 13th month back
  CHECK(kept.size() <= 7 + 4 + 12);
  CHECK(kept.size() >= 12);
  // One copy only: it stays whatever the policy.
  CHECK(backups_to_delete({files.front()}, {0, 0, 0}).empty());
}

TEST_CASE_FIXTURE(test::ClinicFixture, "a copy taken while another process writes is whole and consistent") {
  REQUIRE(db.exec("CREATE TABLE pairs(x INTEGER NOT NULL)"));
  const std::string stop = dir.file("stop");
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // A desk writing all the time: two rows per transaction, so a consistent copy has an even count.
    auto w = open_clinic_database(path);
    if (!w) _exit(3);
    for (int i = 0; i < 100000 && !fs::exists(stop); ++i) {
      if (!w->exec("BEGIN IMMEDIATE; INSERT INTO pairs VALUES (1); INSERT INTO pairs VALUES (2); COMMIT")) {
        (void)w->exec("ROLLBACK");
      }
    }
    _exit(0);
  }
  const std::string to = dir.file("copies");
  std::vector<std::int64_t> counts;
  for (int i = 0; i < 3; ++i) {
    usleep(30000);
    auto made = take_backup(db, to, 1'900'000'000 + i, Actor::system("test"));
    REQUIRE_MESSAGE(made, (made ? "" : made.error().message));
    auto copy = Database::open(made->path, {.create = false, .read_only = true});
    REQUIRE(copy);
    CHECK(*copy->query_int("SELECT count(*) FROM pairs") % 2 == 0);
    counts.push_back(*copy->query_int("SELECT count(*) FROM pairs"));
    CHECK(*copy->query_int("PRAGMA user_version") == kSchemaVersion);
  }
  std::ofstream(stop) << "stop";
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(counts.back() > 0);  // the writer really wrote meanwhile
  // No half-written file is left; the last copy is recorded and the desk's status is fresh.
  for (const auto& e : fs::directory_iterator(to)) CHECK(e.path().extension() == ".db");
  auto status_now = backup_status(db, 1'900'000'002 + 3600);
  REQUIRE(status_now);
  CHECK_FALSE(status_now->stale);
  CHECK(status_now->last_ok_at == 1'900'000'002);
  // The room left where the copies go, for the «nearly full» warning.
  REQUIRE(status_now->free_bytes.has_value());
  CHECK(*status_now->free_bytes > 0);
  CHECK(backup_status(db, 1'900'000'002 + 27 * 3600)->stale);
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action = 'backup.take'") == 3);
}

TEST_CASE_FIXTURE(test::ClinicFixture, "a folder that cannot be written gives the reason and leaves nothing") {
  const std::string file = dir.file("not-a-folder");
  std::ofstream(file) << "x";
  auto made = take_backup(db, file + "/copies", 1'900'000'000, Actor::system("test"));
  REQUIRE_FALSE(made);
  CHECK(made.error().code == ErrorCode::Io);
  CHECK(made.error().message.find("not-a-folder") != std::string::npos);
  auto s = backup_status(db, 1'900'000'000);
  REQUIRE(s);
  CHECK(s->stale);  // never a good copy
  REQUIRE(set_setting(db, "backup.dir", dir.file("gone")));
  CHECK(backup_status(db, 1'900'000'000)->folder_missing);
}

TEST_CASE("a restore puts the copy back, keeps the current file aside, and migrates an old copy") {
  test::TempDir dir;
  const std::string path = dir.file("clinic.db");
  std::string copy;
  {
    auto db = open_clinic_database(path);
    REQUIRE(db);
    REQUIRE(db->exec("INSERT INTO clinic(id, name) VALUES (1, 'До копии')"));
    auto made = take_backup(*db, dir.file("copies"), 1'900'000'000, Actor::system("test"));
    REQUIRE(made);
    copy = made->path;
    REQUIRE(db->exec("UPDATE clinic SET name = 'После копии'"));
    // Open here: the restore is refused and nothing changes.
    auto refused = restore_backup(path, copy, 1'900'000'100);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::Busy);
    CHECK(refused.error().message.find("close every application") != std::string::npos);
    CHECK(db->query_int("SELECT count(*) FROM clinic WHERE name = 'После копии'").value() == 1);
  }
  auto aside = restore_backup(path, copy, 1'900'000'200);
  REQUIRE_MESSAGE(aside, (aside ? "" : aside.error().message));
  {
    auto db = open_clinic_database(path);
    REQUIRE(db);
    CHECK(*db->query_int("SELECT count(*) FROM clinic WHERE name = 'До копии'") == 1);
    auto kept = Database::open(*aside, {.create = false, .read_only = true});
    REQUIRE(kept);
    CHECK(*kept->query_int("SELECT count(*) FROM clinic WHERE name = 'После копии'") == 1);
  }
  // A copy made by an older Registratura comes back migrated.
  const std::string old = dir.file("old.db");
  {
    auto raw = Database::open(old);
    REQUIRE(raw);
    REQUIRE(raw->exec(read_file(std::string(REGISTRATURA_FIXTURES) + "/schema_v8.sql")));
  }
  REQUIRE(restore_backup(path, old, 1'900'000'300));
  auto db = open_clinic_database(path);
  REQUIRE(db);
  CHECK(*db->query_int("PRAGMA user_version") == kSchemaVersion);
  CHECK(*db->query_int("SELECT count(*) FROM patients") == 3);
}

TEST_CASE("a damaged copy, a newer one or a stranger's file is refused before anything is touched") {
  test::TempDir dir;
  const std::string path = dir.file("clinic.db");
  {
    auto db = open_clinic_database(path);
    REQUIRE(db);
    REQUIRE(db->exec("INSERT INTO clinic(id, name) VALUES (1, 'Живая')"));
  }
  const std::string before = read_file(path);
  const std::string garbage = dir.file("garbage.db");
  std::ofstream(garbage) << std::string(8192, 'x');
  CHECK_FALSE(restore_backup(path, garbage, 1));
  const std::string newer = dir.file("newer.db");
  {
    auto raw = Database::open(newer);
    REQUIRE(raw);
    REQUIRE(raw->exec("CREATE TABLE t(x); PRAGMA user_version = 99"));
  }
  auto r = restore_backup(path, newer, 1);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::SchemaTooNew);
  const std::string stranger = dir.file("stranger.db");
  {
    auto raw = Database::open(stranger);
    REQUIRE(raw);
    REQUIRE(raw->exec("CREATE TABLE recipes(x)"));
  }
  CHECK(restore_backup(path, stranger, 1).error().message == "This file is not a Registratura database.");
  CHECK(restore_backup(path, dir.file("nothing.db"), 1).error().code == ErrorCode::NotFound);
  CHECK(read_file(path) == before);
  for (const auto& e : fs::directory_iterator(dir.path()))
    CHECK(e.path().filename().string().find("before-restore") == std::string::npos);
}

TEST_CASE_FIXTURE(test::ClinicFixture, "the daily copy is due once after its time, and only one desk takes it") {
  const Date day(2030, 6, 3);
  REQUIRE(set_setting(db, "backup.time", "13:30"));
  CHECK_FALSE(*claim_daily_backup(db, to_unix(day, 13 * 60)));       // not yet
  CHECK(*claim_daily_backup(db, to_unix(day, 13 * 60 + 31)));         // this desk takes it
  CHECK_FALSE(*claim_daily_backup(db, to_unix(day, 13 * 60 + 32)));   // another desk a minute later
  REQUIRE(take_backup(db, dir.file("copies"), to_unix(day, 13 * 60 + 33), Actor::system("test")));
  CHECK_FALSE(*claim_daily_backup(db, to_unix(day, 20 * 60)));        // done for the day
  CHECK(*claim_daily_backup(db, to_unix(day.plus_days(1), 14 * 60)));  // the next day's
  // A failed copy is what the desk shows until a good one is made.
  std::ofstream(dir.file("file")) << "x";
  CHECK_FALSE(take_backup(db, dir.file("file") + "/sub", to_unix(day.plus_days(1), 14 * 60 + 1), Actor::system("t")));
  auto s = backup_status(db, to_unix(day.plus_days(1), 14 * 60 + 2));
  REQUIRE(s);
  CHECK_FALSE(s->last_error.empty());
  REQUIRE(take_backup(db, dir.file("copies"), to_unix(day.plus_days(1), 14 * 60 + 3), Actor::system("test")));
  CHECK(backup_status(db, to_unix(day.plus_days(1), 14 * 60 + 4))->last_error.empty());
}
