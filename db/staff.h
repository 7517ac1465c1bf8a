// The clinic's people and what they may do. A person has one or more roles; what a role may do
// is the role_permissions table the manager edits (defaults in migration 009). Every core
// operation that changes something guarded calls require() inside its own transaction, so a
// refused operation writes nothing and a change of permissions counts at once at every desk.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "database.h"

namespace rg::db {

enum class Role { Admin, SeniorAdmin, Operator, Cashier, Doctor, Manager, Sysadmin };
inline constexpr Role kRoles[] = {Role::Admin,  Role::SeniorAdmin, Role::Operator, Role::Cashier,
                                  Role::Doctor, Role::Manager,     Role::Sysadmin};
std::string_view to_db(Role r);
std::optional<Role> role_from_db(std::string_view s);
// «администратор», «старший администратор» … in the UI language.
std::string role_title(Role r);

enum class Permission {
  PatientsEdit,           // create and edit patient cards, their persons and payers
  AppointmentsBook,       // book, move, cancel; the waiting list
  VisitsFlow,             // check in, send in, finish, no-show
  ScheduleAbsences,       // a doctor's absence and what happens to his appointments
  ScheduleEdit,           // doctors' working patterns, dated hours and the published horizon
  CashInvoices,           // bills and their lines
  CashPayments,           // take a payment, open and close the till's shift
  CashRefunds,            // give money back
  CashDiscountOverLimit,  // a discount above cash.discount_limit_bp
  CashCancelUnsent,       // cancel a receipt the registrar has not taken yet
  DocumentsPrint,         // print and record contracts, consents, coupons
  CallsWork,              // the call tasks and the inquiry journal
  ReportsView,            // the reports
  PatientsExport,         // lists of patients to a file
  DoctorOwnDay,           // a doctor's own day: call in the next patient
  TemplatesEdit,          // document templates
  PricesEdit,             // the price list
  SettingsEdit,           // requisites, devices, desks, clinic settings
  StaffManage,            // accounts: add, edit, block, reset a password or PIN
  PermissionsEdit,        // this table of permissions
  AuditView,              // the audit journal
};
inline constexpr Permission kPermissions[] = {
    Permission::PatientsEdit,   Permission::AppointmentsBook,      Permission::VisitsFlow,
    Permission::ScheduleAbsences, Permission::ScheduleEdit,      Permission::CashInvoices,        Permission::CashPayments,
    Permission::CashRefunds,    Permission::CashDiscountOverLimit, Permission::CashCancelUnsent,
    Permission::DocumentsPrint, Permission::CallsWork,             Permission::ReportsView,
    Permission::PatientsExport, Permission::DoctorOwnDay,          Permission::TemplatesEdit,
    Permission::PricesEdit,     Permission::SettingsEdit,          Permission::StaffManage,
    Permission::PermissionsEdit, Permission::AuditView};
std::string_view to_db(Permission p);
std::optional<Permission> permission_from_db(std::string_view s);
// What the permission allows, as the permissions table's row reads: «Возвраты».
std::string permission_title(Permission p);

// Whether the actor may: a person through their roles (active, not blocked); a system actor
// (migrations, the seed, the CLI run by whoever has the server) always; a kiosk only the visit
// flow (its check-in).
Result<bool> allowed(Database& db, const Actor& actor, Permission p);
// The same as a Status: Forbidden with a sentence naming who may («Возврат может провести:
// старший администратор, руководитель.»), written nothing.
Status require(Database& db, const Actor& actor, Permission p);
// A visit's step (call in, finish): the desk with VisitsFlow, or the visit's own doctor signed in
// with DoctorOwnDay. Inside the caller's transaction.
Status require_visit_step(Database& db, const Actor& actor, std::int64_t visit_doctor_id);
// How a person is named as the cashier on receipts (tag 1021): position and surname with initials,
// «Администратор Смирнова Е. А.».
Result<std::string> cashier_name(Database& db, std::int64_t user_id);
// The doctor's record a person's account is linked to, if any.
Result<std::optional<std::int64_t>> doctor_of(Database& db, std::int64_t user_id);

// Every permission the person has now (for the desk to show only what they may use).
Result<std::vector<Permission>> permissions_of(Database& db, std::int64_t user_id);

struct StaffMember {
  std::int64_t id = 0;
  std::string login, full_name, position;
  std::vector<Role> roles;
  std::optional<std::int64_t> doctor_id;
  bool has_password = false, has_pin = false, must_change_password = false;
  std::optional<std::int64_t> blocked_at;
  std::string blocked_reason;
  std::int64_t created_at = 0, updated_at = 0;
  bool blocked() const { return blocked_at.has_value(); }
};
// Everyone with an account, active first, by name.
Result<std::vector<StaffMember>> list_staff(Database& db);
Result<StaffMember> get_staff(Database& db, std::int64_t user_id);
Result<std::optional<StaffMember>> find_staff_by_login(Database& db, std::string_view login);

struct StaffDraft {
  std::string login, full_name, position;
  std::vector<Role> roles;
  std::optional<std::int64_t> doctor_id;  // a doctor's account is linked to his record
};
// Staff operations need StaffManage; none of them may leave the clinic without an active person
// who can manage staff and edit permissions, and nobody gives a role more than they hold
// themselves (a senior administrator cannot make a manager).
// `password_hash` (optional, from auth/): the first password, which the person changes at the first
// sign-in when someone else chose it; stored in the same transaction as the account.
Result<std::int64_t> create_staff(Database& db, const StaffDraft& d, const Actor& actor,
                                  std::string_view password_hash = {});
// The account's rows and its audit, inside the caller's transaction and unguarded (create_staff
// checks first; the first run makes the clinic's first manager when there is no account at all).
Result<std::int64_t> insert_staff(Database& db, const StaffDraft& d, const Actor& actor,
                                  std::string_view password_hash);
Status update_staff(Database& db, std::int64_t user_id, const StaffDraft& d, const Actor& actor);
Status block_staff(Database& db, std::int64_t user_id, std::string_view reason, const Actor& actor);
Status unblock_staff(Database& db, std::int64_t user_id, const Actor& actor);
// Hashes only (auth/ makes them). A person sets their own; resetting another's needs
// StaffManage and makes them choose a new one at the next sign-in. An empty PIN hash removes it.
Status set_password_hash(Database& db, std::int64_t user_id, std::string_view hash, const Actor& actor);
Status set_pin_hash(Database& db, std::int64_t user_id, std::string_view hash, const Actor& actor);

// The PIN hashes of the active people who hold the permission (few: seniors, managers), for an
// approval typed at a desk or the kiosk's exit.
struct PinHolder {
  std::int64_t user_id = 0;
  std::string full_name, pin_hash;
};
Result<std::vector<PinHolder>> pin_holders(Database& db, Permission p);

struct Grant {
  Role role;
  Permission permission;
};
Result<std::vector<Grant>> role_permissions(Database& db);
// PermissionsEdit; audited; refused when it would leave nobody active able to edit permissions
// or manage staff.
Status set_role_permission(Database& db, Role role, Permission p, bool granted, const Actor& actor);

}  // namespace rg::db
