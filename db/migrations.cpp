// Forward-only migrations in a fall-through switch (as maplibre-native's offline database does).
#include "migrations.h"

#include <cstdio>

#include "i18n.h"
#include "migration_001_initial.h"
#include "migration_002_scheduling.h"
#include "migration_003_checkin.h"
#include "migration_004_documents.h"
#include "migration_005_cash.h"
#include "migration_006_credit.h"
#include "migration_007_people.h"
#include "migration_008_desk.h"
#include "migration_009_staff.h"
#include "migration_010_rooms.h"
#include "migration_011_setup.h"

namespace rg::db {
namespace {

Result<int> user_version(Database& db) {
  RG_TRY_ASSIGN(auto v, db.query_int("PRAGMA user_version"));
  return static_cast<int>(v);
}

Status refuse_if_too_new(int version) {
  if (version <= kSchemaVersion) return {};
  char msg[512];
  std::snprintf(msg, sizeof msg,
                _("This database was written by a newer Registratura (schema v%d; this program "
                  "knows up to v%d). Update the program. The database was not changed."),
                version, kSchemaVersion);
  return fail(ErrorCode::SchemaTooNew, msg, "user_version " + std::to_string(version));
}

// One numbered step in its own transaction. The version is read again inside the write lock,
// so two processes starting at once cannot both apply the same step.
Status apply_step(Database& db, int to_version, const char* sql) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY_ASSIGN(int current, user_version(db));
  if (current >= to_version) return tx.commit();
  if (current != to_version - 1)
    return fail(ErrorCode::Internal, _("Internal error in the database layer."),
                "migration gap at v" + std::to_string(current));
  RG_TRY(db.exec(sql));
  RG_TRY(db.exec("PRAGMA user_version = " + std::to_string(to_version)));
  return tx.commit();
}

Result<bool> has_tables(Database& db) {
  RG_TRY_ASSIGN(auto n, db.query_int("SELECT count(*) FROM sqlite_schema"));
  return n > 0;
}

}  // namespace

Result<MigrationReport> migrate(Database& db) {
  MigrationReport report;
  RG_TRY_ASSIGN(report.from_version, user_version(db));
  RG_TRY(refuse_if_too_new(report.from_version));
  report.to_version = kSchemaVersion;
  if (report.from_version == kSchemaVersion) return report;

  if (db.path() != ":memory:" && !db.path().empty()) {
    // The backup is taken while a second connection holds the write lock: processes starting
    // together take turns, and one that finds the work done by another makes no backup at all.
    // (The backup reads through `db`, which must not hold the write transaction itself.)
    RG_TRY_ASSIGN(auto gate, Database::open(db.path(), {.create = false}));
    RG_TRY_ASSIGN(auto tx, Transaction::begin(gate));
    RG_TRY_ASSIGN(report.from_version, user_version(db));
    if (report.from_version == kSchemaVersion) return report;
    RG_TRY_ASSIGN(bool existing, has_tables(db));
    if (existing) {
      report.backup_path = db.path() + ".v" + std::to_string(report.from_version) + ".bak";
      RG_TRY(db.backup_to(report.backup_path));
    }
    RG_TRY(tx.commit());
  }

  switch (report.from_version) {
    case 0:
      RG_TRY(apply_step(db, 1, kMigration001));
      [[fallthrough]];
    case 1:
      RG_TRY(apply_step(db, 2, kMigration002));
      [[fallthrough]];
    case 2:
      RG_TRY(apply_step(db, 3, kMigration003));
      [[fallthrough]];
    case 3:
      RG_TRY(apply_step(db, 4, kMigration004));
      [[fallthrough]];
    case 4:
      RG_TRY(apply_step(db, 5, kMigration005));
      [[fallthrough]];
    case 5:
      RG_TRY(apply_step(db, 6, kMigration006));
      [[fallthrough]];
    case 6:
      RG_TRY(apply_step(db, 7, kMigration007));
      [[fallthrough]];
    case 7:
      RG_TRY(apply_step(db, 8, kMigration008));
      [[fallthrough]];
    case 8:
      RG_TRY(apply_step(db, 9, kMigration009));
      [[fallthrough]];
    case 9:
      RG_TRY(apply_step(db, 10, kMigration010));
      [[fallthrough]];
    case 10:
      RG_TRY(apply_step(db, 11, kMigration011));
      [[fallthrough]];
    case kSchemaVersion:
      break;
  }
  return report;
}

Result<Database> open_clinic_database(const std::string& path, const OpenOptions& opts) {
  RG_TRY_ASSIGN(auto db, Database::open(path, opts));
  // Check the version before configure(): switching to WAL would already write to the file.
  RG_TRY_ASSIGN(int version, user_version(db));
  RG_TRY(refuse_if_too_new(version));
  if (!opts.read_only) {
    RG_TRY(db.configure());
    RG_TRY(migrate(db));
  } else {
    RG_TRY(db.exec("PRAGMA foreign_keys=ON"));
  }
  return db;
}

}  // namespace rg::db
