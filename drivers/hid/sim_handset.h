// The handset's simulated twin for the demo: the "phone line" rings with a caller's number,
// and the person at the demo (or a test) lifts, hangs up and dials by method calls.
#pragma once

#include <deque>
#include <mutex>

#include "hid/handset.h"

namespace rg::drivers::hid {

class SimHandset final : public Handset {
 public:
  void ring(std::string caller_number);  // an incoming call
  void lift();                           // off hook (nothing if already off hook)
  void hang_up();                        // on hook
  void flash();
  void press_mute();
  bool press(char key);                  // '0'–'9', '*', '#'; false for other characters

  std::vector<HandsetEvent> poll() override;
  void set_leds(const HandsetLeds& leds) override;
  std::string problem() const override { return {}; }
  HandsetLeds leds() const;
  bool off_hook() const;

 private:
  void push(HandsetEvent e);

  mutable std::mutex mu_;
  std::deque<HandsetEvent> events_;
  HandsetLeds leds_;
  bool off_hook_ = false;
};

}  // namespace rg::drivers::hid
