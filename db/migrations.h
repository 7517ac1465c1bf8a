// Schema migrations by PRAGMA user_version: numbered, forward-only, one transaction each.
#pragma once

#include <string>

#include "database.h"

namespace rg::db {

// The schema version this build writes and understands.
inline constexpr int kSchemaVersion = 11;

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::string backup_path;  // empty when nothing needed a backup (new or current database)
};

// Brings an open database to kSchemaVersion. A database newer than the code is refused with
// ErrorCode::SchemaTooNew before anything is written. An existing database is first copied
// with the online backup API to "<path>.v<N>.bak".
Result<MigrationReport> migrate(Database& db);

// Opens (creating if asked), refuses a too-new schema untouched, configures WAL and friends,
// and migrates. What both applications and the CLI call.
Result<Database> open_clinic_database(const std::string& path, const OpenOptions& opts = {});

}  // namespace rg::db
