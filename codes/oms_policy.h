// The OMS policy as a scanner sees it: the 16-digit ЕНП and the old paper policy's binary barcode.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.h"

namespace rg::codes {

// A ЕНП (единый номер полиса): exactly 16 ASCII digits whose last digit is the control digit.
//
// The control digit, as implemented in PromedWeb (github genbodev/promed,
// checkEdNumFedSignature, «контрольная сумма номера полиса нового образца»): of the first 15
// digits, those in odd positions counted from the right (15th, 13th, …, 1st) are written as one
// number and doubled; the digits in even positions (14th, …, 2nd) are written before it; the
// control digit is what brings the sum of all digits of the result up to a multiple of 10.
// This is the Luhn check over all 16 digits. It catches every single wrong digit and most swaps.
// The normative text (a ФОМС appendix) was not found to cite; PromedWeb lets a region switch
// the check off, so treat a failure as "ask the patient", not as proof of a forgery.
bool enp_valid(std::string_view digits);
// The control digit for 15 digits; -1 when the input is not 15 digits.
int enp_control_digit(std::string_view first15);

// The old paper policy's barcode (the «полис единого образца», 2011–2021): 130 bytes,
//   [0]      type (meaning unknown; not checked)
//   [1..8]   ЕНП, unsigned big-endian
//   [9..59]  «ФАМИЛИЯ|ИМЯ|ОТЧЕСТВО» as 68 six-bit codes into the alphabet
//            " .-‘0123456789АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЬЪЫЭЮЯ" (codes 0–46), 63 = separator,
//            padded with code 0 (space); 47–62 are unused and refused
//   [60]     sex: 1 male, 2 female
//   [61..62] birth date, days since 1900-01-01, unsigned big-endian
//   [63..64] expiry, the same; 0 = none
//   [65..]   the issuer's signature (not verified: we have no key)
// Bit order of the six-bit codes: the 51 bytes are one big-endian bit string, each code takes the
// next six bits most significant first (as base64 does). Sources that agree: li0ard/oms-barcode
// (oms_barcode.py: hex → bit string → 6-bit slices), a JS parser ("CHAR_ENCODE",
// str.substr(72,408) of the MSB-first bit string, sex at bit 480, dates at 488 and 504) and
// VerdanaCe/MSScanner (Unit_Scan.pas DecodeKode02: base64-style decoding of bytes 10..51).
// Names come back in the policy's capitals («СЕМЁНОВА»); compare them with fold().
struct OldOmsPolicy {
  std::string enp;  // 16 digits (the control digit is not required: see enp_valid)
  std::string surname, name, patronymic;
  char sex = 'F';  // 'M' or 'F', as in the patients table
  Date birth;
  std::optional<Date> expiry;
};

inline constexpr std::size_t kOldOmsBarcodeBytes = 130;

// nullopt for anything that does not fit the layout: a length other than 130, a ЕНП that is
// zero or longer than 16 digits, an unused six-bit code, an empty surname or name, a fourth
// name part, a sex byte other than 1 or 2, a birth date of 0, an expiry not after the birth.
std::optional<OldOmsPolicy> parse_old_oms_policy(std::span<const unsigned char> bytes) noexcept;

// The same bytes for a policy (type 1, signature all zero): for tests and the demo's simulated
// scanner. Lower-case letters are written in capitals; ' and ’ as ‘. Empty when it cannot be
// encoded: the ЕНП is not 16 digits, a letter is outside the alphabet, the names need more than
// 68 codes, the sex is not 'M'/'F', or a date is outside 1900-01-02 … 2079-06-06.
std::vector<unsigned char> encode_old_oms_policy(const OldOmsPolicy& policy);

}  // namespace rg::codes
