// A clinic's first steps on an empty database: the first manager's account (only while there is
// no account at all), then what a working day needs, in order — requisites, rooms, specialties
// and doctors, working schedules, the price list, staff, printers and devices — each done when the
// database says so, or skipped by the manager and revisited at any time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "database.h"
#include "staff.h"

namespace rg::db {

enum class SetupStep { Requisites, Rooms, Doctors, Schedules, Prices, Staff, Devices };
inline constexpr SetupStep kSetupSteps[] = {SetupStep::Requisites, SetupStep::Rooms,  SetupStep::Doctors,
                                            SetupStep::Schedules,  SetupStep::Prices, SetupStep::Staff,
                                            SetupStep::Devices};

struct SetupState {
  SetupStep step = SetupStep::Requisites;
  bool done = false;     // the database has what the step asks for
  bool skipped = false;  // the manager chose to leave it for now
  std::string title;     // «Реквизиты клиники»
  std::string state;     // what is there or missing, in words: «2 врача без расписания»
};

// Every step in order with its state; `complete` when each is done or skipped.
struct SetupProgress {
  std::vector<SetupState> steps;
  bool complete() const;
  int finished() const;  // done or skipped
};
Result<SetupProgress> setup_progress(Database& db);

// SettingsEdit; audited. Skipping leaves the step for later; un-skipping lists it again.
Status skip_setup_step(Database& db, SetupStep step, bool skipped, const Actor& actor);

// Whether the clinic has no account yet (the desk then offers the first manager's account).
Result<bool> no_accounts(Database& db);
// The first run: the clinic's name (kept when it has one) and the first manager's account with
// the password hash (auth/ makes it), in one transaction — refused as Forbidden once any account
// exists, so the form can never be used to add a second manager.
Result<std::int64_t> create_first_manager(Database& db, std::string_view clinic_name, const StaffDraft& d,
                                          std::string_view password_hash);

}  // namespace rg::db
