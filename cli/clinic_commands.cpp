#include "clinic_commands.h"

#include <cstdio>
#include <filesystem>

#include "backup.h"
#include "clinic.h"
#include "migrations.h"

namespace rg::cli {
namespace {

int refused(const Error& e) {
  std::fprintf(stderr, "registratura: %s\n", e.message.c_str());
  return 1;
}

// An empty clinic: the schema, the clinic's name and time zone, nothing else (no demo data).
int init(const std::string& path, const ClinicArgs& a) {
  if (a.clinic_name.empty()) {
    std::fprintf(stderr, "registratura: give the clinic's name: init --clinic 'ООО «Клиника»'\n");
    return 2;
  }
  if (std::filesystem::exists(path)) {
    std::fprintf(stderr, "registratura: %s exists: a clinic database is never overwritten by init\n", path.c_str());
    return 1;
  }
  if (auto dir = std::filesystem::path(path).parent_path(); !dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
  }
  auto db = db::open_clinic_database(path);
  if (!db) return refused(db.error());
  db::Clinic c;
  c.name = a.clinic_name;
  c.short_name = a.clinic_name;
  c.time_zone = a.time_zone;
  if (auto st = db::save_clinic(*db, c, db::Actor::system("init")); !st) {
    db = db::Database();
    std::filesystem::remove(path);
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(path + suffix);
    return refused(st.error());
  }
  std::printf("%s: an empty clinic database.\n"
              "Next: the first manager's account (the password on stdin), then open the desk on it:\n"
              "  echo 'a-good-password' | registratura user-add --db %s --login manager --name 'ФИО' --role manager\n"
              "  registratura-frontdesk --db %s\n",
              path.c_str(), path.c_str(), path.c_str());
  return 0;
}

}  // namespace

bool is_clinic_command(const std::string& cmd) { return cmd == "init" || cmd == "backup" || cmd == "restore"; }

int run_clinic_command(const std::string& cmd, const std::string& path, const ClinicArgs& a) {
  if (cmd == "init") return init(path, a);
  if (cmd == "restore") {
    if (a.from_file.empty()) {
      std::fprintf(stderr, "registratura: give the copy: restore --from FILE\n");
      return 2;
    }
    auto aside = db::restore_backup(path, a.from_file, db::now_unix());
    if (!aside) return refused(aside.error());
    std::printf("restored %s from %s; the database as it was is kept at %s\n", path.c_str(), a.from_file.c_str(),
                aside->c_str());
    return 0;
  }
  auto db = db::open_clinic(path, {.create = false});
  if (!db) return refused(db.error());
  std::string dir = a.to_dir;
  if (dir.empty()) {
    auto configured = db::backup_dir(*db);
    if (!configured) return refused(configured.error());
    dir = *configured;
  }
  auto made = db::take_backup(*db, dir, db::now_unix(), db::Actor::system("cli"));
  if (!made) return refused(made.error());
  std::printf("%s\n", made->path.c_str());
  return 0;
}

}  // namespace rg::cli
