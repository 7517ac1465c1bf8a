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

Status AtolRegistrar::name_cashier(const Cashier& cashier) {
  // Written after the mode is entered and before the document (FiscalDevice does so for shifts,
  // receipts and reports); the INN padded to 12 characters with spaces as it does.
  if (!cashier.name.empty()) RG_TRY(run(commands_.write_tag(1021, cashier.name)));
  if (!cashier.inn.empty()) {
    std::string inn = cashier.inn;
    if (inn.size() < 12) inn.resize(12, ' ');
    RG_TRY(run(commands_.write_tag(1203, inn)));
  }
  return {};
}

Status AtolRegistrar::in_mode(Mode m, const Cashier& cashier, const Bytes& command) {
  RG_TRY(enter(m));
  auto done = name_cashier(cashier);
  if (done) done = run(command);
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

Result<FiscalDocument> AtolRegistrar::open_shift(const Cashier& cashier) {
  std::lock_guard lock(mu_);
  RG_TRY(in_mode(Mode::Registration, cashier, commands_.open_shift()));
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
  if (auto filled = fill_receipt(receipt); !filled) {
    (void)run(commands_.cancel_receipt());
    (void)leave();
    return std::unexpected(filled.error());
  }
  (void)leave();
  return registered(DocumentType::Receipt);
}

Status AtolRegistrar::fill_receipt(const Receipt& receipt) {
  RG_TRY(name_cashier(receipt.cashier));
  if (!receipt.customer_contact.empty()) RG_TRY(run(commands_.write_tag(1008, receipt.customer_contact)));
  if (!receipt.payment_ref.empty()) RG_TRY(run(commands_.write_tag(1192, receipt.payment_ref)));
  for (const auto& item : receipt.items) {
    ItemFields f;
    f.name = item.name;
    f.price = item.price;
    f.quantity_milli = item.quantity_milli;
    f.sum = item.sum();
    f.tax = item.vat == Vat::NoVat && options_.vat_no_vat != 0 ? options_.vat_no_vat : static_cast<std::uint8_t>(item.vat);
    f.subject = static_cast<std::uint8_t>(item.subject);
    f.method = static_cast<std::uint8_t>(item.method);
    RG_TRY(run(commands_.begin_item()));
    RG_TRY(run(commands_.end_item(f)));
  }
  const Kopecks amounts[4] = {receipt.cash, receipt.electronic, receipt.prepaid, receipt.credit};
  int last = -1;
  for (int i = 0; i < 4; ++i)
    if (amounts[i] > 0) last = i;
  for (int i = 0; i < last; ++i)
    if (amounts[i] > 0) RG_TRY(run(commands_.payment(kPaymentOrder[i], amounts[i])));
  return run(commands_.close_receipt(kPaymentOrder[last < 0 ? 0 : last], last < 0 ? 0 : amounts[last]));
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
    doc.payment_ref = stored_ref(d.number);
  }
  return doc;
}

std::string AtolRegistrar::stored_ref(std::uint32_t number) {
  // Best effort: a firmware that does not read documents' TLV leaves the ref empty, and the cash
  // desk matches the receipt by number, operation and total instead.
  auto head_reply = link_.execute(commands_.fn_document_tlv(number));
  if (!head_reply) return {};
  auto head = parse_fn_tlv_head(*head_reply);
  if (!head) return {};
  Bytes tlv;
  // Every part adds a byte at least; a device that dribbles is stopped after 256 parts.
  for (int parts = 0; tlv.size() < head->size && parts < 256; ++parts) {
    auto part_reply = link_.execute(commands_.fn_document_tlv_next());
    if (!part_reply) return {};
    auto part = parse_fn_tlv_part(*part_reply);
    if (!part || part->empty()) return {};
    tlv.insert(tlv.end(), part->begin(), part->end());
  }
  auto ref = find_tlv(tlv, 1192);  // what was read, whole entries only
  return ref ? std::string(ref->begin(), ref->end()) : std::string();
}

Status AtolRegistrar::x_report(const Cashier& cashier) {
  std::lock_guard lock(mu_);
  return in_mode(Mode::ReportNoClear, cashier, commands_.x_report());
}

Result<FiscalDocument> AtolRegistrar::close_shift(const Cashier& cashier) {
  std::lock_guard lock(mu_);
  RG_TRY(in_mode(Mode::ReportClear, cashier, commands_.z_report()));
  return registered(DocumentType::CloseShift);
}

Status AtolRegistrar::open_drawer() {
  std::lock_guard lock(mu_);
  return run(commands_.open_drawer());
}

}  // namespace rg::drivers::fiscal::atol
