// Roles, permissions and accounts. require() is one indexed query inside the caller's
// transaction; its refusal names the roles that may, in the desk's words.
#include "staff.h"

#include <algorithm>
#include <cstdio>

#include "i18n.h"
#include "text.h"

namespace rg::db {
namespace {

struct RoleInfo {
  Role role;
  const char* db;
  const char* title;
};
constexpr RoleInfo kRoleInfo[] = {
    {Role::Admin, "admin", N_("administrator")},
    {Role::SeniorAdmin, "senior_admin", N_("senior administrator")},
    {Role::Operator, "operator", N_("call-centre operator")},
    {Role::Cashier, "cashier", N_("cashier")},
    {Role::Doctor, "doctor", N_("doctor")},
    {Role::Manager, "manager", N_("manager")},
    {Role::Sysadmin, "sysadmin", N_("system administrator")},
};

struct PermissionInfo {
  Permission permission;
  const char* db;
  const char* title;
  const char* refusal;  // %s: the roles that may, joined with commas
};
constexpr PermissionInfo kPermissionInfo[] = {
    {Permission::PatientsEdit, "patients.edit", N_("Patient cards"), N_("Patient cards are edited by: %s.")},
    {Permission::AppointmentsBook, "appointments.book", N_("Booking"),
     N_("Appointments are booked, moved and cancelled by: %s.")},
    {Permission::VisitsFlow, "visits.flow", N_("Check-in and the patient flow"),
     N_("Patients are checked in and sent to the doctor by: %s.")},
    {Permission::ScheduleAbsences, "schedule.absences", N_("Doctors' absences"),
     N_("A doctor's absence is entered by: %s.")},
    {Permission::CashInvoices, "cash.invoices", N_("Bills"), N_("Bills are made by: %s.")},
    {Permission::CashPayments, "cash.payments", N_("Payments and the till's shift"),
     N_("Payments are taken by: %s.")},
    {Permission::CashRefunds, "cash.refunds", N_("Refunds"), N_("A refund can be made by: %s.")},
    {Permission::CashDiscountOverLimit, "cash.discount_over_limit", N_("Discounts above the limit"),
     N_("A discount above the limit is approved by: %s.")},
    {Permission::CashCancelUnsent, "cash.cancel_unsent", N_("Cancelling an unsent receipt"),
     N_("A receipt is cancelled by: %s.")},
    {Permission::DocumentsPrint, "documents.print", N_("Printing documents"), N_("Documents are printed by: %s.")},
    {Permission::CallsWork, "calls.work", N_("Calls and inquiries"), N_("Call tasks are worked by: %s.")},
    {Permission::ReportsView, "reports.view", N_("Reports"), N_("Reports are read by: %s.")},
    {Permission::PatientsExport, "patients.export", N_("Exporting patient data"),
     N_("Patient data is exported by: %s.")},
    {Permission::DoctorOwnDay, "doctor.own_day", N_("A doctor's own day"),
     N_("A doctor's own day is for: %s.")},
    {Permission::TemplatesEdit, "templates.edit", N_("Document templates"),
     N_("Document templates are edited by: %s.")},
    {Permission::ScheduleEdit, "schedule.edit", N_("Doctors' working schedules"),
     N_("Working schedules are changed by: %s.")},
    {Permission::PricesEdit, "prices.edit", N_("The price list"), N_("The price list is edited by: %s.")},
    {Permission::SettingsEdit, "settings.edit", N_("Settings"), N_("Settings are changed by: %s.")},
    {Permission::StaffManage, "staff.manage", N_("Staff accounts"), N_("Staff accounts are managed by: %s.")},
    {Permission::PermissionsEdit, "permissions.edit", N_("Permissions"), N_("Permissions are changed by: %s.")},
    {Permission::AuditView, "audit.view", N_("The audit journal"), N_("The audit journal is read by: %s.")},
};

const PermissionInfo& info(Permission p) {
  for (const auto& i : kPermissionInfo)
    if (i.permission == p) return i;
  return kPermissionInfo[0];
}

// Active, unblocked people who hold the permission now (the safeguards count them).
Result<std::int64_t> holders(Database& db, Permission p) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT count(DISTINCT u.id) FROM users u JOIN user_roles r ON r.user_id = u.id "
      "JOIN role_permissions g ON g.role = r.role "
      "WHERE g.permission = ?1 AND u.active = 1 AND u.blocked_at IS NULL"));
  st->bind(1, to_db(p));
  RG_TRY(st->step());
  return st->col_int(0);
}

// The clinic keeps at least one active person who manages staff and one who edits permissions
// (when it had one before the change), or nobody could ever repair the accounts.
struct Keepers {
  std::int64_t staff = 0, permissions = 0;
};
Result<Keepers> keepers(Database& db) {
  Keepers k;
  RG_TRY_ASSIGN(k.staff, holders(db, Permission::StaffManage));
  RG_TRY_ASSIGN(k.permissions, holders(db, Permission::PermissionsEdit));
  return k;
}
Status check_keepers(Database& db, const Keepers& before) {
  RG_TRY_ASSIGN(auto after, keepers(db));
  if ((before.staff > 0 && after.staff == 0) || (before.permissions > 0 && after.permissions == 0))
    return fail(ErrorCode::Conflict,
                _("This would leave nobody who can manage staff accounts and permissions. Give the role to "
                  "another person first."));
  return {};
}

Result<std::vector<Role>> roles_of(Database& db, std::int64_t user_id) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT role FROM user_roles WHERE user_id = ?1"));
  st->bind(1, user_id);
  std::vector<Role> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    if (auto r = role_from_db(st->col_view(0))) out.push_back(*r);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A role that manages staff or edits permissions is given (or taken) only by someone who edits
// permissions: a system administrator cannot make himself a manager.
Status check_role_change(Database& db, const std::vector<Role>& before, const std::vector<Role>& after,
                         const Actor& actor) {
  RG_TRY_ASSIGN(auto grants, role_permissions(db));
  auto powerful = [&](Role r) {
    return std::any_of(grants.begin(), grants.end(), [&](const Grant& g) {
      return g.role == r && (g.permission == Permission::StaffManage || g.permission == Permission::PermissionsEdit);
    });
  };
  bool touches = false;
  for (Role r : kRoles) {
    bool was = std::find(before.begin(), before.end(), r) != before.end();
    bool is = std::find(after.begin(), after.end(), r) != after.end();
    if (was != is && powerful(r)) touches = true;
  }
  if (!touches) return {};
  return require(db, actor, Permission::PermissionsEdit);
}

Status validate(const StaffDraft& d) {
  auto login = fold_spaces(d.login);
  if (login.empty() || login.size() > 64 || login.find(' ') != std::string::npos)
    return fail(ErrorCode::Invalid, _("A login is one word of up to 64 characters."));
  if (fold_spaces(d.full_name).empty()) return fail(ErrorCode::Invalid, _("Give the person's full name."));
  if (d.roles.empty()) return fail(ErrorCode::Invalid, _("Give the person at least one role."));
  if (std::find(d.roles.begin(), d.roles.end(), Role::Doctor) != d.roles.end() && !d.doctor_id)
    return fail(ErrorCode::Invalid, _("A doctor's account is linked to the doctor's record: choose the doctor."));
  return {};
}

Status write_roles(Database& db, std::int64_t user_id, const std::vector<Role>& roles) {
  RG_TRY_ASSIGN(auto del, db.cached("DELETE FROM user_roles WHERE user_id = ?1"));
  del->bind(1, user_id);
  RG_TRY(del->exec());
  for (Role r : roles) {
    RG_TRY_ASSIGN(auto ins, db.cached("INSERT INTO user_roles(user_id, role) VALUES (?1, ?2) ON CONFLICT DO NOTHING"));
    ins->bind_all(user_id, to_db(r));
    RG_TRY(ins->exec());
  }
  return {};
}

std::string roles_text(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) out += (out.empty() ? "" : ",") + std::string(to_db(r));
  return out;
}

Status unique_violation(const Error& e) {
  if (e.code == ErrorCode::Conflict && e.detail.find("users.login") != std::string::npos)
    return fail(ErrorCode::Conflict, _("This login is taken: choose another."));
  if (e.code == ErrorCode::Conflict && e.detail.find("users.doctor_id") != std::string::npos)
    return fail(ErrorCode::Conflict, _("This doctor already has an account."));
  return std::unexpected(e);
}

constexpr const char* kStaffColumns =
    "SELECT u.id, u.login, u.full_name, u.position, u.doctor_id, u.password_hash IS NOT NULL, "
    "u.pin_hash IS NOT NULL, u.must_change_password, u.blocked_at, u.blocked_reason, u.created_at, u.updated_at "
    "FROM users u ";

Result<StaffMember> read_member(Database& db, CachedStatement& st) {
  StaffMember m;
  m.id = st->col_int(0);
  m.login = st->col_text(1);
  m.full_name = st->col_text(2);
  m.position = st->col_text(3);
  m.doctor_id = st->col_opt_int(4);
  m.has_password = st->col_int(5) != 0;
  m.has_pin = st->col_int(6) != 0;
  m.must_change_password = st->col_int(7) != 0;
  m.blocked_at = st->col_opt_int(8);
  m.blocked_reason = st->col_text(9);
  m.created_at = st->col_int(10);
  m.updated_at = st->col_int(11);
  RG_TRY_ASSIGN(m.roles, roles_of(db, m.id));
  return m;
}

}  // namespace

std::string_view to_db(Role r) {
  for (const auto& i : kRoleInfo)
    if (i.role == r) return i.db;
  return "admin";
}
std::optional<Role> role_from_db(std::string_view s) {
  for (const auto& i : kRoleInfo)
    if (s == i.db) return i.role;
  return std::nullopt;
}
std::string role_title(Role r) {
  for (const auto& i : kRoleInfo)
    if (i.role == r) return _(i.title);
  return {};
}

std::string_view to_db(Permission p) { return info(p).db; }
std::optional<Permission> permission_from_db(std::string_view s) {
  for (const auto& i : kPermissionInfo)
    if (s == i.db) return i.permission;
  return std::nullopt;
}
std::string permission_title(Permission p) { return _(info(p).title); }

Result<bool> allowed(Database& db, const Actor& actor, Permission p) {
  if (!actor.user_id) {
    if (actor.id.starts_with("system:")) return true;
    return actor.id.starts_with("kiosk:") && p == Permission::VisitsFlow;
  }
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id JOIN role_permissions g ON g.role = r.role "
      "WHERE u.id = ?1 AND g.permission = ?2 AND u.active = 1 AND u.blocked_at IS NULL LIMIT 1"));
  st->bind_all(*actor.user_id, to_db(p));
  return st->step();
}

Status require(Database& db, const Actor& actor, Permission p) {
  RG_TRY_ASSIGN(bool ok, allowed(db, actor, p));
  if (ok) return {};
  RG_TRY_ASSIGN(auto st, db.cached("SELECT role FROM role_permissions WHERE permission = ?1"));
  st->bind(1, to_db(p));
  std::vector<Role> who;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    if (auto r = role_from_db(st->col_view(0))) who.push_back(*r);
  }
  std::sort(who.begin(), who.end());
  if (who.empty())
    return fail(ErrorCode::Forbidden,
                format_text(_("«%s» is not given to any role now: the manager grants it under Settings → "
                                "Permissions."),
                              permission_title(p).c_str()),
                std::string(to_db(p)));
  std::string names;
  for (Role r : who) names += (names.empty() ? "" : ", ") + role_title(r);
  return fail(ErrorCode::Forbidden, format_text(_(info(p).refusal), names.c_str()), std::string(to_db(p)));
}

Result<std::string> cashier_name(Database& db, std::int64_t user_id) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT position, full_name FROM users WHERE id = ?1"));
  st->bind(1, user_id);
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return fail(ErrorCode::NotFound, _("This person's account no longer exists."));
  const std::string position = fold_spaces(st->col_view(0)), name = masked_full_name(st->col_view(1));
  return position.empty() ? name : position + " " + name;
}

Result<std::optional<std::int64_t>> doctor_of(Database& db, std::int64_t user_id) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT doctor_id FROM users WHERE id = ?1"));
  st->bind(1, user_id);
  RG_TRY_ASSIGN(bool row, st->step());
  return row ? st->col_opt_int(0) : std::optional<std::int64_t>();
}

Status require_visit_step(Database& db, const Actor& actor, std::int64_t visit_doctor_id) {
  if (actor.user_id) {
    RG_TRY_ASSIGN(bool own_day, allowed(db, actor, Permission::DoctorOwnDay));
    if (own_day) {
      RG_TRY_ASSIGN(auto mine, doctor_of(db, *actor.user_id));
      if (mine == visit_doctor_id) return {};
    }
  }
  return require(db, actor, Permission::VisitsFlow);
}

Result<std::vector<Permission>> permissions_of(Database& db, std::int64_t user_id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT DISTINCT g.permission FROM users u JOIN user_roles r ON r.user_id = u.id "
      "JOIN role_permissions g ON g.role = r.role WHERE u.id = ?1 AND u.active = 1 AND u.blocked_at IS NULL"));
  st->bind(1, user_id);
  std::vector<Permission> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    if (auto p = permission_from_db(st->col_view(0))) out.push_back(*p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<StaffMember>> list_staff(Database& db) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kStaffColumns) +
                                   "WHERE u.active = 1 ORDER BY u.blocked_at IS NOT NULL, u.full_name, u.id"));
  std::vector<StaffMember> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    RG_TRY_ASSIGN(auto m, read_member(db, st));
    out.push_back(std::move(m));
  }
  return out;
}

Result<StaffMember> get_staff(Database& db, std::int64_t user_id) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kStaffColumns) + "WHERE u.id = ?1"));
  st->bind(1, user_id);
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return fail(ErrorCode::NotFound, _("This person's account no longer exists."));
  return read_member(db, st);
}

Result<std::optional<StaffMember>> find_staff_by_login(Database& db, std::string_view login) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kStaffColumns) + "WHERE u.login = ?1 AND u.active = 1"));
  st->bind(1, fold_spaces(login));
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return std::optional<StaffMember>();
  RG_TRY_ASSIGN(auto m, read_member(db, st));
  return std::optional<StaffMember>(std::move(m));
}

Result<std::int64_t> create_staff(Database& db, const StaffDraft& d, const Actor& actor,
                                  std::string_view password_hash) {
  RG_TRY(validate(d));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::StaffManage));
  RG_TRY(check_role_change(db, {}, d.roles, actor));
  RG_TRY_ASSIGN(auto id, insert_staff(db, d, actor, password_hash));
  RG_TRY(tx.commit());
  return id;
}

Result<std::int64_t> insert_staff(Database& db, const StaffDraft& d, const Actor& actor,
                                  std::string_view password_hash) {
  RG_TRY(validate(d));
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO users(login, full_name, position, doctor_id, created_at, updated_at, created_by, password_hash, "
      "must_change_password) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, nullif(?7, ''), ?8) RETURNING id"));
  auto now = now_unix();
  st->bind_all(fold_spaces(d.login), utf8_truncate(fold_spaces(d.full_name), 200),
               utf8_truncate(fold_spaces(d.position), 100), d.doctor_id, now, actor.user_id, password_hash,
               !password_hash.empty() && actor.user_id.has_value());
  auto inserted = st->exec_returning_id();
  if (!inserted) return std::unexpected(unique_violation(inserted.error()).error());
  std::int64_t id = *inserted;
  RG_TRY(write_roles(db, id, d.roles));
  RG_TRY(append_audit(db, actor, "staff.create", "user", id,
                      {{"login", fold_spaces(d.login)}, {"roles", roles_text(d.roles)}}));
  return id;
}

Status update_staff(Database& db, std::int64_t user_id, const StaffDraft& d, const Actor& actor) {
  RG_TRY(validate(d));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::StaffManage));
  RG_TRY_ASSIGN(auto before, get_staff(db, user_id));
  RG_TRY(check_role_change(db, before.roles, d.roles, actor));
  RG_TRY_ASSIGN(auto kept, keepers(db));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE users SET login = ?2, full_name = ?3, position = ?4, doctor_id = ?5, updated_at = ?6 WHERE id = ?1"));
  st->bind_all(user_id, fold_spaces(d.login), utf8_truncate(fold_spaces(d.full_name), 200),
               utf8_truncate(fold_spaces(d.position), 100), d.doctor_id, now_unix());
  if (auto r = st->exec(); !r) return unique_violation(r.error());
  RG_TRY(write_roles(db, user_id, d.roles));
  RG_TRY(check_keepers(db, kept));
  AuditDetails changed;
  if (before.login != fold_spaces(d.login)) changed.push_back({"login", before.login + " → " + fold_spaces(d.login)});
  if (before.full_name != fold_spaces(d.full_name))
    changed.push_back({"full_name", before.full_name + " → " + fold_spaces(d.full_name)});
  if (before.position != fold_spaces(d.position))
    changed.push_back({"position", before.position + " → " + fold_spaces(d.position)});
  auto sorted = d.roles;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  if (before.roles != sorted) changed.push_back({"roles", roles_text(before.roles) + " → " + roles_text(sorted)});
  if (before.doctor_id != d.doctor_id)
    changed.push_back({"doctor_id", (before.doctor_id ? std::to_string(*before.doctor_id) : "") + " → " +
                                        (d.doctor_id ? std::to_string(*d.doctor_id) : "")});
  RG_TRY(append_audit(db, actor, "staff.update", "user", user_id, changed));
  return tx.commit();
}

Status block_staff(Database& db, std::int64_t user_id, std::string_view reason, const Actor& actor) {
  if (fold_spaces(reason).empty()) return fail(ErrorCode::Invalid, _("Give the reason for blocking the account."));
  if (actor.user_id == user_id) return fail(ErrorCode::Invalid, _("You cannot block your own account."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::StaffManage));
  RG_TRY_ASSIGN(auto kept, keepers(db));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE users SET blocked_at = ?2, blocked_by = ?3, blocked_reason = ?4, updated_at = ?2 "
      "WHERE id = ?1 AND blocked_at IS NULL"));
  st->bind_all(user_id, now_unix(), actor.user_id, utf8_truncate(fold_spaces(reason), 300));
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return fail(ErrorCode::Conflict, _("This account is already blocked."));
  RG_TRY(check_keepers(db, kept));
  RG_TRY(append_audit(db, actor, "staff.block", "user", user_id, {{"reason", fold_spaces(reason)}}));
  return tx.commit();
}

Status unblock_staff(Database& db, std::int64_t user_id, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::StaffManage));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE users SET blocked_at = NULL, blocked_by = NULL, blocked_reason = '', updated_at = ?2 "
      "WHERE id = ?1 AND blocked_at IS NOT NULL"));
  st->bind_all(user_id, now_unix());
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return fail(ErrorCode::Conflict, _("This account is not blocked."));
  RG_TRY(append_audit(db, actor, "staff.unblock", "user", user_id));
  return tx.commit();
}

Status set_password_hash(Database& db, std::int64_t user_id, std::string_view hash, const Actor& actor) {
  if (hash.empty()) return fail(ErrorCode::Invalid, _("A password cannot be empty."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  const bool own = actor.user_id == user_id;
  if (!own) RG_TRY(require(db, actor, Permission::StaffManage));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE users SET password_hash = ?2, must_change_password = ?3, updated_at = ?4 WHERE id = ?1"));
  // Someone else's reset: the person chooses their own at the next sign-in (not for the CLI's
  // first account, made by whoever runs the server).
  st->bind_all(user_id, hash, (own || !actor.user_id) ? 0 : 1, now_unix());
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return fail(ErrorCode::NotFound, _("This person's account no longer exists."));
  RG_TRY(append_audit(db, actor, own ? "staff.password_change" : "staff.password_reset", "user", user_id));
  return tx.commit();
}

Status set_pin_hash(Database& db, std::int64_t user_id, std::string_view hash, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  const bool own = actor.user_id == user_id;
  if (!own) RG_TRY(require(db, actor, Permission::StaffManage));
  RG_TRY_ASSIGN(auto st, db.cached("UPDATE users SET pin_hash = nullif(?2, ''), updated_at = ?3 WHERE id = ?1"));
  st->bind_all(user_id, hash, now_unix());
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return fail(ErrorCode::NotFound, _("This person's account no longer exists."));
  RG_TRY(append_audit(db, actor, hash.empty() ? "staff.pin_remove" : "staff.pin_set", "user", user_id));
  return tx.commit();
}

Result<std::vector<PinHolder>> pin_holders(Database& db, Permission p) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT DISTINCT u.id, u.full_name, u.pin_hash FROM users u JOIN user_roles r ON r.user_id = u.id "
      "JOIN role_permissions g ON g.role = r.role WHERE g.permission = ?1 AND u.active = 1 "
      "AND u.blocked_at IS NULL AND u.pin_hash IS NOT NULL ORDER BY u.id"));
  st->bind(1, to_db(p));
  std::vector<PinHolder> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back({st->col_int(0), st->col_text(1), st->col_text(2)});
  }
  return out;
}

Result<std::vector<Grant>> role_permissions(Database& db) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT role, permission FROM role_permissions"));
  std::vector<Grant> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    auto r = role_from_db(st->col_view(0));
    auto p = permission_from_db(st->col_view(1));
    if (r && p) out.push_back({*r, *p});
  }
  return out;
}

Status set_role_permission(Database& db, Role role, Permission p, bool granted, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::PermissionsEdit));
  RG_TRY_ASSIGN(auto kept, keepers(db));
  RG_TRY_ASSIGN(auto st, db.cached(granted
                                       ? "INSERT INTO role_permissions(role, permission) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
                                       : "DELETE FROM role_permissions WHERE role = ?1 AND permission = ?2"));
  st->bind_all(to_db(role), to_db(p));
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return tx.commit();  // already so: nothing to audit
  RG_TRY(check_keepers(db, kept));
  RG_TRY(append_audit(db, actor, granted ? "permission.grant" : "permission.revoke", "role", std::nullopt,
                      {{"role", std::string(to_db(role))}, {"permission", std::string(to_db(p))}}));
  return tx.commit();
}

}  // namespace rg::db
