// A keyboard-wedge scanner read from its own evdev node (/dev/input/eventN) on a thread:
// grabbed with EVIOCGRAB, so its keystrokes reach neither the desktop nor its keyboard layout
// (a Russian layout would turn "RG1" into "КП1"), and assembled into scans.
#pragma once

#include <atomic>
#include <string>

#include "hid/scan_queue.h"
#include "hid/reader_thread.h"
#include "hid/wedge_assembler.h"

namespace rg::drivers::hid {

class EvdevScanner final : public ScanSource {
 public:
  struct Options {
    std::string path;  // /dev/input/eventN (udev's /dev/input/by-id/…-event-kbd link is steadier)
    WedgeAssembler::Options wedge;
    std::chrono::milliseconds reopen_every{1000};  // while the node is missing or unplugged
  };

  explicit EvdevScanner(Options options);
  ~EvdevScanner() override;
  EvdevScanner(const EvdevScanner&) = delete;
  EvdevScanner& operator=(const EvdevScanner&) = delete;

  std::vector<Scan> poll() override { return queue_.take(); }
  std::string problem() const override { return queue_.problem(); }
  bool grabbed() const { return grabbed_; }
  bool open() const { return open_; }
  std::size_t dropped() const { return dropped_; }

 private:
  void run();
  void read_device(int fd);

  Options options_;
  ScanQueue queue_;
  std::atomic<bool> grabbed_{false};
  std::atomic<bool> open_{false};
  std::atomic<std::size_t> dropped_{0};
  ReaderThread reader_;  // last: its thread ends first
};

}  // namespace rg::drivers::hid
