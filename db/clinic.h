// The clinic's requisites, settings and reference lists (doctors, rooms, specialties, services).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "database.h"

namespace rg::db {

struct Clinic {
  std::string name, short_name, legal_address, actual_address, phone, email;
  std::string ogrn, inn, kpp;
  std::string licence_number;
  std::optional<std::string> licence_date;  // YYYY-MM-DD
  std::string licence_authority, head_position, head_name;
  std::string time_zone = "Europe/Moscow";
  std::string desk_location;
};

Result<Clinic> load_clinic(Database& db);
Status save_clinic(Database& db, const Clinic& c, const Actor& actor);
// The requisites form: the clinic and the clinic.* / documents.* settings the documents print,
// in one audited transaction (the audit names the settings that changed).
Status save_requisites(Database& db, const Clinic& c, const std::vector<std::pair<std::string, std::string>>& settings,
                       const Actor& actor);

Result<std::optional<std::string>> get_setting(Database& db, std::string_view key);
// Unguarded, inside the caller's transaction (migrations, the seed, the core's own state).
Status set_setting(Database& db, std::string_view key, std::string_view value);
// A person changes a setting: SettingsEdit, audited with the value before and after.
Status change_setting(Database& db, std::string_view key, std::string_view value, const Actor& actor);
// A whole number setting within [lo, hi]; `fallback` when unset or not such a number (a clinic's
// typo must not stop the desk).
Result<int> get_setting_int(Database& db, std::string_view key, int fallback, int lo, int hi);
// Stores `value` unless the key has one already (two processes making it at once keep the
// first); returns the value in force.
Result<std::string> setting_or_insert(Database& db, std::string_view key, std::string_view value);

struct Doctor {
  std::int64_t id = 0;
  std::string surname, name, patronymic, position;
  std::string specialties;  // comma-separated names, for display
  std::vector<std::int64_t> specialty_ids;
  std::optional<std::int64_t> default_room_id;
  std::string default_room;  // its number
  bool active = true;
};
Result<std::vector<Doctor>> list_doctors(Database& db, bool active_only = true);

struct Specialty {
  std::int64_t id = 0;
  std::string name;
};
// Specialties that at least one active doctor has, by name.
Result<std::vector<Specialty>> list_specialties(Database& db);
// How a doctor's specialty reads wherever the desk or a patient sees it (the schedule's column,
// the booking panel, the kiosk): the first of the doctor's specialties by id, else the position
// printed on documents, "" when neither is entered.
Result<std::string> doctor_specialty(Database& db, std::int64_t doctor_id);
// The same as an SQL expression over a `doctors d` row, for lists read in one query.
inline constexpr const char* kDoctorSpecialtySql =
    "coalesce((SELECT s.name FROM doctor_specialties ds JOIN specialties s ON s.id = ds.specialty_id "
    "WHERE ds.doctor_id = d.id ORDER BY ds.specialty_id LIMIT 1), nullif(d.position, ''), '')";

struct Room {
  std::int64_t id = 0;
  std::string number, name;
};
Result<std::vector<Room>> list_rooms(Database& db);

struct ReferralSource {
  std::int64_t id = 0;
  std::string name;
};
Result<std::vector<ReferralSource>> list_referral_sources(Database& db);

// Opens the clinic database and applies its time zone (and a demo clinic's clock) to this process.
Result<Database> open_clinic(const std::string& path, const OpenOptions& opts = {});

}  // namespace rg::db
