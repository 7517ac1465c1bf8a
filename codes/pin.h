// Administrators' PINs (the kiosk's exit, later the desk's sign-in), stored only as Argon2id
// hashes (libsodium crypto_pwhash_str): a copied database does not give the PINs away.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rg::codes {

// Argon2id of any secret (a PIN, a password), interactive limits; nullopt when libsodium cannot run.
std::optional<std::string> hash_secret(std::string_view secret);
bool verify_secret(std::string_view stored_hash, std::string_view secret) noexcept;

// 4–8 digits; nullopt for anything else.
std::optional<std::string> hash_pin(std::string_view pin);
bool verify_pin(std::string_view stored_hash, std::string_view pin) noexcept;

}  // namespace rg::codes
