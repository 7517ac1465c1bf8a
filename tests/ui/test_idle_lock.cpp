// The desk's idle lock on a clock the test drives: input keeps it open, the limit locks it, the
// clinic's 0 means never.
#include <doctest/doctest.h>

#include "idle_lock.h"

TEST_CASE("a desk left alone locks after the limit, any input keeps it open, 0 never locks") {
  rg::desk::IdleLock lock;
  lock.set_limit(600);
  lock.restart(1000);
  CHECK_FALSE(lock.due(1599, false));
  CHECK(lock.due(1600, false));
  // Work goes on: each input starts the ten minutes again.
  lock.restart(2000);
  CHECK_FALSE(lock.due(2500, true));
  CHECK_FALSE(lock.due(3099, false));
  CHECK(lock.due(3100, false));
  // The clinic switched it off.
  lock.set_limit(0);
  CHECK_FALSE(lock.due(100000, false));
}
