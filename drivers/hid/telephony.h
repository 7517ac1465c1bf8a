// USB phone handsets (HID Telephony page 0x0B, LED page 0x08): where hook, flash, mute and the
// keypad sit in the input reports and the LEDs in the output reports — found in the report
// descriptor — input reports turned into events by edge detection, LED states into the
// SET_REPORT payloads the device expects.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hid/report_descriptor.h"

namespace rg::drivers::hid {

namespace telephony {
inline constexpr std::uint16_t kPage = 0x0B;
inline constexpr std::uint32_t kPhone = usage(kPage, 0x01);
inline constexpr std::uint32_t kHookSwitch = usage(kPage, 0x20);
inline constexpr std::uint32_t kFlash = usage(kPage, 0x21);
inline constexpr std::uint32_t kPhoneMute = usage(kPage, 0x2F);
inline constexpr std::uint32_t kKey0 = usage(kPage, 0xB0);  // 0xB0–0xB9 digits, 0xBA '*', 0xBB '#'
inline constexpr std::uint32_t kKeyPound = usage(kPage, 0xBB);
}  // namespace telephony

namespace led {
inline constexpr std::uint16_t kPage = 0x08;
inline constexpr std::uint32_t kMute = usage(kPage, 0x09);
inline constexpr std::uint32_t kOffHook = usage(kPage, 0x17);
inline constexpr std::uint32_t kRing = usage(kPage, 0x18);
inline constexpr std::uint32_t kHold = usage(kPage, 0x20);
}  // namespace led

enum class HandsetEventKind {
  OffHook,       // the handset was lifted
  OnHook,        // put back
  Flash,         // the flash (recall) button
  MuteToggled,   // the mute button was pressed
  Digit,         // a keypad key: '0'–'9', '*', '#'
  IncomingCall,  // only the simulated handset raises this (a real one does not know of calls)
};

struct HandsetEvent {
  HandsetEvent() = default;
  HandsetEvent(HandsetEventKind k, char d = 0, std::string n = {}) : kind(k), digit(d), number(std::move(n)) {}
  HandsetEventKind kind = HandsetEventKind::OffHook;
  char digit = 0;      // Digit
  std::string number;  // IncomingCall: the caller
  bool operator==(const HandsetEvent&) const = default;
};

struct HandsetLeds {
  bool off_hook = false;
  bool ring = false;
  bool mute = false;
  bool hold = false;
  bool operator==(const HandsetLeds&) const = default;
};

struct HandsetLayout {
  ReportDescriptor descriptor;
  std::optional<ValueRef> hook, flash, mute;
  std::vector<std::size_t> keypad_fields;  // fields carrying any of 0xB0–0xBB
  std::optional<ValueRef> led_off_hook, led_ring, led_mute, led_hold;
  bool has_leds() const { return led_off_hook || led_ring || led_mute || led_hold; }
};

// Fails (ErrorCode::Invalid, a message for people) without a hook switch input.
Result<HandsetLayout> find_handset_layout(ReportDescriptor descriptor);

// Input reports → events. The first report is compared with a handset at rest (on hook, no
// button held), so lifting it before the program starts is still seen.
class HandsetDecoder {
 public:
  explicit HandsetDecoder(HandsetLayout layout) : layout_(std::move(layout)) {}
  // One report as it came from the interrupt IN endpoint; reports of other ids and short ones
  // change nothing.
  std::vector<HandsetEvent> feed(std::span<const std::uint8_t> report);
  bool off_hook() const { return hook_; }
  const HandsetLayout& layout() const { return layout_; }

 private:
  HandsetLayout layout_;
  bool hook_ = false, flash_ = false, mute_ = false;
  std::array<bool, 12> keys_{};
};

struct OutputReport {
  std::uint8_t id = 0;
  std::vector<std::uint8_t> bytes;  // the SET_REPORT payload: id byte first when ids are used
};
// The output reports that carry the LEDs, with every LED set as asked and the rest zero.
std::vector<OutputReport> led_reports(const HandsetLayout& layout, const HandsetLeds& leds);

// '0'…'9', '*', '#' for keypad usages 0xB0–0xBB.
std::optional<char> keypad_char(std::uint32_t usage);

}  // namespace rg::drivers::hid
