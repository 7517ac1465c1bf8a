// The print queues a scheduler has, with their state, for the print dialog and for routing.
#pragma once

#include <string>
#include <vector>

#include "connection.h"
#include "error.h"

namespace rg::cups {

enum class QueueState { Idle, Processing, Stopped };

struct Queue {
  std::string name;            // what lp -d and the settings use
  std::string description;     // printer-info, as the administrator named it
  std::string location;
  std::string make_and_model;
  QueueState state = QueueState::Idle;
  bool accepting = true;       // false after cupsreject: new jobs are refused
  std::string state_message;   // the driver's or administrator's words (cupsdisable -r …)
  std::vector<std::string> reasons;  // printer-state-reasons keywords, "none" left out
};

// Every queue (printers and classes), sorted by name.
Result<std::vector<Queue>> list_queues(Connection& conn);
// One queue; ErrorCode::NotFound naming it when the scheduler does not have it.
Result<Queue> find_queue(Connection& conn, const std::string& name);

// The state in words for people: "Ready", "Printing", "Stopped: Out of paper (test)",
// "Not accepting jobs", with the well-known reasons (no paper, jam, door open) translated.
std::string describe(const Queue& queue);

}  // namespace rg::cups
