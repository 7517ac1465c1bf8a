// A device reader's thread with a way to stop it: the thread polls its device and wake_fd();
// stop() (and the destructor) makes wake_fd() readable and joins. Declare it last in the owner,
// so the thread ends before anything it uses goes away.
#pragma once

#include <functional>
#include <thread>

namespace rg::drivers::hid {

class ReaderThread {
 public:
  ReaderThread() = default;
  ~ReaderThread() { stop(); }
  ReaderThread(const ReaderThread&) = delete;
  ReaderThread& operator=(const ReaderThread&) = delete;

  // Starts `body` on the thread; false when the system refuses the pipe (nothing started).
  bool start(std::function<void()> body);
  void stop();
  int wake_fd() const { return wake_[0]; }
  // A reader that consumed the stop byte puts it back, so every later poll sees it too.
  void wake_again();

 private:
  int wake_[2] = {-1, -1};
  std::thread thread_;
};

}  // namespace rg::drivers::hid
