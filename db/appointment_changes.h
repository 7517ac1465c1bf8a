// What happens to an appointment after it is booked: the visit's statuses, cancellation,
// moving it to another time, doctor or room. Every change is checked by the schema (legal
// transitions, no overlaps) and written to the audit log with who and when.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "appointments.h"
#include "audit.h"
#include "database.h"

namespace rg::db {

// The status's name for people: «Записан», «Пришёл» …
const char* status_name(AppointmentStatus s);
// Where a status may go next, in the order a menu offers them (the schema has the same list).
std::vector<AppointmentStatus> next_statuses(AppointmentStatus from);

struct Appointment {
  std::int64_t id = 0, patient_id = 0, doctor_id = 0;
  std::optional<std::int64_t> room_id;
  std::int64_t start_at = 0, end_at = 0;
  AppointmentStatus status = AppointmentStatus::Booked;
  Channel channel = Channel::Phone;
  bool first_visit = false;
  std::string note, cancel_reason;
  std::string patient_name;  // full name, for the desk
  std::string patient_phone;
  std::string doctor_name;   // «Петрова А. С.»
  std::string room;          // number
  std::string services;      // summary
  std::vector<std::int64_t> service_ids;
};
Result<Appointment> load_appointment(Database& db, std::int64_t id);

// Illegal moves come back as ErrorCode::Invalid naming both statuses; taking back a freed
// time that someone else has since booked comes back as Conflict.
Status set_status(Database& db, std::int64_t id, AppointmentStatus to, const Actor& actor);
// A reason is required («Пациент отменил по телефону»).
Status cancel_appointment(Database& db, std::int64_t id, std::string_view reason, const Actor& actor);

struct MoveTo {
  std::int64_t doctor_id = 0;
  std::optional<std::int64_t> room_id;
  std::int64_t start_at = 0, end_at = 0;
};
// Moves the appointment keeping its patient, services and status; the old time is freed.
Status move_appointment(Database& db, std::int64_t id, const MoveTo& to, const Actor& actor);

// The same changes inside the caller's transaction, for operations that do more at once (an
// absence moves an appointment and creates a call task; a no-show adds a call; all or nothing).
// apply_status writes no audit line: the operation says what it did.
Status apply_status(Database& db, const Appointment& a, AppointmentStatus to);
Status apply_cancel(Database& db, std::int64_t id, std::string_view reason, const Actor& actor);
Status apply_move(Database& db, std::int64_t id, const MoveTo& to, const Actor& actor);

// One line of an appointment's history from the audit log.
struct HistoryEntry {
  std::int64_t at_ms = 0;
  std::string actor, action, details;
  std::string who;  // «Смирнова Е. А.», «киоск», or the actor as recorded
};
Result<std::vector<HistoryEntry>> appointment_history(Database& db, std::int64_t id);

}  // namespace rg::db
