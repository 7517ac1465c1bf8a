// Linux key codes (linux/input-event-codes.h) to the ASCII a US-layout keyboard types: a
// keyboard-wedge scanner presses the keys of the US layout whatever layout the desktop uses.
#pragma once

#include <cstdint>
#include <optional>

namespace rg::drivers::hid {

namespace keys {
inline constexpr std::uint16_t kEnter = 28;
inline constexpr std::uint16_t kKeypadEnter = 96;
inline constexpr std::uint16_t kLeftShift = 42;
inline constexpr std::uint16_t kRightShift = 54;
inline constexpr std::uint16_t kCapsLock = 58;
}  // namespace keys

// The character `code` types with Shift held or not; nullopt for keys that type none (Enter,
// modifiers, function keys).
std::optional<char> us_ascii(std::uint16_t code, bool shift);

}  // namespace rg::drivers::hid
