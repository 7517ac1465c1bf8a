// The cash desk with the virtual registrar, in one process: the receipt's FFD 1.2 tags, a lost
// reply, a refusal (no paper) and its resend, an unreachable registrar, the 24-hour rule, the
// shift, and the registrar's own state across restarts.
#include <doctest/doctest.h>

#include <fstream>

#include "cash_fixture.h"
#include "clinic.h"
#include "fiscal/atol/atol_commands.h"
#include "receipt_builder.h"
#include "registrar_settings.h"

using namespace rg;
using namespace rg::drivers::fiscal;
using rg::test::CashFixture;

TEST_CASE_FIXTURE(CashFixture, "a payment's receipt carries the FFD 1.2 tags and the registrar's document is stored") {
  REQUIRE(desk->open_shift(500000));
  const auto id = invoice({1, 2}, 3);  // 3 × 1 500,00 and 3 × 333,33
  REQUIRE(db::set_invoice_discount(db, id, 1000, "Постоянный пациент", std::nullopt, db::Actor::user(1)));
  auto inv = *db::load_invoice(db, id);
  db::NewPayment p;
  p.invoice_id = id;
  p.tender = {inv.total - 100000, 100000, 0, inv.total, ""};
  p.customer_contact = "+79161234567";
  auto paid = desk->pay(p);
  REQUIRE_MESSAGE(paid, (paid ? "" : paid.error().message));
  CHECK(paid->payment.state == db::PaymentState::Registered);
  CHECK(paid->change == 100000);
  REQUIRE(paid->receipt);
  CHECK(paid->receipt->total == inv.total);
  CHECK(paid->receipt->payment_ref == paid->payment.ref);
  CHECK(*paid->payment.fiscal_number == paid->receipt->number);
  CHECK(paid->payment.fiscal_sign == std::to_string(paid->receipt->fiscal_sign));

  // The receipt as the registrar was asked for it.
  auto receipt = cash::receipt_for(db, paid->payment, desk->options().receipt);
  REQUIRE(receipt);
  CHECK(receipt->operation == Operation::Sale);           // 1054 = 1
  CHECK(receipt->customer_contact == "+79161234567");     // 1008
  CHECK(receipt->cashier.inn == "771234567890");          // 1203
  CHECK(receipt->electronic == 100000);                   // 1081
  CHECK(receipt->cash == inv.total - 100000);             // 1031
  Kopecks sum = 0;
  for (const auto& item : receipt->items) {
    CHECK(item.subject == Subject::Service);    // 1212 = 4
    CHECK(item.method == Method::FullPayment);  // 1214 = 4
    CHECK(item.vat == Vat::NoVat);              // 1199 = 6
    CHECK(item.price * item.quantity_milli / 1000 == item.sum());
    sum += item.sum();
  }
  CHECK(sum == inv.total);
  CHECK(receipt->items.size() >= 2);
  // The registrar counted exactly what the ledger holds.
  CHECK(registrar->counters() == ledger_counters());
  // And printed it.
  CHECK(std::filesystem::exists(printer.last_job()));
}

TEST_CASE_FIXTURE(CashFixture, "partial payments, a deposit, paying from the account and a refund go on the right receipts") {
  REQUIRE(desk->open_shift(0));
  const auto id = invoice();
  db::NewPayment part;
  part.invoice_id = id;
  part.tender.cash = 50000;
  part.in_part = true;
  auto first = desk->pay(part);
  REQUIRE(first);
  // The services were rendered at the visit: the first part transfers them whole, the rest on
  // credit (1214 = 5, 1216), and the registrar counted the credit.
  CHECK(first->payment.credit == 100000);
  auto r1 = cash::receipt_for(db, first->payment, desk->options().receipt);
  REQUIRE(r1);
  CHECK(r1->total() == 150000);
  CHECK(r1->cash == 50000);
  CHECK(r1->credit == 100000);
  for (const auto& item : r1->items) {
    CHECK(item.method == Method::PartialPaymentAndCredit);
    CHECK(item.subject == Subject::Service);
  }
  CHECK(registrar->last_document()->total == 150000);
  CHECK(registrar->counters().sales_credit == 100000);
  CHECK(registrar->counters() == ledger_counters());
  // The patient tops up the account and pays the rest from it.
  db::NewPayment dep;
  dep.kind = db::PaymentKind::Deposit;
  dep.patient_id = patients[0];
  dep.tender.card = 100000;
  auto deposit = desk->pay(dep);
  REQUIRE(deposit);
  auto rd = cash::receipt_for(db, deposit->payment, desk->options().receipt);
  REQUIRE(rd);
  CHECK(rd->items[0].subject == Subject::Payment);  // 1212 = 10
  CHECK(rd->items[0].method == Method::Advance);    // 1214 = 3
  db::NewPayment rest;
  rest.invoice_id = id;
  rest.tender.balance = 100000;
  auto second = desk->pay(rest);
  REQUIRE_MESSAGE(second, (second ? "" : second.error().message));
  auto r2 = cash::receipt_for(db, second->payment, desk->options().receipt);
  REQUIRE(r2);
  CHECK(r2->prepaid == 100000);  // 1215: the advance offset
  CHECK(r2->credit == 0);
  CHECK(r2->total() == 100000);
  for (const auto& item : r2->items) {
    CHECK(item.method == Method::CreditPayment);  // 1214 = 7
    CHECK(item.subject == Subject::Payment);      // 1212 = 10
  }
  CHECK(second->payment.credit == 0);
  CHECK(db::load_invoice(db, id)->status == db::InvoiceStatus::Paid);
  // Refund of the cash part.
  db::NewPayment back;
  back.kind = db::PaymentKind::Refund;
  back.refund_of = first->payment.id;
  back.tender.cash = 50000;
  back.reason = "Отказ от услуги";
  auto refunded = desk->pay(back);
  REQUIRE(refunded);
  CHECK(registrar->last_document()->operation == Operation::SaleRefund);  // 1054 = 2
  CHECK(registrar->counters() == ledger_counters());
  CHECK(registrar->counters().refunds_cash == 50000);
}

TEST_CASE_FIXTURE(CashFixture, "an invoice paid in three parts: credit once then credit payments and a fresh start after a refund") {
  REQUIRE(desk->open_shift(0));
  const auto id = invoice();  // 1 500,00
  auto pay = [&](Kopecks cash) {
    db::NewPayment p;
    p.invoice_id = id;
    p.tender.cash = cash;
    p.in_part = true;
    auto paid = desk->pay(p);
    REQUIRE_MESSAGE(paid, (paid ? "" : paid.error().message));
    auto r = cash::receipt_for(db, paid->payment, desk->options().receipt);
    REQUIRE(r);
    return std::make_pair(paid->payment, *r);
  };
  auto [p1, r1] = pay(40000);
  CHECK(p1.credit == 110000);
  CHECK(r1.items[0].method == Method::PartialPaymentAndCredit);
  auto [p2, r2] = pay(60000);
  CHECK(p2.credit == 0);  // the credit was stated once
  CHECK(r2.items[0].method == Method::CreditPayment);
  CHECK(r2.total() == 60000);
  auto [p3, r3] = pay(50000);  // settles the invoice: still a credit payment
  CHECK(r3.items[0].method == Method::CreditPayment);
  CHECK(db::load_invoice(db, id)->status == db::InvoiceStatus::Paid);
  CHECK(registrar->counters().sales_credit == 110000);
  CHECK(registrar->counters() == ledger_counters());
  // A credit payment given back goes back as a credit payment.
  db::NewPayment back2;
  back2.kind = db::PaymentKind::Refund;
  back2.refund_of = p2.id;
  back2.tender.cash = 60000;
  back2.reason = "Ошибка кассира";
  auto refunded2 = desk->pay(back2);
  REQUIRE(refunded2);
  auto rr = cash::receipt_for(db, refunded2->payment, desk->options().receipt);
  REQUIRE(rr);
  CHECK(rr->operation == Operation::SaleRefund);
  CHECK(rr->items[0].method == Method::CreditPayment);
  CHECK(rr->items[0].subject == Subject::Payment);
  CHECK(registrar->counters() == ledger_counters());

  // A second invoice: its first part refunded in full, then paid at once — a full payment.
  const auto id2 = invoice();
  db::NewPayment part;
  part.invoice_id = id2;
  part.tender.cash = 30000;
  part.in_part = true;
  auto first = desk->pay(part);
  REQUIRE(first);
  CHECK(first->payment.credit == 120000);
  db::NewPayment back;
  back.kind = db::PaymentKind::Refund;
  back.refund_of = first->payment.id;
  back.tender.cash = 30000;
  back.reason = "Ошибка кассира";
  REQUIRE(desk->pay(back));
  db::NewPayment whole;
  whole.invoice_id = id2;
  whole.tender.card = 150000;
  auto again = desk->pay(whole);
  REQUIRE(again);
  CHECK(again->payment.credit == 0);
  auto r = cash::receipt_for(db, again->payment, desk->options().receipt);
  REQUIRE(r);
  CHECK(r->items[0].method == Method::FullPayment);
  CHECK(r->total() == 150000);
  CHECK(registrar->counters() == ledger_counters());
}

TEST_CASE_FIXTURE(CashFixture, "a lost reply: the registrar registered the receipt, the desk finds it and records it once") {
  REQUIRE(desk->open_shift(0));
  const auto id = invoice();
  registrar->set_fault(VirtualFault::LoseReply);
  db::NewPayment p;
  p.invoice_id = id;
  p.tender.cash = 150000;
  auto paid = desk->pay(p);
  REQUIRE_MESSAGE(paid, (paid ? "" : paid.error().message));
  CHECK(paid->payment.state == db::PaymentState::Registered);
  CHECK(registrar->counters().sales == 1);
  CHECK(count("SELECT count(*) FROM payments WHERE state = 'registered'") == 1);
  CHECK(registrar->counters() == ledger_counters());
}

TEST_CASE_FIXTURE(CashFixture, "a lost reply from a registrar without tag 1192: matched by operation and total, never by a stranger's receipt") {
  REQUIRE(desk->open_shift(0));
  registrar->set_reads_back_ref(false);
  const auto first = invoice();
  registrar->set_fault(VirtualFault::LoseReply);
  db::NewPayment p;
  p.invoice_id = first;
  p.tender.cash = 150000;
  auto paid = desk->pay(p);
  REQUIRE_MESSAGE(paid, (paid ? "" : paid.error().message));
  CHECK(paid->payment.state == db::PaymentState::Registered);
  CHECK(registrar->counters().sales == 1);
  // An intent for another amount, noted before that receipt: the receipt is newer than it but
  // is not its, so it stays unsent and nothing is recorded twice.
  const auto second = invoice({2});
  auto last = registrar->last_document();
  REQUIRE(last);
  db::NewPayment q;
  q.invoice_id = second;
  q.till = "main";
  q.tender.card = 33333;
  auto intent = db::record_intent(db, q, static_cast<std::int64_t>(last->number) - 1, db::Actor::user(1));
  REQUIRE_MESSAGE(intent, (intent ? "" : intent.error().message));
  auto rec = desk->reconcile();
  REQUIRE(rec);
  CHECK_FALSE(rec->completed);
  REQUIRE(rec->unsent);
  CHECK(rec->unsent->id == intent->id);
  CHECK(count("SELECT count(*) FROM payments WHERE state = 'registered'") == 1);
  CHECK(registrar->counters() == ledger_counters());
}

TEST_CASE_FIXTURE(CashFixture, "no paper: nothing is registered, the payment waits, and goes through once the paper is in") {
  REQUIRE(desk->open_shift(0));
  const auto id = invoice();
  printer.set_fault(drivers::SimFault::PaperEnd);
  db::NewPayment p;
  p.invoice_id = id;
  p.tender.card = 150000;
  auto refused = desk->pay(p);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message == cash::registrar_problem(Error{ErrorCode::Io, "no paper. Load a roll and try again."}) +
                                       " The receipt was not printed; the payment is kept: send it again or cancel it.");
  CHECK(registrar->counters().sales == 0);
  // The intent is kept and offered again; another payment waits for it.
  auto rec = desk->reconcile();
  REQUIRE(rec);
  REQUIRE(rec->unsent);
  CHECK_FALSE(rec->completed);
  auto blocked = desk->pay(p);
  REQUIRE_FALSE(blocked);
  CHECK(blocked.error().code == ErrorCode::Conflict);
  printer.set_fault(drivers::SimFault::None);
  auto resent = desk->resend(rec->unsent->id);
  REQUIRE_MESSAGE(resent, (resent ? "" : resent.error().message));
  CHECK(resent->payment.state == db::PaymentState::Registered);
  CHECK(registrar->counters() == ledger_counters());
  CHECK(db::load_invoice(db, id)->status == db::InvoiceStatus::Paid);
}

TEST_CASE_FIXTURE(CashFixture, "an unreachable registrar: no intent is written, and a pending one is never guessed") {
  REQUIRE(desk->open_shift(0));
  const auto id = invoice();
  registrar->set_fault(VirtualFault::Offline);
  db::NewPayment p;
  p.invoice_id = id;
  p.tender.cash = 150000;
  auto refused = desk->pay(p);
  REQUIRE_FALSE(refused);
  CHECK(count("SELECT count(*) FROM payments") == 0);
  CHECK_FALSE(desk->reconcile());  // cannot ask: says so, decides nothing
  registrar->set_fault(VirtualFault::None);
  auto rec = desk->reconcile();
  REQUIRE(rec);
  CHECK_FALSE(rec->unsent);
  CHECK_FALSE(rec->completed);
  // Cancelling an unsent intent is refused when the registrar did register it.
  registrar->set_fault(VirtualFault::None);
  auto intent = db::record_intent(db, p, registrar->status()->last_document_number, db::Actor::user(1));
  REQUIRE(intent);
  drivers::fiscal::Receipt r = *cash::receipt_for(db, *intent, desk->options().receipt);
  REQUIRE(registrar->register_receipt(r));  // it went through behind the desk's back
  CHECK_FALSE(desk->cancel_unsent(intent->id, "передумали"));
  CHECK(db::load_payment(db, intent->id)->state == db::PaymentState::Registered);
  CHECK(registrar->counters() == ledger_counters());
}

TEST_CASE_FIXTURE(CashFixture, "the 24-hour rule, the Z report, and the registrar's numbers across restarts") {
  auto shift = desk->open_shift(300000);
  REQUIRE(shift);
  const auto id = invoice();
  registrar->set_clock_offset(25 * 3600);
  db::NewPayment p;
  p.invoice_id = id;
  p.tender.cash = 150000;
  auto refused = desk->pay(p);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("24") != std::string::npos);
  registrar->set_clock_offset(0);
  REQUIRE(desk->pay(p));
  REQUIRE(desk->x_report());
  REQUIRE(desk->close_shift(450000, 400000, "Всё в порядке"));
  auto closed = db::load_shift(db, *shift);
  REQUIRE(closed);
  CHECK(*closed->expected == 450000);
  CHECK_FALSE(registrar->status()->shift_open);
  const auto last = registrar->last_document();
  REQUIRE(last);
  CHECK(last->type == DocumentType::CloseShift);
  // A new process sees the same registrar.
  auto again = VirtualRegistrar::open(registrar_dir, nullptr);
  REQUIRE(again);
  CHECK(again->last_document()->number == last->number);
  CHECK(again->counters() == registrar->counters());
  CHECK(again->status()->shift_number == 1);
  // A damaged state file is an error, not a fresh registrar with numbers starting over.
  {
    std::ofstream f(std::filesystem::path(registrar_dir) / VirtualRegistrar::kStateFile);
    f << "last_number=twelve\n";
  }
  CHECK_FALSE(VirtualRegistrar::open(registrar_dir, nullptr));
}

TEST_CASE_FIXTURE(CashFixture, "an ATOL's passwords come from the settings and a bad one keeps the factory default") {
  using drivers::fiscal::atol::Commands;
  using drivers::fiscal::atol::Mode;
  auto defaults = cash::atol_options_from_settings(db);
  CHECK(defaults.passwords.access == 0);
  CHECK(defaults.passwords.cashier == 30);
  REQUIRE(db::set_setting(db, "fiscal.atol.access_password", "1234"));
  REQUIRE(db::set_setting(db, "fiscal.atol.cashier_password", "2580"));
  REQUIRE(db::set_setting(db, "fiscal.atol.admin_password", "123456789"));  // wider than 4 BCD bytes
  REQUIRE(db::set_setting(db, "fiscal.atol.no_vat_tax", "6"));
  auto o = cash::atol_options_from_settings(db);
  CHECK(o.passwords.access == 1234);
  CHECK(o.passwords.cashier == 2580);
  CHECK(o.passwords.admin == 30);
  CHECK(o.vat_no_vat == 6);
  // And they reach the bytes: the access password first, the cashier's entering the mode.
  const auto bytes = Commands(o.passwords).enter_mode(Mode::Registration);
  CHECK(bytes == drivers::fiscal::atol::Bytes{0x12, 0x34, 0x56, 0x01, 0x00, 0x00, 0x25, 0x80});
}

TEST_CASE_FIXTURE(CashFixture, "the receipt's cashier is the person at the till, by position and name") {
  REQUIRE(db.exec("UPDATE users SET position = 'Старший администратор' WHERE id = 3;"
                  "UPDATE users SET position = '' WHERE id = 1"));
  auto senior_till = cash::options_for(db, desk->options(), db::Actor::user(3));
  REQUIRE(senior_till);
  CHECK(senior_till->receipt.cashier.name == "Старший администратор Белова С. И.");
  CHECK(senior_till->receipt.cashier.inn == desk->options().receipt.cashier.inn);  // the till's own
  auto admin_till = cash::options_for(db, desk->options(), db::Actor::user(1));
  REQUIRE(admin_till);
  CHECK(admin_till->receipt.cashier.name == "Смирнова Е. А.");  // no position: the name alone
  // A system actor (the CLI, a replay) keeps the till's configured cashier.
  CHECK(cash::options_for(db, desk->options(), db::Actor::system("test"))->receipt.cashier.name ==
        desk->options().receipt.cashier.name);
  // Two people in turn: each receipt names its own cashier.
  REQUIRE(desk->open_shift(0));
  cash::CashDesk first(db, *registrar, *senior_till, db::Actor::user(3));
  cash::CashDesk second(db, *registrar, *admin_till, db::Actor::user(1));
  db::NewPayment p;
  p.invoice_id = invoice();
  p.tender = {150000, 0, 0, 0, ""};
  auto a = first.pay(p);
  REQUIRE_MESSAGE(a, (a ? "" : a.error().message));
  p.invoice_id = invoice();
  auto b = second.pay(p);
  REQUIRE_MESSAGE(b, (b ? "" : b.error().message));
  CHECK(cash::receipt_for(db, a->payment, senior_till->receipt)->cashier.name == "Старший администратор Белова С. И.");
  CHECK(cash::receipt_for(db, b->payment, admin_till->receipt)->cashier.name == "Смирнова Е. А.");
  CHECK_FALSE(cash::options_for(db, desk->options(), db::Actor::user(99)));  // nobody by that id
}
