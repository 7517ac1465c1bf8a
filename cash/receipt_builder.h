// What a payment's fiscal receipt says (54-FZ, FFD 1.2 tags in DOMAIN.md), built from the
// ledger: the invoice's lines at their discounted amounts, the payment's methods, the
// cashier, the customer's contact and the payment's ref in tag 1192.
#pragma once

#include "database.h"
#include "fiscal/fiscal_registrar.h"
#include "payments.h"

namespace rg::cash {

struct ReceiptContext {
  drivers::fiscal::Cashier cashier;
  drivers::fiscal::TaxSystem tax_system = drivers::fiscal::TaxSystem::General;
};

// The receipt for `payment`:
// - an invoice payment: its invoice's lines (a partial payment: the lines' shares in proportion,
//   method 1214 = 2 "partial prepayment" until the payment that settles the invoice, which is
//   4 "full payment"); the balance part as 1215 (offset of an advance);
// - a refund (1054 = 2): the refunded invoice's lines in proportion to the amount returned;
// - a deposit to the personal account: one "advance" row (1212 = 10, 1214 = 3); its refund the
//   same with 1054 = 2.
Result<drivers::fiscal::Receipt> receipt_for(db::Database& db, const db::Payment& payment, const ReceiptContext& ctx);

}  // namespace rg::cash
