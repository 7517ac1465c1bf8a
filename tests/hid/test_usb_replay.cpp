// The USB scanner and handset drivers through the real libusb, against devices umockdev replays
// from pcaps (data/*.urbs → replays/*.pcap at build time; see CMakeLists.txt). Each case runs in
// its own umockdev-run; outside one they skip themselves.
#include <doctest/doctest.h>

#include <fstream>

#include "hid/hid_devices.h"
#include "hid/usb_handset.h"
#include "hid/usb_hid.h"
#include "hid/usb_pos_scanner.h"
#include "replay_support.h"
#include "usb/device_registry.h"
#include "usb/usb_device_source.h"

using namespace rg::drivers::hid;
using rg::test::eventually;

namespace {

std::shared_ptr<rg::drivers::usb::UsbDevice> open_device(rg::drivers::usb::UsbContext& ctx, const std::string& key) {
  auto dev = ctx.open(rg::test::usb_device(ctx, key));
  REQUIRE_MESSAGE(dev.has_value(), (dev ? "" : dev.error().message + " / " + dev.error().detail));
  return *dev;
}

}  // namespace

TEST_CASE("usb hid pos scanner: a QR code in three continued reports is one scan") {
  if (!rg::test::under_umockdev()) return;
  auto ctx = rg::test::usb_context();
  auto scanner = UsbPosScanner::open(open_device(*ctx, "usb:1-9"), 0);
  REQUIRE_MESSAGE(scanner.has_value(), (scanner ? "" : scanner.error().message + " / " + scanner.error().detail));
  std::vector<Scan> got;
  CHECK(eventually([&] {
    for (Scan& s : (*scanner)->poll()) got.push_back(std::move(s));
    return !got.empty();
  }));
  std::ifstream in(REGISTRATURA_HID_DATA "/pos_scan_payload.txt");
  std::string expected;
  std::getline(in, expected);
  REQUIRE(got.size() == 1);
  CHECK(got[0].data == expected);
  CHECK(got[0].data.size() == 130);
  CHECK(got[0].aim == "]Q1");
  CHECK(got[0].symbology == Symbology::QrCode);
  CHECK(got[0].origin == ScanOrigin::HidPos);
  CHECK((*scanner)->problem().empty());
  scanner->reset();
}

TEST_CASE("usb handset: hook and keypad become events and the LEDs go out by SET_REPORT") {
  if (!rg::test::under_umockdev()) return;
  auto ctx = rg::test::usb_context();
  auto handset = UsbHandset::open(open_device(*ctx, "usb:1-10"), 2);  // the HID interface only
  REQUIRE_MESSAGE(handset.has_value(), (handset ? "" : handset.error().message + " / " + handset.error().detail));
  std::vector<HandsetEvent> got;
  CHECK(eventually([&] {
    for (HandsetEvent& e : (*handset)->poll()) got.push_back(std::move(e));
    return got.size() >= 4;
  }));
  using K = HandsetEventKind;
  CHECK(got == std::vector<HandsetEvent>{{K::OffHook}, {K::Digit, '1'}, {K::Digit, '#'}, {K::OnHook}});
  (*handset)->set_leds({.off_hook = true, .ring = true});
  CHECK(eventually([&] { return (*handset)->leds_sent() == 1; }));
  CHECK((*handset)->problem().empty());  // a wrong payload would have timed out
  handset->reset();
}

// The desk's path: the device source offers every HID interface to register_usb_hid, which
// reads each report descriptor and keeps the scanner and the handset. The keyboard's boot
// interface is declined unasked (asking it would not match the replay and show an error) and
// its media keys are declined after one look; neither is listed.
namespace {

struct HidSourceRun {
  rg::drivers::DeviceManager manager{{.check_interval = std::chrono::milliseconds(100)}};
  rg::drivers::usb::UsbDeviceSource source;

  explicit HidSourceRun(HidRoles roles)
      : source(rg::test::usb_context(), manager, rg::drivers::usb::DeviceRegistry::builtin()) {
    register_usb_hid(source, roles);
    source.start();
  }
  ~HidSourceRun() { source.stop(); }

  std::optional<rg::drivers::DeviceView> state_of(const std::string& id) {
    for (auto& v : manager.devices())
      if (v.id == id) return v;
    return std::nullopt;
  }

  // The scanner is listed ready and its QR scan comes through the manager's entry.
  void check_scanner() {
    using rg::drivers::DeviceKind;
    CHECK(eventually([&] {
      auto s = state_of("usb:1-9");
      return s && s->state == rg::drivers::DeviceState::Ready;
    }));
    CHECK(state_of("usb:1-9")->kind == DeviceKind::BarcodeScanner);
    CHECK(state_of("usb:1-9")->name == "HID POS barcode scanner (0c2e:0b87)");
    auto scanners = manager.all<ScannerDevice>(DeviceKind::BarcodeScanner);
    REQUIRE(scanners.size() == 1);
    std::vector<Scan> scans;
    CHECK(eventually([&] {
      for (Scan& s : scanners[0]->driver().poll()) scans.push_back(std::move(s));
      return !scans.empty();
    }));
    REQUIRE(scans.size() == 1);
    CHECK(scans[0].symbology == Symbology::QrCode);
    CHECK(scans[0].data.size() == 130);
  }

  void check_no_keyboard_and_no_errors() {
    CHECK_FALSE(state_of("usb:1-11"));
    CHECK_FALSE(state_of("usb:1-11#1"));
    for (auto& v : manager.devices()) CHECK_MESSAGE(v.state != rg::drivers::DeviceState::Error, v.id << ": " << v.message);
  }
};

}  // namespace

TEST_CASE("usb hid devices: scanner and handset told apart by their descriptors and a keyboard left alone") {
  if (!rg::test::under_umockdev()) return;
  using rg::drivers::DeviceKind;
  HidSourceRun run({});
  CHECK(eventually([&] {
    auto h = run.state_of("usb:1-10#2");
    return h && h->state == rg::drivers::DeviceState::Ready;
  }));
  CHECK(run.state_of("usb:1-10#2")->kind == DeviceKind::Handset);
  run.check_scanner();
  run.check_no_keyboard_and_no_errors();

  auto handset = run.manager.find<HandsetDevice>(DeviceKind::Handset);
  REQUIRE(handset);
  std::vector<HandsetEvent> events;
  CHECK(eventually([&] {
    for (HandsetEvent& e : handset->driver().poll()) events.push_back(std::move(e));
    return events.size() >= 4;
  }));
  CHECK(events.front().kind == HandsetEventKind::OffHook);
  handset->driver().set_leds({.off_hook = true, .ring = true});
  auto* usb_handset = dynamic_cast<UsbHandset*>(&handset->driver());
  REQUIRE(usb_handset);
  CHECK(eventually([&] { return usb_handset->leds_sent() == 1; }));
  CHECK(handset->driver().problem().empty());
}

// The kiosk's path: the same three devices, scanners only — the handset is looked at once and
// handed back like the keyboard's media keys.
TEST_CASE("usb hid devices at the kiosk: the scanner is taken and the handset left to the system") {
  if (!rg::test::under_umockdev()) return;
  HidSourceRun run({.scanners = true, .handsets = false});
  run.check_scanner();
  // The source visits the interfaces in id order (usb:1-10#2, usb:1-11…, usb:1-9), so the handset
  // was looked at before the scanner came up; a few more polls would not bring it back.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK_FALSE(run.state_of("usb:1-10#2"));
  CHECK_FALSE(run.state_of("usb:1-10"));
  CHECK(run.manager.find<HandsetDevice>(rg::drivers::DeviceKind::Handset) == nullptr);
  run.check_no_keyboard_and_no_errors();
}
