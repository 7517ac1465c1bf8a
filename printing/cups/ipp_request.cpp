// IPP plumbing shared by the queue list, job submission and job polling.
#include "ipp_request.h"

#include "i18n.h"

namespace rg::cups {

IppPtr new_request(ipp_op_t op) {
  IppPtr request(ippNewRequest(op));
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               requesting_user());
  return request;
}

std::string queue_uri(std::string_view queue) {
  char uri[HTTP_MAX_URI];
  const std::string resource = "/printers/" + std::string(queue);
  httpAssembleURI(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(),
                  resource.c_str());
  return uri;
}

std::string job_uri(int job_id) {
  char uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(),
                   "/jobs/%d", job_id);
  return uri;
}

Error last_error(std::string_view what) {
  const ipp_status_t status = cupsLastError();
  std::string detail = std::string(what) + ": " + ippErrorString(status) + " (" +
                       cupsLastErrorString() + ")";
  switch (status) {
    case IPP_STATUS_ERROR_NOT_FOUND:
      return Error(ErrorCode::NotFound, _("The print server does not know this printer or job."),
                   detail);
    case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
      return Error(ErrorCode::Conflict, _("The printer does not accept jobs."), detail);
    case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
    case IPP_STATUS_ERROR_INTERNAL:
    case IPP_STATUS_ERROR_DEVICE:
      // libcups reports a dropped or refused connection as an internal/unavailable status.
      return Error(ErrorCode::Io, _("The print server is not available."), detail);
    default:
      return Error(ErrorCode::Invalid, _("The print server refused the job."), detail);
  }
}

Result<IppPtr> send(Connection& conn, IppPtr request, std::string_view resource,
                    std::string_view what) {
  const std::string res(resource);
  IppPtr response(cupsDoRequest(conn.http(), request.release(), res.c_str()));
  if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
    return std::unexpected(last_error(what));
  }
  return response;
}

std::string text_attribute(ipp_t* ipp, const char* name) {
  ipp_attribute_t* attr = ippFindAttribute(ipp, name, IPP_TAG_ZERO);
  if (!attr) return {};
  const char* value = ippGetString(attr, 0, nullptr);
  return value ? value : "";
}

int integer_attribute(ipp_t* ipp, const char* name, int fallback) {
  ipp_attribute_t* attr = ippFindAttribute(ipp, name, IPP_TAG_ZERO);
  if (!attr) return fallback;
  return ippGetInteger(attr, 0);
}

}  // namespace rg::cups
