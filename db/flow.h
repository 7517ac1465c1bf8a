// The patient flow of the day at the desk: who is expected, who is waiting (and how long), who is
// with the doctor, who has been seen, who did not come; and the desk's steps along it — check in,
// call into the room, mark a no-show (with a call to make), take back a mistaken status.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "appointments.h"
#include "audit.h"
#include "calendar.h"
#include "checkin.h"
#include "database.h"

namespace rg::db {

// One appointment of the day as the flow board shows it.
struct FlowRow {
  std::int64_t appointment_id = 0, patient_id = 0;
  std::string patient_name;   // «Иванова Анна Петровна»: the desk sees full names
  std::string patient_short;  // «Иванова А. П.»
  std::string patient_phone;  // E.164 digits, the first number to call
  std::int64_t doctor_id = 0;
  std::string doctor;         // «Петрова А. С.»
  std::string room;           // number, may be empty
  int start_min = 0, end_min = 0;  // local minutes of the day
  AppointmentStatus status = AppointmentStatus::Booked;
  bool first_visit = false;
  std::optional<std::int64_t> checked_in_at;  // UTC seconds; none when marked arrived by hand
  std::string checked_in_by;                  // 'kiosk:lobby', 'user:3', or empty
  int queue_number = 0;                       // today's ticket of the patient, 0: none
  bool contract_printed = false;              // a contract was printed for this visit

  // Derived at `now`:
  int waiting_min = 0;  // arrived: since the check-in (or since the status was set)
  int late_min = 0;     // booked/confirmed past the start
  bool needs_reason = false;  // booked/confirmed outside the check-in window: the desk says why

  bool from_kiosk() const { return checked_in_by.starts_with("kiosk:"); }
  bool expected() const { return status == AppointmentStatus::Booked || status == AppointmentStatus::Confirmed; }
};

// Every appointment of `day` but the cancelled ones, by start time (then doctor), one query.
// `now` is UTC seconds.
Result<std::vector<FlowRow>> today_flow(Database& db, Date day, std::int64_t now);

// When waiting turns amber and red (settings 'flow.wait_amber_min', 'flow.wait_red_min').
struct FlowThresholds {
  int amber_after_min = 15;
  int red_after_min = 30;
  int no_show_after_min = 30;  // 'flow.no_show_after_min': later than this, «Не пришёл?»
};
Result<FlowThresholds> load_flow_thresholds(Database& db);
// Still expected this long after the start: the board asks «Не пришёл?» with a one-click no-show.
bool probably_absent(const FlowRow& r, const FlowThresholds& t);

// Visits left open: arrived or with the doctor, the time over by more than `grace_s` (any day).
// The end-of-day check offers to close them as seen.
struct OpenVisit {
  std::int64_t appointment_id = 0, start_at = 0, end_at = 0;
  AppointmentStatus status = AppointmentStatus::Arrived;
  std::string patient, doctor;  // «Иванова А. П.», «Петрова А. С.»
};
Result<std::vector<OpenVisit>> visits_left_open(Database& db, std::int64_t now, std::int64_t grace_s = 3600);
// Marks them seen (done), in one transaction, each audited; ones another desk closed are skipped.
Result<int> close_open_visits(Database& db, std::span<const std::int64_t> ids, const Actor& actor);

// The patient did not come: status no_show and a call task («Неявка 03.06 10:00, Петрова А. С.:
// перезвонить, предложить новое время»), in one transaction, audited.
Status mark_no_show(Database& db, std::int64_t appointment_id, const Actor& actor);

// Where a mistaken status may be taken back to: the backward steps the schema allows
// (arrived → confirmed, in_room → arrived, done → in_room, no_show → booked, confirmed → booked).
std::vector<AppointmentStatus> undo_targets(AppointmentStatus from);
// Takes a mistaken status back to `to` (one of undo_targets), with a reason (Invalid without
// one), audited with it. Back from arrived also forgets the check-in; back from no_show drops the
// call task the no-show created.
Status undo_status(Database& db, std::int64_t appointment_id, AppointmentStatus to, std::string_view reason,
                   const Actor& actor);

// «Пригласить в кабинет»: arrived → in_room, audited as its own action.
Status call_in(Database& db, std::int64_t appointment_id, const Actor& actor);

// The desk checks one appointment of today in, through the same check_in as the kiosk. Outside
// the check-in window it is refused (Invalid) unless `override_reason` says why.
Result<CheckinDone> desk_check_in(Database& db, std::int64_t appointment_id, std::int64_t now, const Actor& actor,
                                  const std::string& override_reason = {});

}  // namespace rg::db
