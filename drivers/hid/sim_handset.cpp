// Methods become the same events the real handset's reports would give.
#include "hid/sim_handset.h"

namespace rg::drivers::hid {

void SimHandset::push(HandsetEvent e) {
  if (events_.size() >= 256) events_.pop_front();
  events_.push_back(std::move(e));
}

void SimHandset::ring(std::string caller_number) {
  std::lock_guard lock(mu_);
  push({HandsetEventKind::IncomingCall, 0, std::move(caller_number)});
}

void SimHandset::lift() {
  std::lock_guard lock(mu_);
  if (off_hook_) return;
  off_hook_ = true;
  push({HandsetEventKind::OffHook});
}

void SimHandset::hang_up() {
  std::lock_guard lock(mu_);
  if (!off_hook_) return;
  off_hook_ = false;
  push({HandsetEventKind::OnHook});
}

void SimHandset::flash() {
  std::lock_guard lock(mu_);
  push({HandsetEventKind::Flash});
}

void SimHandset::press_mute() {
  std::lock_guard lock(mu_);
  push({HandsetEventKind::MuteToggled});
}

bool SimHandset::press(char key) {
  if (!((key >= '0' && key <= '9') || key == '*' || key == '#')) return false;
  std::lock_guard lock(mu_);
  push({HandsetEventKind::Digit, key});
  return true;
}

std::vector<HandsetEvent> SimHandset::poll() {
  std::lock_guard lock(mu_);
  std::vector<HandsetEvent> out(events_.begin(), events_.end());
  events_.clear();
  return out;
}

void SimHandset::set_leds(const HandsetLeds& leds) {
  std::lock_guard lock(mu_);
  leds_ = leds;
}

HandsetLeds SimHandset::leds() const {
  std::lock_guard lock(mu_);
  return leds_;
}

bool SimHandset::off_hook() const {
  std::lock_guard lock(mu_);
  return off_hook_;
}

}  // namespace rg::drivers::hid
