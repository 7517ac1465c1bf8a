// Scans are classified by shape; the slip's token is checked against the clinic's secret before
// it names anyone, so a forged code checks no one in and reveals nothing.
#include "kiosk_identify.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <memory>

#include "checkin_token.h"
#include "scan_identity.h"
#include "clinic_secret.h"
#include "paper_preview.h"
#include "i18n.h"
#include "receipt_printer/printer_device.h"
#include "receipt_printer/sim_printer.h"
#include "ticket.h"
#include "clinic.h"

namespace rg::kiosk {

CheckinFlow::Identify make_identify(db::Database& db) {
  auto secret = codes::clinic_checkin_secret(db);
  std::vector<unsigned char> key = secret ? *secret : std::vector<unsigned char>{};
  return [key](std::string_view payload) { return codes::identity_from_scan(payload, key); };
}

CheckinFlow::Print make_ticket_printer(db::Database& db, const std::string& clinic_name, PickPrinter pick) {
  auto secret = codes::clinic_checkin_secret(db);
  std::vector<unsigned char> key = secret ? *secret : std::vector<unsigned char>{};
  return [pick = std::move(pick), key, clinic_name](const TicketData& t) -> std::string {
    auto printer = pick();
    if (!printer)
      return std::string(drivers::device_kind_title(drivers::DeviceKind::ReceiptPrinter)) + ": " + _("not connected");
    std::string qr = key.empty() || t.first_appointment == 0 ? "" : codes::make_checkin_token(t.first_appointment, key);
    auto r = ticket_receipt(t, clinic_name, qr, db::now_unix());
    auto printed = printer->print(drivers::to_escpos(r, printer->profile()));
    return printed ? std::string() : printed.error().message;
  };
}

std::shared_ptr<drivers::ReceiptPrinter> make_sim_ticket_printer(const std::filesystem::path& dir) {
  auto printer = std::make_shared<drivers::SimReceiptPrinter>(dir, drivers::default_profile_58mm());
  printing::attach_png_preview(*printer);
  return printer;
}

PickPrinter pick_printer(const drivers::DeviceManager& devices, std::shared_ptr<drivers::ReceiptPrinter> fallback) {
  return [&devices, fallback = std::move(fallback)]() -> std::shared_ptr<drivers::ReceiptPrinter> {
    if (auto real = devices.find<drivers::ReceiptPrinterDevice>(drivers::DeviceKind::ReceiptPrinter, true))
      return real->shared();
    return fallback;
  };
}

}  // namespace rg::kiosk
