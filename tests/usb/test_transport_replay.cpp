// The transports the fiscal and HID drivers build on, through the real libusb under umockdev:
// UsbBulkChannel (ByteChannel over bulk endpoints) and HidTransport (control requests and
// interrupt IN reports).
#include <doctest/doctest.h>

#include <mutex>

#include "replay_support.h"
#include "usb/hid_transport.h"
#include "usb/usb_bulk_channel.h"

using namespace rg;
using namespace rg::drivers;
using namespace rg::drivers::usb;
using namespace std::chrono_literals;
using Bytes = std::vector<std::uint8_t>;

TEST_CASE("usb transport: bulk channel writes and reads in pieces and reports silence and unplugging") {
  if (!test::under_umockdev()) return;
  auto ctx = test::usb_context();
  auto dev = ctx->open(test::usb_device(*ctx, "usb:1-7"));
  REQUIRE(dev.has_value());
  auto ch = UsbBulkChannel::open(*dev, 1, "Fiscal registrar");
  REQUIRE_MESSAGE(ch.has_value(), (ch ? "" : ch.error().detail));
  ByteChannel& c = **ch;
  const Bytes frame{0x02, 0x00, 0x05, 0xa5, 0x01, 0x02, 0x03, 0x04};
  REQUIRE(c.write(frame, 2000ms).has_value());

  Bytes got;
  std::uint8_t buf[4];
  while (got.size() < 10) {
    auto n = c.read(buf, 2000ms);
    REQUIRE(n.has_value());
    REQUIRE(*n > 0);
    CHECK(*n <= 4);
    got.insert(got.end(), buf, buf + *n);
  }
  CHECK(got == Bytes{0x02, 0x00, 0x07, 0xa5, 0x00, 0x01, 0x02, 0x03, 0x04, 0x55});
  auto silent = c.read(buf, 200ms);
  REQUIRE(silent.has_value());
  CHECK(*silent == 0);
  auto gone = c.read(buf, 2000ms);
  REQUIRE_FALSE(gone.has_value());
  CHECK(gone.error().code == ErrorCode::NotFound);
  CHECK(gone.error().message == "Fiscal registrar: not connected — check the cable");
  CHECK((*dev)->gone());
}

TEST_CASE("usb transport: HID report descriptor and SET_IDLE and SET_REPORT and interrupt reports") {
  if (!test::under_umockdev()) return;
  auto ctx = test::usb_context();
  auto dev = ctx->open(test::usb_device(*ctx, "usb:1-6"));
  REQUIRE(dev.has_value());
  auto hid = HidTransport::open(*dev, 0, "Barcode scanner");
  REQUIRE(hid.has_value());
  auto desc = (*hid)->report_descriptor(0x20);
  REQUIRE_MESSAGE(desc.has_value(), (desc ? "" : desc.error().detail));
  REQUIRE(desc->size() == 21);
  CHECK((*desc)[0] == 0x05);
  CHECK((*desc)[1] == 0x8c);  // usage page HID POS
  CHECK((*hid)->set_idle().has_value());
  const Bytes led{0x02, 0x01};
  CHECK((*hid)->send_output(2, led).has_value());  // no interrupt OUT: SET_REPORT(output)

  std::mutex mu;
  std::vector<Bytes> reports;
  std::optional<Outcome> end;
  REQUIRE((*hid)->start_reports(
      [&](std::span<const std::uint8_t> r) {
        std::lock_guard lock(mu);
        reports.emplace_back(r.begin(), r.end());
      },
      [&](Outcome o) {
        std::lock_guard lock(mu);
        end = o;
      }).has_value());
  REQUIRE(test::eventually([&] {
    std::lock_guard lock(mu);
    return end.has_value();
  }));
  (*hid)->stop_reports();
  std::lock_guard lock(mu);
  CHECK(*end == Outcome::Gone);
  REQUIRE(reports.size() == 2);
  CHECK(reports[0] == Bytes{0x02, 0x41, 0x42, 0x43});
  CHECK(reports[1] == Bytes{0x02, 0x44, 0x45});
  CHECK((*dev)->gone());
}
