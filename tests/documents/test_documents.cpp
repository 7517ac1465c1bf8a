// Every document rendered from a real clinic database and read back from the PDF with poppler.
#include <doctest/doctest.h>

#include "checkin_token.h"
#include "docs_fixture.h"
#include "slip_token.h"

using namespace rg;
using rg::test::DocsClinic;

namespace {

struct Made {
  std::string path;
  docs::RenderedDocument doc;
};

Made make(DocsClinic& c, const std::string& id, const db::DocNode& data) {
  auto t = c.tmpl(id);
  auto r = c.engine.render(t, data);
  REQUIRE_MESSAGE(r, (r ? "" : r.error().message + " / " + r.error().detail));
  return {test::save_pdf(c.dir, id, r->pdf), *r};
}

void check_common(const Made& m, const std::string& patient_text = "Римская-Корсакова") {
  std::string text = test::squeeze(test::pdf_text(m.path));
  CHECK_MESSAGE(text.find(test::squeeze(patient_text)) != std::string::npos, text);
  CHECK(test::pdf_pages(m.path) == m.doc.pages);
  CHECK(m.doc.sha256 == docs::sha256_hex(m.doc.pdf));
}

}  // namespace

TEST_CASE("the contract names the clinic, the patient, the services and the total") {
  DocsClinic c;
  db::ContractRequest r;
  r.patient_id = c.patient;
  r.appointment_id = c.visit;
  r.header = DocsClinic::header();
  auto data = db::contract_data(c.db, r);
  REQUIRE(data);
  auto m = make(c, "contract", *data);
  check_common(m, "Римская-Корсакова Анна Петровна");
  std::string text = test::squeeze(test::pdf_text(m.path));
  CHECK(text.find("ИНН7714512346") != std::string::npos);
  CHECK(text.find("Регистрацияэлектрокардиограммы") != std::string::npos);
  CHECK(text.find("4480,50") != std::string::npos);  // 2500 + 780.50 + 1200
  CHECK(text.find("четыретысячичетыреставосемьдесятрублей50копеек") != std::string::npos);
  CHECK(text.find("Страница1из") != std::string::npos);
  CHECK(m.doc.pages >= 2);
  CHECK(m.doc.copies == 2);
}

TEST_CASE("a contract paid by someone else is made in three copies and names the payer") {
  DocsClinic c;
  db::ContractRequest r;
  r.patient_id = c.patient;
  r.appointment_id = c.visit;
  r.header = DocsClinic::header();
  r.payer.kind = db::Payer::Kind::Company;
  r.payer.company = {"АО «Ромашка»", "1027700132195", "7736050003", "773601001", "г. Москва", "директора Иванова И. И.", "Устава"};
  r.estimate = true;
  auto data = db::contract_data(c.db, r);
  REQUIRE(data);
  auto m = make(c, "contract", *data);
  CHECK(m.doc.copies == 3);
  std::string text = test::squeeze(test::pdf_text(m.path));
  CHECK(text.find("АО«Ромашка»") != std::string::npos);
  CHECK(text.find("СМЕТА") != std::string::npos);
  CHECK(text.find("трёхэкземплярах") != std::string::npos);
}

TEST_CASE("consent, refusal and personal-data consent name the patient and the clinic") {
  DocsClinic c;
  db::ConsentRequest r;
  r.patient_id = c.patient;
  r.appointment_id = c.visit;
  r.header = DocsClinic::header();
  r.informed_persons.push_back({"Римский-Корсаков Пётр Ильич", "", "+7 916 000-00-01", std::nullopt, "", ""});
  auto data = db::consent_data(c.db, r);
  REQUIRE(data);
  auto consent = make(c, "consent", *data);
  check_common(consent);
  std::string text = test::squeeze(test::pdf_text(consent.path));
  CHECK(text.find("1051н") != std::string::npos);
  CHECK(text.find("врач-терапевтПетроваАннаСергеевна") != std::string::npos);
  CHECK(text.find("Регистрацияэлектрокардиограммы") != std::string::npos);
  CHECK(text.find("Римский-КорсаковПётрИльич") != std::string::npos);

  r.interventions = {"Рентгенологические методы обследования"};
  auto refusal_data = db::consent_data(c.db, r);
  REQUIRE(refusal_data);
  auto refusal = make(c, "refusal", *refusal_data);
  check_common(refusal);
  CHECK(test::squeeze(test::pdf_text(refusal.path)).find("Рентгенологическиеметодыобследования") != std::string::npos);

  auto pd = db::personal_data_consent_data(c.db, c.patient, std::nullopt, DocsClinic::header());
  REQUIRE(pd);
  auto pdm = make(c, "personal_data_consent", *pd);
  check_common(pdm);
  std::string pdt = test::squeeze(test::pdf_text(pdm.path));
  CHECK(pdt.find("152-ФЗ") != std::string::npos);
  CHECK(pdt.find("ИНН7714512346") != std::string::npos);
  CHECK(pdt.find("4510123456") != std::string::npos);
}

TEST_CASE("the statistical coupon carries the numbered fields of form 025-1/у") {
  DocsClinic c;
  auto data = db::stat_coupon_data(c.db, c.visit, DocsClinic::header());
  REQUIRE(data);
  auto m = make(c, "stat_coupon", *data);
  check_common(m, "Римская-Корсакова");
  std::string text = test::squeeze(test::pdf_text(m.path));
  CHECK(text.find("025-1/у") != std::string::npos);
  CHECK(text.find("7700000000000017") != std::string::npos);
  CHECK(text.find("112-233-44595") != std::string::npos);
  CHECK(text.find("1177746123456") != std::string::npos);
  CHECK(m.doc.pages == 1);
}

TEST_CASE("the tax certificate takes the sums it is given and refuses nonsense") {
  DocsClinic c;
  db::TaxCertificateRequest r;
  r.patient_id = c.patient;
  r.year = 2029;
  r.code1_kopecks = 1234550;
  r.code2_kopecks = 0;
  r.header = DocsClinic::header();
  auto data = db::tax_certificate_data(c.db, r);
  REQUIRE(data);
  auto m = make(c, "tax_certificate", *data);
  check_common(m);
  std::string text = test::squeeze(test::pdf_text(m.path));
  CHECK(text.find("КНД1151156") != std::string::npos);
  CHECK(text.find("12345,50") != std::string::npos);
  CHECK(text.find("7714512346") != std::string::npos);
  CHECK(text.find("771401001") != std::string::npos);
  CHECK((*data).find("certificate.same_person")->flag());

  r.taxpayer = db::PersonOnDocument{"Римский-Корсаков Пётр Ильич", "", "", Date(1980, 1, 2), "паспорт 45 00 000001", "771234567890"};
  auto other = db::tax_certificate_data(c.db, r);
  REQUIRE(other);
  CHECK_FALSE(other->find("certificate.same_person")->flag());
  auto mo = make(c, "tax_certificate", *other);
  std::string ot = test::squeeze(test::pdf_text(mo.path));
  CHECK(ot.find("Данныеопациенте") != std::string::npos);
  CHECK(ot.find("771234567890") != std::string::npos);

  r.year = 2023;
  CHECK_FALSE(db::tax_certificate_data(c.db, r));
  r.year = 2029;
  r.code1_kopecks = -1;
  CHECK_FALSE(db::tax_certificate_data(c.db, r));
}

TEST_CASE("the slip carries the check-in token the kiosk verifies") {
  DocsClinic c;
  auto token = docs::slip_checkin_token(c.db, c.visit);
  REQUIRE(token);
  auto secret = codes::secret_from_hex(**db::get_setting(c.db, "checkin.secret"));
  REQUIRE(secret);
  CHECK(codes::verify_checkin_token(*token, *secret) == c.visit);
  auto data = db::slip_data(c.db, c.visit, *token, DocsClinic::header());
  REQUIRE(data);
  auto m = make(c, "appointment_slip", *data);
  check_common(m, "Римская-Корсакова А. П.");
  std::string text = test::squeeze(test::pdf_text(m.path));
  CHECK(text.find("09:00") != std::string::npos);
  CHECK(text.find("101") != std::string::npos);
  CHECK(m.doc.pages == 1);
}

TEST_CASE("tomorrow's card list and the act of services") {
  DocsClinic c;
  auto list = db::card_pull_list_data(c.db, Date(2030, 6, 3), DocsClinic::header());
  REQUIRE(list);
  auto m = make(c, "card_pull_list", *list);
  check_common(m, "Римская-Корсакова");
  CHECK(test::squeeze(test::pdf_text(m.path)).find("ПетроваА.С.") != std::string::npos);

  auto act = db::services_act_data(c.db, c.visit, db::Payer{}, DocsClinic::header());
  REQUIRE(act);
  auto a = make(c, "services_act", *act);
  check_common(a);
  std::string text = test::squeeze(test::pdf_text(a.path));
  CHECK(text.find("4480,50") != std::string::npos);
  CHECK(text.find("ИНН7714512346") != std::string::npos);
}

TEST_CASE("every template in templates/ parses and has a unique id") {
  auto all = docs::load_templates(docs::templates_dir());
  REQUIRE_MESSAGE(all, (all ? "" : all.error().message));
  CHECK(all->size() >= 9);
}
