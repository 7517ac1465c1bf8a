// The shift report as a document: filled from the ledger, laid out by the document engine,
// read back from the PDF with poppler.
#include <doctest/doctest.h>

#include "../documents/docs_fixture.h"
#include "cash_fixture.h"
#include "shift_report.h"

using namespace rg;
using rg::test::CashFixture;

TEST_CASE_FIXTURE(CashFixture, "the shift report names the cashier, the takings by method, the count and the handover") {
  auto shift = desk->open_shift(500000);
  REQUIRE(shift);
  db::NewPayment p;
  p.invoice_id = invoice();
  p.tender = {100000, 50000, 0, 0, ""};
  REQUIRE(desk->pay(p));
  // The senior administrator opened the till; the administrator signed in after her closes it.
  cash::CashDesk next(db, *registrar, desk->options(), db::Actor::user(1));
  REQUIRE(next.close_shift(590000, 500000, "Завтра 12 пациентов; сканер в 2 кабинете не читает"));
  auto data = db::shift_report_data(db, *shift, {"", today()});
  REQUIRE_MESSAGE(data, (data ? "" : data.error().message));
  auto t = docs::load_template_file(docs::templates_dir() / "shift_report.md");
  REQUIRE_MESSAGE(t, (t ? "" : t.error().message));
  auto engine = docs::DocumentEngine::create();
  REQUIRE(engine);
  auto pdf = engine->render(*t, *data);
  REQUIRE_MESSAGE(pdf, (pdf ? "" : pdf.error().message));
  const auto pdf_path = test::save_pdf(dir, "shift_report", pdf->pdf);
  const auto text = test::squeeze(test::pdf_text(pdf_path));
  CHECK(text.find(test::squeeze("Отчёт о кассовой смене № 1")) != std::string::npos);
  CHECK(text.find(test::squeeze("кассир — Смирнова Е. А.")) != std::string::npos);
  CHECK(text.find(test::squeeze("Оплата наличными 1 000,00")) != std::string::npos);
  CHECK(text.find(test::squeeze("Оплата картой 500,00")) != std::string::npos);
  CHECK(text.find(test::squeeze("Должно быть наличных в кассе 6 000,00")) != std::string::npos);
  CHECK(text.find(test::squeeze("недостача 100,00")) != std::string::npos);
  CHECK(text.find(test::squeeze("Петрова А. С. 1 500,00")) != std::string::npos);
  CHECK(text.find(test::squeeze("сканер в 2 кабинете")) != std::string::npos);
  // Both people are named: who opened, who closed and handed the till over.
  CHECK(text.find(test::squeeze("(Белова С. И.); закрыта:")) != std::string::npos);
  CHECK(text.find(test::squeeze("(Смирнова Е. А.).")) != std::string::npos);
  CHECK(text.find(test::squeeze("Смену сдал(а): / Смирнова Е. А. /")) != std::string::npos);
  CHECK(test::pdf_pages(pdf_path) == 1);
}
