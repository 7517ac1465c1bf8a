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
#include "pin.h"
#include "migrations.h"

namespace {

int usage() {
  std::fprintf(stderr,
               "Usage:\n"
               "  registratura demo-seed [--db PATH] [--patients N] [--doctors N] [--days N] "
               "[--seed N] [--force]\n"
               "  registratura migrate [--db PATH]\n"
               "  registratura set-pin --login LOGIN [--db PATH]   (reads the PIN, 4–8 digits, from stdin)\n"
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
  rg::db::SeedOptions opts;
  bool force = false;
  std::string login;
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
    else if (a == "--login") login = value("--login");
    else return usage();
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
  if (cmd == "set-pin") {
    std::string pin;
    std::getline(std::cin, pin);
    while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
    auto hash = rg::codes::hash_pin(pin);
    if (login.empty() || !hash) {
      std::fprintf(stderr, "registratura: give --login and a PIN of 4 to 8 digits on stdin\n");
      return 2;
    }
    auto db = rg::db::open_clinic_database(path, {.create = false});
    if (!db) {
      std::fprintf(stderr, "registratura: %s\n", db.error().message.c_str());
      return 1;
    }
    if (auto r = rg::db::set_pin_hash(*db, login, *hash, rg::db::Actor::system("cli")); !r) {
      std::fprintf(stderr, "registratura: %s\n", r.error().message.c_str());
      return 1;
    }
    std::printf("PIN set for %s\n", login.c_str());
    return 0;
  }
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
    // The demo administrator's PIN, for the kiosk's exit: 1234 (README).
    if (auto pin = rg::codes::hash_pin("1234"))
      (void)rg::db::set_pin_hash(*db, "admin", *pin, rg::db::Actor::system("seed"));
    // The senior administrator's, for approving large discounts at the cash desk: 5678 (README).
    if (auto pin = rg::codes::hash_pin("5678"))
      (void)rg::db::set_pin_hash(*db, "senior", *pin, rg::db::Actor::system("seed"));
    (void)db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("demo clinic: %lld patients, %lld doctors, %lld services, %lld appointments in %.1f s\n",
                static_cast<long long>(rep->patients), static_cast<long long>(rep->doctors),
                static_cast<long long>(rep->services), static_cast<long long>(rep->appointments), s);
  }
  for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(tmp + suffix);
  std::filesystem::rename(tmp, path);
  std::printf("%s\n", path.c_str());
  return 0;
}
