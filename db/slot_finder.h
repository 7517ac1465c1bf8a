// The slot finder («Подобрать время»): chains of back-to-back appointments for one visit to 1–4
// specialists, ranked by the earliest day and by how densely they fill the doctors' days.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "appointments.h"
#include "audit.h"
#include "calendar.h"
#include "database.h"

namespace rg::db {

// One specialist of the visit: a service (its specialty and duration), or a specialty, and
// optionally the doctors the patient accepts.
struct SlotNeed {
  std::optional<std::int64_t> service_id;    // the service to be done
  std::optional<std::int64_t> specialty_id;  // any doctor of this specialty (the service's, if unset)
  std::vector<std::int64_t> doctor_ids;      // only these doctors, when not empty
  int duration_min = 0;                      // 0: the service's duration (30 without a service)
};

struct SlotRequest {
  std::vector<SlotNeed> needs;            // 1–4, in visit order when fixed_order
  Date from, to;                          // days, inclusive
  int day_from_min = 0, day_to_min = 1440;  // the patient's time of day: the whole chain inside
  bool fixed_order = true;                // false: any order of the needs
  int max_gap_min = 15;                   // most waiting between two steps of the chain
  std::optional<std::int64_t> patient_id; // the patient's own appointments are avoided too
  std::int64_t not_before = 0;            // UTC seconds; nothing starts earlier (now)
  int max_options = 8;
  int step_min = 5;                       // starts are on this grid, from the period's start
};

struct SlotStep {
  size_t need = 0;  // index into SlotRequest::needs
  std::int64_t doctor_id = 0;
  std::optional<std::int64_t> room_id;
  std::int64_t start_at = 0, end_at = 0;  // UTC seconds
};

struct SlotOption {
  Date day;
  std::vector<SlotStep> steps;  // in the order the patient goes
  int wait_min = 0;   // the patient's total waiting between steps
  int idle_min = 0;   // doctors' minutes left free next to the steps that are too short to book
                      // (under 30 minutes): what this option would waste
  int touching = 0;   // step edges that meet a booking or the edge of the working period
};

// The best options, best first: earliest day, then least idle time left, then most touching
// edges, then earliest start. At most a few per day so that the list offers a choice of days.
// Doctors must be working (absences, breaks respected), rooms free, the patient free.
Result<std::vector<SlotOption>> find_slots(Database& db, const SlotRequest& request);

// The clinic's most waiting between two steps (settings key 'slot_finder.max_gap_min'), for
// SlotRequest::max_gap_min; 15 when unset or not a number of minutes.
Result<int> slot_max_gap_setting(Database& db);

// Books every step of an option for the patient in one transaction: all or none. A step whose
// time was taken meanwhile fails the whole chain with the schema's Conflict message.
Result<std::vector<std::int64_t>> book_option(Database& db, std::int64_t patient_id,
                                              const SlotRequest& request, const SlotOption& option,
                                              Channel channel, const std::string& note,
                                              const Actor& actor);

}  // namespace rg::db
