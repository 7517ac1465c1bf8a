// One connection to a CUPS scheduler: a socket path, host[:port], or the system's default.
#pragma once

#include <string>

#include "cups_deleters.h"
#include "error.h"

namespace rg::cups {

// Which scheduler to talk to. Empty: CUPS's own choice (CUPS_SERVER, client.conf, the local
// socket). "/path/cups.sock": a domain socket. "host" or "host:port": over the network.
struct ServerAddress {
  std::string server;
};

// Owns the http_t. Not thread-safe: one thread (the print worker) uses it at a time.
class Connection {
 public:
  // Connects now; a scheduler that is not running comes back as ErrorCode::Io with a sentence
  // ("The print server is not available") and libcups's words in the detail.
  static Result<Connection> open(const ServerAddress& address);

  http_t* http() const { return http_.get(); }
  // Which scheduler this is, for messages and logs.
  const std::string& name() const { return name_; }

 private:
  Connection(HttpPtr http, std::string name) : http_(std::move(http)), name_(std::move(name)) {}
  HttpPtr http_;
  std::string name_;
};

// The requesting user sent with every IPP request (the process's login name).
const char* requesting_user();

}  // namespace rg::cups
