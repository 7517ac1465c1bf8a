// A cash desk in a process of its own, for the fault-injection test: it does one thing to a
// clinic database and a virtual registrar and can be told to die (SIGKILL, no clean-up) at a
// step of a payment.
//
//   cash_actor DB REGISTRAR_DIR open-shift
//   cash_actor DB REGISTRAR_DIR pay INVOICE CASH CARD BALANCE [CRASH_STEP]
//   cash_actor DB REGISTRAR_DIR refund PAYMENT CASH CARD BALANCE [CRASH_STEP]
//   cash_actor DB REGISTRAR_DIR deposit PATIENT CASH CARD [CRASH_STEP]
//   cash_actor DB REGISTRAR_DIR reconcile      → "clean" | "completed ID" | "unsent ID"
//   cash_actor DB REGISTRAR_DIR resend ID | cancel ID
//
// CRASH_STEP: before_intent, after_intent, after_registrar, after_stored. Exit 0 on success,
// 1 with the error on stderr.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "cash_desk.h"
#include "fiscal/virtual_registrar.h"
#include "receipt_printer/sim_printer.h"
#include "migrations.h"
#include "paper_preview.h"

using namespace rg;

namespace {

cash::Step step_named(const std::string& s, bool& ok) {
  ok = true;
  if (s == "before_intent") return cash::Step::BeforeIntent;
  if (s == "after_intent") return cash::Step::AfterIntent;
  if (s == "after_registrar") return cash::Step::AfterRegistrar;
  if (s == "after_stored") return cash::Step::AfterStored;
  ok = false;
  return cash::Step::BeforeIntent;
}

int failed(const Error& e) {
  std::fprintf(stderr, "cash_actor: %s (%s)\n", e.message.c_str(), e.detail.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: cash_actor DB REGISTRAR_DIR COMMAND [ARGS]\n");
    return 2;
  }
  use_time_zone("Europe/Moscow");
  const std::string cmd = argv[3];
  auto db = db::open_clinic_database(argv[1]);
  if (!db) return failed(db.error());
  // RG_PAPER_DIR: print on a simulated printer there, a PNG beside each job (to look at the
  // receipts), else no paper.
  std::shared_ptr<drivers::ReceiptPrinter> paper;
  if (const char* dir = std::getenv("RG_PAPER_DIR"); dir && *dir) {
    auto sim = std::make_shared<drivers::SimReceiptPrinter>(dir);
    printing::attach_png_preview(*sim);
    paper = sim;
  }
  auto registrar = drivers::fiscal::VirtualRegistrar::open(argv[2], paper);
  if (!registrar) return failed(registrar.error());
  cash::CashDeskOptions options;
  options.receipt.cashier = {"Смирнова Е. А.", ""};
  cash::CashDesk desk(*db, *registrar, options, db::Actor::user(3));  // the fixture's senior administrator
  auto arg = [&](int i) { return i < argc ? std::string(argv[i]) : std::string(); };
  auto money = [&](int i) { return static_cast<db::Kopecks>(std::atoll(arg(i).c_str())); };

  auto arm = [&](const std::string& step_name) {
    if (step_name.empty()) return;
    bool ok = false;
    const cash::Step at = step_named(step_name, ok);
    if (!ok) {
      std::fprintf(stderr, "cash_actor: no step %s\n", step_name.c_str());
      std::exit(2);
    }
    desk.set_step_hook([at](cash::Step s) {
      if (s == at) ::kill(::getpid(), SIGKILL);
    });
  };

  if (cmd == "open-shift") {
    auto id = desk.open_shift(500000);
    if (!id) return failed(id.error());
    std::printf("shift %lld\n", static_cast<long long>(*id));
    return 0;
  }
  if (cmd == "pay" || cmd == "refund" || cmd == "deposit") {
    db::NewPayment p;
    if (cmd == "pay") {
      p.kind = db::PaymentKind::Invoice;
      p.invoice_id = std::atoll(arg(4).c_str());
      p.tender = {money(5), money(6), money(7), 0, ""};
      p.in_part = true;  // the script pays in parts on purpose
      arm(arg(8));
    } else if (cmd == "refund") {
      p.kind = db::PaymentKind::Refund;
      p.refund_of = std::atoll(arg(4).c_str());
      p.tender = {money(5), money(6), money(7), 0, ""};
      p.reason = "Услуга не оказана";
      arm(arg(8));
    } else {
      p.kind = db::PaymentKind::Deposit;
      p.patient_id = std::atoll(arg(4).c_str());
      p.tender = {money(5), money(6), 0, 0, ""};
      arm(arg(7));
    }
    auto done = desk.pay(p);
    if (!done) return failed(done.error());
    std::printf("paid %lld\n", static_cast<long long>(done->payment.id));
    return 0;
  }
  if (cmd == "reconcile") {
    auto r = desk.reconcile();
    if (!r) return failed(r.error());
    if (r->completed) std::printf("completed %lld\n", static_cast<long long>(r->completed->id));
    else if (r->unsent) std::printf("unsent %lld\n", static_cast<long long>(r->unsent->id));
    else std::printf("clean\n");
    return 0;
  }
  if (cmd == "resend") {
    auto r = desk.resend(std::atoll(arg(4).c_str()));
    if (!r) return failed(r.error());
    std::printf("paid %lld\n", static_cast<long long>(r->payment.id));
    return 0;
  }
  if (cmd == "cancel") {
    auto r = desk.cancel_unsent(std::atoll(arg(4).c_str()), "отменён кассиром");
    if (!r) return failed(r.error());
    std::printf("cancelled\n");
    return 0;
  }
  std::fprintf(stderr, "cash_actor: unknown command %s\n", cmd.c_str());
  return 2;
}
