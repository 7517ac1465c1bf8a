// Report descriptors written byte by byte from HID 1.11 (items, §6.2.2), the HID Usage Tables
// (Telephony 0x0B, LED 0x08) and the HID POS Usage Tables (Barcode Scanner 0x8C), shaped like
// the devices clinics buy. Shared by the suites; every byte is commented.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hid_test {

// A HID POS scanner whose scanned-data report is documented as [length][AIM ×3][data ×56]
// [further symbology][reserved][continued bit] (Access-IS LSR116 manual, "HID reports"), plus a
// one-byte status report with id 3 that has nothing to do with scans.
inline const std::vector<std::uint8_t> kPosScanner = {
    0x05, 0x8C,        // Usage Page (Barcode Scanner)
    0x09, 0x02,        // Usage (Bar Code Scanner)
    0xA1, 0x01,        // Collection (Application)
    0x09, 0x12,        //   Usage (Scanned Data Report)
    0xA1, 0x02,        //   Collection (Logical)
    0x85, 0x02,        //     Report ID (2)
    0x15, 0x00,        //     Logical Minimum (0)
    0x26, 0xFF, 0x00,  //     Logical Maximum (255)
    0x75, 0x08,        //     Report Size (8)
    0x95, 0x01,        //     Report Count (1)
    0x06, 0x00, 0xFF,  //     Usage Page (Vendor 0xFF00)
    0x09, 0x01,        //     Usage (vendor: length of the data field)
    0x81, 0x02,        //     Input (Data, Variable, Absolute)
    0x05, 0x8C,        //     Usage Page (Barcode Scanner)
    0x09, 0xFB,        //     Usage (Symbology Identifier 1)
    0x09, 0xFC,        //     Usage (Symbology Identifier 2)
    0x09, 0xFD,        //     Usage (Symbology Identifier 3)
    0x95, 0x03,        //     Report Count (3)
    0x81, 0x02,        //     Input (Data, Variable, Absolute)
    0x09, 0xFE,        //     Usage (Decoded Data)
    0x95, 0x38,        //     Report Count (56)
    0x82, 0x02, 0x01,  //     Input (Data, Variable, Absolute, Buffered Bytes) — 2-byte item data
    0x95, 0x02,        //     Report Count (2): further symbology identifier, reserved
    0x81, 0x01,        //     Input (Constant)
    0x09, 0xFF,        //     Usage (Decode Data Continued)
    0x25, 0x01,        //     Logical Maximum (1)
    0x75, 0x01,        //     Report Size (1)
    0x95, 0x01,        //     Report Count (1)
    0x81, 0x02,        //     Input (Data, Variable, Absolute)
    0x75, 0x07,        //     Report Size (7)
    0x81, 0x01,        //     Input (Constant): padding to the byte
    0xC0,              //   End Collection
    0x09, 0x15,        //   Usage (Status Report)
    0xA1, 0x02,        //   Collection (Logical)
    0x85, 0x03,        //     Report ID (3)
    0x26, 0xFF, 0x00,  //     Logical Maximum (255)
    0x75, 0x08,        //     Report Size (8)
    0x95, 0x01,        //     Report Count (1)
    0x06, 0x00, 0xFF,  //     Usage Page (Vendor 0xFF00)
    0x09, 0x02,        //     Usage (vendor: status)
    0x81, 0x02,        //     Input (Data, Variable, Absolute)
    0xC0,              //   End Collection
    0xC0,              // End Collection
};

// A USB phone handset's HID interface: hook, flash, mute as bits; the keypad as a one-byte
// array (1 = key 0 … 12 = '#', 0 = no key); LEDs in output report 2; and the volume buttons in
// a Consumer collection (report 3) that the handset driver must ignore.
inline const std::vector<std::uint8_t> kHandset = {
    0x05, 0x0B,        // Usage Page (Telephony)
    0x09, 0x01,        // Usage (Phone)
    0xA1, 0x01,        // Collection (Application)
    0x85, 0x01,        //   Report ID (1)
    0x15, 0x00,        //   Logical Minimum (0)
    0x25, 0x01,        //   Logical Maximum (1)
    0x09, 0x20,        //   Usage (Hook Switch)
    0x09, 0x21,        //   Usage (Flash)
    0x09, 0x2F,        //   Usage (Phone Mute)
    0x75, 0x01,        //   Report Size (1)
    0x95, 0x03,        //   Report Count (3)
    0x81, 0x02,        //   Input (Data, Variable, Absolute): bits 0 hook, 1 flash, 2 mute
    0x75, 0x05,        //   Report Size (5)
    0x95, 0x01,        //   Report Count (1)
    0x81, 0x01,        //   Input (Constant): padding
    0x19, 0xB0,        //   Usage Minimum (Phone Key 0)
    0x29, 0xBB,        //   Usage Maximum (Phone Key Pound)
    0x15, 0x01,        //   Logical Minimum (1)
    0x25, 0x0C,        //   Logical Maximum (12)
    0x75, 0x08,        //   Report Size (8)
    0x95, 0x01,        //   Report Count (1)
    0x81, 0x00,        //   Input (Data, Array, Absolute): the key held, 0 = none
    0x05, 0x08,        //   Usage Page (LED)
    0x85, 0x02,        //   Report ID (2)
    0x15, 0x00,        //   Logical Minimum (0)
    0x25, 0x01,        //   Logical Maximum (1)
    0x09, 0x17,        //   Usage (Off-Hook)
    0x09, 0x18,        //   Usage (Ring)
    0x09, 0x09,        //   Usage (Mute)
    0x09, 0x20,        //   Usage (Hold)
    0x75, 0x01,        //   Report Size (1)
    0x95, 0x04,        //   Report Count (4)
    0x91, 0x02,        //   Output (Data, Variable, Absolute): bits 0 off-hook, 1 ring, 2 mute, 3 hold
    0x75, 0x04,        //   Report Size (4)
    0x95, 0x01,        //   Report Count (1)
    0x91, 0x01,        //   Output (Constant): padding
    0xC0,              // End Collection
    0x05, 0x0C,        // Usage Page (Consumer)
    0x09, 0x01,        // Usage (Consumer Control)
    0xA1, 0x01,        // Collection (Application)
    0x85, 0x03,        //   Report ID (3)
    0x15, 0x00,        //   Logical Minimum (0)
    0x25, 0x01,        //   Logical Maximum (1)
    0x09, 0xE9,        //   Usage (Volume Increment)
    0x09, 0xEA,        //   Usage (Volume Decrement)
    0x75, 0x01,        //   Report Size (1)
    0x95, 0x02,        //   Report Count (2)
    0x81, 0x02,        //   Input (Data, Variable, Absolute)
    0x75, 0x06,        //   Report Size (6)
    0x95, 0x01,        //   Report Count (1)
    0x81, 0x01,        //   Input (Constant)
    0xC0,              // End Collection
};

// The boot keyboard of HID 1.11 Appendix B.1 (what keyboard-wedge scanners present).
inline const std::vector<std::uint8_t> kBootKeyboard = {
    0x05, 0x01,  // Usage Page (Generic Desktop)
    0x09, 0x06,  // Usage (Keyboard)
    0xA1, 0x01,  // Collection (Application)
    0x05, 0x07,  //   Usage Page (Key Codes)
    0x19, 0xE0,  //   Usage Minimum (224, Left Control)
    0x29, 0xE7,  //   Usage Maximum (231, Right GUI)
    0x15, 0x00,  //   Logical Minimum (0)
    0x25, 0x01,  //   Logical Maximum (1)
    0x75, 0x01,  //   Report Size (1)
    0x95, 0x08,  //   Report Count (8)
    0x81, 0x02,  //   Input (Data, Variable, Absolute): modifier byte
    0x95, 0x01,  //   Report Count (1)
    0x75, 0x08,  //   Report Size (8)
    0x81, 0x01,  //   Input (Constant): reserved byte
    0x95, 0x05,  //   Report Count (5)
    0x75, 0x01,  //   Report Size (1)
    0x05, 0x08,  //   Usage Page (LEDs)
    0x19, 0x01,  //   Usage Minimum (1, Num Lock)
    0x29, 0x05,  //   Usage Maximum (5, Kana)
    0x91, 0x02,  //   Output (Data, Variable, Absolute): LED report
    0x95, 0x01,  //   Report Count (1)
    0x75, 0x03,  //   Report Size (3)
    0x91, 0x01,  //   Output (Constant): padding
    0x95, 0x06,  //   Report Count (6)
    0x75, 0x08,  //   Report Size (8)
    0x15, 0x00,  //   Logical Minimum (0)
    0x25, 0x65,  //   Logical Maximum (101)
    0x05, 0x07,  //   Usage Page (Key Codes)
    0x19, 0x00,  //   Usage Minimum (0)
    0x29, 0x65,  //   Usage Maximum (101)
    0x81, 0x00,  //   Input (Data, Array): key arrays (6 bytes)
    0xC0,        // End Collection
};

// Scanned-data report 2 of kPosScanner: `data` (≤ 56 bytes) with an AIM id and the continued bit.
inline std::vector<std::uint8_t> pos_report(const std::string& aim, const std::string& data, bool continued) {
  std::vector<std::uint8_t> r(64, 0);
  r[0] = 0x02;
  r[1] = std::uint8_t(data.size());
  for (std::size_t i = 0; i < 3 && i < aim.size(); ++i) r[2 + i] = std::uint8_t(aim[i]);
  for (std::size_t i = 0; i < data.size() && i < 56; ++i) r[5 + i] = std::uint8_t(data[i]);
  r[63] = continued ? 1 : 0;
  return r;
}

}  // namespace hid_test
