// HID POS scans: the layout found from the descriptor, continued reports assembled into one
// scan, the AIM identifier read, and garbage (other reports, short ones, overlong scans) ignored.
#include <doctest/doctest.h>

#include "descriptors.h"
#include "hid/aim.h"
#include "hid/pos_scanner.h"

using namespace rg::drivers::hid;
using Clock = PosScanAssembler::Clock;

namespace {

PosScanAssembler scanner() {
  auto d = parse_report_descriptor(hid_test::kPosScanner);
  REQUIRE(d);
  auto l = find_pos_scan_layout(std::move(*d));
  REQUIRE(l);
  return PosScanAssembler(std::move(*l));
}

}  // namespace

TEST_CASE("the layout: report 2, length right before the AIM bytes, continued flag") {
  auto s = scanner();
  const PosScanLayout& l = s.layout();
  CHECK(l.report_id == 2);
  REQUIRE(l.length);
  CHECK(l.length->field == 0);
  REQUIRE(l.symbology[0]);
  REQUIRE(l.symbology[2]);
  REQUIRE(l.continued);
  CHECK(l.descriptor.fields[l.data_field].count == 56);
}

TEST_CASE("a one-report Code 128 scan") {
  auto s = scanner();
  auto scan = s.feed(hid_test::pos_report("]C0", "10042", false), Clock::now());
  REQUIRE(scan);
  CHECK(scan->data == "10042");
  CHECK(scan->aim == "]C0");
  CHECK(scan->symbology == Symbology::Code128);
  CHECK(scan->origin == ScanOrigin::HidPos);
}

TEST_CASE("a QR code of 130 bytes in three continued reports, binary bytes kept") {
  std::string payload;
  for (int i = 0; i < 130; ++i) payload.push_back(char((i * 37 + 11) & 0xFF));
  payload[7] = '\0';  // a NUL inside the data is data: the length byte says so
  auto s = scanner();
  auto t = Clock::now();
  CHECK_FALSE(s.feed(hid_test::pos_report("]Q1", payload.substr(0, 56), true), t));
  CHECK(s.in_progress());
  CHECK_FALSE(s.feed(hid_test::pos_report("]Q1", payload.substr(56, 56), true), t));
  auto scan = s.feed(hid_test::pos_report("]Q1", payload.substr(112), false), t);
  REQUIRE(scan);
  CHECK(scan->data == payload);
  CHECK(scan->symbology == Symbology::QrCode);
  CHECK_FALSE(s.in_progress());
}

TEST_CASE("garbage around scans: other report ids, short reports, lengths past the field") {
  auto s = scanner();
  auto t = Clock::now();
  const std::vector<std::uint8_t> status = {0x03, 0x55};
  CHECK_FALSE(s.feed(status, t));
  CHECK_FALSE(s.feed(std::vector<std::uint8_t>{}, t));
  CHECK_FALSE(s.feed(std::vector<std::uint8_t>{0x02, 0x05, ']'}, t));  // too short for report 2
  auto r = hid_test::pos_report("]E0", "4600000000017", false);
  r[1] = 200;  // claims more than 56 bytes: clamped to the field
  auto scan = s.feed(r, t);
  REQUIRE(scan);
  CHECK(scan->data.size() == 56);
  CHECK(scan->data.starts_with("4600000000017"));
  CHECK(scan->symbology == Symbology::Ean13);
  CHECK_FALSE(s.feed(hid_test::pos_report("]C0", "", false), t));  // an empty scan is none
}

TEST_CASE("a continued scan whose next report comes too late is dropped, the new one kept") {
  auto s = scanner();
  auto t = Clock::now();
  CHECK_FALSE(s.feed(hid_test::pos_report("]C0", "LOST", true), t));
  auto scan = s.feed(hid_test::pos_report("]C0", "10042", false), t + std::chrono::seconds(5));
  REQUIRE(scan);
  CHECK(scan->data == "10042");
  CHECK(s.dropped() == 1);
}

TEST_CASE("a scan longer than the limit is dropped, not grown without end") {
  auto s = scanner();
  auto t = Clock::now();
  std::string chunk(56, 'x');
  for (std::size_t n = 0; n < PosScanAssembler::kMaxScanBytes / 56 + 2; ++n)
    CHECK_FALSE(s.feed(hid_test::pos_report("]C0", chunk, true), t));
  CHECK(s.dropped() >= 1);
}

TEST_CASE("no AIM bytes in the report: an AIM prefix inside the data is taken, else Unknown") {
  auto s = scanner();
  auto t = Clock::now();
  auto scan = s.feed(hid_test::pos_report("", "]d2010460", false), t);
  REQUIRE(scan);
  CHECK(scan->aim == "]d2");
  CHECK(scan->symbology == Symbology::DataMatrix);
  CHECK(scan->data == "010460");
  scan = s.feed(hid_test::pos_report("", "RG12345", false), t);
  REQUIRE(scan);
  CHECK(scan->aim.empty());
  CHECK(scan->symbology == Symbology::Unknown);
}

TEST_CASE("a descriptor without Decoded Data is not a HID POS scanner") {
  auto d = parse_report_descriptor(hid_test::kBootKeyboard);
  REQUIRE(d);
  auto l = find_pos_scan_layout(std::move(*d));
  REQUIRE_FALSE(l);
  CHECK_FALSE(l.error().message.empty());
}

TEST_CASE("AIM identifiers") {
  CHECK(parse_aim("]C1").has_value());
  CHECK(symbology_of(*parse_aim("]C1")) == Symbology::Gs1_128);
  CHECK(symbology_of(*parse_aim("]E4")) == Symbology::Ean8);
  CHECK(symbology_of(*parse_aim("]A0")) == Symbology::Code39);
  CHECK(symbology_of(*parse_aim("]X0")) == Symbology::Other);
  CHECK_FALSE(parse_aim("C0]"));
  CHECK_FALSE(parse_aim("]C"));
  CHECK_FALSE(parse_aim("]1C"));
  std::string s = "]Q1RG-77";
  REQUIRE(take_aim_prefix(s));
  CHECK(s == "RG-77");
  std::string t = "]]]";
  CHECK_FALSE(take_aim_prefix(t));
  CHECK(t == "]]]");
  CHECK(std::string(symbology_name(Symbology::QrCode)) == "QR Code");
}
