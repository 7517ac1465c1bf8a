// RAII wrappers over SQLite that keep SQLite's own words: Database, Statement, Transaction.
// One Database per thread; statements are cached per connection and reset after use.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>

#include "binds.h"
#include "error.h"

// Propagate an error from an expression returning Status / Result<T>.
#define RG_CONCAT_INNER(a, b) a##b
#define RG_CONCAT(a, b) RG_CONCAT_INNER(a, b)
#define RG_TRY(expr)                                                   \
  do {                                                                 \
    auto&& rg_try_result_ = (expr);                                    \
    if (!rg_try_result_) return std::unexpected(rg_try_result_.error()); \
  } while (0)
#define RG_TRY_ASSIGN(lhs, expr) RG_TRY_ASSIGN_IMPL(RG_CONCAT(rg_try_, __LINE__), lhs, expr)
#define RG_TRY_ASSIGN_IMPL(tmp, lhs, expr)                 \
  auto tmp = (expr);                                       \
  if (!tmp) return std::unexpected(std::move(tmp).error()); \
  lhs = std::move(*tmp)

namespace rg::db {

// Turns an SQLite result code plus the connection's message into a typed Error.
Error sqlite_error(sqlite3* db, int rc, std::string_view context);

class Statement : public Binds<Statement> {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binding by 1-based index. Text is copied (SQLITE_TRANSIENT): callers keep no lifetimes. The
  // other overloads and bind_all come from Binds (binds.h).
  using Binds<Statement>::bind;
  Statement& bind(int i, std::nullptr_t);
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v);

  // One step: true when a row is ready, false when done.
  Result<bool> step();
  // Steps to the end, for statements that return no rows.
  Status exec();
  // For INSERT ... RETURNING id: steps once, reads column 0 of the one row, then steps to the
  // end. A statement that returns no row is an Internal error.
  Result<std::int64_t> exec_returning_id();
  // Steps to the end and returns how many rows this INSERT / UPDATE / DELETE changed itself
  // (not counting the rows its triggers change).
  Result<std::int64_t> exec_count();

  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t col_int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double col_double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string col_text(int col) const;
  std::string_view col_view(int col) const;  // valid until the next step/reset
  std::optional<std::string> col_opt_text(int col) const;
  std::optional<std::int64_t> col_opt_int(int col) const;

  void reset();
  sqlite3_stmt* handle() const { return stmt_; }
  const char* sql() const { return stmt_ ? sqlite3_sql(stmt_) : ""; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// A cached statement on loan: reset and unbound when the loan ends.
class CachedStatement {
 public:
  explicit CachedStatement(Statement* s) : s_(s) {}
  CachedStatement(CachedStatement&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  CachedStatement& operator=(CachedStatement&&) = delete;
  ~CachedStatement();
  Statement* operator->() const { return s_; }
  Statement& operator*() const { return *s_; }

 private:
  Statement* s_;
};

struct OpenOptions {
  bool create = true;
  bool read_only = false;
  int busy_timeout_ms = 5000;
};

class Database {
 public:
  // Opens the file without changing it: no pragma that writes runs here (see configure()).
  static Result<Database> open(const std::string& path, const OpenOptions& opts = {});

  Database() = default;
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // WAL, foreign keys, synchronous=NORMAL: the settings every Registratura connection runs with.
  Status configure();

  Status exec(std::string_view sql);  // one or more statements, no rows
  Result<Statement> prepare(std::string_view sql);
  // Prepared once per connection, kept for its life (bitcoin's wallet/sqlite.cpp does the same).
  Result<CachedStatement> cached(std::string_view sql);

  // Single-value helpers for pragmas and counts.
  Result<std::int64_t> query_int(std::string_view sql);

  // Changes when another connection commits: the cheap "reload?" check.
  Result<std::int64_t> data_version();
  // Copies the whole database to a file with SQLite's online backup API.
  Status backup_to(const std::string& dest_path);
  // Replaces this database's content with the file's, page by page, through this connection.
  Status restore_from(const std::string& src_path);

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  bool in_transaction() const { return db_ && !sqlite3_get_autocommit(db_); }

 private:
  void close();
  sqlite3* db_ = nullptr;
  std::string path_;
  std::thread::id owner_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

enum class Durability {
  Normal,  // WAL + synchronous=NORMAL: survives a crash of the process
  Full,    // synchronous=FULL: survives a power cut; for anything that carries money
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed. Never throws.
class Transaction {
 public:
  static Result<Transaction> begin(Database& db, Durability d = Durability::Normal);
  Transaction(Transaction&& o) noexcept : db_(o.db_), durability_(o.durability_) { o.db_ = nullptr; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status commit();
  void rollback();

 private:
  Transaction(Database* db, Durability d) : db_(db), durability_(d) {}
  void restore_durability();
  Database* db_;
  Durability durability_;
};

// Current time as UTC seconds / milliseconds since the epoch: the one clock of every process.
// A demo clinic runs it shifted (set_clock_offset) so the demo's day and its data agree.
std::int64_t now_unix();
std::int64_t now_unix_ms();
void set_clock_offset(std::int64_t seconds);
std::int64_t clock_offset();

}  // namespace rg::db
