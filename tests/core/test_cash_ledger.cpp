// The cash desk's ledger on a real database: kopeck arithmetic, invoices at the price history,
// discounts and their approval, the DMS split, payment intents and their registration, the
// personal account, refunds, shifts and the revenue report.
#include <doctest/doctest.h>

#include <numeric>

#include "cash_shifts.h"
#include "clinic_fixture.h"
#include "invoices.h"
#include "money.h"
#include "payments.h"

using namespace rg;
using namespace rg::db;

TEST_CASE("percentages round half up to the kopeck and never exceed the amount") {
  CHECK(percent_of(33333, 1000) == 3333);  // 10 % of 333,33 = 33,333
  CHECK(percent_of(10, 1500) == 2);        // 15 % of 0,10 = 0,015 → 0,02
  CHECK(percent_of(10, 1400) == 1);        // 0,014 → 0,01
  CHECK(percent_of(12345, 10000) == 12345);
  CHECK(percent_of(12345, 20000) == 12345);  // clamped
  CHECK(percent_of(12345, 0) == 0);
  CHECK(percent_of(-5, 1000) == 0);
}

TEST_CASE("what a cashier types becomes kopecks, or is refused") {
  CHECK(parse_rubles("1500") == 150000);
  CHECK(parse_rubles("1 500,5") == 150050);
  CHECK(parse_rubles("1\u202F500,05 ₽") == 150005);
  CHECK(parse_rubles("0.99") == 99);
  CHECK(parse_rubles("") == 0);
  CHECK(parse_rubles(",5") == 50);
  CHECK_FALSE(parse_rubles("-5"));
  CHECK_FALSE(parse_rubles("1,234"));
  CHECK_FALSE(parse_rubles("1,2,3"));
  CHECK_FALSE(parse_rubles("12abc"));
  CHECK_FALSE(parse_rubles("99999999999999"));
}

TEST_CASE("a discount spread over lines adds up exactly, largest remainders first") {
  const std::vector<Kopecks> w{100000, 50000, 50000};
  auto s = split_proportionally(1001, w);
  CHECK(std::accumulate(s.begin(), s.end(), Kopecks{0}) == 1001);
  CHECK(s == std::vector<Kopecks>{501, 250, 250});
  const std::vector<Kopecks> three{1, 1, 1};
  auto t = split_proportionally(100, three);
  CHECK(t == std::vector<Kopecks>{34, 33, 33});  // ties go to the earlier line
  const std::vector<Kopecks> zero{0, 0};
  CHECK(split_proportionally(7, zero) == std::vector<Kopecks>{7, 0});
  // Randomised: the parts always sum to the total and stay within a kopeck of the exact share.
  std::uint64_t x = 88172645463325252ull;
  for (int round = 0; round < 2000; ++round) {
    std::vector<Kopecks> ws;
    const int n = 1 + static_cast<int>((x ^= x << 13, x ^= x >> 7, x ^= x << 17) % 12);
    Kopecks sum = 0;
    for (int i = 0; i < n; ++i) ws.push_back(static_cast<Kopecks>((x ^= x << 13, x ^= x >> 7, x ^= x << 17) % 5000000)), sum += ws.back();
    const Kopecks total = sum ? static_cast<Kopecks>(x % static_cast<std::uint64_t>(sum + 1)) : 0;
    auto parts = split_proportionally(total, ws);
    REQUIRE(std::accumulate(parts.begin(), parts.end(), Kopecks{0}) == total);
    for (int i = 0; i < n && sum > 0; ++i) {
      const double exact = double(total) * double(ws[i]) / double(sum);
      CHECK(std::abs(double(parts[i]) - exact) < 1.0 + 1e-9);
    }
  }
}

TEST_CASE("a line that does not divide goes on a receipt as two rows whose sums agree") {
  auto rows = receipt_rows(10000, 3);  // 100 ₽ for 3 units
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].price == 3333);
  CHECK(rows[0].quantity == 2);
  CHECK(rows[1].price == 3334);
  CHECK(rows[1].quantity == 1);
  CHECK(receipt_rows(9000, 3).size() == 1);
  CHECK(receipt_rows(9000, 1)[0].price == 9000);
}

namespace {

struct CashFixture : test::ClinicFixture {
  std::int64_t patient = 0, parent = 0, consult = 0, xray = 0;
  Actor actor = Actor::user(1);

  CashFixture() {
    patient = add_patient("Иванова", "Мария", "Петровна");
    parent = add_patient("Иванов", "Пётр", "Сергеевич", Date(1960, 1, 1), "", 'M');
    REQUIRE(db.exec(
        "INSERT INTO services(id, code, name, duration_min) VALUES "
        "(1, 'B01.047.001', 'Приём терапевта первичный', 30), (2, 'A06.09.007', 'Рентгенография лёгких', 15);"
        "INSERT INTO service_prices VALUES (1, '2030-01-01', 150000), (1, '2030-06-01', 180000), "
        "(1, '2030-07-01', 200000), (2, '2030-01-01', 99999);"));
    consult = 1;
    xray = 2;
  }

  std::int64_t visit(int from_min, std::vector<std::int64_t> services, Date day = Date(2030, 6, 3)) {
    auto id = book(patient, doctor1, room1, from_min, from_min + 30, day);
    REQUIRE(id);
    int pos = 0;
    for (auto s : services)
      REQUIRE(db.exec("INSERT INTO appointment_services(appointment_id, service_id, position) VALUES (" +
                      std::to_string(*id) + ", " + std::to_string(s) + ", " + std::to_string(pos++) + ")"));
    return *id;
  }

  std::int64_t open_shift(Kopecks float_amount = 500000) {
    auto id = record_shift_open(db, "main", "Смирнова Е. А.", float_amount, actor);
    REQUIRE(id);
    return *id;
  }

  Payment pay(const NewPayment& p, std::int64_t fiscal_number) {
    // Money given back is the senior administrator's.
    const bool back = p.kind == PaymentKind::Refund || p.kind == PaymentKind::DepositRefund;
    auto intent = record_intent(db, p, fiscal_number - 1, back ? senior : actor);
    REQUIRE_MESSAGE(intent, (intent ? "" : intent.error().message));
    REQUIRE(mark_registered(db, intent->id, {fiscal_number, "12345" + std::to_string(fiscal_number), 1}, actor));
    return *load_payment(db, intent->id);
  }
};

}  // namespace

TEST_CASE_FIXTURE(CashFixture, "an invoice takes each service at the price in force on the visit's date") {
  const auto v = visit(600, {consult, xray});                          // 3 June: 1 800 ₽ + 999,99 ₽
  const auto later = visit(600, {consult}, Date(2030, 7, 2));          // 2 July: 2 000 ₽
  const std::int64_t ids[] = {v, later};
  auto made = create_invoices(db, ids, {}, actor);
  REQUIRE(made);
  REQUIRE(made->patient_invoice);
  CHECK_FALSE(made->insurer_invoice);
  auto inv = load_invoice(db, *made->patient_invoice);
  REQUIRE(inv);
  REQUIRE(inv->lines.size() == 3);
  CHECK(inv->lines[0].price == 180000);
  CHECK(inv->lines[1].price == 99999);
  CHECK(inv->lines[2].price == 200000);
  CHECK(inv->total == 479999);
  CHECK(inv->patient_name == "Иванова Мария Петровна");
  // Billed once: the same visit cannot go on a second invoice.
  const std::int64_t again[] = {v};
  auto twice = create_invoices(db, again, {}, actor);
  REQUIRE_FALSE(twice);
  CHECK(twice.error().code == ErrorCode::Conflict);
  // A new price added later does not change the invoice.
  REQUIRE(db.exec("INSERT INTO service_prices VALUES (2, '2030-06-02', 1)"));
  CHECK(load_invoice(db, *made->patient_invoice)->lines[1].price == 99999);
}

TEST_CASE_FIXTURE(CashFixture, "discounts: reasons required, large ones approved by a senior administrator") {
  const std::int64_t ids[] = {visit(600, {consult, xray})};
  auto id = *create_invoices(db, ids, {}, actor)->patient_invoice;
  auto inv = *load_invoice(db, id);
  CHECK_FALSE(set_line_discount(db, id, inv.lines[0].id, 500, "", std::nullopt, actor));  // no reason
  REQUIRE(set_line_discount(db, id, inv.lines[0].id, 500, "Пенсионер", std::nullopt, actor));
  inv = *load_invoice(db, id);
  CHECK(inv.lines[0].amount == 171000);  // 1 800 − 5 %
  CHECK(inv.total == 171000 + 99999);
  // 20 % is above the 10 % limit: refused without approval, refused with an ordinary admin's.
  auto refused = set_invoice_discount(db, id, 2000, "Акция", std::nullopt, actor);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::Forbidden);
  CHECK(refused.error().message.find("senior administrator") != std::string::npos);
  CHECK_FALSE(set_invoice_discount(db, id, 2000, "Акция", 2, actor));
  REQUIRE(set_invoice_discount(db, id, 2000, "Акция", 3, actor));
  // The senior administrator at the desk herself needs nobody's approval.
  REQUIRE(set_invoice_discount(db, id, 2500, "Акция", std::nullopt, Actor::user(3)));
  REQUIRE(set_invoice_discount(db, id, 2000, "Акция", std::nullopt, Actor::user(3)));
  inv = *load_invoice(db, id);
  const Kopecks net = 171000 + 99999;
  CHECK(inv.total == net - percent_of(net, 2000));
  CHECK(inv.lines[0].amount + inv.lines[1].amount == inv.total);
  // Quantity changes recompute the same way.
  REQUIRE(set_line_quantity(db, id, inv.lines[1].id, 3, actor));
  inv = *load_invoice(db, id);
  CHECK(inv.lines[0].amount + inv.lines[1].amount == inv.total);
}

TEST_CASE_FIXTURE(CashFixture, "DMS: covered services go to the insurer within the letter's limit, the rest to the patient") {
  auto insurer = add_insurer(db, "СК «Согаз-Мед»", "7736035485");
  REQUIRE(insurer);
  GuaranteeLetter l;
  l.patient_id = patient;
  l.insurer_id = *insurer;
  l.number = "ГП-2030/17";
  l.valid_from = Date(2030, 6, 1);
  l.valid_to = Date(2030, 6, 30);
  l.limit = 250000;
  l.service_ids = {consult, xray};
  REQUIRE(add_guarantee_letter(db, l, actor));
  // 1 800 fits, then 999,99 would exceed 2 500 → the patient pays the X-ray.
  const std::int64_t ids[] = {visit(600, {consult, xray})};
  auto made = create_invoices(db, ids, {}, actor);
  REQUIRE(made);
  REQUIRE(made->insurer_invoice);
  REQUIRE(made->patient_invoice);
  auto ins = *load_invoice(db, *made->insurer_invoice);
  CHECK(ins.total == 180000);
  CHECK(ins.payer.kind == PayerKind::Insurer);
  CHECK(ins.payer_label.find("ГП-2030/17") != std::string::npos);
  CHECK(load_invoice(db, *made->patient_invoice)->total == 99999);
  // No money is taken on the insurer's invoice.
  open_shift();
  NewPayment p;
  p.invoice_id = *made->insurer_invoice;
  p.tender.card = 180000;
  auto refused = record_intent(db, p, 0, actor);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("insurer") != std::string::npos);
  // The register lists what was billed.
  auto reg = insurance_register(db, *insurer, Date(2030, 6, 1), Date(2030, 6, 30));
  REQUIRE(reg);
  REQUIRE(reg->size() == 1);
  CHECK((*reg)[0].amount == 180000);
  CHECK((*reg)[0].code == "B01.047.001");
  // The limit is now used: a second visit's consultation is the patient's.
  const std::int64_t second[] = {visit(700, {consult})};
  auto made2 = create_invoices(db, second, {}, actor);
  REQUIRE(made2);
  CHECK_FALSE(made2->insurer_invoice);
}

TEST_CASE_FIXTURE(CashFixture, "a payment is an intent until registered, money moves only then") {
  const std::int64_t ids[] = {visit(600, {consult})};
  auto id = *create_invoices(db, ids, {}, actor)->patient_invoice;
  NewPayment p;
  p.invoice_id = id;
  p.tender.cash = 100000;
  p.tender.tendered = 500000;
  // No shift → refused.
  CHECK_FALSE(record_intent(db, p, 0, actor));
  open_shift();
  // Less than is due is refused unless the cashier chose to take it in part: a typo must never
  // become a credit sale.
  auto short_payment = record_intent(db, p, 41, actor);
  REQUIRE_FALSE(short_payment);
  CHECK(short_payment.error().code == ErrorCode::Invalid);
  CHECK(short_payment.error().message.find("less than is due") != std::string::npos);
  CHECK(*db.query_int("SELECT count(*) FROM payments") == 0);
  p.in_part = true;
  auto intent = record_intent(db, p, 41, actor);
  REQUIRE(intent);
  CHECK(intent->state == PaymentState::Intent);
  CHECK(intent->ref.size() == 16);  // tag 1192 holds 16 characters
  CHECK(intent->tender.change() == 400000);
  CHECK(load_invoice(db, id)->paid == 0);
  // One in flight per till.
  NewPayment second = p;
  second.tender = {50000, 0, 0, 0, ""};
  auto busy = record_intent(db, second, 41, actor);
  REQUIRE_FALSE(busy);
  CHECK(busy.error().code == ErrorCode::Conflict);
  REQUIRE(mark_registered(db, intent->id, {42, "3522174591", 7}, actor));
  auto inv = *load_invoice(db, id);
  CHECK(inv.paid == 100000);
  CHECK(inv.status == InvoiceStatus::Open);  // partial
  // Registered is final: no second registration with another number, no cancel, no delete.
  CHECK_FALSE(mark_registered(db, intent->id, {43, "1", 7}, actor));
  CHECK(mark_registered(db, intent->id, {42, "3522174591", 7}, actor));  // idempotent repeat
  CHECK_FALSE(mark_cancelled(db, intent->id, "oops", actor));
  CHECK_FALSE(db.exec("DELETE FROM payments"));
  CHECK_FALSE(db.exec("UPDATE payments SET cash_kopecks = 1, total_kopecks = 1"));
  // The rest, by card; more than due is refused.
  second.tender = {0, 90000, 0, 0, ""};
  CHECK_FALSE(record_intent(db, second, 42, actor));
  second.tender = {0, 80000, 0, 0, "A1B2C3"};
  pay(second, 43);
  inv = *load_invoice(db, id);
  CHECK(inv.paid == 180000);
  CHECK(inv.status == InvoiceStatus::Paid);
}

TEST_CASE_FIXTURE(CashFixture, "the personal account: deposit, a family member pays from it, refunds to the same method") {
  open_shift();
  REQUIRE(link_payer(db, parent, patient, "отец", actor));
  NewPayment dep;
  dep.kind = PaymentKind::Deposit;
  dep.patient_id = parent;
  dep.tender.cash = 150000;
  pay(dep, 10);
  CHECK(*account_balance(db, parent) == 150000);
  auto payers = linked_payers(db, patient);
  REQUIRE(payers);
  REQUIRE(payers->size() == 1);
  CHECK((*payers)[0].balance == 150000);
  CHECK((*payers)[0].relation == "отец");

  const std::int64_t ids[] = {visit(600, {consult})};
  InvoicePayer father;
  father.kind = PayerKind::Person;
  father.patient_id = parent;
  auto id = *create_invoices(db, ids, father, actor)->patient_invoice;
  CHECK(load_invoice(db, id)->payer_label == "Иванов П. С.");
  NewPayment p;
  p.invoice_id = id;
  p.tender = {0, 30000, 160000, 0, ""};
  CHECK_FALSE(record_intent(db, p, 10, actor));  // the account holds 1 500 only
  p.tender = {30000, 0, 150000, 0, ""};
  auto paid = pay(p, 11);
  CHECK(*account_balance(db, parent) == 0);
  CHECK(load_invoice(db, id)->status == InvoiceStatus::Paid);
  // The account cannot go below zero, whoever writes.
  CHECK_FALSE(db.exec("INSERT INTO account_entries(patient_id, payment_id, amount, created_at) VALUES (" +
                      std::to_string(parent) + ", " + std::to_string(paid.id) + ", -1, 0)"));

  // Refund: back the way it came, no more than paid, with a reason.
  NewPayment r;
  r.kind = PaymentKind::Refund;
  r.refund_of = paid.id;
  r.tender = {0, 30000, 0, 0, ""};  // it was cash, not card
  r.reason = "Услуга не оказана";
  CHECK_FALSE(record_intent(db, r, 11, senior));
  r.tender = {30000, 0, 50000, 0, ""};
  r.reason = "";
  CHECK_FALSE(record_intent(db, r, 11, senior));  // no reason
  r.reason = "Услуга не оказана";
  // An administrator may not give money back: the refusal names who may, and nothing is written.
  auto by_admin = record_intent(db, r, 11, actor);
  REQUIRE_FALSE(by_admin);
  CHECK(by_admin.error().code == ErrorCode::Forbidden);
  CHECK(by_admin.error().message == "A refund can be made by: senior administrator, manager.");
  CHECK(*db.query_int("SELECT count(*) FROM payments WHERE kind = 'refund'") == 0);
  r.reason = "Услуга не оказана";
  pay(r, 12);
  CHECK(*account_balance(db, parent) == 50000);
  CHECK(load_invoice(db, id)->paid == 100000);
  auto left = refundable(db, paid.id);
  REQUIRE(left);
  CHECK(left->cash == 0);
  CHECK(left->balance == 100000);
  // The balance refunded in cash.
  NewPayment back;
  back.kind = PaymentKind::DepositRefund;
  back.patient_id = parent;
  back.tender.cash = 60000;
  back.reason = "Заявление";
  CHECK_FALSE(record_intent(db, back, 12, senior));
  back.tender.cash = 50000;
  pay(back, 13);
  CHECK(*account_balance(db, parent) == 0);
}

TEST_CASE_FIXTURE(CashFixture, "a shift: expected cash, movements, closing, and the 24-hour rule") {
  auto shift = open_shift(500000);
  CHECK_FALSE(record_shift_open(db, "main", "Другая", 0, actor));  // one open shift per till
  const std::int64_t ids[] = {visit(600, {consult})};
  auto id = *create_invoices(db, ids, {}, actor)->patient_invoice;
  NewPayment p;
  p.invoice_id = id;
  p.tender = {100000, 80000, 0, 200000, ""};
  pay(p, 2);
  REQUIRE(record_cash_movement(db, shift, 20000, "Размен", actor));
  CHECK_FALSE(record_cash_movement(db, shift, -10000000, "Инкассация", actor));  // more than there is
  REQUIRE(record_cash_movement(db, shift, -300000, "Инкассация", actor));
  auto totals = shift_totals(db, shift);
  REQUIRE(totals);
  CHECK(totals->cash_sales == 100000);
  CHECK(totals->card_sales == 80000);
  CHECK(totals->receipts == 1);
  CHECK(totals->expected_cash(500000) == 500000 + 100000 + 20000 - 300000);
  // A payment in flight keeps the shift open.
  NewPayment dep;
  dep.kind = PaymentKind::Deposit;
  dep.patient_id = patient;
  dep.tender.cash = 1000;
  auto intent = record_intent(db, dep, 2, actor);
  REQUIRE(intent);
  CHECK_FALSE(record_shift_close(db, shift, 320000, 300000, "", actor));
  CHECK(mark_cancelled(db, intent->id, "не отправлен", actor).error().code == ErrorCode::Forbidden);
  REQUIRE(mark_cancelled(db, intent->id, "не отправлен", senior));
  REQUIRE(record_shift_close(db, shift, 319000, 300000, "Завтра 42 пациента; сканер барахлит", actor));
  auto closed = load_shift(db, shift);
  REQUIRE(closed);
  CHECK(*closed->expected == 320000);
  CHECK(*closed->counted == 319000);
  CHECK_FALSE(db.exec("UPDATE cash_shifts SET counted_kopecks = 1 WHERE id = " + std::to_string(shift)));
  // 24 hours: a shift opened 25 hours ago refuses payments.
  auto old = open_shift();
  REQUIRE(db.exec("UPDATE cash_shifts SET opened_at = opened_at - 90000 WHERE id = " + std::to_string(old)));
  auto refused = record_intent(db, dep, 3, actor);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("24") != std::string::npos);
}

TEST_CASE_FIXTURE(CashFixture, "revenue by method, doctor and service, refunds subtract") {
  open_shift();
  const std::int64_t ids[] = {visit(600, {consult, xray})};
  auto id = *create_invoices(db, ids, {}, actor)->patient_invoice;
  NewPayment p;
  p.invoice_id = id;
  p.tender = {179999, 100000, 0, 0, ""};
  auto paid = pay(p, 5);
  NewPayment r;
  r.kind = PaymentKind::Refund;
  r.refund_of = paid.id;
  r.tender = {0, 99999, 0, 0, ""};
  r.reason = "Снимок не делали";
  pay(r, 6);
  auto rev = revenue(db, today().plus_days(-1), today().plus_days(1));
  REQUIRE(rev);
  CHECK(rev->cash == 179999);
  CHECK(rev->card == 1);
  CHECK(rev->total() == 180000);
  REQUIRE(rev->by_doctor.size() == 1);
  CHECK(rev->by_doctor[0].label == "Петрова А. С.");
  CHECK(rev->by_doctor[0].amount == 180000);
  Kopecks services = 0;
  for (const auto& s : rev->by_service) services += s.amount;
  CHECK(services == 180000);
  // The tax-deduction certificate's sum for the year: paid minus refunded.
  auto tax = tax_deduction_sums(db, patient, today().year());
  REQUIRE(tax);
  CHECK(tax->code1 == 180000);
  CHECK(tax->payments == 2);
  CHECK(tax_deduction_sums(db, patient, today().year() - 1)->code1 == 0);
}
