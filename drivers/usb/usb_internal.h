// Shared between the libusb-facing files of drivers/usb; not for users of the library.
#pragma once

#include <libusb.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "usb/usb_context.h"
#include "usb/usb_device.h"

namespace rg::drivers::usb {

// Copies what enumeration needs out of a libusb_device (never fails: missing descriptors give
// an empty interface list).
DeviceInfo describe(libusb_device* dev);

Outcome outcome_of(libusb_transfer_status s);
Outcome outcome_of_error(int libusb_error);

struct UsbContext::Impl {
  ContextOptions options;
  libusb_context* ctx = nullptr;
  libusb_hotplug_callback_handle hotplug = 0;
  bool hotplug_on = false;
  std::atomic<bool> stopping{false};
  std::atomic<bool> rescan_requested{true};
  std::thread events;

  std::mutex mu;  // listeners and known
  std::map<int, Listener> listeners;
  int next_listener = 1;
  std::map<std::string, DeviceInfo> known;  // by key(), from the last scan

  ~Impl();
  void run();
  void scan();  // on the event thread
};

struct UsbDevice::Impl {
  std::shared_ptr<UsbContext::Impl> context;
  libusb_device_handle* handle = nullptr;
  DeviceInfo info;
  std::atomic<bool> gone{false};

  std::mutex mu;
  std::set<libusb_transfer*> in_flight;
  std::set<std::uint8_t> claimed;
  std::set<std::uint8_t> detached;  // kernel driver detached by claim(): given back on release
  struct Reader;
  std::map<std::uint8_t, std::shared_ptr<Reader>> readers;

  Transferred transfer(unsigned char type, std::uint8_t endpoint, std::uint8_t* buf, int length,
                       std::chrono::milliseconds timeout);
  void note(Outcome o) {
    if (o == Outcome::Gone) gone = true;
  }
};

}  // namespace rg::drivers::usb
