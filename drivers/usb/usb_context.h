// The one libusb context of a process, with its event thread. It enumerates devices — hotplug
// callbacks where libusb has them, and a polling scan every `poll_interval` in any case (under
// umockdev, and with libusb's netlink backend, hotplug may never fire) — and tells listeners
// which devices came and went. Listeners run on the event thread: keep them short.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "error.h"
#include "usb/usb_device.h"
#include "usb/usb_types.h"

namespace rg::drivers::usb {

struct ContextOptions {
  std::chrono::milliseconds poll_interval{1500};
  bool use_hotplug = true;  // when libusb has LIBUSB_CAP_HAS_HOTPLUG
};

class UsbContext {
 public:
  // Initialises libusb and starts the event thread; fails (ErrorCode::Io, "USB is not
  // available") when libusb cannot start — the applications then run with simulated devices.
  static Result<std::shared_ptr<UsbContext>> create(ContextOptions options = {});
  ~UsbContext();  // stops the thread; open UsbDevices must be gone by then
  UsbContext(const UsbContext&) = delete;
  UsbContext& operator=(const UsbContext&) = delete;

  // The devices present now (a fresh scan, on the calling thread).
  std::vector<DeviceInfo> devices();

  // Opens the device at `info` (matched by bus and port path, then bus and address).
  // ErrorCode::NotFound when it is not there any more, ErrorCode::Busy when another program
  // holds it, ErrorCode::Io otherwise (e.g. permissions: the message says so).
  Result<std::shared_ptr<UsbDevice>> open(const DeviceInfo& info);

  // Called with every arrival (also once for each device present when subscribing) and every
  // departure, on the event thread. Returns an id for unsubscribe().
  using Listener = std::function<void(const DeviceInfo&, bool arrived)>;
  int subscribe(Listener listener);
  void unsubscribe(int id);

  // Rescans now instead of at the next poll (e.g. after a transfer came back Gone).
  void rescan();

  bool hotplug_active() const;

  // Stops the event thread (also done by the destructor); transfers in flight are cancelled.
  void stop();

  struct Impl;

 private:
  explicit UsbContext(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

}  // namespace rg::drivers::usb
