// The desk's phone line as the handset drives it: a call rings (the telephony side says so — the
// simulated handset in the demo), lifting the handset answers it, lifting it with nothing ringing
// starts dialling, keypad digits go to the number dialled, hanging up ends whatever was going on.
// Plain logic over HandsetEvents: the desk feeds it every frame and shows it; the handset's lights
// follow leds().
#pragma once

#include <cstdint>
#include <string>

#include "hid/telephony.h"

namespace rg::drivers::hid {

enum class CallState { Idle, Ringing, Talking, Dialling };

class PhoneLine {
 public:
  static constexpr std::size_t kMaxNumber = 20;

  // One event from the handset at `now_ms` (any steady clock); true when anything shown changed.
  bool on_event(const HandsetEvent& e, std::int64_t now_ms);

  CallState state() const { return state_; }
  const std::string& number() const { return number_; }  // the caller, or what was dialled
  bool answered() const { return answered_; }             // talking to a caller, not an outgoing call
  bool muted() const { return muted_; }
  std::int64_t since_ms() const { return since_ms_; }     // when the state began
  HandsetLeds leds() const;

 private:
  CallState state_ = CallState::Idle;
  std::string number_;
  bool answered_ = false, muted_ = false;
  std::int64_t since_ms_ = 0;
};

}  // namespace rg::drivers::hid
