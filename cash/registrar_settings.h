// The fiscal registrar's settings kept with the clinic's (the settings table): an ATOL's
// passwords and its tax byte for "no VAT" — fiscal.atol.access_password (2 BCD bytes, 0–9999),
// fiscal.atol.cashier_password and fiscal.atol.admin_password (4 BCD bytes, 0–99999999),
// fiscal.atol.no_vat_tax (0–255). A missing or out-of-range setting keeps the device's factory
// default.
#pragma once

#include "database.h"
#include "fiscal/atol/atol_registrar.h"

namespace rg::cash {

drivers::fiscal::atol::AtolOptions atol_options_from_settings(db::Database& db);

}  // namespace rg::cash
