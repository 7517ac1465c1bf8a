// Sign-in attempts count misses since the last success, per login and per desk; they are kept
// 90 days (a supervisor reads them when someone says «it was not me»).
#include "sessions.h"

#include "clinic.h"
#include "text.h"

namespace rg::db {
namespace {

// Misses since the last success within the window, and the last miss.
Result<std::pair<std::int64_t, std::int64_t>> misses(Database& db, const char* column, std::string_view key,
                                                     std::int64_t since) {
  std::string sql = std::string("SELECT count(*), coalesce(max(at), 0) FROM sign_in_attempts WHERE ") + column +
                    " = ?1 AND ok = 0 AND at > ?2 AND at > coalesce((SELECT max(at) FROM sign_in_attempts WHERE " +
                    column + " = ?1 AND ok = 1), 0)";
  RG_TRY_ASSIGN(auto st, db.cached(sql));
  st->bind_all(key, since);
  RG_TRY(st->step());
  return std::pair{st->col_int(0), st->col_int(1)};
}

constexpr const char* kCredentials =
    "SELECT id, login, full_name, coalesce(password_hash, ''), coalesce(pin_hash, ''), blocked_at IS NOT NULL, "
    "must_change_password, blocked_reason FROM users ";

Result<std::optional<Credentials>> read_credentials(CachedStatement& st) {
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return std::optional<Credentials>();
  Credentials c;
  c.user_id = st->col_int(0);
  c.login = st->col_text(1);
  c.full_name = st->col_text(2);
  c.password_hash = st->col_text(3);
  c.pin_hash = st->col_text(4);
  c.blocked = st->col_int(5) != 0;
  c.must_change_password = st->col_int(6) != 0;
  c.blocked_reason = st->col_text(7);
  return std::optional<Credentials>(std::move(c));
}

}  // namespace

std::string shared_place_key(std::string_view place) { return "auth.shared." + std::string(place); }

Result<SignInRules> load_sign_in_rules(Database& db) {
  SignInRules r;
  RG_TRY_ASSIGN(r.login_misses, get_setting_int(db, "auth.login_misses", r.login_misses, 3, 20));
  RG_TRY_ASSIGN(r.place_misses, get_setting_int(db, "auth.place_misses", r.place_misses, 3, 50));
  RG_TRY_ASSIGN(int pause_min, get_setting_int(db, "auth.pause_min", r.pause_s / 60, 1, 120));
  r.pause_s = pause_min * 60;
  return r;
}

Result<std::optional<Pause>> sign_in_paused(Database& db, std::string_view place, std::string_view login,
                                            std::int64_t now, const SignInRules& rules) {
  const std::int64_t since = now - rules.window_s;
  if (!login.empty()) {
    RG_TRY_ASSIGN(auto by_login, misses(db, "login", fold_spaces(login), since));
    if (by_login.first >= rules.login_misses && now < by_login.second + rules.pause_s)
      return std::optional<Pause>(Pause{by_login.second + rules.pause_s, true});
  }
  RG_TRY_ASSIGN(auto by_place, misses(db, "place", place, since));
  if (by_place.first >= rules.place_misses && now < by_place.second + rules.pause_s)
    return std::optional<Pause>(Pause{by_place.second + rules.pause_s, false});
  return std::optional<Pause>();
}

Status record_sign_in_attempt(Database& db, std::string_view place, std::string_view login, bool ok,
                              std::int64_t now) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY_ASSIGN(auto st, db.cached("INSERT INTO sign_in_attempts(at, place, login, ok) VALUES (?1, ?2, ?3, ?4)"));
  st->bind_all(now, utf8_truncate(place, 100), utf8_truncate(fold_spaces(login), 64), ok);
  RG_TRY(st->exec());
  RG_TRY_ASSIGN(auto old, db.cached("DELETE FROM sign_in_attempts WHERE at < ?1"));
  old->bind(1, now - 90 * 86400);
  RG_TRY(old->exec());
  return tx.commit();
}

Result<std::optional<Credentials>> credentials_by_login(Database& db, std::string_view login) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kCredentials) + "WHERE login = ?1 AND active = 1"));
  st->bind(1, fold_spaces(login));
  return read_credentials(st);
}

Result<std::optional<Credentials>> credentials_by_id(Database& db, std::int64_t user_id) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kCredentials) + "WHERE id = ?1 AND active = 1"));
  st->bind(1, user_id);
  return read_credentials(st);
}

Result<std::int64_t> start_session(Database& db, std::int64_t user_id, std::string_view place, SignInMethod how,
                                   std::int64_t now) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO sessions(user_id, place, method, started_at) VALUES (?1, ?2, ?3, ?4) RETURNING id"));
  st->bind_all(user_id, utf8_truncate(place, 100), how == SignInMethod::Pin ? "pin" : "password", now);
  return st->exec_returning_id();
}

Status end_session(Database& db, std::int64_t session_id, SessionEnd how, std::int64_t now) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE sessions SET ended_at = ?2, ended_how = ?3 WHERE id = ?1 AND ended_at IS NULL"));
  st->bind_all(session_id, now,
               how == SessionEnd::SignOut ? "sign_out" : how == SessionEnd::Switch ? "switch" : "closed");
  return st->exec();
}

Result<std::vector<RecentPerson>> recent_at_place(Database& db, std::string_view place, std::int64_t since,
                                                  int limit) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT u.id, u.login, u.full_name FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.place = ?1 AND s.started_at >= ?2 AND u.active = 1 AND u.blocked_at IS NULL "
      "AND u.pin_hash IS NOT NULL GROUP BY u.id ORDER BY max(s.started_at) DESC LIMIT ?3"));
  st->bind_all(place, since, limit);
  std::vector<RecentPerson> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back({st->col_int(0), st->col_text(1), st->col_text(2)});
  }
  return out;
}

}  // namespace rg::db
