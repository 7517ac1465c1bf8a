#include "pg_engine.h"

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "i18n.h"

namespace rg::db::pg {
namespace {

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// «Key (login)=(smirnova) already exists.» → «login»; «Key (a, b)=(…)» → «a, b».
std::string key_columns(std::string_view detail) {
  const auto open = detail.find('(');
  const auto close = detail.find(")=(");
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
  return std::string(detail.substr(open + 1, close - open - 1));
}

}  // namespace

std::string to_pg_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  enum { Code, Single, Double, Line, Block } state = Code;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    switch (state) {
      case Code:
        if (c == '\'') state = Single;
        else if (c == '"') state = Double;
        else if (c == '-' && next == '-') state = Line;
        else if (c == '/' && next == '*') state = Block;
        else if (c == '?' && next >= '0' && next <= '9') {
          out += '$';
          continue;
        }
        break;
      case Single:
        if (c == '\'') state = Code;  // '' inside a literal leaves and re-enters: the same text
        break;
      case Double:
        if (c == '"') state = Code;
        break;
      case Line:
        if (c == '\n') state = Code;
        break;
      case Block:
        if (c == '*' && next == '/') {
          out += "*/";
          ++i;
          state = Code;
          continue;
        }
        break;
    }
    out += c;
  }
  return out;
}

Error error_from(const char* sqlstate, std::string_view message, std::string_view table, std::string_view constraint,
                 std::string_view key_detail) {
  const std::string_view code = sqlstate ? sqlstate : "";
  std::string detail = std::string(code.empty() ? "-----" : code) + ": " + std::string(message);
  if (code == "23505") {
    // In SQLite's words, so the domain's checks («rooms.number») read the same on both engines.
    std::string cols = key_columns(key_detail), named;
    for (std::size_t at = 0; at < cols.size();) {
      std::size_t end = cols.find(", ", at);
      if (end == std::string::npos) end = cols.size();
      named += (named.empty() ? "" : ", ") + std::string(table) + "." + cols.substr(at, end - at);
      at = end + 2;
    }
    detail = "UNIQUE constraint failed: " + named + " (" + std::string(constraint) + ")";
  }
  if (starts(code, "23"))
    return {ErrorCode::Conflict, _("The data conflicts with what is already saved."),
            code == "23P01" ? "EXCLUDE constraint failed: " + std::string(constraint) : detail};
  if (code == "40001" || code == "40P01" || code == "55P03")
    return {ErrorCode::Busy, _("The database is busy with another desk for too long. Try again in a moment."), detail};
  if (starts(code, "08") || starts(code, "57P") || code.empty())
    return {ErrorCode::Io, _("The database server cannot be reached: nothing was saved. Check the network and retry."),
            detail};
  if (code == "42501") return {ErrorCode::Forbidden, _("This computer's database account may not do this."), detail};
  if (code == "53100") return {ErrorCode::Io, _("The disk is full: nothing was saved. Free some space and retry."), detail};
  return {ErrorCode::Internal, _("Internal error in the database layer."), detail};
}

Error Connection::error_of(PGresult* r, std::string_view context) const {
  auto field = [&](int f) -> std::string_view {
    const char* v = r ? PQresultErrorField(r, f) : nullptr;
    return v ? v : "";
  };
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = r ? std::string(field(PG_DIAG_MESSAGE_PRIMARY)) : std::string(PQerrorMessage(conn_.get()));
  if (!state && PQstatus(conn_.get()) != CONNECTION_OK) state = "08006";
  Error e = error_from(state, message, field(PG_DIAG_TABLE_NAME), field(PG_DIAG_CONSTRAINT_NAME),
                       field(PG_DIAG_MESSAGE_DETAIL));
  e.detail = std::string(context) + ": " + e.detail;
  return e;
}

Result<Connection> Connection::open(const std::string& conninfo) {
  PGconn* raw = PQconnectdb(conninfo.c_str());
  Connection c(raw);
  if (!raw || PQstatus(raw) != CONNECTION_OK) {
    std::string why = raw ? PQerrorMessage(raw) : "out of memory";
    return fail(ErrorCode::Io, _("The database server cannot be reached: nothing was saved. Check the network and retry."),
                "connect: " + why);
  }
  if (PQsetClientEncoding(raw, "UTF8") != 0)
    return fail(ErrorCode::Internal, _("Internal error in the database layer."), "client_encoding UTF8 refused");
  return c;
}

Result<Statement> Connection::prepare(std::string_view sql) {
  std::string text = to_pg_placeholders(sql);
  std::string name = "rg" + std::to_string(++next_statement_);
  std::unique_ptr<PGresult, Statement::ResultFree> r(PQprepare(conn_.get(), name.c_str(), text.c_str(), 0, nullptr));
  if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) return std::unexpected(error_of(r.get(), text));
  return Statement(this, std::move(name), std::move(text));
}

Status Connection::exec(std::string_view sql) {
  std::unique_ptr<PGresult, Statement::ResultFree> r(PQexec(conn_.get(), std::string(sql).c_str()));
  const auto s = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) return std::unexpected(error_of(r.get(), sql.substr(0, 200)));
  return {};
}

Result<std::int64_t> Connection::query_int(std::string_view sql) {
  std::unique_ptr<PGresult, Statement::ResultFree> r(PQexec(conn_.get(), std::string(sql).c_str()));
  if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK) return std::unexpected(error_of(r.get(), sql.substr(0, 200)));
  if (PQntuples(r.get()) < 1 || PQgetisnull(r.get(), 0, 0))
    return fail(ErrorCode::Internal, _("Internal error in the database layer."), "no value: " + std::string(sql));
  return std::strtoll(PQgetvalue(r.get(), 0, 0), nullptr, 10);
}

Status Connection::write_transaction(const std::function<Status(Connection&)>& body, int tries, int* attempts) {
  static thread_local std::mt19937 rng(std::random_device{}());
  Error last;
  for (int attempt = 0; attempt < tries; ++attempt) {
    if (attempts) *attempts = attempt + 1;
    if (attempt > 0) {
      std::uniform_int_distribution<int> pause(0, 10 << std::min(attempt, 6));
      std::this_thread::sleep_for(std::chrono::milliseconds(pause(rng)));
    }
    if (auto st = exec("BEGIN ISOLATION LEVEL SERIALIZABLE"); !st) return st;
    Status st = body(*this);
    if (st) st = exec("COMMIT");
    if (st) return {};
    (void)exec("ROLLBACK");
    last = st.error();
    const auto at = last.detail.find(": 40");
    const bool retry = last.code == ErrorCode::Busy && at != std::string::npos &&
                       (last.detail.compare(at + 2, 5, "40001") == 0 || last.detail.compare(at + 2, 5, "40P01") == 0);
    if (!retry) return std::unexpected(last);
  }
  return std::unexpected(last);
}

Statement& Statement::bind(int i, std::nullptr_t) {
  if (params_.size() < static_cast<std::size_t>(i)) params_.resize(static_cast<std::size_t>(i));
  params_[static_cast<std::size_t>(i - 1)].reset();
  return *this;
}
Statement& Statement::bind(int i, std::int64_t v) { return bind(i, std::string_view(std::to_string(v))); }
Statement& Statement::bind(int i, double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return bind(i, std::string_view(buf));
}
Statement& Statement::bind(int i, std::string_view v) {
  if (params_.size() < static_cast<std::size_t>(i)) params_.resize(static_cast<std::size_t>(i));
  params_[static_cast<std::size_t>(i - 1)] = std::string(v);
  return *this;
}

Status Statement::run() {
  std::vector<const char*> values;
  values.reserve(params_.size());
  for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
  result_.reset(PQexecPrepared(conn_->conn_.get(), name_.c_str(), static_cast<int>(values.size()), values.data(),
                               nullptr, nullptr, 0));
  ran_ = true;
  row_ = -1;
  const auto s = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
    Error e = conn_->error_of(result_.get(), sql_.substr(0, 200));
    result_.reset();
    return std::unexpected(e);
  }
  return {};
}

Result<bool> Statement::step() {
  if (!ran_) {
    if (auto st = run(); !st) return std::unexpected(st.error());
  }
  ++row_;
  return result_ && row_ < PQntuples(result_.get());
}

Status Statement::exec() {
  if (auto st = run(); !st) return st;
  return {};
}

Result<std::int64_t> Statement::exec_count() {
  if (auto st = run(); !st) return std::unexpected(st.error());
  return std::strtoll(PQcmdTuples(result_.get()), nullptr, 10);
}

Result<std::int64_t> Statement::exec_returning_id() {
  if (auto st = run(); !st) return std::unexpected(st.error());
  if (PQntuples(result_.get()) != 1 || PQgetisnull(result_.get(), 0, 0))
    return fail(ErrorCode::Internal, _("Internal error in the database layer."), "no id returned: " + sql_);
  return std::strtoll(PQgetvalue(result_.get(), 0, 0), nullptr, 10);
}

bool Statement::is_null(int col) const { return !result_ || PQgetisnull(result_.get(), row_, col); }
std::int64_t Statement::col_int(int col) const {
  return is_null(col) ? 0 : std::strtoll(PQgetvalue(result_.get(), row_, col), nullptr, 10);
}
double Statement::col_double(int col) const {
  return is_null(col) ? 0.0 : std::strtod(PQgetvalue(result_.get(), row_, col), nullptr);
}
std::string Statement::col_text(int col) const {
  return is_null(col) ? std::string() : std::string(PQgetvalue(result_.get(), row_, col));
}
std::optional<std::int64_t> Statement::col_opt_int(int col) const {
  if (is_null(col)) return std::nullopt;
  return col_int(col);
}

void Statement::reset() {
  result_.reset();
  ran_ = false;
  row_ = -1;
}

}  // namespace rg::db::pg
