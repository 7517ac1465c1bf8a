// Keyboard-wedge keystrokes → scans: US layout with Shift, Enter ends, a pause drops a partial;
// and input_event bytes cut into events whatever the read sizes.
#include <doctest/doctest.h>

#include <linux/input.h>

#include <cstring>

#include "hid/evdev_stream.h"
#include "hid/key_map.h"
#include "hid/wedge_assembler.h"

using namespace rg::drivers::hid;

namespace {

// Types `text` as a scanner would (press/release, Shift around capitals), 2 ms a key, from `t`.
std::vector<Scan> type(WedgeAssembler& w, const std::vector<std::pair<std::uint16_t, bool>>& keys, std::int64_t& t) {
  std::vector<Scan> out;
  for (auto [code, shift] : keys) {
    if (shift) w.key(KEY_LEFTSHIFT, 1, t);
    if (auto s = w.key(code, 1, t)) out.push_back(*s);
    w.key(code, 0, t + 500);
    if (shift) w.key(KEY_LEFTSHIFT, 0, t + 600);
    t += 2000;
  }
  return out;
}

}  // namespace

TEST_CASE("US layout: digits, letters, Shift for capitals and symbols, keypad") {
  CHECK(us_ascii(KEY_1, false) == '1');
  CHECK(us_ascii(KEY_1, true) == '!');
  CHECK(us_ascii(KEY_R, false) == 'r');
  CHECK(us_ascii(KEY_R, true) == 'R');
  CHECK(us_ascii(KEY_MINUS, true) == '_');
  CHECK(us_ascii(KEY_SLASH, false) == '/');
  CHECK(us_ascii(KEY_SPACE, false) == ' ');
  CHECK(us_ascii(KEY_KP7, false) == '7');
  CHECK(us_ascii(KEY_KPDOT, true) == '.');
  CHECK_FALSE(us_ascii(KEY_ENTER, false));
  CHECK_FALSE(us_ascii(KEY_LEFTSHIFT, false));
  CHECK_FALSE(us_ascii(KEY_F1, false));
  CHECK_FALSE(us_ascii(0xFFFF, false));
}

TEST_CASE("a token typed with Shift and ended by Enter, without an AIM prefix, is Unknown") {
  WedgeAssembler w;
  std::int64_t t = 1'000'000;
  auto scans = type(w, {{KEY_R, true}, {KEY_G, true}, {KEY_1, false}, {KEY_MINUS, false}, {KEY_A, false},
                        {KEY_ENTER, false}},
                    t);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].data == "RG1-a");
  CHECK(scans[0].aim.empty());
  CHECK(scans[0].symbology == Symbology::Unknown);
  CHECK(scans[0].origin == ScanOrigin::KeyboardWedge);
}

TEST_CASE("an AIM prefix typed before the code (Code 128, C0) is taken off") {
  WedgeAssembler w;
  std::int64_t t = 0;
  auto scans = type(w, {{KEY_RIGHTBRACE, false}, {KEY_C, true}, {KEY_0, false}, {KEY_4, false}, {KEY_2, false},
                        {KEY_KPENTER, false}},
                    t);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].aim == "]C0");
  CHECK(scans[0].data == "42");
  CHECK(scans[0].symbology == Symbology::Code128);
}

TEST_CASE("a pause longer than the inter-key timeout drops the partial scan") {
  WedgeAssembler w;  // 200 ms
  std::int64_t t = 0;
  CHECK(type(w, {{KEY_1, false}, {KEY_2, false}}, t).empty());
  t += 500'000;
  auto scans = type(w, {{KEY_3, false}, {KEY_4, false}, {KEY_ENTER, false}}, t);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].data == "34");
  CHECK(w.dropped() == 1);
  type(w, {{KEY_9, false}}, t);
  w.idle();
  CHECK(w.dropped() == 2);
  CHECK_FALSE(w.in_progress());
}

TEST_CASE("auto-repeat, keys that type nothing, a lone Enter and time going backwards") {
  WedgeAssembler w;
  CHECK_FALSE(w.key(KEY_5, 1, 100));
  CHECK_FALSE(w.key(KEY_5, 2, 150));  // repeat: ignored
  CHECK_FALSE(w.key(KEY_F5, 1, 200));
  auto s = w.key(KEY_ENTER, 1, 300);
  REQUIRE(s);
  CHECK(s->data == "5");
  CHECK_FALSE(w.key(KEY_ENTER, 1, 400));  // nothing typed: no scan
  CHECK_FALSE(w.key(KEY_7, 1, 1000));
  CHECK_FALSE(w.key(KEY_ENTER, 1, 10));  // backwards: the 7 is not trusted
  CHECK(w.dropped() == 1);
}

TEST_CASE("an overlong wedge scan is dropped whole") {
  WedgeAssembler::Options o;
  o.max_length = 8;
  WedgeAssembler w(o);
  std::int64_t t = 0;
  for (int i = 0; i < 20; ++i) w.key(KEY_1, 1, t += 100);
  CHECK_FALSE(w.key(KEY_ENTER, 1, t += 100));
  CHECK(w.dropped() == 1);
  w.key(KEY_2, 1, t += 100);
  auto s = w.key(KEY_ENTER, 1, t += 100);
  REQUIRE(s);
  CHECK(s->data == "2");
}

TEST_CASE("input_event bytes in pieces of any size") {
  std::vector<std::uint8_t> bytes;
  for (int i = 0; i < 3; ++i) {
    input_event e{};
    e.input_event_sec = 7;
    e.input_event_usec = 250000 + i;
    e.type = EV_KEY;
    e.code = std::uint16_t(KEY_1 + i);
    e.value = 1;
    const auto* p = reinterpret_cast<const std::uint8_t*>(&e);
    bytes.insert(bytes.end(), p, p + sizeof e);
  }
  EvdevStream s;
  std::vector<InputEvent> out;
  for (std::size_t at = 0; at < bytes.size(); at += 5)
    s.append(std::span(bytes).subspan(at, std::min<std::size_t>(5, bytes.size() - at)), out);
  REQUIRE(out.size() == 3);
  CHECK(out[2].code == KEY_3);
  CHECK(out[2].time_us == 7'250'002);
  CHECK(s.pending_bytes() == 0);
}
