// The cupsCreateDestJob family, with every CUPS object owned and every status checked.
#include "job_submit.h"

#include <algorithm>

#include "cups_deleters.h"
#include "i18n.h"
#include "ipp_request.h"
#include "words.h"

namespace rg::cups {
namespace {

constexpr size_t kChunk = 64 * 1024;
constexpr size_t kMaxNameBytes = 255;

// job-name is a name(255): cut on a UTF-8 character boundary.
std::string job_name(const std::string& title) {
  if (title.size() <= kMaxNameBytes) return title.empty() ? "Registratura" : title;
  size_t n = kMaxNameBytes;
  while (n > 0 && (static_cast<unsigned char>(title[n]) & 0xC0) == 0x80) --n;
  return title.substr(0, n);
}

Error missing_queue(const std::string& queue, std::string detail) {
  return Error(ErrorCode::NotFound,
               say(_("The printer \"%s\" does not exist on the print server."), {queue}),
               std::move(detail));
}

}  // namespace

Result<SubmittedJob> submit_job(Connection& conn, const std::string& queue,
                                std::string_view bytes, const JobTicket& ticket) {
  if (ticket.copies < 1 || ticket.copies > 99) {
    return fail(ErrorCode::Invalid, _("The number of copies must be from 1 to 99."),
                "copies " + std::to_string(ticket.copies));
  }
  if (bytes.empty()) {
    return fail(ErrorCode::Invalid, _("The document is empty: there is nothing to print."));
  }
  http_t* http = conn.http();
  DestArray dest(1, cupsGetNamedDest(http, queue.c_str(), nullptr));
  if (!dest.get()) {
    Error e = last_error("cupsGetNamedDest " + queue);
    // A queue that is not there comes back as NOT_FOUND (or a bare failure with no status).
    if (e.code == ErrorCode::NotFound || cupsLastError() <= IPP_STATUS_OK_CONFLICTING) {
      return std::unexpected(missing_queue(queue, e.detail));
    }
    return std::unexpected(std::move(e));
  }
  DestInfoPtr info(cupsCopyDestInfo(http, dest.get()));
  if (!info) return std::unexpected(last_error("cupsCopyDestInfo " + queue));

  SubmittedJob job;
  OptionList options;
  if (ticket.copies > 1) options.add_integer(CUPS_COPIES, ticket.copies);
  if (ticket.duplex) {
    job.duplex_applied = cupsCheckDestSupported(http, dest.get(), info.get(), CUPS_SIDES,
                                                CUPS_SIDES_TWO_SIDED_PORTRAIT) != 0;
    if (job.duplex_applied) options.add(CUPS_SIDES, CUPS_SIDES_TWO_SIDED_PORTRAIT);
  }

  const std::string name = job_name(ticket.title);
  ipp_status_t created = cupsCreateDestJob(http, dest.get(), info.get(), &job.job_id,
                                           name.c_str(), options.count(), options.get());
  if (created > IPP_STATUS_OK_CONFLICTING || job.job_id <= 0) {
    Error e = last_error("cupsCreateDestJob " + queue);
    if (e.code == ErrorCode::NotFound) e = missing_queue(queue, e.detail);
    if (e.code == ErrorCode::Conflict) {
      e.message = say(_("The printer \"%s\" does not accept jobs."), {queue});
    }
    return std::unexpected(std::move(e));
  }

  auto abandon = [&](std::string what) {
    Error e = last_error(what);
    // Best effort: a created job without its document would wait for it and then abort.
    cupsCancelDestJob(http, dest.get(), job.job_id);
    return std::unexpected(std::move(e));
  };
  const char* format = ticket.format == DocumentFormat::Raw ? CUPS_FORMAT_RAW : CUPS_FORMAT_PDF;
  if (cupsStartDestDocument(http, dest.get(), info.get(), job.job_id, name.c_str(), format, 0,
                            nullptr, 1) != HTTP_STATUS_CONTINUE) {
    return abandon("cupsStartDestDocument " + queue);
  }
  for (size_t done = 0; done < bytes.size();) {
    const size_t n = std::min(kChunk, bytes.size() - done);
    if (cupsWriteRequestData(http, bytes.data() + done, n) != HTTP_STATUS_CONTINUE) {
      return abandon("cupsWriteRequestData " + queue);
    }
    done += n;
  }
  if (cupsFinishDestDocument(http, dest.get(), info.get()) > IPP_STATUS_OK_CONFLICTING) {
    return abandon("cupsFinishDestDocument " + queue);
  }
  return job;
}

Status cancel_job(Connection& conn, int job_id) {
  IppPtr request = new_request(IPP_OP_CANCEL_JOB);
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr,
               job_uri(job_id).c_str());
  auto response = send(conn, std::move(request), "/jobs/", "Cancel-Job " + std::to_string(job_id));
  if (!response) {
    Error e = response.error();
    // CUPS answers "not possible" for a job that already completed, was cancelled or aborted.
    if (cupsLastError() == IPP_STATUS_ERROR_NOT_POSSIBLE) e.code = ErrorCode::Conflict;
    return std::unexpected(std::move(e));
  }
  return {};
}

}  // namespace rg::cups
