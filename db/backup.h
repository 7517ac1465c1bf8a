// The one file that holds the clinic is never lost: consistent online copies of the live database
// (VACUUM INTO: one read transaction, so desks and the kiosk go on writing), each checked before it
// counts, kept by a grandfather-father-son rotation, and a restore that refuses while anyone has
// the database open and keeps the current file aside.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "database.h"

namespace rg::db {

struct BackupPolicy {
  int daily = 7;     // the newest copy of each of the last 7 days that have one …
  int weekly = 4;    // … of each of the last 4 weeks …
  int monthly = 12;  // … and of each of the last 12 months
};

struct BackupFile {
  std::string path;
  std::int64_t taken_at = 0;  // UTC seconds, from the name (clinic-YYYYMMDD-HHMMSS.db, local time)
};

// The copies in `dir`, newest first (files not named as ours are left alone).
Result<std::vector<BackupFile>> list_backups(const std::string& dir);
// Which of `files` the policy lets go (pure: the tests drive it).
std::vector<std::string> backups_to_delete(std::vector<BackupFile> files, const BackupPolicy& policy);

// Where copies go: the setting backup.dir, else `backups/` next to the database.
Result<std::string> backup_dir(Database& db);

// Takes a copy into `dir` (created when missing): written to a temporary name, checked with
// PRAGMA integrity_check on the copy, renamed, then older copies rotated. Records backup.last_ok_at
// and backup.last_file, and an audit row. A full disk or a missing share is an Io error in words;
// nothing half-written stays behind.
Result<BackupFile> take_backup(Database& db, const std::string& dir, std::int64_t now, const Actor& actor,
                               const BackupPolicy& policy = {});

// What the desk tells the manager: the last good copy's time and whether it is too old (over
// 26 hours) or the folder is gone.
struct BackupStatus {
  std::optional<std::int64_t> last_ok_at;
  std::string dir, last_file;
  bool stale = true;          // none yet, or older than 26 hours
  bool folder_missing = false;  // the folder set in backup.dir is not there (unplugged?)
  std::string last_error;     // why the last try failed, when it did after the last good copy
  std::optional<std::uintmax_t> free_bytes;  // on the folder's disk, when it is there
  bool low_space = false;     // less free than two copies of the database (and 100 MB) need
};
Result<BackupStatus> backup_status(Database& db, std::int64_t now);

// The daily copy: due once the day's backup.time (HH:MM, default 13:00, when the clinic's
// computers are on) has passed and no good copy was taken since; true for exactly one caller (the
// desk that claims it), however many desks ask at once.
Result<bool> claim_daily_backup(Database& db, std::int64_t now);

// Puts a copy back in place of the database at `db_path`. Refused (Busy, in words) while any
// application has the database open; the copy is checked first (integrity, not newer than this
// program); the current database is kept aside as `<db_path>.before-restore-YYYYMMDD-HHMMSS`; an
// older copy is migrated. Returns the path the current database was kept at.
Result<std::string> restore_backup(const std::string& db_path, const std::string& backup_file, std::int64_t now);

}  // namespace rg::db
