// Keystrokes of a keyboard-wedge scanner assembled into scans: characters by the US layout with
// Shift, a scan ends at Enter, and a pause longer than the inter-key timeout drops what was
// typed so far (a scanner types a code in one burst; a stray key press is not a scan).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "hid/scan.h"

namespace rg::drivers::hid {

class WedgeAssembler {
 public:
  struct Options {
    std::chrono::microseconds inter_key_timeout{std::chrono::milliseconds(200)};
    bool take_aim_prefix = true;  // "]C0…" from scanners configured to send the AIM id
    std::size_t max_length = 4096;
  };

  WedgeAssembler() : WedgeAssembler(Options{}) {}
  explicit WedgeAssembler(Options o) : options_(o) {}

  // One EV_KEY event: value 1 pressed, 0 released, 2 auto-repeat (ignored). `time_us` is the
  // event's own timestamp. Returns the scan Enter completes.
  std::optional<Scan> key(std::uint16_t code, std::int32_t value, std::int64_t time_us);
  // The reader saw no key for longer than the timeout: a partial scan is dropped.
  void idle();
  bool in_progress() const { return !typed_.empty(); }
  std::size_t dropped() const { return dropped_; }
  const Options& options() const { return options_; }

 private:
  void drop();

  Options options_;
  std::string typed_;
  bool left_shift_ = false;
  bool right_shift_ = false;
  bool overflow_ = false;
  std::int64_t last_us_ = 0;
  std::size_t dropped_ = 0;
};

}  // namespace rg::drivers::hid
