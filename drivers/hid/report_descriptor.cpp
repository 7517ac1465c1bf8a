// Short and long items, the global/local item state machine and report layout (HID 1.11 §5.8,
// §6.2.2.2–§6.2.2.8). Logical maximum is read unsigned unless the minimum is negative, as Linux
// hid-core does, since devices write 0..255 as "15 00 25 FF".
#include "hid/report_descriptor.h"

#include <algorithm>
#include <string>

#include "i18n.h"

namespace rg::drivers::hid {
namespace {

enum ItemType : std::uint8_t { kMain = 0, kGlobal = 1, kLocal = 2 };

// Main item tags
constexpr std::uint8_t kInput = 0x8, kOutput = 0x9, kCollection = 0xA, kFeature = 0xB, kEndCollection = 0xC;
// Global item tags
constexpr std::uint8_t kUsagePage = 0x0, kLogicalMin = 0x1, kLogicalMax = 0x2, kReportSize = 0x7,
                       kReportId = 0x8, kReportCount = 0x9, kPush = 0xA, kPop = 0xB;
// Local item tags
constexpr std::uint8_t kUsage = 0x0, kUsageMin = 0x1, kUsageMax = 0x2;
constexpr std::uint8_t kCollectionApplication = 0x01;
constexpr std::uint8_t kLongItemPrefix = 0xFE;

struct Globals {
  std::uint16_t usage_page = 0;
  std::int64_t logical_min = 0;
  std::uint32_t logical_max_raw = 0;  // sign decided when a main item uses it
  std::int64_t logical_max_signed = 0;
  std::uint32_t report_size = 0;
  std::uint32_t report_count = 0;
  std::uint8_t report_id = 0;
};

struct Locals {
  std::vector<UsageRange> usages;
  std::optional<std::uint32_t> usage_min;
  bool overflow = false;

  void add(UsageRange r) {
    if (usages.size() >= kMaxUsageRangesPerItem) overflow = true;
    else usages.push_back(r);
  }
};

struct Item {
  std::uint8_t type = 0;
  std::uint8_t tag = 0;
  std::uint32_t size = 0;
  std::uint32_t udata = 0;
  std::int64_t sdata = 0;
};

std::unexpected<Error> bad(std::size_t offset, const std::string& what) {
  return fail(ErrorCode::Invalid, _("The device describes its reports in a way that cannot be read"),
              "report descriptor, byte " + std::to_string(offset) + ": " + what);
}

std::uint32_t full_usage(const Item& it, std::uint16_t page) {
  return it.size == 4 ? it.udata : usage(page, std::uint16_t(it.udata));
}

}  // namespace

std::uint64_t Field::usage_count() const {
  std::uint64_t n = 0;
  for (const UsageRange& r : usages) n += r.size();
  return n;
}

std::optional<std::uint32_t> Field::usage_at(std::uint64_t i) const {
  for (const UsageRange& r : usages) {
    if (i < r.size()) return std::uint32_t(r.first + i);
    i -= r.size();
  }
  return std::nullopt;
}

std::optional<std::uint32_t> Field::value_usage(std::uint32_t index) const {
  std::uint64_t n = usage_count();
  if (!is_variable() || n == 0 || index >= count) return std::nullopt;
  return usage_at(std::min<std::uint64_t>(index, n - 1));
}

std::optional<std::uint32_t> Field::array_usage(std::int64_t value) const {
  if (!is_array() || value < logical_min || value > logical_max) return std::nullopt;
  return usage_at(std::uint64_t(value - logical_min));
}

bool Field::has_usage(std::uint32_t u) const {
  return std::any_of(usages.begin(), usages.end(), [u](const UsageRange& r) { return u >= r.first && u <= r.last; });
}

const ReportInfo* ReportDescriptor::report(ReportType type, std::uint8_t id) const {
  for (const ReportInfo& r : reports)
    if (r.type == type && r.id == id) return &r;
  return nullptr;
}

std::optional<ValueRef> ReportDescriptor::find(ReportType type, std::uint32_t u, std::optional<std::uint8_t> id) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const Field& f = fields[i];
    if (f.type != type || (id && f.report_id != *id) || f.is_constant() || !f.has_usage(u)) continue;
    if (f.is_array()) return ValueRef{i, 0};
    std::uint64_t n = f.usage_count();
    for (std::uint32_t v = 0; v < f.count && v < n; ++v)
      if (f.value_usage(v) == u) return ValueRef{i, v};
  }
  return std::nullopt;
}

Result<ReportDescriptor> parse_report_descriptor(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return bad(0, "empty");
  if (bytes.size() > kMaxDescriptorBytes) return bad(0, "longer than 65535 bytes");

  ReportDescriptor out;
  Globals g;
  std::vector<Globals> stack;
  Locals locals;
  struct Open {
    std::uint32_t usage;
    std::uint32_t application;
  };
  std::vector<Open> collections;

  for (std::size_t pos = 0; pos < bytes.size();) {
    const std::size_t at = pos;
    const std::uint8_t prefix = bytes[pos];
    if (prefix == kLongItemPrefix) {  // long items carry no layout: skip them whole (§6.2.2.3)
      if (pos + 2 >= bytes.size()) return bad(at, "truncated long item");
      pos += 3 + std::size_t(bytes[pos + 1]);
      if (pos > bytes.size()) return bad(at, "truncated long item");
      locals = {};
      continue;
    }
    Item it;
    static constexpr std::uint32_t kSizes[4] = {0, 1, 2, 4};
    it.size = kSizes[prefix & 0x3];
    it.type = std::uint8_t((prefix >> 2) & 0x3);
    it.tag = std::uint8_t(prefix >> 4);
    if (pos + 1 + it.size > bytes.size()) return bad(at, "truncated item");
    for (std::uint32_t k = 0; k < it.size; ++k) it.udata |= std::uint32_t(bytes[pos + 1 + k]) << (8 * k);
    switch (it.size) {
      case 1: it.sdata = std::int8_t(it.udata); break;
      case 2: it.sdata = std::int16_t(it.udata); break;
      case 4: it.sdata = std::int32_t(it.udata); break;
      default: it.sdata = 0;
    }
    pos += 1 + it.size;

    if (it.type == kGlobal) {
      switch (it.tag) {
        case kUsagePage: g.usage_page = std::uint16_t(it.udata); break;
        case kLogicalMin: g.logical_min = it.sdata; break;
        case kLogicalMax:
          g.logical_max_raw = it.udata;
          g.logical_max_signed = it.sdata;
          break;
        case kReportSize:
          if (it.udata > kMaxReportBits) return bad(at, "report size too large");
          g.report_size = it.udata;
          break;
        case kReportCount:
          if (it.udata > kMaxReportBits) return bad(at, "report count too large");
          g.report_count = it.udata;
          break;
        case kReportId:
          if (it.udata == 0 || it.udata > 255) return bad(at, "report id outside 1..255");
          g.report_id = std::uint8_t(it.udata);
          out.uses_report_ids = true;
          break;
        case kPush:
          if (stack.size() >= kMaxGlobalStack) return bad(at, "push nested too deep");
          stack.push_back(g);
          break;
        case kPop:
          if (stack.empty()) return bad(at, "pop without push");
          g = stack.back();
          stack.pop_back();
          break;
        default: break;  // physical range, units, exponent: not needed to find values
      }
      continue;
    }

    if (it.type == kLocal) {
      switch (it.tag) {
        case kUsage: locals.add({full_usage(it, g.usage_page), full_usage(it, g.usage_page)}); break;
        case kUsageMin: locals.usage_min = full_usage(it, g.usage_page); break;
        case kUsageMax: {
          std::uint32_t last = full_usage(it, g.usage_page);
          // A range must stay in one page and go upwards; a broken one is left out.
          if (locals.usage_min && *locals.usage_min <= last &&
              usage_page_of(*locals.usage_min) == usage_page_of(last))
            locals.add({*locals.usage_min, last});
          locals.usage_min.reset();
          break;
        }
        default: break;  // designators, strings, delimiters
      }
      continue;
    }

    if (it.type != kMain) return bad(at, "reserved item type");
    switch (it.tag) {
      case kInput:
      case kOutput:
      case kFeature: {
        if (locals.overflow) return bad(at, "too many usages");
        ReportType type = it.tag == kInput ? ReportType::Input : it.tag == kOutput ? ReportType::Output
                                                                                   : ReportType::Feature;
        std::uint64_t total = std::uint64_t(g.report_size) * g.report_count;
        ReportInfo* rep = nullptr;
        for (ReportInfo& r : out.reports)
          if (r.type == type && r.id == g.report_id) rep = &r;
        if (!rep) {
          out.reports.push_back({type, g.report_id, 0});
          rep = &out.reports.back();
        }
        if (rep->bits + total > kMaxReportBits) return bad(at, "report longer than 4096 bytes");
        bool constant = it.udata & kFlagConstant;
        if (total > 0) {
          if (!constant && g.report_size > kMaxValueBits) return bad(at, "value wider than 32 bits");
          if (out.fields.size() >= kMaxFields) return bad(at, "too many fields");
          Field f;
          f.type = type;
          f.report_id = g.report_id;
          f.bit_offset = rep->bits;
          f.bit_size = g.report_size;
          f.count = g.report_count;
          f.flags = it.udata;
          f.logical_min = g.logical_min;
          f.logical_max = g.logical_min < 0 ? g.logical_max_signed : std::int64_t(g.logical_max_raw);
          f.usages = std::move(locals.usages);
          f.application = collections.empty() ? 0 : collections.back().application;
          f.collection = collections.empty() ? 0 : collections.back().usage;
          out.fields.push_back(std::move(f));
        }
        rep->bits += std::uint32_t(total);
        break;
      }
      case kCollection: {
        if (collections.size() >= kMaxCollectionDepth) return bad(at, "collections nested too deep");
        std::uint32_t u = locals.usages.empty() ? 0 : locals.usages.front().first;
        std::uint32_t app = collections.empty() ? 0 : collections.back().application;
        if (collections.empty() && (it.udata & 0xFF) == kCollectionApplication) {
          app = u;
          out.applications.push_back(u);
        }
        collections.push_back({u, app});
        break;
      }
      case kEndCollection:
        if (collections.empty()) return bad(at, "end collection without collection");
        collections.pop_back();
        break;
      default: return bad(at, "unknown main item");
    }
    locals = {};
  }
  if (!collections.empty()) return bad(bytes.size(), "collection not closed");
  if (out.fields.empty()) return bad(bytes.size(), "no report fields");
  return out;
}

}  // namespace rg::drivers::hid
