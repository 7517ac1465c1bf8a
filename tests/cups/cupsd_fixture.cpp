// cupsd as TOOLCHAIN.md describes: -f -c/-s with paths inside the temp dir, stopped by PID.
#include "cupsd_fixture.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cups/cups.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace rg::test {
namespace {

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

bool socket_answers(const std::string& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

std::string raw_slip_ppd() { return REGISTRATURA_RAW_PPD; }

PrivateCupsd::PrivateCupsd() {
  // Run as root, cupsd hands filters to user lp: the tree must be traversable.
  ::chmod(dir_.path().c_str(), 0755);
  const std::string d = dir_.path().string();
  for (const char* sub : {"etc", "etc/ppd", "spool", "tmp", "cache", "state", "log", "out"}) {
    ::mkdir((d + "/" + sub).c_str(), 0755);
  }
  write_text(d + "/etc/cups-files.conf",
             "ServerRoot " + d + "/etc\n"
             "RequestRoot " + d + "/spool\n"
             "TempDir " + d + "/tmp\n"
             "CacheDir " + d + "/cache\n"
             "StateDir " + d + "/state\n"
             "AccessLog " + d + "/log/access_log\n"
             "ErrorLog " + d + "/log/error_log\n"
             "PageLog " + d + "/log/page_log\n"
             "ServerBin /usr/lib/cups\n"
             "DataDir /usr/share/cups\n"
             "FileDevice Yes\n");
  write_text(d + "/etc/cupsd.conf",
             "Listen " + socket() + "\n"
             "Browsing No\n"
             "WebInterface No\n"
             "DefaultAuthType None\n"
             "LogLevel info\n"
             "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
             "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n"
             "  </Limit>\n</Policy>\n");
}

PrivateCupsd::~PrivateCupsd() { stop(); }

bool PrivateCupsd::start() {
  if (pid_ > 0) return true;
  const std::string d = dir_.path().string();
  const std::string conf = d + "/etc/cupsd.conf";
  const std::string files = d + "/etc/cups-files.conf";
  const char* argv[] = {"cupsd", "-f", "-c", conf.c_str(), "-s", files.c_str(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out = d + "/log/cupsd.out";
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  // cupsd lives in /usr/sbin, often not on an ordinary user's PATH.
  const char* cupsd = ::access("/usr/sbin/cupsd", X_OK) == 0 ? "/usr/sbin/cupsd" : "cupsd";
  const int rc = posix_spawnp(&pid_, cupsd, &actions, nullptr, const_cast<char**>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = -1;
    return false;
  }
  // A readiness wait, not a timing assertion: cupsd normally answers within ~40 ms.
  for (int i = 0; i < 400; ++i) {
    if (socket_answers(socket())) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  stop();
  return false;
}

void PrivateCupsd::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string PrivateCupsd::output_of(const std::string& queue) const {
  return dir_.file("out/" + queue + ".pdf");
}

int PrivateCupsd::run(const std::string& command, std::string* output) const {
  // lpadmin, cupsenable … are in /usr/sbin too.
  const std::string full =
      "PATH=/usr/sbin:/sbin:$PATH CUPS_SERVER='" + socket() + "' " + command + " 2>&1";
  FILE* pipe = ::popen(full.c_str(), "r");
  if (!pipe) return -1;
  std::string text;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) text.append(buf, n);
  const int status = ::pclose(pipe);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool PrivateCupsd::add_pdf_queue(const std::string& queue, const std::string& output) {
  const std::string target = output.empty() ? output_of(queue) : output;
  return run("lpadmin -p '" + queue + "' -E -v 'file://" + target +
             "' -m lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd") == 0;
}

bool PrivateCupsd::add_raw_queue(const std::string& queue) {
  return run("lpadmin -p '" + queue + "' -E -v 'file://" + dir_.file("out/" + queue + ".bin") +
             "' -P '" + raw_slip_ppd() + "'") == 0;
}

int PrivateCupsd::completed_jobs(const std::string& queue) const {
  // lpstat -W completed also lists cancelled and aborted jobs: ask for the states instead.
  http_t* http = httpConnect2(socket().c_str(), ippPort(), nullptr, AF_UNSPEC,
                              HTTP_ENCRYPTION_IF_REQUESTED, 1, 5000, nullptr);
  if (!http) return -1;
  cups_job_t* jobs = nullptr;
  const int n = cupsGetJobs2(http, &jobs, queue.c_str(), 0, CUPS_WHICHJOBS_COMPLETED);
  int completed = 0;
  for (int i = 0; i < n; ++i) completed += jobs[i].state == IPP_JSTATE_COMPLETED ? 1 : 0;
  cupsFreeJobs(n, jobs);
  httpClose(http);
  return n < 0 ? -1 : completed;
}

std::string PrivateCupsd::error_log() const {
  std::ifstream in(dir_.file("log/error_log"));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace rg::test
