// Which driver takes a USB device: rules matching VID:PID and/or an interface's class triple,
// read from data files (usb-devices.conf here, plus the usb= line of every receipt printer
// profile). A VID:PID rule beats a class rule; among equals the first rule wins.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "device_kind.h"
#include "error.h"
#include "usb/usb_types.h"

namespace rg::drivers::usb {

struct ClassTriple {
  std::uint8_t cls = 0;
  std::optional<std::uint8_t> subclass, protocol;  // unset: any
};

struct MatchRule {
  DeviceKind kind = DeviceKind::ReceiptPrinter;
  std::optional<std::uint16_t> vendor_id, product_id;  // product unset: any product of the vendor
  std::optional<ClassTriple> interface_class;          // unset: any interface (the first one)
  std::string profile;  // a model profile id ("epson-80"), empty when the class is enough
  std::string name;     // for people when the device has no better one
};

struct Match {
  MatchRule rule;
  InterfaceInfo interface;  // the interface the driver claims
};

class DeviceRegistry {
 public:
  // The built-in rules: usb-devices.conf (compiled in) and the receipt printer profiles.
  static DeviceRegistry builtin();

  void add(MatchRule rule) { rules_.push_back(std::move(rule)); }
  // Adds the rules of a file in the usb-devices.conf format.
  Status add_text(std::string_view text);

  // Every driver that would take this device — one per interface (a composite handset has a
  // HID interface next to its audio ones; only the HID one matches).
  std::vector<Match> match(const DeviceInfo& device) const;
  const std::vector<MatchRule>& rules() const { return rules_; }

 private:
  std::vector<MatchRule> rules_;
};

// One rule per line: KIND key=value…  (keys: usb=VID:PID or usb=VID:*, class=CC[/SS[/PP]] in
// hex, profile=ID, name=rest of the line in quotes). '#' starts a comment.
Result<std::vector<MatchRule>> parse_match_rules(std::string_view text);

}  // namespace rg::drivers::usb
