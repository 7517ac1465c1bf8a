#include "atol_registrar.h"

#include "database.h"  // RG_TRY
#include "i18n.h"

namespace rg::drivers::fiscal::atol {

namespace {

// ФФД document types (tag 1000 values) and receipt operations (tag 1054) as the ФН reports them.
DocumentType document_type(std::uint8_t fn_type) {
  switch (fn_type) {
    case 2: return DocumentType::OpenShift;
    case 3: return DocumentType::Receipt;
    case 5: return DocumentType::CloseShift;
    default: return DocumentType::Other;
  }
}

// The receipt's payments in the order they are sent (the last one closes the receipt).
constexpr PaymentType kPaymentOrder[] = {PaymentType::Cash, PaymentType::Electronic, PaymentType::Advance,
                                         PaymentType::Credit};

}  // namespace

AtolRegistrar::AtolRegistrar(std::unique_ptr<ByteChannel> channel, AtolOptions options)
    : channel_(std::move(channel)), options_(options), commands_(options.passwords), link_(*channel_, options.link) {}

std::string AtolRegistrar::name() const { return model_.empty() ? std::string(_("ATOL fiscal registrar")) : model_; }

Status AtolRegistrar::run(const Bytes& command) {
  RG_TRY_ASSIGN(auto reply, link_.execute(command));
  return check_reply(reply);
}

Result<AtolState> AtolRegistrar::state() {
  RG_TRY_ASSIGN(auto reply, link_.execute(commands_.device_state()));
  RG_TRY_ASSIGN(auto s, parse_device_state(reply));
  model_ = std::string(_("ATOL fiscal registrar")) + " (" + std::to_string(s.model) + ")";
  return s;
}

Status AtolRegistrar::leave() { return run(commands_.leave_mode()); }

Status AtolRegistrar::enter(Mode m) {
  RG_TRY_ASSIGN(auto s, state());
  if (s.receipt_state != 0) {
    if (s.mode != Mode::Registration) {
      // A receipt can only be cancelled in the registration mode (CashRegister.toInitialState).
      if (s.mode != Mode::Select) RG_TRY(leave());
      RG_TRY(run(commands_.enter_mode(Mode::Registration)));
    }
    RG_TRY(run(commands_.cancel_receipt()));
    s.mode = Mode::Registration;
  }
  if (s.mode == m) return {};
  if (s.mode != Mode::Select) RG_TRY(leave());
  if (m == Mode::Select) return {};
  return run(commands_.enter_mode(m));
}

Status AtolRegistrar::in_mode(Mode m, const Bytes& command) {
  RG_TRY(enter(m));
  auto done = run(command);
  (void)leave();  // back to selection whatever happened: nothing stays half-entered
  return done;
}

Result<FiscalDocument> AtolRegistrar::registered(DocumentType type) {
  RG_TRY_ASSIGN(auto after, state());
  RG_TRY_ASSIGN(auto doc, last_document_locked());
  if (doc.type != type)
    return fail(ErrorCode::Io, _("the fiscal storage does not show the document just made"),
                "last document type " + std::to_string(static_cast<int>(doc.type)));
  if (doc.shift_number == 0) doc.shift_number = after.shift_number;
  if (type == DocumentType::Receipt) doc.receipt_number = after.receipt_number;
  return doc;
}

Result<RegistrarStatus> AtolRegistrar::status() {
  std::lock_guard lock(mu_);
  RG_TRY_ASSIGN(auto s, state());
  RG_TRY_ASSIGN(auto fn_reply, link_.execute(commands_.fn_status()));
  RG_TRY_ASSIGN(auto fn, parse_fn_status(fn_reply));
  RegistrarStatus r;
  r.shift_open = s.shift_open;
  r.shift_number = s.shift_number;
  r.receipt_open = s.receipt_state != 0;
  r.last_document_number = fn.last_document;
  r.paper_present = s.paper;
  r.cover_open = s.cover_open;
  // Life phase 3 is "fiscal mode" in the ФН's status (1 ready, 3 fiscal, 7 post-fiscal, 15 archive read).
  r.fn_ok = s.fn_active && fn.phase == 3;
  if (!r.fn_ok) r.fn_message = _("the fiscal storage is not in the fiscal mode (not registered, closed or full)");
  r.model = name();
  r.serial = std::to_string(s.serial);
  return r;
}

Result<FiscalDocument> AtolRegistrar::open_shift(const Cashier&) {
  std::lock_guard lock(mu_);
  // The cashier is the one whose password enters the registration mode (the device's cashier
  // table names him on the report).
  RG_TRY(in_mode(Mode::Registration, commands_.open_shift()));
  return registered(DocumentType::OpenShift);
}

Result<FiscalDocument> AtolRegistrar::register_receipt(const Receipt& receipt) {
  std::lock_guard lock(mu_);
  if (receipt.items.empty()) return fail(ErrorCode::Invalid, _("a receipt needs at least one line."));
  if (receipt.covered() < receipt.total())
    return fail(ErrorCode::Invalid, _("the payments are less than the receipt's total"));
  RG_TRY(enter(Mode::Registration));
  RG_TRY(run(commands_.open_receipt(receipt.operation == Operation::SaleRefund ? ReceiptType::SaleRefund
                                                                                 : ReceiptType::Sale)));
  // From here on a failure cancels the receipt on the device: nothing is registered.
  auto fill = [&]() -> Status {
    for (const auto& item : receipt.items)
      RG_TRY(run(commands_.register_item(item.name, item.price, item.quantity_milli, options_.vat_no_vat)));
    const Kopecks amounts[4] = {receipt.cash, receipt.electronic, receipt.prepaid, receipt.credit};
    int last = -1;
    for (int i = 0; i < 4; ++i)
      if (amounts[i] > 0) last = i;
    for (int i = 0; i < last; ++i)
      if (amounts[i] > 0) RG_TRY(run(commands_.payment(kPaymentOrder[i], amounts[i])));
    return run(commands_.close_receipt(kPaymentOrder[last < 0 ? 0 : last], last < 0 ? 0 : amounts[last]));
  };
  if (auto filled = fill(); !filled) {
    (void)run(commands_.cancel_receipt());
    (void)leave();
    return std::unexpected(filled.error());
  }
  (void)leave();
  return registered(DocumentType::Receipt);
}

Status AtolRegistrar::cancel_open_receipt() {
  std::lock_guard lock(mu_);
  return enter(Mode::Select);  // cancels a receipt left open on the way
}

Result<FiscalDocument> AtolRegistrar::last_document() {
  std::lock_guard lock(mu_);
  return last_document_locked();
}

Result<FiscalDocument> AtolRegistrar::last_document_locked() {
  RG_TRY_ASSIGN(auto fn_reply, link_.execute(commands_.fn_status()));
  RG_TRY_ASSIGN(auto fn, parse_fn_status(fn_reply));
  if (fn.last_document == 0) return FiscalDocument{};
  RG_TRY_ASSIGN(auto doc_reply, link_.execute(commands_.fn_document(fn.last_document)));
  RG_TRY_ASSIGN(auto d, parse_fn_document(doc_reply));
  FiscalDocument doc;
  doc.type = document_type(d.type);
  doc.number = d.number;
  doc.fiscal_sign = d.sign;
  doc.date_time = d.date_time;
  if (doc.type == DocumentType::Receipt) {
    doc.operation = d.operation == 2 ? Operation::SaleRefund : Operation::Sale;
    doc.total = d.sum;
  }
  // Tag 1192 is not read back here (the TLV reading of a document is not implemented for this
  // device): payment_ref stays empty and the cash desk matches by number, operation and total.
  return doc;
}

Status AtolRegistrar::x_report(const Cashier&) {
  std::lock_guard lock(mu_);
  return in_mode(Mode::ReportNoClear, commands_.x_report());
}

Result<FiscalDocument> AtolRegistrar::close_shift(const Cashier&) {
  std::lock_guard lock(mu_);
  RG_TRY(in_mode(Mode::ReportClear, commands_.z_report()));
  return registered(DocumentType::CloseShift);
}

Status AtolRegistrar::open_drawer() {
  std::lock_guard lock(mu_);
  return run(commands_.open_drawer());
}

}  // namespace rg::drivers::fiscal::atol
