// The PostgreSQL engine against a private server started by the test: the same `?N` SQL as
// SQLite, typed errors with the core's sentences, the EXCLUDE constraint that will hold bookings
// apart, and the SERIALIZABLE write transaction run again when two desks collide.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "pg_cluster.h"
#include "pg_engine.h"
#include "pg_listener.h"

using namespace rg;
using namespace rg::db;

TEST_CASE("pg: ?N placeholders become $N outside literals, quoted names and comments") {
  CHECK(pg::to_pg_placeholders("SELECT ?1, ?12 FROM t WHERE a = ?2") == "SELECT $1, $12 FROM t WHERE a = $2");
  CHECK(pg::to_pg_placeholders("SELECT '?1', \"?2\", ?3 -- ?4\n, ?5 /* ?6 */ ?7") ==
        "SELECT '?1', \"?2\", $3 -- ?4\n, $5 /* ?6 */ $7");
  CHECK(pg::to_pg_placeholders("SELECT 'it''s ?1', ?2") == "SELECT 'it''s ?1', $2");
  CHECK(pg::to_pg_placeholders("SELECT coalesce(?, 1)") == "SELECT coalesce(?, 1)");  // no number: left alone
}

TEST_CASE("pg: statements bind, step and return ids and counts on a real server") {
  test::PgCluster server;
  auto c = pg::Connection::open(server.conninfo());
  REQUIRE_MESSAGE(c, (c ? "" : c.error().detail));
  REQUIRE(c->exec("CREATE TABLE rooms (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                  "number text NOT NULL UNIQUE, name text, floor integer)"));
  auto ins = c->prepare("INSERT INTO rooms(number, name, floor) VALUES (?1, ?2, ?3) RETURNING id");
  REQUIRE(ins);
  ins->bind_all("101", "Кабинет «терапевта» O'Brien", 2);
  auto first = ins->exec_returning_id();
  REQUIRE_MESSAGE(first, (first ? "" : first.error().detail));
  ins->reset();
  ins->bind_all("102", std::optional<std::string>(), std::optional<int>());
  auto second = ins->exec_returning_id();
  REQUIRE(second);
  CHECK(*second == *first + 1);

  auto sel = c->prepare("SELECT id, number, name, floor FROM rooms WHERE floor IS NOT DISTINCT FROM ?1 OR number = ?2 "
                        "ORDER BY id");
  REQUIRE(sel);
  sel->bind_all(2, "102");
  REQUIRE(*sel->step());
  CHECK(sel->col_text(2) == "Кабинет «терапевта» O'Brien");
  CHECK(sel->col_opt_int(3) == 2);
  REQUIRE(*sel->step());
  CHECK(sel->col_text(1) == "102");
  CHECK(sel->is_null(2));
  CHECK_FALSE(sel->col_opt_int(3).has_value());
  CHECK_FALSE(*sel->step());

  auto upd = c->prepare("UPDATE rooms SET floor = ?2 WHERE floor IS NULL OR floor = ?1");
  REQUIRE(upd);
  upd->bind_all(2, 3);
  CHECK(*upd->exec_count() == 2);
  upd->reset();
  CHECK(*upd->exec_count() == 0);  // nothing on floor 2 or without a floor any more
  CHECK(*c->query_int("SELECT sum(floor) FROM rooms") == 6);
}

TEST_CASE("pg: a second room with one number is a Conflict named as SQLite names it, and nothing is written") {
  test::PgCluster server;
  auto c = pg::Connection::open(server.conninfo());
  REQUIRE(c);
  REQUIRE(c->exec("CREATE TABLE rooms (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, number text NOT NULL UNIQUE);"
                  "INSERT INTO rooms(number) VALUES ('101')"));
  auto ins = c->prepare("INSERT INTO rooms(number) VALUES (?1)");
  REQUIRE(ins);
  ins->bind(1, "101");
  auto dup = ins->exec();
  REQUIRE_FALSE(dup);
  CHECK(dup.error().code == ErrorCode::Conflict);
  CHECK(dup.error().message == "The data conflicts with what is already saved.");
  CHECK(dup.error().detail.find("UNIQUE constraint failed: rooms.number") != std::string::npos);
  CHECK(*c->query_int("SELECT count(*) FROM rooms") == 1);
}

TEST_CASE("pg: an EXCLUDE constraint keeps a doctor's bookings apart, whoever writes") {
  test::PgCluster server;
  auto c = pg::Connection::open(server.conninfo());
  REQUIRE(c);
  REQUIRE(c->exec("CREATE EXTENSION btree_gist;"
                  "CREATE TABLE appointments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, doctor_id bigint NOT "
                  "NULL, start_at bigint NOT NULL, end_at bigint NOT NULL, status text NOT NULL, "
                  "CONSTRAINT appointments_doctor_overlap EXCLUDE USING gist (doctor_id WITH =, "
                  "int8range(start_at, end_at) WITH &&) WHERE (status <> 'cancelled'))"));
  auto book = c->prepare("INSERT INTO appointments(doctor_id, start_at, end_at, status) VALUES (?1, ?2, ?3, ?4)");
  REQUIRE(book);
  REQUIRE(book->bind_all(1, 600, 630, "booked").exec());
  book->reset();
  CHECK(book->bind_all(1, 630, 660, "booked").exec());  // touching is not overlapping
  book->reset();
  CHECK(book->bind_all(2, 600, 630, "booked").exec());  // another doctor
  book->reset();
  auto clash = book->bind_all(1, 615, 645, "booked").exec();
  REQUIRE_FALSE(clash);
  CHECK(clash.error().code == ErrorCode::Conflict);
  CHECK(clash.error().detail.find("appointments_doctor_overlap") != std::string::npos);
  book->reset();
  CHECK(book->bind_all(1, 615, 645, "cancelled").exec());  // a cancelled one holds no time
}

TEST_CASE("pg: two desks opening the one till at once: one wins, the other is run again and sees it") {
  test::PgCluster server;
  {
    auto c = pg::Connection::open(server.conninfo());
    REQUIRE(c);
    REQUIRE(c->exec("CREATE TABLE cash_shifts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, till text NOT NULL, "
                    "closed boolean NOT NULL DEFAULT false)"));
  }
  // Read, then write: safe under SQLite's single writer; under SERIALIZABLE one of the two fails
  // with 40001 and the wrapper runs it again, when it finds the other's shift.
  std::atomic<int> read_both{0};
  auto open_shift = [&](pg::Connection& c) -> Status {
    auto open = c.query_int("SELECT count(*) FROM cash_shifts WHERE till = 'main' AND NOT closed");
    if (!open) return std::unexpected(open.error());
    // Both desks read before either writes (on the first run only).
    if (read_both.fetch_add(1) < 2)
      while (read_both.load() < 2) std::this_thread::yield();
    if (*open > 0) return fail(ErrorCode::Conflict, "A shift is already open at this till.");
    return c.exec("INSERT INTO cash_shifts(till) VALUES ('main')");
  };
  Status results[2];
  int attempts[2] = {0, 0};
  std::thread desks[2];
  for (int i = 0; i < 2; ++i)
    desks[i] = std::thread([&, i] {
      auto c = pg::Connection::open(server.conninfo());
      if (!c) {
        results[i] = std::unexpected(c.error());
        return;
      }
      results[i] = c->write_transaction(open_shift, 8, &attempts[i]);
    });
  for (auto& t : desks) t.join();
  const int won = (results[0] ? 1 : 0) + (results[1] ? 1 : 0);
  CHECK(won == 1);
  const int loser = results[0] ? 1 : 0;
  REQUIRE_FALSE(results[loser]);
  CHECK(results[loser].error().message == "A shift is already open at this till.");
  CHECK(attempts[loser] == 2);  // refused by the server once, then refused by the rule
  CHECK(attempts[1 - loser] == 1);
  auto c = pg::Connection::open(server.conninfo());
  REQUIRE(c);
  CHECK(*c->query_int("SELECT count(*) FROM cash_shifts") == 1);
}

TEST_CASE("pg: the server gone is said in words, not a crash") {
  test::PgCluster server;
  auto c = pg::Connection::open(server.conninfo());
  REQUIRE(c);
  server.stop();
  auto after = c->query_int("SELECT 1");
  REQUIRE_FALSE(after);
  CHECK(after.error().code == ErrorCode::Io);
  CHECK(after.error().message.find("cannot be reached") != std::string::npos);
  auto again = pg::Connection::open(server.conninfo());
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::Io);
}

TEST_CASE("pg: a desk hears another desk's booking at commit, not a rolled-back one, and reloads after the server was gone") {
  test::PgCluster server;
  auto desk = pg::Connection::open(server.conninfo());
  REQUIRE(desk);
  REQUIRE(desk->exec("CREATE TABLE appointments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);"
                     "CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                     "PERFORM pg_notify('registratura', TG_TABLE_NAME); RETURN NULL; END $$;"
                     "CREATE TRIGGER appointments_changed AFTER INSERT OR UPDATE OR DELETE ON appointments "
                     "FOR EACH STATEMENT EXECUTE FUNCTION notify_change()"));
  auto listener = pg::Listener::open(server.conninfo(), {"registratura"});
  REQUIRE(listener);
  auto wait_for = [&](auto&& done) {
    pg::Changes got;
    for (int i = 0; i < 200; ++i) {  // at most 2 s
      auto c = listener->poll();
      got.payloads.insert(got.payloads.end(), c.payloads.begin(), c.payloads.end());
      got.refresh = got.refresh || c.refresh;
      got.connected = c.connected;
      if (done(got)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return got;
  };
  CHECK(listener->poll().payloads.empty());
  // Rolled back: nothing is heard.
  REQUIRE(desk->exec("BEGIN; INSERT INTO appointments(note) VALUES ('draft'); ROLLBACK"));
  REQUIRE(desk->exec("INSERT INTO appointments(note) VALUES ('booked')"));
  auto heard = wait_for([](const pg::Changes& c) { return !c.payloads.empty(); });
  REQUIRE(heard.payloads.size() == 1);
  CHECK(heard.payloads[0] == "appointments");
  CHECK_FALSE(heard.refresh);

  // The server restarts (a reboot of the clinic's server): the listener says «reload everything»
  // and hears what comes after.
  server.stop(false);
  auto away = wait_for([](const pg::Changes& c) { return !c.connected; });
  CHECK(away.refresh);
  CHECK_FALSE(away.connected);
  server.start();
  auto back = wait_for([](const pg::Changes& c) { return c.connected && c.refresh; });
  CHECK(back.refresh);
  auto other = pg::Connection::open(server.conninfo());
  REQUIRE(other);
  auto moved = other->exec("UPDATE appointments SET note = 'moved'");
  REQUIRE_MESSAGE(moved, (moved ? "" : moved.error().detail));
  auto after = wait_for([](const pg::Changes& c) { return !c.payloads.empty(); });
  REQUIRE(after.payloads.size() == 1);
  CHECK(after.payloads[0] == "appointments");
}
