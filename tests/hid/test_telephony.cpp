// The handset: events by edge detection from input reports, LED output reports byte by byte,
// the simulated twin.
#include <doctest/doctest.h>

#include "descriptors.h"
#include "hid/sim_handset.h"
#include "hid/telephony.h"

using namespace rg::drivers::hid;
using K = HandsetEventKind;

namespace {

HandsetLayout layout() {
  auto d = parse_report_descriptor(hid_test::kHandset);
  REQUIRE(d);
  auto l = find_handset_layout(std::move(*d));
  REQUIRE(l);
  return std::move(*l);
}

// Input report 1: bit 0 hook, bit 1 flash, bit 2 mute; byte 2 the key (1 = '0' … 12 = '#').
std::vector<std::uint8_t> in(bool hook, bool flash, bool mute, std::uint8_t key = 0) {
  return {0x01, std::uint8_t((hook ? 1 : 0) | (flash ? 2 : 0) | (mute ? 4 : 0)), key};
}

}  // namespace

TEST_CASE("the layout: hook, flash, mute, keypad and four LEDs") {
  HandsetLayout l = layout();
  CHECK(l.hook);
  CHECK(l.flash);
  CHECK(l.mute);
  CHECK(l.keypad_fields.size() == 1);
  CHECK(l.has_leds());
}

TEST_CASE("lift, dial 1-2-#, flash, mute, hang up: one event per edge") {
  HandsetDecoder d(layout());
  CHECK(d.feed(in(true, false, false)) == std::vector<HandsetEvent>{{K::OffHook}});
  CHECK(d.feed(in(true, false, false)).empty());  // the same state again: nothing
  CHECK(d.feed(in(true, false, false, 2)) == std::vector<HandsetEvent>{{K::Digit, '1'}});
  CHECK(d.feed(in(true, false, false, 2)).empty());  // held: still one digit
  CHECK(d.feed(in(true, false, false, 0)).empty());
  CHECK(d.feed(in(true, false, false, 3)) == std::vector<HandsetEvent>{{K::Digit, '2'}});
  CHECK(d.feed(in(true, false, false, 12)) == std::vector<HandsetEvent>{{K::Digit, '#'}});  // rolled over
  CHECK(d.feed(in(true, false, false, 12)).empty());
  CHECK(d.feed(in(true, true, false)) == std::vector<HandsetEvent>{{K::Flash}});
  CHECK(d.feed(in(true, false, false)).empty());
  CHECK(d.feed(in(true, false, true)) == std::vector<HandsetEvent>{{K::MuteToggled}});
  CHECK(d.feed(in(true, false, false)).empty());
  CHECK(d.feed(in(false, false, false)) == std::vector<HandsetEvent>{{K::OnHook}});
  CHECK_FALSE(d.off_hook());
}

TEST_CASE("several edges in one report come in one go, and the consumer report and garbage change nothing") {
  HandsetDecoder d(layout());
  auto ev = d.feed(in(true, false, true, 11));
  CHECK(ev == std::vector<HandsetEvent>{{K::OffHook}, {K::MuteToggled}, {K::Digit, '*'}});
  CHECK(d.feed(std::vector<std::uint8_t>{0x03, 0x01}).empty());  // volume up
  CHECK(d.feed(std::vector<std::uint8_t>{0x01}).empty());        // too short
  CHECK(d.feed(std::vector<std::uint8_t>{}).empty());
  CHECK(d.feed(std::vector<std::uint8_t>{0x09, 0xFF, 0xFF}).empty());  // no such report
  CHECK(d.feed(in(true, false, true, 200)).empty());  // a key value outside 1..12 is no key
  CHECK(d.off_hook());
}

TEST_CASE("LED output report 2: off-hook bit 0, ring bit 1, mute bit 2, hold bit 3") {
  HandsetLayout l = layout();
  auto reports = led_reports(l, {});
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].id == 2);
  CHECK(reports[0].bytes == std::vector<std::uint8_t>{0x02, 0x00});
  CHECK(led_reports(l, {.ring = true})[0].bytes == std::vector<std::uint8_t>{0x02, 0x02});
  CHECK(led_reports(l, {.off_hook = true, .mute = true})[0].bytes == std::vector<std::uint8_t>{0x02, 0x05});
  CHECK(led_reports(l, {true, true, true, true})[0].bytes == std::vector<std::uint8_t>{0x02, 0x0F});
  CHECK(led_reports(l, {.hold = true})[0].bytes == std::vector<std::uint8_t>{0x02, 0x08});
}

TEST_CASE("a descriptor without a hook switch is not a handset, and keypad characters") {
  auto d = parse_report_descriptor(hid_test::kBootKeyboard);
  REQUIRE(d);
  CHECK_FALSE(find_handset_layout(std::move(*d)));
  CHECK(keypad_char(usage(0x0B, 0xB0)) == '0');
  CHECK(keypad_char(usage(0x0B, 0xB9)) == '9');
  CHECK(keypad_char(usage(0x0B, 0xBA)) == '*');
  CHECK(keypad_char(usage(0x0B, 0xBB)) == '#');
  CHECK_FALSE(keypad_char(usage(0x0B, 0xBC)));
  CHECK_FALSE(keypad_char(usage(0x07, 0xB0)));
}

TEST_CASE("the simulated handset: an incoming call, lift, digits, hang up, LEDs kept") {
  SimHandset h;
  h.ring("+7 912 345-67-89");
  h.lift();
  h.lift();  // already off hook
  CHECK(h.press('5'));
  CHECK_FALSE(h.press('x'));
  h.hang_up();
  auto ev = h.poll();
  REQUIRE(ev.size() == 4);
  CHECK(ev[0].kind == K::IncomingCall);
  CHECK(ev[0].number == "+7 912 345-67-89");
  CHECK(ev[1].kind == K::OffHook);
  CHECK(ev[2] == HandsetEvent{K::Digit, '5'});
  CHECK(ev[3].kind == K::OnHook);
  CHECK(h.poll().empty());
  h.set_leds({.ring = true});
  CHECK(h.leds().ring);
  CHECK(h.problem().empty());
}
