// What the desk holds a phone handset by, real (drivers/hid/usb_handset) or simulated.
#pragma once

#include <string>
#include <vector>

#include "hid/telephony.h"

namespace rg::drivers::hid {

class Handset {
 public:
  virtual ~Handset() = default;
  // Events since the last call, oldest first. Never blocks.
  virtual std::vector<HandsetEvent> poll() = 0;
  // Lights the LEDs; returns at once (the device thread sends the report).
  virtual void set_leds(const HandsetLeds& leds) = 0;
  // "" while the handset works; otherwise what is wrong, translated, for the administrator.
  virtual std::string problem() const = 0;
  // True when the hardware went away (unplugged): its owner drops it.
  virtual bool gone() const { return false; }
};

}  // namespace rg::drivers::hid
