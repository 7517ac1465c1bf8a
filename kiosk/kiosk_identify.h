// What the kiosk plugs into its check-in flow: reading a scanned payload into an identity, the
// ticket printer, and the simulated scanner (a file the demo or a tester appends payloads to).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "checkin_flow.h"
#include "database.h"

namespace rg::kiosk {

// Slip token (verified with the clinic's secret), card number, ЕНП, old paper OMS policy.
CheckinFlow::Identify make_identify(db::Database& db);
// Prints the ticket on the kiosk's receipt printer (the simulated twin in `printer_dir`: bytes
// and a PNG per ticket); returns "" or the printer's problem in words.
CheckinFlow::Print make_ticket_printer(db::Database& db, const std::string& clinic_name,
                                       const std::filesystem::path& printer_dir);

}  // namespace rg::kiosk
