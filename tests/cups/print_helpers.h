// Shared bits of the printing tests: a service pointed at a private cupsd, and patient waits.
#pragma once

#include <chrono>
#include <string>

#include "cupsd_fixture.h"
#include "print_service.h"

namespace rg::test {

// Generous: the waits end as soon as the state arrives; this only bounds a broken run.
constexpr std::chrono::milliseconds kPatience{60000};

inline cups::PrintServiceOptions options_for(const std::string& socket, cups::PrintRouting routing) {
  cups::PrintServiceOptions o;
  o.server.server = socket;
  o.routing = std::move(routing);
  o.poll_interval = std::chrono::milliseconds(50);
  return o;
}

inline bool settled(const cups::PrintJobView& v) {
  return v.state != cups::PrintJobState::Pending && v.state != cups::PrintJobState::Printing;
}

// Waits until the job leaves pending/printing and returns its snapshot.
inline cups::PrintJobView settle(const cups::PrintService& service, cups::PrintJobId id) {
  return *service.wait_for(id, settled, kPatience);
}

inline cups::PrintJobView wait_state(const cups::PrintService& service, cups::PrintJobId id,
                                     cups::PrintJobState state) {
  return *service.wait_for(
      id, [state](const cups::PrintJobView& v) { return v.state == state; }, kPatience);
}

}  // namespace rg::test
