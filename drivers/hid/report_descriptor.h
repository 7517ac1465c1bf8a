// The HID report descriptor (HID 1.11 §6.2.2) parsed into fields: where each value sits in which
// report, its usages and logical range. Device bytes are untrusted: every limit is checked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "error.h"

namespace rg::drivers::hid {

// A usage as page << 16 | id, the way an extended (4-byte) usage item writes it.
constexpr std::uint32_t usage(std::uint16_t page, std::uint16_t id) { return (std::uint32_t(page) << 16) | id; }
constexpr std::uint16_t usage_page_of(std::uint32_t u) { return std::uint16_t(u >> 16); }

enum class ReportType : std::uint8_t { Input, Output, Feature };

// Bits of the Input/Output/Feature item's data (HID 1.11 §6.2.2.5).
inline constexpr std::uint32_t kFlagConstant = 1u << 0;
inline constexpr std::uint32_t kFlagVariable = 1u << 1;
inline constexpr std::uint32_t kFlagRelative = 1u << 2;
inline constexpr std::uint32_t kFlagBufferedBytes = 1u << 8;

// Hostile descriptors stop at these; real devices stay far below them.
inline constexpr std::size_t kMaxDescriptorBytes = 65535;   // wDescriptorLength is 16 bits
inline constexpr std::size_t kMaxFields = 1024;
inline constexpr std::uint32_t kMaxReportBits = 4096 * 8;   // per report
inline constexpr std::size_t kMaxUsageRangesPerItem = 256;
inline constexpr std::size_t kMaxCollectionDepth = 32;
inline constexpr std::size_t kMaxGlobalStack = 16;
inline constexpr std::uint32_t kMaxValueBits = 32;          // wider values only as padding

struct UsageRange {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  std::uint32_t size() const { return last - first + 1; }
  bool operator==(const UsageRange&) const = default;
};

// One Input, Output or Feature main item: `count` values of `bit_size` bits each.
struct Field {
  ReportType type = ReportType::Input;
  std::uint8_t report_id = 0;       // 0 when the device uses no report ids
  std::uint32_t bit_offset = 0;     // from the first bit after the report id byte
  std::uint32_t bit_size = 0;
  std::uint32_t count = 0;
  std::uint32_t flags = 0;
  std::int64_t logical_min = 0;
  std::int64_t logical_max = 0;
  std::vector<UsageRange> usages;   // as declared; ranges kept as ranges, never expanded
  std::uint32_t application = 0;    // usage of the enclosing top-level (application) collection
  std::uint32_t collection = 0;     // usage of the innermost enclosing collection

  bool is_constant() const { return flags & kFlagConstant; }
  bool is_variable() const { return flags & kFlagVariable; }
  bool is_array() const { return !is_variable(); }
  std::uint64_t usage_count() const;
  std::optional<std::uint32_t> usage_at(std::uint64_t i) const;
  // Variable field: the usage of value `index` (the last usage repeats for the rest).
  std::optional<std::uint32_t> value_usage(std::uint32_t index) const;
  // Array field: the usage a value selects; nullopt for "no control" (outside the logical range).
  std::optional<std::uint32_t> array_usage(std::int64_t value) const;
  bool has_usage(std::uint32_t u) const;
};

struct ReportInfo {
  ReportType type = ReportType::Input;
  std::uint8_t id = 0;
  std::uint32_t bits = 0;  // without the report id byte
  std::uint32_t bytes() const { return (bits + 7) / 8; }
};

// Where one value lives: a field and the index of the value in it.
struct ValueRef {
  std::size_t field = 0;
  std::uint32_t index = 0;
};

struct ReportDescriptor {
  std::vector<Field> fields;
  std::vector<ReportInfo> reports;
  std::vector<std::uint32_t> applications;  // top-level collections in order
  bool uses_report_ids = false;

  const ReportInfo* report(ReportType type, std::uint8_t id) const;
  // The first variable value (or array field, index 0) of `type` carrying usage `u`, optionally
  // only in report `id`.
  std::optional<ValueRef> find(ReportType type, std::uint32_t u, std::optional<std::uint8_t> id = {}) const;
};

// Fails with ErrorCode::Invalid (message for people, the offending byte offset in `detail`) on
// truncated items, unbalanced collections or push/pop, and anything past the limits above.
Result<ReportDescriptor> parse_report_descriptor(std::span<const std::uint8_t> bytes);

}  // namespace rg::drivers::hid
