// Writes usbmon captures (classic libpcap, linktype 220 = LINKTYPE_USB_LINUX_MMAPPED) that
// `umockdev-run -p <sysfs path>=file.pcap` replays to the real libusb, from a readable script of
// URBs. Shared by the USB, fiscal and HID test suites.
//
// The 64-byte packet header is Linux Documentation/usb/usbmon.rst ("struct usbmon_packet":
// id, type 'S'/'C', xfer_type, epnum, devnum, busnum, flag_setup, flag_data, ts, status,
// length, len_cap, setup[8], interval, start_frame, xfer_flags, ndesc), little-endian.
// umockdev (src/umockdev-pcap.vala) matches a submitted URB to an 'S' packet by transfer type,
// endpoint and urb length, compares OUT payloads byte for byte, and completes it with the next
// 'C' packet of the same id: replay is strictly in order.
//
// Script format (one URB per line, '#' comments, hex bytes with or without spaces):
//   device 1 5                                 bus and device number the packets belong to
//   control_in  a1 00 0000 0000 0400 -> 00 10 4d 46 47 3a …   setup (bmRequestType bRequest
//                                              wValue wIndex wLength, 16-bit fields as 4 hex
//                                              digits) → the data the device returns
//   control_out 21 09 0200 0000 0001 : 01      setup : payload (payload may be empty)
//   bulk_out 01 : 10 04 01                     endpoint : exact bytes the host must send
//   bulk_in 82 64 -> 12                        endpoint, buffer length the host asks for → reply
//   interrupt_in 81 8 -> 02 05 …               likewise for interrupt endpoints
//   bulk_in 82 64 -> timeout                   submitted, never completed (the device is silent)
//   bulk_in 82 64 -> status -19                completed with an errno (-19 ENODEV: unplugged,
//                                              -32 EPIPE: stall); also after control_*/ *_out
// A bare "-> timeout" works for every kind; "stall"/"gone" are short for status -32/-19.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rg::test {

enum class UrbKind : std::uint8_t { Interrupt = 1, Control = 2, Bulk = 3 };  // usbmon xfer_type

struct Urb {
  UrbKind kind = UrbKind::Bulk;
  std::uint8_t endpoint = 0;           // with 0x80 for IN
  std::optional<std::array<std::uint8_t, 8>> setup;  // control only
  std::vector<std::uint8_t> out;       // OUT payload (what the host sends)
  std::uint32_t in_length = 0;         // IN: the buffer length the host submits
  std::vector<std::uint8_t> in;        // IN: what the device answers
  bool completes = true;               // false: no 'C' packet (the host times out)
  std::int32_t status = 0;             // of the 'C' packet: 0, -19 ENODEV, -32 EPIPE, …
};

class UsbmonScript {
 public:
  UsbmonScript(int bus, int device) : bus_(bus), device_(device) {}

  UsbmonScript& control_in(std::uint8_t request_type, std::uint8_t request, std::uint16_t value,
                           std::uint16_t index, std::uint16_t length, std::vector<std::uint8_t> reply);
  UsbmonScript& control_out(std::uint8_t request_type, std::uint8_t request, std::uint16_t value,
                            std::uint16_t index, std::vector<std::uint8_t> payload);
  UsbmonScript& bulk_out(std::uint8_t endpoint, std::vector<std::uint8_t> bytes);
  UsbmonScript& bulk_in(std::uint8_t endpoint, std::uint32_t length, std::vector<std::uint8_t> reply);
  UsbmonScript& interrupt_in(std::uint8_t endpoint, std::uint32_t length, std::vector<std::uint8_t> reply);
  // Changes the last URB: never completed / completed with an error.
  UsbmonScript& timeout();
  UsbmonScript& status(std::int32_t negative_errno);
  UsbmonScript& add(Urb urb);

  const std::vector<Urb>& urbs() const { return urbs_; }
  Urb& last() { return urbs_.back(); }  // precondition: at least one URB
  int bus() const { return bus_; }
  int device() const { return device_; }

  // The capture: global header, then 'S' and 'C' packets, 1 ms apart.
  std::vector<std::uint8_t> pcap() const;
  // Writes pcap() to `file`; false when the file cannot be written.
  bool write(const std::filesystem::path& file) const;

 private:
  int bus_, device_;
  std::vector<Urb> urbs_;
};

// Parses the script format above; the error says which line is wrong.
struct ScriptError {
  int line = 0;
  std::string message;
};
std::optional<UsbmonScript> parse_usbmon_script(std::string_view text, ScriptError* error = nullptr);

// "10 04 01" / "100401" → bytes; nullopt on a stray character or an odd digit count.
std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text);

}  // namespace rg::test
