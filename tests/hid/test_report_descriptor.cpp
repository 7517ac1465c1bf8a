// The report descriptor parser on realistic descriptors (scanner, handset, boot keyboard) and on
// broken ones: every field where the specification puts it, every limit refused in words.
#include <doctest/doctest.h>

#include "descriptors.h"
#include "hid/report_bits.h"
#include "hid/report_descriptor.h"

using namespace rg::drivers::hid;

TEST_CASE("the boot keyboard: modifiers, reserved byte, LEDs out, six-key array, no report ids") {
  auto d = parse_report_descriptor(hid_test::kBootKeyboard);
  REQUIRE(d);
  CHECK_FALSE(d->uses_report_ids);
  REQUIRE(d->applications == std::vector<std::uint32_t>{usage(0x01, 0x06)});
  REQUIRE(d->fields.size() == 5);
  const Field& mods = d->fields[0];
  CHECK(mods.type == ReportType::Input);
  CHECK(mods.bit_offset == 0);
  CHECK(mods.bit_size == 1);
  CHECK(mods.count == 8);
  CHECK(mods.is_variable());
  CHECK(mods.value_usage(0) == usage(0x07, 0xE0));
  CHECK(mods.value_usage(7) == usage(0x07, 0xE7));
  CHECK(d->fields[1].is_constant());
  CHECK(d->fields[1].bit_offset == 8);
  const Field& leds = d->fields[2];
  CHECK(leds.type == ReportType::Output);
  CHECK(leds.bit_offset == 0);
  CHECK(leds.value_usage(4) == usage(0x08, 0x05));
  const Field& keys = d->fields[4];
  CHECK(keys.is_array());
  CHECK(keys.bit_offset == 16);
  CHECK(keys.count == 6);
  CHECK(keys.array_usage(0x04) == usage(0x07, 0x04));  // 'a'
  CHECK(keys.array_usage(102) == std::nullopt);        // outside Logical Maximum
  CHECK(d->report(ReportType::Input, 0)->bytes() == 8);
  CHECK(d->report(ReportType::Output, 0)->bytes() == 1);
}

TEST_CASE("the HID POS scanner: report ids, vendor length byte, AIM bytes, 56 data bytes, continued bit") {
  auto d = parse_report_descriptor(hid_test::kPosScanner);
  REQUIRE(d);
  CHECK(d->uses_report_ids);
  CHECK(d->applications == std::vector<std::uint32_t>{usage(0x8C, 0x02)});
  const ReportInfo* scan = d->report(ReportType::Input, 2);
  REQUIRE(scan);
  CHECK(scan->bytes() == 63);
  REQUIRE(d->report(ReportType::Input, 3));
  CHECK(d->report(ReportType::Input, 3)->bytes() == 1);
  auto data = d->find(ReportType::Input, usage(0x8C, 0xFE));
  REQUIRE(data);
  const Field& f = d->fields[data->field];
  CHECK(f.bit_offset == 32);
  CHECK(f.count == 56);
  CHECK((f.flags & kFlagBufferedBytes) != 0);
  CHECK(f.collection == usage(0x8C, 0x12));
  CHECK(f.application == usage(0x8C, 0x02));
  auto sym3 = d->find(ReportType::Input, usage(0x8C, 0xFD));
  REQUIRE(sym3);
  CHECK(sym3->index == 2);
  auto cont = d->find(ReportType::Input, usage(0x8C, 0xFF));
  REQUIRE(cont);
  CHECK(d->fields[cont->field].bit_offset == 62 * 8);  // byte 63 of the report with its id
  CHECK(d->fields[cont->field].logical_max == 1);
  CHECK(d->fields[0].value_usage(0) == usage(0xFF00, 0x01));
  CHECK(d->fields[0].logical_max == 255);  // 26 FF 00 read unsigned
}

TEST_CASE("the handset: hook/flash/mute bits, keypad array, LED output report 2, consumer keys") {
  auto d = parse_report_descriptor(hid_test::kHandset);
  REQUIRE(d);
  CHECK(d->applications == std::vector<std::uint32_t>{usage(0x0B, 0x01), usage(0x0C, 0x01)});
  auto hook = d->find(ReportType::Input, usage(0x0B, 0x20));
  auto mute = d->find(ReportType::Input, usage(0x0B, 0x2F));
  REQUIRE(hook);
  REQUIRE(mute);
  CHECK(hook->index == 0);
  CHECK(mute->index == 2);
  auto pad = d->find(ReportType::Input, usage(0x0B, 0xB5));
  REQUIRE(pad);
  const Field& keys = d->fields[pad->field];
  CHECK(keys.is_array());
  CHECK(keys.bit_offset == 8);
  CHECK(keys.array_usage(1) == usage(0x0B, 0xB0));
  CHECK(keys.array_usage(12) == usage(0x0B, 0xBB));
  CHECK(keys.array_usage(0) == std::nullopt);
  auto ring = d->find(ReportType::Output, usage(0x08, 0x18));
  REQUIRE(ring);
  CHECK(d->fields[ring->field].report_id == 2);
  CHECK(ring->index == 1);
  CHECK(d->report(ReportType::Output, 2)->bytes() == 1);
  CHECK(d->report(ReportType::Input, 3)->bytes() == 1);
}

TEST_CASE("items: long items skipped, extended usages, push/pop, signed logical ranges") {
  const std::vector<std::uint8_t> bytes = {
      0x05, 0x01, 0x09, 0x02, 0xA1, 0x01,        // Generic Desktop, Mouse, Application
      0xFE, 0x02, 0x10, 0xAA, 0xBB,              // a long item: skipped whole
      0xA4,                                      // Push
      0x0B, 0x30, 0x00, 0x01, 0x00,              // Usage (extended: page 0x0001, id 0x30 X)
      0x15, 0x81, 0x25, 0x7F,                    // Logical -127..127
      0x75, 0x08, 0x95, 0x01, 0x81, 0x06,        // Input (Data, Variable, Relative)
      0xB4,                                      // Pop: logical range back to 0..0
      0x09, 0x31, 0x75, 0x08, 0x95, 0x01, 0x81, 0x02,
      0xC0};
  auto d = parse_report_descriptor(bytes);
  REQUIRE(d);
  REQUIRE(d->fields.size() == 2);
  CHECK(d->fields[0].value_usage(0) == usage(0x01, 0x30));
  CHECK(d->fields[0].logical_min == -127);
  CHECK(d->fields[0].logical_max == 127);
  CHECK(d->fields[1].logical_min == 0);
  CHECK(d->fields[1].logical_max == 0);
  CHECK(d->fields[1].bit_offset == 8);
  const std::uint8_t report[] = {0xFE, 0x05};
  CHECK(field_value(d->fields[0], report, 0) == -2);  // sign-extended
  CHECK(field_value(d->fields[1], report, 0) == 5);
}

TEST_CASE("broken descriptors are refused with a reason, never read past their end") {
  auto refused = [](std::vector<std::uint8_t> b, const char* why) {
    auto d = parse_report_descriptor(b);
    INFO(why);
    REQUIRE_FALSE(d);
    CHECK(d.error().code == rg::ErrorCode::Invalid);
    CHECK_FALSE(d.error().message.empty());
    CHECK(d.error().detail.find(why) != std::string::npos);
  };
  refused({}, "empty");
  refused({0x05}, "truncated item");
  refused({0x27, 0xFF, 0xFF}, "truncated item");
  refused({0xFE, 0x05, 0x00, 0x01}, "truncated long item");
  refused({0xC0}, "end collection without collection");
  refused({0xA1, 0x01, 0x75, 0x08, 0x95, 0x01, 0x81, 0x02}, "collection not closed");
  refused({0xB4}, "pop without push");
  refused({0x85, 0x00}, "report id outside 1..255");
  refused({0x75, 0x21, 0x95, 0x01, 0x81, 0x02}, "value wider than 32 bits");
  refused({0x76, 0x00, 0x10, 0x95, 0x09, 0x81, 0x01}, "report longer than 4096 bytes");
  refused({0x0C}, "reserved item type");
  refused({0xF0}, "unknown main item");
  refused({0x05, 0x01}, "no report fields");
  std::vector<std::uint8_t> deep;
  for (int i = 0; i < 40; ++i) deep.insert(deep.end(), {0xA1, 0x00});
  refused(deep, "collections nested too deep");
  std::vector<std::uint8_t> pushes(20, 0xA4);
  refused(pushes, "push nested too deep");
}

TEST_CASE("bits: read and write little-endian fields without leaving the buffer") {
  std::uint8_t b[3] = {0b1011'0100, 0xFF, 0x01};
  CHECK(read_bits(b, 2, 3) == 0b101u);
  CHECK(read_bits(b, 4, 12) == 0xFFBu);
  CHECK(read_bits(b, 16, 8) == 0x01u);
  CHECK(read_bits(b, 17, 8) == std::nullopt);
  CHECK(read_bits(b, 0, 33) == std::nullopt);
  CHECK(read_bits(b, 0, 0) == std::nullopt);
  std::uint8_t z[5] = {};
  CHECK(write_bits(z, 3, 32, 0xDEADBEEF));
  CHECK(read_bits(z, 3, 32) == 0xDEADBEEFu);
  CHECK((z[0] & 0x07) == 0);
  CHECK_FALSE(write_bits(z, 9, 32, 1));
}
