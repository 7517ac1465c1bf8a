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
// The FFD 1.05+ commands atol4j lacks come from two other independent implementations: Crystals
// SetRetail's ATOL plugin (ru.crystals.pos.fiscalprinter.atol3: AddRequisiteCommand E8h,
// BeginPositionCommand EAh, AddPositionCommand EBh, and RegisterPositionCommand's note that E6h
// works under FFD 1.0 only) and Zzzzipper/projects' firmware (common/fiscal_register/atol/
// AtolProtocol.h: EAh/EBh field types, A4h 45h/46h reading a document's TLV).
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

// EBh's fields in order (AddPositionCommand; AtolProtocol.h's FN105CheckAddEndRequest): flags
// (1), price (7 BCD), quantity (5 BCD, thousandths: one service is 1000), cost (7 BCD), tax type
// (1: 1 VAT 20 %, 2 VAT 10 %, 5 VAT 0 %, 6 no VAT — the ФФД's 1199 numbering, as the firmware's
// mapping has it), tax sum (7 BCD; 0: the registrar counts it), section (1 BCD), subject 1212
// (1 BCD) and method 1214 (1 BCD) — BCD as the firmware types them; both sources agree below 10,
// and 1212 = 10 (payment) is 10h here: verify on a device — discount sign (1), discount (7 BCD),
// reserved (2), the name (up to 128 bytes of text).
struct ItemFields {
  std::string_view name;
  std::int64_t price = 0;  // kopecks per unit
  std::int64_t quantity_milli = 1000;
  std::int64_t sum = 0;  // kopecks, price × quantity as the receipt states it
  std::uint8_t tax = 6;
  std::uint8_t subject = 4;  // 1212
  std::uint8_t method = 4;   // 1214
};

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
  // An item under FFD 1.05 and later (E6h is FFD 1.0 only): EAh begins it, E8h tags may follow,
  // EBh ends it with its fields.
  Bytes begin_item() const;                                    // EAh flags 0, param 1, reserved 0
  Bytes end_item(const ItemFields& item) const;                // EBh, see ItemFields
  // E8h writes one tag of the document being made (1008, 1021, 1192, 1203…): flags 1, one block
  // (count 1, number 0), tag (2, LE), length (2, LE), value — AddRequisiteCommand, sent that way
  // by its FiscalDevice for every tag.
  Bytes write_tag(std::uint16_t tag, std::span<const std::uint8_t> value) const;
  Bytes write_tag(std::uint16_t tag, std::string_view utf8) const;  // a string tag, in encode_text
  Bytes payment(PaymentType t, std::int64_t sum) const;        // 99h flags type sum(5)
  Bytes close_receipt(PaymentType t, std::int64_t sum) const;  // 4Ah flags type sum(5)
  Bytes cancel_receipt() const;                                // 59h
  Bytes z_report() const;                                      // 5Ah
  Bytes x_report() const;                                      // 67h 01 (daily, no clearing)
  Bytes open_drawer() const;                                   // 80h
  // A4h passes a fiscal storage (ФН) command through; the sub-code is the ФН's own.
  Bytes fn_status() const;                                     // A4 30h
  Bytes fn_document(std::uint32_t number) const;               // A4 40h number(4, LE)
  Bytes fn_document_tlv(std::uint32_t number) const;           // A4 45h number(4, LE): start reading its TLV
  Bytes fn_document_tlv_next() const;                          // A4 46h: the next part of it

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

// A4 45h's reply after '55 00': the document's type (2, LE) and the size of its TLV (2, LE);
// A4 46h's: a part of the TLV, asked again until the size is read (AtolCommandLayer.cpp).
struct FnTlvHead {
  std::uint16_t type = 0;
  std::uint16_t size = 0;
};
Result<FnTlvHead> parse_fn_tlv_head(std::span<const std::uint8_t> bytes);
Result<Bytes> parse_fn_tlv_part(std::span<const std::uint8_t> bytes);

// The value of the first top-level `tag` in a document's TLV (tag and length 2 bytes each, LE,
// as the ФН stores them); nullopt when it is absent or the TLV ends inside an entry.
std::optional<Bytes> find_tlv(std::span<const std::uint8_t> tlv, std::uint16_t tag);

}  // namespace rg::drivers::fiscal::atol
