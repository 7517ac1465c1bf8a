// Bit fields inside HID reports: bit 0 is the least significant bit of byte 0.
#include "hid/report_bits.h"

namespace rg::drivers::hid {

std::optional<std::uint32_t> read_bits(std::span<const std::uint8_t> data, std::uint64_t bit_offset,
                                       std::uint32_t bit_count) {
  if (bit_count == 0 || bit_count > 32) return std::nullopt;
  if (bit_offset > std::uint64_t(data.size()) * 8 || bit_offset + bit_count > std::uint64_t(data.size()) * 8)
    return std::nullopt;
  std::uint64_t v = 0;
  std::size_t first = std::size_t(bit_offset / 8);
  std::size_t last = std::size_t((bit_offset + bit_count - 1) / 8);  // at most 5 bytes
  for (std::size_t i = last + 1; i-- > first;) v = (v << 8) | data[i];
  v >>= bit_offset % 8;
  return std::uint32_t(v & ((std::uint64_t(1) << bit_count) - 1));
}

bool write_bits(std::span<std::uint8_t> data, std::uint64_t bit_offset, std::uint32_t bit_count, std::uint32_t value) {
  if (bit_count == 0 || bit_count > 32) return false;
  if (bit_offset > std::uint64_t(data.size()) * 8 || bit_offset + bit_count > std::uint64_t(data.size()) * 8)
    return false;
  for (std::uint32_t k = 0; k < bit_count; ++k) {
    std::uint64_t b = bit_offset + k;
    std::uint8_t mask = std::uint8_t(1u << (b % 8));
    if ((value >> k) & 1u) data[std::size_t(b / 8)] |= mask;
    else data[std::size_t(b / 8)] &= std::uint8_t(~mask);
  }
  return true;
}

std::optional<std::int64_t> field_value(const Field& field, std::span<const std::uint8_t> data, std::uint32_t index) {
  if (index >= field.count || field.bit_size > 32) return std::nullopt;
  auto raw = read_bits(data, std::uint64_t(field.bit_offset) + std::uint64_t(index) * field.bit_size, field.bit_size);
  if (!raw) return std::nullopt;
  std::int64_t v = *raw;
  if (field.logical_min < 0 && field.bit_size < 64 && (*raw >> (field.bit_size - 1)) & 1u)
    v -= std::int64_t(1) << field.bit_size;
  return v;
}

std::optional<IncomingReport> split_report(const ReportDescriptor& desc, std::span<const std::uint8_t> raw) {
  if (!desc.uses_report_ids) return IncomingReport{0, raw};
  if (raw.empty()) return std::nullopt;
  return IncomingReport{raw[0], raw.subspan(1)};
}

std::vector<std::uint8_t> blank_report(const ReportDescriptor& desc, const ReportInfo& report) {
  std::vector<std::uint8_t> out(report.bytes() + (desc.uses_report_ids ? 1 : 0), 0);
  if (desc.uses_report_ids) out[0] = report.id;
  return out;
}

}  // namespace rg::drivers::hid
