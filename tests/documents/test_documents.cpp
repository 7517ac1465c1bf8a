// Every document rendered from a real clinic database and read back from the PDF with poppler,
// for every kind of signer and payer: an adult paying for themselves, a child with a parent, a
// company, a relative who paid (tax certificate), DMS. Names are checked in the case the sentence
// needs, who signs, the sums, the coupon's services and codes, and that no Markdown leaks.
#include <doctest/doctest.h>

#include "cash_shifts.h"
#include "checkin_token.h"
#include "docs_fixture.h"
#include "invoices.h"
#include "name_forms.h"
#include "patient_persons.h"
#include "payer_companies.h"
#include "payments.h"
#include "slip_token.h"

using namespace rg;
using rg::test::DocsClinic;

namespace {

struct Made {
  std::string path;
  docs::RenderedDocument doc;
  std::string text;  // squeezed
};

Made make(DocsClinic& c, const std::string& id, const db::DocNode& data, const std::string& name = "") {
  auto t = c.tmpl(id);
  auto r = c.engine.render(t, data);
  REQUIRE_MESSAGE(r, (r ? "" : r.error().message + " / " + r.error().detail));
  Made m{test::save_pdf(c.dir, name.empty() ? id : name, r->pdf), *r, ""};
  m.text = test::squeeze(test::pdf_flow_text(m.path));
  CHECK(test::pdf_pages(m.path) == m.doc.pages);
  CHECK(m.doc.sha256 == docs::sha256_hex(m.doc.pdf));
  // No Markdown or template syntax reaches the paper.
  for (const char* stray : {"**", "{{", "}}", "|", "---", ":--", "###", "\\_", "```"})
    CHECK_MESSAGE(m.text.find(stray) == std::string::npos, id << " prints «" << stray << "»");
  return m;
}

bool has(const Made& m, const std::string& s) { return m.text.find(test::squeeze(s)) != std::string::npos; }

db::Actor desk() { return db::Actor::user(1); }

// A child of the fixture's patient, with the mother on the card as legal representative, and a
// visit of the child's.
struct Family {
  std::int64_t child = 0, mother = 0, visit = 0;
};

Family add_child(DocsClinic& c, const std::string& mother_surname = "Римская-Корсакова",
                 const std::string& mother_name = "Анна", const std::string& mother_patronymic = "Петровна",
                 char mother_sex = 'F') {
  Family f;
  db::PatientDraft p;
  p.surname = "Римский-Корсаков";
  p.name = "Илья";
  p.patronymic = "Андреевич";
  p.birth_date = Date(2022, 5, 10);
  p.sex = 'M';
  p.address = "г. Москва, ул. Тверская, д. 1, кв. 5";
  p.id_doc = {"birth_certificate", "III-МЮ", "654321", "Отдел ЗАГС Тверского района г. Москвы", Date(2022, 5, 20)};
  auto id = db::create_patient(c.db, p, desk());
  REQUIRE(id);
  f.child = *id;
  db::RelatedPerson m;
  m.patient_id = f.child;
  m.person_patient_id = mother_surname == "Римская-Корсакова" ? std::optional<std::int64_t>(c.patient) : std::nullopt;
  m.relation = mother_sex == 'F' ? "мать" : "отец";
  m.surname = mother_surname;
  m.name = mother_name;
  m.patronymic = mother_patronymic;
  m.sex = mother_sex;
  m.birth_date = Date(1985, 3, 12);
  m.address = "г. Москва, ул. Тверская, д. 1, кв. 5";
  m.phone = "+7 916 123-45-67";
  m.id_doc = {"passport_ru", "45 10", "123456", "ОВД района Тверской г. Москвы", Date(2010, 3, 20)};
  m.representative = true;
  m.authority = "свидетельство о рождении III-МЮ № 654321 от 20.05.2022";
  m.informed = true;
  auto mid = db::save_related_person(c.db, m, desk());
  REQUIRE_MESSAGE(mid, (mid ? "" : mid.error().message));
  f.mother = *mid;
  auto v = c.book(f.child, c.doctor2, c.room2, 10 * 60, 10 * 60 + 30);
  REQUIRE(v);
  f.visit = *v;
  REQUIRE(c.db.exec("INSERT INTO appointment_services(appointment_id, service_id, position) VALUES (" +
                    std::to_string(f.visit) + ", 1, 0)"));
  return f;
}

std::int64_t add_company(DocsClinic& c) {
  db::PayerCompany co;
  co.name = "АО «Ромашка»";
  co.ogrn = "1027700132195";
  co.inn = "7736050003";
  co.kpp = "773601001";
  co.address = "117997, г. Москва, ул. Вавилова, д. 19";
  co.phone = "+7 495 000-00-00";
  co.signatory_position = "Генеральный директор";
  co.signatory_name = "Петров Иван Сергеевич";
  co.authority = "Устава";
  auto id = db::save_payer_company(c.db, co, desk());
  REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  return *id;
}

// Bills a visit to `payer` and pays it in full (a registered payment, as the cash desk leaves it).
std::int64_t bill_and_pay(DocsClinic& c, std::int64_t visit, const db::InvoicePayer& payer, std::int64_t fiscal) {
  std::vector<std::int64_t> ids{visit};
  auto made = db::create_invoices(c.db, ids, payer, desk());
  REQUIRE_MESSAGE(made, (made ? "" : made.error().message));
  REQUIRE(made->patient_invoice);
  auto inv = db::load_invoice(c.db, *made->patient_invoice);
  REQUIRE(inv);
  if (!db::open_shift_of(c.db, "main").value_or(std::nullopt))
    REQUIRE(db::record_shift_open(c.db, "main", "Смирнова Е. А.", 0, desk()));
  db::NewPayment p;
  p.invoice_id = inv->id;
  p.tender.card = inv->due();
  auto intent = db::record_intent(c.db, p, fiscal - 1, desk());
  REQUIRE_MESSAGE(intent, (intent ? "" : intent.error().message));
  REQUIRE(db::mark_registered(c.db, intent->id, {fiscal, "1234" + std::to_string(fiscal), 1}, desk()));
  return inv->id;
}

std::int64_t second_visit(DocsClinic& c, std::vector<std::int64_t> services, int at_min = 14 * 60) {
  auto v = c.book(c.patient, c.doctor1, c.room1, at_min, at_min + 30);
  REQUIRE(v);
  int pos = 0;
  for (auto s : services)
    REQUIRE(c.db.exec("INSERT INTO appointment_services(appointment_id, service_id, position) VALUES (" +
                      std::to_string(*v) + ", " + std::to_string(s) + ", " + std::to_string(pos++) + ")"));
  return *v;
}

}  // namespace

TEST_CASE("an adult who pays for herself: the contract's parties in the right case, two copies") {
  DocsClinic c;
  db::ContractRequest r;
  r.patient_id = c.patient;
  r.appointment_id = c.visit;
  r.header = DocsClinic::header();
  auto data = db::contract_data(c.db, r);
  REQUIRE_MESSAGE(data, (data ? "" : data.error().message));
  auto m = make(c, "contract", *data);
  // The clinic through its head, in the genitive; the licence «выданной» an authority in the
  // instrumental, with the authority's address and phone (PP 659/736).
  CHECK(has(m, "в лице Генерального директора Кузнецовой Ольги Викторовны, действующей на основании Устава"));
  CHECK(has(m, "ОГРН 1177746123456, запись в ЕГРЮЛ внесена 12.04.2017 Межрайонной инспекцией ФНС России № 46 по г. Москве"));
  CHECK(has(m, "в соответствии с лицензией: при оказании первичной врачебной медико-санитарной помощи"));
  CHECK(has(m, "а Пациент обязуется оплатить"));
  CHECK_FALSE(has(m, "даёт согласие на предоставление Заказчику"));
  CHECK(has(m, "выданной Департаментом здравоохранения города Москвы (адрес: 127006, г. Москва, Оружейный пер., д. 43, "
               "телефон: +7 495 251-14-55)"));
  CHECK_FALSE(has(m, "в лице Генеральный директор"));
  CHECK(has(m, "Римская-Корсакова Анна Петровна, 12.03.1985 г. р., именуемая в дальнейшем «Пациент»"));
  CHECK(has(m, "постановлением Правительства Российской Федерации от 30.05.2026 № 659"));
  CHECK(has(m, "Регистрация электрокардиограммы"));
  CHECK(has(m, "4 480,50"));  // 2500 + 780.50 + 1200
  CHECK(has(m, "четыре тысячи четыреста восемьдесят рублей 50 копеек"));
  CHECK(has(m, "Условия и сроки ожидания и предоставления услуг"));
  CHECK(has(m, "Порядок выдачи медицинских документов"));
  CHECK(has(m, "документ, удостоверяющий личность: паспорт гражданина Российской Федерации 45 10 123456"));
  CHECK(has(m, "/ Генеральный директор Кузнецова О. В. /"));
  CHECK(has(m, "/ Римская-Корсакова А. П. /"));
  CHECK(has(m, "двух экземплярах"));
  CHECK_FALSE(has(m, "Заказчик"));
  CHECK(m.doc.copies == 2);
  CHECK(m.doc.pages >= 2);
}

TEST_CASE("a child with a parent: the representative is named in the genitive and signs, the child does not") {
  DocsClinic c;
  const Family f = add_child(c);
  const Date day = DocsClinic::header().date;
  // A relation that contradicts the sex is refused before it could print «(мать): Иванов Пётр».
  auto typo = db::get_related_person(c.db, f.mother);
  REQUIRE(typo);
  typo->sex = 'M';
  auto refused_typo = db::save_related_person(c.db, *typo, desk());
  REQUIRE_FALSE(refused_typo);
  CHECK(refused_typo.error().code == ErrorCode::Invalid);
  auto signer = db::default_signer(c.db, f.child, day, 18);
  REQUIRE(signer);
  CHECK(signer->representative_id == f.mother);

  // Without the representative the child would sign: refused, with the reason.
  db::ContractRequest r;
  r.patient_id = f.child;
  r.appointment_id = f.visit;
  r.header = DocsClinic::header();
  auto refused = db::contract_data(c.db, r);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("8") != std::string::npos);  // «the patient is 8»

  r.signer = *signer;
  auto data = db::contract_data(c.db, r);
  REQUIRE_MESSAGE(data, (data ? "" : data.error().message));
  auto m = make(c, "contract", *data, "contract-child");
  CHECK(has(m, "Римский-Корсаков Илья Андреевич, 10.05.2022 г. р., именуемый в дальнейшем «Пациент», в лице законного "
               "представителя Римской-Корсаковой Анны Петровны, действующей на основании свидетельства о рождении "
               "III-МЮ № 654321 от 20.05.2022"));
  CHECK(has(m, "Законный представитель Пациента (мать): Римская-Корсакова Анна Петровна"));
  CHECK(has(m, "а Пациент в лице законного представителя обязуется оплатить"));
  CHECK(has(m, "свидетельство о рождении III-МЮ 654321 от 20.05.2022 (выдавший орган: Отдел ЗАГС Тверского района г. Москвы)"));
  CHECK(has(m, "документ, подтверждающий полномочия: свидетельство о рождении III-МЮ № 654321"));
  CHECK(has(m, "/ Римская-Корсакова А. П. /"));
  CHECK_FALSE(has(m, "/ Римский-Корсаков И. А. /"));
  CHECK(m.doc.copies == 2);

  // Informed consent (1051н appendix 2): the parent gives it «в отношении» the child; the doctor
  // who explains in the instrumental; the persons who may be told.
  db::ConsentRequest cr;
  cr.patient_id = f.child;
  cr.appointment_id = f.visit;
  cr.header = DocsClinic::header();
  CHECK_FALSE(db::consent_data(c.db, cr));  // a child under 15 does not consent alone
  cr.signer = *signer;
  auto consent = db::consent_data(c.db, cr);
  REQUIRE_MESSAGE(consent, (consent ? "" : consent.error().message));
  auto cm = make(c, "consent", *consent, "consent-child");
  CHECK(has(cm, "Я, Римская-Корсакова Анна Петровна, 12.03.1985 г. рождения, зарегистрированная по адресу"));
  CHECK(has(cm, "в отношении Римский-Корсаков Илья Андреевич, 10.05.2022 г. рождения, проживающего по адресу"));
  CHECK(has(cm, "лицом, законным представителем которого я являюсь, в Обществе с ограниченной ответственностью"));
  CHECK_FALSE(has(cm, "Приём (осмотр, консультация)"));  // the form names kinds from 390н's list, not services
  CHECK(has(cm, "Медицинским работником врачом-терапевтом Соколовым Дмитрием Игоревичем"));
  CHECK(has(cm, "Римская-Корсакова Анна Петровна (мать), тел. +7 916 123-45-67"));
  CHECK(has(cm, "/ Римская-Корсакова Анна Петровна, тел. +7 916 123-45-67 /"));
  CHECK(has(cm, "/ врач-терапевт Соколов Дмитрий Игоревич /"));
  CHECK(has(cm, "(дата оформления)"));

  // The refusal (appendix 3) lists only what is refused; with nothing given, lines to fill in —
  // never the visit's services.
  cr.refusal = true;
  auto refusal = db::consent_data(c.db, cr);
  REQUIRE(refusal);
  auto rm = make(c, "refusal", *refusal, "refusal-child");
  CHECK(has(rm, "Отказ от медицинского вмешательства"));
  CHECK_FALSE(has(rm, "Приём (осмотр, консультация)"));
  CHECK(has(rm, "при оказании лицу, законным представителем которого я являюсь, первичной медико-санитарной помощи"));
  cr.interventions = {"Рентгенологические методы обследования, в том числе флюорография"};
  auto refusal2 = db::consent_data(c.db, cr);
  REQUIRE(refusal2);
  auto rm2 = make(c, "refusal", *refusal2, "refusal-child-2");
  CHECK(has(rm2, "Рентгенологические методы обследования, в том числе флюорография"));

  // Personal data (152-ФЗ art. 9 p. 4): the subject's address and document, the representative's
  // document and the document of authority.
  auto pd = db::personal_data_consent_data(c.db, f.child, *signer, DocsClinic::header());
  REQUIRE(pd);
  auto pm = make(c, "personal_data_consent", *pd, "pd-child");
  CHECK(has(pm, "являясь законным представителем (родство: мать) субъекта персональных данных — Римского-Корсакова Ильи "
                "Андреевича"));
  CHECK(has(pm, "даю согласие оператору — Обществу с ограниченной ответственностью"));
  CHECK(has(pm, "свидетельство о рождении III-МЮ 654321"));
  CHECK(has(pm, "на основании документа, подтверждающего полномочия: свидетельство о рождении III-МЮ № 654321"));
  CHECK(has(pm, "паспорт гражданина Российской Федерации 45 10 123456"));
  CHECK(has(pm, "не привлекаются"));
}

TEST_CASE("a company pays: three copies, its signatory in the genitive, its requisites, and the act names the contract") {
  DocsClinic c;
  const std::int64_t company = add_company(c);
  db::InvoicePayer payer;
  payer.kind = db::PayerKind::Company;
  payer.company_id = company;
  bill_and_pay(c, c.visit, payer, 101);

  db::ContractRequest r;
  r.patient_id = c.patient;
  r.appointment_id = c.visit;  // the payer comes from the visit's invoice
  r.header = DocsClinic::header();
  auto data = db::contract_data(c.db, r);
  REQUIRE_MESSAGE(data, (data ? "" : data.error().message));
  auto m = make(c, "contract", *data, "contract-company");
  CHECK(m.doc.copies == 3);
  CHECK(has(m, "АО «Ромашка» (ОГРН 1027700132195, ИНН 7736050003, КПП 773601001), именуемое в дальнейшем «Заказчик», "
               "в лице Генерального директора Петрова Ивана Сергеевича, действующего на основании Устава"));
  CHECK(has(m, "Заказчик: АО «Ромашка»; адрес: 117997, г. Москва, ул. Вавилова, д. 19"));
  CHECK(has(m, "/ Генеральный директор Петров И. С. /"));
  CHECK(has(m, "трёх экземплярах"));
  CHECK(has(m, "а Заказчик обязуется оплатить"));
  CHECK(has(m, "в лице Генерального директора Петрова Ивана Сергеевича, действующего на основании Устава"));
  CHECK(has(m, "на основании счёта Исполнителя в течение десяти банковских дней"));
  CHECK(has(m, "даёт согласие на предоставление Заказчику сведений о наименованиях, датах и стоимости"));
  CHECK(has(m, "расходы при этом оплачивает Заказчик"));

  // Printed and recorded with its number and date; the act names that contract.
  auto t = c.tmpl("contract");
  auto number = db::document_number(c.db, "contract", "appointment:" + std::to_string(c.visit), 2030);
  REQUIRE(number);
  CHECK(*number == "Д-2030-00001");
  CHECK(*db::document_number(c.db, "contract", "appointment:" + std::to_string(c.visit), 2030) == *number);
  r.header.number = *number;
  auto numbered = db::contract_data(c.db, r);
  REQUIRE(numbered);
  auto rendered = c.engine.render(t, *numbered);
  REQUIRE(rendered);
  REQUIRE(docs::record_print(c.db, t, *rendered, {c.patient, c.visit}, desk()));

  db::ActRequest a;
  a.appointment_id = c.visit;
  a.header = {"А-2030-00001", Date(2030, 6, 3)};
  auto act = db::services_act_data(c.db, a);
  REQUIRE_MESSAGE(act, (act ? "" : act.error().message));
  auto am = make(c, "services_act", *act, "act-company");
  CHECK(has(am, "по договору № Д-2030-00001 от 03.06.2030"));
  CHECK(has(am, "в лице Генерального директора Петрова Ивана Сергеевича"));
  CHECK(has(am, "/ Генеральный директор Петров И. С. /"));
  CHECK(has(am, "4 480,50"));
  CHECK(am.doc.copies == 3);
}

TEST_CASE("a relative who paid gets the tax certificate for her payments only, split by the services' codes") {
  DocsClinic c;
  // Regional anaesthesia is expensive treatment (code 2) in this price list.
  REQUIRE(c.db.exec("INSERT INTO services(id, code, name, specialty_id, duration_min, tax_code) VALUES "
                    "(4, 'B01.003.004.002', 'Проводниковая анестезия', 1, 20, 2);"
                    "INSERT INTO service_prices(service_id, active_from, price_kopecks) VALUES (4, '2020-01-01', 300000);"));
  db::RelatedPerson daughter;
  daughter.patient_id = c.patient;
  daughter.relation = "дочь";
  daughter.surname = "Римская-Корсакова";
  daughter.name = "Вера";
  daughter.patronymic = "Андреевна";
  daughter.sex = 'F';
  daughter.birth_date = Date(2005, 1, 15);
  daughter.inn = "500100732259";
  daughter.id_doc = {"passport_ru", "45 20", "765432", "ГУ МВД России по г. Москве", Date(2019, 2, 1)};
  auto did = db::save_related_person(c.db, daughter, desk());
  REQUIRE_MESSAGE(did, (did ? "" : did.error().message));

  // The patient pays the first visit herself; the daughter pays the second (with code 2).
  bill_and_pay(c, c.visit, {}, 201);
  const std::int64_t visit2 = second_visit(c, {1, 4});
  db::InvoicePayer by_daughter;
  by_daughter.kind = db::PayerKind::Person;
  by_daughter.person_id = *did;
  bill_and_pay(c, visit2, by_daughter, 202);
  // A company's payment for a third visit never counts for anyone.
  const std::int64_t visit3 = second_visit(c, {2}, 16 * 60);
  db::InvoicePayer co;
  co.kind = db::PayerKind::Company;
  co.company_id = add_company(c);
  bill_and_pay(c, visit3, co, 203);

  const int year = today().year();
  db::DocPayer taxpayer;
  taxpayer.kind = db::DocPayer::Kind::Person;
  taxpayer.id = *did;
  auto sums = db::taxpayer_sums(c.db, c.patient, taxpayer, year);
  REQUIRE(sums);
  CHECK(sums->code1 == 250000);
  CHECK(sums->code2 == 300000);
  auto own = db::taxpayer_sums(c.db, c.patient, db::DocPayer{}, year);
  REQUIRE(own);
  CHECK(own->code1 == 448050);
  CHECK(own->code2 == 0);

  const std::string subject = db::tax_certificate_subject(c.patient, taxpayer, year);
  auto number = db::document_number(c.db, "tax_certificate", subject, year);
  REQUIRE(number);
  auto other_number = db::document_number(c.db, "tax_certificate", db::tax_certificate_subject(c.patient, {}, year), year);
  REQUIRE(other_number);
  CHECK(*number != *other_number);  // one number per certificate

  db::TaxCertificateRequest t;
  t.patient_id = c.patient;
  t.taxpayer = taxpayer;
  t.year = year;
  t.header = {*number, today()};
  auto data = db::tax_certificate_data(c.db, t);
  REQUIRE_MESSAGE(data, (data ? "" : data.error().message));
  auto m = make(c, "tax_certificate", *data);
  CHECK(has(m, "КНД 1151156"));
  CHECK(has(m, "Номер справки Номер корректировки Отчётный год " + *number + " 000 " + std::to_string(year)));
  CHECK(has(m, "Фамилия Римская-Корсакова Имя Вера Отчество (при наличии) Андреевна ИНН (при наличии) 500100732259"));
  CHECK(has(m, "Код вида документа, удостоверяющего личность 21 Серия и номер документа 45 20 765432 "
               "Дата выдачи документа 01.02.2019"));
  CHECK(has(m, "Налогоплательщик и пациент являются одним лицом: 0"));
  CHECK(has(m, "2 500,00"));
  CHECK(has(m, "3 000,00"));
  CHECK_FALSE(has(m, "4 480,50"));  // the patient's own payment is not the daughter's
  CHECK(has(m, "Данные о пациенте"));
  CHECK(has(m, "Имя Анна"));
  CHECK(has(m, "Справка составлена на 2 стр."));
  CHECK(m.doc.pages == 2);

  // Printed once; a new original of the same certificate is its correction 001.
  auto tpl = c.tmpl("tax_certificate");
  REQUIRE(docs::record_print(c.db, tpl, m.doc, {c.patient, std::nullopt}, desk()));
  auto corrected = db::tax_certificate_data(c.db, t);
  REQUIRE(corrected);
  CHECK(corrected->find("certificate.correction")->str() == "001");

  // The patient's own certificate: one person, one page, her payment only.
  db::TaxCertificateRequest self;
  self.patient_id = c.patient;
  self.year = year;
  self.header = {*other_number, today()};
  auto sd = db::tax_certificate_data(c.db, self);
  REQUIRE(sd);
  auto sm = make(c, "tax_certificate", *sd, "tax-self");
  CHECK(has(sm, "являются одним лицом: 1"));
  CHECK(has(sm, "4 480,50"));
  CHECK(sm.doc.pages == 1);

  self.year = 2023;
  CHECK_FALSE(db::tax_certificate_data(c.db, self));
  self.year = year - 1;  // nothing paid that year
  CHECK_FALSE(db::tax_certificate_data(c.db, self));
  db::DocPayer company;
  company.kind = db::DocPayer::Kind::Company;
  company.id = co.company_id;
  CHECK_FALSE(db::taxpayer_sums(c.db, c.patient, company, year));
}

TEST_CASE("DMS: the coupon says so, the contract covers only what the patient pays, or is not made at all") {
  DocsClinic c;
  REQUIRE(c.db.exec("INSERT INTO insurers(id, name, inn) VALUES (1, 'АО «СОГАЗ»', '7736035485');"
                    "INSERT INTO guarantee_letters(id, patient_id, insurer_id, number, valid_from, valid_to, "
                    "limit_kopecks, created_at) VALUES (1, 1, 1, 'ГП-2030/17', '2030-01-01', '2030-12-31', 10000000, 0);"
                    "INSERT INTO guarantee_letter_services(letter_id, service_id) VALUES (1, 2), (1, 3);"));
  auto coupon = db::stat_coupon_data(c.db, c.visit, DocsClinic::header());
  REQUIRE(coupon);
  CHECK(coupon->find("coupon.payment_code")->str() == "4");
  db::ContractRequest r;
  r.patient_id = c.patient;
  r.appointment_id = c.visit;
  r.header = DocsClinic::header();
  auto data = db::contract_data(c.db, r);
  REQUIRE(data);
  auto m = make(c, "contract", *data, "contract-dms");
  CHECK(has(m, "B01.047.001"));
  CHECK_FALSE(has(m, "A05.10.006"));
  CHECK(has(m, "2 500,00"));
  REQUIRE(c.db.exec("INSERT INTO guarantee_letter_services(letter_id, service_id) VALUES (1, 1)"));
  auto all_dms = db::contract_data(c.db, r);
  REQUIRE_FALSE(all_dms);
  CHECK(all_dms.error().message.find("DMS") != std::string::npos);
}

TEST_CASE("the statistical coupon: the order's numbering, the visit's interventions with their codes, the doctor's code") {
  DocsClinic c;
  auto data = db::stat_coupon_data(c.db, c.visit, {"Т-2030-00005", Date(2030, 6, 3)});
  REQUIRE(data);
  auto m = make(c, "stat_coupon", *data);
  CHECK(has(m, "ТАЛОН № Т-2030-00005"));
  CHECK(has(m, "Учётная форма № 025-1/у"));
  for (const char* item : {"1.2 Номер участка", "2 Код меры социальной поддержки", "11.1 Регистрация по месту пребывания",
                           "15 Инвалидность установлена", "16 Группа инвалидности", "21 Законченный случай",
                           "22 Обращение: 1 — первичное, 2 — повторное", "23.2 Дано направление",
                           "26 Диагноз предварительный", "32 Диагноз заключительный", "44 Рецепты", "49 Дата закрытия документа",
                           "50 Дата закрытия талона"})
    CHECK_MESSAGE(has(m, item), item);
  CHECK(has(m, "3 — центр здоровья"));
  CHECK(has(m, "24 Основной вид оплаты: 1 — ОМС, 2 — бюджет, 3 — платные медицинские услуги, 4 — в том числе ДМС, 5 — "
               "другое 3"));
  CHECK(has(m, "7700000000000017"));
  CHECK(has(m, "112-233-445 95"));
  // Item 42: the interventions with their 804н codes and quantities; the consultation itself is
  // the visit, not an intervention.
  CHECK(has(m, "Общий (клинический) анализ крови развернутый B03.016.003 1"));
  CHECK(has(m, "Регистрация электрокардиограммы A05.10.006 1"));
  CHECK_FALSE(has(m, "B01.047.001"));
  CHECK(has(m, "врач-терапевт, Терапия; Петрова А. С.; код 77-104512"));
  CHECK(has(m, "врач-терапевт, Терапия; Петрова Анна Сергеевна (код 77-104512)"));  // item 51
  CHECK_FALSE(has(m, "код 1 "));
  CHECK(m.doc.pages == 2);
}

TEST_CASE("a name the rules cannot be sure of is asked once, never printed in the nominative") {
  DocsClinic c;
  const Family f = add_child(c, "Дюма", "Александр", "", 'M');
  db::ContractRequest r;
  r.patient_id = f.child;
  r.appointment_id = f.visit;
  r.header = DocsClinic::header();
  r.signer.representative_id = f.mother;
  auto data = db::contract_data(c.db, r);
  REQUIRE(data);
  auto t = c.tmpl("contract");
  auto refused = c.engine.render(t, *data);
  REQUIRE_FALSE(refused);
  auto q = db::name_question_of(refused.error());
  REQUIRE(q);
  CHECK(q->path == "representative.genitive");
  CHECK(q->nominative == "Дюма Александр");
  CHECK(q->gram_case == "genitive");
  CHECK(q->suggestion == "Дюмы Александра");
  CHECK(refused.error().message.find("Дюма Александр") != std::string::npos);
  // The desk confirms «Дюма Александра» once; every later document uses it.
  REQUIRE(db::store_name_form(c.db, q->nominative, q->sex, db::GramCase::Genitive, "Дюма Александра", desk()));
  auto again = db::contract_data(c.db, r);
  REQUIRE(again);
  auto m = make(c, "contract", *again, "contract-dyuma");
  CHECK(has(m, "в лице законного представителя Дюма Александра, действующего на основании"));
  CHECK(has(m, "Законный представитель Пациента (отец): Дюма Александр"));
  CHECK(has(m, "/ Дюма А. /"));
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
  CHECK(has(m, "Римская-Корсакова А. П."));
  CHECK(has(m, "09:00"));
  CHECK(has(m, "101"));
  CHECK(has(m, "Регистрация электрокардиограммы"));
  CHECK(m.doc.pages == 1);
}

TEST_CASE("tomorrow's card list") {
  DocsClinic c;
  auto list = db::card_pull_list_data(c.db, Date(2030, 6, 3), DocsClinic::header());
  REQUIRE(list);
  auto m = make(c, "card_pull_list", *list);
  CHECK(has(m, "Римская-Корсакова"));
  CHECK(has(m, "Петрова А. С., Терапия"));  // the specialty, as the schedule and the kiosk name her
}

TEST_CASE("every template in templates/ parses, has a unique id and names the act it follows") {
  auto all = docs::load_templates(docs::templates_dir());
  REQUIRE_MESSAGE(all, (all ? "" : all.error().message));
  CHECK(all->size() >= 10);
  for (const auto& t : *all)
    if (t.id != "shift_report" && t.id != "appointment_slip" && t.id != "card_pull_list")
      CHECK_MESSAGE(!t.law.empty(), t.id << " has no «law:» line");
}
