// The ATOL driver's bytes without a device: the v3 packets and CRC against golden vectors made
// by the independent implementation in data/make_atol_replays.py (and the CRC's catalogue check
// value), the packet reader on split, noisy and broken input, and the command layer's bytes and
// reply parsers.
#include <doctest/doctest.h>

#include <random>

#include "fiscal/atol/atol_commands.h"
#include "fiscal/atol/atol_frame.h"

using namespace rg::drivers::fiscal::atol;

static Bytes B(std::initializer_list<int> v) {
  Bytes out;
  for (int x : v) out.push_back(static_cast<std::uint8_t>(x));
  return out;
}

TEST_CASE("crc-8 is the catalogued poly 0x31 init 0xFF one (check value of \"123456789\" is F7)") {
  const std::string check = "123456789";
  CHECK(crc8(std::span(reinterpret_cast<const std::uint8_t*>(check.data()), check.size())) == 0xF7);
}

TEST_CASE("packets: golden bytes, with STX and ESC escaped in the data and in the CRC") {
  // Add task 0 (need result) of 3Fh with password 0000, in packet 0.
  CHECK(encode_packet(0, B({0xC1, 0x01, 0x00, 0x00, 0x00, 0x3F})) == B({0xFE, 0x06, 0x00, 0x00, 0xC1, 0x01, 0x00, 0x00, 0x00, 0x3F, 0x95}));
  CHECK(encode_packet(5, B({0xFE, 0xFD, 0x01})) == B({0xFE, 0x03, 0x00, 0x05, 0xFD, 0xEE, 0xFD, 0xED, 0x01, 0x26}));
  CHECK(encode_packet(7, B({0xAF})) == B({0xFE, 0x01, 0x00, 0x07, 0xAF, 0xFD, 0xED}));  // CRC is FD
  CHECK(encode_packet(7, B({0xF3})) == B({0xFE, 0x01, 0x00, 0x07, 0xF3, 0xFD, 0xEE}));  // CRC is FE
  CHECK(encode_packet(0xDF, {}) == B({0xFE, 0x00, 0x00, 0xDF, 0x86}));
  // Lengths past 127 take the second byte: 200 = 0x48 + (1 << 7).
  const Bytes big(200, 0x11);
  const Bytes p = encode_packet(1, big);
  CHECK(p[1] == 0x48);
  CHECK(p[2] == 0x01);
}

TEST_CASE("packet reader: whole, byte by byte, after garbage, and back in step after a broken one") {
  const Bytes a = encode_packet(3, B({0xA3, 0x55, 0x00, 0x00}));
  const Bytes b = encode_packet(4, B({0xFE, 0xFD, 0xA3}));
  PacketReader r;
  Bytes stream = B({0x00, 0x13, 0xFD});  // noise before the first STX
  stream.insert(stream.end(), a.begin(), a.end());
  Bytes broken = encode_packet(9, B({0x01, 0x02}));
  broken.back() ^= 0x5A;  // wrong CRC
  stream.insert(stream.end(), broken.begin(), broken.end());
  stream.insert(stream.end(), b.begin(), b.end());
  for (std::uint8_t byte : stream) r.feed(std::span(&byte, 1));
  auto p1 = r.next();
  REQUIRE(p1);
  CHECK(p1->id == 3);
  CHECK(p1->data == B({0xA3, 0x55, 0x00, 0x00}));
  auto p2 = r.next();
  REQUIRE(p2);
  CHECK(p2->id == 4);
  CHECK(p2->data == B({0xFE, 0xFD, 0xA3}));
  CHECK(r.dropped() == 1);
  CHECK_FALSE(r.next());
  CHECK(r.buffered() == 0);
}

TEST_CASE("packet reader: a packet cut short by the next STX is dropped, the next one is read") {
  Bytes cut = encode_packet(1, B({0x10, 0x20, 0x30, 0x40}));
  cut.resize(cut.size() - 3);
  const Bytes good = encode_packet(2, B({0xA1}));
  PacketReader r;
  r.feed(cut);
  CHECK_FALSE(r.next());  // waits: could still be completed
  r.feed(good);
  auto p = r.next();
  REQUIRE(p);
  CHECK(p->id == 2);
  CHECK(r.dropped() == 1);
}

TEST_CASE("task buffer words") {
  CHECK(add_task(7, kFlagNeedResult, B({0x00, 0x00, 0x3F})) == B({0xC1, 0x01, 0x07, 0x00, 0x00, 0x3F}));
  CHECK(ack_task(7) == B({0xC2, 0x07}));
  CHECK(req_task(7) == B({0xC3, 0x07}));
  CHECK(abort_tasks() == B({0xC4}));
}

TEST_CASE("bcd both ways, and non-BCD bytes are refused") {
  CHECK(bcd(150000, 6) == B({0x00, 0x00, 0x00, 0x15, 0x00, 0x00}));
  CHECK(bcd(30, 4) == B({0x00, 0x00, 0x00, 0x30}));
  CHECK(from_bcd(B({0x12, 0x34})) == 1234u);
  CHECK_FALSE(from_bcd(B({0x1A})));
}

TEST_CASE("text goes out in the registrar's codepage: PC866 with № and $ swapped") {
  CHECK(encode_text("Приём №5 $") == B({0x8F, 0xE0, 0xA8, 0xF1, 0xAC, 0x20, 0x24, 0x35, 0x20, 0xFC}));
  // Control bytes cannot be smuggled into a command.
  CHECK(encode_text("a\x1b" "b") == B({0x61, 0x3F, 0x62}));
}

TEST_CASE("command bytes: password first, then the command as atol4j builds it") {
  const Commands c;
  CHECK(c.device_state() == B({0x00, 0x00, 0x3F}));
  CHECK(c.enter_mode(Mode::Registration) == B({0x00, 0x00, 0x56, 0x01, 0x00, 0x00, 0x00, 0x30}));
  CHECK(c.leave_mode() == B({0x00, 0x00, 0x48}));
  CHECK(c.open_shift() == B({0x00, 0x00, 0x9A, 0x00}));
  CHECK(c.open_receipt(ReceiptType::SaleRefund) == B({0x00, 0x00, 0x92, 0x00, 0x02}));
  CHECK(c.payment(PaymentType::Electronic, 123456) == B({0x00, 0x00, 0x99, 0x00, 0x02, 0x00, 0x00, 0x12, 0x34, 0x56}));
  CHECK(c.close_receipt(PaymentType::Cash, 0) == B({0x00, 0x00, 0x4A, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00}));
  CHECK(c.cancel_receipt() == B({0x00, 0x00, 0x59}));
  CHECK(c.z_report() == B({0x00, 0x00, 0x5A}));
  CHECK(c.x_report() == B({0x00, 0x00, 0x67, 0x01}));
  CHECK(c.open_drawer() == B({0x00, 0x00, 0x80}));
  CHECK(c.fn_document(0x01020304) == B({0x00, 0x00, 0xA4, 0x40, 0x04, 0x03, 0x02, 0x01}));
  CHECK(c.fn_document_tlv(0x01020304) == B({0x00, 0x00, 0xA4, 0x45, 0x04, 0x03, 0x02, 0x01}));
  CHECK(c.fn_document_tlv_next() == B({0x00, 0x00, 0xA4, 0x46}));
}

TEST_CASE("an item under FFD 1.05+: EAh, then EBh with price, quantity, cost, tax, 1212 and 1214 in place") {
  const Commands c;
  CHECK(c.begin_item() == B({0x00, 0x00, 0xEA, 0x00, 0x01, 0x00}));
  ItemFields f;
  f.name = "Оплата кредита";
  f.price = 150000;
  f.quantity_milli = 1000;
  f.sum = 150000;
  f.tax = 6;
  f.subject = 10;  // payment
  f.method = 7;    // credit payment
  Bytes want = B({0x00, 0x00, 0xEB, 0x00,                  // password, EBh, flags
                  0x00, 0x00, 0x00, 0x00, 0x15, 0x00, 0x00,  // price 1 500.00
                  0x00, 0x00, 0x00, 0x10, 0x00,              // quantity 1.000
                  0x00, 0x00, 0x00, 0x00, 0x15, 0x00, 0x00,  // cost 1 500.00
                  0x06,                                      // no VAT
                  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // tax sum: the registrar's
                  0x00,                                      // section
                  0x10, 0x07,                                // 1212 = 10, 1214 = 7 (BCD)
                  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // discount sign and sum
                  0x00, 0x00});                              // reserved
  const Bytes name = encode_text("Оплата кредита");
  want.insert(want.end(), name.begin(), name.end());
  CHECK(c.end_item(f) == want);
  const std::string long_name(200, 'x');
  f.name = long_name;
  CHECK(c.end_item(f).size() == 44 + 128);  // the name is cut at 128 bytes

  // E8h: flags 1, one block numbered 0, tag and length little-endian, the value.
  CHECK(c.write_tag(1192, "0123456789abcdef") ==
        B({0x00, 0x00, 0xE8, 0x01, 0x01, 0x00, 0xA8, 0x04, 0x10, 0x00, '0', '1', '2', '3', '4', '5', '6', '7', '8',
           '9', 'a', 'b', 'c', 'd', 'e', 'f'}));
  const Bytes cashier = c.write_tag(1021, "Иванова");
  CHECK(Bytes(cashier.begin(), cashier.begin() + 10) == B({0x00, 0x00, 0xE8, 0x01, 0x01, 0x00, 0xFD, 0x03, 0x07, 0x00}));
  CHECK(Bytes(cashier.begin() + 10, cashier.end()) == encode_text("Иванова"));
}

TEST_CASE("a document's TLV read back: head, parts and a tag found at the top level") {
  auto head = parse_fn_tlv_head(B({0x55, 0x00, 0x03, 0x00, 0x2A, 0x01}));
  REQUIRE(head.has_value());
  CHECK(head->type == 3);
  CHECK(head->size == 0x012A);
  auto refused = parse_fn_tlv_head(B({0x55, 0x7A, 0x00}));
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().detail == "ATOL error 122.0");
  CHECK_FALSE(parse_fn_tlv_head(B({0x55, 0x00, 0x03})).has_value());
  auto part = parse_fn_tlv_part(B({0x55, 0x00, 0xA8, 0x04}));
  REQUIRE(part.has_value());
  CHECK(*part == B({0xA8, 0x04}));

  // 1040 = 42, then 1192 = "ab"; an entry cut short ends the search.
  const Bytes tlv = B({0x10, 0x04, 0x04, 0x00, 42, 0, 0, 0, 0xA8, 0x04, 0x02, 0x00, 'a', 'b'});
  CHECK(find_tlv(tlv, 1192) == B({'a', 'b'}));
  CHECK(find_tlv(tlv, 1040) == B({42, 0, 0, 0}));
  CHECK_FALSE(find_tlv(tlv, 1008).has_value());
  CHECK_FALSE(find_tlv(Bytes(tlv.begin(), tlv.end() - 1), 1192).has_value());
  CHECK_FALSE(find_tlv({}, 1192).has_value());
}

TEST_CASE("replies: ok, an error in words, and something else is unreadable") {
  CHECK(check_reply(B({0x55, 0x00, 0x00})).has_value());
  auto no_paper = check_reply(B({0x55, 0x67, 0x00}));
  REQUIRE_FALSE(no_paper.has_value());
  CHECK(no_paper.error().message == "out of paper");
  CHECK(no_paper.error().detail == "ATOL error 103.0");
  auto shift = check_reply(B({0x55, 136, 0x00}));
  REQUIRE_FALSE(shift.has_value());
  CHECK(shift.error().message.find("24 hours") != std::string::npos);
  auto unknown = check_reply(B({0x55, 250, 0x00}));
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().message == "error 250");
  CHECK_FALSE(check_reply(B({0x44})).has_value());
  CHECK_FALSE(parse_reply({}).has_value());
}

TEST_CASE("device state: fields where atol4j reads them") {
  Bytes d = B({0x44, 0x01, 0x01, 0x26, 0x12, 0x06, 0x10, 0x31, 0x05, 0x2B, 0x00, 0x12, 0x34, 0x56, 57, 0, 0,
               0x21, 0x00, 0x07, 0x00, 0x12, 0x01, 0x00, 0x00, 0x01, 0x50, 0x00, 2, 4});
  auto s = parse_device_state(d);
  REQUIRE(s.has_value());
  CHECK(s->date_time == "2026-12-06T10:31:05");
  CHECK(s->fiscalized);
  CHECK(s->shift_open);
  CHECK(s->paper);
  CHECK(s->cover_open);
  CHECK_FALSE(s->fn_active);
  CHECK(s->serial == 123456u);
  CHECK(s->mode == Mode::Registration);
  CHECK(s->submode == 2);
  CHECK(s->receipt_number == 7);
  CHECK(s->shift_number == 12);
  CHECK(s->receipt_state == 1);
  CHECK(s->receipt_sum == 15000);
  d[4] = 0x1F;  // not BCD
  CHECK_FALSE(parse_device_state(d).has_value());
  auto refused = parse_device_state(B({0x55, 0x8C, 0x00}));
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().message.find("password") != std::string::npos);
}

TEST_CASE("fiscal storage replies: status and a receipt found by number") {
  Bytes st = B({0x55, 0x00, 3, 0, 0, 1, 0, 26, 12, 6, 10, 31});
  for (char c : std::string("9960440300000001")) st.push_back(static_cast<std::uint8_t>(c));
  for (int x : {42, 0, 0, 0}) st.push_back(static_cast<std::uint8_t>(x));
  auto s = parse_fn_status(st);
  REQUIRE(s.has_value());
  CHECK(s->phase == 3);
  CHECK(s->shift_open);
  CHECK(s->serial == "9960440300000001");
  CHECK(s->last_document == 42u);
  auto doc = parse_fn_document(B({0x55, 0x00, 3, 0, 26, 12, 6, 10, 31, 42, 0, 0, 0, 0x78, 0x56, 0x34, 0x12, 1, 0xF0, 0x49, 0x02, 0, 0}));
  REQUIRE(doc.has_value());
  CHECK(doc->type == 3);
  CHECK(doc->date_time == "2026-12-06T10:31:00");
  CHECK(doc->number == 42u);
  CHECK(doc->sign == 0x12345678u);
  CHECK(doc->operation == 1);
  CHECK(doc->sum == 150000);
  CHECK_FALSE(parse_fn_document(B({0x55, 0x00, 3})).has_value());
}
