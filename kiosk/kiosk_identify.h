// What the kiosk plugs into its check-in flow: reading a scanned payload into an identity, the
// ticket printer, and the simulated scanner (a file the demo or a tester appends payloads to).
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "checkin_flow.h"
#include "database.h"

namespace rg::kiosk {

// Slip token (verified with the clinic's secret), card number, ЕНП, old paper OMS policy.
CheckinFlow::Identify make_identify(db::Database& db);
// Prints the ticket on the kiosk's receipt printer; returns "" or the problem in words.
CheckinFlow::Print make_ticket_printer(db::Database& db, const std::string& kiosk_name);

// The simulated scanner: each line appended to the file is one scan.
class ScanFile {
 public:
  explicit ScanFile(std::string path);
  std::vector<std::string> poll();  // new complete lines since the last call

 private:
  std::string path_;
  std::streamoff offset_ = 0;
  std::string partial_;
};

}  // namespace rg::kiosk
