// Keystrokes → scans. Time comes from the events themselves, so replays behave like the device.
#include "hid/wedge_assembler.h"

#include "hid/aim.h"
#include "hid/key_map.h"

namespace rg::drivers::hid {

void WedgeAssembler::drop() {
  if (!typed_.empty() || overflow_) ++dropped_;
  typed_.clear();
  overflow_ = false;
}

void WedgeAssembler::idle() { drop(); }

std::optional<Scan> WedgeAssembler::key(std::uint16_t code, std::int32_t value, std::int64_t time_us) {
  if (code == keys::kLeftShift) left_shift_ = value != 0;
  if (code == keys::kRightShift) right_shift_ = value != 0;
  if (value != 1) return std::nullopt;

  // Too long since the last key (or time went backwards): what was typed is not this scan.
  if ((!typed_.empty() || overflow_) &&
      (time_us < last_us_ || time_us - last_us_ > options_.inter_key_timeout.count()))
    drop();
  last_us_ = time_us;

  if (code == keys::kEnter || code == keys::kKeypadEnter) {
    if (overflow_ || typed_.empty()) {
      drop();
      return std::nullopt;
    }
    Scan scan;
    scan.data = std::move(typed_);
    typed_.clear();
    if (options_.take_aim_prefix) {
      if (auto id = take_aim_prefix(scan.data)) {
        scan.aim = id->text();
        scan.symbology = symbology_of(*id);
      }
    }
    scan.origin = ScanOrigin::KeyboardWedge;
    scan.time = std::chrono::system_clock::now();
    if (scan.data.empty()) return std::nullopt;
    return scan;
  }
  auto c = us_ascii(code, left_shift_ || right_shift_);
  if (!c) return std::nullopt;  // keys that type nothing
  if (typed_.size() >= options_.max_length) {
    overflow_ = true;
    typed_.clear();
    return std::nullopt;
  }
  if (!overflow_) typed_.push_back(*c);
  return std::nullopt;
}

}  // namespace rg::drivers::hid
