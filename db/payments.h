// The payment ledger. A payment is first an intent, written durably (synchronous=FULL) before
// the fiscal registrar is asked; it becomes registered with the registrar's fiscal document, or
// cancelled when the cashier gives it up unsent. The money effects — what an invoice has been
// paid, the personal account's entries — happen only on registration, in the same transaction.
// The conversation with the registrar itself is cash/cash_desk.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "database.h"
#include "money.h"

namespace rg::db {

enum class PaymentKind { Invoice, Refund, Deposit, DepositRefund };
enum class PaymentState { Intent, Registered, Cancelled };
const char* to_db(PaymentKind k);
// «оплата», «возврат», «аванс», «возврат с лицевого счёта» (translated).
const char* payment_kind_title(PaymentKind k);

// How the money moves: cash (with what the patient handed over, for the change), card
// (confirmed on the terminal), the personal account's balance.
struct Tender {
  Kopecks cash = 0;
  Kopecks card = 0;
  Kopecks balance = 0;
  Kopecks tendered = 0;  // cash handed over; 0 = exactly `cash`
  std::string card_auth; // the terminal's authorisation code, if typed
  Kopecks total() const { return cash + card + balance; }
  Kopecks change() const { return tendered > cash ? tendered - cash : 0; }
};

struct NewPayment {
  PaymentKind kind = PaymentKind::Invoice;
  std::optional<std::int64_t> invoice_id;  // Invoice
  std::optional<std::int64_t> refund_of;   // Refund: the payment given back (in part)
  std::optional<std::int64_t> patient_id;  // Deposit, DepositRefund: whose account
  Tender tender;
  std::string customer_contact;            // tag 1008
  std::string reason;                      // required for refunds
  std::string till = "main";
  // Invoice: the cashier chose to take less than is due (the rest stays owed, on credit). Without
  // it a short amount is refused: a typo must never become a credit sale.
  bool in_part = false;
};

struct Payment {
  std::int64_t id = 0;
  std::string ref;  // tag 1192
  std::string till;
  PaymentKind kind = PaymentKind::Invoice;
  std::optional<std::int64_t> invoice_id;
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> refund_of;
  Tender tender;
  Kopecks total = 0;
  // Tag 1216 of its receipt: the first part of an invoice paid in parts (after the visit, the
  // services rendered) leaves the rest of the invoice on credit; 0 otherwise.
  Kopecks credit = 0;
  std::string customer_contact;
  std::string reason;
  std::optional<std::int64_t> shift_id;
  PaymentState state = PaymentState::Intent;
  std::optional<std::int64_t> doc_before;
  std::optional<std::int64_t> fiscal_number;
  std::string fiscal_sign;
  std::optional<std::int64_t> fiscal_shift;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> registered_at;
};

// Checks and writes the intent (Durability::Full). Refused when the till has no open shift or
// it is older than 24 h, another payment of the till is still in flight, the amount exceeds
// what is due (or refundable, per method), the balance does not cover the balance part.
// `doc_before` is the registrar's last fiscal document number, for reconciliation.
Result<Payment> record_intent(Database& db, const NewPayment& p, std::optional<std::int64_t> doc_before,
                              const Actor& actor);

struct FiscalMark {
  std::int64_t number = 0;   // 1040
  std::string sign;          // 1077, as digits
  std::int64_t shift = 0;    // 1038
};
// The registrar answered: the intent becomes registered and its money moves.
Status mark_registered(Database& db, std::int64_t payment_id, const FiscalMark& mark, const Actor& actor);
// The cashier gives up an unsent intent (the registrar never registered it).
Status mark_cancelled(Database& db, std::int64_t payment_id, std::string_view why, const Actor& actor);

Result<std::optional<Payment>> pending_intent(Database& db, std::string_view till);
Result<Payment> load_payment(Database& db, std::int64_t payment_id);
Result<std::vector<Payment>> invoice_payments(Database& db, std::int64_t invoice_id);
// True when a registered payment of the invoice before `payment_id` transferred its services on
// credit (credit > 0): the later parts are credit payments (1214 = 7).
Result<bool> invoice_on_credit(Database& db, std::int64_t invoice_id, std::int64_t payment_id);
Result<std::vector<Payment>> patient_payments(Database& db, std::int64_t patient_id, int limit = 200);

// The personal account: its balance and who may pay from it for the patient (the patient and
// linked family payers).
Result<Kopecks> account_balance(Database& db, std::int64_t patient_id);
Status link_payer(Database& db, std::int64_t payer_id, std::int64_t patient_id, std::string_view relation,
                  const Actor& actor);
struct LinkedPayer {
  std::int64_t payer_id = 0;
  std::string name;
  std::string relation;
  Kopecks balance = 0;
};
Result<std::vector<LinkedPayer>> linked_payers(Database& db, std::int64_t patient_id);

// What of a registered payment can still be refunded, per method.
struct Refundable {
  Kopecks cash = 0;
  Kopecks card = 0;
  Kopecks balance = 0;
  Kopecks total() const { return cash + card + balance; }
};
Result<Refundable> refundable(Database& db, std::int64_t payment_id);

// What was paid for a patient's treatment in a calendar year (registered payments minus
// refunds, by registration date): the sums of the tax-deduction certificate (КНД 1151156).
// Every service counts under code 1 (ordinary treatment) until the price list marks expensive
// treatment (code 2).
struct TaxDeductionSums {
  Kopecks code1 = 0;
  Kopecks code2 = 0;
  int payments = 0;
};
Result<TaxDeductionSums> tax_deduction_sums(Database& db, std::int64_t patient_id, int year);

}  // namespace rg::db
