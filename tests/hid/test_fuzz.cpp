// Long randomized runs over every parser of device bytes — report descriptors, HID POS and
// handset reports, evdev streams and keystrokes, AIM identifiers — compiled with ASan/UBSan
// (tests/hid/CMakeLists.txt). Fixed seeds, so a failure repeats; RG_FUZZ_SCALE=N runs N times more.
#include <doctest/doctest.h>

#include <cstdlib>
#include <random>

#include "descriptors.h"
#include "hid/aim.h"
#include "hid/evdev_stream.h"
#include "hid/pos_scanner.h"
#include "hid/report_bits.h"
#include "hid/sim_scanner.h"
#include "hid/telephony.h"
#include "hid/wedge_assembler.h"

using namespace rg::drivers::hid;

namespace {

std::size_t scaled(std::size_t n) {
  const char* s = std::getenv("RG_FUZZ_SCALE");
  long k = s ? std::atol(s) : 1;
  return n * std::size_t(k > 0 ? k : 1);
}

std::vector<std::uint8_t> random_bytes(std::mt19937& rng, std::size_t max_len) {
  std::vector<std::uint8_t> b(std::uniform_int_distribution<std::size_t>(0, max_len)(rng));
  for (auto& x : b) x = std::uint8_t(rng());
  return b;
}

std::vector<std::uint8_t> mutate(std::mt19937& rng, std::vector<std::uint8_t> b) {
  int edits = 1 + int(rng() % 8);
  for (int e = 0; e < edits; ++e) {
    std::size_t at = b.empty() ? 0 : rng() % b.size();
    switch (rng() % 4) {
      case 0: if (!b.empty()) b[at] = std::uint8_t(rng()); break;
      case 1: if (!b.empty()) b[at] ^= std::uint8_t(1u << (rng() % 8)); break;
      case 2: b.insert(b.begin() + std::ptrdiff_t(at), std::uint8_t(rng())); break;
      case 3: if (!b.empty()) b.erase(b.begin() + std::ptrdiff_t(at)); break;
    }
  }
  return b;
}

// Everything a driver would do with a descriptor the device sent, with invariants checked.
void exercise(std::mt19937& rng, const std::vector<std::uint8_t>& bytes) {
  auto d = parse_report_descriptor(bytes);
  if (!d) {
    REQUIRE_FALSE(d.error().message.empty());
    return;
  }
  REQUIRE(d->fields.size() <= kMaxFields);
  for (const Field& f : d->fields) {
    const ReportInfo* r = d->report(f.type, f.report_id);
    REQUIRE(r);
    REQUIRE(std::uint64_t(f.bit_offset) + std::uint64_t(f.bit_size) * f.count <= r->bits);
    REQUIRE(r->bits <= kMaxReportBits);
    for (int k = 0; k < 4; ++k) {
      (void)f.value_usage(std::uint32_t(rng()));
      (void)f.array_usage(std::int64_t(std::int32_t(rng())));
      (void)f.usage_at(rng());
    }
  }
  for (const ReportInfo& r : d->reports) {
    std::vector<std::uint8_t> data(r.bytes());
    for (auto& x : data) x = std::uint8_t(rng());
    for (const Field& f : d->fields)
      if (f.report_id == r.id && f.type == r.type)
        for (std::uint32_t i = 0; i < f.count && i < 64; ++i)
          if (!f.is_constant()) REQUIRE(field_value(f, data, i).has_value());
  }
  if (auto pos = find_pos_scan_layout(*d)) {
    PosScanAssembler a(std::move(*pos));
    auto t = PosScanAssembler::Clock::now();
    for (int k = 0; k < 8; ++k)
      if (auto s = a.feed(random_bytes(rng, 80), t)) REQUIRE(s->data.size() <= PosScanAssembler::kMaxScanBytes);
  }
  if (auto hs = find_handset_layout(*d)) {
    for (const OutputReport& r : led_reports(*hs, {true, bool(rng() & 1), true, bool(rng() & 1)}))
      REQUIRE(r.bytes.size() <= kMaxReportBits / 8 + 1);
    HandsetDecoder dec(std::move(*hs));
    for (int k = 0; k < 8; ++k)
      for (const HandsetEvent& e : dec.feed(random_bytes(rng, 16)))
        if (e.kind == HandsetEventKind::Digit) REQUIRE(std::string("0123456789*#").find(e.digit) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("fuzz: 1 500 000 random descriptors") {
  std::mt19937 rng(0x51D);
  for (std::size_t i = 0; i < scaled(1'500'000); ++i) exercise(rng, random_bytes(rng, 200));
}

TEST_CASE("fuzz: 1 000 000 random descriptors built from valid items") {
  // Random bytes rarely get past the first item; these are item-shaped, so the state machine
  // itself (push/pop, collections, ranges, report ids, sizes) is what gets shaken.
  std::mt19937 rng(0xD35C);
  static constexpr std::uint8_t kPrefixes[] = {0x05, 0x06, 0x09, 0x0B, 0x15, 0x16, 0x25, 0x26, 0x27, 0x19, 0x29,
                                               0x75, 0x95, 0x96, 0x85, 0xA4, 0xB4, 0xA1, 0xC0, 0x81, 0x91, 0xB1,
                                               0x82, 0xFE};
  for (std::size_t i = 0; i < scaled(1'000'000); ++i) {
    std::vector<std::uint8_t> b;
    int items = 1 + int(rng() % 40);
    for (int k = 0; k < items; ++k) {
      std::uint8_t p = kPrefixes[rng() % std::size(kPrefixes)];
      b.push_back(p);
      std::size_t n = p == 0xFE ? 2 : (p & 3) == 3 ? 4 : (p & 3);
      for (std::size_t j = 0; j < n; ++j) b.push_back(std::uint8_t(rng() % 4 == 0 ? rng() : rng() % 16));
    }
    exercise(rng, b);
  }
}

TEST_CASE("fuzz: 500 000 mutations of the scanner, handset and keyboard descriptors") {
  std::mt19937 rng(0xB00C);
  const std::vector<std::uint8_t>* seeds[] = {&hid_test::kPosScanner, &hid_test::kHandset, &hid_test::kBootKeyboard};
  for (std::size_t i = 0; i < scaled(500'000); ++i) exercise(rng, mutate(rng, *seeds[i % 3]));
}

TEST_CASE("fuzz: 1 500 000 random and mutated reports into the scanner and the handset") {
  std::mt19937 rng(0x5CA7);
  auto pd = parse_report_descriptor(hid_test::kPosScanner);
  auto hd = parse_report_descriptor(hid_test::kHandset);
  REQUIRE(pd);
  REQUIRE(hd);
  PosScanAssembler pos(*find_pos_scan_layout(*pd));
  HandsetDecoder handset(*find_handset_layout(*hd));
  auto t = PosScanAssembler::Clock::now();
  auto good = hid_test::pos_report("]Q1", std::string(56, 'q'), true);
  std::size_t scans = 0;
  for (std::size_t i = 0; i < scaled(1'500'000); ++i) {
    auto r = (i % 2) ? mutate(rng, good) : random_bytes(rng, 70);
    if (i % 5 == 0 && !r.empty()) r[0] = 0x02;
    if (auto s = pos.feed(r, t += std::chrono::milliseconds(rng() % 3 == 0 ? 2000 : 1))) {
      ++scans;
      REQUIRE(s->data.size() <= PosScanAssembler::kMaxScanBytes);
      REQUIRE((s->aim.empty() || parse_aim(s->aim)));
    }
    auto h = random_bytes(rng, 5);
    if (!h.empty() && i % 2) h[0] = 0x01;
    for (const HandsetEvent& e : handset.feed(h))
      if (e.kind == HandsetEventKind::Digit) REQUIRE(std::string("0123456789*#").find(e.digit) != std::string::npos);
  }
  CHECK(scans > 0);  // the mutations do get through sometimes
}

TEST_CASE("fuzz: 20 000 000 evdev bytes in random pieces and 5 000 000 random keystrokes") {
  std::mt19937 rng(0xE7D);
  EvdevStream stream;
  std::vector<InputEvent> events;
  std::size_t total = 0;
  while (total < scaled(20'000'000)) {
    auto b = random_bytes(rng, 100);
    total += b.size();
    events.clear();
    stream.append(b, events);
    REQUIRE(stream.pending_bytes() < EvdevStream::event_size());
  }
  WedgeAssembler::Options o;
  o.max_length = 64;
  WedgeAssembler w(o);
  std::int64_t t = 0;
  for (std::size_t i = 0; i < scaled(5'000'000); ++i) {
    std::uint16_t code = rng() % 4 == 0 ? std::uint16_t(rng()) : std::uint16_t(rng() % 100);
    t += std::int64_t(rng() % 1000) * (rng() % 50 == 0 ? 1000 : 1) - (rng() % 100 == 0 ? 5000 : 0);
    if (auto s = w.key(code, std::int32_t(rng() % 3), t)) {
      REQUIRE(!s->data.empty());
      REQUIRE(s->data.size() <= 64);
      for (char c : s->data) REQUIRE(((c >= 0x20 && c < 0x7F) || c == '\t'));
    }
    if (i % 1000 == 0) w.idle();
  }
}

TEST_CASE("fuzz: 1 000 000 random AIM prefixes and pipe lines") {
  std::mt19937 rng(0xA1A);
  for (std::size_t i = 0; i < scaled(1'000'000); ++i) {
    auto b = random_bytes(rng, 12);
    std::string s(b.begin(), b.end());
    if (i % 3 == 0) s.insert(0, "]");
    std::string copy = s;
    if (auto id = take_aim_prefix(copy)) {
      REQUIRE(copy.size() + 3 == s.size());
      (void)symbology_name(symbology_of(*id));
    }
    if (i % 2) s.insert(0, "hex:");
    (void)sim_scan_from_line(s);
  }
}
