// Лист ожидания: patients who want a time that is not free yet. When a time frees (cancel,
// no-show, move, absence), the entries that fit it are offered, best first; booking one closes
// the entry in the same transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "appointments.h"
#include "audit.h"
#include "calendar.h"
#include "database.h"

namespace rg::db {

struct WaitingDraft {
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> specialty_id, doctor_id, service_id;  // at least one
  Date from, to;
  int time_from_min = 0, time_to_min = 1440;
  int priority = 0;  // 0 ordinary, 1 high, 2 urgent
  std::string comment;
};

struct WaitingEntry {
  std::int64_t id = 0, patient_id = 0;
  std::optional<std::int64_t> specialty_id, doctor_id, service_id;
  std::string patient_name, patient_phone;
  std::string wants;  // «Петрова А. С.», «стоматолог-терапевт» or the service's name
  Date from, to;
  int time_from_min = 0, time_to_min = 1440;
  int priority = 0;
  int duration_min = 30;  // the service's, else 30
  std::string comment;
  std::int64_t created_at = 0;
};

Result<std::int64_t> add_waiting(Database& db, const WaitingDraft& d, const Actor& actor);
Status remove_waiting(Database& db, std::int64_t id, const Actor& actor);

enum class WaitingOrder { Priority, Age };  // urgent first / longest waiting first
// Open entries; only those for `doctor_id` (by doctor, or by a specialty the doctor has) when set.
Result<std::vector<WaitingEntry>> waiting_list(Database& db, std::optional<std::int64_t> doctor_id,
                                               WaitingOrder order);

// Entries that fit a free time of a doctor: the day in their range, enough of the time inside
// their hours, the doctor or one of his specialties wanted. Best first: urgent, asked for this
// doctor by name, waiting longest. A time that has begun or lies outside the doctor's working
// hours is offered to nobody.
Result<std::vector<WaitingEntry>> waiting_for_gap(Database& db, std::int64_t doctor_id,
                                                  std::int64_t start_at, std::int64_t end_at);

// Closes the entry as booked by an appointment made elsewhere (the slot finder's chain).
Status mark_waiting_booked(Database& db, std::int64_t entry_id, std::int64_t appointment_id, const Actor& actor);

// Books the appointment and closes the entry, all or nothing.
Result<std::int64_t> book_from_waiting(Database& db, std::int64_t entry_id, const AppointmentDraft& a,
                                       const Actor& actor);

}  // namespace rg::db
