// What a kiosk or desk scanner read, sorted into the ways a patient can identify themselves.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "oms_policy.h"

namespace rg::codes {

// Shaped like our check-in token; the caller verifies it with the clinic's secret
// (verify_checkin_token). `raw` is the token as made: keyboard-layout and Caps Lock garbling undone.
struct CheckinTokenScan {
  std::string raw;
};
// The clinic's patient-card barcode: 1–kMaxCardDigits digits, as printed (leading zeros kept).
struct CardNumberScan {
  std::string digits;
};
// A ЕНП whose control digit holds.
struct EnpScan {
  std::string digits;
};
// The old paper policy's 130-byte barcode.
struct OldOmsScan {
  OldOmsPolicy policy;
};
// Anything else. The reason is for logs (English, never shown to a patient).
struct UnknownScan {
  std::string reason;
};

using ScanResult = std::variant<CheckinTokenScan, CardNumberScan, EnpScan, OldOmsScan, UnknownScan>;

// The clinic's card numbers are short sequence numbers; anything longer than this is not a card.
// It keeps a 16-digit ЕНП from ever being read as a card number.
inline constexpr std::size_t kMaxCardDigits = 12;
// Longer text is refused before any other look (a token has at most 32 characters).
inline constexpr std::size_t kMaxTextScan = 64;

// Rules, in this order (no payload fits two of them):
//  1. exactly 130 bytes (or 130 plus a trailing CR, LF or CR LF) that parse as the old policy's
//     layout → OldOmsScan;
//  2. otherwise the text with surrounding white space, CR, LF and NUL stripped:
//     - only digits: 1–12 → CardNumberScan; 16 with a valid control digit → EnpScan;
//       16 with a wrong one, 13–15, 17 and more → UnknownScan;
//     - after mapping Cyrillic letters typed on the Russian ЙЦУКЕН layout back to the Latin
//       letters on the same keys (a keyboard-wedge scanner under the Russian layout turns "RG1"
//       into "КП1") and lower case to upper case (Caps Lock): the shape of a check-in token
//       → CheckinTokenScan;
//     - anything else → UnknownScan.
// Never throws; random bytes, truncated and garbled payloads come back as UnknownScan.
ScanResult classify_scan(std::string_view payload) noexcept;

}  // namespace rg::codes
