// Appointments: booking with the schema's no-overlap guarantee, and the day grid of the schedule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "database.h"
#include "hours.h"

namespace rg::db {

enum class AppointmentStatus { Booked, Confirmed, Arrived, InRoom, Done, NoShow, Cancelled };
const char* to_db(AppointmentStatus s);
std::optional<AppointmentStatus> status_from_db(std::string_view s);
// Cancelled and no-show appointments free their time; the others hold it.
bool holds_time(AppointmentStatus s);

enum class Channel { Phone, WalkIn, Website, Kiosk, Desk };
const char* to_db(Channel c);
std::optional<Channel> channel_from_db(std::string_view s);

struct AppointmentDraft {
  std::int64_t patient_id = 0, doctor_id = 0;
  std::optional<std::int64_t> room_id;
  std::int64_t start_at = 0, end_at = 0;  // UTC seconds
  AppointmentStatus status = AppointmentStatus::Booked;
  Channel channel = Channel::Phone;
  std::vector<std::int64_t> service_ids;
  std::string note;
  std::optional<std::int64_t> created_by;
  // A time that is already over is booked only with a reason («запись задним числом: пациент
  // принят без записи»); a time that has begun (a walk-in) needs none.
  std::string past_reason;
};

// First visit unless the patient has a held appointment (or a done one) before `start_at`.
Result<bool> is_first_visit(Database& db, std::int64_t patient_id, std::int64_t start_at);

// Inserts inside the caller's transaction. An overlap comes back as ErrorCode::Conflict with
// a sentence naming who holds the time and where the booking came from; a time already over
// without `past_reason` is refused (detail "past").
Result<std::int64_t> insert_appointment(Database& db, const AppointmentDraft& a);
// The reason of a booking after the fact, for the booking's audit record.
void add_past_reason(AuditDetails& details, const AppointmentDraft& a);
// Turns the schema's "overlap:<what>" verdict into a sentence naming who holds the time
// (Conflict); other errors pass through. `except_id`: the appointment being moved.
Error explain_overlap(Database& db, const AppointmentDraft& a, const Error& e, std::int64_t except_id = 0);
// The same in its own transaction, audited.
Result<std::int64_t> book_appointment(Database& db, const AppointmentDraft& a, const Actor& actor);

// One column of the day grid.
struct DoctorDay {
  std::int64_t doctor_id = 0;
  std::string short_name;  // «Петрова А. П.»
  std::string specialty;
  std::string room;        // room number of the day's schedule or the doctor's default
  std::optional<std::int64_t> room_id;
  std::vector<std::int64_t> specialty_ids;
  std::vector<Interval> work, breaks;
  bool day_off = false;
  std::string absence;     // why the doctor is away, when an absence covers the day
  int slot_min = 15;       // his slot step: a picked time falls on it, from the start of his hours
};
struct GridAppointment {
  std::int64_t id = 0, doctor_id = 0, patient_id = 0;
  int start_min = 0, end_min = 0;  // local minutes of the grid's day
  AppointmentStatus status = AppointmentStatus::Booked;
  bool first_visit = false;
  Channel channel = Channel::Phone;
  std::string patient_short;  // «Иванова А. П.»
  std::string service;        // first service's name, "+N" when there are more
  std::string room;
};
struct DayGrid {
  Date day;
  std::vector<DoctorDay> doctors;
  std::vector<GridAppointment> appointments;  // by doctor, then time
};

// All active doctors with their hours for `day`, and every appointment that day.
Result<DayGrid> load_day_grid(Database& db, Date day);

// One line of a patient's history in the card.
struct PatientVisit {
  std::int64_t id = 0;
  std::int64_t start_at = 0, end_at = 0;
  AppointmentStatus status = AppointmentStatus::Booked;
  bool first_visit = false;
  std::string doctor;     // «Петрова А. С.»
  std::string specialty;  // «терапевт», as the desk names the doctor (doctor_specialty)
  std::string room;
  std::string summary;
};
// Newest first: the coming appointments, then the past ones.
Result<std::vector<PatientVisit>> patient_visits(Database& db, std::int64_t patient_id, int limit);

}  // namespace rg::db
