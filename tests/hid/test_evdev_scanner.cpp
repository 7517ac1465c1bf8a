// The keyboard-wedge scanner for real: EvdevScanner opens /dev/input/event5, grabs it and reads
// the keystrokes umockdev replays from data/wedge.events (run by ctest under
// `umockdev-run -d data/wedge.umockdev -e /dev/input/event5=data/wedge.events`).
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "hid/evdev_scanner.h"

using namespace rg::drivers::hid;
using namespace std::chrono_literals;

namespace {

// Polls like a frame loop would, until `done` holds or a generous deadline passes (the
// deadline only keeps a broken run from hanging; nothing asserts how long it took).
template <typename Done>
std::vector<Scan> frames_until(EvdevScanner& s, Done done) {
  std::vector<Scan> got;
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (!done(got) && std::chrono::steady_clock::now() < deadline) {
    for (Scan& x : s.poll()) got.push_back(std::move(x));
    std::this_thread::sleep_for(5ms);
  }
  return got;
}

}  // namespace

TEST_CASE("a wedge scanner under umockdev: grabbed, Shift for capitals, pause drops a partial") {
  REQUIRE_MESSAGE(std::getenv("UMOCKDEV_DIR"), "run this test under umockdev-run (see tests/hid/CMakeLists.txt)");
  EvdevScanner s({.path = "/dev/input/event5", .wedge = {}});
  auto got = frames_until(s, [](const std::vector<Scan>& g) { return g.size() >= 3; });
  CHECK(s.grabbed());  // EVIOCGRAB succeeded: the desktop never saw these keys
  CHECK(s.problem().empty());
  REQUIRE(got.size() == 3);
  CHECK(got[0].data == "RG1");
  CHECK(got[0].aim.empty());
  CHECK(got[0].symbology == Symbology::Unknown);
  CHECK(got[0].origin == ScanOrigin::KeyboardWedge);
  CHECK(got[1].data == "10042");
  CHECK(got[2].data == "345");  // "12" before the pause was dropped
  // The trailing "99" has no Enter: dropped once no key follows within the timeout.
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (s.dropped() < 2 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  CHECK(s.dropped() == 2);
  CHECK(s.poll().empty());
}

TEST_CASE("a missing node is a problem in words, not a crash, and the reader keeps trying") {
  EvdevScanner s({.path = "/dev/input/event99", .wedge = {}, .reopen_every = 50ms});
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (s.problem().empty() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  CHECK(s.problem().find("/dev/input/event99") != std::string::npos);
  CHECK_FALSE(s.open());
  CHECK(s.poll().empty());
}
