// What the scheduler says about one job (IPP Get-Job-Attributes).
#pragma once

#include <string>
#include <vector>

#include "connection.h"
#include "error.h"

namespace rg::cups {

enum class CupsJobState { Pending, Held, Processing, Stopped, Canceled, Aborted, Completed };

struct CupsJob {
  int id = 0;
  CupsJobState state = CupsJobState::Pending;
  std::string queue;                 // from job-printer-uri
  std::vector<std::string> reasons;  // job-state-reasons, "none" left out
  std::string printer_message;       // job-printer-state-message: the device's last words
  int copies = 1;
  std::string sides;                 // one-sided, two-sided-long-edge, …
};

// NotFound when the scheduler no longer knows the job (its history was purged).
Result<CupsJob> get_job(Connection& conn, int job_id);

// The scheduler is done with the job, one way or another.
bool finished(CupsJobState state);

}  // namespace rg::cups
