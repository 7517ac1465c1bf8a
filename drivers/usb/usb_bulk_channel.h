// ByteChannel (drivers/io/byte_channel.h) over a bulk OUT/IN endpoint pair — the fiscal
// registrar's CDC data interface. Reads ask the device for `in_transfer_size` bytes at a time
// (the endpoint's max packet size unless told otherwise: a replay script's "bulk_in 82 64"
// must say the same number) and keep what did not fit in the caller's buffer for the next read.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "io/byte_channel.h"
#include "usb/usb_device.h"

namespace rg::drivers::usb {

class UsbBulkChannel final : public ByteChannel {
 public:
  // `device_name` (translated, e.g. _("Fiscal registrar")) starts the error messages.
  UsbBulkChannel(std::shared_ptr<UsbDevice> device, std::uint8_t endpoint_out,
                 std::uint8_t endpoint_in, std::size_t in_transfer_size, std::string device_name);

  // Builds one from the first bulk OUT and bulk IN endpoints of `interface_number` (claiming it).
  static Result<std::unique_ptr<UsbBulkChannel>> open(std::shared_ptr<UsbDevice> device,
                                                      std::uint8_t interface_number,
                                                      std::string device_name);

  Status write(std::span<const std::uint8_t> bytes, std::chrono::milliseconds timeout) override;
  Result<std::size_t> read(std::span<std::uint8_t> buf, std::chrono::milliseconds timeout) override;

  UsbDevice& device() { return *device_; }

 private:
  std::shared_ptr<UsbDevice> device_;
  std::uint8_t out_, in_;
  std::size_t in_size_;
  std::string name_;
  std::mutex mu_;
  std::vector<std::uint8_t> pending_;  // read from the device, not yet handed out
};

}  // namespace rg::drivers::usb
