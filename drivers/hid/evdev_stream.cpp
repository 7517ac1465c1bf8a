// struct input_event as this kernel ABI lays it out (linux/input.h); copied byte-wise, never cast.
#include "hid/evdev_stream.h"

#include <linux/input.h>

#include <cstring>

namespace rg::drivers::hid {

std::size_t EvdevStream::event_size() { return sizeof(input_event); }

void EvdevStream::append(std::span<const std::uint8_t> bytes, std::vector<InputEvent>& out) {
  partial_.insert(partial_.end(), bytes.begin(), bytes.end());
  const std::size_t n = sizeof(input_event);
  std::size_t used = 0;
  for (; used + n <= partial_.size(); used += n) {
    input_event ev;
    std::memcpy(&ev, partial_.data() + used, n);
    InputEvent e;
    // Saturating: a hostile timestamp must not overflow.
    std::int64_t sec = std::int64_t(ev.input_event_sec);
    std::int64_t usec = std::int64_t(ev.input_event_usec);
    constexpr std::int64_t kLimit = INT64_MAX / 2000000;
    if (sec > kLimit) sec = kLimit;
    if (sec < -kLimit) sec = -kLimit;
    if (usec > 999999 || usec < 0) usec = 0;
    e.time_us = sec * 1000000 + usec;
    e.type = ev.type;
    e.code = ev.code;
    e.value = ev.value;
    out.push_back(e);
  }
  partial_.erase(partial_.begin(), partial_.begin() + std::ptrdiff_t(used));
}

}  // namespace rg::drivers::hid
