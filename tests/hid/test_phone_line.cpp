// The phone line the handset drives: answering, dialling, hanging up, mute, and the lights.
#include <doctest/doctest.h>

#include "hid/phone_line.h"
#include "hid/sim_handset.h"

using namespace rg::drivers::hid;

TEST_CASE("phone line: a call rings, lifting answers it, hanging up ends it, the lights follow") {
  PhoneLine line;
  CHECK(line.leds() == HandsetLeds{});
  CHECK(line.on_event({HandsetEventKind::IncomingCall, 0, "+7 916 123-45-67"}, 1000));
  CHECK(line.state() == CallState::Ringing);
  CHECK(line.number() == "+7 916 123-45-67");
  CHECK(line.leds().ring);
  CHECK_FALSE(line.leds().off_hook);
  // A second caller while this one rings is not taken.
  CHECK_FALSE(line.on_event({HandsetEventKind::IncomingCall, 0, "+7 999 000-00-00"}, 1500));
  CHECK(line.number() == "+7 916 123-45-67");
  CHECK(line.on_event({HandsetEventKind::OffHook}, 3000));
  CHECK(line.state() == CallState::Talking);
  CHECK(line.answered());
  CHECK(line.since_ms() == 3000);
  CHECK(line.leds().off_hook);
  CHECK_FALSE(line.leds().ring);
  CHECK_FALSE(line.on_event({HandsetEventKind::Digit, '5'}, 3100));  // tones in a call dial nothing
  CHECK(line.on_event({HandsetEventKind::MuteToggled}, 3200));
  CHECK(line.leds().mute);
  CHECK(line.on_event({HandsetEventKind::OnHook}, 9000));
  CHECK(line.state() == CallState::Idle);
  CHECK(line.number().empty());
  CHECK(line.leds() == HandsetLeds{});
}

TEST_CASE("phone line: lifting with nothing ringing dials, digits make the number, at most 20") {
  PhoneLine line;
  CHECK_FALSE(line.on_event({HandsetEventKind::Digit, '1'}, 0));  // on hook: nothing
  CHECK(line.on_event({HandsetEventKind::OffHook}, 10));
  CHECK(line.state() == CallState::Dialling);
  CHECK_FALSE(line.answered());
  for (char c : std::string("89161234567")) line.on_event({HandsetEventKind::Digit, c}, 20);
  CHECK(line.number() == "89161234567");
  for (int i = 0; i < 30; ++i) line.on_event({HandsetEventKind::Digit, '0'}, 30);
  CHECK(line.number().size() == PhoneLine::kMaxNumber);
  CHECK_FALSE(line.on_event({HandsetEventKind::IncomingCall, 0, "+7 916"}, 40));  // busy
  CHECK(line.on_event({HandsetEventKind::OnHook}, 50));
  CHECK(line.state() == CallState::Idle);
}

TEST_CASE("phone line: fed by the simulated handset as the desk feeds it") {
  SimHandset h;
  PhoneLine line;
  auto feed = [&](std::int64_t t) {
    for (const auto& e : h.poll()) line.on_event(e, t);
    h.set_leds(line.leds());
  };
  h.ring("+7 495 000-11-22");
  feed(1);
  CHECK(h.leds().ring);
  h.lift();
  feed(2);
  CHECK(line.state() == CallState::Talking);
  CHECK(h.leds().off_hook);
  CHECK_FALSE(h.leds().ring);
  h.hang_up();
  feed(3);
  CHECK(line.state() == CallState::Idle);
  CHECK_FALSE(h.leds().off_hook);
}
