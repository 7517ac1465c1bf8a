// Status replies and device IDs. Bit positions: python-escpos constants.py (RT_STATUS = DLE EOT,
// RT_MASK_ONLINE = 8 → bit 3 offline; RT_MASK_PAPER = 18 = the fixed bits 1 and 4;
// RT_MASK_LOWPAPER = 30 → bits 2–3 near end; RT_MASK_NOPAPER = 114 → bits 5–6 paper end) and,
// for the offline and error causes, DantSu ESCPOS-ThermalPrinter-Android PrinterStatus.java
// (EOT 1: 0x04 drawer, 0x08 offline; EOT 2: 0x04 cover open, 0x08 paper fed by the button,
// 0x20 stopped at paper end, 0x40 error; EOT 3: 0x04 recoverable, 0x08 autocutter, 0x20
// unrecoverable, 0x40 auto-recoverable); the same list is in ../shared/DOMAIN.md.
// Device ID: Linux drivers/usb/class/usblp.c (usblp_cache_device_id_string: "First two bytes
// are length in big-endian. They count themselves").
#include "receipt_printer/status.h"

#include <algorithm>
#include <cctype>

#include "i18n.h"

namespace rg::drivers {
namespace {

constexpr std::uint8_t kFixedMask = 0x93;   // bits 0, 1, 4, 7
constexpr std::uint8_t kFixedValue = 0x12;  // bit 1 and bit 4 set, bits 0 and 7 clear

bool bit(std::uint8_t b, int n) { return (b >> n) & 1u; }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

}  // namespace

PrinterSeverity PrinterStatus::severity() const {
  if (!online || cover_open || stopped_at_paper_end || error || mechanical_error || cutter_error ||
      unrecoverable_error || auto_recoverable_error || paper_end)
    return PrinterSeverity::Error;
  if (paper_near_end) return PrinterSeverity::Warning;
  return PrinterSeverity::Ready;
}

std::array<std::uint8_t, 3> status_request(StatusQuery q) {
  // python-escpos RT_STATUS = DLE + EOT (10 04), then n.
  return {0x10, 0x04, static_cast<std::uint8_t>(q)};
}

bool apply_status_reply(PrinterStatus& s, StatusQuery q, std::uint8_t b) {
  if ((b & kFixedMask) != kFixedValue) return false;
  switch (q) {
    case StatusQuery::Printer:
      s.drawer_pin3_high = bit(b, 2);
      s.online = !bit(b, 3);
      s.waiting_for_recovery = bit(b, 5);
      s.feed_button_pressed = bit(b, 6);
      break;
    case StatusQuery::OfflineCause:
      s.cover_open = bit(b, 2);
      s.feeding_by_button = bit(b, 3);
      s.stopped_at_paper_end = bit(b, 5);
      s.error = bit(b, 6);
      break;
    case StatusQuery::ErrorCause:
      s.mechanical_error = bit(b, 2);
      s.cutter_error = bit(b, 3);
      s.unrecoverable_error = bit(b, 5);
      s.auto_recoverable_error = bit(b, 6);
      break;
    case StatusQuery::Paper:
      // Two sensors' worth of bits each (2–3 near end, 5–6 end): either one set counts.
      s.paper_near_end = bit(b, 2) || bit(b, 3);
      s.paper_end = bit(b, 5) || bit(b, 6);
      break;
    default: return false;
  }
  s.known = true;
  return true;
}

std::string status_message(const PrinterStatus& s) {
  if (s.unrecoverable_error)
    return _("Receipt printer: unrecoverable error — switch it off and on again");
  if (s.cover_open) return _("Receipt printer: the cover is open");
  if (s.paper_end || s.stopped_at_paper_end) return _("Receipt printer: out of paper");
  if (s.cutter_error)
    return _("Receipt printer: cutter error — open the cover and remove the jammed paper");
  if (s.mechanical_error) return _("Receipt printer: mechanical error — open and close the cover");
  if (s.auto_recoverable_error)
    return _("Receipt printer: the print head is too hot; printing resumes by itself");
  if (s.error) return _("Receipt printer: error — open and close the cover, or switch it off and on");
  if (!s.online) return _("Receipt printer: offline — check the power and the cable");
  if (s.paper_near_end) return _("Receipt printer: paper is running low");
  return _("Receipt printer: ready");
}

bool DeviceId::supports(std::string_view command_set) const {
  const std::string want = upper(command_set);
  return std::any_of(command_sets.begin(), command_sets.end(),
                     [&](const std::string& c) { return upper(c) == want; });
}

Result<DeviceId> parse_device_id(std::span<const std::uint8_t> reply) {
  auto unreadable = [](std::string detail) {
    return fail(ErrorCode::Invalid, _("Receipt printer: unreadable device ID"), std::move(detail));
  };
  if (reply.size() < 2) return unreadable("device ID reply shorter than its length prefix");
  std::size_t length = (std::size_t{reply[0]} << 8) | reply[1];
  if (length < 2) return unreadable("device ID length below 2");
  length = std::min(length, reply.size());

  DeviceId id;
  std::string text;
  for (std::size_t i = 2; i < length; ++i) {
    const auto c = reply[i];
    if (c == 0) break;
    text += (c >= 0x20 && c < 0x7F) ? static_cast<char>(c) : ' ';
  }
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    std::string_view pair(text.data() + start, end - start);
    if (auto colon = pair.find(':'); colon != std::string_view::npos) {
      std::string key = upper(trim(pair.substr(0, colon)));
      if (!key.empty() && !id.fields.contains(key)) id.fields[key] = trim(pair.substr(colon + 1));
    }
    start = end + 1;
  }
  auto pick = [&](std::initializer_list<const char*> keys) -> std::string {
    for (const char* k : keys)
      if (auto it = id.fields.find(k); it != id.fields.end()) return it->second;
    return {};
  };
  id.manufacturer = pick({"MFG", "MANUFACTURER"});
  id.model = pick({"MDL", "MODEL"});
  id.description = pick({"DES", "DESCRIPTION"});
  id.device_class = pick({"CLS", "CLASS"});
  id.serial = pick({"SN", "SERN", "SERIALNUMBER"});
  const std::string cmd = pick({"CMD", "COMMAND SET"});
  for (std::size_t a = 0; a <= cmd.size();) {
    std::size_t b = cmd.find(',', a);
    if (b == std::string::npos) b = cmd.size();
    if (std::string c = trim(std::string_view(cmd).substr(a, b - a)); !c.empty())
      id.command_sets.push_back(std::move(c));
    a = b + 1;
  }
  if (id.manufacturer.empty() && id.model.empty())
    return unreadable("device ID without MFG/MDL: \"" + text + "\"");
  return id;
}

}  // namespace rg::drivers
