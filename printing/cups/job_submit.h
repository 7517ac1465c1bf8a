// Handing one document to a CUPS queue: create the job, stream the bytes, finish.
#pragma once

#include <string>
#include <string_view>

#include "connection.h"
#include "error.h"

namespace rg::cups {

enum class DocumentFormat {
  Pdf,  // application/pdf: the queue's filters make it fit the printer
  Raw,  // application/vnd.cups-raw: bytes go to the device untouched (ESC/POS slips)
};

struct JobTicket {
  std::string title;  // job-name, shown in the queue (trimmed to 255 bytes)
  int copies = 1;
  bool duplex = false;  // two-sided, long edge, when the queue can
  DocumentFormat format = DocumentFormat::Pdf;
};

struct SubmittedJob {
  int job_id = 0;
  bool duplex_applied = false;  // false when asked for but the queue is one-sided only
};

// cupsCreateDestJob → cupsStartDestDocument → cupsWriteRequestData → cupsFinishDestDocument.
// Errors: NotFound (no such queue), Conflict (queue refuses jobs), Io (scheduler gone), Invalid
// (refused the job). A job created but not finished is cancelled, so nothing half-sent prints.
Result<SubmittedJob> submit_job(Connection& conn, const std::string& queue,
                                std::string_view bytes, const JobTicket& ticket);

// Cancels a job that is still waiting or printing. Conflict when it already finished.
Status cancel_job(Connection& conn, int job_id);

}  // namespace rg::cups
