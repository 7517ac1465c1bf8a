// The fiscal registrar (онлайн-касса, 54-FZ) as the cash desk sees it: what a clinic's front
// desk needs from it and nothing about how bytes move. ATOL (atol/) and the virtual registrar of
// the demo (virtual_registrar.h) implement it. Money is whole kopecks everywhere.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"

namespace rg::drivers::fiscal {

using Kopecks = std::int64_t;

// FFD 1.2 tag values (DOMAIN.md; ФНС order ЕД-7-20/236@ tables).
enum class Operation : int { Sale = 1, SaleRefund = 2 };                                   // 1054
enum class Subject : int { Service = 4, Payment = 10 };                                    // 1212
// 1214. 5: the service is rendered now, part paid and the rest on credit; 7: a later payment of
// that credit.
enum class Method : int {
  FullPrepayment = 1,
  PartialPrepayment = 2,
  Advance = 3,
  FullPayment = 4,
  PartialPaymentAndCredit = 5,
  CreditPayment = 7,
};
enum class Vat : int { Vat20 = 1, Vat10 = 2, Vat0 = 5, NoVat = 6 };                        // 1199
enum class TaxSystem : int { General = 1, Simplified = 2, SimplifiedMinus = 4, Patent = 32 };  // 1055

struct Cashier {
  std::string name;  // 1021, "Администратор Иванова А. П."
  std::string inn;   // 1203, may be empty
};

struct Item {
  std::string name;                   // 1030, up to 128 characters
  Kopecks price = 0;                  // 1079, per unit
  std::int64_t quantity_milli = 1000; // 1023 ×1000: 1 service = 1000
  Subject subject = Subject::Service;
  Method method = Method::FullPayment;
  Vat vat = Vat::NoVat;               // medical services are VAT-exempt (Tax Code 149.2.2)
  int unit = 0;                       // 2108: 0 = piece
  Kopecks sum() const { return price * quantity_milli / 1000; }  // 1043
};

struct Receipt {
  Operation operation = Operation::Sale;
  TaxSystem tax_system = TaxSystem::General;
  Cashier cashier;
  std::vector<Item> items;
  Kopecks cash = 0;        // 1031
  Kopecks electronic = 0;  // 1081
  Kopecks prepaid = 0;     // 1215: an advance taken earlier and offset now
  Kopecks credit = 0;      // 1216: left to pay later (a service rendered now, paid in part)
  std::string customer_contact;  // 1008: phone (+7…) or e-mail for the electronic copy
  // 1192 (additional receipt attribute): our payment's id, so that after a crash the last
  // fiscal document can be matched to the payment it belongs to without guessing (payment_ref_tag).
  std::string payment_ref;
  Kopecks total() const {
    Kopecks t = 0;
    for (const auto& i : items) t += i.sum();
    return t;
  }
  // What covers the total: the money, the advance offset and the credit (cash may exceed it).
  Kopecks covered() const { return cash + electronic + prepaid + credit; }
};

// Tag 1192 holds 16 characters at most (FFD); a payment's ref goes on its receipt cut to that.
inline constexpr std::size_t kPaymentRefChars = 16;
inline std::string payment_ref_tag(std::string_view ref) { return std::string(ref.substr(0, kPaymentRefChars)); }

enum class DocumentType { OpenShift, Receipt, CloseShift, Other };

// A fiscal document the registrar has registered in its fiscal storage (ФН).
struct FiscalDocument {
  DocumentType type = DocumentType::Other;
  std::uint32_t number = 0;      // 1040, fiscal document number
  std::uint64_t fiscal_sign = 0; // 1077
  int shift_number = 0;          // 1038
  int receipt_number = 0;        // 1042, within the shift (receipts only)
  Operation operation = Operation::Sale;  // receipts only
  Kopecks total = 0;             // 1020, receipts only
  std::string payment_ref;       // 1192, receipts only
  std::string date_time;         // 1012, "2026-11-22T10:31:00" registrar's clock
};

struct RegistrarStatus {
  bool shift_open = false;
  int shift_number = 0;          // the open one, or the last closed
  std::string shift_opened_at;   // ISO 8601, registrar's clock; empty when closed
  bool shift_expired = false;    // open longer than 24 h: only the Z report is allowed
  bool receipt_open = false;     // a receipt was begun and neither closed nor cancelled
  std::uint32_t last_document_number = 0;
  bool paper_present = true;
  bool cover_open = false;
  bool fn_ok = true;             // fiscal storage present, not full, not expired
  std::string fn_message;        // why not, in words
  std::string model;             // "АТОЛ 30Ф", "Виртуальная касса"
  std::string serial;
};

class FiscalRegistrar {
 public:
  virtual ~FiscalRegistrar() = default;
  virtual Result<RegistrarStatus> status() = 0;
  virtual Result<FiscalDocument> open_shift(const Cashier& cashier) = 0;
  // Opens the receipt, registers the items and payments, closes it. If anything fails before
  // the close, the open receipt is cancelled and the error returned: nothing was registered.
  virtual Result<FiscalDocument> register_receipt(const Receipt& receipt) = 0;
  // Cancels a receipt left open (a crash between open and close). No-op when none is open.
  virtual Status cancel_open_receipt() = 0;
  // The last fiscal document in the fiscal storage: reconciliation after a crash.
  virtual Result<FiscalDocument> last_document() = 0;
  virtual Status x_report(const Cashier& cashier) = 0;
  virtual Result<FiscalDocument> close_shift(const Cashier& cashier) = 0;  // Z report
  virtual Status open_drawer() = 0;
  virtual std::string name() const = 0;
};

}  // namespace rg::drivers::fiscal
