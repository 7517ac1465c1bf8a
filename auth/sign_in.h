// Signing in at a desk: a login and password, or on a desk the clinic marks as shared a tap on
// one's name and a PIN; unlocking a locked desk; signing out. Every try is counted (per login and
// per desk, db/sessions.h) and refused ones say why in words. Secrets are Argon2id hashes
// (libsodium) and never reach a log or the audit.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sessions.h"
#include "staff.h"

namespace rg::auth {

// The password rules, as a sentence when broken ("" when the password is fine): 8 to 128
// characters, not the login.
std::string password_problem(std::string_view password, std::string_view login);
// nullopt when the rules refuse it (or libsodium cannot run).
std::optional<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view stored_hash, std::string_view password) noexcept;

struct SignedIn {
  std::int64_t user_id = 0;
  std::string login, full_name;
  std::int64_t session_id = 0;  // 0 for an unlock: the session goes on
  bool must_change_password = false;
};

enum class Verdict { Accepted, Refused, Paused, Blocked };
struct Outcome {
  Verdict verdict = Verdict::Refused;
  std::optional<SignedIn> who;  // when accepted
  std::string message;          // when not: what to tell the person
};

// Where a password is checked: by default here, against the account's Argon2id hash. A clinic's
// directory (LDAP / Active Directory: out of scope for now) plugs in as another check; the limits,
// blocking, sessions and refusals stay the same.
using PasswordCheck = std::function<bool(const db::Credentials& account, std::string_view password)>;
PasswordCheck local_passwords();

// `place`: the desk ("desk:reg-1"), the unit of the per-desk limit and the session's place.
Result<Outcome> sign_in(db::Database& db, std::string_view place, std::string_view login, std::string_view password,
                        std::int64_t now, const PasswordCheck& check = local_passwords());
Result<Outcome> sign_in_pin(db::Database& db, std::string_view place, std::int64_t user_id, std::string_view pin,
                            std::int64_t now);
// The same person back at a locked desk, by PIN or password; the session goes on.
Result<Outcome> unlock(db::Database& db, std::string_view place, std::int64_t user_id, std::string_view secret,
                       std::int64_t now);
// A person changes their own password (the old one is asked again).
Status change_password(db::Database& db, std::int64_t user_id, std::string_view old_password,
                       std::string_view new_password);
// A person sets their own PIN (4–8 digits), confirming with their password.
Status change_pin(db::Database& db, std::int64_t user_id, std::string_view password, std::string_view pin);
// Whoever manages staff gives a new account its first password (the person changes it at the
// first sign-in), all in one transaction.
Result<std::int64_t> create_account(db::Database& db, const db::StaffDraft& d, std::string_view password,
                                    const db::Actor& actor);
// The first run on a clinic without any account: its name and the first manager, who chose this
// password (db::create_first_manager; refused once any account exists).
Result<std::int64_t> create_first_manager(db::Database& db, std::string_view clinic_name, const db::StaffDraft& d,
                                          std::string_view password);
// … or resets someone's password to one they must change at their next sign-in.
Status reset_password(db::Database& db, std::int64_t user_id, std::string_view password, const db::Actor& actor);

}  // namespace rg::auth
