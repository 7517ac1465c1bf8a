// The cash desk's conversation with the fiscal registrar, exactly once whatever crashes:
// the payment is written as an intent (synchronous=FULL) before the registrar is asked, the
// registrar's fiscal document is stored when it answers, and on start-up or reconnection a
// pending intent is matched with the registrar's last document by the payment's ref (tag 1192)
// — completed ones are recorded, unsent ones offered to the cashier to resend or cancel.
// Runs on the cash worker thread, never the frame: registrar calls block.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "cash_shifts.h"
#include "database.h"
#include "fiscal/fiscal_registrar.h"
#include "payments.h"
#include "receipt_builder.h"

namespace rg::cash {

struct CashDeskOptions {
  std::string till = "main";
  ReceiptContext receipt;  // cashier (tags 1021/1203) and taxation system (1055)
};

// The points of a payment a crash can fall between; the fault-injection test stops the
// process at each of them.
enum class Step { BeforeIntent, AfterIntent, AfterRegistrar, AfterStored };

struct PaymentOutcome {
  db::Payment payment;                                    // as stored now
  std::optional<drivers::fiscal::FiscalDocument> receipt; // when registered
  db::Kopecks change = 0;
};

struct Reconciliation {
  std::optional<db::Payment> completed;  // the registrar had registered it: now recorded
  std::optional<db::Payment> unsent;     // never registered: resend or cancel
  bool cancelled_open_receipt = false;   // a receipt left open in the registrar was cancelled
};

class CashDesk {
 public:
  CashDesk(db::Database& db, drivers::fiscal::FiscalRegistrar& registrar, CashDeskOptions options, db::Actor actor);

  // Start-up and reconnection. Fails only when the registrar cannot be asked; the intent then
  // stays pending and nothing is guessed.
  Result<Reconciliation> reconcile();

  // Intent → receipt → stored. On a registrar error the intent is reconciled at once: if the
  // registrar did register it (a lost reply) the payment completes; otherwise it stays unsent
  // and the error says so.
  Result<PaymentOutcome> pay(const db::NewPayment& payment);
  // The cashier's choices for an unsent intent.
  Result<PaymentOutcome> resend(std::int64_t payment_id);
  Status cancel_unsent(std::int64_t payment_id, std::string_view why);

  // Shift: the fiscal shift and the till's shift move together.
  Result<std::int64_t> open_shift(db::Kopecks float_amount);
  Status close_shift(db::Kopecks counted, db::Kopecks handed_over, std::string_view notes);
  Status x_report();
  Status open_drawer();

  // Tests stop the process here (SIGKILL) to prove nothing is lost or doubled.
  void set_step_hook(std::function<void(Step)> hook) { hook_ = std::move(hook); }

  const CashDeskOptions& options() const { return options_; }

 private:
  Result<PaymentOutcome> send(db::Payment intent);
  Result<std::optional<db::Payment>> match_last_document(const db::Payment& intent);
  Status store(const db::Payment& intent, const drivers::fiscal::FiscalDocument& doc);
  void step(Step s) {
    if (hook_) hook_(s);
  }

  db::Database& db_;
  drivers::fiscal::FiscalRegistrar& registrar_;
  CashDeskOptions options_;
  db::Actor actor_;
  std::function<void(Step)> hook_;
};

// The till's options for the person acting: the receipt's cashier (tag 1021, and the ATOL's
// operator) is the person signed in, by position and name; a system actor keeps `base`'s.
Result<CashDeskOptions> options_for(db::Database& db, CashDeskOptions base, const db::Actor& actor);

// "Фискальный регистратор: …" in front of a registrar's own message, for the cashier.
std::string registrar_problem(const Error& e);

}  // namespace rg::cash
