// Enumeration through the real libusb against data/devices.umockdev: what the registry makes
// of six devices, and the context's polling scan telling a listener about them.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "replay_support.h"
#include "usb/device_registry.h"

using namespace rg;
using namespace rg::drivers;
using namespace rg::drivers::usb;

TEST_CASE("enumeration: printers by class and by VID:PID and HID by class and others left alone") {
  if (!test::under_umockdev()) return;
  auto ctx = test::usb_context();
  const auto registry = DeviceRegistry::builtin();
  std::map<std::string, std::vector<Match>> by_key;
  for (const DeviceInfo& d : ctx->devices()) by_key[d.key()] = registry.match(d);
  REQUIRE(by_key.size() == 6);

  // 1-3: 04b8:0202 printer class — the VID:PID rule wins and brings the profile.
  REQUIRE(by_key["usb:1-3"].size() == 1);
  CHECK(by_key["usb:1-3"][0].rule.kind == DeviceKind::ReceiptPrinter);
  CHECK(by_key["usb:1-3"][0].rule.profile == "epson-80");
  CHECK(by_key["usb:1-3"][0].interface.find(EndpointType::Bulk, false)->address == 0x01);
  CHECK(by_key["usb:1-3"][0].interface.find(EndpointType::Bulk, true)->address == 0x82);
  // 1-4: unknown VID:PID, class 7/1/2 — the class rule, no profile.
  REQUIRE(by_key["usb:1-4"].size() == 1);
  CHECK(by_key["usb:1-4"][0].rule.kind == DeviceKind::ReceiptPrinter);
  CHECK(by_key["usb:1-4"][0].rule.profile.empty());
  // 1-5: 0416:5011, unidirectional 7/1/1 — by VID:PID, the 58 mm profile.
  REQUIRE(by_key["usb:1-5"].size() == 1);
  CHECK(by_key["usb:1-5"][0].rule.profile == "xprinter-58");
  CHECK_FALSE(by_key["usb:1-5"][0].interface.find(EndpointType::Bulk, true).has_value());
  // 1-6: HID — for drivers/hid to decide from its report descriptor.
  REQUIRE(by_key["usb:1-6"].size() == 1);
  CHECK(by_key["usb:1-6"][0].rule.kind == DeviceKind::Hid);
  CHECK(by_key["usb:1-6"][0].interface.find(EndpointType::Interrupt, true)->address == 0x81);
  // 1-7: an ATOL registrar (2912:0005) by the built-in rule, on its CDC data interface (1),
  // not the control one; 1-8 vendor-specific: nobody's.
  CHECK(by_key["usb:1-8"].empty());
  {
    auto& m = by_key["usb:1-7"];
    REQUIRE(m.size() == 1);
    CHECK(m[0].rule.kind == DeviceKind::FiscalRegistrar);
    CHECK(m[0].rule.name == "ATOL fiscal registrar");
    CHECK(m[0].interface.number == 1);
    CHECK(m[0].interface.find(EndpointType::Bulk, true)->max_packet == 64);
  }
}

TEST_CASE("enumeration: the context's scan tells a listener of every device present") {
  if (!test::under_umockdev()) return;
  auto ctx = test::usb_context();
  std::mutex mu;
  std::vector<std::string> arrived;
  const int id = ctx->subscribe([&](const DeviceInfo& d, bool in) {
    std::lock_guard lock(mu);
    if (in) arrived.push_back(d.key() + " " + d.vid_pid());
  });
  ctx->rescan();
  REQUIRE(test::eventually([&] {
    std::lock_guard lock(mu);
    return arrived.size() >= 6;
  }));
  ctx->unsubscribe(id);
  std::lock_guard lock(mu);
  std::sort(arrived.begin(), arrived.end());
  CHECK(arrived.size() == 6);  // each once, though the scan ran again and again
  CHECK(arrived.front() == "usb:1-3 04b8:0202");
  CHECK(arrived.back() == "usb:1-8 046d:c077");
}
