// Helpers for the replay tests: they run under umockdev-run (see CMakeLists.txt), which fakes
// sysfs and /dev so that the real libusb finds the devices of a .umockdev file and replays a
// pcap to them. Outside umockdev-run the cases skip themselves.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <thread>

#include "usb/usb_context.h"

namespace rg::test {

inline bool under_umockdev() {
  if (std::getenv("UMOCKDEV_DIR")) return true;
  MESSAGE("not under umockdev-run: skipped (ctest runs it under umockdev-run)");
  return false;
}

// Waits for `done` — a guard against hanging, not a timing assertion: the deadline is far
// beyond anything the replay needs.
inline bool eventually(const std::function<bool()>& done, std::chrono::seconds deadline = std::chrono::seconds(30)) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

inline std::shared_ptr<drivers::usb::UsbContext> usb_context() {
  auto ctx = drivers::usb::UsbContext::create({.poll_interval = std::chrono::milliseconds(200)});
  REQUIRE_MESSAGE(ctx.has_value(), (ctx ? "" : ctx.error().detail));
  return *ctx;
}

inline drivers::usb::DeviceInfo usb_device(drivers::usb::UsbContext& ctx, const std::string& key) {
  for (auto& d : ctx.devices())
    if (d.key() == key) return d;
  FAIL("no USB device " << key);
  return {};
}

}  // namespace rg::test
