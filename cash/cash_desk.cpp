#include "cash_desk.h"

#include "staff.h"

#include "i18n.h"

namespace rg::cash {

namespace fiscal = drivers::fiscal;

std::string registrar_problem(const Error& e) {
  return std::string(_("Fiscal registrar")) + ": " + e.message;
}

// The registrar's error, said as the registrar's.
static std::unexpected<Error> registrar_failed(const Error& e) {
  return std::unexpected(Error{e.code, registrar_problem(e), e.detail});
}

CashDesk::CashDesk(db::Database& db, fiscal::FiscalRegistrar& registrar, CashDeskOptions options, db::Actor actor)
    : db_(db), registrar_(registrar), options_(std::move(options)), actor_(std::move(actor)) {}

Status CashDesk::store(const db::Payment& intent, const fiscal::FiscalDocument& doc) {
  return db::mark_registered(db_, intent.id,
                             {static_cast<std::int64_t>(doc.number), std::to_string(doc.fiscal_sign), doc.shift_number},
                             actor_);
}

// The registrar's last document is this intent's receipt when it is a receipt newer than the
// number noted with the intent and carries the intent's ref (tag 1192). A registrar that cannot
// give tag 1192 back (an ATOL whose firmware does not read documents' TLV) is matched by the
// receipt's operation and total instead: one payment at most is in flight per till, and the
// till's registrar is its own.
Result<std::optional<db::Payment>> CashDesk::match_last_document(const db::Payment& intent) {
  auto last = registrar_.last_document();
  if (!last) return registrar_failed(last.error());
  const bool newer = !intent.doc_before || static_cast<std::int64_t>(last->number) > *intent.doc_before;
  if (last->type != fiscal::DocumentType::Receipt || !newer) return std::optional<db::Payment>{};
  if (last->payment_ref.empty()) {
    RG_TRY_ASSIGN(auto receipt, receipt_for(db_, intent, options_.receipt));
    if (last->operation != receipt.operation || last->total != receipt.total()) return std::optional<db::Payment>{};
  } else if (fiscal::payment_ref_tag(last->payment_ref) != fiscal::payment_ref_tag(intent.ref)) {
    // (Both cut: a receipt made before refs were cut to 16 carries the whole 32-digit one.)
    return std::optional<db::Payment>{};
  }
  RG_TRY(store(intent, *last));
  RG_TRY_ASSIGN(auto stored, db::load_payment(db_, intent.id));
  return std::optional<db::Payment>(std::move(stored));
}

Result<Reconciliation> CashDesk::reconcile() {
  Reconciliation out;
  auto status = registrar_.status();
  if (!status) return registrar_failed(status.error());
  if (status->receipt_open) {
    // A receipt begun and never closed registered nothing; cancel it before anything else.
    auto cancelled = registrar_.cancel_open_receipt();
    if (!cancelled) return registrar_failed(cancelled.error());
    out.cancelled_open_receipt = true;
  }
  RG_TRY_ASSIGN(auto pending, db::pending_intent(db_, options_.till));
  if (!pending) return out;
  RG_TRY_ASSIGN(auto matched, match_last_document(*pending));
  if (matched) {
    out.completed = std::move(matched);
  } else {
    out.unsent = std::move(pending);
  }
  return out;
}

Result<PaymentOutcome> CashDesk::send(db::Payment intent) {
  RG_TRY_ASSIGN(auto receipt, receipt_for(db_, intent, options_.receipt));
  auto doc = registrar_.register_receipt(receipt);
  if (!doc) {
    // The reply may have been lost after the registrar registered the receipt: ask it.
    auto matched = match_last_document(intent);
    if (matched && *matched) {
      return PaymentOutcome{**matched, std::nullopt, intent.tender.change()};
    }
    return std::unexpected(Error{doc.error().code,
                                 registrar_problem(doc.error()) + " " + _("The receipt was not printed; "
                                 "the payment is kept: send it again or cancel it."),
                                 doc.error().detail});
  }
  step(Step::AfterRegistrar);
  RG_TRY(store(intent, *doc));
  step(Step::AfterStored);
  const bool cash_moves = intent.tender.cash > 0;
  if (cash_moves) (void)registrar_.open_drawer();  // a drawer that does not open is not a lost payment
  RG_TRY_ASSIGN(auto stored, db::load_payment(db_, intent.id));
  return PaymentOutcome{std::move(stored), *doc, intent.tender.change()};
}

Result<PaymentOutcome> CashDesk::pay(const db::NewPayment& payment) {
  RG_TRY(db::require(db_, actor_, payment.kind == db::PaymentKind::Refund || payment.kind == db::PaymentKind::DepositRefund
                             ? db::Permission::CashRefunds
                             : db::Permission::CashPayments));  // before the registrar is asked
  step(Step::BeforeIntent);
  auto status = registrar_.status();
  if (!status) return registrar_failed(status.error());
  if (!status->shift_open) return fail(ErrorCode::Invalid, _("The fiscal shift is closed: open the shift first."));
  if (status->shift_expired)
    return fail(ErrorCode::Invalid, _("The shift has been open for more than 24 hours: close it (Z report) and open a new one."));
  if (status->receipt_open) {
    auto cancelled = registrar_.cancel_open_receipt();
    if (!cancelled) return registrar_failed(cancelled.error());
  }
  db::NewPayment p = payment;
  p.till = options_.till;
  RG_TRY_ASSIGN(auto intent, db::record_intent(db_, p, static_cast<std::int64_t>(status->last_document_number), actor_));
  step(Step::AfterIntent);
  return send(std::move(intent));
}

Result<PaymentOutcome> CashDesk::resend(std::int64_t payment_id) {
  RG_TRY(db::require(db_, actor_, db::Permission::CashPayments));
  RG_TRY_ASSIGN(auto intent, db::load_payment(db_, payment_id));
  if (intent.state != db::PaymentState::Intent)
    return fail(ErrorCode::Conflict, _("The payment is no longer waiting to be sent."));
  // It may have gone through after all (the registrar came back on its own).
  RG_TRY_ASSIGN(auto matched, match_last_document(intent));
  if (matched) return PaymentOutcome{*matched, std::nullopt, intent.tender.change()};
  return send(std::move(intent));
}

Status CashDesk::cancel_unsent(std::int64_t payment_id, std::string_view why) {
  RG_TRY(db::require(db_, actor_, db::Permission::CashCancelUnsent));  // before the registrar is asked
  RG_TRY_ASSIGN(auto intent, db::load_payment(db_, payment_id));
  if (intent.state != db::PaymentState::Intent)
    return fail(ErrorCode::Conflict, _("The payment is no longer waiting to be sent."));
  // Never cancel what the registrar has registered: that would be a receipt without a payment.
  RG_TRY_ASSIGN(auto matched, match_last_document(intent));
  if (matched) return fail(ErrorCode::Conflict, _("The registrar had printed this receipt; the payment is now recorded."));
  return db::mark_cancelled(db_, payment_id, why, actor_);
}

Result<std::int64_t> CashDesk::open_shift(db::Kopecks float_amount) {
  RG_TRY(db::require(db_, actor_, db::Permission::CashPayments));  // before the registrar is asked
  RG_TRY_ASSIGN(auto existing, db::open_shift_of(db_, options_.till));
  auto status = registrar_.status();
  if (!status) return registrar_failed(status.error());
  if (status->shift_open && status->shift_expired)
    return fail(ErrorCode::Invalid, _("The registrar's previous shift is older than 24 hours: close it (Z report) first."));
  std::int64_t shift_id = 0;
  if (existing) {
    shift_id = existing->id;  // reopening the fiscal side of a shift the till already has
  } else {
    RG_TRY_ASSIGN(shift_id, db::record_shift_open(db_, options_.till, options_.receipt.cashier.name, float_amount, actor_));
  }
  int number = status->shift_number;
  if (!status->shift_open) {
    auto doc = registrar_.open_shift(options_.receipt.cashier);
    if (!doc) return registrar_failed(doc.error());
    number = doc->shift_number;
  }
  RG_TRY(db::set_fiscal_shift_number(db_, shift_id, number));
  return shift_id;
}

Status CashDesk::close_shift(db::Kopecks counted, db::Kopecks handed_over, std::string_view notes) {
  RG_TRY(db::require(db_, actor_, db::Permission::CashPayments));  // before the registrar is asked
  RG_TRY_ASSIGN(auto shift, db::open_shift_of(db_, options_.till));
  if (!shift) return fail(ErrorCode::Invalid, _("No shift is open at this till."));
  RG_TRY_ASSIGN(auto pending, db::pending_intent(db_, options_.till));
  if (pending)
    return fail(ErrorCode::Conflict, _("A payment of this shift is not completed: finish or cancel it before closing."));
  auto status = registrar_.status();
  if (!status) return registrar_failed(status.error());
  if (status->shift_open) {
    auto z = registrar_.close_shift(options_.receipt.cashier);
    if (!z) return registrar_failed(z.error());
  }
  return db::record_shift_close(db_, shift->id, counted, handed_over, notes, actor_);
}

Status CashDesk::x_report() {
  RG_TRY(db::require(db_, actor_, db::Permission::CashPayments));  // before the registrar is asked
  auto r = registrar_.x_report(options_.receipt.cashier);
  if (!r) return registrar_failed(r.error());
  return {};
}

Status CashDesk::open_drawer() {
  RG_TRY(db::require(db_, actor_, db::Permission::CashPayments));  // before the registrar is asked
  auto r = registrar_.open_drawer();
  if (!r) return registrar_failed(r.error());
  return {};
}

Result<CashDeskOptions> options_for(db::Database& db, CashDeskOptions base, const db::Actor& actor) {
  if (actor.user_id) {
    RG_TRY_ASSIGN(base.receipt.cashier.name, db::cashier_name(db, *actor.user_id));
  }
  return base;
}

}  // namespace rg::cash
