// Migrations: fresh database, every released schema's fixture, and a newer database refused.
#include <cstdio>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "migrations.h"
#include "temp_dir.h"

using namespace rg;
using namespace rg::db;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("a new file is created at the current schema version") {
  test::TempDir dir;
  auto db = open_clinic_database(dir.file("new.db"));
  REQUIRE(db);
  CHECK(*db->query_int("PRAGMA user_version") == kSchemaVersion);
  CHECK(*db->query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'appointments'") == 1);
  CHECK_FALSE(std::filesystem::exists(dir.file("new.db.v0.bak")));  // nothing to back up
}

TEST_CASE("every released schema's fixture opens, migrates and keeps its data") {
  // tests/fixtures/schema_vN.sql is a dump of a vN database as released; keep one per version.
  for (int version = 1; version <= kSchemaVersion; ++version) {
    INFO("schema v", version);
    test::TempDir dir;
    std::string path = dir.file("old.db");
    {
      auto raw = Database::open(path);
      REQUIRE(raw);
      std::string fixture = std::string(REGISTRATURA_FIXTURES) + "/schema_v" + std::to_string(version) + ".sql";
      REQUIRE_MESSAGE(std::filesystem::exists(fixture), fixture << " is missing: dump the released schema");
      REQUIRE(raw->exec(read_file(fixture)));
      CHECK(*raw->query_int("PRAGMA user_version") == version);
    }
    auto db = open_clinic_database(path);
    REQUIRE_MESSAGE(db, (db ? "" : db.error().detail));
    CHECK(*db->query_int("PRAGMA user_version") == kSchemaVersion);
    CHECK(*db->query_int("SELECT count(*) FROM patients") == 3);
    CHECK(*db->query_int("SELECT count(*) FROM appointments") == 2);
    auto st = db->prepare("SELECT surname FROM patients WHERE card_no = '10001'");
    REQUIRE(*st->step());
    CHECK(st->col_text(0) == "Римская-Корсакова");
    // The invariants of the fixture's schema still hold after migrating.
    CHECK_FALSE(db->exec("UPDATE audit_log SET actor = 'x'").has_value());
    CHECK_FALSE(db->exec("UPDATE appointments SET status = 'booked' WHERE status = 'done'").has_value());
    if (version >= 2) {
      CHECK(*db->query_int("SELECT count(*) FROM waiting_list") == 1);
      CHECK(*db->query_int("SELECT count(*) FROM doctor_absences") == 1);
      CHECK(*db->query_int("SELECT count(*) FROM tasks") == 1);
    }
    if (version >= 3) {
      CHECK(*db->query_int("SELECT count(*) FROM queue_tickets") == 1);
      CHECK(*db->query_int("SELECT count(*) FROM desk_events") == (version >= 8 ? 2 : 1));
    }
    if (version >= 5) {
      CHECK(*db->query_int("SELECT count(*) FROM payments WHERE state = 'registered'") == 1);
      CHECK(*db->query_int("SELECT paid_kopecks FROM invoices WHERE id = 1") == 150000);
      CHECK_FALSE(db->exec("DELETE FROM payments").has_value());
      // v6: payments carry the credit their receipt stated; older ones stated none.
      CHECK(*db->query_int("SELECT sum(credit_kopecks) FROM payments") == 0);
      CHECK_FALSE(db->exec("INSERT INTO payments(ref, kind, patient_id, cash_kopecks, total_kopecks, created_at, "
                           "credit_kopecks) VALUES ('deposit-credit', 'deposit', 1, 100, 100, 0, 50)").has_value());
      CHECK(db->exec("INSERT INTO payments(ref, kind, patient_id, cash_kopecks, total_kopecks, created_at, "
                     "credit_kopecks) VALUES ('deposit-credit', 'deposit', 1, 100, 100, 0, 0)").has_value());
    }
    // v7: the people on a card, paying companies, confirmed name forms, document numbers; what
    // was printed before v7 carries no number.
    CHECK(*db->query_int("SELECT count(*) FROM printed_documents WHERE number = ''") ==
          *db->query_int("SELECT count(*) FROM printed_documents"));
    CHECK(*db->query_int("SELECT count(*) FROM services WHERE tax_code NOT IN (1, 2)") == 0);
    if (version >= 7) {
      CHECK(*db->query_int("SELECT count(*) FROM patient_persons WHERE representative = 1") == 1);
      CHECK(*db->query_int("SELECT count(*) FROM payer_companies") == 1);
      CHECK(*db->query_int("SELECT count(*) FROM name_forms") == 1);
      CHECK(*db->query_int("SELECT number FROM document_numbers WHERE subject = 'appointment:1'") == 1);
      // Numbers never repeat within a series and year.
      CHECK_FALSE(db->exec("INSERT INTO document_numbers(series, subject, year, number, created_at) "
                           "VALUES ('contract', 'appointment:2', 2025, 1, 0)").has_value());
    }
    // v8: the desk's events kept through the rebuild, with the new kinds accepted and unknown
    // ones still refused; services have a short name, empty until the clinic gives one.
    if (version >= 3) CHECK(*db->query_int("SELECT count(*) FROM desk_events WHERE kind = 'arrival'") == 1);
    CHECK(db->exec("INSERT INTO desk_events(at, kind, message, source) VALUES (1, 'arrival_contract', 'x', 'k')")
              .has_value());
    CHECK_FALSE(db->exec("INSERT INTO desk_events(at, kind, message, source) VALUES (1, 'gossip', 'x', 'k')")
                    .has_value());
    CHECK(*db->query_int("SELECT count(*) FROM services WHERE short_name <> ''") == (version >= 8 ? 1 : 0));
    // v9: the old single role became a row of user_roles; what each role may do starts from the
    // defaults; accounts, sessions and sign-in attempts of v9 are kept.
    CHECK(*db->query_int("SELECT count(*) FROM user_roles WHERE user_id = 1 AND role = 'admin'") == 1);
    CHECK(*db->query_int("SELECT count(*) FROM role_permissions WHERE role = 'senior_admin' AND "
                         "permission = 'cash.refunds'") == 1);
    CHECK(*db->query_int("SELECT count(*) FROM role_permissions WHERE role = 'admin' AND "
                         "permission = 'cash.refunds'") == 0);
    CHECK_FALSE(db->exec("INSERT INTO user_roles(user_id, role) VALUES (1, 'kiosk')").has_value());
    if (version >= 9) {
      CHECK(*db->query_int("SELECT count(*) FROM user_roles WHERE user_id = 2") == 2);
      CHECK(*db->query_int("SELECT count(*) FROM sessions WHERE ended_how = 'switch'") == 1);
      CHECK(*db->query_int("SELECT count(*) FROM sign_in_attempts") == 2);
      CHECK(*db->query_int("SELECT count(*) FROM audit_log WHERE place = 'desk:reg-1'") == 1);
    }
    // v10: rooms say where they are and what is in them; older rooms say nothing yet.
    CHECK(*db->query_int("SELECT count(*) FROM rooms WHERE location <> ''") == (version >= 10 ? 1 : 0));
    CHECK_FALSE(db->exec("UPDATE rooms SET location = printf('%.300c', 'x')").has_value());
    // v11: the weekly rules kept through the rebuild (with alternating weeks and shift cycles from
    // v11 on), doctors' booking facts with their defaults, the schedule's own permission.
    CHECK(*db->query_int("SELECT count(*) FROM schedule_rules WHERE weekday = 1 AND weeks = 'all'") == 1);
    CHECK(*db->query_int("SELECT count(*) FROM schedule_rules") == (version >= 11 ? 3 : 1));
    CHECK(*db->query_int("SELECT slot_min FROM doctors WHERE id = 1") == (version >= 11 ? 20 : 15));
    CHECK(*db->query_int("SELECT count(*) FROM doctor_services") == (version >= 11 ? 1 : 0));
    CHECK(*db->query_int("SELECT count(*) FROM role_permissions WHERE permission = 'schedule.edit'") == 2);
    CHECK_FALSE(db->exec("INSERT INTO schedule_rules(doctor_id, weekday, cycle_on, cycle_off, start_min, end_min, "
                         "valid_from) VALUES (1, 1, 2, 2, 480, 600, '2025-01-01')").has_value());
  }
}

TEST_CASE("a database newer than the code is refused and left byte-identical") {
  test::TempDir dir;
  std::string path = dir.file("future.db");
  {
    auto raw = Database::open(path);
    REQUIRE(raw);
    REQUIRE(raw->exec("CREATE TABLE future_things(x); INSERT INTO future_things VALUES (42);"
                      "PRAGMA user_version = 99;"));
  }
  std::string before = read_file(path);
  auto db = open_clinic_database(path);
  REQUIRE_FALSE(db.has_value());
  CHECK(db.error().code == ErrorCode::SchemaTooNew);
  CHECK(db.error().message.find("99") != std::string::npos);
  CHECK(read_file(path) == before);
  CHECK_FALSE(std::filesystem::exists(path + "-wal"));
  CHECK_FALSE(std::filesystem::exists(path + ".v99.bak"));
}

TEST_CASE("an existing database is backed up with the online backup API before migrating") {
  test::TempDir dir;
  std::string path = dir.file("old.db");
  {
    auto raw = Database::open(path);
    REQUIRE(raw->exec("CREATE TABLE legacy(x); INSERT INTO legacy VALUES ('важные данные');"));
  }
  auto db = Database::open(path);
  REQUIRE(db->configure());
  auto rep = migrate(*db);
  REQUIRE(rep);
  CHECK(rep->from_version == 0);
  CHECK(rep->to_version == kSchemaVersion);
  REQUIRE(rep->backup_path == path + ".v0.bak");
  auto backup = Database::open(rep->backup_path, {.read_only = true});
  REQUIRE(backup);
  auto st = backup->prepare("SELECT x FROM legacy");
  REQUIRE(*st->step());
  CHECK(st->col_text(0) == "важные данные");
  CHECK(*backup->query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'patients'") == 0);
}

TEST_CASE("two processes opening a new file at once migrate it once") {
  test::TempDir dir;
  std::string path = dir.file("race.db");
  pid_t kids[3];
  for (pid_t& k : kids) {
    k = fork();
    if (k == 0) {
      auto db = open_clinic_database(path);
      if (!db) std::fprintf(stderr, "child: %s / %s\n", db.error().message.c_str(), db.error().detail.c_str());
      _exit(db ? 0 : 1);
    }
  }
  for (pid_t k : kids) {
    int status = 0;
    waitpid(k, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  auto db = open_clinic_database(path);
  REQUIRE(db);
  CHECK(*db->query_int("PRAGMA user_version") == kSchemaVersion);
}
