#include "hid/reader_thread.h"

#include <fcntl.h>
#include <unistd.h>

namespace rg::drivers::hid {

bool ReaderThread::start(std::function<void()> body) {
  if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
    wake_[0] = wake_[1] = -1;
    return false;
  }
  thread_ = std::thread(std::move(body));
  return true;
}

void ReaderThread::wake_again() {
  if (wake_[1] < 0) return;
  char b = 1;
  [[maybe_unused]] auto n = ::write(wake_[1], &b, 1);
}

void ReaderThread::stop() {
  wake_again();
  if (thread_.joinable()) thread_.join();
  for (int& fd : wake_) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
}

}  // namespace rg::drivers::hid
