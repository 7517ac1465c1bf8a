// Scans are classified by shape; the slip's token is checked against the clinic's secret before
// it names anyone, so a forged code checks no one in and reveals nothing.
#include "kiosk_identify.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <memory>

#include "checkin_token.h"
#include "clinic_secret.h"
#include "paper_preview.h"
#include "receipt_printer/sim_printer.h"
#include "ticket.h"
#include "clinic.h"
#include "scan.h"

namespace rg::kiosk {

CheckinFlow::Identify make_identify(db::Database& db) {
  auto secret = codes::clinic_checkin_secret(db);
  std::vector<unsigned char> key = secret ? *secret : std::vector<unsigned char>{};
  return [key](std::string_view payload) -> std::optional<db::Identity> {
    codes::ScanResult scan = codes::classify_scan(payload);
    db::Identity who;
    if (auto* t = std::get_if<codes::CheckinTokenScan>(&scan)) {
      // A forged or altered code names nobody: the same as an unreadable one.
      auto id = key.empty() ? std::nullopt : codes::verify_checkin_token(t->raw, key);
      if (!id) return std::nullopt;
      who.kind = db::Identity::Kind::Appointment;
      who.appointment_id = *id;
    } else if (auto* c = std::get_if<codes::CardNumberScan>(&scan)) {
      who.kind = db::Identity::Kind::Card;
      who.card_no = c->digits;
    } else if (auto* e = std::get_if<codes::EnpScan>(&scan)) {
      who.kind = db::Identity::Kind::Enp;
      who.enp = e->digits;
    } else if (auto* o = std::get_if<codes::OldOmsScan>(&scan)) {
      who.kind = db::Identity::Kind::Enp;
      who.enp = o->policy.enp;
    } else {
      return std::nullopt;
    }
    return who;
  };
}

CheckinFlow::Print make_ticket_printer(db::Database& db, const std::string& clinic_name,
                                       const std::filesystem::path& printer_dir) {
  auto secret = codes::clinic_checkin_secret(db);
  std::vector<unsigned char> key = secret ? *secret : std::vector<unsigned char>{};
  // The simulated twin writes the bytes and, next to them, a PNG of the paper.
  auto printer = std::make_shared<drivers::SimReceiptPrinter>(printer_dir, drivers::default_profile_58mm());
  printing::attach_png_preview(*printer);
  return [printer, key, clinic_name](const TicketData& t) -> std::string {
    std::string qr = key.empty() || t.first_appointment == 0 ? "" : codes::make_checkin_token(t.first_appointment, key);
    auto r = ticket_receipt(t, clinic_name, qr, std::int64_t(std::time(nullptr)));
    auto printed = printer->print(drivers::to_escpos(r, printer->profile()));
    return printed ? std::string() : printed.error().message;
  };
}

}  // namespace rg::kiosk
