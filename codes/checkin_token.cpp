// Check-in tokens: Crockford base32 text around a truncated HMAC-SHA256 from libsodium.
#include "checkin_token.h"

#include <sodium.h>

#include <array>
#include <limits>

namespace rg::codes {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford

// sodium_init() is itself thread-safe; the static makes it once per process.
bool sodium_ready() noexcept {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

int digit_value(char c) noexcept {
  auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::string id_chars(std::int64_t id) {
  std::string out;
  auto v = static_cast<std::uint64_t>(id);
  do {
    out.insert(out.begin(), kAlphabet[v & 31U]);
    v >>= 5;
  } while (v != 0);
  return out;
}

// The canonical id part back to its value: no leading zero, no overflow, positive.
std::optional<std::int64_t> parse_id(std::string_view s) noexcept {
  if (s.empty() || s.size() > kCheckinMaxIdChars || s.front() == '0') return std::nullopt;
  std::uint64_t v = 0;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  for (char c : s) {
    int d = digit_value(c);
    if (d < 0 || v > (kMax >> 5)) return std::nullopt;
    v = (v << 5) | static_cast<std::uint64_t>(d);
    if (v > kMax) return std::nullopt;
  }
  return static_cast<std::int64_t>(v);
}

// The 16 MAC characters for the text before them.
std::array<char, kCheckinMacChars> mac_chars(std::string_view signed_part,
                                            std::span<const unsigned char> secret) noexcept {
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, secret.data(), secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(signed_part.data()),
                                signed_part.size());
  crypto_auth_hmacsha256_final(&st, mac.data());
  sodium_memzero(&st, sizeof st);
  // The first 80 bits, five at a time, most significant first.
  std::array<char, kCheckinMacChars> out{};
  for (std::size_t i = 0; i < kCheckinMacChars; ++i) {
    std::size_t bit = i * 5;
    unsigned pair = (static_cast<unsigned>(mac[bit / 8]) << 8) | mac[bit / 8 + 1];
    out[i] = kAlphabet[(pair >> (11 - bit % 8)) & 31U];
  }
  sodium_memzero(mac.data(), mac.size());
  return out;
}

}  // namespace

std::string make_checkin_token(std::int64_t appointment_id, std::span<const unsigned char> secret) {
  if (appointment_id <= 0 || secret.size() < kMinClinicSecretBytes || !sodium_ready()) return {};
  std::string token(kCheckinTokenPrefix);
  token += id_chars(appointment_id);
  auto mac = mac_chars(token, secret);
  token.append(mac.data(), mac.size());
  return token;
}

bool looks_like_checkin_token(std::string_view payload) noexcept {
  if (!payload.starts_with(kCheckinTokenPrefix)) return false;
  std::size_t body = payload.size() - kCheckinTokenPrefix.size();
  if (body < kCheckinMacChars + 1 || body > kCheckinMacChars + kCheckinMaxIdChars) return false;
  for (char c : payload.substr(kCheckinTokenPrefix.size()))
    if (digit_value(c) < 0) return false;
  return true;
}

std::optional<std::int64_t> verify_checkin_token(std::string_view payload,
                                                 std::span<const unsigned char> secret) noexcept {
  if (secret.size() < kMinClinicSecretBytes || !looks_like_checkin_token(payload) ||
      !sodium_ready())
    return std::nullopt;
  auto signed_part = payload.substr(0, payload.size() - kCheckinMacChars);
  auto id = parse_id(signed_part.substr(kCheckinTokenPrefix.size()));
  if (!id) return std::nullopt;
  auto expected = mac_chars(signed_part, secret);
  auto given = payload.substr(signed_part.size());
  if (sodium_memcmp(expected.data(), given.data(), kCheckinMacChars) != 0) return std::nullopt;
  return id;
}

std::vector<unsigned char> new_clinic_secret() {
  if (!sodium_ready()) return {};
  std::vector<unsigned char> secret(kClinicSecretBytes);
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string secret_to_hex(std::span<const unsigned char> secret) {
  std::string hex(secret.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), secret.data(), secret.size());
  hex.pop_back();
  return hex;
}

std::optional<std::vector<unsigned char>> secret_from_hex(std::string_view hex) {
  if (hex.empty() || hex.size() % 2 != 0) return std::nullopt;
  std::vector<unsigned char> out(hex.size() / 2);
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
      len != out.size() || end != hex.data() + hex.size())
    return std::nullopt;
  return out;
}

}  // namespace rg::codes
