// What the kiosk plugs into its check-in flow: reading a scanned payload into an identity, the
// ticket printer, and the simulated scanner (a file the demo or a tester appends payloads to).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checkin_flow.h"
#include "database.h"
#include "device_manager.h"
#include "receipt_printer/printer.h"

namespace rg::kiosk {

// Slip token (verified with the clinic's secret), card number, ЕНП, old paper OMS policy.
CheckinFlow::Identify make_identify(db::Database& db);
// The printer a ticket goes to, asked again for every ticket (one plugged in later is used);
// null when there is none.
using PickPrinter = std::function<std::shared_ptr<drivers::ReceiptPrinter>()>;

// Prints the ticket on the printer `pick` gives; returns "" or the printer's problem in words
// («Принтер чеков: не подключён» when there is none).
CheckinFlow::Print make_ticket_printer(db::Database& db, const std::string& clinic_name, PickPrinter pick);

// The simulated twin in `dir` (58 mm paper): the bytes and a PNG of each ticket.
std::shared_ptr<drivers::ReceiptPrinter> make_sim_ticket_printer(const std::filesystem::path& dir);

// A real receipt printer of the device list, in whatever state it is (its problem is then said
// on the ticket screen); with none, `fallback` (the simulated twin of a demo, or null).
PickPrinter pick_printer(const drivers::DeviceManager& devices, std::shared_ptr<drivers::ReceiptPrinter> fallback);

}  // namespace rg::kiosk
