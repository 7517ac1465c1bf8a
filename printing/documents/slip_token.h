// The check-in QR of an appointment slip: the same token the kiosk verifies (codes/checkin_token.h),
// made with the clinic's secret from settings (created once by whichever process needs it first).
#pragma once

#include <cstdint>
#include <string>

#include "database.h"

namespace rg::docs {

Result<std::string> slip_checkin_token(db::Database& db, std::int64_t appointment_id);

}  // namespace rg::docs
