// Requisites and reference lists: small tables read at start and on change.
#include "clinic.h"

#include <charconv>

#include "demo_seed.h"
#include "i18n.h"
#include "migrations.h"
#include "staff.h"

namespace rg::db {

Result<Clinic> load_clinic(Database& db) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT name, short_name, legal_address, actual_address, phone, email, ogrn, inn, kpp, "
      "licence_number, licence_date, licence_authority, head_position, head_name, time_zone, "
      "desk_location FROM clinic WHERE id = 1"));
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row)
    return fail(ErrorCode::NotFound,
                _("The clinic's requisites are not filled in yet. Open Settings → Clinic."));
  Clinic c;
  int i = 0;
  c.name = st->col_text(i++);
  c.short_name = st->col_text(i++);
  c.legal_address = st->col_text(i++);
  c.actual_address = st->col_text(i++);
  c.phone = st->col_text(i++);
  c.email = st->col_text(i++);
  c.ogrn = st->col_text(i++);
  c.inn = st->col_text(i++);
  c.kpp = st->col_text(i++);
  c.licence_number = st->col_text(i++);
  c.licence_date = st->col_opt_text(i++);
  c.licence_authority = st->col_text(i++);
  c.head_position = st->col_text(i++);
  c.head_name = st->col_text(i++);
  c.time_zone = st->col_text(i++);
  c.desk_location = st->col_text(i++);
  return c;
}

namespace {

Status write_clinic(Database& db, const Clinic& c) {
  if (!time_zone_exists(c.time_zone))
    return fail(ErrorCode::Invalid, _("Unknown time zone. Use a name like Europe/Moscow."));
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO clinic(id, name, short_name, legal_address, actual_address, phone, email, "
      "ogrn, inn, kpp, licence_number, licence_date, licence_authority, head_position, head_name, "
      "time_zone, desk_location) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
      "?13, ?14, ?15, ?16) ON CONFLICT(id) DO UPDATE SET name=excluded.name, "
      "short_name=excluded.short_name, legal_address=excluded.legal_address, "
      "actual_address=excluded.actual_address, phone=excluded.phone, email=excluded.email, "
      "ogrn=excluded.ogrn, inn=excluded.inn, kpp=excluded.kpp, "
      "licence_number=excluded.licence_number, licence_date=excluded.licence_date, "
      "licence_authority=excluded.licence_authority, head_position=excluded.head_position, "
      "head_name=excluded.head_name, time_zone=excluded.time_zone, "
      "desk_location=excluded.desk_location"));
  st->bind_all(c.name, c.short_name, c.legal_address, c.actual_address, c.phone, c.email, c.ogrn,
               c.inn, c.kpp, c.licence_number, c.licence_date, c.licence_authority,
               c.head_position, c.head_name, c.time_zone, c.desk_location);
  if (auto r = st->exec(); !r) {
    if (r.error().code == ErrorCode::Conflict)
      return fail(ErrorCode::Invalid,
                  _("Check the requisites: OGRN has 13 digits, INN 10 or 12, KPP 9."),
                  r.error().detail);
    return r;
  }
  return {};
}

}  // namespace

Status save_clinic(Database& db, const Clinic& c, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  RG_TRY(write_clinic(db, c));
  RG_TRY(append_audit(db, actor, "clinic.save", "clinic", 1, {{"name", c.name}}));
  return tx.commit();
}

Status save_requisites(Database& db, const Clinic& c, const std::vector<std::pair<std::string, std::string>>& settings,
                       const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  RG_TRY(write_clinic(db, c));
  AuditDetails changed{{"name", c.name}};
  for (const auto& [key, value] : settings) {
    if (key.rfind("clinic.", 0) != 0 && key.rfind("documents.", 0) != 0)
      return fail(ErrorCode::Internal, "not a requisite", key);
    RG_TRY_ASSIGN(auto old, get_setting(db, key));
    if (old.value_or("") == value) continue;
    RG_TRY(set_setting(db, key, value));
    changed.push_back({key, value});
  }
  RG_TRY(append_audit(db, actor, "clinic.requisites", "clinic", 1, changed));
  return tx.commit();
}

Result<std::optional<std::string>> get_setting(Database& db, std::string_view key) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT value FROM settings WHERE key = ?1"));
  st->bind(1, key);
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return std::optional<std::string>{};
  return std::optional<std::string>(st->col_text(0));
}

Result<int> get_setting_int(Database& db, std::string_view key, int fallback, int lo, int hi) {
  RG_TRY_ASSIGN(auto v, get_setting(db, key));
  if (!v) return fallback;
  int out = 0;
  const char* end = v->data() + v->size();
  auto [p, ec] = std::from_chars(v->data(), end, out);
  return ec == std::errc() && p == end && out >= lo && out <= hi ? out : fallback;
}

Result<std::string> setting_or_insert(Database& db, std::string_view key, std::string_view value) {
  RG_TRY_ASSIGN(auto st, db.cached("INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT DO NOTHING"));
  st->bind_all(key, value);
  RG_TRY(st->exec());
  RG_TRY_ASSIGN(auto stored, get_setting(db, key));
  return stored.value_or(std::string(value));
}

Status set_setting(Database& db, std::string_view key, std::string_view value) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO settings(key, value) VALUES (?1, ?2) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  st->bind_all(key, value);
  return st->exec();
}

Status change_setting(Database& db, std::string_view key, std::string_view value, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  RG_TRY_ASSIGN(auto before, get_setting(db, key));
  RG_TRY(set_setting(db, key, value));
  RG_TRY(append_audit(db, actor, "setting.change", "setting", std::nullopt,
                      {{"key", std::string(key)}, {"before", before.value_or("")}, {"after", std::string(value)}}));
  return tx.commit();
}

Result<std::vector<Doctor>> list_doctors(Database& db, bool active_only) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT d.id, d.surname, d.name, d.patronymic, d.position, d.default_room_id, "
      "coalesce(r.number, ''), d.active, "
      "coalesce((SELECT group_concat(s.name, ', ') FROM doctor_specialties ds "
      "          JOIN specialties s ON s.id = ds.specialty_id WHERE ds.doctor_id = d.id), ''), "
      "coalesce((SELECT group_concat(specialty_id) FROM doctor_specialties WHERE doctor_id = d.id), '') "
      "FROM doctors d LEFT JOIN rooms r ON r.id = d.default_room_id "
      "WHERE d.active = 1 OR ?1 = 0 ORDER BY d.sort_order, d.surname, d.name"));
  st->bind(1, active_only);
  std::vector<Doctor> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    Doctor d;
    d.id = st->col_int(0);
    d.surname = st->col_text(1);
    d.name = st->col_text(2);
    d.patronymic = st->col_text(3);
    d.position = st->col_text(4);
    d.default_room_id = st->col_opt_int(5);
    d.default_room = st->col_text(6);
    d.active = st->col_int(7) != 0;
    d.specialties = st->col_text(8);
    std::string ids = st->col_text(9);
    for (size_t p = 0; p < ids.size();) {
      size_t e = ids.find(',', p);
      if (e == std::string::npos) e = ids.size();
      d.specialty_ids.push_back(std::stoll(ids.substr(p, e - p)));
      p = e + 1;
    }
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<Specialty>> list_specialties(Database& db) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT s.id, s.name FROM specialties s WHERE EXISTS (SELECT 1 FROM doctor_specialties ds "
      "JOIN doctors d ON d.id = ds.doctor_id WHERE ds.specialty_id = s.id AND d.active = 1) "
      "ORDER BY s.name"));
  std::vector<Specialty> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back({st->col_int(0), st->col_text(1)});
  }
  return out;
}

Result<std::string> doctor_specialty(Database& db, std::int64_t doctor_id) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string("SELECT ") + kDoctorSpecialtySql + " FROM doctors d WHERE d.id = ?1"));
  st->bind(1, doctor_id);
  RG_TRY_ASSIGN(bool row, st->step());
  return row ? st->col_text(0) : std::string();
}

Result<std::vector<Room>> list_rooms(Database& db) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT id, number, name FROM rooms WHERE active = 1 ORDER BY length(number), number"));
  std::vector<Room> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back({st->col_int(0), st->col_text(1), st->col_text(2)});
  }
  return out;
}

Result<std::vector<ReferralSource>> list_referral_sources(Database& db) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT id, name FROM referral_sources WHERE active = 1 ORDER BY id"));
  std::vector<ReferralSource> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back({st->col_int(0), st->col_text(1)});
  }
  return out;
}

Result<Database> open_clinic(const std::string& path, const OpenOptions& opts) {
  RG_TRY_ASSIGN(auto db, open_clinic_database(path, opts));
  auto clinic = load_clinic(db);
  if (clinic && time_zone_exists(clinic->time_zone)) use_time_zone(clinic->time_zone);
  RG_TRY(use_demo_clock(db, !opts.read_only));
  return db;
}

}  // namespace rg::db
