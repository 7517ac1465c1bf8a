// Exactly once, whatever crashes: a cash desk in a real process is killed (SIGKILL) at every step
// of a payment — before the intent, after it, after the registrar printed, after the answer was
// stored — for cash, card, mixed, a part with the rest on credit, a refund and a deposit; a new
// process reconciles with the registrar, and then the database and the virtual registrar's
// counters agree exactly.
#include <doctest/doctest.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <string>
#include <vector>

#include "cash_fixture.h"

extern char** environ;

using namespace rg;
using rg::test::CashFixture;

namespace {

struct Run {
  bool killed = false;
  int code = -1;
  std::string out;
};

Run run_actor(const std::vector<std::string>& args) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  posix_spawn_file_actions_addclose(&fa, fds[0]);
  std::vector<std::string> all{REGISTRATURA_CASH_ACTOR};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&fa);
  ::close(fds[1]);
  Run r;
  char buf[256];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) r.out.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  r.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::int64_t id_after(const std::string& out, const std::string& word) {
  const auto at = out.find(word + " ");
  REQUIRE_MESSAGE(at != std::string::npos, out);
  return std::atoll(out.c_str() + at + word.size() + 1);
}

}  // namespace

TEST_CASE("killed at every step of a payment, restarted: never two receipts, never one missing") {
  CashFixture f(false);  // the registrar belongs to the actor processes only
  auto actor = [&f](std::vector<std::string> args) {
    args.insert(args.begin(), {f.path, f.registrar_dir});
    return run_actor(args);
  };
  REQUIRE(actor({"open-shift"}).code == 0);

  const std::array<const char*, 4> steps{"before_intent", "after_intent", "after_registrar", "after_stored"};
  struct Scenario {
    const char* name;
    const char* cash;
    const char* card;
  };
  // "part": 600,00 of the 1 500,00 invoice, the rest on credit (tag 1216 on the same receipt).
  const Scenario scenarios[] = {
      {"cash", "150000", "0"}, {"card", "0", "150000"}, {"mixed", "100000", "50000"}, {"part", "40000", "20000"}};
  int unsent_seen = 0, completed_seen = 0, cancelled = 0;

  auto settle = [&](const char* step, const std::string& label, bool cancel_unsent) {
    INFO(label, " killed ", step);
    auto rec = actor({"reconcile"});
    REQUIRE_MESSAGE(rec.code == 0, rec.out);
    const std::string s = step;
    if (s == "before_intent" || s == "after_stored") {
      CHECK(rec.out == "clean\n");
    } else if (s == "after_intent") {
      REQUIRE(rec.out.starts_with("unsent"));
      ++unsent_seen;
      const auto id = id_after(rec.out, "unsent");
      if (cancel_unsent) {
        CHECK(actor({"cancel", std::to_string(id)}).code == 0);
        ++cancelled;
      } else {
        auto re = actor({"resend", std::to_string(id)});
        CHECK_MESSAGE(re.code == 0, re.out);
      }
    } else {
      CHECK(rec.out.starts_with("completed"));
      ++completed_seen;
    }
    // Whatever happened, nothing is left in flight and both sides agree.
    CHECK(f.count("SELECT count(*) FROM payments WHERE state = 'intent'") == 0);
    auto registrar = drivers::fiscal::VirtualRegistrar::open(f.registrar_dir, nullptr);
    REQUIRE(registrar);
    CHECK(registrar->counters() == f.ledger_counters());
  };

  for (const auto& sc : scenarios) {
    for (const char* step : steps) {
      const auto invoice = f.invoice();
      auto run = actor({"pay", std::to_string(invoice), sc.cash, sc.card, "0", step});
      CHECK_MESSAGE(run.killed, sc.name, " at ", step, ": ", run.out);
      settle(step, sc.name, std::string(sc.name) == "card");
    }
  }
  // Refunds of a paid invoice, killed at every step.
  for (const char* step : steps) {
    const auto invoice = f.invoice();
    auto paid = actor({"pay", std::to_string(invoice), "150000", "0", "0"});
    REQUIRE_MESSAGE(paid.code == 0, paid.out);
    const auto payment = id_after(paid.out, "paid");
    auto run = actor({"refund", std::to_string(payment), "150000", "0", "0", step});
    CHECK_MESSAGE(run.killed, "refund at ", step);
    settle(step, "refund", false);
  }
  // Deposits to a personal account.
  for (const char* step : steps) {
    auto run = actor({"deposit", std::to_string(f.patients.front()), "20000", "10000", step});
    CHECK_MESSAGE(run.killed, "deposit at ", step);
    settle(step, "deposit", false);
  }
  CHECK(unsent_seen == 6);
  CHECK(completed_seen == 6);
  CHECK(cancelled == 1);
  // The totals in the end: 3 + 2 + 3 + 3 invoice payments (the card one cancelled at after_intent
  // and killed before its intent is not there), 4 refund-setup payments, refunds, deposits.
  auto registrar = drivers::fiscal::VirtualRegistrar::open(f.registrar_dir, nullptr);
  REQUIRE(registrar);
  const auto c = registrar->counters();
  CHECK(c == f.ledger_counters());
  // Killed before the intent: nothing. After it: resent (or cancelled once). After the
  // registrar or after storing: one receipt each. So per scenario 3 receipts, card 2.
  CHECK(c.sales == 3 + 2 + 3 + 3 + 4 + 3);
  CHECK(c.sales_credit == 3 * 90000);
  CHECK(c.refunds == 3);
  CHECK(c.refunds_cash == 3 * 150000);
}
