// AIM symbology identifiers (ISO/IEC 15424): "]" + code character + modifier character.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "hid/scan.h"

namespace rg::drivers::hid {

struct AimId {
  char code = 0;      // 'C' Code 128, 'E' EAN/UPC, 'Q' QR, 'd' Data Matrix, …
  char modifier = 0;  // '0'–'9', 'A'–'Z', 'a'–'z'
  std::string text() const { return std::string{']', code, modifier}; }
};

// Three bytes shaped like an AIM identifier, or nullopt.
std::optional<AimId> parse_aim(std::string_view three);
Symbology symbology_of(const AimId& id);
// English name for logs and the settings panel ("Code 128", "QR Code").
const char* symbology_name(Symbology s);
// Takes a leading AIM identifier off `data` (scanners configured to prefix it); nullopt when
// `data` does not start with one.
std::optional<AimId> take_aim_prefix(std::string& data);

}  // namespace rg::drivers::hid
