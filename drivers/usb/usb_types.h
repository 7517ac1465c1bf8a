// What enumeration knows about a USB device, copied out of libusb so that it can cross threads
// and outlive the libusb_device it came from. No libusb types here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rg::drivers::usb {

enum class EndpointType : std::uint8_t { Control = 0, Isochronous = 1, Bulk = 2, Interrupt = 3 };

struct EndpointInfo {
  std::uint8_t address = 0;  // with 0x80 for IN
  EndpointType type = EndpointType::Bulk;
  std::uint16_t max_packet = 0;
  bool is_in() const { return (address & 0x80) != 0; }
  bool operator==(const EndpointInfo&) const = default;
};

struct InterfaceInfo {
  std::uint8_t number = 0;
  std::uint8_t alt_setting = 0;
  std::uint8_t cls = 0, subclass = 0, protocol = 0;
  std::vector<EndpointInfo> endpoints;
  // The first endpoint of that type and direction.
  std::optional<EndpointInfo> find(EndpointType type, bool in) const;
  bool operator==(const InterfaceInfo&) const = default;
};

struct DeviceInfo {
  int bus = 0;
  int address = 0;
  std::string port_path;  // "1-3.2": stable across re-plugging into the same socket
  std::uint16_t vendor_id = 0, product_id = 0;
  std::uint8_t device_class = 0;
  std::vector<InterfaceInfo> interfaces;  // of the active configuration, every alt setting

  // "usb:1-3.2" — the id the device manager shows and keys on.
  std::string key() const;
  // "04b8:0202"
  std::string vid_pid() const;
  bool operator==(const DeviceInfo&) const = default;
};

}  // namespace rg::drivers::usb
