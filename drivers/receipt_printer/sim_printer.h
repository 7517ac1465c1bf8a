// The receipt printer's simulated twin for the demo and the tests: each job's bytes land in
// dir/receipt-NNNN.bin, and the "paper" can be pulled — by a method, or by a person creating a
// control file in the folder — so the failure paths can be shown and tested without hardware.
#pragma once

#include <filesystem>
#include <functional>
#include <mutex>
#include <span>
#include <string>

#include "receipt_printer/printer.h"

namespace rg::drivers {

enum class SimFault { None, PaperNearEnd, PaperEnd, CoverOpen, Offline };

class SimReceiptPrinter final : public ReceiptPrinter {
 public:
  // Control files in `dir`: their presence sets the fault, whatever set_fault() says.
  static constexpr const char* kPaperEndFile = "paper-end";
  static constexpr const char* kPaperNearEndFile = "paper-near-end";
  static constexpr const char* kCoverOpenFile = "cover-open";
  static constexpr const char* kOfflineFile = "offline";

  explicit SimReceiptPrinter(std::filesystem::path dir, Profile profile = default_profile_80mm());

  // Writes dir/receipt-NNNN.bin (NNNN one above the highest already there) atomically: a
  // hidden temporary file, fsync, then a hard link that never replaces an existing job. Fails
  // with the status message when a fault keeps the printer from printing (paper near end
  // still prints), or with ErrorCode::Io when the folder cannot be written.
  Status print(std::span<const std::uint8_t> bytes) override;
  PrinterStatus status() override;
  std::string name() const override;
  const Profile& profile() const override { return profile_; }

  void set_fault(SimFault f);
  const std::filesystem::path& dir() const { return dir_; }
  // The last job this object wrote (empty before the first).
  std::filesystem::path last_job() const;
  // Runs after each job is written, on the printing thread — e.g. the kiosk renders a PNG
  // preview next to it (printing/escpos_preview.h) without the driver depending on printing.
  using AfterPrint = std::function<void(const std::filesystem::path& job, std::span<const std::uint8_t> bytes)>;
  void on_printed(AfterPrint f);

 private:
  PrinterStatus status_locked() const;

  std::filesystem::path dir_;
  Profile profile_;
  mutable std::mutex mu_;
  SimFault fault_ = SimFault::None;
  std::filesystem::path last_job_;
  AfterPrint after_print_;
};

// The file name of job `number`: "receipt-0001.bin".
std::string sim_job_file_name(int number);

}  // namespace rg::drivers
