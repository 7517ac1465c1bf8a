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
// - an invoice payment: its invoice's lines, 1214 = 4 "full payment" when paid at once; paid in
//   parts (the services were rendered at the visit), the first part transfers all the lines with
//   1214 = 5 "partial payment and credit" and the rest as 1216, the later parts are the lines'
//   shares in proportion with 1214 = 7 "credit payment", 1212 = 10; the balance part as 1215
//   (offset of an advance);
// - a refund (1054 = 2): the refunded invoice's lines in proportion to the amount returned, as
//   a credit payment when the payment returned was one, else as a full payment;
// - a deposit to the personal account: one "advance" row (1212 = 10, 1214 = 3); its refund the
//   same with 1054 = 2.
Result<drivers::fiscal::Receipt> receipt_for(db::Database& db, const db::Payment& payment, const ReceiptContext& ctx);

}  // namespace rg::cash
