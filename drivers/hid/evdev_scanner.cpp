// open → EVIOCGRAB → poll/read loop; an unplugged node is reopened every second. The poll
// timeout is the inter-key timeout while a scan is half typed, so a lone partial is dropped.
#include "hid/evdev_scanner.h"

#include <fcntl.h>
#include <linux/input.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "hid/evdev_stream.h"
#include "i18n.h"

namespace rg::drivers::hid {
namespace {

std::string with(const char* format, const std::string& a, const std::string& b = {}) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, a.c_str(), b.c_str());
  return buf;
}

}  // namespace

EvdevScanner::EvdevScanner(Options options) : options_(std::move(options)) {
  if (!reader_.start([this] { run(); }))
    queue_.set_problem(_("Barcode scanner: the system refused to start the reader"));
}

EvdevScanner::~EvdevScanner() { reader_.stop(); }

void EvdevScanner::run() {
  for (;;) {
    int fd = ::open(options_.path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      open_ = false;
      queue_.set_problem(with(_("Barcode scanner: cannot open %s (%s)"), options_.path, std::strerror(errno)));
      pollfd p{reader_.wake_fd(), POLLIN, 0};
      if (::poll(&p, 1, int(options_.reopen_every.count())) > 0) return;
      continue;
    }
    open_ = true;
    if (::ioctl(fd, EVIOCGRAB, 1) == 0) {
      grabbed_ = true;
      queue_.set_problem({});
    } else {
      grabbed_ = false;  // still read it: the codes are right, but the desktop sees them too
      queue_.set_problem(with(_("Barcode scanner: another program holds %s, scans may also be typed into it"),
                              options_.path));
    }
    read_device(fd);
    if (grabbed_) ::ioctl(fd, EVIOCGRAB, 0);
    grabbed_ = false;
    open_ = false;
    ::close(fd);
    pollfd p{reader_.wake_fd(), POLLIN, 0};  // stopped (the byte is still there), or wait to reopen
    if (::poll(&p, 1, int(options_.reopen_every.count())) > 0) return;
  }
}

void EvdevScanner::read_device(int fd) {
  WedgeAssembler wedge(options_.wedge);
  EvdevStream stream;
  std::vector<InputEvent> events;
  std::uint8_t buf[64 * sizeof(input_event)];
  const auto timeout_ms = int((options_.wedge.inter_key_timeout.count() + 999) / 1000);
  for (;;) {
    pollfd p[2] = {{fd, POLLIN, 0}, {reader_.wake_fd(), POLLIN, 0}};
    int r = ::poll(p, 2, wedge.in_progress() ? timeout_ms : -1);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return;
    if (r == 0) {
      wedge.idle();
      dropped_ = wedge.dropped();
      continue;
    }
    if (p[1].revents) {
      reader_.wake_again();  // put the stop byte back for run()
      return;
    }
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0 || (p[0].revents & (POLLHUP | POLLERR))) {
      queue_.set_problem(with(_("Barcode scanner: disconnected (%s)"), options_.path));
      return;
    }
    events.clear();
    stream.append(std::span<const std::uint8_t>(buf, std::size_t(n)), events);
    for (const InputEvent& e : events) {
      if (e.type != kEvKey) continue;
      if (auto scan = wedge.key(e.code, e.value, e.time_us)) queue_.push(std::move(*scan));
    }
    dropped_ = wedge.dropped();
  }
}

}  // namespace rg::drivers::hid
