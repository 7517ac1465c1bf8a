// The USB printer class (USB Device Class Definition for Printing Devices 1.1): the bulk OUT
// endpoint for job bytes, the bulk IN endpoint for what the printer answers (ESC/POS real-time
// status), and the class requests GET_DEVICE_ID (bmRequestType 0xA1, bRequest 0, wValue config
// index, wIndex interface<<8 | alt setting) and GET_PORT_STATUS (0xA1, 1, 1 byte).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "error.h"
#include "usb/usb_device.h"

namespace rg::drivers::usb {

// Linux usblp asks for 1024 bytes (USBLP_DEVICE_ID_SIZE); so do we, so replays say 0400.
inline constexpr std::uint16_t kDeviceIdLength = 1024;
// Bytes asked for per bulk IN read of status replies; replays say "bulk_in 82 64".
inline constexpr std::size_t kPrinterInLength = 64;

class PrinterClassTransport {
 public:
  using ms = std::chrono::milliseconds;
  // Claims `iface` (class 7/1/2: bulk OUT + bulk IN; 7/1/1 has no IN, status is then unknown).
  static Result<std::unique_ptr<PrinterClassTransport>> open(std::shared_ptr<UsbDevice> device,
                                                             const InterfaceInfo& iface);

  // The raw reply (length prefix included) for receipt_printer/status.h parse_device_id().
  Result<std::vector<std::uint8_t>> device_id(ms timeout = ms(1000));
  Result<std::uint8_t> port_status(ms timeout = ms(1000));
  // All of `bytes` on bulk OUT, in one transfer.
  Status write(std::span<const std::uint8_t> bytes, ms timeout);
  // One bulk IN transfer of kPrinterInLength bytes; empty on timeout.
  Result<std::vector<std::uint8_t>> read(ms timeout);

  bool has_in() const { return in_ != 0; }
  UsbDevice& device() { return *device_; }

 private:
  PrinterClassTransport(std::shared_ptr<UsbDevice> d, InterfaceInfo iface, std::uint8_t out, std::uint8_t in)
      : device_(std::move(d)), iface_(std::move(iface)), out_(out), in_(in) {}
  std::shared_ptr<UsbDevice> device_;
  InterfaceInfo iface_;
  std::uint8_t out_, in_;
};

}  // namespace rg::drivers::usb
