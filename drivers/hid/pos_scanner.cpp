// Usages from the HID Point of Sale Usage Tables (page 0x8C: 0xFB–0xFD Symbology Identifier 1–3,
// 0xFE Decoded Data, 0xFF Decode Data Continued); the report shape [length][AIM ×3][data ×56]
// [continued] is the one scanner manuals document (e.g. Access-IS LSR116 "HID reports").
#include "hid/pos_scanner.h"

#include <algorithm>

#include "hid/aim.h"
#include "hid/report_bits.h"
#include "i18n.h"

namespace rg::drivers::hid {
namespace {

std::uint64_t value_bit(const ReportDescriptor& d, const ValueRef& r) {
  const Field& f = d.fields[r.field];
  return std::uint64_t(f.bit_offset) + std::uint64_t(r.index) * f.bit_size;
}

std::optional<std::int64_t> read(const ReportDescriptor& d, const std::optional<ValueRef>& r,
                                 std::span<const std::uint8_t> data) {
  if (!r) return std::nullopt;
  return field_value(d.fields[r->field], data, r->index);
}

// The value of report `id` whose bits end exactly at `bit`.
std::optional<ValueRef> value_ending_at(const ReportDescriptor& d, std::uint8_t id, std::uint64_t bit) {
  for (std::size_t i = 0; i < d.fields.size(); ++i) {
    const Field& f = d.fields[i];
    if (f.type != ReportType::Input || f.report_id != id || f.is_constant() || !f.is_variable()) continue;
    if (f.bit_size != 8 && f.bit_size != 16) continue;
    for (std::uint32_t v = 0; v < f.count; ++v)
      if (std::uint64_t(f.bit_offset) + std::uint64_t(v + 1) * f.bit_size == bit) return ValueRef{i, v};
  }
  return std::nullopt;
}

}  // namespace

Result<PosScanLayout> find_pos_scan_layout(ReportDescriptor descriptor) {
  PosScanLayout l;
  auto data = descriptor.find(ReportType::Input, pos::kDecodedData);
  if (!data || descriptor.fields[data->field].bit_size != 8 || descriptor.fields[data->field].is_array())
    return fail(ErrorCode::Invalid, _("This barcode scanner does not report scanned data in a way we can read"),
                "no 8-bit Decoded Data (0x8C:0xFE) input field");
  l.data_field = data->field;
  l.report_id = descriptor.fields[data->field].report_id;
  const std::uint32_t ids[3] = {pos::kSymbologyId1, pos::kSymbologyId2, pos::kSymbologyId3};
  for (int k = 0; k < 3; ++k) {
    l.symbology[k] = descriptor.find(ReportType::Input, ids[k], l.report_id);
    if (l.symbology[k] && descriptor.fields[l.symbology[k]->field].bit_size != 8) l.symbology[k].reset();
  }
  l.continued = descriptor.find(ReportType::Input, pos::kDecodeDataContinued, l.report_id);
  std::uint64_t before = l.symbology[0] ? value_bit(descriptor, *l.symbology[0])
                                         : value_bit(descriptor, ValueRef{l.data_field, 0});
  l.length = value_ending_at(descriptor, l.report_id, before);
  l.descriptor = std::move(descriptor);
  return l;
}

void PosScanAssembler::drop() {
  if (started_) ++dropped_;
  started_ = false;
  data_.clear();
  aim_.clear();
}

std::optional<Scan> PosScanAssembler::feed(std::span<const std::uint8_t> report, Clock::time_point now) {
  const ReportDescriptor& d = layout_.descriptor;
  auto in = split_report(d, report);
  if (!in || in->id != layout_.report_id) return std::nullopt;
  const ReportInfo* info = d.report(ReportType::Input, in->id);
  if (!info || in->data.size() < info->bytes()) return std::nullopt;  // short report: garbage

  if (started_ && now - last_ > kContinuationTimeout) drop();
  last_ = now;

  const Field& field = d.fields[layout_.data_field];
  std::uint32_t n = field.count;
  if (auto len = read(d, layout_.length, in->data)) n = std::uint32_t(std::clamp<std::int64_t>(*len, 0, n));
  std::string chunk;
  for (std::uint32_t i = 0; i < n; ++i) {
    auto b = field_value(field, in->data, i);
    if (!b) break;
    chunk.push_back(char(std::uint8_t(*b)));
  }
  if (!layout_.length)  // no length: the device pads with NULs
    while (!chunk.empty() && chunk.back() == '\0') chunk.pop_back();

  if (!started_) {
    started_ = true;
    std::string aim;
    for (const auto& s : layout_.symbology)
      if (auto v = read(d, s, in->data)) aim.push_back(char(std::uint8_t(*v)));
    aim_ = parse_aim(aim) ? aim : std::string();
  }
  if (data_.size() + chunk.size() > kMaxScanBytes) {
    drop();
    return std::nullopt;
  }
  data_ += chunk;
  if (auto more = read(d, layout_.continued, in->data); more && *more != 0) return std::nullopt;

  if (data_.empty()) {  // an empty scan says nothing
    drop();
    return std::nullopt;
  }
  Scan scan;
  scan.data = std::move(data_);
  scan.aim = std::move(aim_);
  if (scan.aim.empty()) {
    if (auto prefix = take_aim_prefix(scan.data)) scan.aim = prefix->text();  // AIM id sent as data
  }
  if (auto id = parse_aim(scan.aim)) scan.symbology = symbology_of(*id);
  scan.origin = ScanOrigin::HidPos;
  scan.time = std::chrono::system_clock::now();
  started_ = false;
  data_.clear();
  aim_.clear();
  return scan;
}

}  // namespace rg::drivers::hid
