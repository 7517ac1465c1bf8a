// A realistic demo clinic in Russian, and the large benchmark dataset, from one generator.
#pragma once

#include <cstdint>

#include "database.h"

namespace rg::db {

struct SeedOptions {
  int patients = 2000;
  int doctors = 12;
  int days = 61;              // schedule span centred on today: 61 = ±30 days
  std::uint64_t seed = 20261122;  // same options, same clinic
};

struct SeedReport {
  std::int64_t patients = 0, doctors = 0, appointments = 0, services = 0;
};

// Fills an empty, migrated database. Refuses a database that already has a clinic.
// The demo's "now" lies inside clinic hours (10:40–13:40 of today, the real time when it is
// inside), so today always has patients expected, waiting and in the room; the database keeps
// the shift from real time in the setting `demo.clock_offset`.
Result<SeedReport> seed_demo(Database& db, const SeedOptions& opts);

// A demo clinic: this process's clock is shifted as the demo was built, so every process on it
// (desk, kiosk) sees the same day the data describes. Opened on a later day (`refresh`), the
// shift is set again once for that day: the demo's day at the real time of day kept inside
// 10:40–13:40, so a demo made last week still shows a morning in progress that agrees with its
// data. A real clinic has no such setting and its clock is left alone. Returns the shift in seconds.
Result<std::int64_t> use_demo_clock(Database& db, bool refresh = true);

}  // namespace rg::db
