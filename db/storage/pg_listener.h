// Live updates across machines on PostgreSQL: a connection of its own LISTENs to the channels the
// screens care about; the schema's triggers NOTIFY them with the table's name at commit. poll()
// never blocks (a frame or a worker may call it), gathers what arrived, and after the server or
// the network was gone reconnects, listens again and says `refresh` — notifications sent while it
// was away are lost, so whoever shows data reloads it all.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

#include "error.h"

namespace rg::db::pg {

struct Changes {
  std::vector<std::string> payloads;  // what the NOTIFYs carried (the table's name), in order
  bool refresh = false;               // reconnected: anything may have changed
  bool connected = true;              // false: the server is still away (poll again later)
};

class Listener {
 public:
  // Connects and LISTENs; a server that cannot be reached is an Io error in words.
  static Result<Listener> open(std::string conninfo, std::vector<std::string> channels);
  Changes poll();

 private:
  struct ConnFree {
    void operator()(PGconn* c) const { PQfinish(c); }
  };
  Listener(std::string conninfo, std::vector<std::string> channels)
      : conninfo_(std::move(conninfo)), channels_(std::move(channels)) {}
  bool connect();

  std::string conninfo_;
  std::vector<std::string> channels_;
  std::unique_ptr<PGconn, ConnFree> conn_;
};

}  // namespace rg::db::pg
