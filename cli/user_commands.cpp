#include "user_commands.h"

#include <cstdio>
#include <iostream>

#include "clinic.h"
#include "pin.h"
#include "sign_in.h"
#include "staff.h"

namespace rg::cli {
namespace {

std::string read_secret() {
  std::string s;
  std::getline(std::cin, s);
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n')) s.pop_back();
  return s;
}

int refused(const Error& e) {
  std::fprintf(stderr, "registratura: %s\n", e.message.c_str());
  return 1;
}

Result<std::int64_t> user_id(db::Database& db, const std::string& login) {
  RG_TRY_ASSIGN(auto who, db::find_staff_by_login(db, login));
  if (!who) return fail(ErrorCode::NotFound, "no account with the login '" + login + "'");
  return who->id;
}

Status set_password(db::Database& db, std::int64_t id, const std::string& login, const std::string& password,
                    const db::Actor& actor) {
  if (auto problem = auth::password_problem(password, login); !problem.empty())
    return fail(ErrorCode::Invalid, problem);
  auto hash = auth::hash_password(password);
  if (!hash) return fail(ErrorCode::Internal, "the password could not be hashed");
  return db::set_password_hash(db, id, *hash, actor);
}

Status set_pin(db::Database& db, std::int64_t id, const std::string& pin, const db::Actor& actor) {
  auto hash = codes::hash_pin(pin);
  if (!hash) return fail(ErrorCode::Invalid, "a PIN is 4 to 8 digits");
  return db::set_pin_hash(db, id, *hash, actor);
}

}  // namespace

bool is_user_command(const std::string& cmd) {
  return cmd == "user-add" || cmd == "user-passwd" || cmd == "user-pin" || cmd == "set-pin" ||
         cmd == "user-block" || cmd == "user-unblock" || cmd == "user-list";
}

int run_user_command(const std::string& cmd, const std::string& db_path, const UserArgs& a) {
  if (cmd != "user-list" && a.login.empty()) {
    std::fprintf(stderr, "registratura: give --login\n");
    return 2;
  }
  auto db = db::open_clinic(db_path, {.create = false});
  if (!db) return refused(db.error());
  const db::Actor actor = db::Actor::system("cli");

  if (cmd == "user-list") {
    auto staff = db::list_staff(*db);
    if (!staff) return refused(staff.error());
    for (const auto& m : *staff) {
      std::string roles;
      for (auto r : m.roles) roles += (roles.empty() ? "" : ",") + std::string(db::to_db(r));
      std::printf("%-16s %-40s %-28s%s%s%s\n", m.login.c_str(), m.full_name.c_str(), roles.c_str(),
                  m.has_password ? "" : " no-password", m.has_pin ? " pin" : "", m.blocked() ? " BLOCKED" : "");
    }
    return 0;
  }
  if (cmd == "user-add") {
    db::StaffDraft d;
    d.login = a.login;
    d.full_name = a.name;
    d.position = a.position;
    for (const auto& r : a.roles) {
      auto role = db::role_from_db(r);
      if (!role) {
        std::fprintf(stderr, "registratura: unknown role '%s' (admin, senior_admin, operator, cashier, doctor, "
                             "manager, sysadmin)\n", r.c_str());
        return 2;
      }
      d.roles.push_back(*role);
    }
    if (a.doctor_id > 0) d.doctor_id = a.doctor_id;
    const std::string password = read_secret();
    if (auto problem = auth::password_problem(password, a.login); !problem.empty()) {
      std::fprintf(stderr, "registratura: %s (the password is read from stdin)\n", problem.c_str());
      return 2;
    }
    auto id = db::create_staff(*db, d, actor);
    if (!id) return refused(id.error());
    if (auto r = set_password(*db, *id, a.login, password, actor); !r) return refused(r.error());
    std::printf("account %s created\n", a.login.c_str());
    return 0;
  }
  auto id = user_id(*db, a.login);
  if (!id) return refused(id.error());
  Status st;
  if (cmd == "user-passwd") st = set_password(*db, *id, a.login, read_secret(), actor);
  else if (cmd == "user-pin" || cmd == "set-pin") st = set_pin(*db, *id, read_secret(), actor);
  else if (cmd == "user-block") st = db::block_staff(*db, *id, a.reason, actor);
  else st = db::unblock_staff(*db, *id, actor);
  if (!st) return refused(st.error());
  std::printf("%s: done for %s\n", cmd.c_str(), a.login.c_str());
  return 0;
}

int set_demo_secrets(const std::string& db_path) {
  auto db = db::open_clinic(db_path, {.create = false});
  if (!db) return refused(db.error());
  const db::Actor seed = db::Actor::system("seed");
  struct Demo {
    const char* login;
    const char* pin;
  };
  // Every demo account's password is «registratura»; the PINs are for shared desks, unlocking,
  // approvals (senior: large discounts) and the kiosk's exit (admin).
  for (Demo d : {Demo{"admin", "1234"}, Demo{"admin2", "2345"}, Demo{"senior", "5678"}, Demo{"operator", "1111"},
                 Demo{"manager", "9999"}, Demo{"it", "4321"}, Demo{"doctor", "7777"}}) {
    auto id = user_id(*db, d.login);
    if (!id) continue;
    if (auto r = set_password(*db, *id, d.login, "registratura", seed); !r) return refused(r.error());
    if (auto r = set_pin(*db, *id, d.pin, seed); !r) return refused(r.error());
  }
  return 0;
}

}  // namespace rg::cli
