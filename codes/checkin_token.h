// The check-in token printed as a QR on an appointment slip or sent in a message: an appointment
// id plus a truncated HMAC with the clinic's secret, so a forged or altered code checks no one in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rg::codes {

// Format, version 1 (every character is in the QR alphanumeric set and survives a keyboard-wedge
// scanner in either keyboard layout):
//
//   "RG1" <id> <mac>
//   id  = the appointment id (1 … 2^63-1) in Crockford base32 (0-9 A-Z without I L O U), most
//         significant digit first, no leading zeros: 1–13 characters;
//   mac = the first 80 bits of HMAC-SHA256(secret, "RG1" <id>) in the same base32: 16 characters
//         (80 bits is RFC 2104's floor for a truncated HMAC).
//
// Example: appointment 1234 → "RG116J" followed by 16 MAC characters, 22 characters in all
// (QR version 1 holds 25 alphanumeric characters at error level L).
inline constexpr std::string_view kCheckinTokenPrefix = "RG1";
inline constexpr std::size_t kCheckinMacChars = 16;
inline constexpr std::size_t kCheckinMaxIdChars = 13;
// Shorter secrets are refused: make_checkin_token gives "", verify_checkin_token nullopt.
inline constexpr std::size_t kMinClinicSecretBytes = 16;
inline constexpr std::size_t kClinicSecretBytes = 32;

// "" when the id is not positive or the secret is shorter than kMinClinicSecretBytes.
std::string make_checkin_token(std::int64_t appointment_id, std::span<const unsigned char> secret);

// The appointment id when the payload is exactly a token made with this secret; nullopt for
// anything malformed, altered, truncated, extended or made by another clinic. The MAC is compared
// in constant time. Never throws. The payload must be canonical (as made); a scanner's garbling
// (keyboard layout, Caps Lock, a trailing CR) is undone by classify_scan, not here.
std::optional<std::int64_t> verify_checkin_token(std::string_view payload,
                                                 std::span<const unsigned char> secret) noexcept;

// Whether the text has the shape of a token (prefix, alphabet, length); says nothing about the MAC.
bool looks_like_checkin_token(std::string_view payload) noexcept;

// A fresh random clinic secret (kClinicSecretBytes from libsodium's CSPRNG).
std::vector<unsigned char> new_clinic_secret();

// The secret as lower-case hex for the settings table, and back. from_hex refuses odd lengths,
// non-hex characters and empty input.
std::string secret_to_hex(std::span<const unsigned char> secret);
std::optional<std::vector<unsigned char>> secret_from_hex(std::string_view hex);

}  // namespace rg::codes
