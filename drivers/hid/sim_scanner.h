// The scanner's simulated twin for the demo and the UI tests: payloads come from a method call
// (a button, a keyboard shortcut) or from lines written to a named pipe —
// `echo 10042 > var/scanner.fifo`; "hex:…" carries binary payloads, a leading AIM identifier
// ("]Q1…") sets the symbology.
#pragma once

#include <atomic>
#include <optional>
#include <string_view>
#include <string>

#include "hid/scan_queue.h"
#include "hid/reader_thread.h"

namespace rg::drivers::hid {

class SimScanner final : public ScanSource {
 public:
  static constexpr std::size_t kMaxLine = 8192;  // longer lines are dropped

  // With a path, creates the FIFO if it is missing and reads it on a thread.
  explicit SimScanner(std::string fifo_path = {});
  ~SimScanner() override;
  SimScanner(const SimScanner&) = delete;
  SimScanner& operator=(const SimScanner&) = delete;

  // A scan "read" now: the payload as a line of the pipe would carry it.
  void scan(std::string_view line);
  std::vector<Scan> poll() override { return queue_.take(); }
  std::string problem() const override { return queue_.problem(); }
  // True once the reader has the pipe open (tests wait for it before writing).
  bool listening() const { return listening_; }

 private:
  void run();

  std::string path_;
  ScanQueue queue_;
  std::atomic<bool> listening_{false};
  ReaderThread reader_;  // last: its thread ends first
};

// One line of the pipe (without its newline) as a scan; nullopt for an empty or bad line.
std::optional<Scan> sim_scan_from_line(std::string_view line);

}  // namespace rg::drivers::hid
