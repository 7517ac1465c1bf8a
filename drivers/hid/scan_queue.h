// Scans handed from a device thread to the frame that polls them; bounded, so a chattering
// device cannot grow memory while the UI is busy.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "hid/scan.h"

namespace rg::drivers::hid {

class ScanQueue {
 public:
  static constexpr std::size_t kCapacity = 64;  // the oldest scans go first when it is full

  void push(Scan s);
  std::vector<Scan> take();
  void set_problem(std::string p);
  std::string problem() const;

 private:
  mutable std::mutex mu_;
  std::deque<Scan> scans_;
  std::string problem_;
};

}  // namespace rg::drivers::hid
