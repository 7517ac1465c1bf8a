// The payment ledger: intents checked and written before the registrar is asked, money moved
// only when the registrar's fiscal document is stored.
#include "payments.h"

#include <cstdio>
#include <random>

#include "calendar.h"
#include "cash_shifts.h"
#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {

const char* to_db(PaymentKind k) {
  switch (k) {
    case PaymentKind::Invoice: return "invoice";
    case PaymentKind::Refund: return "refund";
    case PaymentKind::Deposit: return "deposit";
    case PaymentKind::DepositRefund: return "deposit_refund";
  }
  return "invoice";
}

const char* payment_kind_title(PaymentKind k) {
  switch (k) {
    case PaymentKind::Invoice: return _("payment");
    case PaymentKind::Refund: return _("refund");
    case PaymentKind::Deposit: return _("deposit");
    case PaymentKind::DepositRefund: return _("account refund");
  }
  return "";
}

static PaymentKind kind_from(std::string_view s) {
  if (s == "refund") return PaymentKind::Refund;
  if (s == "deposit") return PaymentKind::Deposit;
  if (s == "deposit_refund") return PaymentKind::DepositRefund;
  return PaymentKind::Invoice;
}

static PaymentState state_from(std::string_view s) {
  if (s == "registered") return PaymentState::Registered;
  if (s == "cancelled") return PaymentState::Cancelled;
  return PaymentState::Intent;
}

// 128 random bits as 32 hex digits: unique without coordination between desks.
// 16 hex digits (64 random bits): the whole ref fits tag 1192 (16 characters at most).
static std::string new_ref() {
  std::random_device rd;
  char buf[17];
  for (int i = 0; i < 2; ++i) std::snprintf(buf + i * 8, 9, "%08x", static_cast<unsigned>(rd()));
  return std::string(buf, 16);
}

Result<Kopecks> account_balance(Database& db, std::int64_t patient_id) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT coalesce(sum(amount), 0) FROM account_entries WHERE patient_id = ?1"));
  st->bind(1, patient_id);
  RG_TRY(st->step());
  return st->col_int(0);
}

static constexpr const char* kPaymentSelect =
    "SELECT id, ref, till, kind, invoice_id, patient_id, refund_of, cash_kopecks, card_kopecks, balance_kopecks, "
    "tendered_kopecks, card_auth_code, total_kopecks, customer_contact, reason, shift_id, state, doc_before, "
    "fiscal_number, coalesce(fiscal_sign, ''), fiscal_shift, created_at, registered_at, credit_kopecks FROM payments ";

static Payment read_payment(const Statement& st) {
  Payment p;
  p.id = st.col_int(0);
  p.ref = st.col_text(1);
  p.till = st.col_text(2);
  p.kind = kind_from(st.col_view(3));
  p.invoice_id = st.col_opt_int(4);
  p.patient_id = st.col_int(5);
  p.refund_of = st.col_opt_int(6);
  p.tender = {st.col_int(7), st.col_int(8), st.col_int(9), st.col_int(10), st.col_text(11)};
  p.total = st.col_int(12);
  p.customer_contact = st.col_text(13);
  p.reason = st.col_text(14);
  p.shift_id = st.col_opt_int(15);
  p.state = state_from(st.col_view(16));
  p.doc_before = st.col_opt_int(17);
  p.fiscal_number = st.col_opt_int(18);
  p.fiscal_sign = st.col_text(19);
  p.fiscal_shift = st.col_opt_int(20);
  p.created_at = st.col_int(21);
  p.registered_at = st.col_opt_int(22);
  p.credit = st.col_int(23);
  return p;
}

static Result<std::vector<Payment>> read_payments(Statement& st) {
  std::vector<Payment> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st.step());
    if (!row) break;
    out.push_back(read_payment(st));
  }
  return out;
}

Result<Payment> load_payment(Database& db, std::int64_t payment_id) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kPaymentSelect) + "WHERE id = ?1"));
  st->bind(1, payment_id);
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found) return fail(ErrorCode::NotFound, _("The payment no longer exists."));
  return read_payment(*st);
}

Result<std::optional<Payment>> pending_intent(Database& db, std::string_view till) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kPaymentSelect) + "WHERE till = ?1 AND state = 'intent'"));
  st->bind(1, till);
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found) return std::optional<Payment>{};
  return std::optional<Payment>(read_payment(*st));
}

Result<std::vector<Payment>> invoice_payments(Database& db, std::int64_t invoice_id) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kPaymentSelect) +
                                   "WHERE invoice_id = ?1 ORDER BY created_at, id"));
  st->bind(1, invoice_id);
  return read_payments(*st);
}

Result<bool> invoice_on_credit(Database& db, std::int64_t invoice_id, std::int64_t payment_id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT CASE WHEN EXISTS (SELECT 1 FROM payments WHERE invoice_id = ?1 AND kind = 'invoice' AND state = "
      "'registered' AND credit_kopecks > 0 AND id < ?2) THEN 1 ELSE 0 END"));
  st->bind_all(invoice_id, payment_id);
  RG_TRY(st->step());
  return st->col_int(0) != 0;
}

Result<std::vector<Payment>> patient_payments(Database& db, std::int64_t patient_id, int limit) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kPaymentSelect) +
                                   "WHERE patient_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2"));
  st->bind_all(patient_id, limit);
  return read_payments(*st);
}

Result<Refundable> refundable(Database& db, std::int64_t payment_id) {
  RG_TRY_ASSIGN(auto original, load_payment(db, payment_id));
  if (original.state != PaymentState::Registered || original.kind != PaymentKind::Invoice)
    return fail(ErrorCode::Invalid, _("Only a registered invoice payment can be refunded."));
  Refundable r{original.tender.cash, original.tender.card, original.tender.balance};
  // Refunds in flight count as given: a second refund cannot race the first.
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT coalesce(sum(cash_kopecks), 0), coalesce(sum(card_kopecks), 0), coalesce(sum(balance_kopecks), 0) "
      "FROM payments WHERE refund_of = ?1 AND state <> 'cancelled'"));
  st->bind(1, payment_id);
  RG_TRY(st->step());
  r.cash -= st->col_int(0);
  r.card -= st->col_int(1);
  r.balance -= st->col_int(2);
  return r;
}

namespace {

// Whose personal account pays for an invoice: the family payer when one is named, else the
// patient.
Result<std::int64_t> account_for_invoice(Database& db, std::int64_t invoice_id) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT coalesce(payer_patient_id, patient_id) FROM invoices WHERE id = ?1"));
  st->bind(1, invoice_id);
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found) return fail(ErrorCode::NotFound, _("The invoice no longer exists."));
  return st->col_int(0);
}

Status check_tender(const Tender& t) {
  if (t.cash < 0 || t.card < 0 || t.balance < 0 || t.tendered < 0)
    return fail(ErrorCode::Invalid, _("Amounts cannot be negative."));
  if (t.total() <= 0) return fail(ErrorCode::Invalid, _("Type the amount to pay."));
  if (t.tendered != 0 && t.tendered < t.cash)
    return fail(ErrorCode::Invalid, _("The cash handed over is less than the cash part of the payment."));
  return {};
}

// What the intent's checks found out: whose payment it is, and for the first part of an invoice
// paid in parts, the rest left on credit.
struct IntentFacts {
  std::int64_t patient_id = 0;
  Kopecks credit = 0;
};

Status check_intent(Database& db, const NewPayment& p, IntentFacts& facts) {
  std::int64_t& patient_id = facts.patient_id;
  RG_TRY(check_tender(p.tender));
  switch (p.kind) {
    case PaymentKind::Invoice: {
      if (!p.invoice_id) return fail(ErrorCode::Invalid, _("Choose the invoice to pay."));
      RG_TRY_ASSIGN(auto st, db.cached(
          "SELECT status, total_kopecks - paid_kopecks, payer_kind, patient_id, paid_kopecks FROM invoices WHERE id = ?1"));
      st->bind(1, *p.invoice_id);
      RG_TRY_ASSIGN(bool found, st->step());
      if (!found) return fail(ErrorCode::NotFound, _("The invoice no longer exists."));
      if (st->col_view(0) != "open") return fail(ErrorCode::Conflict, _("The invoice is already paid or cancelled."));
      if (st->col_view(2) == "insurer")
        return fail(ErrorCode::Invalid, _("The insurer pays this invoice under the guarantee letter; no money is taken."));
      const Kopecks due = st->col_int(1);
      patient_id = st->col_int(3);
      if (p.tender.total() > due) return fail(ErrorCode::Invalid, _("The payment is more than the invoice's amount due."));
      if (p.tender.total() < due && !p.in_part)
        return fail(ErrorCode::Invalid,
                    _("The amount is less than is due. Take the whole amount, or choose «in part» to leave the rest "
                      "owed."));
      // The services were rendered at the visit: a first payment short of the total transfers
      // them with the rest on credit (1214 = 5, 1216); later parts pay the credit off.
      if (st->col_int(4) == 0 && p.tender.total() < due) facts.credit = due - p.tender.total();
      if (p.tender.balance > 0) {
        RG_TRY_ASSIGN(auto account, account_for_invoice(db, *p.invoice_id));
        RG_TRY_ASSIGN(auto balance, account_balance(db, account));
        if (p.tender.balance > balance)
          return fail(ErrorCode::Invalid, _("The personal account does not have enough money."));
      }
      return {};
    }
    case PaymentKind::Refund: {
      if (!p.refund_of) return fail(ErrorCode::Invalid, _("Choose the payment to refund."));
      if (fold_spaces(p.reason).empty()) return fail(ErrorCode::Invalid, _("Give the reason for the refund."));
      RG_TRY_ASSIGN(auto original, load_payment(db, *p.refund_of));
      RG_TRY_ASSIGN(auto left, refundable(db, *p.refund_of));
      if (p.tender.cash > left.cash || p.tender.card > left.card || p.tender.balance > left.balance)
        return fail(ErrorCode::Invalid, _("A refund goes back the way it was paid, and no more than was paid."));
      patient_id = original.patient_id;
      return {};
    }
    case PaymentKind::Deposit:
      if (!p.patient_id) return fail(ErrorCode::Invalid, _("Choose whose personal account to top up."));
      if (p.tender.balance != 0) return fail(ErrorCode::Invalid, _("A deposit is paid in cash or by card."));
      patient_id = *p.patient_id;
      return {};
    case PaymentKind::DepositRefund: {
      if (!p.patient_id) return fail(ErrorCode::Invalid, _("Choose whose personal account to refund."));
      if (p.tender.balance != 0) return fail(ErrorCode::Invalid, _("A balance is refunded in cash or by card."));
      if (fold_spaces(p.reason).empty()) return fail(ErrorCode::Invalid, _("Give the reason for the refund."));
      RG_TRY_ASSIGN(auto balance, account_balance(db, *p.patient_id));
      if (p.tender.total() > balance)
        return fail(ErrorCode::Invalid, _("The refund is more than the personal account holds."));
      patient_id = *p.patient_id;
      return {};
    }
  }
  return {};
}

Status add_account_entry(Database& db, std::int64_t patient_id, std::int64_t payment_id, Kopecks amount) {
  if (amount == 0) return {};
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO account_entries(patient_id, payment_id, amount, created_at) VALUES (?1, ?2, ?3, ?4)"));
  st->bind_all(patient_id, payment_id, amount, now_unix());
  return st->exec();
}

}  // namespace

Result<Payment> record_intent(Database& db, const NewPayment& p, std::optional<std::int64_t> doc_before,
                              const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  const bool gives_back = p.kind == PaymentKind::Refund || p.kind == PaymentKind::DepositRefund;
  RG_TRY(require(db, actor, gives_back ? Permission::CashRefunds : Permission::CashPayments));
  RG_TRY_ASSIGN(auto shift, open_shift_of(db, p.till));
  if (!shift) return fail(ErrorCode::Invalid, _("Open the cash shift first."));
  if (shift->expired(now_unix()))
    return fail(ErrorCode::Invalid, _("The shift has been open for more than 24 hours: close it (Z report) and open a new one."));
  RG_TRY_ASSIGN(auto pending, pending_intent(db, p.till));
  if (pending)
    return fail(ErrorCode::Conflict, _("Another payment at this till has not been completed yet: finish or cancel it first."));
  IntentFacts facts;
  RG_TRY(check_intent(db, p, facts));
  std::optional<std::int64_t> invoice_id = p.invoice_id;
  if (p.kind == PaymentKind::Refund) {
    RG_TRY_ASSIGN(auto original, load_payment(db, *p.refund_of));
    invoice_id = original.invoice_id;
  }
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO payments(ref, till, kind, invoice_id, patient_id, refund_of, cash_kopecks, card_kopecks, "
      "balance_kopecks, tendered_kopecks, total_kopecks, customer_contact, reason, card_auth_code, shift_id, "
      "doc_before, created_at, created_by, credit_kopecks) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) RETURNING id"));
  const std::string ref = new_ref();
  st->bind_all(ref, p.till, to_db(p.kind), invoice_id, facts.patient_id, p.refund_of, p.tender.cash, p.tender.card,
               p.tender.balance, p.tender.tendered, p.tender.total(), utf8_truncate(fold_spaces(p.customer_contact), 254),
               utf8_truncate(fold_spaces(p.reason), 500), utf8_truncate(p.tender.card_auth, 32), shift->id, doc_before,
               now_unix(), actor.user_id, facts.credit);
  RG_TRY_ASSIGN(const std::int64_t id, st->exec_returning_id());
  RG_TRY(append_audit(db, actor, "payment.intent", "payment", id,
                      {{"kind", to_db(p.kind)}, {"total", std::to_string(p.tender.total())}, {"ref", ref},
                       {"credit", std::to_string(facts.credit)}}));
  RG_TRY(tx.commit());
  return load_payment(db, id);
}

Status mark_registered(Database& db, std::int64_t payment_id, const FiscalMark& mark, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY_ASSIGN(auto p, load_payment(db, payment_id));
  if (p.state == PaymentState::Registered && p.fiscal_number == mark.number) return tx.commit();  // already
  if (p.state != PaymentState::Intent)
    return fail(ErrorCode::Conflict, _("The payment was cancelled; the registrar's receipt needs a manual correction."));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE payments SET state = 'registered', fiscal_number = ?2, fiscal_sign = ?3, fiscal_shift = ?4, "
      "registered_at = ?5 WHERE id = ?1 AND state = 'intent'"));
  st->bind_all(payment_id, mark.number, mark.sign, mark.shift, now_unix());
  RG_TRY(st->exec());
  switch (p.kind) {
    case PaymentKind::Invoice: {
      RG_TRY_ASSIGN(auto up, db.cached(
          "UPDATE invoices SET paid_kopecks = paid_kopecks + ?2, "
          "status = CASE WHEN paid_kopecks + ?2 >= total_kopecks THEN 'paid' ELSE status END WHERE id = ?1"));
      up->bind_all(*p.invoice_id, p.total);
      RG_TRY(up->exec());
      RG_TRY_ASSIGN(auto account, account_for_invoice(db, *p.invoice_id));
      RG_TRY(add_account_entry(db, account, payment_id, -p.tender.balance));
      break;
    }
    case PaymentKind::Refund: {
      RG_TRY_ASSIGN(auto up, db.cached("UPDATE invoices SET paid_kopecks = paid_kopecks - ?2 WHERE id = ?1"));
      up->bind_all(*p.invoice_id, p.total);
      RG_TRY(up->exec());
      RG_TRY_ASSIGN(auto account, account_for_invoice(db, *p.invoice_id));
      RG_TRY(add_account_entry(db, account, payment_id, p.tender.balance));
      break;
    }
    case PaymentKind::Deposit:
      RG_TRY(add_account_entry(db, p.patient_id, payment_id, p.total));
      break;
    case PaymentKind::DepositRefund:
      RG_TRY(add_account_entry(db, p.patient_id, payment_id, -p.total));
      break;
  }
  RG_TRY(append_audit(db, actor, "payment.registered", "payment", payment_id,
                      {{"fiscal_number", std::to_string(mark.number)}, {"fiscal_sign", mark.sign}}));
  return tx.commit();
}

Status mark_cancelled(Database& db, std::int64_t payment_id, std::string_view why, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY(require(db, actor, Permission::CashCancelUnsent));
  RG_TRY_ASSIGN(auto st, db.cached("UPDATE payments SET state = 'cancelled', reason = ?2 WHERE id = ?1 AND state = 'intent'"));
  st->bind_all(payment_id, utf8_truncate(fold_spaces(why), 500));
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return fail(ErrorCode::Conflict, _("The payment is no longer waiting; it cannot be cancelled."));
  RG_TRY(append_audit(db, actor, "payment.cancelled", "payment", payment_id, {{"why", std::string(why)}}));
  return tx.commit();
}

Status link_payer(Database& db, std::int64_t payer_id, std::int64_t patient_id, std::string_view relation,
                  const Actor& actor) {
  if (payer_id == patient_id) return fail(ErrorCode::Invalid, _("A patient pays for himself without a link."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::CashPayments));
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO payer_links(payer_id, patient_id, relation) VALUES (?1, ?2, ?3) "
      "ON CONFLICT(payer_id, patient_id) DO UPDATE SET relation = excluded.relation"));
  st->bind_all(payer_id, patient_id, utf8_truncate(fold_spaces(relation), 40));
  RG_TRY(st->exec());
  RG_TRY(append_audit(db, actor, "patient.payer_link", "patient", patient_id,
                      {{"payer", std::to_string(payer_id)}, {"relation", std::string(relation)}}));
  return tx.commit();
}

Result<std::vector<LinkedPayer>> linked_payers(Database& db, std::int64_t patient_id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT l.payer_id, p.surname, p.name, p.patronymic, l.relation, "
      "coalesce((SELECT sum(amount) FROM account_entries WHERE patient_id = l.payer_id), 0) "
      "FROM payer_links l JOIN patients p ON p.id = l.payer_id WHERE l.patient_id = ?1 ORDER BY p.surname"));
  st->bind(1, patient_id);
  std::vector<LinkedPayer> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back({st->col_int(0), full_name(st->col_view(1), st->col_view(2), st->col_view(3)), st->col_text(4),
                   st->col_int(5)});
  }
  return out;
}

Result<TaxDeductionSums> tax_deduction_sums(Database& db, std::int64_t patient_id, int year) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT coalesce(sum(CASE p.kind WHEN 'refund' THEN -p.total_kopecks ELSE p.total_kopecks END), 0), count(*) "
      "FROM payments p JOIN invoices v ON v.id = p.invoice_id "
      "WHERE v.patient_id = ?1 AND p.state = 'registered' AND p.kind IN ('invoice', 'refund') "
      "AND p.registered_at >= ?2 AND p.registered_at < ?3"));
  st->bind_all(patient_id, to_unix(Date(year, 1, 1), 0), to_unix(Date(year + 1, 1, 1), 0));
  RG_TRY(st->step());
  return TaxDeductionSums{st->col_int(0), 0, static_cast<int>(st->col_int(1))};
}

}  // namespace rg::db
