// Match rules: parsed from usb-devices.conf and from receipt printer profiles, applied to the
// interfaces of an enumerated device.
#include "usb/device_registry.h"

#include <charconv>
#include <limits>

#include "i18n.h"
#include "receipt_printer/profile.h"
#include "usb_devices_data.h"  // generated from usb-devices.conf

namespace rg::drivers::usb {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

template <typename T>
std::optional<T> hex(std::string_view s) {
  unsigned v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || v > std::numeric_limits<T>::max())
    return std::nullopt;
  return static_cast<T>(v);
}

bool class_matches(const ClassTriple& c, const InterfaceInfo& i) {
  return c.cls == i.cls && (!c.subclass || *c.subclass == i.subclass) && (!c.protocol || *c.protocol == i.protocol);
}

}  // namespace

Result<std::vector<MatchRule>> parse_match_rules(std::string_view text) {
  std::vector<MatchRule> rules;
  int line_no = 0;
  auto bad = [&](const std::string& why) {
    return fail(ErrorCode::Invalid, _("The USB device list cannot be read"),
                "usb-devices line " + std::to_string(line_no) + ": " + why);
  };
  while (!text.empty()) {
    ++line_no;
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    MatchRule rule;
    const std::size_t sp = line.find_first_of(" \t");
    auto kind = device_kind_from(line.substr(0, sp));
    if (!kind) return bad("unknown kind '" + std::string(line.substr(0, sp)) + "'");
    rule.kind = *kind;
    std::string_view rest = sp == std::string_view::npos ? std::string_view{} : trim(line.substr(sp));
    while (!rest.empty()) {
      const std::size_t eq = rest.find('=');
      if (eq == std::string_view::npos) return bad("expected key=value");
      const std::string_view key = trim(rest.substr(0, eq));
      rest = rest.substr(eq + 1);
      std::string_view value;
      if (!rest.empty() && rest.front() == '"') {
        const std::size_t close = rest.find('"', 1);
        if (close == std::string_view::npos) return bad("unclosed quote");
        value = rest.substr(1, close - 1);
        rest = trim(rest.substr(close + 1));
      } else {
        const std::size_t end = rest.find_first_of(" \t");
        value = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : trim(rest.substr(end));
      }
      if (key == "usb") {
        const std::size_t colon = value.find(':');
        if (colon == std::string_view::npos) return bad("usb must be VID:PID or VID:*");
        rule.vendor_id = hex<std::uint16_t>(value.substr(0, colon));
        if (!rule.vendor_id) return bad("bad vendor id");
        if (value.substr(colon + 1) != "*") {
          rule.product_id = hex<std::uint16_t>(value.substr(colon + 1));
          if (!rule.product_id) return bad("bad product id");
        }
      } else if (key == "class") {
        ClassTriple c;
        std::string_view v = value;
        int part = 0;
        while (true) {
          const std::size_t slash = v.find('/');
          auto n = hex<std::uint8_t>(v.substr(0, slash));
          if (!n) return bad("class must be CC[/SS[/PP]] in hex");
          if (part == 0) c.cls = *n;
          else if (part == 1) c.subclass = n;
          else if (part == 2) c.protocol = n;
          else return bad("class has at most three parts");
          ++part;
          if (slash == std::string_view::npos) break;
          v = v.substr(slash + 1);
        }
        rule.interface_class = c;
      } else if (key == "profile") {
        rule.profile = value;
      } else if (key == "name") {
        rule.name = value;
      } else {
        return bad("unknown key '" + std::string(key) + "'");
      }
    }
    if (!rule.vendor_id && !rule.interface_class) return bad("a rule needs usb= or class=");
    rules.push_back(std::move(rule));
  }
  return rules;
}

Status DeviceRegistry::add_text(std::string_view text) {
  auto rules = parse_match_rules(text);
  if (!rules) return std::unexpected(rules.error());
  for (auto& r : *rules) add(std::move(r));
  return {};
}

DeviceRegistry DeviceRegistry::builtin() {
  DeviceRegistry r;
  for (const Profile& p : builtin_profiles()) {
    if (!p.vendor_id && !p.product_id) continue;
    MatchRule rule;
    rule.kind = DeviceKind::ReceiptPrinter;
    rule.vendor_id = p.vendor_id;
    rule.product_id = p.product_id;
    rule.interface_class = ClassTriple{};
    rule.interface_class->cls = 0x07;
    rule.profile = p.id;
    rule.name = p.name;
    r.add(std::move(rule));
  }
  // The file is compiled in and tested; a broken one must fail the test, not the desk.
  static_cast<void>(r.add_text(kUsbDevicesConf));
  return r;
}

std::vector<Match> DeviceRegistry::match(const DeviceInfo& d) const {
  std::vector<Match> out;
  for (const InterfaceInfo& i : d.interfaces) {
    if (i.alt_setting != 0) continue;
    const MatchRule* best = nullptr;
    for (const MatchRule& r : rules_) {
      const bool by_id = r.vendor_id.has_value();
      if (by_id && (*r.vendor_id != d.vendor_id || (r.product_id && *r.product_id != d.product_id))) continue;
      if (r.interface_class ? !class_matches(*r.interface_class, i) : i.number != d.interfaces.front().number)
        continue;
      if (!best || (by_id && !best->vendor_id)) best = &r;
      if (by_id) break;
    }
    if (best) out.push_back({*best, i});
  }
  return out;
}

}  // namespace rg::drivers::usb
