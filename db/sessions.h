// Who is signed in where: sign-in attempts (for the limits), sessions, and what a sign-in reads
// of an account. Hashes are made and checked in auth/, never here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "database.h"

namespace rg::db {

struct SignInRules {
  int login_misses = 5;    // misses in a row for one login …
  int place_misses = 10;   // … or at one desk (any logins) …
  int window_s = 15 * 60;  // … within this window …
  int pause_s = 5 * 60;    // … pause further tries this long after the last miss
};
// The clinic's rules: settings auth.login_misses, auth.place_misses, auth.pause_min.
Result<SignInRules> load_sign_in_rules(Database& db);

// When tries are paused for this login or this desk: the second until which they are.
struct Pause {
  std::int64_t until = 0;
  bool by_login = false;  // else the desk
};
Result<std::optional<Pause>> sign_in_paused(Database& db, std::string_view place, std::string_view login,
                                            std::int64_t now, const SignInRules& rules);
Status record_sign_in_attempt(Database& db, std::string_view place, std::string_view login, bool ok,
                              std::int64_t now);

// What a sign-in needs of an account (never shown).
struct Credentials {
  std::int64_t user_id = 0;
  std::string login, full_name, password_hash, pin_hash;
  bool blocked = false, must_change_password = false;
  std::string blocked_reason;
};
Result<std::optional<Credentials>> credentials_by_login(Database& db, std::string_view login);
Result<std::optional<Credentials>> credentials_by_id(Database& db, std::int64_t user_id);

enum class SignInMethod { Password, Pin };
enum class SessionEnd { SignOut, Switch, Closed };
Result<std::int64_t> start_session(Database& db, std::int64_t user_id, std::string_view place, SignInMethod how,
                                   std::int64_t now);
Status end_session(Database& db, std::int64_t session_id, SessionEnd how, std::int64_t now);

// The setting ("1") by which the clinic marks a desk as shared: people sign in there with a tap on
// their name and a PIN. `place` as the sessions have it ("desk:reg-1").
std::string shared_place_key(std::string_view place);

// The people who signed in at this desk lately (newest first, active and with a PIN): a shared
// desk offers them as tiles for the quick PIN.
struct RecentPerson {
  std::int64_t user_id = 0;
  std::string login, full_name;
};
Result<std::vector<RecentPerson>> recent_at_place(Database& db, std::string_view place, std::int64_t since,
                                                  int limit = 8);

}  // namespace rg::db
