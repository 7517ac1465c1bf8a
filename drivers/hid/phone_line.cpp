#include "hid/phone_line.h"

namespace rg::drivers::hid {

bool PhoneLine::on_event(const HandsetEvent& e, std::int64_t now_ms) {
  auto become = [&](CallState s) {
    state_ = s;
    since_ms_ = now_ms;
  };
  switch (e.kind) {
    case HandsetEventKind::IncomingCall:
      if (state_ != CallState::Idle) return false;  // one line: a second caller hears busy
      number_ = e.number.substr(0, kMaxNumber + 8);
      become(CallState::Ringing);
      return true;
    case HandsetEventKind::OffHook:
      if (state_ == CallState::Ringing) {
        answered_ = true;
        become(CallState::Talking);
        return true;
      }
      if (state_ != CallState::Idle) return false;
      number_.clear();
      answered_ = false;
      become(CallState::Dialling);
      return true;
    case HandsetEventKind::OnHook:
      if (state_ == CallState::Idle) return false;
      number_.clear();
      answered_ = muted_ = false;
      become(CallState::Idle);
      return true;
    case HandsetEventKind::Digit:
      if (state_ != CallState::Dialling || number_.size() >= kMaxNumber) return false;
      number_ += e.digit;
      return true;
    case HandsetEventKind::MuteToggled:
      if (state_ != CallState::Talking && state_ != CallState::Dialling) return false;
      muted_ = !muted_;
      return true;
    case HandsetEventKind::Flash:
      return false;
  }
  return false;
}

HandsetLeds PhoneLine::leds() const {
  HandsetLeds l;
  l.ring = state_ == CallState::Ringing;
  l.off_hook = state_ == CallState::Talking || state_ == CallState::Dialling;
  l.mute = muted_;
  return l;
}

}  // namespace rg::drivers::hid
