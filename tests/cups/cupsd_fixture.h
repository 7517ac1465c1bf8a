// A private, unprivileged cupsd per test process: its own config, spool, socket and queues.
#pragma once

#include <sys/types.h>

#include <string>

#include "temp_dir.h"

namespace rg::test {

class PrivateCupsd {
 public:
  // Writes the configuration into a fresh temp dir; start() runs the scheduler.
  PrivateCupsd();
  // Stops the scheduler by its PID (if running); the temp dir goes with the TempDir.
  ~PrivateCupsd();
  PrivateCupsd(const PrivateCupsd&) = delete;
  PrivateCupsd& operator=(const PrivateCupsd&) = delete;

  // Starts cupsd -f and waits until its socket answers; false (and the log) if it does not.
  bool start();
  void stop();
  bool running() const { return pid_ > 0; }

  // The address clients use (CUPS_SERVER / ServerAddress).
  std::string socket() const { return dir_.file("cups.sock"); }
  const TempDir& dir() const { return dir_; }
  // Where a queue made by add_*_queue writes what it prints.
  std::string output_of(const std::string& queue) const;

  // A Generic-PDF queue to file://DIR/out/<queue>.pdf (the path may be overridden).
  bool add_pdf_queue(const std::string& queue, const std::string& output = {});
  // A raw queue (only gziptoany) to file://DIR/out/<queue>.bin: byte-exact.
  bool add_raw_queue(const std::string& queue);

  // Runs a CUPS command-line tool (lpadmin, cupsdisable, lpstat …) against this scheduler;
  // returns its exit status, with stdout+stderr in `output`.
  int run(const std::string& command, std::string* output = nullptr) const;
  // How many jobs of the queue CUPS lists as completed (lpstat -W completed).
  int completed_jobs(const std::string& queue) const;
  std::string error_log() const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
};

// The raw slip PPD shipped with printing/cups (REGISTRATURA_RAW_PPD).
std::string raw_slip_ppd();

}  // namespace rg::test
