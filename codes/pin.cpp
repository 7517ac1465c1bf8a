// Interactive limits: about a tenth of a second and 64 MiB per check, fine for a PIN pad and
// slow enough that trying all 10 000 four-digit PINs against a stolen hash takes a while.
#include "pin.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace rg::codes {
namespace {

bool sodium_ready() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

bool pin_shaped(std::string_view pin) {
  return pin.size() >= 4 && pin.size() <= 8 &&
         std::all_of(pin.begin(), pin.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

std::optional<std::string> hash_secret(std::string_view secret) {
  if (!sodium_ready()) return std::nullopt;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, secret.data(), secret.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return std::nullopt;
  return std::string(out);
}

bool verify_secret(std::string_view stored_hash, std::string_view secret) noexcept {
  if (!sodium_ready() || stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string h(stored_hash);  // NUL-terminated copy for libsodium
  return crypto_pwhash_str_verify(h.c_str(), secret.data(), secret.size()) == 0;
}

std::optional<std::string> hash_pin(std::string_view pin) {
  if (!pin_shaped(pin)) return std::nullopt;
  return hash_secret(pin);
}

bool verify_pin(std::string_view stored_hash, std::string_view pin) noexcept {
  return pin_shaped(pin) && verify_secret(stored_hash, pin);
}

}  // namespace rg::codes
