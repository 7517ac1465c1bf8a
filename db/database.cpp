// SQLite connection, statements and transactions with errors as values.
#include "database.h"

#include <functional>

#include <cassert>
#include <atomic>
#include <chrono>

#include "i18n.h"

namespace rg {

const char* to_string(ErrorCode c) {
  switch (c) {
    case ErrorCode::Invalid: return "invalid";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::Busy: return "busy";
    case ErrorCode::SchemaTooNew: return "schema_too_new";
    case ErrorCode::Io: return "io";
    case ErrorCode::Internal: return "internal";
  }
  return "?";
}

}  // namespace rg

namespace rg::db {

Error sqlite_error(sqlite3* db, int rc, std::string_view context) {
  std::string detail(context);
  detail += ": ";
  detail += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {ErrorCode::Busy,
              _("The database is busy with another desk for too long. Try again in a moment."),
              detail};
    case SQLITE_CONSTRAINT:
      // Overlaps and unique values lost to another writer are conflicts; the caller that knows
      // the domain turns them into a precise sentence.
      return {ErrorCode::Conflict, _("The data conflicts with what is already saved."), detail};
    case SQLITE_FULL:
      return {ErrorCode::Io, _("The disk is full: nothing was saved. Free some space and retry."),
              detail};
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return {ErrorCode::Io, _("The database file cannot be opened for writing."), detail};
    case SQLITE_IOERR:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {ErrorCode::Io, _("The database file cannot be read. Call your administrator."),
              detail};
    default:
      return {ErrorCode::Internal, _("Internal error in the database layer."), detail};
  }
}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int i, std::nullptr_t) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}
Statement& Statement::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = sqlite_error(db_, rc, sql());
  sqlite3_reset(stmt_);
  return std::unexpected(std::move(e));
}

Status Statement::exec() {
  for (;;) {
    RG_TRY_ASSIGN(bool row, step());
    if (!row) return {};
  }
}

Result<std::int64_t> Statement::exec_returning_id() {
  RG_TRY_ASSIGN(bool row, step());
  if (!row) return fail(ErrorCode::Internal, _("Internal error in the database layer."),
                        std::string("no row returned: ") + sql());
  const std::int64_t id = col_int(0);
  RG_TRY(exec());
  return id;
}

Result<std::int64_t> Statement::exec_count() {
  RG_TRY(exec());
  return sqlite3_changes64(db_);
}

std::string Statement::col_text(int col) const { return std::string(col_view(col)); }

std::string_view Statement::col_view(int col) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (!p) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::optional<std::string> Statement::col_opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return col_text(col);
}

std::optional<std::int64_t> Statement::col_opt_int(int col) const {
  if (is_null(col)) return std::nullopt;
  return col_int(col);
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

CachedStatement::~CachedStatement() {
  if (s_) s_->reset();
}

Result<Database> Database::open(const std::string& path, const OpenOptions& opts) {
  Database d;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  flags |= opts.read_only ? SQLITE_OPEN_READONLY
                          : (SQLITE_OPEN_READWRITE | (opts.create ? SQLITE_OPEN_CREATE : 0));
  int rc = sqlite3_open_v2(path.c_str(), &d.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(d.db_, rc, "open " + path);
    return std::unexpected(std::move(e));
  }
  sqlite3_extended_result_codes(d.db_, 1);
  sqlite3_busy_timeout(d.db_, opts.busy_timeout_ms);
  d.path_ = path;
  d.owner_ = std::this_thread::get_id();
  return d;
}

Database::Database(Database&& o) noexcept
    : db_(o.db_), path_(std::move(o.path_)), owner_(o.owner_), cache_(std::move(o.cache_)) {
  o.db_ = nullptr;
}

Database& Database::operator=(Database&& o) noexcept {
  if (this != &o) {
    close();
    db_ = o.db_;
    path_ = std::move(o.path_);
    owner_ = o.owner_;
    cache_ = std::move(o.cache_);
    o.db_ = nullptr;
  }
  return *this;
}

Database::~Database() { close(); }

void Database::close() {
  cache_.clear();  // statements first: sqlite3_close refuses while any is alive
  if (db_) sqlite3_close(db_);
  db_ = nullptr;
}

Status Database::configure() {
  // Switching a new file to WAL needs an exclusive lock, and SQLite answers "locked" at once
  // instead of waiting through the busy handler: processes opening a new file together (two
  // desks started at once) take turns here for as long as the busy timeout allows.
  RG_TRY_ASSIGN(const std::int64_t wait_ms, query_int("PRAGMA busy_timeout"));
  for (std::int64_t waited = 0;; waited += 10) {
    // journal_mode answers with a row, so it goes through a statement.
    RG_TRY_ASSIGN(auto st, prepare("PRAGMA journal_mode=WAL"));
    auto switched = st.step();
    if (switched) break;
    if (switched.error().code != ErrorCode::Busy || waited >= wait_ms) return std::unexpected(switched.error());
    sqlite3_sleep(10);
  }
  return exec(
      "PRAGMA foreign_keys=ON;"
      "PRAGMA synchronous=NORMAL;"
      "PRAGMA temp_store=MEMORY;"
      "PRAGMA cache_size=-16000;"
      // Reads through mmap skip a syscall and a copy per page: random patient rows in a
      // 1M-patient file are the grid's and the phone search's main cost. Mapped pages count in
      // the process's resident memory, so the window is bounded: 128 MB keeps the front desk
      // under 150 MB with the 1M-patient file and every search p99 under 1 ms (bench/).
      "PRAGMA mmap_size=134217728;");
}

Status Database::exec(std::string_view sql) {
  assert(owner_ == std::this_thread::get_id() && "one connection per thread");
  std::string s(sql);
  char* msg = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &msg);
  sqlite3_free(msg);
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(db_, rc, sql.substr(0, 200)));
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  assert(owner_ == std::this_thread::get_id() && "one connection per thread");
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), 0, &stmt, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(db_, rc, sql));
  return Statement(db_, stmt);
}

Result<CachedStatement> Database::cached(std::string_view sql) {
  assert(owner_ == std::this_thread::get_id() && "one connection per thread");
  std::string key(sql);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return std::unexpected(sqlite_error(db_, rc, sql));
    it = cache_.emplace(std::move(key), std::make_unique<Statement>(db_, stmt)).first;
  }
  return CachedStatement(it->second.get());
}

Result<std::int64_t> Database::query_int(std::string_view sql) {
  RG_TRY_ASSIGN(auto st, prepare(sql));
  RG_TRY_ASSIGN(bool row, st.step());
  if (!row) return fail(ErrorCode::Internal, _("Internal error in the database layer."),
                        std::string("no row: ") + std::string(sql));
  return st.col_int(0);
}

Result<std::int64_t> Database::data_version() {
  RG_TRY_ASSIGN(auto st, cached("PRAGMA data_version"));
  RG_TRY_ASSIGN(bool row, st->step());
  (void)row;
  return st->col_int(0);
}

namespace {

// SQLite's online backup from `src` into `dest` (both "main"), stepping and waiting out locks.
Status copy_pages(sqlite3* dest, sqlite3* src, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", src, "main");
  if (!b) return std::unexpected(sqlite_error(dest, sqlite3_errcode(dest), what + " init"));
  int rc;
  do {
    rc = sqlite3_backup_step(b, 1024);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(dest, rc, what));
  return {};
}

// The other end of a copy: a file opened for the copy's time only.
Status with_file(const std::string& path, int flags, const std::function<Status(sqlite3*)>& use) {
  sqlite3* other = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &other, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(other, rc, "open " + path);
    sqlite3_close(other);
    return std::unexpected(std::move(e));
  }
  Status st = use(other);
  rc = sqlite3_close(other);
  if (st && rc != SQLITE_OK) return std::unexpected(sqlite_error(nullptr, rc, "close " + path));
  return st;
}

}  // namespace

Status Database::backup_to(const std::string& dest_path) {
  return with_file(dest_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                   [&](sqlite3* dest) { return copy_pages(dest, db_, "backup to " + dest_path); });
}

Status Database::restore_from(const std::string& src_path) {
  return with_file(src_path, SQLITE_OPEN_READONLY,
                   [&](sqlite3* src) { return copy_pages(db_, src, "restore from " + src_path); });
}

Result<Transaction> Transaction::begin(Database& db, Durability d) {
  if (d == Durability::Full) RG_TRY(db.exec("PRAGMA synchronous=FULL"));
  auto st = db.cached("BEGIN IMMEDIATE");
  if (!st) return std::unexpected(st.error());
  auto r = (*st)->exec();
  if (!r) {
    if (d == Durability::Full) (void)db.exec("PRAGMA synchronous=NORMAL");
    return std::unexpected(r.error());
  }
  return Transaction(&db, d);
}

Transaction::~Transaction() { rollback(); }

Status Transaction::commit() {
  if (!db_) return fail(ErrorCode::Internal, _("Internal error in the database layer."),
                        "commit without a transaction");
  auto st = db_->cached("COMMIT");
  if (!st) return std::unexpected(st.error());
  auto r = (*st)->exec();
  if (!r) return r;  // still open: the destructor rolls back
  restore_durability();
  db_ = nullptr;
  return {};
}

void Transaction::rollback() {
  if (!db_) return;
  if (db_->in_transaction()) {
    if (auto st = db_->cached("ROLLBACK")) (void)(*st)->exec();
  }
  restore_durability();
  db_ = nullptr;
}

void Transaction::restore_durability() {
  if (durability_ == Durability::Full) (void)db_->exec("PRAGMA synchronous=NORMAL");
}

namespace {
std::atomic<std::int64_t> g_clock_offset{0};
}

std::int64_t now_unix() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count() + g_clock_offset.load();
}

std::int64_t now_unix_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() + g_clock_offset.load() * 1000;
}

void set_clock_offset(std::int64_t seconds) { g_clock_offset.store(seconds); }
std::int64_t clock_offset() { return g_clock_offset.load(); }

}  // namespace rg::db
