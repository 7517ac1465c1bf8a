// Turning what CUPS says about a job (and its queue) into the desk's state and a sentence.
#pragma once

#include <optional>
#include <string>

#include "job_status.h"
#include "print_job.h"
#include "queues.h"

namespace rg::cups {

struct Progress {
  PrintJobState state = PrintJobState::Pending;
  std::string message;
};

// `queue` is the job's queue when it could be read (a pending job on a stopped queue is
// "stopped": the person must act). `duplex_dropped`: two-sided was asked for but not possible.
Progress progress_of(const CupsJob& job, const std::optional<Queue>& queue, bool duplex_dropped);

}  // namespace rg::cups
