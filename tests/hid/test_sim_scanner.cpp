// The simulated scanner: payloads by a method call and through a real named pipe.
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "hid/sim_scanner.h"

using namespace rg::drivers::hid;

namespace {

// Waits (without asserting how long) until `n` scans came or a generous deadline passed.
std::vector<Scan> wait_for(SimScanner& s, std::size_t n) {
  std::vector<Scan> got;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (got.size() < n && std::chrono::steady_clock::now() < deadline) {
    for (Scan& x : s.poll()) got.push_back(std::move(x));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return got;
}

}  // namespace

TEST_CASE("lines: plain, with an AIM prefix, hex for binary, empty and bad ones") {
  auto a = sim_scan_from_line("10042\r");
  REQUIRE(a);
  CHECK(a->data == "10042");
  CHECK(a->origin == ScanOrigin::Simulated);
  auto b = sim_scan_from_line("]Q1RG-ABC");
  REQUIRE(b);
  CHECK(b->data == "RG-ABC");
  CHECK(b->symbology == Symbology::QrCode);
  auto c = sim_scan_from_line("hex:00ff41");
  REQUIRE(c);
  CHECK(c->data == std::string("\x00\xff" "A", 3));
  CHECK_FALSE(sim_scan_from_line(""));
  CHECK_FALSE(sim_scan_from_line("hex:0"));
  CHECK_FALSE(sim_scan_from_line("hex:zz"));
}

TEST_CASE("scan() by method call") {
  SimScanner s;
  s.scan("4600000000017");
  s.scan("");
  auto got = s.poll();
  REQUIRE(got.size() == 1);
  CHECK(got[0].data == "4600000000017");
  CHECK(s.poll().empty());
}

TEST_CASE("payloads through a named pipe, from writers that open and close it each time") {
  auto dir = std::filesystem::temp_directory_path() / ("rg-hid-fifo-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto fifo = dir / "scanner.fifo";
  {
    SimScanner s(fifo.string());
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!s.listening() && s.problem().empty() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    REQUIRE(s.listening());
    CHECK(std::filesystem::is_fifo(fifo));
    { std::ofstream(fifo) << "10042\n"; }
    { std::ofstream(fifo) << "]C0777\nhex:4142\n" << std::string(SimScanner::kMaxLine + 10, '9') << "\nlast\n"; }
    auto got = wait_for(s, 4);
    REQUIRE(got.size() == 4);
    CHECK(got[0].data == "10042");
    CHECK(got[1].data == "777");
    CHECK(got[1].aim == "]C0");
    CHECK(got[2].data == "AB");
    CHECK(got[3].data == "last");  // the overlong line was dropped
  }
  std::filesystem::remove_all(dir);
}
