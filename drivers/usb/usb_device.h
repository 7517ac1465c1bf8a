// One opened USB device with its interfaces claimed. Every transfer is asynchronous underneath
// (libusb_submit_transfer, completed on UsbContext's event thread) with a timeout, and any
// thread may cancel them all; the blocking helpers below wait on a condition variable, so they
// must never be called on the event thread itself (nor on the UI thread: they block).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "error.h"
#include "usb/usb_transfer.h"
#include "usb/usb_types.h"

namespace rg::drivers::usb {

class UsbContext;

class UsbDevice {
 public:
  using ms = std::chrono::milliseconds;
  ~UsbDevice();
  UsbDevice(const UsbDevice&) = delete;
  UsbDevice& operator=(const UsbDevice&) = delete;

  const DeviceInfo& info() const;

  // Claims an interface (detaching a kernel driver first when one is bound — optional: a
  // failure to detach is ignored, a failure to claim is not). Released on destruction, when a
  // kernel driver detached here is attached again.
  Status claim(std::uint8_t interface_number, std::uint8_t alt_setting = 0);

  // Blocking transfers (see the note above). OUT: all of `bytes`; IN: at most buf.size().
  Transferred bulk_out(std::uint8_t endpoint, std::span<const std::uint8_t> bytes, ms timeout);
  Transferred bulk_in(std::uint8_t endpoint, std::span<std::uint8_t> buf, ms timeout);
  Transferred interrupt_in(std::uint8_t endpoint, std::span<std::uint8_t> buf, ms timeout);
  Transferred interrupt_out(std::uint8_t endpoint, std::span<const std::uint8_t> bytes, ms timeout);
  // Control transfers; `length` of the data stage is data.size().
  Transferred control_in(std::uint8_t request_type, std::uint8_t request, std::uint16_t value,
                         std::uint16_t index, std::span<std::uint8_t> data, ms timeout);
  Transferred control_out(std::uint8_t request_type, std::uint8_t request, std::uint16_t value,
                          std::uint16_t index, std::span<const std::uint8_t> data, ms timeout);

  // Continuous reading of an interrupt (or bulk) IN endpoint: `on_data` runs on the event thread
  // for every completed transfer (keep it short: copy and post), `on_end` once when reading
  // stops (Cancelled after stop_reading(), Gone when unplugged). One reader per endpoint.
  using OnData = std::function<void(std::span<const std::uint8_t>)>;
  using OnEnd = std::function<void(Outcome)>;
  Status start_reading(std::uint8_t endpoint, std::size_t length, OnData on_data, OnEnd on_end = {});
  void stop_reading(std::uint8_t endpoint);  // waits until the reader's transfer is back

  // Cancels every transfer in flight (their callers get Outcome::Cancelled) — from any thread.
  void cancel_all();
  // True once a transfer came back Gone: the caller drops this object and waits for the device
  // to be enumerated again.
  bool gone() const;

  struct Impl;  // usb_internal.h

 private:
  friend class UsbContext;
  explicit UsbDevice(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rg::drivers::usb
