#include "pg_listener.h"

#include "i18n.h"

namespace rg::db::pg {

bool Listener::connect() {
  conn_.reset(PQconnectdb(conninfo_.c_str()));
  if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
    conn_.reset();
    return false;
  }
  for (const auto& ch : channels_) {
    // Channel names are ours (table names), quoted as identifiers all the same.
    char* quoted = PQescapeIdentifier(conn_.get(), ch.c_str(), ch.size());
    if (!quoted) return false;
    PGresult* r = PQexec(conn_.get(), ("LISTEN " + std::string(quoted)).c_str());
    PQfreemem(quoted);
    const bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
      conn_.reset();
      return false;
    }
  }
  return true;
}

Result<Listener> Listener::open(std::string conninfo, std::vector<std::string> channels) {
  Listener l(std::move(conninfo), std::move(channels));
  if (!l.connect())
    return fail(ErrorCode::Io, _("The database server cannot be reached: nothing was saved. Check the network and retry."),
                "listen: cannot connect or LISTEN");
  return l;
}

Changes Listener::poll() {
  Changes out;
  if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
    if (!connect()) {
      out.connected = false;
      return out;
    }
    out.refresh = true;
  }
  if (PQconsumeInput(conn_.get()) == 0 || PQstatus(conn_.get()) != CONNECTION_OK) {
    // Gone since the last poll: try once more now; either way the screens must reload.
    conn_.reset();
    out.refresh = true;
    out.connected = connect();
    return out;
  }
  while (PGnotify* n = PQnotifies(conn_.get())) {
    out.payloads.emplace_back(n->extra ? n->extra : "");
    PQfreemem(n);
  }
  return out;
}

}  // namespace rg::db::pg
