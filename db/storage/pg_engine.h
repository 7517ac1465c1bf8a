// The PostgreSQL side of the storage layer (issue 18), over libpq: a connection, prepared
// statements with the same bind / step / column shape as the SQLite Statement, SQL written once
// (the `?N` placeholders both engines' texts use become `$N` here), the server's SQLSTATEs mapped to
// the core's typed errors with the same sentences, and the write transaction PostgreSQL needs for
// what SQLite's single writer gave for free: SERIALIZABLE, run again on a serialization failure or
// a deadlock (40001 / 40P01) after a short random pause — so the body must be pure database work,
// never a device or network call.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "binds.h"
#include "error.h"

namespace rg::db::pg {

// `?1` → `$1` outside quoted text and comments; everything else is left as written.
std::string to_pg_placeholders(std::string_view sql);

// A failed statement as the core's error. Unique and exclusion violations are Conflict with a
// detail in SQLite's words where the column can be named («UNIQUE constraint failed: rooms.number»)
// so the domain's sentences work on both engines; foreign keys and checks are Conflict as in
// SQLite; 40001/40P01 Busy; a server or network gone Io; privileges Forbidden.
Error error_from(const char* sqlstate, std::string_view message, std::string_view table = {},
                 std::string_view constraint = {}, std::string_view key_detail = {});

class Connection;

class Statement : public Binds<Statement> {
 public:
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;
  ~Statement() = default;

  // The primitive binds (values sent as text); the rest come from Binds (binds.h).
  using Binds<Statement>::bind;
  Statement& bind(int i, std::nullptr_t);
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v);

  // The first call runs the statement; each call then gives the next row (true) or the end.
  Result<bool> step();
  Status exec();
  Result<std::int64_t> exec_count();        // rows the statement changed
  Result<std::int64_t> exec_returning_id();  // INSERT … RETURNING id

  bool is_null(int col) const;
  std::int64_t col_int(int col) const;
  double col_double(int col) const;
  std::string col_text(int col) const;
  std::optional<std::int64_t> col_opt_int(int col) const;
  // Ready to run again with new values.
  void reset();

 private:
  friend class Connection;
  Statement(Connection* c, std::string name, std::string sql) : conn_(c), name_(std::move(name)), sql_(std::move(sql)) {}
  Status run();

  struct ResultFree {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  Connection* conn_ = nullptr;
  std::string name_, sql_;
  std::vector<std::optional<std::string>> params_;
  std::unique_ptr<PGresult, ResultFree> result_;
  int row_ = -1;
  bool ran_ = false;
};

class Connection {
 public:
  // A libpq connection string or URI (`host=/run/… dbname=clinic`, `postgresql://…`, `service=…`);
  // passwords come from ~/.pgpass or the service file, never from here into a log.
  static Result<Connection> open(const std::string& conninfo);
  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;
  ~Connection() = default;

  // A server-side prepared statement; the text is written with `?N` as for SQLite.
  Result<Statement> prepare(std::string_view sql);
  // Statements without parameters, several allowed (schema, SET, LISTEN).
  Status exec(std::string_view sql);
  Result<std::int64_t> query_int(std::string_view sql);

  // The engine's strongest write: BEGIN ISOLATION LEVEL SERIALIZABLE, `body`, COMMIT; on 40001 or
  // 40P01 (from the body or the commit) rolled back and run again after a random pause of up to
  // 10 · 2^attempt ms, at most `tries` times; any other error rolls back and is returned.
  // `attempts`, when given, counts the runs (for tests and logs).
  Status write_transaction(const std::function<Status(Connection&)>& body, int tries = 8, int* attempts = nullptr);

  PGconn* raw() const { return conn_.get(); }

 private:
  struct ConnFree {
    void operator()(PGconn* c) const { PQfinish(c); }
  };
  explicit Connection(PGconn* c) : conn_(c) {}
  friend class Statement;
  Error error_of(PGresult* r, std::string_view context) const;

  std::unique_ptr<PGconn, ConnFree> conn_;
  int next_statement_ = 0;
};

}  // namespace rg::db::pg
