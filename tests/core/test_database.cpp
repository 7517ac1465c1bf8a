// The connection wrapper: transactions, busy handling, statement cache, change detection.
#include <doctest/doctest.h>

#include "database.h"
#include "migrations.h"
#include "temp_dir.h"

using namespace rg;
using namespace rg::db;

namespace {
Database open_configured(const std::string& path, int busy_ms = 5000) {
  auto d = Database::open(path, {.busy_timeout_ms = busy_ms});
  REQUIRE(d.has_value());
  REQUIRE(d->configure().has_value());
  return std::move(*d);
}
}  // namespace

TEST_CASE("a transaction rolls back when it is not committed") {
  test::TempDir dir;
  auto db = open_configured(dir.file("t.db"));
  REQUIRE(db.exec("CREATE TABLE t(x INTEGER)"));
  {
    auto tx = Transaction::begin(db);
    REQUIRE(tx);
    REQUIRE(db.exec("INSERT INTO t VALUES (1)"));
  }
  CHECK(*db.query_int("SELECT count(*) FROM t") == 0);
  {
    auto tx = Transaction::begin(db);
    REQUIRE(db.exec("INSERT INTO t VALUES (2)"));
    REQUIRE(tx->commit());
  }
  CHECK(*db.query_int("SELECT count(*) FROM t") == 1);
  CHECK_FALSE(db.in_transaction());
}

TEST_CASE("the connection runs in WAL with foreign keys on") {
  test::TempDir dir;
  auto db = open_configured(dir.file("t.db"));
  auto st = db.prepare("PRAGMA journal_mode");
  REQUIRE(st);
  REQUIRE(*st->step());
  CHECK(st->col_text(0) == "wal");
  CHECK(*db.query_int("PRAGMA foreign_keys") == 1);
  CHECK(*db.query_int("PRAGMA synchronous") == 1);  // NORMAL
}

TEST_CASE("full durability is used for the transaction and restored after it") {
  test::TempDir dir;
  auto db = open_configured(dir.file("t.db"));
  REQUIRE(db.exec("CREATE TABLE t(x)"));
  {
    auto tx = Transaction::begin(db, Durability::Full);
    REQUIRE(tx);
    CHECK(*db.query_int("PRAGMA synchronous") == 2);  // FULL
    REQUIRE(tx->commit());
  }
  CHECK(*db.query_int("PRAGMA synchronous") == 1);
  {
    auto tx = Transaction::begin(db, Durability::Full);
  }  // rolled back
  CHECK(*db.query_int("PRAGMA synchronous") == 1);
}

TEST_CASE("a second writer waits, then gets a Busy error rather than a crash") {
  test::TempDir dir;
  std::string path = dir.file("t.db");
  auto a = open_configured(path);
  auto b = open_configured(path, 50);
  REQUIRE(a.exec("CREATE TABLE t(x)"));
  auto tx = Transaction::begin(a);
  REQUIRE(tx);
  auto tx2 = Transaction::begin(b);
  REQUIRE_FALSE(tx2.has_value());
  CHECK(tx2.error().code == ErrorCode::Busy);
  CHECK_FALSE(tx2.error().message.empty());
  REQUIRE(tx->commit());
  auto tx3 = Transaction::begin(b);
  CHECK(tx3.has_value());
}

TEST_CASE("cached statements are reused and come back reset") {
  test::TempDir dir;
  auto db = open_configured(dir.file("t.db"));
  REQUIRE(db.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)"));
  sqlite3_stmt* first = nullptr;
  for (int i = 0; i < 3; ++i) {
    auto st = db.cached("SELECT x FROM t WHERE x >= ?1 ORDER BY x");
    REQUIRE(st);
    if (!first) first = (*st)->handle();
    CHECK((*st)->handle() == first);
    (*st)->bind(1, 2);
    REQUIRE(*(*st)->step());
    CHECK((*st)->col_int(0) == 2);  // fresh start every loan, never the previous position
  }
}

TEST_CASE("data_version changes when another connection commits") {
  test::TempDir dir;
  std::string path = dir.file("t.db");
  auto a = open_configured(path);
  auto b = open_configured(path);
  REQUIRE(a.exec("CREATE TABLE t(x)"));
  auto v1 = b.data_version();
  REQUIRE(v1);
  CHECK(*b.data_version() == *v1);  // nothing changed
  REQUIRE(a.exec("INSERT INTO t VALUES (1)"));
  CHECK(*b.data_version() != *v1);
}

TEST_CASE("SQL errors come back as values with SQLite's words in the detail") {
  test::TempDir dir;
  auto db = open_configured(dir.file("t.db"));
  auto st = db.prepare("SELECT * FROM no_such_table");
  REQUIRE_FALSE(st.has_value());
  CHECK(st.error().code == ErrorCode::Internal);
  CHECK(st.error().detail.find("no_such_table") != std::string::npos);
}

TEST_CASE("a directory that does not exist gives an Io error") {
  auto d = Database::open("/nonexistent-dir/x/clinic.db");
  REQUIRE_FALSE(d.has_value());
  CHECK(d.error().code == ErrorCode::Io);
}
