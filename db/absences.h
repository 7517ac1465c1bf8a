// A doctor away for days (illness, leave): the absence empties those days in the schedule, the
// affected appointments are listed, and each one is handed to a colleague, moved or cancelled
// with a call task for the patient — each in one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "appointment_changes.h"
#include "audit.h"
#include "calendar.h"
#include "database.h"

namespace rg::db {

struct Absence {
  std::int64_t id = 0, doctor_id = 0;
  Date from, to;
  std::string reason;
};

Result<std::int64_t> add_absence(Database& db, std::int64_t doctor_id, Date from, Date to,
                                 std::string_view reason, const Actor& actor);
Status withdraw_absence(Database& db, std::int64_t id, const Actor& actor);
// The most recently recorded absence still in force, if any.
Result<std::optional<Absence>> latest_absence(Database& db);
Result<std::vector<Absence>> doctor_absences(Database& db, std::int64_t doctor_id, Date from, Date to);

// The doctor's appointments in the days that still hold time and are not done, by time.
Result<std::vector<Appointment>> affected_by_absence(Database& db, std::int64_t doctor_id,
                                                     Date from, Date to);

struct Substitute {
  std::int64_t doctor_id = 0;
  std::string name;  // «Соколов Д. И.»
  std::optional<std::int64_t> room_id;
  std::string room;
};
// Colleagues sharing a specialty with the appointment's doctor who work and are free for its
// whole time, in a room that is free too.
Result<std::vector<Substitute>> free_substitutes(Database& db, std::int64_t appointment_id);

// Each of these changes the appointment and adds a call task for the patient, all or nothing.
Status hand_to_substitute(Database& db, std::int64_t appointment_id, const Substitute& s,
                          const Actor& actor);
Status move_for_absence(Database& db, std::int64_t appointment_id, const MoveTo& to, const Actor& actor);
Status cancel_for_absence(Database& db, std::int64_t appointment_id, std::string_view reason,
                          const Actor& actor);

}  // namespace rg::db
