// A clinic with visits ready to bill, a virtual registrar in a folder and a cash desk on both.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <optional>

#include "cash_desk.h"
#include "clinic_fixture.h"
#include "fiscal/virtual_registrar.h"
#include "invoices.h"
#include "receipt_printer/sim_printer.h"

namespace rg::test {

struct CashFixture : ClinicFixture {
  std::string registrar_dir = dir.file("registrar");
  drivers::SimReceiptPrinter printer{dir.file("paper")};
  std::optional<drivers::fiscal::VirtualRegistrar> registrar;
  std::optional<cash::CashDesk> desk;
  std::vector<std::int64_t> patients;
  int next_visit = 0;

  explicit CashFixture(bool with_desk = true) {
    REQUIRE(db.exec(
        "INSERT INTO services(id, code, name, duration_min) VALUES "
        "(1, 'B01.047.001', 'Приём (осмотр, консультация) врача-терапевта первичный', 30), "
        "(2, 'A09.05.023', 'Исследование уровня глюкозы в крови', 10);"
        "INSERT INTO service_prices VALUES (1, '2020-01-01', 150000), (2, '2020-01-01', 33333);"));
    if (!with_desk) return;
    auto r = drivers::fiscal::VirtualRegistrar::open(registrar_dir, &printer);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
    registrar.emplace(std::move(*r));
    cash::CashDeskOptions o;
    o.receipt.cashier = {"Смирнова Е. А.", "771234567890"};
    desk.emplace(db, *registrar, o, senior);  // refunds and cancelling are a senior's
  }

  // A visit of its own patient with `services` (quantity 1 each), and its invoice.
  std::int64_t invoice(std::vector<std::int64_t> services = {1}, std::int64_t quantity = 1) {
    const int k = next_visit++;
    const auto patient = add_patient("Пациентова", "Анна" + std::string(1, char('A' + k % 26)), "", Date(1980, 1, 1));
    patients.push_back(patient);
    auto visit = book(patient, k % 2 ? doctor2 : doctor1, std::nullopt, 480 + 30 * (k / 2), 480 + 30 * (k / 2) + 30);
    REQUIRE_MESSAGE(visit, (visit ? "" : visit.error().message));
    int pos = 0;
    for (auto s : services)
      REQUIRE(db.exec("INSERT INTO appointment_services VALUES (" + std::to_string(*visit) + ", " + std::to_string(s) +
                      ", " + std::to_string(quantity) + ", " + std::to_string(pos++) + ")"));
    const std::int64_t ids[] = {*visit};
    auto made = db::create_invoices(db, ids, {}, db::Actor::user(1));
    REQUIRE_MESSAGE(made, (made ? "" : made.error().message));
    REQUIRE(made->patient_invoice);
    return *made->patient_invoice;
  }

  // What the database says was registered, in the registrar's terms.
  drivers::fiscal::Counters ledger_counters() {
    drivers::fiscal::Counters c;
    auto st = db.prepare(
        "SELECT kind IN ('refund', 'deposit_refund'), coalesce(sum(cash_kopecks), 0), coalesce(sum(card_kopecks), 0), "
        "coalesce(sum(balance_kopecks), 0), count(*), coalesce(sum(credit_kopecks), 0) FROM payments "
        "WHERE state = 'registered' GROUP BY 1");
    REQUIRE(st);
    while (*st->step()) {
      if (st->col_int(0)) {
        c.refunds_cash = st->col_int(1), c.refunds_electronic = st->col_int(2), c.refunds_prepaid = st->col_int(3);
        c.refunds = st->col_int(4), c.refunds_credit = st->col_int(5);
      } else {
        c.sales_cash = st->col_int(1), c.sales_electronic = st->col_int(2), c.sales_prepaid = st->col_int(3);
        c.sales = st->col_int(4), c.sales_credit = st->col_int(5);
      }
    }
    return c;
  }

  std::int64_t count(const std::string& sql) { return *db.query_int(sql); }
};

}  // namespace rg::test
