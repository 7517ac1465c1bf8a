// Signing in for real: Argon2id hashes, the misses limited per login and per desk with the time
// in words, blocked accounts, the quick PIN, unlocking, a reset password chosen anew; no secret
// in the audit or the attempts.
#include <doctest/doctest.h>

#include "clinic_fixture.h"
#include "pin.h"
#include "sessions.h"
#include "sign_in.h"
#include "staff.h"

using namespace rg;

namespace {

struct SignInFixture : test::ClinicFixture {
  std::int64_t now = 1'900'000'000;
  SignInFixture() {
    auto hash = auth::hash_password("correct horse");
    REQUIRE(hash);
    REQUIRE(db::set_password_hash(db, 1, *hash, db::Actor::system("test")));
    auto pin = codes::hash_pin("2580");
    REQUIRE(pin);
    REQUIRE(db::set_pin_hash(db, 1, *pin, db::Actor::system("test")));
    auto other = auth::hash_password("second desk pass");
    REQUIRE(db::set_password_hash(db, 2, *other, db::Actor::system("test")));
  }
  auth::Outcome try_password(const char* login, const char* password, const char* place = "desk:reg-1") {
    auto r = auth::sign_in(db, place, login, password, ++now);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
    return *r;
  }
};

}  // namespace

TEST_CASE("passwords: the rules in words, Argon2id hashes that verify only the same password") {
  CHECK(auth::password_problem("short", "admin") == "A password has at least 8 characters.");
  CHECK(auth::password_problem("ADMINISTRATOR", "administrator") == "A password must not be the login.");
  CHECK(auth::password_problem("пароль-из-кириллицы", "admin").empty());
  auto h = auth::hash_password("пароль-из-кириллицы");
  REQUIRE(h);
  CHECK(h->starts_with("$argon2id$"));
  CHECK(auth::verify_password(*h, "пароль-из-кириллицы"));
  CHECK_FALSE(auth::verify_password(*h, "пароль-из-кириллицЫ"));
  CHECK_FALSE(auth::verify_password("", "x"));
  CHECK_FALSE(auth::verify_password("garbage", "garbage"));
  CHECK(*auth::hash_password("same") != *auth::hash_password("same"));  // salted
}

TEST_CASE_FIXTURE(SignInFixture, "the right password starts a session at the desk, a wrong one says only that") {
  auto ok = try_password("admin", "correct horse");
  REQUIRE(ok.verdict == auth::Verdict::Accepted);
  REQUIRE(ok.who);
  CHECK(ok.who->user_id == 1);
  CHECK(ok.who->session_id > 0);
  CHECK(*db.query_int("SELECT count(*) FROM sessions WHERE user_id = 1 AND place = 'desk:reg-1' AND "
                      "method = 'password' AND ended_at IS NULL") == 1);
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action = 'session.start' AND place = 'desk:reg-1'") == 1);
  REQUIRE(db::end_session(db, ok.who->session_id, db::SessionEnd::Switch, now));
  CHECK(*db.query_int("SELECT count(*) FROM sessions WHERE ended_how = 'switch'") == 1);

  auto wrong = try_password("admin", "wrong horse");
  CHECK(wrong.verdict == auth::Verdict::Refused);
  CHECK(wrong.message == "Wrong login or password.");
  // An unknown login reads the same: the desk does not tell who works here.
  CHECK(try_password("nobody", "whatever").message == wrong.message);
  // No secret anywhere: not in the audit, not in the attempts.
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE details LIKE '%horse%'") == 0);
  CHECK(*db.query_int("SELECT count(*) FROM sign_in_attempts") == 3);
  CHECK(*db.query_int("SELECT count(*) FROM sign_in_attempts WHERE login LIKE '%horse%'") == 0);
}

TEST_CASE_FIXTURE(SignInFixture, "five misses pause that login but not the others, ten at a desk pause the desk") {
  for (int i = 0; i < 5; ++i) CHECK(try_password("admin", "guess").verdict != auth::Verdict::Accepted);
  auto paused = try_password("admin", "correct horse");
  CHECK(paused.verdict == auth::Verdict::Paused);
  CHECK(paused.message.find("«admin»") != std::string::npos);
  CHECK(paused.message.find(" until ") != std::string::npos);
  // Another person signs in at the same desk meanwhile.
  CHECK(try_password("desk2", "second desk pass").verdict == auth::Verdict::Accepted);
  // After the pause the right password works, and the count starts again.
  now += 5 * 60;
  CHECK(try_password("admin", "correct horse").verdict == auth::Verdict::Accepted);
  CHECK(try_password("admin", "guess").verdict == auth::Verdict::Refused);

  // Ten misses at one desk with assorted logins: the desk pauses, another desk does not.
  for (int i = 0; i < 10; ++i) try_password(("login" + std::to_string(i)).c_str(), "x", "desk:reg-2");
  auto desk = try_password("desk2", "second desk pass", "desk:reg-2");
  CHECK(desk.verdict == auth::Verdict::Paused);
  CHECK(desk.message.find("at this desk") != std::string::npos);
  CHECK(try_password("desk2", "second desk pass", "desk:reg-3").verdict == auth::Verdict::Accepted);
  // The clinic's own limit.
  REQUIRE(db::set_setting(db, "auth.login_misses", "3"));
  for (int i = 0; i < 3; ++i) try_password("desk2", "nope", "desk:reg-4");
  CHECK(try_password("desk2", "second desk pass", "desk:reg-4").verdict == auth::Verdict::Paused);
}

TEST_CASE_FIXTURE(SignInFixture, "a blocked account is told so only after the right password") {
  REQUIRE(db::block_staff(db, 1, "уволена", db::Actor::system("test")));
  CHECK(try_password("admin", "wrong").message == "Wrong login or password.");
  auto blocked = try_password("admin", "correct horse");
  CHECK(blocked.verdict == auth::Verdict::Blocked);
  CHECK(blocked.message == "Your account is blocked: уволена. Ask the manager.");
  CHECK_FALSE(blocked.who);
  CHECK(*db.query_int("SELECT count(*) FROM sessions") == 0);
}

TEST_CASE_FIXTURE(SignInFixture, "the quick PIN on a shared desk, and unlocking by the same person") {
  auto r = auth::sign_in_pin(db, "desk:reg-1", 1, "2580", ++now);
  REQUIRE(r);
  REQUIRE(r->verdict == auth::Verdict::Accepted);
  CHECK(*db.query_int("SELECT count(*) FROM sessions WHERE method = 'pin'") == 1);
  CHECK(auth::sign_in_pin(db, "desk:reg-1", 1, "0000", ++now)->message == "The PIN is not right.");
  CHECK(auth::sign_in_pin(db, "desk:reg-1", 2, "2580", ++now)->verdict == auth::Verdict::Refused);  // not hers
  auto people = db::recent_at_place(db, "desk:reg-1", now - 86400);
  REQUIRE(people);
  REQUIRE(people->size() == 1);
  CHECK(people->front().full_name == "Смирнова Елена Андреевна");
  // Unlocking: the PIN or the password, no new session.
  CHECK(auth::unlock(db, "desk:reg-1", 1, "2580", ++now)->verdict == auth::Verdict::Accepted);
  CHECK(auth::unlock(db, "desk:reg-1", 1, "correct horse", ++now)->verdict == auth::Verdict::Accepted);
  CHECK(auth::unlock(db, "desk:reg-1", 1, "second desk pass", ++now)->verdict == auth::Verdict::Refused);
  CHECK(*db.query_int("SELECT count(*) FROM sessions") == 1);
}

TEST_CASE_FIXTURE(SignInFixture, "a reset password is changed at the next sign-in, with the old one asked again") {
  auto reset = auth::hash_password("temporary1");
  REQUIRE(reset);
  // Resetting someone else's password is for whoever manages staff.
  auto refused = db::set_password_hash(db, 1, *reset, db::Actor::user(3));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::Forbidden);
  REQUIRE(db::set_role_permission(db, db::Role::SeniorAdmin, db::Permission::StaffManage, true,
                                  db::Actor::system("test")));
  REQUIRE(db::set_password_hash(db, 1, *reset, db::Actor::user(3)));
  auto in = try_password("admin", "temporary1");
  REQUIRE(in.verdict == auth::Verdict::Accepted);
  CHECK(in.who->must_change_password);
  CHECK(auth::change_password(db, 1, "wrong", "new-password-1").error().message == "The current password is not right.");
  CHECK_FALSE(auth::change_password(db, 1, "temporary1", "temporary1"));
  CHECK_FALSE(auth::change_password(db, 1, "temporary1", "admin"));
  REQUIRE(auth::change_password(db, 1, "temporary1", "new-password-1"));
  auto again = try_password("admin", "new-password-1");
  REQUIRE(again.verdict == auth::Verdict::Accepted);
  CHECK_FALSE(again.who->must_change_password);
  CHECK(try_password("admin", "temporary1").verdict == auth::Verdict::Refused);
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action = 'staff.password_reset' AND actor = 'user:3'") == 1);
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action = 'staff.password_change' AND actor = 'user:1'") == 1);
}

TEST_CASE_FIXTURE(SignInFixture, "an account made at the desk gets its first password in the same step, a PIN its own") {
  const db::Actor manager = db::Actor::system("test");
  CHECK(auth::create_account(db, {"novikova", "Новикова Вера Ивановна", "Администратор", {db::Role::Admin}, {}},
                             "short", manager)
            .error()
            .message == "A password has at least 8 characters.");
  CHECK(*db.query_int("SELECT count(*) FROM users WHERE login = 'novikova'") == 0);  // nothing half-made
  REQUIRE(db::set_role_permission(db, db::Role::SeniorAdmin, db::Permission::StaffManage, true, manager));
  auto id = auth::create_account(db, {"novikova", "Новикова Вера Ивановна", "Администратор", {db::Role::Admin}, {}},
                                 "first-pass-1", db::Actor::user(3));
  REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  auto first = try_password("novikova", "first-pass-1");
  REQUIRE(first.verdict == auth::Verdict::Accepted);
  CHECK(first.who->must_change_password);  // chosen by someone else
  CHECK(auth::change_pin(db, *id, "wrong", "1357").error().message == "The current password is not right.");
  CHECK_FALSE(auth::change_pin(db, *id, "first-pass-1", "13"));
  REQUIRE(auth::change_pin(db, *id, "first-pass-1", "1357"));
  CHECK(auth::sign_in_pin(db, "desk:reg-1", *id, "1357", ++now)->verdict == auth::Verdict::Accepted);
  REQUIRE(auth::reset_password(db, *id, "second-pass-2", db::Actor::user(3)));
  CHECK(try_password("novikova", "first-pass-1").verdict == auth::Verdict::Refused);
  CHECK(try_password("novikova", "second-pass-2").who->must_change_password);
}

TEST_CASE_FIXTURE(SignInFixture, "a directory's password check plugs in, with the same limits and blocking") {
  // A stand-in for a clinic's directory: it knows one password of its own for the administrator.
  const auth::PasswordCheck directory = [](const db::Credentials& c, std::string_view password) {
    return c.login == "admin" && password == "directory-pass";
  };
  auto in = auth::sign_in(db, "desk:reg-1", "admin", "directory-pass", ++now, directory);
  REQUIRE(in);
  CHECK(in->verdict == auth::Verdict::Accepted);
  CHECK(auth::sign_in(db, "desk:reg-1", "admin", "correct horse", ++now, directory)->verdict == auth::Verdict::Refused);
  REQUIRE(db::block_staff(db, 1, "уволена", db::Actor::system("test")));
  CHECK(auth::sign_in(db, "desk:reg-1", "admin", "directory-pass", ++now, directory)->verdict == auth::Verdict::Blocked);
}
