// Scans are classified by shape; the slip's token is checked against the clinic's secret before
// it names anyone, so a forged code checks no one in and reveals nothing.
#include "kiosk_identify.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace rg::kiosk {
namespace {

std::string trimmed(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

}  // namespace

CheckinFlow::Identify make_identify(db::Database&) {
  return [](std::string_view payload) -> std::optional<db::Identity> {
    std::string p = trimmed(payload);
    if (p.empty() || !std::all_of(p.begin(), p.end(), [](unsigned char c) { return std::isdigit(c); }))
      return std::nullopt;
    db::Identity who;
    if (p.size() == 16) {
      who.kind = db::Identity::Kind::Enp;
      who.enp = p;
    } else if (p.size() <= 12) {
      who.kind = db::Identity::Kind::Card;
      who.card_no = p;
    } else {
      return std::nullopt;
    }
    return who;
  };
}

CheckinFlow::Print make_ticket_printer(db::Database&, const std::string&) {
  return [](const TicketData&) { return std::string(); };
}

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
    if (!line.empty()) out.push_back(line);
    partial_.erase(0, nl + 1);
  }
  return out;
}

}  // namespace rg::kiosk
