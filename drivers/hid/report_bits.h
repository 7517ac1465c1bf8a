// Values in HID reports: little-endian bit fields (HID 1.11 §5.8), read and written without ever
// touching a byte outside the buffer, and the report id byte split off an incoming report.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "hid/report_descriptor.h"

namespace rg::drivers::hid {

// `bit_count` 1..32 bits from `bit_offset`; nullopt when they do not all lie inside `data`.
std::optional<std::uint32_t> read_bits(std::span<const std::uint8_t> data, std::uint64_t bit_offset,
                                       std::uint32_t bit_count);
// Writes the low `bit_count` bits of `value`; false (nothing written) when they do not fit.
bool write_bits(std::span<std::uint8_t> data, std::uint64_t bit_offset, std::uint32_t bit_count, std::uint32_t value);

// Value `index` of `field` in a report's data (after the id byte), sign-extended when the
// field's logical minimum is negative.
std::optional<std::int64_t> field_value(const Field& field, std::span<const std::uint8_t> data, std::uint32_t index);

struct IncomingReport {
  std::uint8_t id = 0;
  std::span<const std::uint8_t> data;  // without the id byte
};
// Splits the report id off a report as it came from the device (when the descriptor uses ids).
std::optional<IncomingReport> split_report(const ReportDescriptor& desc, std::span<const std::uint8_t> raw);

// A zeroed output or feature report as SET_REPORT sends it: the id byte first when ids are used.
std::vector<std::uint8_t> blank_report(const ReportDescriptor& desc, const ReportInfo& report);

}  // namespace rg::drivers::hid
