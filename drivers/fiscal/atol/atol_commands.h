// The ATOL command layer ("Протокол работы ККТ", version 3): the bytes of the commands the
// registrar driver sends inside the v3 task buffer, and the parsing of their replies. Byte
// building only (python-escpos's split): atol_registrar.cpp decides what to send when.
//
// Sources, cited at each value: atol4j (github.com/kurbatov/atol4j, command/…): CashRegister
// (the access password before every command), Result (reply 'U', error code, extended code; BCD
// numbers), DeviceStateRequest (3Fh and its 'D' reply), SetModeCommand (56h), ResetModeCommand
// (48h), OpenShiftCommand (9Ah), OpenBillCommand (92h), ItemRegistrationCommand (E6h),
// RemittanceCommand (99h), CloseBillCommand (4Ah), CancelBillCommand (59h),
// CloseShiftWithReportCommand (5Ah), PrintReportCommand (67h), OpenCashboxCommand (80h),
// ExternalCharsetEncoder (text), META-INF/error-messages.properties (error codes).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "atol_frame.h"
#include "error.h"

namespace rg::drivers::fiscal::atol {

// Numbers are packed BCD, most significant first (Command.encode / Result.decode).
Bytes bcd(std::uint64_t value, std::size_t bytes);
std::optional<std::uint64_t> from_bcd(std::span<const std::uint8_t> bytes);  // nullopt: not BCD

// Text in the registrar's "external" codepage: PC866 but for '№' at 24h and '$' at FCh
// (ExternalCharsetEncoder); what it cannot show becomes '?'.
Bytes encode_text(std::string_view utf8);

// Modes (SetModeCommand).
enum class Mode : std::uint8_t { Select = 0, Registration = 1, ReportNoClear = 2, ReportClear = 3 };
// Receipt types of 92h (OpenBillCommand): 1 sale (приход), 2 sale refund (возврат прихода).
enum class ReceiptType : std::uint8_t { Sale = 1, SaleRefund = 2 };
// Payment types of 99h/4Ah (RemittanceCommand): 1 cash, 2 electronic, 3 advance offset. 4 credit
// (postpayment) is inferred, not read in a source: it follows the same order as the fiscal
// driver's public constants (cash, electronically, prepaid, credit, other). Verify on a device.
enum class PaymentType : std::uint8_t { Cash = 1, Electronic = 2, Advance = 3, Credit = 4 };

struct Passwords {
  std::uint32_t access = 0;      // before every command: 2 BCD bytes (CashRegister.password)
  std::uint32_t cashier = 30;    // entering registration mode: 4 BCD bytes (SetModeCommand)
  std::uint32_t admin = 30;      // entering the report modes
};

class Commands {
 public:
  explicit Commands(Passwords p = {}) : p_(p) {}
  Bytes device_state() const;                                  // 3Fh
  Bytes enter_mode(Mode m) const;                              // 56h mode password(4)
  Bytes leave_mode() const;                                    // 48h
  Bytes open_shift() const;                                    // 9Ah flags
  Bytes open_receipt(ReceiptType t) const;                     // 92h flags type
  // E6h: name (64 bytes), price (6 BCD, kopecks), quantity (5 BCD, thousandths), discount type
  // and sign, discount (6 BCD), tax, section, the rest zero — ItemRegistrationCommand's layout.
  Bytes register_item(std::string_view name, std::int64_t price, std::int64_t quantity_milli, std::uint8_t tax) const;
  Bytes payment(PaymentType t, std::int64_t sum) const;        // 99h flags type sum(5)
  Bytes close_receipt(PaymentType t, std::int64_t sum) const;  // 4Ah flags type sum(5)
  Bytes cancel_receipt() const;                                // 59h
  Bytes z_report() const;                                      // 5Ah
  Bytes x_report() const;                                      // 67h 01 (daily, no clearing)
  Bytes open_drawer() const;                                   // 80h
  // A4h passes a fiscal storage (ФН) command through; the sub-code is the ФН's own.
  Bytes fn_status() const;                                     // A4 30h
  Bytes fn_document(std::uint32_t number) const;               // A4 40h number(4, LE)

 private:
  Bytes with_password(std::initializer_list<std::uint8_t> head) const;
  Bytes with_password(std::span<const std::uint8_t> command) const;
  Passwords p_;
};

// An ordinary reply: 'U' (55h), error code, extended error code (Result).
struct Reply {
  std::uint8_t error = 0;
  std::uint8_t extended = 0;
};
Result<Reply> parse_reply(std::span<const std::uint8_t> bytes);
// Ok when the reply says no error; else the registrar's words for the code.
Status check_reply(std::span<const std::uint8_t> bytes);
// The message for an error code, in the UI language ("no paper", "the shift is over 24 hours").
std::string error_text(std::uint8_t code);
// Codes the driver acts on (error-messages.properties, decimal keys there).
inline constexpr std::uint8_t kErrNotInThisMode = 102, kErrNoPaper = 103, kErrPrinterLink = 104,
                              kErrPrinterMechanism = 105, kErrShiftOver24h = 136, kErrWrongPassword = 140;

// The reply to 3Fh (DeviceStateRequest.Response): 'D' then the fields below.
struct AtolState {
  int cashier = 0;
  std::string date_time;  // "2026-12-06T10:31:00", the registrar's clock
  bool fiscalized = false, shift_open = false, drawer_open = false, paper = true, cover_open = false,
       fn_active = false;
  std::uint64_t serial = 0;
  std::uint8_t model = 0;
  Mode mode = Mode::Select;
  std::uint8_t submode = 0;
  int receipt_number = 0;
  int shift_number = 0;
  std::uint8_t receipt_state = 0;  // 0 closed, 1 sale, 2 sale refund, …
  std::int64_t receipt_sum = 0;
};
Result<AtolState> parse_device_state(std::span<const std::uint8_t> bytes);

// A4 30h, the fiscal storage's status after '55 00' (layout of the ФН's status reply as a ФН
// emulator builds it and Unact/kkm's fn_status reads it): life phase, current document, data
// flag, shift open, warnings, date and time of the last document (YY MM DD hh mm), the ФН's
// serial (16 ASCII), the last fiscal document's number (4 bytes, little-endian).
struct FnStatus {
  std::uint8_t phase = 0;
  bool shift_open = false;
  std::uint8_t warnings = 0;
  std::string serial;
  std::uint32_t last_document = 0;
};
Result<FnStatus> parse_fn_status(std::span<const std::uint8_t> bytes);

// A4 40h, a fiscal document found by number, after '55 00': document type, OFD receipt flag,
// date and time (5), number (4 LE), fiscal sign (4 LE); a receipt adds the operation (1) and the
// sum (5 LE) — the ФН's "find document" reply.
struct FnDocument {
  std::uint8_t type = 0;  // ФФД: 2 open shift report, 3 receipt, 5 close shift report, …
  std::string date_time;
  std::uint32_t number = 0;
  std::uint32_t sign = 0;
  std::uint8_t operation = 0;  // receipts: 1 sale, 2 sale refund, …
  std::int64_t sum = 0;
};
Result<FnDocument> parse_fn_document(std::span<const std::uint8_t> bytes);

}  // namespace rg::drivers::fiscal::atol
