// HID POS barcode scanners (usage page 0x8C): where the scanned-data report keeps the AIM
// identifier, the decoded bytes, their length and the "decode data continued" flag — found in
// the report descriptor, not hard-coded — and the assembly of continued reports into one scan.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "hid/report_descriptor.h"
#include "hid/scan.h"

namespace rg::drivers::hid {

// Barcode Scanner page usages (HID Point of Sale Usage Tables, page 0x8C).
namespace pos {
inline constexpr std::uint16_t kPage = 0x8C;
inline constexpr std::uint32_t kBarcodeScanner = usage(kPage, 0x02);
inline constexpr std::uint32_t kScannedDataReport = usage(kPage, 0x12);
inline constexpr std::uint32_t kSymbologyId1 = usage(kPage, 0xFB);
inline constexpr std::uint32_t kSymbologyId2 = usage(kPage, 0xFC);
inline constexpr std::uint32_t kSymbologyId3 = usage(kPage, 0xFD);
inline constexpr std::uint32_t kDecodedData = usage(kPage, 0xFE);
inline constexpr std::uint32_t kDecodeDataContinued = usage(kPage, 0xFF);
}  // namespace pos

struct PosScanLayout {
  ReportDescriptor descriptor;
  std::uint8_t report_id = 0;
  std::size_t data_field = 0;               // Decoded Data: 8-bit values
  std::optional<ValueRef> symbology[3];     // ']', code, modifier
  std::optional<ValueRef> continued;        // Decode Data Continued
  // The page gives the data length no usage of its own; devices put it as one value right
  // before Symbology Identifier 1 (or before the data), with whatever usage they like.
  std::optional<ValueRef> length;
};

// Fails (ErrorCode::Invalid, a message for people) when the descriptor has no Decoded Data input.
Result<PosScanLayout> find_pos_scan_layout(ReportDescriptor descriptor);

class PosScanAssembler {
 public:
  using Clock = std::chrono::steady_clock;
  // A continued scan whose next report does not come within this is dropped.
  static constexpr std::chrono::milliseconds kContinuationTimeout{1000};
  static constexpr std::size_t kMaxScanBytes = 8192;

  explicit PosScanAssembler(PosScanLayout layout) : layout_(std::move(layout)) {}

  // One input report as it came from the interrupt IN endpoint (id byte first if ids are used).
  // Returns the scan this report completes; other reports and garbage are ignored.
  std::optional<Scan> feed(std::span<const std::uint8_t> report, Clock::time_point now);
  bool in_progress() const { return started_; }
  std::size_t dropped() const { return dropped_; }
  const PosScanLayout& layout() const { return layout_; }

 private:
  void drop();

  PosScanLayout layout_;
  bool started_ = false;
  std::string data_;
  std::string aim_;
  Clock::time_point last_{};
  std::size_t dropped_ = 0;
};

}  // namespace rg::drivers::hid
