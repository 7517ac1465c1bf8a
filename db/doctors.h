// The clinic's doctors and specialties as the manager keeps them: who a doctor is on documents,
// what he does (specialties, the services he performs with his own durations), how he is booked
// (default room, slot step, first visits, from the call centre and online). A doctor who leaves
// is deactivated, never deleted: his visits, documents and money keep naming him.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "database.h"

namespace rg::db {

struct DoctorService {
  std::int64_t service_id = 0;
  std::optional<int> duration_min;  // his own, where it differs from the service's
};

struct DoctorDraft {
  std::string surname, name, patronymic;
  std::string position;  // as printed: «врач-стоматолог-терапевт»
  std::string code;      // the doctor's code on the statistical coupon
  std::vector<std::int64_t> specialty_ids;
  std::optional<std::int64_t> default_room_id;
  int slot_min = 15;
  bool first_visits = true;     // takes patients who come to the clinic for the first time
  bool bookable_remote = true;  // the call centre and online booking may book him
  // The services he performs; empty: those of his specialties.
  std::vector<DoctorService> services;
};

struct DoctorCard {
  std::int64_t id = 0;
  DoctorDraft doctor;
  bool active = true;
  std::string specialties;  // names, comma-separated
  std::string room;         // the default room's number
  std::string login;        // the account linked to him, if any
  int appointments_ahead = 0;  // booked from now on, not cancelled
  int schedule_rules = 0;      // weekly rows in force or to come
};

// Every doctor, active first, in the clinic's order then by surname. `now` counts what is ahead.
Result<std::vector<DoctorCard>> list_doctor_cards(Database& db, std::int64_t now);
Result<DoctorCard> load_doctor_card(Database& db, std::int64_t id, std::int64_t now);

// SettingsEdit; audited with what changed. Refused in words: no surname or name, no position, a
// slot step outside 5–120 minutes, an unknown or inactive room or specialty, a duration outside
// 5–720 minutes.
Result<std::int64_t> create_doctor(Database& db, const DoctorDraft& d, const Actor& actor);
Status update_doctor(Database& db, std::int64_t id, const DoctorDraft& d, const Actor& actor);
// Deactivating is refused while appointments are booked with him from now on (the message counts
// them and says to record his absence first, which hands them on); his weekly schedule ends the
// day he leaves. Reactivating always works.
Status set_doctor_active(Database& db, std::int64_t id, bool active, std::int64_t now, const Actor& actor);

struct SpecialtyCard {
  std::int64_t id = 0;
  std::string name;
  int doctors = 0, services = 0;
};
Result<std::vector<SpecialtyCard>> list_specialty_cards(Database& db);
// SettingsEdit; a name another specialty has is Conflict.
Result<std::int64_t> create_specialty(Database& db, const std::string& name, const Actor& actor);
Status rename_specialty(Database& db, std::int64_t id, const std::string& name, const Actor& actor);

}  // namespace rg::db
