// The USB scanner and handset drivers through the real libusb, against devices umockdev replays
// from pcaps (data/*.urbs → replays/*.pcap at build time; see CMakeLists.txt). Each case runs in
// its own umockdev-run; outside one they skip themselves.
#include <doctest/doctest.h>

#include <fstream>

#include "hid/usb_handset.h"
#include "hid/usb_pos_scanner.h"
#include "replay_support.h"

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
