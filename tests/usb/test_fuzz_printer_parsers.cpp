// Randomized runs over the parsers that read receipt printer bytes — DLE EOT status replies and
// IEEE-1284 device IDs — built with -fsanitize=address,undefined (see CMakeLists.txt): no crash,
// no read past the buffer, and the invariants below. RG_FUZZ_ITERATIONS sets the run length.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "receipt_printer/status.h"

using namespace rg::drivers;

namespace {

long iterations() {
  const char* e = std::getenv("RG_FUZZ_ITERATIONS");
  return e ? std::max(1L, std::atol(e)) : 500000;
}

std::vector<std::uint8_t> random_bytes(std::mt19937& rng, std::size_t max_len) {
  std::uniform_int_distribution<std::size_t> len(0, max_len);
  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<std::uint8_t> v(len(rng));
  for (auto& b : v) b = static_cast<std::uint8_t>(byte(rng));
  return v;
}

// A plausible device ID, then damaged: cut, bytes flipped, the length prefix lying.
std::vector<std::uint8_t> mutated_device_id(std::mt19937& rng) {
  static const char* pieces[] = {"MFG:", "MDL:", "CMD:", "CLS:", "DES:", "SN:", "MANUFACTURER:", "COMMAND SET:",
                                 "EPSON", "TM-T20II", "ESC/POS", ",", ";", ":", " ", "PRINTER", "\x01", "\xff"};
  std::uniform_int_distribution<int> pick(0, std::size(pieces) - 1), count(0, 40);
  std::string text;
  for (int i = count(rng); i > 0; --i) text += pieces[pick(rng)];
  std::vector<std::uint8_t> out(2);
  out.insert(out.end(), text.begin(), text.end());
  std::uniform_int_distribution<int> lie(0, 3), byte(0, 255);
  std::size_t length = out.size();
  switch (lie(rng)) {
    case 0: break;
    case 1: length = static_cast<std::size_t>(byte(rng)) << 8 | static_cast<std::size_t>(byte(rng)); break;
    case 2: length = length / 2; break;
    case 3: out.resize(out.size() / 2 + 1); break;
  }
  out[0] = static_cast<std::uint8_t>(length >> 8);
  out[1] = static_cast<std::uint8_t>(length);
  std::uniform_int_distribution<std::size_t> at(0, out.size() - 1);
  for (int flips = lie(rng); flips > 0; --flips) out[at(rng)] = static_cast<std::uint8_t>(byte(rng));
  return out;
}

void check_device_id(std::span<const std::uint8_t> bytes) {
  auto id = parse_device_id(bytes);
  if (!id) {
    CHECK(id.error().code == rg::ErrorCode::Invalid);
    return;
  }
  CHECK((!id->manufacturer.empty() || !id->model.empty()));
  for (auto& [k, v] : id->fields)
    for (char c : k + v) REQUIRE((c >= 0x20 && c < 0x7F));  // nothing unprintable reaches people
  for (auto& c : id->command_sets) CHECK_FALSE(c.empty());
  static_cast<void>(id->supports("ESC/POS"));
}

}  // namespace

TEST_CASE("fuzz: every status reply byte for every query") {
  for (int q = 0; q <= 5; ++q)
    for (int b = 0; b < 256; ++b) {
      PrinterStatus s;
      const bool taken = apply_status_reply(s, static_cast<StatusQuery>(q), static_cast<std::uint8_t>(b));
      if (!taken) CHECK(s == PrinterStatus{});
      if (taken) CHECK(((b & 0x93) == 0x12));
      CHECK_FALSE(status_message(s).empty());
    }
}

TEST_CASE("fuzz: random status reply sequences keep the status consistent") {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> q(1, 4), byte(0, 255);
  for (long i = 0; i < iterations() / 10; ++i) {
    PrinterStatus s;
    for (int n = 0; n < 8; ++n) apply_status_reply(s, static_cast<StatusQuery>(q(rng)), static_cast<std::uint8_t>(byte(rng)));
    const std::string m = status_message(s);
    REQUIRE_FALSE(m.empty());
    if (s.severity() == PrinterSeverity::Ready) REQUIRE(m == "Receipt printer: ready");
    REQUIRE(s.can_print() == (s.severity() != PrinterSeverity::Error));
  }
}

TEST_CASE("fuzz: device ID from random bytes") {
  std::mt19937 rng(1284);
  for (long i = 0; i < iterations(); ++i) {
    const auto bytes = random_bytes(rng, 300);
    // An exact-size heap copy, so ASan sees any read past the end.
    std::unique_ptr<std::uint8_t[]> exact(new std::uint8_t[bytes.size() + (bytes.empty() ? 1 : 0)]);
    std::copy(bytes.begin(), bytes.end(), exact.get());
    check_device_id(std::span<const std::uint8_t>(exact.get(), bytes.size()));
  }
}

TEST_CASE("fuzz: damaged plausible device IDs") {
  std::mt19937 rng(1994);
  long parsed = 0;
  for (long i = 0; i < iterations(); ++i) {
    const auto bytes = mutated_device_id(rng);
    std::unique_ptr<std::uint8_t[]> exact(new std::uint8_t[bytes.size()]);
    std::copy(bytes.begin(), bytes.end(), exact.get());
    parsed += parse_device_id(std::span<const std::uint8_t>(exact.get(), bytes.size())).has_value();
    check_device_id(std::span<const std::uint8_t>(exact.get(), bytes.size()));
  }
  CHECK(parsed > 0);  // the generator does reach the parser's successful paths
}
