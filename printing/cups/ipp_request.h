// Sending one IPP request on a Connection and turning CUPS's status into an rg::Error.
#pragma once

#include <string>
#include <string_view>

#include "connection.h"
#include "cups_deleters.h"
#include "error.h"

namespace rg::cups {

// A new request with the charset, language and requesting-user-name CUPS expects.
IppPtr new_request(ipp_op_t op);
// ipp://localhost/printers/NAME, the URI the scheduler knows a queue by.
std::string queue_uri(std::string_view queue);
// ipp://localhost/jobs/ID.
std::string job_uri(int job_id);

// Sends the request (consumed) and returns the response, or an Error by CUPS's status:
// NotFound for a missing queue or job, Io when the scheduler cannot be reached, Conflict when
// the queue does not accept jobs, Invalid for anything else it refused. `what` names the
// request in the detail.
Result<IppPtr> send(Connection& conn, IppPtr request, std::string_view resource,
                    std::string_view what);

// The error for CUPS's last status on this thread (after a libcups call failed).
Error last_error(std::string_view what);

// Small readers for response attributes (empty / fallback when absent).
std::string text_attribute(ipp_t* ipp, const char* name);
int integer_attribute(ipp_t* ipp, const char* name, int fallback);

}  // namespace rg::cups
