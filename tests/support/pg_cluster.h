// A private PostgreSQL server for a test: initdb into a scratch directory, started on a Unix
// socket only (no TCP), fsync off, stopped at the end. As root (CI containers) the server runs as
// the postgres user, which initdb requires. Debian's postgresql-15 (installed by ./dev).
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "temp_dir.h"

namespace rg::test {

class PgCluster {
 public:
  PgCluster() {
    for (const char* v : {"15", "16", "17", "14"}) {
      const std::string dir = std::string("/usr/lib/postgresql/") + v + "/bin";
      if (std::filesystem::exists(dir + "/initdb")) bin_ = dir;
    }
    REQUIRE_MESSAGE(!bin_.empty(), "PostgreSQL's server is not installed (Debian postgresql-15; ./dev deps)");
    as_ = getuid() == 0 ? "runuser -u postgres -- " : "";
    if (getuid() == 0) {
      std::filesystem::permissions(dir_.path(), std::filesystem::perms::owner_all | std::filesystem::perms::group_exec |
                                                    std::filesystem::perms::others_exec);
      REQUIRE(run("chown postgres '" + dir_.path().string() + "'") == 0);
    }
    const std::string d = dir_.path().string();
    REQUIRE_MESSAGE(run(as_ + bin_ + "/initdb -D '" + d + "/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 "
                                      "--no-sync > '" + d + "/initdb.log' 2>&1") == 0,
                    "initdb failed: see " << d << "/initdb.log");
    start();
  }
  // Started (again, after stop()): the same data, the same socket.
  void start() {
    const std::string d = dir_.path().string();
    REQUIRE_MESSAGE(run(as_ + bin_ + "/pg_ctl -D '" + d + "/data' -l '" + d + "/server.log' -w -o \"-k '" + d +
                        "' -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" "
                        "start > /dev/null 2>&1") == 0,
                    "the server did not start: see " << d << "/server.log");
    started_ = true;
  }
  ~PgCluster() { stop(); }
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // libpq's connection string for a database of this server.
  std::string conninfo(const std::string& dbname = "postgres") const {
    return "host=" + dir_.path().string() + " dbname=" + dbname + " user=postgres";
  }
  // The server gone: `immediate` as when the clinic's server loses power (the tests' settings keep
  // no commit then), else a clean shutdown as at a reboot.
  void stop(bool immediate = true) {
    if (!started_) return;
    started_ = false;
    run(as_ + bin_ + "/pg_ctl -D '" + dir_.path().string() + "/data' -m " + (immediate ? "immediate" : "fast") +
        " stop > /dev/null 2>&1");
  }

 private:
  static int run(const std::string& cmd) { return std::system(cmd.c_str()); }
  TempDir dir_;
  std::string bin_, as_;
  bool started_ = false;
};

}  // namespace rg::test
