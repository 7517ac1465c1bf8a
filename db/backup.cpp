// A copy counts only once it has been read back whole (integrity_check); the rotation keeps the
// newest copy of each recent day, week and month and lets the rest go.
#include "backup.h"

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>
#include <system_error>

#include "calendar.h"
#include "clinic.h"
#include "i18n.h"
#include "migrations.h"
#include "text.h"

namespace rg::db {
namespace {

namespace fs = std::filesystem;

std::string stamp(std::int64_t now) {
  const LocalTime t = to_local(now);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u-%02d%02d%02d", t.date.year(), t.date.month(), t.date.day(),
                t.minutes / 60, t.minutes % 60, static_cast<int>(((now % 60) + 60) % 60));
  return buf;
}

std::optional<std::int64_t> taken_at(const std::string& name) {
  static const std::regex re(R"(^clinic-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(-\d+)?\.db$)");
  std::smatch m;
  if (!std::regex_match(name, m, re)) return std::nullopt;
  auto n = [&](int i) { return std::stoi(m[i].str()); };
  auto d = Date::parse_iso(m[1].str() + "-" + m[2].str() + "-" + m[3].str());
  if (!d || n(4) > 23 || n(5) > 59 || n(6) > 59) return std::nullopt;
  return to_unix(*d, n(4) * 60 + n(5)) + n(6);
}

// A copy is good when SQLite reads it back whole and it is a Registratura database.
Status check_copy(const std::string& path) {
  auto copy = Database::open(path, {.create = false, .read_only = true});
  if (!copy) return std::unexpected(copy.error());
  RG_TRY_ASSIGN(auto st, copy->prepare("PRAGMA integrity_check"));
  RG_TRY_ASSIGN(bool row, st.step());
  if (!row || st.col_text(0) != "ok")
    return fail(ErrorCode::Io, _("The copy is damaged: it does not read back whole."),
                row ? st.col_text(0) : std::string("no answer"));
  RG_TRY_ASSIGN(auto version, copy->query_int("PRAGMA user_version"));
  if (version < 1) return fail(ErrorCode::Invalid, _("This file is not a Registratura database."));
  if (version > kSchemaVersion)
    return fail(ErrorCode::SchemaTooNew,
                _("This copy was made by a newer Registratura: update the program before restoring it."),
                "user_version " + std::to_string(version));
  return {};
}

Error folder_error(const std::string& dir, const std::error_code& ec) {
  return {ErrorCode::Io,
          format_text(_("The backup folder %s cannot be used: %s. Check that the disk or the share is connected."),
                      dir.c_str(), ec.message().c_str()),
          dir};
}

}  // namespace

Result<std::vector<BackupFile>> list_backups(const std::string& dir) {
  std::vector<BackupFile> out;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return std::unexpected(folder_error(dir, ec));
  for (const auto& entry : it) {
    if (!entry.is_regular_file(ec)) continue;
    if (auto at = taken_at(entry.path().filename().string())) out.push_back({entry.path().string(), *at});
  }
  std::sort(out.begin(), out.end(), [](const BackupFile& a, const BackupFile& b) {
    return a.taken_at != b.taken_at ? a.taken_at > b.taken_at : a.path > b.path;
  });
  return out;
}

std::vector<std::string> backups_to_delete(std::vector<BackupFile> files, const BackupPolicy& policy) {
  std::sort(files.begin(), files.end(), [](const BackupFile& a, const BackupFile& b) {
    return a.taken_at != b.taken_at ? a.taken_at > b.taken_at : a.path > b.path;
  });
  std::set<std::string> keep;
  // The newest copy of each of the `count` most recent periods that have copies.
  auto keep_newest_per = [&](int count, auto period_of) {
    std::set<std::int64_t> seen;
    for (const auto& f : files) {
      if (static_cast<int>(seen.size()) >= count) break;
      if (seen.insert(period_of(to_local(f.taken_at).date)).second) keep.insert(f.path);
    }
  };
  keep_newest_per(policy.daily, [](Date d) { return std::int64_t(d.year()) * 10000 + d.month() * 100 + d.day(); });
  keep_newest_per(policy.weekly, [](Date d) {
    const Date monday = d.plus_days(1 - d.iso_weekday());
    return std::int64_t(monday.year()) * 10000 + monday.month() * 100 + monday.day();
  });
  keep_newest_per(policy.monthly, [](Date d) { return std::int64_t(d.year()) * 100 + d.month(); });
  if (!files.empty()) keep.insert(files.front().path);  // never the newest
  std::vector<std::string> drop;
  for (const auto& f : files)
    if (!keep.count(f.path)) drop.push_back(f.path);
  return drop;
}

Result<std::string> backup_dir(Database& db) {
  RG_TRY_ASSIGN(auto configured, get_setting(db, "backup.dir"));
  if (configured && !fold_spaces(*configured).empty()) return fold_spaces(*configured);
  return (fs::absolute(db.path()).parent_path() / "backups").lexically_normal().string();
}

namespace {

Result<BackupFile> copy_and_check(Database& db, const std::string& dir, std::int64_t now, const Actor& actor,
                                  const BackupPolicy& policy) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return std::unexpected(folder_error(dir, ec));
  std::string final_path = (fs::path(dir) / ("clinic-" + stamp(now) + ".db")).string();
  for (int n = 2; fs::exists(final_path, ec); ++n)
    final_path = (fs::path(dir) / ("clinic-" + stamp(now) + "-" + std::to_string(n) + ".db")).string();
  const std::string part = final_path + ".part";
  fs::remove(part, ec);
  // One read transaction: the copy is the database as of one moment, whoever writes meanwhile.
  auto vacuum = [&]() -> Status {
    RG_TRY_ASSIGN(auto st, db.prepare("VACUUM INTO ?1"));
    st.bind(1, part);
    return st.exec();
  };
  if (auto st = vacuum(); !st) {
    fs::remove(part, ec);
    Error e = st.error();
    e.message = format_text(_("No backup was made: %s"), e.message.c_str());
    return std::unexpected(std::move(e));
  }
  if (auto st = check_copy(part); !st) {
    fs::remove(part, ec);
    return std::unexpected(st.error());
  }
  fs::rename(part, final_path, ec);
  if (ec) {
    fs::remove(part, ec);
    return std::unexpected(folder_error(dir, ec));
  }
  BackupFile made{final_path, now};
  {
    RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
    RG_TRY(set_setting(db, "backup.last_ok_at", std::to_string(now)));
    RG_TRY(set_setting(db, "backup.last_file", final_path));
    RG_TRY(append_audit(db, actor, "backup.take", "backup", std::nullopt,
                        {{"file", fs::path(final_path).filename().string()}}));
    RG_TRY(tx.commit());
  }
  // Rotation: what the policy lets go (a file that will not go is left for next time).
  if (auto all = list_backups(dir))
    for (const auto& path : backups_to_delete(*all, policy)) fs::remove(path, ec);
  return made;
}

}  // namespace

Result<BackupFile> take_backup(Database& db, const std::string& dir, std::int64_t now, const Actor& actor,
                               const BackupPolicy& policy) {
  auto made = copy_and_check(db, dir, now, actor, policy);
  if (!made) {  // remembered for the desk's warning (best effort: the disk may be the problem)
    (void)set_setting(db, "backup.last_error", made.error().message);
    (void)set_setting(db, "backup.last_error_at", std::to_string(now));
  }
  return made;
}

Result<bool> claim_daily_backup(Database& db, std::int64_t now) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY_ASSIGN(auto at, get_setting(db, "backup.time"));
  int minutes = 13 * 60;
  if (at && at->size() == 5 && (*at)[2] == ':') {
    const int h = std::atoi(at->substr(0, 2).c_str()), m = std::atoi(at->substr(3, 2).c_str());
    if (h >= 0 && h < 24 && m >= 0 && m < 60) minutes = h * 60 + m;
  }
  const LocalTime here = to_local(now);
  const std::int64_t due = to_unix(here.date, minutes);
  if (now < due) return false;
  auto since = [&](const char* key) -> Result<std::int64_t> {
    RG_TRY_ASSIGN(auto v, get_setting(db, key));
    return v ? std::atoll(v->c_str()) : 0;
  };
  RG_TRY_ASSIGN(auto last_ok, since("backup.last_ok_at"));
  RG_TRY_ASSIGN(auto claimed, since("backup.claimed_at"));
  if (last_ok >= due || claimed >= due) return false;
  RG_TRY(set_setting(db, "backup.claimed_at", std::to_string(now)));
  RG_TRY(tx.commit());
  return true;
}

Result<BackupStatus> backup_status(Database& db, std::int64_t now) {
  BackupStatus s;
  RG_TRY_ASSIGN(s.dir, backup_dir(db));
  RG_TRY_ASSIGN(auto last, get_setting(db, "backup.last_ok_at"));
  if (last) {
    try {
      s.last_ok_at = std::stoll(*last);
    } catch (const std::exception&) {
    }
  }
  RG_TRY_ASSIGN(auto file, get_setting(db, "backup.last_file"));
  s.last_file = file.value_or("");
  s.stale = !s.last_ok_at || now - *s.last_ok_at > 26 * 3600;
  RG_TRY_ASSIGN(auto error_at, get_setting(db, "backup.last_error_at"));
  if (error_at && std::atoll(error_at->c_str()) > s.last_ok_at.value_or(0)) {
    RG_TRY_ASSIGN(auto error, get_setting(db, "backup.last_error"));
    s.last_error = error.value_or("");
  }
  // A folder the clinic chose (a second disk, a share) that is not there; the default one is made
  // by the first copy.
  RG_TRY_ASSIGN(auto configured, get_setting(db, "backup.dir"));
  std::error_code ec;
  s.folder_missing = configured && !fold_spaces(*configured).empty() && !fs::is_directory(s.dir, ec);
  // A full disk: the next copy would not fit twice over (the copy is written whole, then checked).
  fs::path probe = s.dir;
  while (!probe.empty() && !fs::exists(probe, ec)) probe = probe.parent_path();
  if (!s.folder_missing && !probe.empty()) {
    const auto space = fs::space(probe, ec);
    if (!ec) {
      s.free_bytes = space.available;
      std::uintmax_t size = 0;
      if (!db.path().empty() && db.path() != ":memory:") size = fs::file_size(db.path(), ec);
      if (ec) size = 0, ec.clear();
      s.low_space = space.available < std::max<std::uintmax_t>(2 * size, 100ull << 20);
    }
  }
  return s;
}

Result<std::string> restore_backup(const std::string& db_path, const std::string& backup_file, std::int64_t now) {
  std::error_code ec;
  if (!fs::is_regular_file(backup_file, ec))
    return fail(ErrorCode::NotFound, format_text(_("There is no backup file %s."), backup_file.c_str()));
  RG_TRY(check_copy(backup_file));
  // Nobody else may have the database open: an exclusive lock is refused while any desk, kiosk or
  // tool has it, and held here until the copy is in place.
  auto live = Database::open(db_path, {.create = false, .busy_timeout_ms = 300});
  if (!live) return std::unexpected(live.error());
  RG_TRY(live->exec("PRAGMA locking_mode=EXCLUSIVE"));
  if (auto st = live->exec("BEGIN EXCLUSIVE"); !st)
    return fail(ErrorCode::Busy,
                _("The database is open in Registratura (a desk, the kiosk or a tool): close every application "
                  "that uses it, then restore."),
                st.error().detail);
  RG_TRY(live->exec("COMMIT"));
  const std::string aside = db_path + ".before-restore-" + stamp(now);
  RG_TRY(live->backup_to(aside));
  RG_TRY(live->restore_from(backup_file));
  live = Database();  // closed: the lock goes with it
  // An older copy is brought up to this program's schema as any database is.
  auto migrated = open_clinic_database(db_path, {.create = false});
  if (!migrated) return std::unexpected(migrated.error());
  return aside;
}

}  // namespace rg::db
