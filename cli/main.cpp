// registratura CLI: creates the demo clinic and migrates databases, without any UI.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "clinic.h"
#include "demo_seed.h"
#include "migrations.h"
#include "clinic_commands.h"
#include "user_commands.h"
#include "price_commands.h"
#include "import_commands.h"

namespace {

int usage() {
  std::fprintf(stderr,
               "Usage:\n"
               "  registratura demo-seed [--db PATH] [--patients N] [--doctors N] [--days N] "
               "[--seed N] [--force]\n"
               "  registratura migrate [--db PATH]\n"
               "  registratura init --clinic NAME [--time-zone Europe/Moscow] --db PATH   (an empty clinic)\n"
               "  registratura backup [--to DIR] [--db PATH]   (a checked copy; old copies rotated)\n"
               "  registratura restore --from FILE [--db PATH]   (refused while the database is open)\n"
               "  registratura user-add --login LOGIN --name 'FULL NAME' --role ROLE[,ROLE] [--position P]\n"
               "                        [--doctor ID] [--db PATH]   (reads the password from stdin)\n"
               "  registratura user-passwd|user-pin --login LOGIN [--db PATH]   (reads it from stdin)\n"
               "  registratura user-block --login LOGIN --reason TEXT | user-unblock --login LOGIN\n"
               "  registratura user-list [--db PATH]\n"
               "  registratura prices export --to FILE.csv|FILE.xlsx [--db PATH]   (the price list)\n"
               "  registratura prices import FILE.csv [--from YYYY-MM-DD] [--dry-run] [--db PATH]\n"
               "  registratura import-patients FILE.csv [--dry-run] [--skip-bad-rows] [--duplicates skip|merge|separate]\n"
               "                        [--column FIELD=N ...] [--db PATH]   (a clinic's patient base)\n"
               "Roles: admin, senior_admin, operator, cashier, doctor, manager, sysadmin.\n"
               "PATH defaults to $REGISTRATURA_DB or ./var/clinic.db.\n");
  return 2;
}

int to_int(const char* s, const char* what) {
  char* end = nullptr;
  long v = std::strtol(s, &end, 10);
  if (!end || *end || v < 1 || v > 100000000) {
    std::fprintf(stderr, "registratura: %s must be a positive number, not '%s'\n", what, s);
    std::exit(2);
  }
  return int(v);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string cmd = argv[1];
  const char* env_db = std::getenv("REGISTRATURA_DB");
  std::string path = env_db && *env_db ? env_db : "var/clinic.db";
  if (cmd == "prices") return rg::cli::run_price_command(argc, argv, path);  // its own arguments
  if (rg::cli::is_import_command(cmd)) return rg::cli::run_import_command(argc, argv, path);  // its own arguments
  rg::db::SeedOptions opts;
  bool force = false;
  std::string login;
  rg::cli::UserArgs user;
  rg::cli::ClinicArgs clinic;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* what) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "registratura: %s needs a value\n", what);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--db") path = value("--db");
    else if (a == "--patients") opts.patients = to_int(value("--patients"), "--patients");
    else if (a == "--doctors") opts.doctors = to_int(value("--doctors"), "--doctors");
    else if (a == "--days") opts.days = to_int(value("--days"), "--days");
    else if (a == "--seed") opts.seed = std::uint64_t(to_int(value("--seed"), "--seed"));
    else if (a == "--force") force = true;
    else if (a == "--login") login = user.login = value("--login");
    else if (a == "--name") user.name = value("--name");
    else if (a == "--clinic") clinic.clinic_name = value("--clinic");
    else if (a == "--time-zone") clinic.time_zone = value("--time-zone");
    else if (a == "--to") clinic.to_dir = value("--to");
    else if (a == "--from") clinic.from_file = value("--from");
    else if (a == "--position") user.position = value("--position");
    else if (a == "--reason") user.reason = value("--reason");
    else if (a == "--doctor") user.doctor_id = to_int(value("--doctor"), "--doctor");
    else if (a == "--role") {
      std::string roles = value("--role");
      for (size_t p = 0; p <= roles.size();) {
        size_t e = roles.find(',', p);
        if (e == std::string::npos) e = roles.size();
        if (e > p) user.roles.push_back(roles.substr(p, e - p));
        p = e + 1;
      }
    } else return usage();
  }

  if (cmd == "migrate") {
    auto db = rg::db::Database::open(path, {.create = false});
    if (!db) {
      std::fprintf(stderr, "registratura: %s (%s)\n", db.error().message.c_str(), db.error().detail.c_str());
      return 1;
    }
    if (auto r = db->configure(); !r) {
      std::fprintf(stderr, "registratura: %s\n", r.error().message.c_str());
      return 1;
    }
    auto rep = rg::db::migrate(*db);
    if (!rep) {
      std::fprintf(stderr, "registratura: %s\n", rep.error().message.c_str());
      return 1;
    }
    std::printf("schema v%d → v%d%s%s\n", rep->from_version, rep->to_version,
                rep->backup_path.empty() ? "" : ", backup: ", rep->backup_path.c_str());
    return 0;
  }
  if (rg::cli::is_user_command(cmd)) return rg::cli::run_user_command(cmd, path, user);
  if (rg::cli::is_clinic_command(cmd)) return rg::cli::run_clinic_command(cmd, path, clinic);
  if (cmd != "demo-seed") return usage();

  if (std::filesystem::exists(path)) {
    if (!force) {
      std::fprintf(stderr, "registratura: %s exists; use --force to replace it\n", path.c_str());
      return 1;
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  if (auto dir = std::filesystem::path(path).parent_path(); !dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
  }
  // Build into a temporary file and rename: a half-built demo never looks like a clinic.
  std::string tmp = path + ".building";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(tmp + suffix);
  auto t0 = std::chrono::steady_clock::now();
  {
    auto db = rg::db::open_clinic_database(tmp);
    if (!db) {
      std::fprintf(stderr, "registratura: %s (%s)\n", db.error().message.c_str(), db.error().detail.c_str());
      return 1;
    }
    auto rep = rg::db::seed_demo(*db, opts);
    if (!rep) {
      std::fprintf(stderr, "registratura: %s (%s)\n", rep.error().message.c_str(), rep.error().detail.c_str());
      return 1;
    }
    (void)db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("demo clinic: %lld patients, %lld doctors, %lld services, %lld appointments in %.1f s\n",
                static_cast<long long>(rep->patients), static_cast<long long>(rep->doctors),
                static_cast<long long>(rep->services), static_cast<long long>(rep->appointments), s);
  }
  if (int rc = rg::cli::set_demo_secrets(tmp); rc != 0) return rc;
  for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(tmp + suffix);
  std::filesystem::rename(tmp, path);
  std::printf("%s\n", path.c_str());
  return 0;
}
