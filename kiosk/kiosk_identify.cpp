// Scans are classified by shape; the slip's token is checked against the clinic's secret before
// it names anyone, so a forged code checks no one in and reveals nothing.
#include "kiosk_identify.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <memory>

#include "checkin_token.h"
#include "escpos_preview.h"
#include "receipt_printer/sim_printer.h"
#include "ticket.h"
#include "clinic.h"
#include "scan.h"

namespace rg::kiosk {

Result<std::vector<unsigned char>> clinic_checkin_secret(db::Database& db) {
  // Made once per clinic by whichever process needs it first; one starting at the same moment
  // keeps the first one's secret.
  RG_TRY_ASSIGN(auto stored, db::get_setting(db, "checkin.secret"));
  if (!stored) {
    RG_TRY_ASSIGN(std::string made, db::setting_or_insert(db, "checkin.secret",
                                                          codes::secret_to_hex(codes::new_clinic_secret())));
    stored = std::move(made);
  }
  auto secret = codes::secret_from_hex(*stored);
  if (!secret) return fail(ErrorCode::Internal, "the clinic's check-in secret is damaged", "settings checkin.secret");
  return *secret;
}

CheckinFlow::Identify make_identify(db::Database& db) {
  auto secret = clinic_checkin_secret(db);
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
  auto secret = clinic_checkin_secret(db);
  std::vector<unsigned char> key = secret ? *secret : std::vector<unsigned char>{};
  // The simulated twin writes the bytes and, next to them, a PNG of the paper. The preview
  // keeps a glyph cache and is used on the worker thread only, where print() runs.
  auto printer = std::make_shared<drivers::SimReceiptPrinter>(printer_dir, drivers::default_profile_58mm());
  auto preview = std::make_shared<std::optional<printing::EscposPreview>>();
  printer->on_printed([printer_raw = printer.get(), preview](const std::filesystem::path& job,
                                                             std::span<const std::uint8_t> bytes) {
    if (!*preview) {
      if (auto p = printing::EscposPreview::create()) preview->emplace(std::move(*p));
      else return;
    }
    (void)(*preview)->write_png(bytes, printer_raw->profile().width_dots,
                                std::filesystem::path(job).replace_extension(".png"));
  });
  return [printer, key, clinic_name](const TicketData& t) -> std::string {
    std::string qr = key.empty() || t.first_appointment == 0 ? "" : codes::make_checkin_token(t.first_appointment, key);
    auto r = ticket_receipt(t, clinic_name, qr, std::int64_t(std::time(nullptr)));
    auto printed = printer->print(drivers::to_escpos(r, printer->profile()));
    return printed ? std::string() : printed.error().message;
  };
}

namespace {

std::string from_hex(std::string_view h) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) {
    int a = nibble(h[i]), b = nibble(h[i + 1]);
    if (a < 0 || b < 0) return {};
    out += char(a * 16 + b);
  }
  return out;
}

}  // namespace

ScanFile::ScanFile(std::string path) : path_(std::move(path)) {
  std::error_code ec;
  if (!path_.empty() && std::filesystem::exists(path_, ec))
    offset_ = std::streamoff(std::filesystem::file_size(path_, ec));  // old scans are not new
}

std::vector<std::string> ScanFile::poll() {
  std::vector<std::string> out;
  if (path_.empty()) return out;
  std::ifstream in(path_, std::ios::binary);
  if (!in) return out;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < offset_) offset_ = 0;  // the file was truncated: start again
  if (size == offset_) return out;
  in.seekg(offset_);
  std::string chunk(size_t(size - offset_), '\0');
  in.read(chunk.data(), std::streamsize(chunk.size()));
  offset_ = size;
  partial_ += chunk;
  size_t nl;
  while ((nl = partial_.find('\n')) != std::string::npos) {
    std::string line = partial_.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // A binary payload (the old paper policy) cannot live in a text line: "hex:…" carries it.
    if (line.starts_with("hex:")) line = from_hex(std::string_view(line).substr(4));
    if (!line.empty()) out.push_back(line);
    partial_.erase(0, nl + 1);
  }
  return out;
}

}  // namespace rg::kiosk
