// Sorting scanned payloads: binary policy first, then digits by length, then the token's shape.
#include "scan.h"

#include <optional>
#include <span>

#include "checkin_token.h"

namespace rg::codes {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_padding(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_padding(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_padding(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<OldOmsPolicy> as_old_policy(std::string_view payload) {
  auto parse = [](std::string_view s) {
    return parse_old_oms_policy(
        std::span(reinterpret_cast<const unsigned char*>(s.data()), s.size()));
  };
  if (payload.size() == kOldOmsBarcodeBytes) return parse(payload);
  // A scanner set to end every scan with CR, LF or CR LF.
  for (std::string_view suffix : {"\r\n", "\r", "\n"})
    if (payload.size() == kOldOmsBarcodeBytes + suffix.size() && payload.ends_with(suffix))
      return parse(payload.substr(0, kOldOmsBarcodeBytes));
  return std::nullopt;
}

// The Latin key under each upper-case Cyrillic letter of the ЙЦУКЕН layout, А (U+0410) … Я.
constexpr std::string_view kKeyOf =
    "F,DULT;PBQRKVYJGHCNEA[WXIO]SM'.Z";
static_assert(kKeyOf.size() == 32);

// The text a keyboard-wedge scanner meant to type: upper-case ASCII, Cyrillic letters mapped
// back to the keys they share with Latin ones. nullopt when a character fits neither.
std::optional<std::string> as_typed_on_latin_keys(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out += (b >= 'a' && b <= 'z') ? static_cast<char>(b - 'a' + 'A') : static_cast<char>(b);
      continue;
    }
    if ((b != 0xD0 && b != 0xD1) || i + 1 >= s.size()) return std::nullopt;
    auto c = static_cast<unsigned char>(s[++i]);
    if ((c & 0xC0) != 0x80) return std::nullopt;
    char32_t cp = (static_cast<char32_t>(b & 0x1F) << 6) | (c & 0x3FU);
    if (cp == U'Ё' || cp == U'ё') {
      out += '`';
      continue;
    }
    if (cp >= U'а' && cp <= U'я') cp -= U'а' - U'А';
    if (cp < U'А' || cp > U'Я') return std::nullopt;
    out += kKeyOf[cp - U'А'];
  }
  return out;
}

ScanResult classify(std::string_view payload) {
  if (auto policy = as_old_policy(payload)) return OldOmsScan{std::move(*policy)};

  auto text = trim(payload);
  if (text.empty()) return UnknownScan{"empty scan"};
  if (text.size() > kMaxTextScan) return UnknownScan{"too long for a card, ENP or token"};

  bool digits = true;
  for (char c : text) digits = digits && is_digit(c);
  if (digits) {
    if (text.size() <= kMaxCardDigits) return CardNumberScan{std::string(text)};
    if (text.size() == 16) {
      if (enp_valid(text)) return EnpScan{std::string(text)};
      return UnknownScan{"16 digits, but the ENP control digit does not match"};
    }
    return UnknownScan{std::to_string(text.size()) + " digits: neither a card number nor an ENP"};
  }

  auto typed = as_typed_on_latin_keys(text);
  if (typed && looks_like_checkin_token(*typed)) return CheckinTokenScan{std::move(*typed)};
  if (typed && typed->starts_with("RG")) return UnknownScan{"a damaged or unknown check-in token"};
  return UnknownScan{"not a card number, ENP, policy or check-in token"};
}

}  // namespace

ScanResult classify_scan(std::string_view payload) noexcept {
  try {
    return classify(payload);
  } catch (...) {  // only std::bad_alloc can get here
    return UnknownScan{};
  }
}

}  // namespace rg::codes
