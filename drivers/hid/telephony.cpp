// Usages: HID Usage Tables, Telephony Device page 0x0B (0x20 Hook Switch and 0x2F Phone Mute are
// on/off controls, 0x21 Flash a momentary control, 0xB0–0xBB Phone Key 0–9, *, #) and LED page
// 0x08 (0x09 Mute, 0x17 Off-Hook, 0x18 Ring, 0x20 Hold); the same list is in DOMAIN.md.
#include "hid/telephony.h"

#include <map>

#include "hid/report_bits.h"
#include "i18n.h"

namespace rg::drivers::hid {
namespace {

// Is `u` active in this report? Variable fields: its value is non-zero; arrays: a slot names it.
bool active(const Field& f, std::span<const std::uint8_t> data, std::uint32_t index, std::uint32_t u) {
  if (f.is_variable()) {
    auto v = field_value(f, data, index);
    return v && *v != 0;
  }
  for (std::uint32_t i = 0; i < f.count; ++i)
    if (auto v = field_value(f, data, i); v && f.array_usage(*v) == u) return true;
  return false;
}

}  // namespace

std::optional<char> keypad_char(std::uint32_t u) {
  if (u < telephony::kKey0 || u > telephony::kKeyPound) return std::nullopt;
  static constexpr char kChars[] = "0123456789*#";
  return kChars[u - telephony::kKey0];
}

Result<HandsetLayout> find_handset_layout(ReportDescriptor descriptor) {
  HandsetLayout l;
  l.hook = descriptor.find(ReportType::Input, telephony::kHookSwitch);
  if (!l.hook)
    return fail(ErrorCode::Invalid, _("This phone handset does not report its hook switch"),
                "no Hook Switch (0x0B:0x20) input");
  l.flash = descriptor.find(ReportType::Input, telephony::kFlash);
  l.mute = descriptor.find(ReportType::Input, telephony::kPhoneMute);
  for (std::size_t i = 0; i < descriptor.fields.size(); ++i) {
    const Field& f = descriptor.fields[i];
    if (f.type != ReportType::Input || f.is_constant()) continue;
    for (std::uint32_t u = telephony::kKey0; u <= telephony::kKeyPound; ++u)
      if (f.has_usage(u)) {
        l.keypad_fields.push_back(i);
        break;
      }
  }
  l.led_off_hook = descriptor.find(ReportType::Output, led::kOffHook);
  l.led_ring = descriptor.find(ReportType::Output, led::kRing);
  l.led_mute = descriptor.find(ReportType::Output, led::kMute);
  l.led_hold = descriptor.find(ReportType::Output, led::kHold);
  l.descriptor = std::move(descriptor);
  return l;
}

std::vector<HandsetEvent> HandsetDecoder::feed(std::span<const std::uint8_t> report) {
  std::vector<HandsetEvent> out;
  const ReportDescriptor& d = layout_.descriptor;
  auto in = split_report(d, report);
  if (!in) return out;
  const ReportInfo* info = d.report(ReportType::Input, in->id);
  if (!info || in->data.size() < info->bytes()) return out;

  auto here = [&](const std::optional<ValueRef>& r) { return r && d.fields[r->field].report_id == in->id; };
  if (here(layout_.hook)) {
    bool now = active(d.fields[layout_.hook->field], in->data, layout_.hook->index, telephony::kHookSwitch);
    if (now != hook_) out.push_back({now ? HandsetEventKind::OffHook : HandsetEventKind::OnHook});
    hook_ = now;
  }
  if (here(layout_.flash)) {
    bool now = active(d.fields[layout_.flash->field], in->data, layout_.flash->index, telephony::kFlash);
    if (now && !flash_) out.push_back({HandsetEventKind::Flash});
    flash_ = now;
  }
  if (here(layout_.mute)) {
    bool now = active(d.fields[layout_.mute->field], in->data, layout_.mute->index, telephony::kPhoneMute);
    if (now && !mute_) out.push_back({HandsetEventKind::MuteToggled});
    mute_ = now;
  }
  std::array<bool, 12> keys{};
  bool keypad_here = false;
  for (std::size_t i : layout_.keypad_fields) {
    const Field& f = d.fields[i];
    if (f.report_id != in->id) continue;
    keypad_here = true;
    for (std::uint32_t v = 0; v < f.count; ++v) {
      auto value = field_value(f, in->data, v);
      if (!value) continue;
      auto u = f.is_variable() ? (*value != 0 ? f.value_usage(v) : std::nullopt) : f.array_usage(*value);
      if (u && keypad_char(*u)) keys[*u - telephony::kKey0] = true;
    }
  }
  if (keypad_here) {
    for (std::size_t k = 0; k < keys.size(); ++k)
      if (keys[k] && !keys_[k]) out.push_back({HandsetEventKind::Digit, *keypad_char(telephony::kKey0 + std::uint32_t(k))});
    keys_ = keys;
  }
  return out;
}

std::vector<OutputReport> led_reports(const HandsetLayout& layout, const HandsetLeds& leds) {
  const ReportDescriptor& d = layout.descriptor;
  std::map<std::uint8_t, std::vector<std::uint8_t>> reports;
  std::map<std::size_t, std::uint32_t> array_slots_used;
  auto put = [&](const std::optional<ValueRef>& r, std::uint32_t u, bool on) {
    if (!r) return;
    const Field& f = d.fields[r->field];
    const ReportInfo* info = d.report(ReportType::Output, f.report_id);
    if (!info) return;
    auto [it, fresh] = reports.try_emplace(f.report_id);
    if (fresh) it->second = blank_report(d, *info);
    std::span<std::uint8_t> data(it->second);
    if (d.uses_report_ids) data = data.subspan(1);
    if (f.is_variable()) {
      write_bits(data, std::uint64_t(f.bit_offset) + std::uint64_t(r->index) * f.bit_size, f.bit_size, on ? 1u : 0u);
      return;
    }
    if (!on) return;  // arrays: a lit LED takes the next slot, unlit ones are simply absent
    std::uint32_t& slot = array_slots_used[r->field];
    for (std::uint64_t k = 0; k < f.usage_count() && slot < f.count; ++k)
      if (f.usage_at(k) == u) {
        write_bits(data, std::uint64_t(f.bit_offset) + std::uint64_t(slot++) * f.bit_size, f.bit_size,
                   std::uint32_t(f.logical_min + std::int64_t(k)));
        break;
      }
  };
  put(layout.led_off_hook, led::kOffHook, leds.off_hook);
  put(layout.led_ring, led::kRing, leds.ring);
  put(layout.led_mute, led::kMute, leds.mute);
  put(layout.led_hold, led::kHold, leds.hold);
  std::vector<OutputReport> out;
  for (auto& [id, bytes] : reports) out.push_back({id, std::move(bytes)});
  return out;
}

}  // namespace rg::drivers::hid
