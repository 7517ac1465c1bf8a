// A try is refused the same way whether the login exists or not (and takes as long: an unknown
// login is checked against a dummy hash), so the desk does not tell who works at the clinic.
#include "sign_in.h"

#include "setup.h"

#include <ctime>
#include <functional>

#include "audit.h"
#include "calendar.h"
#include "i18n.h"
#include "pin.h"
#include "staff.h"
#include "text.h"

namespace rg::auth {
namespace {

// A hash no password matches: unknown logins are verified against it for the same time.
const std::string& dummy_hash() {
  static const std::string h = hash_password("not a password of anyone").value_or("");
  return h;
}

std::string until_text(std::int64_t until) {
  LocalTime t = to_local(until);
  return hhmm(t.minutes);
}

Result<Outcome> paused(const db::Pause& p, std::string_view login) {
  Outcome o;
  o.verdict = Verdict::Paused;
  o.message = p.by_login
                  ? format_text(_("Too many wrong tries for «%s»: signing in with this login waits until %s. "
                                  "The manager can reset the password."),
                                std::string(login).c_str(), until_text(p.until).c_str())
                  : format_text(_("Too many wrong tries at this desk: signing in here waits until %s."),
                                until_text(p.until).c_str());
  return o;
}

Result<Outcome> refused(db::Database& db, std::string_view place, std::string_view login, std::int64_t now,
                        const db::SignInRules& rules, const char* what) {
  RG_TRY(db::record_sign_in_attempt(db, place, login, false, now));
  RG_TRY_ASSIGN(auto pause, db::sign_in_paused(db, place, login, now, rules));
  if (pause) return paused(*pause, login);
  Outcome o;
  o.message = _(what);
  return o;
}

Result<Outcome> accepted(db::Database& db, std::string_view place, const db::Credentials& c, std::int64_t now,
                         std::optional<db::SignInMethod> session) {
  RG_TRY(db::record_sign_in_attempt(db, place, c.login, true, now));
  if (c.blocked) {
    Outcome o;
    o.verdict = Verdict::Blocked;
    o.message = c.blocked_reason.empty()
                    ? std::string(_("Your account is blocked. Ask the manager."))
                    : format_text(_("Your account is blocked: %s. Ask the manager."), c.blocked_reason.c_str());
    return o;
  }
  SignedIn who{c.user_id, c.login, c.full_name, 0, c.must_change_password};
  if (session) {
    RG_TRY_ASSIGN(auto tx, db::Transaction::begin(db));
    RG_TRY_ASSIGN(who.session_id, db::start_session(db, c.user_id, place, *session, now));
    RG_TRY(db::append_audit(db, db::Actor::user(c.user_id, place), "session.start", "session", who.session_id,
                            {{"method", *session == db::SignInMethod::Pin ? "pin" : "password"}}));
    RG_TRY(tx.commit());
  }
  Outcome o;
  o.verdict = Verdict::Accepted;
  o.who = std::move(who);
  return o;
}

}  // namespace

std::string password_problem(std::string_view password, std::string_view login) {
  const size_t n = utf8_length(password);
  if (n < 8) return _("A password has at least 8 characters.");
  if (n > 128) return _("A password has at most 128 characters.");
  if (fold(password) == fold(login)) return _("A password must not be the login.");
  return {};
}

std::optional<std::string> hash_password(std::string_view password) {
  if (password.empty() || password.size() > 512) return std::nullopt;
  return codes::hash_secret(password);
}

bool verify_password(std::string_view stored_hash, std::string_view password) noexcept {
  return !password.empty() && password.size() <= 512 && codes::verify_secret(stored_hash, password);
}

PasswordCheck local_passwords() {
  return [](const db::Credentials& c, std::string_view password) {
    return !c.password_hash.empty() && verify_password(c.password_hash, password);
  };
}

Result<Outcome> sign_in(db::Database& db, std::string_view place, std::string_view login, std::string_view password,
                        std::int64_t now, const PasswordCheck& check) {
  RG_TRY_ASSIGN(auto rules, db::load_sign_in_rules(db));
  const std::string who = fold_spaces(login);
  RG_TRY_ASSIGN(auto pause, db::sign_in_paused(db, place, who, now, rules));
  if (pause) return paused(*pause, who);
  RG_TRY_ASSIGN(auto cred, db::credentials_by_login(db, who));
  // An unknown login costs the same time as a known one.
  const bool ok = cred ? check(*cred, password) : (void(verify_password(dummy_hash(), password)), false);
  if (!ok) return refused(db, place, who, now, rules, N_("Wrong login or password."));
  return accepted(db, place, *cred, now, db::SignInMethod::Password);
}

// A known person's try at this desk (a tap and a PIN, or unlocking): paused, refused or accepted.
Result<Outcome> person_try(db::Database& db, std::string_view place, std::int64_t user_id, std::int64_t now,
                           const std::function<bool(const db::Credentials&)>& matches, const char* refusal,
                           std::optional<db::SignInMethod> session) {
  RG_TRY_ASSIGN(auto rules, db::load_sign_in_rules(db));
  RG_TRY_ASSIGN(auto cred, db::credentials_by_id(db, user_id));
  const std::string login = cred ? cred->login : std::string();
  RG_TRY_ASSIGN(auto pause, db::sign_in_paused(db, place, login, now, rules));
  if (pause) return paused(*pause, login);
  if (!cred || !matches(*cred)) return refused(db, place, login, now, rules, refusal);
  return accepted(db, place, *cred, now, session);
}

Result<Outcome> sign_in_pin(db::Database& db, std::string_view place, std::int64_t user_id, std::string_view pin,
                            std::int64_t now) {
  return person_try(
      db, place, user_id, now, [&](const db::Credentials& c) { return codes::verify_pin(c.pin_hash, pin); },
      N_("The PIN is not right."), db::SignInMethod::Pin);
}

Result<Outcome> unlock(db::Database& db, std::string_view place, std::int64_t user_id, std::string_view secret,
                       std::int64_t now) {
  return person_try(
      db, place, user_id, now,
      [&](const db::Credentials& c) {
        return codes::verify_pin(c.pin_hash, secret) || verify_password(c.password_hash, secret);
      },
      N_("The PIN or password is not right."), std::nullopt);
}

Status change_password(db::Database& db, std::int64_t user_id, std::string_view old_password,
                       std::string_view new_password) {
  RG_TRY_ASSIGN(auto cred, db::credentials_by_id(db, user_id));
  if (!cred) return fail(ErrorCode::NotFound, _("This person's account no longer exists."));
  if (!verify_password(cred->password_hash, old_password))
    return fail(ErrorCode::Invalid, _("The current password is not right."));
  if (auto problem = password_problem(new_password, cred->login); !problem.empty())
    return fail(ErrorCode::Invalid, problem);
  if (new_password == old_password)
    return fail(ErrorCode::Invalid, _("Choose a password other than the current one."));
  auto hash = hash_password(new_password);
  if (!hash) return fail(ErrorCode::Internal, _("The password could not be stored."), "crypto_pwhash_str");
  return db::set_password_hash(db, user_id, *hash, db::Actor::user(user_id));
}

Status change_pin(db::Database& db, std::int64_t user_id, std::string_view password, std::string_view pin) {
  RG_TRY_ASSIGN(auto cred, db::credentials_by_id(db, user_id));
  if (!cred) return fail(ErrorCode::NotFound, _("This person's account no longer exists."));
  if (!verify_password(cred->password_hash, password))
    return fail(ErrorCode::Invalid, _("The current password is not right."));
  auto hash = codes::hash_pin(pin);
  if (!hash) return fail(ErrorCode::Invalid, _("A PIN is 4 to 8 digits."));
  return db::set_pin_hash(db, user_id, *hash, db::Actor::user(user_id));
}

Result<std::int64_t> create_account(db::Database& db, const db::StaffDraft& d, std::string_view password,
                                    const db::Actor& actor) {
  if (auto problem = password_problem(password, d.login); !problem.empty())
    return fail(ErrorCode::Invalid, problem);
  auto hash = hash_password(password);
  if (!hash) return fail(ErrorCode::Internal, _("The password could not be stored."), "crypto_pwhash_str");
  return db::create_staff(db, d, actor, *hash);
}

Result<std::int64_t> create_first_manager(db::Database& db, std::string_view clinic_name, const db::StaffDraft& d,
                                          std::string_view password) {
  if (auto problem = password_problem(password, d.login); !problem.empty())
    return fail(ErrorCode::Invalid, problem);
  auto hash = hash_password(password);
  if (!hash) return fail(ErrorCode::Internal, _("The password could not be stored."), "crypto_pwhash_str");
  return db::create_first_manager(db, clinic_name, d, *hash);
}

Status reset_password(db::Database& db, std::int64_t user_id, std::string_view password, const db::Actor& actor) {
  RG_TRY_ASSIGN(auto cred, db::credentials_by_id(db, user_id));
  if (!cred) return fail(ErrorCode::NotFound, _("This person's account no longer exists."));
  if (auto problem = password_problem(password, cred->login); !problem.empty())
    return fail(ErrorCode::Invalid, problem);
  auto hash = hash_password(password);
  if (!hash) return fail(ErrorCode::Internal, _("The password could not be stored."), "crypto_pwhash_str");
  return db::set_password_hash(db, user_id, *hash, actor);
}

}  // namespace rg::auth
