// When a desk left alone locks itself: after `limit_s` seconds without a key, a click, the wheel
// or the mouse moving (0: never). Pure arithmetic on the frame's clock, so tests drive it.
#pragma once

namespace rg::desk {

class IdleLock {
 public:
  void set_limit(double seconds) { limit_s_ = seconds; }
  // Starts counting afresh (a person signed in or unlocked).
  void restart(double now) { last_input_ = now; }
  // One frame: whether there was input; true when the desk should lock now.
  bool due(double now, bool input) {
    if (input) last_input_ = now;
    return limit_s_ > 0 && now - last_input_ >= limit_s_;
  }

 private:
  double limit_s_ = 600, last_input_ = 0;
};

}  // namespace rg::desk
