// Get-Job-Attributes by job-uri, read into a plain struct.
#include "job_status.h"

#include <cstring>

#include "cups_deleters.h"
#include "ipp_request.h"

namespace rg::cups {
namespace {

const char* const kAttributes[] = {
    "job-id",  "job-state", "job-state-reasons", "job-printer-uri", "job-printer-state-message",
    "copies",  "sides",
};

CupsJobState state_of(int ipp_state) {
  switch (ipp_state) {
    case IPP_JSTATE_HELD: return CupsJobState::Held;
    case IPP_JSTATE_PROCESSING: return CupsJobState::Processing;
    case IPP_JSTATE_STOPPED: return CupsJobState::Stopped;
    case IPP_JSTATE_CANCELED: return CupsJobState::Canceled;
    case IPP_JSTATE_ABORTED: return CupsJobState::Aborted;
    case IPP_JSTATE_COMPLETED: return CupsJobState::Completed;
    default: return CupsJobState::Pending;
  }
}

}  // namespace

bool finished(CupsJobState state) {
  return state == CupsJobState::Canceled || state == CupsJobState::Aborted ||
         state == CupsJobState::Completed;
}

Result<CupsJob> get_job(Connection& conn, int job_id) {
  IppPtr request = new_request(IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr,
               job_uri(job_id).c_str());
  ippAddStrings(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(kAttributes)), nullptr, kAttributes);
  auto response = send(conn, std::move(request), "/jobs/",
                       "Get-Job-Attributes " + std::to_string(job_id));
  if (!response) return std::unexpected(response.error());
  ipp_t* ipp = response->get();

  CupsJob job;
  job.id = job_id;
  job.state = state_of(integer_attribute(ipp, "job-state", IPP_JSTATE_PENDING));
  job.printer_message = text_attribute(ipp, "job-printer-state-message");
  job.copies = integer_attribute(ipp, "copies", 1);
  job.sides = text_attribute(ipp, "sides");
  const std::string printer_uri = text_attribute(ipp, "job-printer-uri");
  if (auto slash = printer_uri.rfind('/'); slash != std::string::npos) {
    job.queue = printer_uri.substr(slash + 1);
  }
  if (ipp_attribute_t* reasons = ippFindAttribute(ipp, "job-state-reasons", IPP_TAG_KEYWORD)) {
    for (int i = 0; i < ippGetCount(reasons); ++i) {
      const char* r = ippGetString(reasons, i, nullptr);
      if (r && std::strcmp(r, "none") != 0) job.reasons.emplace_back(r);
    }
  }
  return job;
}

}  // namespace rg::cups
