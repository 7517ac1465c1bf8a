// The USB receipt printer through the real libusb against replayed devices (umockdev + pcap
// from data/*.urbs): each case runs in its own umockdev-run with its own script.
#include <doctest/doctest.h>

#include "device_manager.h"
#include "receipt_printer/escpos.h"
#include "receipt_printer/usb_printer.h"
#include "replay_support.h"
#include "usb/device_registry.h"
#include "usb/usb_device_source.h"

using namespace rg;
using namespace rg::drivers;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<UsbReceiptPrinter> open_printer(usb::UsbContext& ctx, UsbPrinterTimeouts t = {}) {
  const usb::DeviceInfo info = test::usb_device(ctx, "usb:1-3");
  auto matches = usb::DeviceRegistry::builtin().match(info);
  REQUIRE(matches.size() == 1);
  REQUIRE(matches[0].rule.kind == DeviceKind::ReceiptPrinter);
  auto dev = ctx.open(info);
  REQUIRE_MESSAGE(dev.has_value(), (dev ? "" : dev.error().detail));
  auto profile = find_profile(matches[0].rule.profile);
  REQUIRE(profile.has_value());
  auto p = UsbReceiptPrinter::open(*dev, matches[0].interface, *profile, t);
  REQUIRE_MESSAGE(p.has_value(), (p ? "" : p.error().detail));
  return *p;
}

std::vector<std::uint8_t> test_job() {
  escpos::Encoder e;
  e.init().codepage(17).text("Тест").line_feed().cut(escpos::CutKind::Full, 3);
  return e.take();
}

}  // namespace

TEST_CASE("usb printer: GET_DEVICE_ID names the model and the VID:PID picks the profile") {
  if (!test::under_umockdev()) return;
  auto ctx = test::usb_context();
  auto p = open_printer(*ctx);
  REQUIRE(p->device_id().has_value());
  CHECK(p->device_id()->manufacturer == "EPSON");
  CHECK(p->device_id()->model == "TM-T20II");
  CHECK(p->device_id()->supports("ESC/POS"));
  CHECK(p->name() == "EPSON TM-T20II");
  CHECK(p->profile().id == "epson-80");
  CHECK(p->profile().columns == 48);
  CHECK_FALSE(p->gone());
}

TEST_CASE("usb printer: a job goes out byte for byte after the status and then the drawer kick") {
  if (!test::under_umockdev()) return;
  auto ctx = test::usb_context();
  // A wrong byte anywhere would not match the replay and come back as a timeout.
  auto p = open_printer(*ctx, {.write = 3000ms, .status = 3000ms});
  auto printed = p->print(test_job());
  REQUIRE_MESSAGE(printed.has_value(), (printed ? "" : printed.error().message + " / " + printed.error().detail));
  auto drawer = p->open_drawer(escpos::DrawerPin::Pin2);
  CHECK_MESSAGE(drawer.has_value(), (drawer ? "" : drawer.error().detail));
}

TEST_CASE("usb printer: paper near end is a warning and paper end refuses the job and sends nothing") {
  if (!test::under_umockdev()) return;
  auto ctx = test::usb_context();
  auto p = open_printer(*ctx);
  const DeviceHealth near = p->check();
  CHECK(near.state == DeviceState::Warning);
  CHECK(near.message == "Receipt printer: paper is running low");

  // The status says paper end: print() must refuse with the status sentence. Had it sent the
  // job anyway, the replay (which has no such transfer) would have timed it out instead.
  auto printed = p->print(test_job());
  REQUIRE_FALSE(printed.has_value());
  CHECK(printed.error().message == "Receipt printer: out of paper");
  CHECK(printed.error().code == ErrorCode::Io);
}

TEST_CASE("usb printer: cover open then closed is seen by the device manager as error then ready") {
  if (!test::under_umockdev()) return;
  auto ctx = test::usb_context();
  DeviceManager manager({.start_worker = false});
  manager.attach("usb:1-3", open_printer(*ctx));
  manager.check_all();
  auto v = manager.devices();
  REQUIRE(v.size() == 1);
  CHECK(v[0].state == DeviceState::Error);
  CHECK(v[0].message == "Receipt printer: the cover is open");
  CHECK(v[0].name == "EPSON TM-T20II");
  auto r = manager.readiness({DeviceKind::ReceiptPrinter});
  CHECK(r.items.at(0).readiness == Readiness::Problem);

  manager.check_all();
  CHECK(manager.devices().at(0).state == DeviceState::Ready);
  CHECK(manager.readiness({DeviceKind::ReceiptPrinter}).ok());
  const auto events = manager.drain_events();
  REQUIRE(events.size() == 3);  // connecting, cover open, ready
  CHECK(events[0].state == DeviceState::Connecting);
  CHECK(events[1].state == DeviceState::Error);
  CHECK(events[2].state == DeviceState::Ready);
  CHECK(events[2].message == "Receipt printer: ready");
}

TEST_CASE("usb printer: a printer that stops answering is an error and the call returns") {
  if (!test::under_umockdev()) return;
  auto ctx = test::usb_context();
  auto p = open_printer(*ctx, {.write = 1000ms, .status = 300ms});
  const DeviceHealth h = p->check();
  CHECK(h.state == DeviceState::Error);
  CHECK(h.message == "Receipt printer: does not answer — check that it is switched on");
  CHECK_FALSE(p->gone());
  CHECK_FALSE(p->status().known);
}

TEST_CASE("usb printer: unplugged mid-job it goes absent and comes back when enumerated again") {
  if (!test::under_umockdev()) return;
  auto ctx = test::usb_context();
  DeviceManager manager({.start_worker = false});
  usb::UsbDeviceSource source(ctx, manager, usb::DeviceRegistry::builtin());
  register_usb_receipt_printer(source);
  source.start();  // finds 1-3 by polling enumeration and opens it (GET_DEVICE_ID)

  REQUIRE(test::eventually([&] { return manager.get("usb:1-3") != nullptr; }));
  manager.check_all();
  REQUIRE(manager.devices().at(0).state == DeviceState::Ready);

  auto printer = manager.find<UsbReceiptPrinter>(DeviceKind::ReceiptPrinter);
  REQUIRE(printer != nullptr);
  auto printed = printer->print(test_job());
  REQUIRE_FALSE(printed.has_value());
  CHECK(printed.error().code == ErrorCode::NotFound);
  CHECK(printed.error().message == "Receipt printer: not connected — check the cable");
  CHECK(printer->gone());
  printer.reset();

  manager.check_all();  // the manager sees it gone; the source drops it and opens it again
  source.rescan();
  REQUIRE(test::eventually([&] {
    auto d = manager.get("usb:1-3");
    return d && !d->gone();
  }));
  manager.check_all();
  CHECK(manager.devices().at(0).state == DeviceState::Ready);
  bool saw_absent = false;
  for (auto& e : manager.drain_events()) saw_absent |= e.state == DeviceState::Absent;
  CHECK(saw_absent);
  source.stop();
  CHECK(manager.devices().at(0).state == DeviceState::Absent);
}
