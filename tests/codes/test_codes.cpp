// Scanned payloads: the check-in token, card numbers, the ЕНП and the old OMS policy barcode,
// with known samples, hand-built bytes, and fuzzing (fixed seeds, so every run is the same).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "checkin_token.h"
#include "oms_policy.h"
#include "scan.h"

using namespace rg;
using namespace rg::codes;

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

std::vector<unsigned char> fixed_secret(unsigned char first = 1) {
  std::vector<unsigned char> s(32);
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<unsigned char>(first + i);
  return s;
}

std::span<const unsigned char> bytes_of(std::string_view s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

std::string as_string(const std::vector<unsigned char>& b) { return {b.begin(), b.end()}; }

std::string hex(std::string_view s) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    out += d[b >> 4];
    out += d[b & 15];
  }
  return out;
}

// Luhn the textbook way, to check enp_control_digit against an independent implementation.
bool luhn_ok(std::string_view s) {
  int sum = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    int d = s[s.size() - 1 - k] - '0';
    if (k % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

// What a keyboard-wedge scanner types for an upper-case Latin token under the Russian layout
// (Shift held for capitals): the letters on the same keys, in UTF-8.
std::string garble_russian(std::string_view latin, bool caps_lock = false) {
  static const char* upper[26] = {"Ф", "И", "С", "В", "У", "А", "П", "Р", "Ш", "О", "Л", "Д", "Ь",
                                  "Т", "Щ", "З", "Й", "К", "Ы", "Е", "Г", "М", "Ц", "Ч", "Н", "Я"};
  static const char* lower[26] = {"ф", "и", "с", "в", "у", "а", "п", "р", "ш", "о", "л", "д", "ь",
                                  "т", "щ", "з", "й", "к", "ы", "е", "г", "м", "ц", "ч", "н", "я"};
  std::string out;
  for (char c : latin) {
    if (c >= 'A' && c <= 'Z')
      out += (caps_lock ? lower : upper)[c - 'A'];
    else
      out += c;
  }
  return out;
}

template <typename T>
bool holds(const ScanResult& r) {
  return std::holds_alternative<T>(r);
}

OldOmsPolicy sample_policy() {
  OldOmsPolicy p;
  p.enp = "7701012345678900";
  p.surname = "СЕМЁНОВА-ЩЕРБАКОВА";
  p.name = "АННА-МАРИЯ";
  p.patronymic = "ПЁТРОВНА";
  p.sex = 'F';
  p.birth = Date(1985, 3, 12);
  p.expiry = Date(2030, 12, 31);
  return p;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Check-in token

TEST_CASE("a check-in token round-trips for small and large ids") {
  auto secret = new_clinic_secret();
  REQUIRE(secret.size() == kClinicSecretBytes);
  for (std::int64_t id : {std::int64_t{1}, std::int64_t{2}, std::int64_t{1234},
                          std::int64_t{1} << 40, INT64_MAX}) {
    auto token = make_checkin_token(id, secret);
    CAPTURE(token);
    CHECK(verify_checkin_token(token, secret) == id);
  }
  CHECK(make_checkin_token(1, secret) != make_checkin_token(2, secret));
}

TEST_CASE("the token format is fixed: RG1, Crockford base32 id, 16 MAC characters") {
  // Pinned vectors, computed independently with Python's hmac/hashlib over "RG1" + id.
  auto secret = fixed_secret();
  CHECK(make_checkin_token(1, secret) == "RG11W53JPW554489KDMY");
  CHECK(make_checkin_token(1234, secret) == "RG116J4D0D50WJE5X0RR49");
  CHECK(make_checkin_token(std::int64_t{1} << 40, secret) == "RG1100000000E2HQV1XPHP0HV14X");
  CHECK(make_checkin_token(INT64_MAX, secret) == "RG17ZZZZZZZZZZZZE9QSK4WV0S22G15D");

  for (std::int64_t id : {std::int64_t{1}, std::int64_t{31}, std::int64_t{32}, std::int64_t{99999}}) {
    auto token = make_checkin_token(id, fixed_secret(7));
    CAPTURE(token);
    CHECK(token.starts_with("RG1"));
    CHECK(token.size() <= 32);
    CHECK(looks_like_checkin_token(token));
    CHECK(token.find_first_not_of(kAlphabet) == std::string::npos);  // upper case, QR alphanumeric
  }
  CHECK(make_checkin_token(1, secret).size() == 3 + 1 + kCheckinMacChars);
  CHECK(make_checkin_token(std::int64_t{1} << 40, secret).size() == 3 + 9 + kCheckinMacChars);
  // Refused: ids that are not positive, secrets too short to mean anything.
  CHECK(make_checkin_token(0, secret).empty());
  CHECK(make_checkin_token(-5, secret).empty());
  CHECK(make_checkin_token(1, std::span(secret).first(kMinClinicSecretBytes - 1)).empty());
  CHECK_FALSE(verify_checkin_token("RG11W53JPW554489KDMY",
                                   std::span(secret).first(kMinClinicSecretBytes - 1)));
  static_assert(noexcept(verify_checkin_token("", secret)));
}

TEST_CASE("a token with any single character changed is rejected") {
  auto secret = fixed_secret();
  for (std::int64_t id : {std::int64_t{1}, std::int64_t{1234}, std::int64_t{1} << 40}) {
    auto token = make_checkin_token(id, secret);
    std::string others = std::string(kAlphabet) + "ILOUabz-. \r\n\x01\xFF" + std::string(1, '\0');
    for (std::size_t i = 0; i < token.size(); ++i) {
      for (char c : others) {
        if (c == token[i]) continue;
        auto changed = token;
        changed[i] = c;
        CAPTURE(changed);
        CHECK_FALSE(verify_checkin_token(changed, secret));
      }
    }
  }
}

TEST_CASE("a truncated, extended or foreign token is rejected") {
  auto secret = fixed_secret();
  auto token = make_checkin_token(1234, secret);
  for (std::size_t n = 0; n < token.size(); ++n) CHECK_FALSE(verify_checkin_token(token.substr(0, n), secret));
  for (std::size_t n = 1; n < token.size(); ++n) CHECK_FALSE(verify_checkin_token(token.substr(n), secret));
  for (char c : kAlphabet) {
    CHECK_FALSE(verify_checkin_token(token + c, secret));
    CHECK_FALSE(verify_checkin_token(std::string(1, c) + token, secret));
    for (std::size_t at = 1; at < token.size(); ++at) {
      auto longer = token;
      longer.insert(at, 1, c);
      CAPTURE(longer);
      CHECK_FALSE(verify_checkin_token(longer, secret));
    }
  }
  // A leading zero in the id would decode to the same number: not canonical, refused.
  CHECK_FALSE(verify_checkin_token("RG1016J" + token.substr(6), secret));
  CHECK_FALSE(verify_checkin_token(token + "\r\n", secret));
  // Ids past 2^63-1 do not wrap around.
  CHECK_FALSE(verify_checkin_token("RG18000000000000" + token.substr(6), secret));
  CHECK_FALSE(verify_checkin_token("RG1ZZZZZZZZZZZZZ" + token.substr(6), secret));
  CHECK_FALSE(verify_checkin_token(" " + token, secret));
  // Another clinic's secret, one bit apart and entirely different.
  auto other = secret;
  other[31] ^= 1;
  CHECK_FALSE(verify_checkin_token(token, other));
  CHECK_FALSE(verify_checkin_token(token, new_clinic_secret()));
  CHECK(verify_checkin_token(make_checkin_token(1234, other), other) == 1234);
  // The same id under two secrets gives two tokens.
  CHECK(make_checkin_token(1234, other) != token);
}

TEST_CASE("the clinic secret is random and survives hex") {
  auto a = new_clinic_secret(), b = new_clinic_secret();
  CHECK(a != b);
  auto hexed = secret_to_hex(a);
  CHECK(hexed.size() == 64);
  CHECK(secret_from_hex(hexed) == a);
  CHECK(secret_to_hex(fixed_secret()).starts_with("0102030405"));
  CHECK(secret_from_hex("0aFF") == std::vector<unsigned char>{0x0A, 0xFF});
  CHECK_FALSE(secret_from_hex(""));
  CHECK_FALSE(secret_from_hex("abc"));
  CHECK_FALSE(secret_from_hex("zz"));
  CHECK_FALSE(secret_from_hex("00 1"));
  CHECK_FALSE(secret_from_hex("0g"));
}

// ---------------------------------------------------------------------------------------------
// ЕНП

TEST_CASE("a ЕНП is 16 digits with a Luhn control digit") {
  // Control digits computed with PromedWeb's procedure (checkEdNumFedSignature) in Python.
  for (const char* enp : {"7700000000000008", "5000000000000017", "0123456789012347",
                          "9999999999999995", "7701012345678900", "5023456789012347"}) {
    CAPTURE(enp);
    CHECK(enp_valid(enp));
    std::string s = enp;
    // Every digit off by one (either way) is caught.
    for (std::size_t i = 0; i < 16; ++i) {
      for (int delta : {1, 9}) {
        auto t = s;
        t[i] = static_cast<char>('0' + (t[i] - '0' + delta) % 10);
        CAPTURE(t);
        CHECK_FALSE(enp_valid(t));
      }
    }
  }
  CHECK(enp_control_digit("770000000000000") == 8);
  CHECK(enp_control_digit("77000000000000") == -1);
  CHECK(enp_control_digit("77000000000000x") == -1);
  CHECK_FALSE(enp_valid("770000000000008"));     // 15
  CHECK_FALSE(enp_valid("77000000000000080"));   // 17
  CHECK_FALSE(enp_valid("7700 00000000 0008"));
  CHECK_FALSE(enp_valid("770000000000000A"));
  CHECK_FALSE(enp_valid(""));

  // Against an independent textbook Luhn on random numbers.
  std::mt19937 rng(20250312);
  std::uniform_int_distribution<int> digit(0, 9);
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    for (int i = 0; i < 15; ++i) s += static_cast<char>('0' + digit(rng));
    int c = enp_control_digit(s);
    REQUIRE(c >= 0);
    for (int d = 0; d < 10; ++d) CHECK(enp_valid(s + static_cast<char>('0' + d)) == luhn_ok(s + static_cast<char>('0' + d)));
    CHECK(luhn_ok(s + static_cast<char>('0' + c)));
  }
}

// ---------------------------------------------------------------------------------------------
// Old OMS policy barcode

TEST_CASE("old OMS policy bytes built by hand from the documented layout parse") {
  std::vector<unsigned char> b(130, 0);
  b[0] = 0x01;
  // ЕНП 7701012345678900 = 0x001B5C07A9466C34, big-endian.
  const unsigned char enp[8] = {0x00, 0x1B, 0x5C, 0x07, 0xA9, 0x46, 0x6C, 0x34};
  std::copy(enp, enp + 8, b.begin() + 1);
  // «ЁЖ|Я|»: codes Ё=20 Ж=21 |=63 Я=46 |=63, then spaces (0):
  // 010100 010101 111111 101110 111111 000000 → 01010001 01011111 11101110 11111100 00000000
  b[9] = 0x51;
  b[10] = 0x5F;
  b[11] = 0xEE;
  b[12] = 0xFC;
  b[60] = 0x01;  // male
  b[61] = 0x79;  // 1985-03-12 = 31116 days after 1900-01-01 = 0x798C
  b[62] = 0x8C;
  b[63] = 0xBA;  // 2030-12-31 = 47846 days = 0xBAE6
  b[64] = 0xE6;
  for (std::size_t i = 65; i < 130; ++i) b[i] = static_cast<unsigned char>(i * 7);  // "signature"

  auto p = parse_old_oms_policy(b);
  REQUIRE(p);
  CHECK(p->enp == "7701012345678900");
  CHECK(p->surname == "ЁЖ");
  CHECK(p->name == "Я");
  CHECK(p->patronymic == "");
  CHECK(p->sex == 'M');
  CHECK(p->birth == Date(1985, 3, 12));
  CHECK(p->expiry == Date(2030, 12, 31));

  // Our encoder writes the same bytes (apart from the signature, which it leaves zero).
  auto encoded = encode_old_oms_policy(*p);
  REQUIRE(encoded.size() == 130);
  CHECK(std::equal(encoded.begin(), encoded.begin() + 65, b.begin()));

  SUBCASE("no expiry") {
    b[63] = b[64] = 0;
    auto q = parse_old_oms_policy(b);
    REQUIRE(q);
    CHECK_FALSE(q->expiry);
  }
  SUBCASE("a ЕНП with a leading zero keeps its 16 digits") {
    std::fill(b.begin() + 1, b.begin() + 9, 0);
    b[8] = 42;
    auto q = parse_old_oms_policy(b);
    REQUIRE(q);
    CHECK(q->enp == "0000000000000042");
  }
  SUBCASE("whatever does not fit the layout is refused") {
    auto bad = b;
    SUBCASE("129 and 131 bytes") {
      CHECK_FALSE(parse_old_oms_policy(std::span(bad).first(129)));
      bad.push_back(0);
      CHECK_FALSE(parse_old_oms_policy(bad));
    }
    SUBCASE("ЕНП of 17 digits") {
      std::fill(bad.begin() + 1, bad.begin() + 9, 0xFF);
      CHECK_FALSE(parse_old_oms_policy(bad));
    }
    SUBCASE("ЕНП of zero") {
      std::fill(bad.begin() + 1, bad.begin() + 9, 0);
      CHECK_FALSE(parse_old_oms_policy(bad));
    }
    SUBCASE("sex 0 and 3") {
      bad[60] = 0;
      CHECK_FALSE(parse_old_oms_policy(bad));
      bad[60] = 3;
      CHECK_FALSE(parse_old_oms_policy(bad));
    }
    SUBCASE("no birth date") {
      bad[61] = bad[62] = 0;
      CHECK_FALSE(parse_old_oms_policy(bad));
    }
    SUBCASE("expiry before birth") {
      bad[63] = 0x00;
      bad[64] = 0x10;
      CHECK_FALSE(parse_old_oms_policy(bad));
    }
    SUBCASE("an unused six-bit code (47) in the name") {
      bad[12] = 0xFC | 0x02;  // 111111 10 | 1111 … : a code 47 (101111) starts at bit 30
      bad[13] = 0xF0;
      CHECK_FALSE(parse_old_oms_policy(bad));
    }
    SUBCASE("no name: «ЁЖ» alone") {
      bad[10] = 0x50;  // Ё Ж then spaces only, no separator
      bad[11] = bad[12] = 0;
      CHECK_FALSE(parse_old_oms_policy(bad));
    }
    SUBCASE("a fourth name part") {
      // «ЁЖ|Я||А»: after the second separator another one (63) and А (14).
      bad[12] = 0xFF;  // 111111 | 11 …
      bad[13] = 0xF3;  // … 1111 | 0011 10 → separator, then А = 001110
      bad[14] = 0x80;
      CHECK_FALSE(parse_old_oms_policy(bad));
    }
  }
}

TEST_CASE("old OMS policy encode → parse round trip with Ё, hyphens and every letter") {
  auto p = sample_policy();
  auto bytes = encode_old_oms_policy(p);
  REQUIRE(bytes.size() == kOldOmsBarcodeBytes);
  auto q = parse_old_oms_policy(bytes);
  REQUIRE(q);
  CHECK(q->enp == p.enp);
  CHECK(q->surname == "СЕМЁНОВА-ЩЕРБАКОВА");
  CHECK(q->name == "АННА-МАРИЯ");
  CHECK(q->patronymic == "ПЁТРОВНА");
  CHECK(q->sex == 'F');
  CHECK(q->birth == p.birth);
  CHECK(q->expiry == p.expiry);

  OldOmsPolicy all = p;
  all.surname = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ";
  all.name = "Д'АРК Ж.";
  all.patronymic = "о’коннор";  // lower case and a typographic apostrophe
  all.sex = 'M';
  all.expiry.reset();
  auto r = parse_old_oms_policy(encode_old_oms_policy(all));
  REQUIRE(r);
  CHECK(r->surname == "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ");
  CHECK(r->name == "Д‘АРК Ж.");
  CHECK(r->patronymic == "О‘КОННОР");
  CHECK(r->sex == 'M');
  CHECK_FALSE(r->expiry);

  SUBCASE("what cannot be encoded gives no bytes") {
    auto bad = p;
    SUBCASE("Latin letters") { bad.surname = "Smith"; }
    SUBCASE("more than 68 codes") { bad.surname = std::string(60, '-'); bad.name = "АННА-МАРИЯ"; }
    SUBCASE("ЕНП of 15 digits") { bad.enp = "770101234567890"; }
    SUBCASE("sex") { bad.sex = 'X'; }
    SUBCASE("birth on the epoch") { bad.birth = Date(1900, 1, 1); }
    SUBCASE("expiry beyond two bytes of days") { bad.expiry = Date(2079, 6, 7); }
    SUBCASE("no name") { bad.name = ""; }
    CHECK(encode_old_oms_policy(bad).empty());
  }
  CHECK_FALSE(encode_old_oms_policy([&] { auto x = p; x.expiry = Date(2079, 6, 6); return x; }()).empty());
}

// ---------------------------------------------------------------------------------------------
// classify_scan

TEST_CASE("scans sort into card, ЕНП, policy and token by unambiguous rules") {
  auto secret = fixed_secret();
  auto token = make_checkin_token(1234, secret);

  auto card = classify_scan("000123\r\n");
  REQUIRE(holds<CardNumberScan>(card));
  CHECK(std::get<CardNumberScan>(card).digits == "000123");
  CHECK(holds<CardNumberScan>(classify_scan("7")));
  CHECK(holds<CardNumberScan>(classify_scan("123456789012")));       // 12: still a card
  CHECK(holds<UnknownScan>(classify_scan("1234567890123")));         // 13: neither
  CHECK(holds<UnknownScan>(classify_scan("123456789012345")));       // 15
  CHECK(holds<UnknownScan>(classify_scan("77000000000000080")));     // 17
  CHECK(holds<UnknownScan>(classify_scan("12 34")));

  auto enp = classify_scan(" 7701012345678900\n");
  REQUIRE(holds<EnpScan>(enp));
  CHECK(std::get<EnpScan>(enp).digits == "7701012345678900");
  CHECK(holds<UnknownScan>(classify_scan("7701012345678901")));      // wrong control digit

  auto t = classify_scan(token + "\r\n");
  REQUIRE(holds<CheckinTokenScan>(t));
  CHECK(std::get<CheckinTokenScan>(t).raw == token);
  CHECK(holds<UnknownScan>(classify_scan(token.substr(0, token.size() - 17))));
  CHECK(holds<UnknownScan>(classify_scan("RGX" + token.substr(3))));
  CHECK(holds<UnknownScan>(classify_scan(token + "0000000000000")));  // 33+ characters

  auto policy = encode_old_oms_policy(sample_policy());
  for (std::string suffix : {"", "\r\n", "\n", "\r"}) {
    auto r = classify_scan(as_string(policy) + suffix);
    REQUIRE(holds<OldOmsScan>(r));
    CHECK(std::get<OldOmsScan>(r).policy.surname == "СЕМЁНОВА-ЩЕРБАКОВА");
  }
  CHECK(holds<UnknownScan>(classify_scan(as_string(policy) + "\t")));
  CHECK(holds<UnknownScan>(classify_scan(as_string(policy).substr(0, 129))));

  CHECK(holds<UnknownScan>(classify_scan("")));
  CHECK(holds<UnknownScan>(classify_scan(" \r\n")));
  CHECK(holds<UnknownScan>(classify_scan("+7 916 123-45-67")));
  CHECK(holds<UnknownScan>(classify_scan("Иванова")));
  CHECK_FALSE(std::get<UnknownScan>(classify_scan("hello")).reason.empty());
}

TEST_CASE("a token typed by a keyboard-wedge scanner under the Russian layout is recognised") {
  auto secret = fixed_secret();
  auto token = make_checkin_token(1234, secret);
  auto garbled = garble_russian(token);
  CHECK(garbled.starts_with("КП1"));
  for (const auto& scanned : {garbled, garble_russian(token, true) + "\n",
                              std::string("rg116j4d0d50wje5x0rr49")}) {
    CAPTURE(scanned);
    auto r = classify_scan(scanned);
    REQUIRE(holds<CheckinTokenScan>(r));
    CHECK(std::get<CheckinTokenScan>(r).raw == token);
    CHECK(verify_checkin_token(std::get<CheckinTokenScan>(r).raw, secret) == 1234);
  }
  // The verifier itself takes only the canonical text.
  CHECK_FALSE(verify_checkin_token(garbled, secret));
  // A garbled token with one character changed is still refused after the repair.
  auto changed = garble_russian(token.substr(0, 10) + (token[10] == 'X' ? 'Y' : 'X') + token.substr(11));
  auto r = classify_scan(changed);
  REQUIRE(holds<CheckinTokenScan>(r));
  CHECK_FALSE(verify_checkin_token(std::get<CheckinTokenScan>(r).raw, secret));
}

// ---------------------------------------------------------------------------------------------
// Fuzzing

namespace {

// What every scan result must satisfy, whatever went in.
bool result_is_sane(const ScanResult& r) {
  if (auto* c = std::get_if<CardNumberScan>(&r))
    return !c->digits.empty() && c->digits.size() <= kMaxCardDigits &&
           c->digits.find_first_not_of("0123456789") == std::string::npos;
  if (auto* e = std::get_if<EnpScan>(&r)) return enp_valid(e->digits);
  if (auto* t = std::get_if<CheckinTokenScan>(&r)) return looks_like_checkin_token(t->raw);
  if (auto* o = std::get_if<OldOmsScan>(&r))
    return o->policy.enp.size() == 16 && !o->policy.surname.empty() && !o->policy.name.empty() &&
           (o->policy.sex == 'M' || o->policy.sex == 'F') && o->policy.birth.valid();
  return true;
}

std::string mutate(std::string s, std::mt19937& rng) {
  std::uniform_int_distribution<int> byte(0, 255), ops(1, 3), kind(0, 6);
  int n = ops(rng);
  for (int k = 0; k < n; ++k) {
    auto pos = [&](std::size_t extra) {
      return std::uniform_int_distribution<std::size_t>(0, s.size() + extra - 1)(rng);
    };
    switch (kind(rng)) {
      case 0:  // replace a byte
        if (!s.empty()) s[pos(0)] = static_cast<char>(byte(rng));
        break;
      case 1:  // replace with a character of the token alphabet
        if (!s.empty()) s[pos(0)] = kAlphabet[static_cast<std::size_t>(byte(rng)) % kAlphabet.size()];
        break;
      case 2:  // insert
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(pos(1)), static_cast<char>(byte(rng)));
        break;
      case 3:  // delete
        if (!s.empty()) s.erase(pos(0), 1);
        break;
      case 4:  // truncate
        if (!s.empty()) s.resize(pos(0));
        break;
      case 5:  // append
        s += kAlphabet[static_cast<std::size_t>(byte(rng)) % kAlphabet.size()];
        break;
      default:  // swap neighbours
        if (s.size() >= 2) {
          auto i = pos(0) % (s.size() - 1);
          std::swap(s[i], s[i + 1]);
        }
        break;
    }
  }
  return s;
}

}  // namespace

TEST_CASE("20 000 random byte strings: no crash, no exception, no match that means anything") {
  auto secret = fixed_secret();
  std::mt19937 rng(4242);
  std::uniform_int_distribution<int> len(0, 300), byte(0, 255);
  int bad = 0, tokens_verified = 0, policies = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s(static_cast<std::size_t>(len(rng)), '\0');
    for (auto& c : s) c = static_cast<char>(byte(rng));
    ScanResult r;
    CHECK_NOTHROW(r = classify_scan(s));
    if (!result_is_sane(r)) {
      ++bad;
      FAIL_CHECK("insane result for " << hex(s));
    }
    if (holds<OldOmsScan>(r) || parse_old_oms_policy(bytes_of(s))) ++policies;
    if (verify_checkin_token(s, secret)) ++tokens_verified;
    if (auto* t = std::get_if<CheckinTokenScan>(&r); t && verify_checkin_token(t->raw, secret))
      ++tokens_verified;
    (void)enp_valid(s);
  }
  CHECK(bad == 0);
  CHECK(tokens_verified == 0);
  CHECK(policies == 0);
}

TEST_CASE("20 000 random token-shaped strings never verify") {
  auto secret = fixed_secret();
  std::mt19937 rng(777);
  std::uniform_int_distribution<std::size_t> len(17, 29), ch(0, kAlphabet.size() - 1);
  int verified = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s = "RG1";
    for (std::size_t k = len(rng); k > 0; --k) s += kAlphabet[ch(rng)];
    if (verify_checkin_token(s, secret)) ++verified;
  }
  CHECK(verified == 0);
}

TEST_CASE("20 000 mutations of valid payloads: no crash, and no altered token verifies") {
  auto secret = fixed_secret();
  const std::int64_t id = 987654;
  const std::string token = make_checkin_token(id, secret);
  const std::string enp = "7701012345678900";
  const std::vector<std::string> seeds = {
      token, garble_russian(token), token + "\r\n", enp, "000123",
      as_string(encode_old_oms_policy(sample_policy()))};
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<std::size_t> pick(0, seeds.size() - 1);
  int bad = 0, verified_altered = 0;
  for (int n = 0; n < 20000; ++n) {
    const auto& seed = seeds[pick(rng)];
    auto m = mutate(seed, rng);
    ScanResult r;
    CHECK_NOTHROW(r = classify_scan(m));
    if (!result_is_sane(r)) {
      ++bad;
      FAIL_CHECK("insane result for " << hex(m));
    }
    (void)parse_old_oms_policy(bytes_of(m));
    (void)enp_valid(m);
    // The verifier takes the exact token only…
    if (auto v = verify_checkin_token(m, secret); v && m != token) {
      ++verified_altered;
      FAIL_CHECK("altered token verified: " << m);
    }
    // …and after classify_scan's repairs a verified token is the very same token (the mutation
    // only touched what a scanner garbles: letter case, the keyboard layout, trailing CR/LF).
    if (auto* t = std::get_if<CheckinTokenScan>(&r)) {
      if (auto v = verify_checkin_token(t->raw, secret); v && (t->raw != token || *v != id)) {
        ++verified_altered;
        FAIL_CHECK("altered token verified after classify_scan: " << hex(m));
      }
    }
  }
  CHECK(bad == 0);
  CHECK(verified_altered == 0);
}

TEST_CASE("a single changed digit of a ЕНП is never taken for a ЕНП") {
  const std::string enp = "7701012345678900";
  for (std::size_t i = 0; i < enp.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == enp[i]) continue;
      auto m = enp;
      m[i] = d;
      CAPTURE(m);
      CHECK_FALSE(holds<EnpScan>(classify_scan(m)));
    }
  }
}
