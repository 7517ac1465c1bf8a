#include "fiscal/virtual_registrar.h"

#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

#include "database.h"  // RG_TRY
#include "files.h"
#include "i18n.h"
#include "receipt_printer/receipt.h"

namespace rg::drivers::fiscal {

struct VirtualRegistrar::State {
  std::string serial = "0000000000000001";
  bool shift_open = false;
  int shift_number = 0;
  std::int64_t shift_opened_at = 0;
  std::uint32_t last_number = 0;
  int receipt_in_shift = 0;
  FiscalDocument last;
  Counters total, shift;
};

namespace {

constexpr std::int64_t kShiftLimit = 24 * 3600;

std::string local_iso(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

// A stand-in for the fiscal sign (tag 1077): ten digits that depend on the document, so a test
// can tell documents apart and a reprint shows the same sign.
std::uint64_t sign_of(const std::string& serial, const FiscalDocument& d) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  };
  mix(serial);
  mix(std::to_string(d.number));
  mix(std::to_string(d.total));
  mix(d.date_time);
  mix(d.payment_ref);
  return h % 10000000000ull;
}

const char* type_name(DocumentType t) {
  switch (t) {
    case DocumentType::OpenShift: return "open_shift";
    case DocumentType::Receipt: return "receipt";
    case DocumentType::CloseShift: return "close_shift";
    case DocumentType::Other: break;
  }
  return "other";
}

DocumentType type_from(const std::string& s) {
  if (s == "open_shift") return DocumentType::OpenShift;
  if (s == "receipt") return DocumentType::Receipt;
  if (s == "close_shift") return DocumentType::CloseShift;
  return DocumentType::Other;
}

// Tag 1214 as a receipt prints it (FFD 1.2, the method's printed form).
const char* method_printed(Method m) {
  switch (m) {
    case Method::FullPrepayment: return "ПРЕДОПЛАТА 100%";
    case Method::PartialPrepayment: return "ПРЕДОПЛАТА";
    case Method::Advance: return "АВАНС";
    case Method::FullPayment: return "ПОЛНЫЙ РАСЧЁТ";
    case Method::PartialPaymentAndCredit: return "ЧАСТИЧНЫЙ РАСЧЁТ И КРЕДИТ";
    case Method::CreditPayment: return "ОПЛАТА КРЕДИТА";
  }
  return "";
}

void write_counters(std::ostringstream& o, const char* p, const Counters& c) {
  o << p << "sales_cash=" << c.sales_cash << "\n" << p << "sales_electronic=" << c.sales_electronic << "\n"
    << p << "sales_prepaid=" << c.sales_prepaid << "\n" << p << "refunds_cash=" << c.refunds_cash << "\n"
    << p << "refunds_electronic=" << c.refunds_electronic << "\n" << p << "refunds_prepaid=" << c.refunds_prepaid
    << "\n" << p << "sales_credit=" << c.sales_credit << "\n" << p << "refunds_credit=" << c.refunds_credit
    << "\n" << p << "sales=" << c.sales << "\n" << p << "refunds=" << c.refunds << "\n";
}

std::string serialize(const VirtualRegistrar::State& s) {
  std::ostringstream o;
  o << "serial=" << s.serial << "\nshift_open=" << (s.shift_open ? 1 : 0) << "\nshift_number=" << s.shift_number
    << "\nshift_opened_at=" << s.shift_opened_at << "\nlast_number=" << s.last_number
    << "\nreceipt_in_shift=" << s.receipt_in_shift << "\nlast.type=" << type_name(s.last.type)
    << "\nlast.number=" << s.last.number << "\nlast.sign=" << s.last.fiscal_sign << "\nlast.shift=" << s.last.shift_number
    << "\nlast.receipt=" << s.last.receipt_number << "\nlast.operation=" << static_cast<int>(s.last.operation)
    << "\nlast.total=" << s.last.total << "\nlast.ref=" << s.last.payment_ref << "\nlast.time=" << s.last.date_time
    << "\n";
  write_counters(o, "total.", s.total);
  write_counters(o, "shift.", s.shift);
  return o.str();
}

Result<VirtualRegistrar::State> parse(const std::string& text) {
  std::map<std::string, std::string> kv;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    kv[line.substr(0, eq)] = line.substr(eq + 1);
  }
  VirtualRegistrar::State s;
  bool ok = true;
  auto num = [&kv, &ok](const std::string& k) -> std::int64_t {
    auto it = kv.find(k);
    if (it == kv.end()) return 0;
    try {
      return std::stoll(it->second);
    } catch (...) {
      ok = false;
      return 0;
    }
  };
  auto counters = [&num](const std::string& p) {
    return Counters{num(p + "sales_cash"), num(p + "sales_electronic"), num(p + "sales_prepaid"),
                    num(p + "refunds_cash"), num(p + "refunds_electronic"), num(p + "refunds_prepaid"),
                    num(p + "sales_credit"), num(p + "refunds_credit"), num(p + "sales"), num(p + "refunds")};
  };
  if (kv.count("serial")) s.serial = kv["serial"];
  s.shift_open = num("shift_open") == 1;
  s.shift_number = static_cast<int>(num("shift_number"));
  s.shift_opened_at = num("shift_opened_at");
  s.last_number = static_cast<std::uint32_t>(num("last_number"));
  s.receipt_in_shift = static_cast<int>(num("receipt_in_shift"));
  s.last.type = type_from(kv["last.type"]);
  s.last.number = static_cast<std::uint32_t>(num("last.number"));
  s.last.fiscal_sign = static_cast<std::uint64_t>(num("last.sign"));
  s.last.shift_number = static_cast<int>(num("last.shift"));
  s.last.receipt_number = static_cast<int>(num("last.receipt"));
  s.last.operation = num("last.operation") == 2 ? Operation::SaleRefund : Operation::Sale;
  s.last.total = num("last.total");
  s.last.payment_ref = kv["last.ref"];
  s.last.date_time = kv["last.time"];
  s.total = counters("total.");
  s.shift = counters("shift.");
  if (!ok) return fail(ErrorCode::Io, _("The virtual registrar's state file is damaged."));
  return s;
}

std::string rubles(Kopecks k) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(k / 100), static_cast<long long>(k % 100));
  return buf;
}

}  // namespace

VirtualRegistrar::VirtualRegistrar(std::filesystem::path dir, ReceiptPrinter* printer, std::unique_ptr<State> state)
    : dir_(std::move(dir)), printer_(printer), state_(std::move(state)), mu_(std::make_unique<std::mutex>()) {}
VirtualRegistrar::VirtualRegistrar(VirtualRegistrar&&) noexcept = default;
VirtualRegistrar& VirtualRegistrar::operator=(VirtualRegistrar&&) noexcept = default;
VirtualRegistrar::~VirtualRegistrar() = default;

Result<VirtualRegistrar> VirtualRegistrar::open(std::filesystem::path dir, ReceiptPrinter* printer) {
  if (auto made = db::ensure_directory(dir.string()); !made) return std::unexpected(made.error());
  auto state = std::make_unique<State>();
  const auto file = dir / kStateFile;
  if (std::filesystem::exists(file)) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) return fail(ErrorCode::Io, _("The virtual registrar's state file cannot be read."));
    auto parsed = parse(text.str());
    if (!parsed) return std::unexpected(parsed.error());
    *state = std::move(*parsed);
  }
  VirtualRegistrar r(std::move(dir), printer, std::move(state));
  if (!std::filesystem::exists(file))
    if (auto saved = r.save(); !saved) return std::unexpected(saved.error());
  return r;
}

Result<VirtualRegistrar> VirtualRegistrar::open(std::filesystem::path dir, std::shared_ptr<ReceiptPrinter> printer) {
  RG_TRY_ASSIGN(auto r, open(std::move(dir), printer.get()));
  r.owned_printer_ = std::move(printer);
  return r;
}

std::string VirtualRegistrar::name() const { return _("Virtual fiscal registrar"); }

std::int64_t VirtualRegistrar::now() const { return static_cast<std::int64_t>(std::time(nullptr)) + clock_offset_; }

void VirtualRegistrar::set_fault(VirtualFault f) {
  std::lock_guard lock(*mu_);
  fault_ = f;
}

void VirtualRegistrar::set_clock_offset(std::int64_t seconds) {
  std::lock_guard lock(*mu_);
  clock_offset_ = seconds;
}

Counters VirtualRegistrar::counters() {
  std::lock_guard lock(*mu_);
  return state_->total;
}

Counters VirtualRegistrar::shift_counters() {
  std::lock_guard lock(*mu_);
  return state_->shift;
}

Status VirtualRegistrar::answering() const {
  if (fault_ == VirtualFault::Offline || std::filesystem::exists(dir_ / kOfflineFile))
    return fail(ErrorCode::Io, _("the registrar does not answer (check the cable and the power)."));
  return {};
}

Status VirtualRegistrar::save() { return db::write_file_atomically((dir_ / kStateFile).string(), serialize(*state_)); }

FiscalDocument VirtualRegistrar::next_document(DocumentType type) {
  FiscalDocument d;
  d.type = type;
  d.number = state_->last_number + 1;
  d.shift_number = state_->shift_number;
  d.date_time = local_iso(now());
  return d;
}

void VirtualRegistrar::print_document(const FiscalDocument& doc, const Receipt* receipt, const Cashier& cashier,
                                      const char* title) {
  if (!printer_) return;
  // A fiscal document is printed in Russian whatever the desk's language: the law says so.
  drivers::Receipt r;
  r.centered("ВИРТУАЛЬНАЯ КАССА REGISTRATURA").centered("РН ККТ " + state_->serial).separator();
  r.title(title);
  if (receipt) {
    for (const auto& item : receipt->items) {
      r.text_wrapped(item.name);
      const std::string qty = std::to_string(item.quantity_milli / 1000) +
                              (item.quantity_milli % 1000 ? "." + std::to_string(item.quantity_milli % 1000) : "");
      r.pair(qty + " x " + rubles(item.price), "=" + rubles(item.sum()));
      r.line(std::string(item.subject == Subject::Payment ? "ПЛАТЁЖ" : "УСЛУГА") + " · " + method_printed(item.method));
      r.line("НДС НЕ ОБЛАГАЕТСЯ");
    }
    r.separator();
    r.pair("ИТОГ", "=" + rubles(receipt->total()), true);
    if (receipt->cash) r.pair("НАЛИЧНЫМИ", "=" + rubles(receipt->cash));
    if (receipt->electronic) r.pair("БЕЗНАЛИЧНЫМИ", "=" + rubles(receipt->electronic));
    if (receipt->prepaid) r.pair("ПРЕДОПЛАТОЙ (АВАНСОМ)", "=" + rubles(receipt->prepaid));
    if (receipt->credit) r.pair("ПОСТОПЛАТОЙ (В КРЕДИТ)", "=" + rubles(receipt->credit));
    const Kopecks change = receipt->covered() - receipt->total();
    if (change > 0) r.pair("СДАЧА", "=" + rubles(change));
    if (!receipt->customer_contact.empty()) r.pair("ПОКУПАТЕЛЬ", receipt->customer_contact);
  }
  r.separator();
  if (!cashier.name.empty()) r.pair("КАССИР", cashier.name);
  r.pair("СМЕНА", std::to_string(doc.shift_number));
  if (doc.type == DocumentType::Receipt) r.pair("ЧЕК", std::to_string(doc.receipt_number));
  r.pair("ДАТА", doc.date_time.substr(8, 2) + "." + doc.date_time.substr(5, 2) + "." + doc.date_time.substr(0, 4) + " " +
                     doc.date_time.substr(11, 5));
  r.pair("ФД", std::to_string(doc.number));
  r.pair("ФП", std::to_string(doc.fiscal_sign));
  if (receipt) {
    // The FNS receipt-check QR: t=date time, s=sum, fn, i=FD, fp=FP, n=operation.
    std::string t = doc.date_time.substr(0, 4) + doc.date_time.substr(5, 2) + doc.date_time.substr(8, 2) + "T" +
                    doc.date_time.substr(11, 2) + doc.date_time.substr(14, 2);
    r.qr("t=" + t + "&s=" + rubles(receipt->total()) + "&fn=" + state_->serial + "&i=" + std::to_string(doc.number) +
         "&fp=" + std::to_string(doc.fiscal_sign) + "&n=" + std::to_string(static_cast<int>(receipt->operation)));
  }
  r.cut();
  // A printer that fails after the document is registered loses only the paper copy: the
  // document stays in the fiscal storage and the receipt can be printed again.
  (void)printer_->print(to_escpos(r, printer_->profile()));
}

Result<RegistrarStatus> VirtualRegistrar::status() {
  std::lock_guard lock(*mu_);
  RG_TRY(answering());
  RegistrarStatus s;
  s.shift_open = state_->shift_open;
  s.shift_number = state_->shift_number;
  s.shift_opened_at = state_->shift_open ? local_iso(state_->shift_opened_at) : "";
  s.shift_expired = state_->shift_open && now() - state_->shift_opened_at > kShiftLimit;
  s.receipt_open = false;  // receipts are registered whole here
  s.last_document_number = state_->last_number;
  s.model = _("Virtual fiscal registrar");
  s.serial = state_->serial;
  if (printer_) {
    const auto ps = printer_->status();
    s.paper_present = !ps.paper_end;
    s.cover_open = ps.cover_open;
  }
  return s;
}

Result<FiscalDocument> VirtualRegistrar::open_shift(const Cashier& cashier) {
  std::lock_guard lock(*mu_);
  RG_TRY(answering());
  if (state_->shift_open) return fail(ErrorCode::Conflict, _("the shift is already open."));
  State before = *state_;
  state_->shift_open = true;
  state_->shift_number += 1;
  state_->shift_opened_at = now();
  state_->receipt_in_shift = 0;
  state_->shift = {};
  FiscalDocument d = next_document(DocumentType::OpenShift);
  d.fiscal_sign = sign_of(state_->serial, d);
  state_->last_number = d.number;
  state_->last = d;
  if (auto saved = save(); !saved) {
    *state_ = before;
    return std::unexpected(saved.error());
  }
  print_document(d, nullptr, cashier, "ОТЧЁТ ОБ ОТКРЫТИИ СМЕНЫ");
  return d;
}

Result<FiscalDocument> VirtualRegistrar::register_receipt(const Receipt& receipt) {
  std::lock_guard lock(*mu_);
  RG_TRY(answering());
  if (!state_->shift_open) return fail(ErrorCode::Invalid, _("the shift is closed: open it first."));
  if (now() - state_->shift_opened_at > kShiftLimit)
    return fail(ErrorCode::Invalid, _("the shift has lasted more than 24 hours: close it with the Z report."));
  if (receipt.items.empty()) return fail(ErrorCode::Invalid, _("a receipt needs at least one item."));
  for (const auto& i : receipt.items)
    if (i.price < 0 || i.quantity_milli <= 0 || i.name.empty())
      return fail(ErrorCode::Invalid, _("a receipt item has no name, a negative price or no quantity."));
  const Kopecks total = receipt.total();
  if (receipt.cash < 0 || receipt.electronic < 0 || receipt.prepaid < 0 || receipt.credit < 0 ||
      receipt.covered() < total)
    return fail(ErrorCode::Invalid, _("the payments do not cover the receipt's total."));
  if (receipt.electronic + receipt.prepaid + receipt.credit > total)
    return fail(ErrorCode::Invalid, _("only cash can exceed the total (change)."));
  for (const auto& i : receipt.items)
    if ((i.method == Method::PartialPaymentAndCredit) != (receipt.credit > 0))
      return fail(ErrorCode::Invalid, _("a credit sum goes with the \"partial payment and credit\" method, and only with it."));
  if (receipt.payment_ref.size() > kPaymentRefChars)  // a fiscal storage refuses a longer 1192
    return fail(ErrorCode::Invalid, _("the additional receipt attribute (1192) is longer than 16 characters."));
  if (printer_ && printer_->status().paper_end)
    return fail(ErrorCode::Io, _("no paper. Load a roll and try again."));

  State before = *state_;
  const Kopecks cash = total - receipt.electronic - receipt.prepaid - receipt.credit;  // change is not revenue
  Counters* sets[] = {&state_->total, &state_->shift};
  for (Counters* c : sets) {
    if (receipt.operation == Operation::Sale) {
      c->sales_cash += cash, c->sales_electronic += receipt.electronic, c->sales_prepaid += receipt.prepaid;
      c->sales_credit += receipt.credit;
      ++c->sales;
    } else {
      c->refunds_cash += cash, c->refunds_electronic += receipt.electronic, c->refunds_prepaid += receipt.prepaid;
      c->refunds_credit += receipt.credit;
      ++c->refunds;
    }
  }
  state_->receipt_in_shift += 1;
  FiscalDocument d = next_document(DocumentType::Receipt);
  d.receipt_number = state_->receipt_in_shift;
  d.operation = receipt.operation;
  d.total = total;
  d.payment_ref = receipt.payment_ref;
  d.fiscal_sign = sign_of(state_->serial, d);
  state_->last_number = d.number;
  state_->last = d;
  if (auto saved = save(); !saved) {
    *state_ = before;
    return std::unexpected(saved.error());
  }
  print_document(d, &receipt, receipt.cashier, receipt.operation == Operation::Sale ? "КАССОВЫЙ ЧЕК · ПРИХОД"
                                                                                      : "КАССОВЫЙ ЧЕК · ВОЗВРАТ ПРИХОДА");
  const bool lose = fault_ == VirtualFault::LoseReply || std::filesystem::exists(dir_ / kLoseReplyFile);
  if (lose) {
    fault_ = VirtualFault::None;
    std::error_code ec;
    std::filesystem::remove(dir_ / kLoseReplyFile, ec);
    return fail(ErrorCode::Io, _("no answer from the registrar (timeout)."));
  }
  return d;
}

Status VirtualRegistrar::cancel_open_receipt() {
  std::lock_guard lock(*mu_);
  return answering();
}

Result<FiscalDocument> VirtualRegistrar::last_document() {
  std::lock_guard lock(*mu_);
  RG_TRY(answering());
  if (state_->last_number == 0) return fail(ErrorCode::NotFound, _("the fiscal storage holds no documents yet."));
  FiscalDocument d = state_->last;
  if (!reads_back_ref_) d.payment_ref.clear();
  return d;
}

void VirtualRegistrar::set_reads_back_ref(bool on) {
  std::lock_guard lock(*mu_);
  reads_back_ref_ = on;
}

Status VirtualRegistrar::x_report(const Cashier& cashier) {
  std::lock_guard lock(*mu_);
  RG_TRY(answering());
  if (!printer_) return {};
  drivers::Receipt r;
  r.title("X-ОТЧЁТ").pair("СМЕНА", std::to_string(state_->shift_number)).separator();
  r.pair("ПРИХОД НАЛИЧНЫМИ", rubles(state_->shift.sales_cash));
  r.pair("ПРИХОД БЕЗНАЛИЧНЫМИ", rubles(state_->shift.sales_electronic));
  r.pair("ПРИХОД АВАНСОМ", rubles(state_->shift.sales_prepaid));
  r.pair("ВОЗВРАТ НАЛИЧНЫМИ", rubles(state_->shift.refunds_cash));
  r.pair("ВОЗВРАТ БЕЗНАЛИЧНЫМИ", rubles(state_->shift.refunds_electronic));
  r.pair("ЧЕКОВ ПРИХОДА", std::to_string(state_->shift.sales));
  r.pair("ЧЕКОВ ВОЗВРАТА", std::to_string(state_->shift.refunds));
  if (!cashier.name.empty()) r.pair("КАССИР", cashier.name);
  r.cut();
  return printer_->print(to_escpos(r, printer_->profile()));
}

Result<FiscalDocument> VirtualRegistrar::close_shift(const Cashier& cashier) {
  std::lock_guard lock(*mu_);
  RG_TRY(answering());
  if (!state_->shift_open) return fail(ErrorCode::Conflict, _("the shift is already closed."));
  State before = *state_;
  state_->shift_open = false;
  FiscalDocument d = next_document(DocumentType::CloseShift);
  d.fiscal_sign = sign_of(state_->serial, d);
  state_->last_number = d.number;
  state_->last = d;
  if (auto saved = save(); !saved) {
    *state_ = before;
    return std::unexpected(saved.error());
  }
  print_document(d, nullptr, cashier, "ОТЧЁТ О ЗАКРЫТИИ СМЕНЫ");
  return d;
}

Status VirtualRegistrar::open_drawer() {
  std::lock_guard lock(*mu_);
  RG_TRY(answering());
  if (!printer_) return {};
  drivers::Receipt r;
  r.open_drawer();
  return printer_->print(to_escpos(r, printer_->profile()));
}

}  // namespace rg::drivers::fiscal
