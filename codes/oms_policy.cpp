// ЕНП control digit and the old OMS policy barcode: six-bit names, big-endian numbers, day counts.
#include "oms_policy.h"

#include <array>
#include <chrono>
#include <cstdint>

namespace rg::codes {
namespace {

// Code → letter; codes 47–62 are unused, 63 separates the name parts.
constexpr std::array<std::string_view, 47> kLetters = {
    " ", ".", "-", "‘", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "А", "Б",
    "В", "Г", "Д", "Е", "Ё", "Ж", "З", "И", "Й", "К", "Л", "М", "Н", "О", "П", "Р",
    "С", "Т", "У", "Ф", "Х", "Ц", "Ч", "Ш", "Щ", "Ь", "Ъ", "Ы", "Э", "Ю", "Я"};
constexpr unsigned kSeparator = 63;
constexpr std::size_t kNameFirst = 9, kNameBytes = 51, kNameCodes = kNameBytes * 8 / 6;  // 68
constexpr std::size_t kSex = 60, kBirth = 61, kExpiry = 63;
constexpr std::uint64_t kEnpLimit = 10'000'000'000'000'000ULL;  // 10^16

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

const std::chrono::sys_days kEpoch = std::chrono::sys_days(std::chrono::year(1900) / 1 / 1);

Date from_days(unsigned n) { return Date(kEpoch + std::chrono::days(n)); }

// Days since 1900-01-01 when the date fits two bytes and is not the epoch itself (0 = unset).
std::optional<unsigned> to_days(Date d) {
  if (!d.valid()) return std::nullopt;
  auto n = (d.days() - kEpoch).count();
  if (n < 1 || n > 0xFFFF) return std::nullopt;
  return static_cast<unsigned>(n);
}

unsigned be16(std::span<const unsigned char> b, std::size_t at) {
  return (static_cast<unsigned>(b[at]) << 8) | b[at + 1];
}

void put_be16(std::vector<unsigned char>& b, std::size_t at, unsigned v) {
  b[at] = static_cast<unsigned char>(v >> 8);
  b[at + 1] = static_cast<unsigned char>(v & 0xFF);
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The six-bit code of one code point of a name, or -1. Lower case is written in capitals.
int code_of(char32_t cp) {
  switch (cp) {
    case U' ': return 0;
    case U'.': return 1;
    case U'-': return 2;
    case U'\'': case U'‘': case U'’': return 3;
    case U'Ё': case U'ё': return 20;
    default: break;
  }
  if (cp >= U'0' && cp <= U'9') return 4 + static_cast<int>(cp - U'0');
  if (cp >= U'а' && cp <= U'я') cp -= U'а' - U'А';
  if (cp < U'А' || cp > U'Я') return -1;
  // А…Е are 14…19; Ё sits between Е and Ж, so Ж…Я are shifted by one.
  int offset = static_cast<int>(cp - U'А');
  constexpr int kE = static_cast<int>(U'Е' - U'А');
  int code = 14 + offset + (offset > kE ? 1 : 0);
  // The alphabet has Щ then Ь Ъ Ы (Unicode: Щ Ъ Ы Ь).
  switch (cp) {
    case U'Ъ': return 42;
    case U'Ы': return 43;
    case U'Ь': return 41;
    default: return code;
  }
}

// Appends the codes of a UTF-8 name part; false on a letter outside the alphabet or bad UTF-8.
bool append_codes(std::string_view s, std::vector<unsigned>& codes) {
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 0;
    if (len == 0 || i + len > s.size()) return false;
    cp = len == 1 ? b : len == 2 ? (b & 0x1FU) : (b & 0x0FU);
    for (std::size_t k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3FU);
    }
    i += len;
    int code = code_of(cp);
    if (code < 0) return false;
    codes.push_back(static_cast<unsigned>(code));
  }
  return true;
}

}  // namespace

int enp_control_digit(std::string_view first15) {
  if (first15.size() != 15 || !all_digits(first15)) return -1;
  // Positions counted from the right: odd ones (the 15th digit, the 13th, …) form a number that
  // is doubled, even ones are written before it; the digit sum of the whole is what counts.
  std::uint64_t odd_number = 0;
  int sum = 0;
  for (std::size_t k = 0; k < 15; ++k) {
    int d = first15[14 - k] - '0';
    if (k % 2 == 0)
      odd_number = odd_number * 10 + static_cast<std::uint64_t>(d);
    else
      sum += d;
  }
  for (std::uint64_t doubled = odd_number * 2; doubled != 0; doubled /= 10)
    sum += static_cast<int>(doubled % 10);
  return (10 - sum % 10) % 10;
}

bool enp_valid(std::string_view digits) {
  if (digits.size() != 16 || !all_digits(digits)) return false;
  return enp_control_digit(digits.substr(0, 15)) == digits[15] - '0';
}

std::optional<OldOmsPolicy> parse_old_oms_policy(std::span<const unsigned char> bytes) noexcept {
  if (bytes.size() != kOldOmsBarcodeBytes) return std::nullopt;
  try {
    OldOmsPolicy p;
    std::uint64_t enp = 0;
    for (std::size_t i = 1; i <= 8; ++i) enp = (enp << 8) | bytes[i];
    if (enp == 0 || enp >= kEnpLimit) return std::nullopt;
    p.enp = std::to_string(enp);
    p.enp.insert(0, 16 - p.enp.size(), '0');

    // 68 codes, most significant bits first, across byte boundaries.
    std::array<std::string, 4> parts;
    std::size_t part = 0;
    for (std::size_t k = 0; k < kNameCodes; ++k) {
      std::size_t bit = k * 6;
      std::size_t at = kNameFirst + bit / 8;
      unsigned pair = (static_cast<unsigned>(bytes[at]) << 8) |
                      (at + 1 < kNameFirst + kNameBytes ? bytes[at + 1] : 0U);
      unsigned code = (pair >> (10 - bit % 8)) & 63U;
      if (code == kSeparator) {
        if (++part == parts.size()) return std::nullopt;
      } else if (code < kLetters.size()) {
        parts[part] += kLetters[code];
      } else {
        return std::nullopt;
      }
    }
    if (!trim_spaces(parts[3]).empty()) return std::nullopt;
    p.surname = trim_spaces(parts[0]);
    p.name = trim_spaces(parts[1]);
    p.patronymic = trim_spaces(parts[2]);
    if (p.surname.empty() || p.name.empty()) return std::nullopt;

    switch (bytes[kSex]) {
      case 1: p.sex = 'M'; break;
      case 2: p.sex = 'F'; break;
      default: return std::nullopt;
    }
    unsigned birth = be16(bytes, kBirth), expiry = be16(bytes, kExpiry);
    if (birth == 0) return std::nullopt;
    p.birth = from_days(birth);
    if (expiry != 0) {
      if (expiry <= birth) return std::nullopt;
      p.expiry = from_days(expiry);
    }
    return p;
  } catch (...) {  // only std::bad_alloc can get here
    return std::nullopt;
  }
}

std::vector<unsigned char> encode_old_oms_policy(const OldOmsPolicy& p) {
  if (p.enp.size() != 16 || !all_digits(p.enp) || p.surname.empty() || p.name.empty())
    return {};
  std::vector<unsigned> codes;
  if (!append_codes(p.surname, codes)) return {};
  codes.push_back(kSeparator);
  if (!append_codes(p.name, codes)) return {};
  codes.push_back(kSeparator);
  if (!append_codes(p.patronymic, codes) || codes.size() > kNameCodes) return {};
  auto birth = to_days(p.birth);
  std::optional<unsigned> expiry = 0U;
  if (p.expiry) expiry = to_days(*p.expiry);
  if (!birth || !expiry || (p.sex != 'M' && p.sex != 'F')) return {};

  std::vector<unsigned char> out(kOldOmsBarcodeBytes, 0);
  out[0] = 1;
  std::uint64_t enp = std::stoull(p.enp);
  for (std::size_t i = 8; i >= 1; --i, enp >>= 8) out[i] = static_cast<unsigned char>(enp & 0xFF);
  codes.resize(kNameCodes, 0);  // padding: spaces
  for (std::size_t k = 0; k < kNameCodes; ++k) {
    for (unsigned b = 0; b < 6; ++b) {
      if ((codes[k] >> (5 - b)) & 1U) {
        std::size_t bit = k * 6 + b;
        out[kNameFirst + bit / 8] |= static_cast<unsigned char>(0x80U >> (bit % 8));
      }
    }
  }
  out[kSex] = p.sex == 'M' ? 1 : 2;
  put_be16(out, kBirth, *birth);
  put_be16(out, kExpiry, *expiry);
  return out;
}

}  // namespace rg::codes
