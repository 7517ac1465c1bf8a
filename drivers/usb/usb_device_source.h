// Feeds the DeviceManager from USB: every device the registry matches gets the driver
// registered for its kind — opened on this source's own thread, never on the UI's — and is
// detached when it leaves or a transfer finds it gone; it comes back at the next enumeration
// (hotplug, or the poll every ContextOptions::poll_interval).
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "device_manager.h"
#include "usb/device_registry.h"
#include "usb/usb_context.h"

namespace rg::drivers::usb {

class UsbDeviceSource {
 public:
  // Builds the driver for a matched interface; the Error's message is shown on the device.
  using Factory =
      std::function<Result<std::shared_ptr<ManagedDevice>>(std::shared_ptr<UsbDevice>, const Match&)>;

  UsbDeviceSource(std::shared_ptr<UsbContext> context, DeviceManager& manager, DeviceRegistry registry);
  ~UsbDeviceSource();  // stops; the devices it attached are detached
  UsbDeviceSource(const UsbDeviceSource&) = delete;
  UsbDeviceSource& operator=(const UsbDeviceSource&) = delete;

  void register_driver(DeviceKind kind, Factory factory);
  void start();
  void stop();
  void rescan();  // now rather than at the next poll

  // The manager id of a matched interface: "usb:1-3" (interface 0) or "usb:1-3#2".
  static std::string device_id(const DeviceInfo& d, const Match& m);

 private:
  void run();
  void scan();

  std::shared_ptr<UsbContext> context_;
  DeviceManager& manager_;
  DeviceRegistry registry_;
  std::map<DeviceKind, Factory> factories_;
  struct Attached {
    DeviceInfo info;
    std::shared_ptr<ManagedDevice> device;  // null when opening failed (retried next scan)
    bool declined = false;                  // the driver said it is not its device
  };
  std::map<std::string, Attached> attached_;  // by manager id
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false, soon_ = false;
  int listener_ = -1;
  std::thread worker_;
};

}  // namespace rg::drivers::usb
