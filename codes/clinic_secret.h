// The clinic's check-in secret (settings 'checkin.secret'): made once, by whichever process needs
// it first, and used by the kiosk to verify slips and by the documents to sign them.
#pragma once

#include <vector>

#include "database.h"

namespace rg::codes {

Result<std::vector<unsigned char>> clinic_checkin_secret(db::Database& db);

}  // namespace rg::codes
