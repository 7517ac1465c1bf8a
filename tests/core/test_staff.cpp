// Roles and permissions enforced by the core: every guarded operation refuses a person without
// the permission with a sentence naming who may, and writes nothing; the table is the manager's
// to edit and counts at once; the clinic never loses its last person who can repair accounts.
#include <doctest/doctest.h>

#include <functional>

#include "absences.h"
#include "appointment_changes.h"
#include "appointments.h"
#include "cash_shifts.h"
#include "clinic.h"
#include "clinic_fixture.h"
#include "flow.h"
#include "invoices.h"
#include "patients.h"
#include "payments.h"
#include "doctors.h"
#include "price_edit.h"
#include "schedules.h"
#include "staff.h"
#include "waiting_list.h"

using namespace rg;
using namespace rg::db;

namespace {

struct StaffFixture : test::ClinicFixture {
  // 1, 2: administrators; 3: senior administrator (ClinicFixture). Here also:
  const Actor operator_ = Actor::user(4), cashier = Actor::user(5), manager = Actor::user(6),
              sysadmin = Actor::user(7), doctor = Actor::user(8);
  StaffFixture() {
    REQUIRE(db.exec(
        "INSERT INTO users(id, login, full_name, created_at) VALUES (4, 'op', 'Гусева П. С.', 0), "
        "(5, 'kassa', 'Кассирова К. К.', 0), (6, 'boss', 'Орлова И. В.', 0), (7, 'it', 'Лебедев М. О.', 0);"
        "INSERT INTO users(id, login, full_name, doctor_id, created_at) VALUES (8, 'doc', 'Петрова А. С.', 1, 0);"
        "INSERT INTO user_roles(user_id, role) VALUES (4, 'operator'), (5, 'cashier'), (6, 'manager'), "
        "(7, 'sysadmin'), (8, 'doctor');"));
  }

  std::int64_t audit_rows() { return *db.query_int("SELECT count(*) FROM audit_log"); }
};

// Only whether it went through.
template <class T>
Status status_of(const Result<T>& r) {
  if (r) return {};
  return std::unexpected(r.error());
}

}  // namespace

TEST_CASE_FIXTURE(StaffFixture, "every guarded operation refuses a person without the permission and writes nothing") {
  const auto patient = add_patient("Иванова", "Анна", "Петровна");
  const auto visit = book(patient, doctor1, room1, 600, 630);
  REQUIRE(visit);
  struct Case {
    const char* what;
    Actor who;
    std::function<Status()> op;
  };
  AppointmentDraft draft;
  draft.patient_id = patient;
  draft.doctor_id = doctor2;
  draft.room_id = room2;
  draft.start_at = at(660);
  draft.end_at = at(690);
  PatientDraft p;
  p.surname = "Новикова";
  p.name = "Вера";
  p.birth_date = Date(1990, 1, 1);
  p.sex = 'F';
  WaitingDraft w;
  w.patient_id = patient;
  w.doctor_id = doctor1;
  w.from = Date(2030, 6, 3);
  w.to = Date(2030, 6, 10);
  NewPayment refund;
  refund.kind = PaymentKind::Refund;
  refund.refund_of = 1;
  refund.tender.cash = 100;
  refund.reason = "x";
  const Case cases[] = {
      {"a cashier books", cashier, [&] { return status_of(book_appointment(db, draft, cashier)); }},
      {"the kiosk books", Actor::kiosk("lobby"),
       [&] { return status_of(book_appointment(db, draft, Actor::kiosk("lobby"))); }},
      {"a doctor cancels", doctor, [&] { return cancel_appointment(db, *visit, "просто так", doctor); }},
      {"a manager makes a card", manager, [&] { return status_of(create_patient(db, p, manager)); }},
      {"a cashier adds to the waiting list", cashier,
       [&] { return status_of(add_waiting(db, w, cashier)); }},
      {"an administrator enters an absence", Actor::user(1),
       [&] {
         return status_of(add_absence(db, doctor1, Date(2030, 6, 3), Date(2030, 6, 3), "отпуск", Actor::user(1))
                           );
       }},
      {"an operator opens the till", operator_,
       [&] { return status_of(record_shift_open(db, "main", "x", 0, operator_)); }},
      {"an administrator refunds", Actor::user(1),
       [&] { return status_of(record_intent(db, refund, std::nullopt, Actor::user(1))); }},
      {"an operator bills", operator_, [&] {
         const std::int64_t ids[] = {*visit};
         return status_of(create_invoices(db, ids, {}, operator_));
       }},
      {"an administrator changes a setting", Actor::user(1),
       [&] { return change_setting(db, "cash.discount_limit_bp", "5000", Actor::user(1)); }},
      {"a senior administrator saves the requisites", senior, [&] {
         Clinic c;
         c.name = "Другая";
         c.time_zone = "Europe/Moscow";
         return save_clinic(db, c, senior);
       }},
      {"an administrator makes an account", Actor::user(1), [&] {
         return status_of(create_staff(db, {"new", "Новый Н. Н.", "", {Role::Admin}, {}}, Actor::user(1))
                           );
       }},
      {"a system administrator edits permissions", sysadmin,
       [&] { return set_role_permission(db, Role::Admin, Permission::CashRefunds, true, sysadmin); }},
      {"an administrator reads the revenue", Actor::user(1),
       [&] { return status_of(revenue_report(db, Date(2030, 6, 1), Date(2030, 6, 30), Actor::user(1))); }},
      {"an operator reads the DMS register", operator_,
       [&] { return status_of(insurance_register(db, 1, Date(2030, 6, 1), Date(2030, 6, 30), operator_)); }},
      {"an administrator changes a doctor's schedule", Actor::user(1),
       [&] {
         ScheduleRule r;
         r.weekday = 1, r.start_min = 540, r.end_min = 900;
         return status_of(set_pattern(db, doctor1, {r}, Date(2030, 6, 3), Actor::user(1)));
       }},
      {"an operator adds a doctor", operator_, [&] {
         DoctorDraft d;
         d.surname = "Орлова", d.name = "Мария", d.position = "врач-терапевт";
         return status_of(create_doctor(db, d, operator_));
       }},
      {"an administrator edits the price list", Actor::user(1), [&] {
         ServiceDraft d;
         d.code = "B01.047.009", d.name = "Приём на дому";
         return status_of(create_service(db, d, std::nullopt, at(0), Actor::user(1)));
       }},
      {"nobody signed in books", Actor{"desk:nobody", std::nullopt, "desk:x"},
       [&] { return status_of(book_appointment(db, draft, Actor{"desk:nobody", std::nullopt, "desk:x"})); }},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const auto before = audit_rows();
    const auto appointments = *db.query_int("SELECT count(*) FROM appointments");
    const auto data = *db.query_int("SELECT (SELECT count(*) FROM patients) + (SELECT count(*) FROM waiting_list) + "
                                    "(SELECT count(*) FROM cash_shifts) + (SELECT count(*) FROM invoices) + "
                                    "(SELECT count(*) FROM payments) + (SELECT count(*) FROM users) + "
                                    "(SELECT count(*) FROM doctor_absences) + (SELECT count(*) FROM role_permissions)");
    Status st = c.op();
    REQUIRE_FALSE(st);
    CHECK(st.error().code == ErrorCode::Forbidden);
    CHECK(st.error().message.find(": ") != std::string::npos);  // «… may: roles.»
    CHECK(audit_rows() == before);
    CHECK(*db.query_int("SELECT count(*) FROM appointments") == appointments);
    CHECK(*db.query_int("SELECT (SELECT count(*) FROM patients) + (SELECT count(*) FROM waiting_list) + "
                        "(SELECT count(*) FROM cash_shifts) + (SELECT count(*) FROM invoices) + "
                        "(SELECT count(*) FROM payments) + (SELECT count(*) FROM users) + "
                        "(SELECT count(*) FROM doctor_absences) + (SELECT count(*) FROM role_permissions)") == data);
    CHECK(*db.query_int("SELECT count(*) FROM appointments WHERE id = " + std::to_string(*visit) +
                        " AND status = 'booked'") == 1);
  }
  // The same operations by someone who may go through.
  CHECK(book_appointment(db, draft, operator_));
  CHECK(add_absence(db, doctor1, Date(2030, 6, 4), Date(2030, 6, 4), "отпуск", senior));
  CHECK(change_setting(db, "cash.discount_limit_bp", "1500", manager));
  CHECK(revenue_report(db, Date(2030, 6, 1), Date(2030, 6, 30), senior));
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action = 'setting.change' AND actor = 'user:6'") == 1);
}

TEST_CASE_FIXTURE(StaffFixture, "the refusal names who may, in the desk's words, and follows the table") {
  Status st = change_setting(db, "x", "y", Actor::user(1));
  REQUIRE_FALSE(st);
  CHECK(st.error().message == "Settings are changed by: manager, system administrator.");
  // The manager lets administrators change settings: it counts at once.
  REQUIRE(set_role_permission(db, Role::Admin, Permission::SettingsEdit, true, manager));
  CHECK(change_setting(db, "x", "y", Actor::user(1)));
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action = 'permission.grant'") == 1);
  // Nobody has it: the sentence says where it is given.
  for (Role r : kRoles) REQUIRE(set_role_permission(db, r, Permission::AuditView, false, manager));
  CHECK(require(db, manager, Permission::AuditView).error().message.find("Settings → Permissions") != std::string::npos);
}

TEST_CASE_FIXTURE(StaffFixture, "a blocked person may do nothing, and an unblocked one again") {
  REQUIRE(block_staff(db, 4, "уволена", manager));
  CHECK_FALSE(allowed(db, operator_, Permission::AppointmentsBook).value());
  CHECK(permissions_of(db, 4)->empty());
  CHECK_FALSE(block_staff(db, 4, "ещё раз", manager));
  CHECK_FALSE(block_staff(db, 6, "сама себя", manager));  // not one's own account
  CHECK_FALSE(block_staff(db, 5, "  ", manager));          // a reason is required
  REQUIRE(unblock_staff(db, 4, manager));
  CHECK(allowed(db, operator_, Permission::AppointmentsBook).value());
  auto m = get_staff(db, 4);
  REQUIRE(m);
  CHECK_FALSE(m->blocked());
}

TEST_CASE_FIXTURE(StaffFixture, "the clinic keeps a person who can repair accounts, and nobody raises himself") {
  // The only manager cannot be blocked, nor the manager's right to edit permissions taken away.
  auto st = block_staff(db, 6, "ушла", Actor::system("cli"));
  REQUIRE_FALSE(st);
  CHECK(st.error().code == ErrorCode::Conflict);
  CHECK_FALSE(set_role_permission(db, Role::Manager, Permission::PermissionsEdit, false, manager));
  CHECK(*db.query_int("SELECT count(*) FROM role_permissions WHERE role = 'manager' AND "
                      "permission = 'permissions.edit'") == 1);
  // A system administrator manages staff, but makes no managers (nor himself one).
  auto made = create_staff(db, {"adm3", "Третья А. А.", "Администратор", {Role::Admin}, {}}, sysadmin);
  REQUIRE_MESSAGE(made, (made ? "" : made.error().message));
  CHECK_FALSE(create_staff(db, {"boss2", "Второй Б. Б.", "", {Role::Manager}, {}}, sysadmin));
  auto raise = update_staff(db, 7, {"it", "Лебедев М. О.", "", {Role::Sysadmin, Role::Manager}, {}}, sysadmin);
  REQUIRE_FALSE(raise);
  CHECK(raise.error().code == ErrorCode::Forbidden);
  // A second manager: now the first may go.
  REQUIRE(create_staff(db, {"boss2", "Второй Б. Б.", "", {Role::Manager}, {}}, manager));
  CHECK(block_staff(db, 6, "ушла", Actor::system("cli")));
}

TEST_CASE_FIXTURE(StaffFixture, "accounts: unique logins, a doctor linked once, roles kept, every change audited") {
  CHECK(create_staff(db, {"op", "Двойник", "", {Role::Operator}, {}}, manager).error().message ==
        "This login is taken: choose another.");
  CHECK(create_staff(db, {"doc2", "Петрова А. С.", "", {Role::Doctor}, doctor1}, manager).error().message ==
        "This doctor already has an account.");
  CHECK_FALSE(create_staff(db, {"doc3", "Без карточки", "", {Role::Doctor}, {}}, manager));  // which doctor?
  CHECK_FALSE(create_staff(db, {"two words", "Х", "", {Role::Admin}, {}}, manager));
  CHECK_FALSE(create_staff(db, {"norole", "Х", "", {}, {}}, manager));
  auto id = create_staff(db, {" kassa2 ", "  Кузнецова   Ольга Петровна ", "Администратор-кассир",
                              {Role::Cashier, Role::Admin}, {}}, manager);
  REQUIRE(id);
  auto m = get_staff(db, *id);
  REQUIRE(m);
  CHECK(m->login == "kassa2");
  CHECK(m->full_name == "Кузнецова Ольга Петровна");
  CHECK(m->roles == std::vector<Role>{Role::Admin, Role::Cashier});
  CHECK_FALSE(m->has_password);
  REQUIRE(update_staff(db, *id, {"kassa2", "Кузнецова Ольга Петровна", "Кассир", {Role::Cashier}, {}}, manager));
  auto st = db.prepare("SELECT details FROM audit_log WHERE action = 'staff.update'");
  REQUIRE(st);
  REQUIRE(*st->step());
  CHECK(st->col_text(0).find("admin,cashier → cashier") != std::string::npos);
  CHECK(st->col_text(0).find("Администратор-кассир → Кассир") != std::string::npos);
  // A reset password is chosen anew at the next sign-in; one's own is not.
  REQUIRE(set_password_hash(db, *id, "$argon2id$dummy", manager));
  CHECK(get_staff(db, *id)->must_change_password);
  REQUIRE(set_password_hash(db, *id, "$argon2id$dummy2", Actor::user(*id)));
  CHECK_FALSE(get_staff(db, *id)->must_change_password);
  CHECK_FALSE(set_password_hash(db, 4, "$argon2id$x", cashier));  // not someone else's
}

TEST_CASE_FIXTURE(StaffFixture, "a doctor calls in his own patient, not a colleague's") {
  const auto patient = add_patient("Иванова", "Анна", "Петровна");
  auto own = book(patient, doctor1, room1, 600, 630);
  auto other = book(patient, doctor2, room2, 700, 730);
  REQUIRE(own);
  REQUIRE(other);
  REQUIRE(db.exec("UPDATE appointments SET status = 'arrived'"));
  CHECK(call_in(db, *own, doctor));
  auto refused = call_in(db, *other, doctor);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::Forbidden);
  // He finishes his own visit, not a colleague's; the desk may both.
  CHECK(set_status(db, *own, AppointmentStatus::Done, doctor));
  CHECK(set_status(db, *other, AppointmentStatus::InRoom, doctor).error().code == ErrorCode::Forbidden);
  CHECK(set_status(db, *other, AppointmentStatus::InRoom, Actor::user(1)));
  // A doctor's account without his record links nothing.
  REQUIRE(db.exec("UPDATE users SET doctor_id = NULL WHERE id = 8"));
  CHECK(set_status(db, *own, AppointmentStatus::InRoom, doctor).error().code == ErrorCode::Forbidden);
}
