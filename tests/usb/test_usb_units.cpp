// Without hardware or umockdev: the match rules' data format, the device manager with the
// simulated printer, and the usbmon capture writer's bytes.
#include <doctest/doctest.h>

#include <condition_variable>
#include <filesystem>
#include <future>
#include <mutex>

#include "device_manager.h"
#include "receipt_printer/printer_device.h"
#include "receipt_printer/sim_printer.h"
#include "temp_dir.h"
#include "usb/device_registry.h"
#include "usbmon_pcap.h"

using namespace rg;
using namespace rg::drivers;
using namespace rg::drivers::usb;

namespace {

DeviceInfo device(std::uint16_t vid, std::uint16_t pid, std::vector<InterfaceInfo> ifaces) {
  DeviceInfo d;
  d.bus = 1, d.address = 4, d.port_path = "1-2", d.vendor_id = vid, d.product_id = pid;
  d.interfaces = std::move(ifaces);
  return d;
}

InterfaceInfo iface(std::uint8_t n, std::uint8_t c, std::uint8_t s, std::uint8_t p) {
  InterfaceInfo i;
  i.number = n, i.cls = c, i.subclass = s, i.protocol = p;
  return i;
}

}  // namespace

TEST_CASE("usb-devices.conf: rules parse and bad lines say which line") {
  auto r = parse_match_rules("# c\nreceipt_printer class=07/01/02 name=\"A printer\"\n"
                             "fiscal_registrar usb=2912:* class=0a profile=atol\n");
  REQUIRE(r.has_value());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].interface_class->cls == 7);
  CHECK(*(*r)[0].interface_class->protocol == 2);
  CHECK((*r)[0].name == "A printer");
  CHECK(*(*r)[1].vendor_id == 0x2912);
  CHECK_FALSE((*r)[1].product_id.has_value());
  CHECK((*r)[1].profile == "atol");

  for (const char* bad : {"printer class=07", "receipt_printer", "receipt_printer class=7/1/2/3",
                          "receipt_printer usb=zz:01", "receipt_printer class=07 colour=red",
                          "receipt_printer name=\"unclosed"}) {
    auto e = parse_match_rules(std::string("\n") + bad);
    REQUIRE_MESSAGE(!e.has_value(), bad);
    CHECK(e.error().detail.find("line 2") != std::string::npos);
  }
  // The compiled-in file parses as a whole.
  CHECK(DeviceRegistry::builtin().rules().size() >= 5);
}

TEST_CASE("registry: VID:PID beats class, composite devices match per interface") {
  DeviceRegistry reg;
  REQUIRE(reg.add_text("receipt_printer class=07/01/02\nhid class=03\n"
                       "receipt_printer usb=04b8:0202 class=07 profile=epson-80\n"
                       "handset usb=1395:* class=03 name=\"Headset\"\n").has_value());
  auto m = reg.match(device(0x04b8, 0x0202, {iface(0, 7, 1, 2)}));
  REQUIRE(m.size() == 1);
  CHECK(m[0].rule.profile == "epson-80");
  m = reg.match(device(0x1111, 0x2222, {iface(0, 7, 1, 2)}));
  REQUIRE(m.size() == 1);
  CHECK(m[0].rule.profile.empty());
  // A USB headset: audio interfaces 0–2 and HID on 3; only the HID one is the handset's.
  m = reg.match(device(0x1395, 0x0300, {iface(0, 1, 1, 0), iface(1, 1, 2, 0), iface(2, 1, 2, 0), iface(3, 3, 0, 0)}));
  REQUIRE(m.size() == 1);
  CHECK(m[0].rule.kind == DeviceKind::Handset);
  CHECK(m[0].interface.number == 3);
  CHECK(reg.match(device(0x1111, 0x2222, {iface(0, 0xff, 0, 0)})).empty());
}

TEST_CASE("device manager: the simulated printer as a device, its faults, and shift readiness") {
  test::TempDir dir;
  auto sim = std::make_shared<SimReceiptPrinter>(dir.path());
  DeviceManager m({.start_worker = false});
  auto r = m.readiness();
  REQUIRE(r.items.size() == 4);
  CHECK_FALSE(r.ok());
  CHECK(r.items[0].readiness == Readiness::Missing);
  CHECK(r.items[0].message == "Receipt printer: not connected");

  m.attach("sim:receipt-printer", std::make_shared<ReceiptPrinterDevice>(sim, true));
  CHECK(m.devices().at(0).state == DeviceState::Connecting);
  CHECK(m.readiness({DeviceKind::ReceiptPrinter}).items[0].readiness == Readiness::Problem);
  m.check_all();
  CHECK(m.devices().at(0).state == DeviceState::Ready);
  CHECK(m.devices().at(0).simulated);
  CHECK(m.readiness({DeviceKind::ReceiptPrinter}).ok());

  sim->set_fault(SimFault::PaperNearEnd);
  m.check_all();
  CHECK(m.devices().at(0).state == DeviceState::Warning);
  CHECK(m.readiness({DeviceKind::ReceiptPrinter}).ok());  // a warning does not stop a shift
  sim->set_fault(SimFault::CoverOpen);
  m.check_all();
  CHECK(m.devices().at(0).message == "Receipt printer: the cover is open");
  auto item = m.readiness({DeviceKind::ReceiptPrinter}).items[0];
  CHECK(item.readiness == Readiness::Problem);
  CHECK(item.message == "Receipt printer: the cover is open");

  auto found = m.find<ReceiptPrinterDevice>(DeviceKind::ReceiptPrinter);
  REQUIRE(found != nullptr);
  CHECK(&found->printer() == sim.get());
  CHECK(m.find<ReceiptPrinterDevice>(DeviceKind::Handset) == nullptr);

  m.detach("sim:receipt-printer");
  CHECK(m.devices().at(0).state == DeviceState::Absent);
  CHECK(m.readiness({DeviceKind::ReceiptPrinter}).items[0].readiness == Readiness::Missing);
  std::vector<DeviceState> states;
  for (auto& e : m.drain_events()) states.push_back(e.state);
  CHECK(states == std::vector<DeviceState>{DeviceState::Connecting, DeviceState::Ready, DeviceState::Warning,
                                           DeviceState::Error, DeviceState::Absent});
  CHECK(m.drain_events().empty());
}

TEST_CASE("device manager: its worker checks devices without anyone asking") {
  test::TempDir dir;
  DeviceManager m({.check_interval = std::chrono::milliseconds(50)});
  m.attach("sim", std::make_shared<ReceiptPrinterDevice>(std::make_shared<SimReceiptPrinter>(dir.path()), true));
  bool ready = false;
  for (int i = 0; i < 1000 && !ready; ++i) {  // a hang guard, not a timing assertion
    ready = m.devices().at(0).state == DeviceState::Ready;
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(ready);
}

namespace {

// A device whose check hangs (a printer that stopped answering mid-status) until released.
class HangingDevice final : public ManagedDevice {
 public:
  DeviceKind kind() const override { return DeviceKind::ReceiptPrinter; }
  std::string name() const override { return "hanging printer"; }
  DeviceHealth check() override {
    std::unique_lock lock(mu_);
    in_check_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return released_; });
    return {DeviceState::Error, "Receipt printer: not answering"};
  }
  void wait_in_check() {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return in_check_; });
  }
  void release() {
    std::lock_guard lock(mu_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  bool in_check_ = false, released_ = false;
};

}  // namespace

// What a frame asks of the manager is answered while a device's check is stuck on the worker:
// the screen never waits for hardware.
TEST_CASE("device manager: a hanging device check holds up none of what a frame asks") {
  DeviceManager m({.check_interval = std::chrono::milliseconds(20)});
  auto hanging = std::make_shared<HangingDevice>();
  m.attach("usb:1-3", hanging);
  hanging->wait_in_check();  // the worker is inside the hanging check now
  auto asked = std::async(std::launch::async, [&] {
    auto views = m.devices();
    (void)m.drain_events();
    auto ready = m.readiness({DeviceKind::ReceiptPrinter});
    m.check_soon();
    m.attach("usb:1-4", std::make_shared<HangingDevice>());  // plugged in meanwhile
    m.detach("usb:1-4");
    return std::make_pair(views, ready);
  });
  const bool answered = asked.wait_for(std::chrono::seconds(10)) == std::future_status::ready;  // a hang guard
  hanging->release();
  REQUIRE(answered);
  auto [views, ready] = asked.get();
  REQUIRE(views.size() == 1);
  CHECK(views[0].state == DeviceState::Connecting);  // its first check has not come back yet
  CHECK(ready.items.at(0).readiness == Readiness::Problem);  // connecting is not ready
  // Released, the check's answer lands.
  bool error = false;
  for (int i = 0; i < 1000 && !error; ++i) {  // a hang guard, not a timing assertion
    for (auto& v : m.devices())
      if (v.id == "usb:1-3" && v.state == DeviceState::Error) error = true;
    if (!error) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(error);
}

TEST_CASE("usbmon script: parsed, and written as linktype-220 packets") {
  test::ScriptError err;
  auto s = test::parse_usbmon_script("device 1 5\n# x\ncontrol_in a1 00 0000 0000 0400 -> 00 04 41 42\n"
                                     "bulk_out 01 : 10 04 01\nbulk_in 82 64 -> 12\nbulk_in 82 64 -> timeout\n"
                                     "bulk_out 01 : 1b 40 -> gone\n", &err);
  REQUIRE_MESSAGE(s.has_value(), err.line << ": " << err.message);
  REQUIRE(s->urbs().size() == 5);
  CHECK(s->urbs()[0].in == std::vector<std::uint8_t>{0, 4, 0x41, 0x42});
  CHECK(s->urbs()[0].in_length == 1024);
  CHECK_FALSE(s->urbs()[3].completes);
  CHECK(s->urbs()[4].status == -19);
  const auto pcap = s->pcap();
  REQUIRE(pcap.size() > 24);
  CHECK(pcap[0] == 0xd4);
  CHECK(pcap[20] == 220);  // the link type
  // 9 packets: S+C for four URBs, S only for the silent one; 16 + 64 bytes of headers each.
  std::size_t at = 24, packets = 0;
  while (at + 16 <= pcap.size()) {
    const std::size_t len = pcap[at + 8] | pcap[at + 9] << 8;
    if (packets < 9) CHECK(pcap[at + 16 + 8] == "SCSCSCSSC"[packets]);
    at += 16 + len;
    ++packets;
  }
  CHECK(at == pcap.size());
  CHECK(packets == 9);

  CHECK_FALSE(test::parse_usbmon_script("bulk_out 01 : 10\n", &err));
  CHECK(err.line == 1);
  CHECK_FALSE(test::parse_usbmon_script("device 1 5\nbulk_in 82 2 -> 01 02 03\n", &err));
  CHECK(err.line == 2);
}
