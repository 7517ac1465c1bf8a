#include "receipt_builder.h"

#include "i18n.h"
#include "invoices.h"
#include "money.h"

namespace rg::cash {

namespace fiscal = drivers::fiscal;

namespace {

// Rows for `amount` spread over the invoice's lines in proportion to their amounts.
Status add_invoice_rows(const db::Invoice& inv, db::Kopecks amount, fiscal::Method method, fiscal::Receipt& r,
                        fiscal::Subject subject = fiscal::Subject::Service) {
  std::vector<db::Kopecks> weights;
  for (const auto& l : inv.lines) weights.push_back(l.amount);
  const bool whole = amount == inv.total;
  const auto shares = whole ? weights : db::split_proportionally(amount, weights);
  for (std::size_t i = 0; i < inv.lines.size(); ++i) {
    const auto& l = inv.lines[i];
    if (shares[i] == 0) continue;
    // The whole line keeps its quantity; a share of it is one row of quantity 1.
    const std::int64_t quantity = whole ? l.quantity : 1;
    for (const auto& row : db::receipt_rows(shares[i], quantity)) {
      fiscal::Item item;
      item.name = l.name;
      item.price = row.price;
      item.quantity_milli = row.quantity * 1000;
      item.subject = subject;
      item.method = method;
      item.vat = fiscal::Vat::NoVat;
      r.items.push_back(std::move(item));
    }
  }
  if (r.items.empty()) return fail(ErrorCode::Invalid, _("The invoice has nothing to put on a receipt."));
  return {};
}

fiscal::Item advance_item(db::Kopecks amount) {
  fiscal::Item item;
  item.name = _("Advance to the personal account");
  item.price = amount;
  item.subject = fiscal::Subject::Payment;
  item.method = fiscal::Method::Advance;
  return item;
}

}  // namespace

Result<fiscal::Receipt> receipt_for(db::Database& db, const db::Payment& p, const ReceiptContext& ctx) {
  fiscal::Receipt r;
  r.tax_system = ctx.tax_system;
  r.cashier = ctx.cashier;
  r.customer_contact = p.customer_contact;
  r.payment_ref = fiscal::payment_ref_tag(p.ref);
  r.cash = p.tender.cash;
  r.electronic = p.tender.card;
  r.prepaid = p.tender.balance;
  switch (p.kind) {
    case db::PaymentKind::Invoice: {
      RG_TRY_ASSIGN(auto inv, db::load_invoice(db, *p.invoice_id));
      // Settles the invoice when, with what is already paid, nothing is left due. While the
      // intent is not registered, inv.paid does not include it yet.
      const db::Kopecks paid_before = p.state == db::PaymentState::Registered ? inv.paid - p.total : inv.paid;
      const bool settles = paid_before + p.total >= inv.total;
      r.operation = fiscal::Operation::Sale;
      if (p.credit > 0) {
        // The first part: the services rendered are transferred whole, the rest on credit.
        RG_TRY(add_invoice_rows(inv, inv.total, fiscal::Method::PartialPaymentAndCredit, r));
        r.credit = p.credit;
        break;
      }
      RG_TRY_ASSIGN(bool on_credit, paid_before > 0 ? db::invoice_on_credit(db, inv.id, p.id) : Result<bool>(false));
      if (on_credit) {
        // A later part pays the credit off: the subject is the payment itself (1212 = 10).
        RG_TRY(add_invoice_rows(inv, p.total, fiscal::Method::CreditPayment, r, fiscal::Subject::Payment));
        break;
      }
      // Whole at once; or the parts of an invoice paid in parts before schema v6 (prepayments).
      RG_TRY(add_invoice_rows(inv, p.total, settles ? fiscal::Method::FullPayment : fiscal::Method::PartialPrepayment, r));
      break;
    }
    case db::PaymentKind::Refund: {
      RG_TRY_ASSIGN(auto inv, db::load_invoice(db, *p.invoice_id));
      // A credit payment given back is returned as one (1214 = 7, 1212 = 10); anything else as
      // a full payment of the services.
      RG_TRY_ASSIGN(auto original, db::load_payment(db, *p.refund_of));
      RG_TRY_ASSIGN(bool credit_payment,
                    original.credit == 0 ? db::invoice_on_credit(db, inv.id, original.id) : Result<bool>(false));
      RG_TRY(credit_payment ? add_invoice_rows(inv, p.total, fiscal::Method::CreditPayment, r, fiscal::Subject::Payment)
                            : add_invoice_rows(inv, p.total, fiscal::Method::FullPayment, r));
      r.operation = fiscal::Operation::SaleRefund;
      break;
    }
    case db::PaymentKind::Deposit:
      r.items.push_back(advance_item(p.total));
      r.operation = fiscal::Operation::Sale;
      break;
    case db::PaymentKind::DepositRefund:
      r.items.push_back(advance_item(p.total));
      r.operation = fiscal::Operation::SaleRefund;
      break;
  }
  if (r.total() != p.total + p.credit)
    return fail(ErrorCode::Internal, _("The receipt does not add up to the payment."),
                "receipt " + std::to_string(r.total()) + " payment " + std::to_string(p.total) + " credit " +
                    std::to_string(p.credit));
  return r;
}

}  // namespace rg::cash
