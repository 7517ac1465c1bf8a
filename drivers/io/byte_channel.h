// A duplex byte pipe to a device — USB bulk endpoints (drivers/usb), a serial port, a socket —
// so that a protocol (ATOL framing, ESC/POS status) is written once, apart from how bytes move.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

#include "error.h"

namespace rg::drivers {

class ByteChannel {
 public:
  virtual ~ByteChannel() = default;
  // Writes all of `bytes` or fails (timeout, device gone) with a message for people.
  virtual Status write(std::span<const std::uint8_t> bytes, std::chrono::milliseconds timeout) = 0;
  // Reads what has arrived, at most buf.size() bytes, waiting up to `timeout` for the first one.
  // Returns 0 when nothing came in time; fails when the device is gone.
  virtual Result<std::size_t> read(std::span<std::uint8_t> buf, std::chrono::milliseconds timeout) = 0;
};

}  // namespace rg::drivers
