// The FIFO is opened for reading and, by us, for writing too, so it never reports end-of-file
// between two writers (echo opens, writes and closes it for every scan).
#include "hid/sim_scanner.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "hid/aim.h"
#include "i18n.h"

namespace rg::drivers::hid {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string problem_with(const char* format, const std::string& path) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, path.c_str(), std::strerror(errno));
  return buf;
}

}  // namespace

std::optional<Scan> sim_scan_from_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  Scan s;
  s.origin = ScanOrigin::Simulated;
  if (line.starts_with("hex:")) {
    line.remove_prefix(4);
    if (line.size() % 2) return std::nullopt;
    for (std::size_t i = 0; i < line.size(); i += 2) {
      int hi = hex_digit(line[i]), lo = hex_digit(line[i + 1]);
      if (hi < 0 || lo < 0) return std::nullopt;
      s.data.push_back(char(hi * 16 + lo));
    }
  } else {
    s.data = std::string(line);
    if (auto id = take_aim_prefix(s.data)) {
      s.aim = id->text();
      s.symbology = symbology_of(*id);
    }
  }
  if (s.data.empty()) return std::nullopt;
  s.time = std::chrono::system_clock::now();
  return s;
}

SimScanner::SimScanner(std::string fifo_path) : path_(std::move(fifo_path)) {
  if (path_.empty()) return;
  if (!reader_.start([this] { run(); }))
    queue_.set_problem(_("Barcode scanner: the system refused to start the reader"));
}

SimScanner::~SimScanner() { reader_.stop(); }

void SimScanner::scan(std::string_view line) {
  if (auto s = sim_scan_from_line(line)) queue_.push(std::move(*s));
}

void SimScanner::run() {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0 && ::mkfifo(path_.c_str(), 0600) != 0) {
    queue_.set_problem(problem_with(_("Simulated scanner: cannot create the pipe %s (%s)"), path_));
    return;
  }
  int fd = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  int keep = fd >= 0 ? ::open(path_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC) : -1;
  if (fd < 0 || keep < 0) {
    queue_.set_problem(problem_with(_("Simulated scanner: cannot open the pipe %s (%s)"), path_));
    if (fd >= 0) ::close(fd);
    return;
  }
  listening_ = true;
  std::string line;
  bool too_long = false;
  char buf[4096];
  for (;;) {
    pollfd p[2] = {{fd, POLLIN, 0}, {reader_.wake_fd(), POLLIN, 0}};
    if (::poll(p, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (p[1].revents) break;
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) continue;
    for (ssize_t i = 0; i < n; ++i) {
      if (buf[i] == '\n') {
        if (!too_long) scan(line);
        line.clear();
        too_long = false;
      } else if (line.size() >= kMaxLine) {
        too_long = true;
        line.clear();
      } else if (!too_long) {
        line.push_back(buf[i]);
      }
    }
  }
  listening_ = false;
  ::close(keep);
  ::close(fd);
}

}  // namespace rg::drivers::hid
