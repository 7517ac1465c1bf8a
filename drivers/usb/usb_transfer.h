// How a USB transfer ended, and that outcome in words for people.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "error.h"

namespace rg::drivers::usb {

enum class Outcome {
  Ok,
  Timeout,    // the device did not answer in time (a partial transfer keeps its length)
  Gone,       // unplugged or switched off (LIBUSB_ERROR_NO_DEVICE / TRANSFER_NO_DEVICE)
  Stall,      // the endpoint halted (cleared before the next transfer)
  Cancelled,  // UsbDevice::cancel_all() or shutdown
  Overflow,   // the device sent more than asked for
  Failed,     // anything else libusb reports
};

struct Transferred {
  Outcome outcome = Outcome::Failed;
  std::size_t length = 0;  // bytes actually moved, also on Timeout/Cancelled
  std::string detail;      // libusb's words, for logs
  bool ok() const { return outcome == Outcome::Ok; }
};

const char* to_string(Outcome o);

// Turns a failed transfer into an Error: Gone → ErrorCode::NotFound, Timeout/Stall/… →
// ErrorCode::Io; the message is "<device>: <what went wrong>" in the UI language, e.g.
// "Receipt printer: not connected". `device` is already translated.
Error transfer_error(const Transferred& t, std::string_view device);

}  // namespace rg::drivers::usb
