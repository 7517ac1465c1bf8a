// The bytes read from /dev/input/eventN cut into input events (struct input_event), whatever
// size the reads come in.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace rg::drivers::hid {

inline constexpr std::uint16_t kEvSyn = 0;  // EV_SYN
inline constexpr std::uint16_t kEvKey = 1;  // EV_KEY

struct InputEvent {
  std::int64_t time_us = 0;
  std::uint16_t type = 0;
  std::uint16_t code = 0;
  std::int32_t value = 0;
};

class EvdevStream {
 public:
  // Appends the complete events in `bytes` (and in what was left over before) to `out`.
  void append(std::span<const std::uint8_t> bytes, std::vector<InputEvent>& out);
  std::size_t pending_bytes() const { return partial_.size(); }
  static std::size_t event_size();

 private:
  std::vector<std::uint8_t> partial_;
};

}  // namespace rg::drivers::hid
