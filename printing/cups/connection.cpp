// httpConnect2 with an explicit address, so the worker never depends on per-thread cupsSetServer.
#include "connection.h"

#include <cstdlib>
#include <string>

#include "i18n.h"

namespace rg::cups {
namespace {

constexpr int kConnectTimeoutMs = 5000;
constexpr double kIoTimeoutS = 15.0;

}  // namespace

Result<Connection> Connection::open(const ServerAddress& address) {
  std::string host = address.server.empty() ? std::string(cupsServer()) : address.server;
  int port = ippPort();
  // "host:port" (a socket path has no colon worth splitting; IPv6 literals come bracketed).
  if (!host.empty() && host.front() != '/') {
    auto colon = host.rfind(':');
    if (colon != std::string::npos && host.find(']', colon) == std::string::npos) {
      port = std::atoi(host.c_str() + colon + 1);
      host.resize(colon);
    }
  }
  if (host.empty() || port <= 0) {
    return fail(ErrorCode::Invalid, _("The print server address is not valid."),
                "server '" + address.server + "'");
  }
  http_t* http = httpConnect2(host.c_str(), port, nullptr, AF_UNSPEC,
                              HTTP_ENCRYPTION_IF_REQUESTED, 1, kConnectTimeoutMs, nullptr);
  if (!http) {
    return fail(ErrorCode::Io, _("The print server is not available."),
                "httpConnect2 " + host + ":" + std::to_string(port) + ": " +
                    cupsLastErrorString());
  }
  httpSetTimeout(http, kIoTimeoutS, nullptr, nullptr);
  return Connection(HttpPtr(http), host);
}

const char* requesting_user() { return cupsUser(); }

}  // namespace rg::cups
