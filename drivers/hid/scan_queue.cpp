// A mutex-guarded deque; the lock is held only to move scans in or out.
#include "hid/scan_queue.h"

namespace rg::drivers::hid {

void ScanQueue::push(Scan s) {
  std::lock_guard lock(mu_);
  if (scans_.size() >= kCapacity) scans_.pop_front();
  scans_.push_back(std::move(s));
}

std::vector<Scan> ScanQueue::take() {
  std::lock_guard lock(mu_);
  std::vector<Scan> out(std::make_move_iterator(scans_.begin()), std::make_move_iterator(scans_.end()));
  scans_.clear();
  return out;
}

void ScanQueue::set_problem(std::string p) {
  std::lock_guard lock(mu_);
  problem_ = std::move(p);
}

std::string ScanQueue::problem() const {
  std::lock_guard lock(mu_);
  return problem_;
}

}  // namespace rg::drivers::hid
