#include "setup.h"

#include "clinic.h"
#include "i18n.h"
#include "text.h"

namespace rg::db {
namespace {

std::string_view key_of(SetupStep s) {
  switch (s) {
    case SetupStep::Requisites: return "requisites";
    case SetupStep::Rooms: return "rooms";
    case SetupStep::Doctors: return "doctors";
    case SetupStep::Schedules: return "schedules";
    case SetupStep::Prices: return "prices";
    case SetupStep::Staff: return "staff";
    case SetupStep::Devices: return "devices";
  }
  return "?";
}

const char* title_of(SetupStep s) {
  switch (s) {
    case SetupStep::Requisites: return N_("Clinic requisites");
    case SetupStep::Rooms: return N_("Rooms");
    case SetupStep::Doctors: return N_("Specialties and doctors");
    case SetupStep::Schedules: return N_("Working schedules");
    case SetupStep::Prices: return N_("The price list");
    case SetupStep::Staff: return N_("Employees");
    case SetupStep::Devices: return N_("Printers and devices");
  }
  return "";
}

Result<std::int64_t> count(Database& db, const char* sql) { return db.query_int(sql); }

}  // namespace

bool SetupProgress::complete() const { return finished() == static_cast<int>(steps.size()); }

int SetupProgress::finished() const {
  int n = 0;
  for (const auto& s : steps) n += (s.done || s.skipped) ? 1 : 0;
  return n;
}

Result<SetupProgress> setup_progress(Database& db) {
  SetupProgress p;
  const std::string today_iso = to_local(now_unix()).date.iso();
  for (SetupStep step : kSetupSteps) {
    SetupState s;
    s.step = step;
    s.title = _(title_of(step));
    RG_TRY_ASSIGN(auto skipped, get_setting(db, std::string("setup.skipped.") + std::string(key_of(step))));
    s.skipped = skipped && *skipped == "1";
    switch (step) {
      case SetupStep::Requisites: {
        RG_TRY_ASSIGN(auto c, load_clinic(db));
        std::vector<std::string> missing;
        if (fold_spaces(c.name).empty()) missing.push_back(_("the name"));
        if (c.inn.empty()) missing.push_back(_("the INN"));
        if (c.licence_number.empty()) missing.push_back(_("the licence"));
        if (c.legal_address.empty()) missing.push_back(_("the address"));
        s.done = missing.empty();
        std::string m;
        for (const auto& x : missing) m += (m.empty() ? "" : ", ") + x;
        s.state = s.done ? std::string(_("filled in")) : format_text(_("missing: %s"), m.c_str());
        break;
      }
      case SetupStep::Rooms: {
        RG_TRY_ASSIGN(auto n, count(db, "SELECT count(*) FROM rooms WHERE active = 1"));
        s.done = n > 0;
        s.state = format_text(_("active rooms: %lld"), static_cast<long long>(n));
        break;
      }
      case SetupStep::Doctors: {
        RG_TRY_ASSIGN(auto n, count(db, "SELECT count(*) FROM doctors WHERE active = 1"));
        RG_TRY_ASSIGN(auto bare, count(db, "SELECT count(*) FROM doctors d WHERE active = 1 AND NOT EXISTS "
                                           "(SELECT 1 FROM doctor_specialties x WHERE x.doctor_id = d.id)"));
        s.done = n > 0 && bare == 0;
        s.state = format_text(_("doctors: %lld"), static_cast<long long>(n));
        if (bare > 0) s.state += " · " + format_text(_("without a specialty: %lld"), static_cast<long long>(bare));
        break;
      }
      case SetupStep::Schedules: {
        RG_TRY_ASSIGN(auto st, db.cached(
            "SELECT count(*), coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM schedule_rules r WHERE r.doctor_id = d.id "
            "AND (r.valid_until IS NULL OR r.valid_until >= ?1)) THEN 0 ELSE 1 END), 0) FROM doctors d WHERE d.active = 1"));
        st->bind(1, today_iso);
        RG_TRY(st->step());
        const auto doctors = st->col_int(0), without = st->col_int(1);
        s.done = doctors > 0 && without == 0;
        s.state = doctors == 0 ? std::string(_("no doctors yet"))
                  : without == 0 ? std::string(_("every doctor has working hours"))
                                 : format_text(_("doctors without working hours: %lld"), static_cast<long long>(without));
        break;
      }
      case SetupStep::Prices: {
        RG_TRY_ASSIGN(auto st, db.cached(
            "SELECT count(*), coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM service_prices p WHERE p.service_id = s.id "
            "AND p.active_from <= ?1) THEN 1 ELSE 0 END), 0) FROM services s WHERE s.active = 1"));
        st->bind(1, today_iso);
        RG_TRY(st->step());
        const auto services = st->col_int(0), priced = st->col_int(1);
        s.done = services > 0 && priced == services;
        s.state = format_text(_("services: %lld · with a price today: %lld"), static_cast<long long>(services),
                              static_cast<long long>(priced));
        break;
      }
      case SetupStep::Staff: {
        RG_TRY_ASSIGN(auto desk, count(db, "SELECT count(DISTINCT u.id) FROM users u JOIN user_roles r ON r.user_id = u.id "
                                           "WHERE u.active = 1 AND u.blocked_at IS NULL AND "
                                           "r.role IN ('admin', 'senior_admin', 'cashier', 'operator')"));
        RG_TRY_ASSIGN(auto all, count(db, "SELECT count(*) FROM users WHERE active = 1 AND blocked_at IS NULL"));
        s.done = desk > 0;
        s.state = format_text(_("accounts: %lld · at the desk: %lld"), static_cast<long long>(all),
                              static_cast<long long>(desk));
        break;
      }
      case SetupStep::Devices: {
        RG_TRY_ASSIGN(auto queue, get_setting(db, "print.queue.documents"));
        RG_TRY_ASSIGN(auto folder, get_setting(db, "print.fallback_dir"));
        s.done = (queue && !queue->empty()) || (folder && !folder->empty());
        s.state = queue && !queue->empty() ? format_text(_("documents print on %s"), queue->c_str())
                                           : std::string(_("no printer chosen for documents"));
        break;
      }
    }
    p.steps.push_back(std::move(s));
  }
  return p;
}

Status skip_setup_step(Database& db, SetupStep step, bool skipped, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  const std::string key = "setup.skipped." + std::string(key_of(step));
  RG_TRY(set_setting(db, key, skipped ? "1" : "0"));
  RG_TRY(append_audit(db, actor, skipped ? "setup.skip" : "setup.unskip", "setting", std::nullopt,
                      {{"step", std::string(key_of(step))}}));
  return tx.commit();
}

Result<bool> no_accounts(Database& db) {
  RG_TRY_ASSIGN(auto n, db.query_int("SELECT count(*) FROM users"));
  return n == 0;
}

Result<std::int64_t> create_first_manager(Database& db, std::string_view clinic_name, const StaffDraft& d,
                                          std::string_view password_hash) {
  const Actor actor = Actor::system("first-run");
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY_ASSIGN(bool empty, no_accounts(db));
  if (!empty) return fail(ErrorCode::Forbidden, _("The clinic already has accounts: sign in, or ask the manager."));
  const std::string name = fold_spaces(clinic_name);
  RG_TRY_ASSIGN(auto clinics, db.query_int("SELECT count(*) FROM clinic"));
  if (clinics == 0) {
    if (name.empty()) return fail(ErrorCode::Invalid, _("Give the clinic's name."));
    RG_TRY_ASSIGN(auto st, db.cached("INSERT INTO clinic(id, name) VALUES (1, ?1)"));
    st->bind(1, name);
    RG_TRY(st->exec());
    RG_TRY(append_audit(db, actor, "clinic.create", "clinic", 1, {{"name", name}}));
  }
  RG_TRY_ASSIGN(auto id, insert_staff(db, d, actor, password_hash));
  RG_TRY(tx.commit());
  return id;
}

}  // namespace rg::db
