#include "atol_commands.h"

#include <algorithm>
#include <cstdio>

#include "i18n.h"
#include "receipt_printer/escpos.h"  // encode_pc866

namespace rg::drivers::fiscal::atol {

Bytes bcd(std::uint64_t value, std::size_t bytes) {
  Bytes out(bytes, 0);
  for (std::size_t i = bytes; i-- > 0;) {
    const auto two = static_cast<std::uint8_t>(value % 100);
    out[i] = static_cast<std::uint8_t>(((two / 10) << 4) | (two % 10));
    value /= 100;
  }
  return out;
}

std::optional<std::uint64_t> from_bcd(std::span<const std::uint8_t> bytes) {
  std::uint64_t v = 0;
  for (std::uint8_t b : bytes) {
    if ((b >> 4) > 9 || (b & 0x0F) > 9) return std::nullopt;
    v = v * 100 + static_cast<std::uint64_t>((b >> 4) * 10 + (b & 0x0F));
  }
  return v;
}

Bytes encode_text(std::string_view utf8) {
  const std::string pc866 = escpos::encode_pc866(utf8);
  Bytes out(pc866.begin(), pc866.end());
  for (auto& b : out) {
    if (b == 0x24) b = 0xFC;       // '$' (ExternalCharsetEncoder: '$' → FCh)
    else if (b == 0xFC) b = 0x24;  // '№' is FCh in PC866, 24h here
  }
  return out;
}

// Amounts that do not fit the field are clamped; the caller checks ranges before (a receipt of
// more than 99 999 999.99 ₽ is not a clinic's).
static Bytes money(std::int64_t kopecks, std::size_t bytes) {
  return bcd(kopecks < 0 ? 0 : static_cast<std::uint64_t>(kopecks), bytes);
}

Bytes Commands::with_password(std::initializer_list<std::uint8_t> head) const {
  return with_password(std::span(head.begin(), head.size()));
}

Bytes Commands::with_password(std::span<const std::uint8_t> command) const {
  const Bytes pwd = bcd(p_.access, 2);  // CashRegister.execute: password, then the command
  Bytes out;
  out.reserve(pwd.size() + command.size());
  out.insert(out.end(), pwd.begin(), pwd.end());
  out.insert(out.end(), command.begin(), command.end());
  return out;
}

Bytes Commands::device_state() const { return with_password({0x3F}); }

Bytes Commands::enter_mode(Mode m) const {
  Bytes out = with_password({0x56, static_cast<std::uint8_t>(m)});
  const Bytes pwd = bcd(m == Mode::Registration ? p_.cashier : p_.admin, 4);
  out.insert(out.end(), pwd.begin(), pwd.end());
  return out;
}

Bytes Commands::leave_mode() const { return with_password({0x48}); }
Bytes Commands::open_shift() const { return with_password({0x9A, 0x00}); }  // flags: 0 = not a test
Bytes Commands::open_receipt(ReceiptType t) const {
  return with_password({0x92, 0x00, static_cast<std::uint8_t>(t)});  // flags 0: print, not a test
}

Bytes Commands::begin_item() const {
  // BeginPositionCommand: flags (bit 0: check only), "always 1", reserved 0.
  return with_password({0xEA, 0x00, 0x01, 0x00});
}

Bytes Commands::end_item(const ItemFields& f) const {
  Bytes out = with_password({0xEB, 0x00});  // flags 0: carry out (bits 2–7 must be 0)
  auto put = [&](const Bytes& b) { out.insert(out.end(), b.begin(), b.end()); };
  put(money(f.price, 7));
  put(money(f.quantity_milli, 5));
  put(money(f.sum, 7));
  out.push_back(f.tax);
  put(bcd(0, 7));  // tax sum: the registrar counts it
  put(bcd(0, 1));  // section
  put(bcd(f.subject, 1));
  put(bcd(f.method, 1));
  out.push_back(0x00);  // discount sign
  put(bcd(0, 7));       // discount
  out.push_back(0x00);  // reserved (2)
  out.push_back(0x00);
  Bytes name = encode_text(f.name);
  if (name.size() > 128) name.resize(128);
  put(name);
  return out;
}

Bytes Commands::write_tag(std::uint16_t tag, std::span<const std::uint8_t> value) const {
  const auto n = static_cast<std::uint16_t>(std::min<std::size_t>(value.size(), 0xFFFF));
  Bytes out = with_password({0xE8, 0x01, 0x01, 0x00, static_cast<std::uint8_t>(tag), static_cast<std::uint8_t>(tag >> 8),
                             static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(n >> 8)});
  out.insert(out.end(), value.begin(), value.begin() + n);
  return out;
}

Bytes Commands::write_tag(std::uint16_t tag, std::string_view utf8) const { return write_tag(tag, encode_text(utf8)); }

Bytes Commands::payment(PaymentType t, std::int64_t sum) const {
  Bytes out = with_password({0x99, 0x00, static_cast<std::uint8_t>(t)});
  const Bytes s = money(sum, 5);
  out.insert(out.end(), s.begin(), s.end());
  return out;
}

Bytes Commands::close_receipt(PaymentType t, std::int64_t sum) const {
  Bytes out = with_password({0x4A, 0x00, static_cast<std::uint8_t>(t)});
  const Bytes s = money(sum, 5);
  out.insert(out.end(), s.begin(), s.end());
  return out;
}

Bytes Commands::cancel_receipt() const { return with_password({0x59}); }
Bytes Commands::z_report() const { return with_password({0x5A}); }
Bytes Commands::x_report() const { return with_password({0x67, 0x01}); }
Bytes Commands::open_drawer() const { return with_password({0x80}); }

Bytes Commands::fn_status() const { return with_password({0xA4, 0x30}); }
Bytes Commands::fn_document(std::uint32_t n) const {
  return with_password({0xA4, 0x40, static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(n >> 8),
                        static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>(n >> 24)});
}

Bytes Commands::fn_document_tlv(std::uint32_t n) const {
  return with_password({0xA4, 0x45, static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(n >> 8),
                        static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>(n >> 24)});
}
Bytes Commands::fn_document_tlv_next() const { return with_password({0xA4, 0x46}); }

Result<Reply> parse_reply(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < 3 || bytes[0] != 0x55)
    return fail(ErrorCode::Io, _("the device's answer could not be read"),
                "reply of " + std::to_string(bytes.size()) + " bytes, first " +
                    (bytes.empty() ? std::string("none") : std::to_string(bytes[0])));
  return Reply{bytes[1], bytes[2]};
}

std::string error_text(std::uint8_t code) {
  switch (code) {
    case 0: return _("no error");
    case 8: return _("wrong price");
    case 10: return _("wrong quantity");
    case 30: return _("the mode cannot be entered");
    case 31: return _("check the registrar's date and time");
    case 32: return _("the registrar's clock is behind the fiscal storage's");
    case kErrNotInThisMode: return _("the command is not allowed in the registrar's current mode");
    case kErrNoPaper: return _("out of paper");
    case kErrPrinterLink: return _("its printer does not answer");
    case kErrPrinterMechanism: return _("printer mechanism error (check the cover and the paper)");
    case 114: return _("the payments are less than the receipt's total");
    case 118: return _("the previous operation is not finished");
    case 126: return _("wrong payment type");
    case 129: return _("the receipt's total is too large");
    case 135: return _("a refund receipt is open");
    case kErrShiftOver24h: return _("the shift has been open for more than 24 hours: close it (Z report)");
    case 137: return _("a sale receipt is open");
    case kErrWrongPassword: return _("wrong password (check the cashier's password in the settings)");
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, _("error %u"), static_cast<unsigned>(code));
  return buf;
}

Status check_reply(std::span<const std::uint8_t> bytes) {
  auto r = parse_reply(bytes);
  if (!r) return std::unexpected(r.error());
  if (r->error == 0) return {};
  const ErrorCode code = r->error == kErrNoPaper || r->error == kErrPrinterLink || r->error == kErrPrinterMechanism
                             ? ErrorCode::Io
                             : ErrorCode::Invalid;
  return fail(code, error_text(r->error),
              "ATOL error " + std::to_string(r->error) + "." + std::to_string(r->extended));
}

Result<AtolState> parse_device_state(std::span<const std::uint8_t> b) {
  // DeviceStateRequest.Response reads indices 0..29.
  auto unreadable = [&] {
    return fail(ErrorCode::Io, _("the device's answer could not be read"),
                "state reply of " + std::to_string(b.size()) + " bytes");
  };
  if (b.size() >= 3 && b[0] == 0x55) {  // an error instead of the state
    auto st = check_reply(b);
    if (!st) return std::unexpected(st.error());
    return unreadable();
  }
  if (b.size() < 30 || b[0] != 0x44) return unreadable();  // 'D'
  AtolState s;
  auto num = [&](std::size_t at, std::size_t n) -> std::optional<std::uint64_t> { return from_bcd(b.subspan(at, n)); };
  const auto cashier = num(1, 1), yy = num(3, 1), mo = num(4, 1), dd = num(5, 1), hh = num(6, 1), mi = num(7, 1),
             ss = num(8, 1), serial = num(10, 4), receipt = num(18, 2), shift = num(20, 2), sum = num(23, 5);
  if (!cashier || !yy || !mo || !dd || !hh || !mi || !ss || !serial || !receipt || !shift || !sum) return unreadable();
  s.cashier = static_cast<int>(*cashier);
  char dt[32];
  std::snprintf(dt, sizeof dt, "%04u-%02u-%02uT%02u:%02u:%02u", static_cast<unsigned>(2000 + *yy),
                static_cast<unsigned>(*mo), static_cast<unsigned>(*dd), static_cast<unsigned>(*hh),
                static_cast<unsigned>(*mi), static_cast<unsigned>(*ss));
  s.date_time = dt;
  const std::uint8_t f = b[9];  // flags, bit by bit as DeviceStateRequest reads them
  s.fiscalized = f & 0x01;
  s.shift_open = f & 0x02;
  s.drawer_open = f & 0x04;
  s.paper = f & 0x08;
  s.cover_open = f & 0x20;
  s.fn_active = f & 0x40;
  s.serial = *serial;
  s.model = b[14];
  s.mode = static_cast<Mode>(b[17] & 0x0F);
  s.submode = static_cast<std::uint8_t>(b[17] >> 4);
  s.receipt_number = static_cast<int>(*receipt);
  s.shift_number = static_cast<int>(*shift);
  s.receipt_state = b[22];
  s.receipt_sum = static_cast<std::int64_t>(*sum);
  return s;
}

static std::uint64_t little_endian(std::span<const std::uint8_t> b) {
  std::uint64_t v = 0;
  for (std::size_t i = b.size(); i-- > 0;) v = (v << 8) | b[i];
  return v;
}

static std::unexpected<Error> unreadable(std::string_view what, std::size_t size) {
  return std::unexpected(Error{ErrorCode::Io, _("the device's answer could not be read"),
                               std::string(what) + " of " + std::to_string(size) + " bytes"});
}

// 'YY MM DD hh mm' as binary bytes (the ФН's date-time).
static std::string fn_date_time(std::span<const std::uint8_t> b) {
  char dt[32];
  std::snprintf(dt, sizeof dt, "%04u-%02u-%02uT%02u:%02u:00", 2000u + b[0] % 100u, b[1] % 100u, b[2] % 100u,
                b[3] % 100u, b[4] % 100u);
  return dt;
}

// An A4h reply of at least `min` bytes that says no error ('55 00 …'), or why not.
static Status fn_reply(std::span<const std::uint8_t> b, std::string_view what, std::size_t min) {
  if (b.size() >= 3 && b[0] == 0x55 && b[1] != 0) return check_reply(b);
  if (b.size() < min || b[0] != 0x55) return unreadable(what, b.size());
  return {};
}

Result<FnStatus> parse_fn_status(std::span<const std::uint8_t> b) {
  if (auto ok = fn_reply(b, "ФН status", 32); !ok) return std::unexpected(ok.error());
  FnStatus s;
  s.phase = b[2];
  s.shift_open = b[5] != 0;
  s.warnings = b[6];
  for (std::size_t i = 12; i < 28; ++i) s.serial.push_back(b[i] >= 0x20 && b[i] < 0x7F ? static_cast<char>(b[i]) : '?');
  s.last_document = static_cast<std::uint32_t>(little_endian(b.subspan(28, 4)));
  return s;
}

Result<FnDocument> parse_fn_document(std::span<const std::uint8_t> b) {
  if (auto ok = fn_reply(b, "ФН document", 17); !ok) return std::unexpected(ok.error());
  FnDocument d;
  d.type = b[2];
  d.date_time = fn_date_time(b.subspan(4, 5));
  d.number = static_cast<std::uint32_t>(little_endian(b.subspan(9, 4)));
  d.sign = static_cast<std::uint32_t>(little_endian(b.subspan(13, 4)));
  if (b.size() >= 23) {
    d.operation = b[17];
    d.sum = static_cast<std::int64_t>(little_endian(b.subspan(18, 5)));
  }
  return d;
}

Result<FnTlvHead> parse_fn_tlv_head(std::span<const std::uint8_t> b) {
  if (auto ok = fn_reply(b, "ФН document TLV head", 6); !ok) return std::unexpected(ok.error());
  return FnTlvHead{static_cast<std::uint16_t>(little_endian(b.subspan(2, 2))),
                   static_cast<std::uint16_t>(little_endian(b.subspan(4, 2)))};
}

Result<Bytes> parse_fn_tlv_part(std::span<const std::uint8_t> b) {
  if (auto ok = fn_reply(b, "ФН document TLV", 2); !ok) return std::unexpected(ok.error());
  return Bytes(b.begin() + 2, b.end());
}

std::optional<Bytes> find_tlv(std::span<const std::uint8_t> tlv, std::uint16_t tag) {
  std::size_t at = 0;
  while (tlv.size() - at >= 4) {
    const auto t = static_cast<std::uint16_t>(little_endian(tlv.subspan(at, 2)));
    const auto n = static_cast<std::size_t>(little_endian(tlv.subspan(at + 2, 2)));
    at += 4;
    if (n > tlv.size() - at) return std::nullopt;
    if (t == tag) return Bytes(tlv.begin() + static_cast<std::ptrdiff_t>(at), tlv.begin() + static_cast<std::ptrdiff_t>(at + n));
    at += n;
  }
  return std::nullopt;
}

}  // namespace rg::drivers::fiscal::atol
