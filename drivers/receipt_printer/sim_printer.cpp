// Simulated receipt printer: files instead of USB, faults from a method or from control files.
#include "receipt_printer/sim_printer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "i18n.h"

namespace rg::drivers {
namespace fs = std::filesystem;

namespace {

std::string with_path(const char* sentence, const std::string& path) {
  std::string s = sentence;
  if (auto at = s.find("%s"); at != std::string::npos) s.replace(at, 2, path);
  return s;
}

// The number in "receipt-0042.bin", or -1.
int job_number(const std::string& file) {
  constexpr std::string_view prefix = "receipt-", suffix = ".bin";
  if (file.size() <= prefix.size() + suffix.size() || !file.starts_with(prefix) || !file.ends_with(suffix))
    return -1;
  const char* first = file.data() + prefix.size();
  const char* last = file.data() + file.size() - suffix.size();
  int n = -1;
  auto [p, ec] = std::from_chars(first, last, n);
  return ec == std::errc() && p == last ? n : -1;
}

int highest_job(const fs::path& dir) {
  int highest = 0;
  std::error_code ec;
  for (fs::directory_iterator i(dir, ec), end; !ec && i != end; i.increment(ec))
    highest = std::max(highest, job_number(i->path().filename().string()));
  return highest;
}

bool file_present(const fs::path& p) {
  std::error_code ec;
  return fs::exists(p, ec);
}

// Writes all of `bytes` to a new file `tmp` and fsyncs it; errno is kept on failure.
bool write_synced(const fs::path& tmp, std::span<const std::uint8_t> bytes) {
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  for (std::size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      errno = err;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    errno = err;
    return false;
  }
  return ::close(fd) == 0;
}

}  // namespace

std::string sim_job_file_name(int number) {
  char name[32];
  std::snprintf(name, sizeof name, "receipt-%04d.bin", number);
  return name;
}

SimReceiptPrinter::SimReceiptPrinter(fs::path dir, Profile profile)
    : dir_(std::move(dir)), profile_(std::move(profile)) {}

void SimReceiptPrinter::set_fault(SimFault f) {
  std::lock_guard lock(mu_);
  fault_ = f;
}

fs::path SimReceiptPrinter::last_job() const {
  std::lock_guard lock(mu_);
  return last_job_;
}

void SimReceiptPrinter::on_printed(AfterPrint f) {
  std::lock_guard lock(mu_);
  after_print_ = std::move(f);
}

std::string SimReceiptPrinter::name() const {
  // The paper in words a cashier knows; the model name stays in the profile file.
  char paper[64];
  std::snprintf(paper, sizeof paper, _("%d mm paper"), profile_.paper_mm);
  return std::string(_("Simulated receipt printer")) + " (" + paper + ")";
}

PrinterStatus SimReceiptPrinter::status() {
  std::lock_guard lock(mu_);
  return status_locked();
}

PrinterStatus SimReceiptPrinter::status_locked() const {
  PrinterStatus s;
  s.known = true;
  if (fault_ == SimFault::PaperNearEnd || file_present(dir_ / kPaperNearEndFile)) s.paper_near_end = true;
  if (fault_ == SimFault::PaperEnd || file_present(dir_ / kPaperEndFile)) {
    // What a real printer reports at paper end: both sensors, stopped, offline.
    s.paper_near_end = s.paper_end = s.stopped_at_paper_end = true;
    s.online = false;
  }
  if (fault_ == SimFault::CoverOpen || file_present(dir_ / kCoverOpenFile)) s.cover_open = true, s.online = false;
  if (fault_ == SimFault::Offline || file_present(dir_ / kOfflineFile)) s.online = false;
  return s;
}

Status SimReceiptPrinter::print(std::span<const std::uint8_t> bytes) {
  AfterPrint after;
  fs::path job;
  {
    std::lock_guard lock(mu_);
    const PrinterStatus s = status_locked();
    if (!s.can_print())
      return fail(ErrorCode::Io, status_message(s), "simulated receipt printer in " + dir_.string());

    auto io_failure = [&](const std::string& what) {
      const int err = errno;
      return fail(ErrorCode::Io,
                  with_path(_("Receipt printer (simulated): could not save the receipt in %s"), dir_.string()),
                  what + ": " + std::strerror(err));
    };
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) {
      errno = ec.value();
      return io_failure("create " + dir_.string());
    }
    const fs::path tmp = dir_ / (".receipt-" + std::to_string(::getpid()) + ".tmp");
    if (!write_synced(tmp, bytes)) {
      auto e = io_failure("write " + tmp.string());
      ::unlink(tmp.c_str());
      return e;
    }
    // link() never replaces: if another process took the number, take the next one.
    int number = highest_job(dir_) + 1;
    for (int attempt = 0;; ++attempt, ++number) {
      job = dir_ / sim_job_file_name(number);
      if (::link(tmp.c_str(), job.c_str()) == 0) break;
      if (errno != EEXIST || attempt == 1000) {
        auto e = io_failure("link " + job.string());
        ::unlink(tmp.c_str());
        return e;
      }
    }
    ::unlink(tmp.c_str());
    if (int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
      (void)::fsync(dfd);  // the new name survives a power cut (best effort)
      ::close(dfd);
    }
    last_job_ = job;
    after = after_print_;
  }
  if (after) after(job, bytes);
  return {};
}

}  // namespace rg::drivers
