#include "doctors.h"

#include <algorithm>

#include "calendar.h"
#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

std::string clean(std::string_view s, std::size_t max) { return utf8_truncate(fold_spaces(s), max); }

Status validate(Database& db, const DoctorDraft& d) {
  if (clean(d.surname, 60).empty() || clean(d.name, 60).empty())
    return fail(ErrorCode::Invalid, _("Give the doctor's surname and name."));
  if (clean(d.position, 120).empty())
    return fail(ErrorCode::Invalid, _("Give the position as documents print it, e.g. «врач-терапевт»."));
  if (d.slot_min < 5 || d.slot_min > 120)
    return fail(ErrorCode::Invalid, _("The slot step is from 5 to 120 minutes."));
  if (d.default_room_id) {
    RG_TRY_ASSIGN(auto st, db.cached("SELECT active FROM rooms WHERE id = ?1"));
    st->bind(1, *d.default_room_id);
    RG_TRY_ASSIGN(bool found, st->step());
    if (!found || st->col_int(0) == 0)
      return fail(ErrorCode::Invalid, _("The default room is not an active room of the clinic."));
  }
  for (auto sid : d.specialty_ids) {
    RG_TRY_ASSIGN(auto st, db.cached("SELECT 1 FROM specialties WHERE id = ?1"));
    st->bind(1, sid);
    RG_TRY_ASSIGN(bool found, st->step());
    if (!found) return fail(ErrorCode::Invalid, _("One of the specialties no longer exists."));
  }
  for (const auto& s : d.services) {
    if (s.duration_min && (*s.duration_min < 5 || *s.duration_min > 720))
      return fail(ErrorCode::Invalid, _("A service's duration is from 5 to 720 minutes."));
    RG_TRY_ASSIGN(auto st, db.cached("SELECT 1 FROM services WHERE id = ?1"));
    st->bind(1, s.service_id);
    RG_TRY_ASSIGN(bool found, st->step());
    if (!found) return fail(ErrorCode::Invalid, _("One of the services no longer exists."));
  }
  return {};
}

std::string full_name(const DoctorDraft& d) {
  std::string n = clean(d.surname, 60) + " " + clean(d.name, 60);
  if (!clean(d.patronymic, 60).empty()) n += " " + clean(d.patronymic, 60);
  return n;
}

Status write_links(Database& db, std::int64_t id, const DoctorDraft& d) {
  RG_TRY_ASSIGN(auto del, db.cached("DELETE FROM doctor_specialties WHERE doctor_id = ?1"));
  del->bind(1, id);
  RG_TRY(del->exec());
  for (auto sid : d.specialty_ids) {
    RG_TRY_ASSIGN(auto st, db.cached(
        "INSERT INTO doctor_specialties(doctor_id, specialty_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING"));
    st->bind_all(id, sid);
    RG_TRY(st->exec());
  }
  RG_TRY_ASSIGN(auto dels, db.cached("DELETE FROM doctor_services WHERE doctor_id = ?1"));
  dels->bind(1, id);
  RG_TRY(dels->exec());
  for (const auto& s : d.services) {
    RG_TRY_ASSIGN(auto st, db.cached(
        "INSERT INTO doctor_services(doctor_id, service_id, duration_min) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (doctor_id, service_id) DO UPDATE SET duration_min = excluded.duration_min"));
    st->bind_all(id, s.service_id, s.duration_min);
    RG_TRY(st->exec());
  }
  return {};
}

// What a draft says, as the audit compares it.
AuditDetails describe(const DoctorDraft& d) {
  std::vector<std::int64_t> specs = d.specialty_ids;
  std::sort(specs.begin(), specs.end());
  std::string spec_list, service_list;
  for (auto s : specs) spec_list += (spec_list.empty() ? "" : ",") + std::to_string(s);
  auto services = d.services;
  std::sort(services.begin(), services.end(), [](auto& a, auto& b) { return a.service_id < b.service_id; });
  for (const auto& s : services)
    service_list += (service_list.empty() ? "" : ",") + std::to_string(s.service_id) +
                    (s.duration_min ? ":" + std::to_string(*s.duration_min) : "");
  return {{"name", full_name(d)},
          {"position", clean(d.position, 120)},
          {"code", clean(d.code, 32)},
          {"specialties", spec_list},
          {"room", d.default_room_id ? std::to_string(*d.default_room_id) : ""},
          {"slot_min", std::to_string(d.slot_min)},
          {"first_visits", d.first_visits ? "1" : "0"},
          {"bookable_remote", d.bookable_remote ? "1" : "0"},
          {"services", service_list}};
}

DoctorCard read_card(Statement& st) {
  DoctorCard c;
  c.id = st.col_int(0);
  DoctorDraft& d = c.doctor;
  d.surname = st.col_text(1), d.name = st.col_text(2), d.patronymic = st.col_text(3);
  d.position = st.col_text(4), d.code = st.col_text(5);
  d.default_room_id = st.col_opt_int(6);
  d.slot_min = int(st.col_int(7));
  d.first_visits = st.col_int(8) != 0, d.bookable_remote = st.col_int(9) != 0;
  c.active = st.col_int(10) != 0;
  c.room = st.col_text(11);
  c.login = st.col_text(12);
  return c;
}

Status fill_links(Database& db, DoctorCard& c, std::int64_t now) {
  RG_TRY_ASSIGN(auto sp, db.cached(
      "SELECT s.id, s.name FROM doctor_specialties x JOIN specialties s ON s.id = x.specialty_id "
      "WHERE x.doctor_id = ?1 ORDER BY s.name"));
  sp->bind(1, c.id);
  for (;;) {
    RG_TRY_ASSIGN(bool row, sp->step());
    if (!row) break;
    c.doctor.specialty_ids.push_back(sp->col_int(0));
    c.specialties += (c.specialties.empty() ? "" : ", ") + sp->col_text(1);
  }
  RG_TRY_ASSIGN(auto sv, db.cached(
      "SELECT x.service_id, x.duration_min FROM doctor_services x JOIN services s ON s.id = x.service_id "
      "WHERE x.doctor_id = ?1 ORDER BY s.code"));
  sv->bind(1, c.id);
  for (;;) {
    RG_TRY_ASSIGN(bool row, sv->step());
    if (!row) break;
    DoctorService s;
    s.service_id = sv->col_int(0);
    if (auto m = sv->col_opt_int(1)) s.duration_min = int(*m);
    c.doctor.services.push_back(s);
  }
  RG_TRY_ASSIGN(auto n, db.cached(
      "SELECT (SELECT count(*) FROM appointments WHERE doctor_id = ?1 AND end_at > ?2 "
      "        AND status IN ('booked', 'confirmed', 'arrived', 'in_room')), "
      "(SELECT count(*) FROM schedule_rules WHERE doctor_id = ?1 AND (valid_until IS NULL OR valid_until >= ?3))"));
  n->bind_all(c.id, now, to_local(now).date.iso());
  RG_TRY(n->step());
  c.appointments_ahead = int(n->col_int(0));
  c.schedule_rules = int(n->col_int(1));
  return {};
}

constexpr const char* kCardSql =
    "SELECT d.id, d.surname, d.name, d.patronymic, d.position, d.code, d.default_room_id, d.slot_min, "
    "d.first_visits, d.bookable_remote, d.active, coalesce(r.number, ''), "
    "coalesce((SELECT login FROM users WHERE doctor_id = d.id), '') "
    "FROM doctors d LEFT JOIN rooms r ON r.id = d.default_room_id ";

}  // namespace

Result<std::vector<DoctorCard>> list_doctor_cards(Database& db, std::int64_t now) {
  std::vector<DoctorCard> out;
  {
    RG_TRY_ASSIGN(auto st, db.cached(std::string(kCardSql) +
                                     "ORDER BY d.active DESC, d.sort_order, d.surname, d.name"));
    for (;;) {
      RG_TRY_ASSIGN(bool row, st->step());
      if (!row) break;
      out.push_back(read_card(*st));
    }
  }
  for (auto& c : out) RG_TRY(fill_links(db, c, now));
  return out;
}

Result<DoctorCard> load_doctor_card(Database& db, std::int64_t id, std::int64_t now) {
  DoctorCard c;
  {
    RG_TRY_ASSIGN(auto st, db.cached(std::string(kCardSql) + "WHERE d.id = ?1"));
    st->bind(1, id);
    RG_TRY_ASSIGN(bool found, st->step());
    if (!found) return fail(ErrorCode::NotFound, _("This doctor no longer exists."));
    c = read_card(*st);
  }
  RG_TRY(fill_links(db, c, now));
  return c;
}

Result<std::int64_t> create_doctor(Database& db, const DoctorDraft& d, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  RG_TRY(validate(db, d));
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO doctors(surname, name, patronymic, position, code, default_room_id, slot_min, first_visits, "
      "bookable_remote, sort_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
      "(SELECT coalesce(max(sort_order), 0) + 1 FROM doctors)) RETURNING id"));
  st->bind_all(clean(d.surname, 60), clean(d.name, 60), clean(d.patronymic, 60), clean(d.position, 120),
               clean(d.code, 32), d.default_room_id, d.slot_min, d.first_visits, d.bookable_remote);
  RG_TRY_ASSIGN(const std::int64_t id, st->exec_returning_id());
  RG_TRY(write_links(db, id, d));
  RG_TRY(append_audit(db, actor, "doctor.create", "doctor", id, describe(d)));
  RG_TRY(tx.commit());
  return id;
}

Status update_doctor(Database& db, std::int64_t id, const DoctorDraft& d, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  RG_TRY(validate(db, d));
  RG_TRY_ASSIGN(auto before, load_doctor_card(db, id, 0));
  AuditDetails changed;
  const auto was = describe(before.doctor), now = describe(d);
  for (std::size_t i = 0; i < was.size(); ++i)
    if (was[i].second != now[i].second) changed.push_back({was[i].first, was[i].second + " → " + now[i].second});
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE doctors SET surname = ?2, name = ?3, patronymic = ?4, position = ?5, code = ?6, "
      "default_room_id = ?7, slot_min = ?8, first_visits = ?9, bookable_remote = ?10 WHERE id = ?1"));
  st->bind_all(id, clean(d.surname, 60), clean(d.name, 60), clean(d.patronymic, 60), clean(d.position, 120),
               clean(d.code, 32), d.default_room_id, d.slot_min, d.first_visits, d.bookable_remote);
  RG_TRY(st->exec());
  RG_TRY(write_links(db, id, d));
  if (!changed.empty()) RG_TRY(append_audit(db, actor, "doctor.update", "doctor", id, changed));
  return tx.commit();
}

Status set_doctor_active(Database& db, std::int64_t id, bool active, std::int64_t now, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  RG_TRY_ASSIGN(auto card, load_doctor_card(db, id, now));
  if (card.active == active) return tx.commit();
  const Date today = to_local(now).date;
  if (!active) {
    if (card.appointments_ahead > 0)
      return fail(ErrorCode::Conflict,
                  format_text(_("%s still has %d appointment(s) booked. Record his absence from the day he "
                                "leaves first: the desk then hands each one to a colleague, moves or cancels it."),
                              full_name(card.doctor).c_str(), card.appointments_ahead));
    // His weekly pattern ends today; rules that had not started yet go.
    RG_TRY_ASSIGN(auto end, db.cached(
        "UPDATE schedule_rules SET valid_until = ?2 WHERE doctor_id = ?1 AND valid_from <= ?2 "
        "AND (valid_until IS NULL OR valid_until > ?2)"));
    end->bind_all(id, today.iso());
    RG_TRY(end->exec());
    RG_TRY_ASSIGN(auto later, db.cached("DELETE FROM schedule_rules WHERE doctor_id = ?1 AND valid_from > ?2"));
    later->bind_all(id, today.iso());
    RG_TRY(later->exec());
  }
  RG_TRY_ASSIGN(auto st, db.cached("UPDATE doctors SET active = ?2 WHERE id = ?1"));
  st->bind_all(id, active);
  RG_TRY(st->exec());
  RG_TRY(append_audit(db, actor, active ? "doctor.activate" : "doctor.deactivate", "doctor", id,
                      {{"name", full_name(card.doctor)}}));
  return tx.commit();
}

Result<std::vector<SpecialtyCard>> list_specialty_cards(Database& db) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT s.id, s.name, "
      "(SELECT count(*) FROM doctor_specialties x JOIN doctors d ON d.id = x.doctor_id "
      " WHERE x.specialty_id = s.id AND d.active = 1), "
      "(SELECT count(*) FROM services v WHERE v.specialty_id = s.id AND v.active = 1) "
      "FROM specialties s ORDER BY s.name"));
  std::vector<SpecialtyCard> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back({st->col_int(0), st->col_text(1), int(st->col_int(2)), int(st->col_int(3))});
  }
  return out;
}

namespace {
Status specialty_name_ok(const std::string& name) {
  if (name.empty()) return fail(ErrorCode::Invalid, _("Give the specialty's name."));
  if (utf8_length(name) > 100) return fail(ErrorCode::Invalid, _("A specialty's name has at most 100 characters."));
  return {};
}
Error specialty_taken(const Error& e, const std::string& name) {
  if (e.code == ErrorCode::Conflict)
    return Error(ErrorCode::Conflict, format_text(_("There is already a specialty «%s»."), name.c_str()), e.detail);
  return e;
}
}  // namespace

Result<std::int64_t> create_specialty(Database& db, const std::string& raw, const Actor& actor) {
  const std::string name = fold_spaces(raw);
  RG_TRY(specialty_name_ok(name));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  RG_TRY_ASSIGN(auto st, db.cached("INSERT INTO specialties(name) VALUES (?1) RETURNING id"));
  st->bind(1, name);
  auto inserted = st->exec_returning_id();
  if (!inserted) return std::unexpected(specialty_taken(inserted.error(), name));
  const std::int64_t id = *inserted;
  RG_TRY(append_audit(db, actor, "specialty.create", "specialty", id, {{"name", name}}));
  RG_TRY(tx.commit());
  return id;
}

Status rename_specialty(Database& db, std::int64_t id, const std::string& raw, const Actor& actor) {
  const std::string name = fold_spaces(raw);
  RG_TRY(specialty_name_ok(name));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  RG_TRY_ASSIGN(auto before, db.cached("SELECT name FROM specialties WHERE id = ?1"));
  before->bind(1, id);
  RG_TRY_ASSIGN(bool found, before->step());
  if (!found) return fail(ErrorCode::NotFound, _("This specialty no longer exists."));
  const std::string was = before->col_text(0);
  RG_TRY_ASSIGN(auto st, db.cached("UPDATE specialties SET name = ?2 WHERE id = ?1"));
  st->bind_all(id, name);
  if (auto r = st->exec(); !r) return std::unexpected(specialty_taken(r.error(), name));
  RG_TRY(append_audit(db, actor, "specialty.rename", "specialty", id, {{"name", was + " → " + name}}));
  return tx.commit();
}

}  // namespace rg::db
