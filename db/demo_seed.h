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
Result<SeedReport> seed_demo(Database& db, const SeedOptions& opts);

}  // namespace rg::db
