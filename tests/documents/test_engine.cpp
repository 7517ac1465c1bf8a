// The engine's promises: named errors for missing placeholders and broken templates, values
// printed literally, long tables split with their header, reprints byte for byte.
#include <doctest/doctest.h>

#include "docs_fixture.h"
#include "fill.h"
#include "md_blocks.h"

using namespace rg;
using rg::test::DocsClinic;

namespace {

docs::DocTemplate inline_template(const std::string& body, const std::string& extra = "") {
  auto t = docs::parse_template("---\nid: test\ntitle: Проверка\nversion: 3\n" + extra + "---\n" + body, "test.md");
  REQUIRE_MESSAGE(t, (t ? "" : t.error().message));
  return *t;
}

}  // namespace

TEST_CASE("a placeholder without a value is an error naming it and its line") {
  auto engine = docs::DocumentEngine::create();
  REQUIRE(engine);
  db::DocNode data;
  data.set("patient.full_name", "Иванова Анна");
  auto t = inline_template("# Договор\n\nПациент: {{patient.full_name}}\n\nИНН: {{clinic.inn}}\n");
  auto r = engine->render(t, data);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Invalid);
  CHECK(r.error().message.find("{{clinic.inn}}") != std::string::npos);
  CHECK(r.error().message.find("10") != std::string::npos);  // line 10 of the file
  CHECK(r.error().detail == "test.md:10: clinic.inn");
  // A misspelt section name is as wrong as a misspelt value.
  auto s = engine->render(inline_template("{{#payer.is_othr}}x{{/payer.is_othr}}\n"), data);
  REQUIRE_FALSE(s);
  CHECK(s.error().message.find("payer.is_othr") != std::string::npos);
}

TEST_CASE("a broken template reports the error and its line") {
  auto engine = docs::DocumentEngine::create();
  db::DocNode data;
  data["services"] = db::DocNode::list();
  auto t = inline_template("Строка\n\nЕщё строка\n\n{{#services}}\n| {{name}} |\n");
  auto r = engine->render(t, data);
  REQUIRE_FALSE(r);
  INFO(r.error().detail);
  CHECK(r.error().detail.find("test.md:10") == 0);  // the unclosed section opens on line 10
  CHECK(r.error().detail.find("Unclosed section") != std::string::npos);

  auto unclosed = engine->render(inline_template("a\n{{patient.name\n"), data);
  REQUIRE_FALSE(unclosed);
  CHECK(unclosed.error().detail.find("test.md:7") == 0);

  auto front = docs::parse_template("---\nid: x\nversion: один\n---\n", "bad.md");
  REQUIRE_FALSE(front);
  CHECK(front.error().detail.find("bad.md:3") == 0);
  CHECK_FALSE(docs::parse_template("# no front matter", "none.md"));
  CHECK_FALSE(docs::parse_template("---\nid: x\nversion: 1\n", "open.md"));
  CHECK_FALSE(docs::parse_template("---\nid: x\nversion: 1\ncolour: red\n---\n", "unknown.md"));
}

TEST_CASE("hostile values print literally and do not break the layout") {
  auto engine = docs::DocumentEngine::create();
  test::TempDir dir;
  const std::string hostile[] = {
      "<b>Robert'); DROP TABLE patients;--",
      "*__[x](y)__* # ## > - 1. | a | b | `code` \\pagebreak &amp; &lt;i&gt; {{clinic.inn}}",
      std::string(300, 'W'),
      "Анна 😀👩‍⚕️ Ёлкина\nвторая строка\tтаб",
  };
  auto t = inline_template(
      "# {{patient.full_name}}\n\nПациент **{{patient.full_name}}** подписал.\n\n| Кто | Что |\n|---|---|\n| {{patient.full_name}} | ok |\n\n"
      "- {{patient.full_name}}\n\n```signatures\n{{patient.full_name}} | врач\n```\n");
  int i = 0;
  for (const auto& h : hostile) {
    INFO("value ", i);
    db::DocNode data;
    data.set("patient.full_name", h);
    auto r = engine->render(t, data);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().message + " " + r.error().detail));
    std::string path = test::save_pdf(dir, "hostile" + std::to_string(i++), r->pdf);
    std::string text = test::squeeze(test::pdf_text(path));
    std::string want = test::squeeze(h.substr(0, 40));
    if (h.find("😀") != std::string::npos) want = "Анна";
    CHECK_MESSAGE(text.find(want) != std::string::npos, text);
    CHECK(r->pages <= 2);  // no page break smuggled in (300 characters in five places fill a page)
    if (i == 2) {
      CHECK(text.find("\\pagebreak") != std::string::npos);
      CHECK(text.find("&amp;") != std::string::npos);
      CHECK(text.find("{{clinic.inn}}") != std::string::npos);  // values are not templates
    }
  }
  CHECK(docs::markdown_unescape(docs::markdown_escape("a*b_[c](d)\\e|")) == "a*b_[c](d)\\e|");
}

TEST_CASE("120 services split across pages with the table header on every page") {
  DocsClinic c;
  std::vector<db::ServiceLine> lines;
  for (int i = 0; i < 120; ++i)
    lines.push_back({"A16.07." + std::to_string(100 + i), "Услуга стоматологическая № " + std::to_string(i + 1) +
                                                               " с достаточно длинным наименованием для переноса строки",
                     1 + i % 3, 150000 + i * 100});
  db::ContractRequest r;
  r.patient_id = c.patient;
  r.services = lines;
  r.header = DocsClinic::header();
  auto data = db::contract_data(c.db, r);
  REQUIRE(data);
  auto t = c.tmpl("contract");
  auto doc = c.engine.render(t, *data);
  REQUIRE(doc);
  std::string path = test::save_pdf(c.dir, "contract-120", doc->pdf);
  CHECK(doc->pages >= 5);
  CHECK(test::pdf_pages(path) == doc->pages);
  // Pages that hold rows of the table start with its header.
  int pages_with_rows = 0;
  for (int p = 1; p <= doc->pages; ++p) {
    std::string text = test::squeeze(test::pdf_text(path, p));
    if (text.find("Услугастоматологическая№") == std::string::npos) continue;
    ++pages_with_rows;
    CHECK_MESSAGE(text.find("Наименованиеуслуги") != std::string::npos, "page " << p);
    CHECK(text.find("Страница" + std::to_string(p) + "из" + std::to_string(doc->pages)) != std::string::npos);
  }
  CHECK(pages_with_rows >= 3);
  std::string all = test::squeeze(test::pdf_text(path));
  for (int i : {1, 60, 120}) CHECK(all.find("Услугастоматологическая№" + std::to_string(i) + "с") != std::string::npos);
}

TEST_CASE("the same data gives the same bytes, a reprint is byte-identical and recorded") {
  DocsClinic c;
  db::ContractRequest r;
  r.patient_id = c.patient;
  r.appointment_id = c.visit;
  r.header = DocsClinic::header();
  auto data = db::contract_data(c.db, r);
  REQUIRE(data);
  auto t = c.tmpl("contract");
  auto first = c.engine.render(t, *data);
  REQUIRE(first);
  auto other_engine = docs::DocumentEngine::create();
  auto second = other_engine->render(t, *data);
  REQUIRE(second);
  CHECK(first->pdf == second->pdf);
  CHECK(first->pdf.find("/CreationDate (20300603") != std::string::npos);

  auto id = docs::record_print(c.db, t, *first, {c.patient, c.visit}, db::Actor::user(1));
  REQUIRE_MESSAGE(id, (id ? "" : id.error().message + " " + id.error().detail));
  auto rec = db::get_printed_document(c.db, *id);
  REQUIRE(rec);
  CHECK(rec->pdf_sha256 == first->sha256);
  CHECK(rec->template_body == t.text);
  CHECK(rec->copies == 2);
  CHECK(rec->template_version == t.version);
  CHECK(rec->number == "Д-2030-00017");  // what the document says it is
  CHECK(rec->doc_date == Date(2030, 6, 3));

  // The template on disk may change afterwards; the reprint uses the text printed then.
  auto again = docs::reprint(c.db, c.engine, *id, db::Actor::user(2));
  REQUIRE_MESSAGE(again, (again ? "" : again.error().message + " " + again.error().detail));
  CHECK(again->pdf == first->pdf);
  CHECK(again->sha256 == rec->pdf_sha256);
  auto history = db::printed_documents_of_patient(c.db, c.patient);
  REQUIRE(history);
  REQUIRE(history->size() == 2);
  CHECK(history->front().reprint_of == *id);
  CHECK(*c.db.query_int("SELECT count(*) FROM document_templates") == 1);
  CHECK(*c.db.query_int("SELECT count(*) FROM audit_log WHERE action IN ('document.print', 'document.reprint')") == 2);
  // The journal is append-only.
  CHECK_FALSE(c.db.exec("UPDATE printed_documents SET pdf_sha256 = 'x'"));
  CHECK_FALSE(c.db.exec("DELETE FROM document_templates"));
}

TEST_CASE("a reprint that would differ is refused and says why") {
  DocsClinic c;
  db::DocNode data;
  data.set("patient.full_name", "Иванова Анна");
  data.set("document.date", "03.06.2030");
  auto t = inline_template("# {{patient.full_name}}\n");
  auto doc = c.engine.render(t, data);
  REQUIRE(doc);
  docs::RenderedDocument forged = *doc;
  forged.sha256 = std::string(64, 'a');
  auto id = docs::record_print(c.db, t, forged, {}, db::Actor::user(1));
  REQUIRE(id);
  auto again = docs::reprint(c.db, c.engine, *id, db::Actor::user(1));
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::Conflict);
  CHECK(*c.db.query_int("SELECT count(*) FROM printed_documents") == 1);
}

TEST_CASE("page previews: one PNG per page, and RGBA pixels for the UI") {
  DocsClinic c;
  db::ContractRequest r;
  r.patient_id = c.patient;
  r.appointment_id = c.visit;
  r.header = DocsClinic::header();
  auto data = db::contract_data(c.db, r);
  REQUIRE(data);
  auto t = c.tmpl("contract");
  auto pngs = c.engine.preview(t, *data, 50);
  REQUIRE(pngs);
  auto doc = c.engine.render(t, *data);
  CHECK(int(pngs->size()) == doc->pages);
  CHECK(pngs->front().substr(1, 3) == "PNG");
  auto laid = c.engine.lay_out(t, *data);
  REQUIRE(laid);
  auto img = docs::page_image(*laid, 0, 36);
  REQUIRE(img);
  CHECK(img->width == 298);
  CHECK(img->rgba.size() == size_t(img->width * img->height * 4));
  CHECK_FALSE(docs::page_image(*laid, 99, 36));
}

TEST_CASE("Markdown blocks: page breaks, lists, tables, codes and signature rows") {
  auto blocks = docs::markdown_blocks(
      "# Заголовок\n\nАбзац *курсив* **жирный** <b>не тег</b>\n\n\\pagebreak\n\n- один\n- два\n  1. вложенный\n\n"
      "| A | B |\n|---|---:|\n| 1 | 2 |\n\n```qr\nRG1ABC\n```\n\n```code128\n10042\n```\n\n"
      "```signatures\nИсполнитель | Пациент\n```\n");
  using K = docs::Block::Kind;
  std::vector<K> kinds;
  for (const auto& b : blocks) kinds.push_back(b.kind);
  std::vector<K> want = {K::Heading, K::Paragraph, K::PageBreak, K::ListItem, K::ListItem, K::ListItem,
                         K::Table,   K::Qr,        K::Barcode,   K::Signatures};
  CHECK(kinds == want);
  CHECK(blocks[1].markup == "Абзац <i>курсив</i> <b>жирный</b> &lt;b&gt;не тег&lt;/b&gt;");
  CHECK(blocks[5].level == 2);
  CHECK(blocks[5].marker == "1.");
  CHECK(blocks[6].header_rows == 1);
  CHECK(blocks[6].aligns[1] == docs::Align::Right);
  CHECK(blocks[7].text == "RG1ABC");
  CHECK(blocks[9].signature_rows.at(0).at(1) == "Пациент");
}

TEST_CASE("sums in words as contracts write them") {
  CHECK(db::rubles_in_words(448050) == "четыре тысячи четыреста восемьдесят рублей 50 копеек");
  CHECK(db::rubles_in_words(100) == "один рубль 00 копеек");
  CHECK(db::rubles_in_words(2100001) == "двадцать одна тысяча рублей 01 копейка");
  CHECK(db::rubles_in_words(1200000022) == "двенадцать миллионов рублей 22 копейки");
  CHECK(db::rubles_in_words(0) == "ноль рублей 00 копеек");
  CHECK(db::rubles(123456789) == "1\u00A0234\u00A0567,89");
}
