// The cash shift's report for the document printer (templates/shift_report.md): the shift's
// times and cashier, the float, takings by method, refunds, cash in and out, the cash counted
// against what was expected, the handover note, and the day's revenue by doctor and service.
#pragma once

#include <cstdint>

#include "database.h"
#include "document_data.h"
#include "documents.h"

namespace rg::db {

Result<DocNode> shift_report_data(Database& db, std::int64_t shift_id, const DocumentHeader& header);

}  // namespace rg::db
