// Layout a lawyer accepts: tables stay tables, an introducing sentence and the requisites stay with
// what follows them, no lone lines at a page's foot or head, no line broken inside «№ 736»,
// initials or «323-ФЗ», and justified Russian text hyphenated.
#include <doctest/doctest.h>

#include <sstream>

#include "docs_fixture.h"

using namespace rg;

namespace {

docs::DocTemplate inline_template(const std::string& body) {
  auto t = docs::parse_template("---\nid: layout\ntitle: Вёрстка\nversion: 1\n---\n" + body, "layout.md");
  REQUIRE_MESSAGE(t, (t ? "" : t.error().message));
  return *t;
}

// `count` one-line paragraphs: they move what comes after them down the page line by line.
std::string filler(int count) {
  std::string s;
  for (int i = 0; i < count; ++i) s += "Строка заполнения номер " + std::to_string(i + 1) + ".\n\n";
  return s;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    while (!l.empty() && (l.back() == ' ' || l.back() == '\f')) l.pop_back();
    size_t start = l.find_first_not_of(" \f");
    if (start != std::string::npos) out.push_back(l.substr(start));
  }
  return out;
}

struct Rendered {
  std::string path;
  int pages = 0;
};

Rendered render(docs::DocumentEngine& engine, const test::TempDir& dir, const std::string& name,
                const std::string& body) {
  auto r = engine.render(inline_template(body), db::DocNode{});
  REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
  return {test::save_pdf(dir, name, r->pdf), r->pages};
}

// The 1-based page whose text holds `needle` (squeezed), or 0.
int page_of(const Rendered& r, const std::string& needle) {
  for (int p = 1; p <= r.pages; ++p)
    if (test::squeeze(test::pdf_text(r.path, p)).find(needle) != std::string::npos) return p;
  return 0;
}

}  // namespace

TEST_CASE("two tables one after the other stay two tables: no delimiter row prints as text") {
  auto engine = docs::DocumentEngine::create();
  test::TempDir dir;
  db::DocNode data;
  data["rows"] = db::DocNode::list();
  auto t = inline_template(
      "| № | Сведения |\n|---:|:---|\n| 1 | Дата |\n{{#rows}}\n| {{n}} | {{v}} |\n{{/rows}}\n\n"
      "| Поле | Значение |\n|:---|---:|\n| 50 | Дата закрытия |\n");
  auto r = engine->render(t, data);
  REQUIRE(r);
  const std::string text = test::pdf_text(test::save_pdf(dir, "two-tables", r->pdf));
  CHECK(text.find("---") == std::string::npos);
  CHECK(text.find(":--") == std::string::npos);
  CHECK(test::squeeze(text).find("ПолеЗначение") != std::string::npos);
}

TEST_CASE("a sentence that introduces a table is never left at a page's foot without it") {
  auto engine = docs::DocumentEngine::create();
  test::TempDir dir;
  const std::string tail =
      "3.1. Исполнитель оказывает следующие услуги:\n\n"
      "| № | Код услуги | Наименование услуги | Сумма, руб. |\n|---:|:---|:---|---:|\n"
      "| 1 | B01.047.001 | Приём (осмотр, консультация) врача-терапевта первичный | 2 500,00 |\n"
      "| 2 | B03.016.003 | Общий (клинический) анализ крови развернутый | 780,50 |\n";
  int moved = 0;
  for (int k = 40; k <= 52; ++k) {
    INFO("filler lines: ", k);
    Rendered r = render(*engine, dir, "intro" + std::to_string(k), filler(k) + tail);
    const int intro = page_of(r, "3.1.Исполнительоказываетследующиеуслуги:");
    REQUIRE(intro > 0);
    CHECK(page_of(r, "B01.047.001") == intro);
    CHECK(page_of(r, "Наименованиеуслуги") == intro);
    moved += intro > 1;
  }
  CHECK(moved > 0);  // the fillers did push the sentence to the foot of page 1
}

TEST_CASE("the requisites and the signatures stay together: never a page of signatures alone") {
  auto engine = docs::DocumentEngine::create();
  test::TempDir dir;
  const std::string table =
      "| Исполнитель | Пациент |\n|:---|:---|\n"
      "| ООО «Клиника» | Иванова Анна Петровна |\n| ИНН 7714512346 | паспорт 45 10 123456 |\n"
      "| Тел.: +7 495 123-45-67 | Тел.: +7 916 123-45-67 |\n\n"
      "```signatures\nГенеральный директор Кузнецова О. В. | Иванова А. П.\n```\n";
  for (bool heading : {true, false})
    for (int k = 38; k <= 52; ++k) {
      INFO("filler lines: ", k, " heading: ", heading);
      const std::string body = filler(k) + (heading ? "### 8. Реквизиты и подписи сторон\n\n" : "Подписи сторон.\n\n");
      Rendered r = render(*engine, dir, "requisites" + std::to_string(k), body + table);
      const int sign = page_of(r, "/ИвановаА.П./");
      REQUIRE(sign > 0);
      CHECK(page_of(r, "Тел.:+7495123-45-67") == sign);
      CHECK(page_of(r, "ООО«Клиника»") == sign);
      if (heading) CHECK(page_of(r, "8.Реквизитыиподписисторон") == sign);
    }
}

TEST_CASE("a paragraph never leaves one line alone at a page's foot or head") {
  auto engine = docs::DocumentEngine::create();
  test::TempDir dir;
  std::string para;
  for (int i = 1; i <= 60; ++i) para += "слово" + std::to_string(1000 + i) + " ";
  int split = 0;
  for (int k = 44; k <= 56; ++k) {
    INFO("filler lines: ", k);
    Rendered r = render(*engine, dir, "widow" + std::to_string(k), filler(k) + para + "\n");
    std::vector<int> per_page;
    for (int p = 1; p <= r.pages; ++p) {
      int n = 0;
      for (const auto& l : lines_of(test::pdf_text(r.path, p))) n += l.find("слово") != std::string::npos;
      if (n) per_page.push_back(n);
    }
    for (int n : per_page) CHECK(n >= 2);
    split += per_page.size() > 1;
  }
  CHECK(split > 0);
}

TEST_CASE("no line ends in «№», a one-letter word or an initial, «323-ФЗ» is never split") {
  auto engine = docs::DocumentEngine::create();
  test::TempDir dir;
  std::string body;
  for (int i = 0; i < 40; ++i)
    body += std::string(size_t(i % 9), 'x') + " лицензия № Л041-01137-77/00368921 выдана в лице Кузнецовой О. В. "
            "по закону № 323-ФЗ и форме 025-1/у, с указанием суммы 1 234,50 руб. к оплате, тел. +7 495 123-45-67. ";
  Rendered r = render(*engine, dir, "nobreak", body + "\n");
  int lines = 0;
  for (const auto& l : lines_of(test::pdf_text(r.path))) {
    if (l.find("Страница") != std::string::npos) continue;
    ++lines;
    INFO(l);
    CHECK(l.substr(l.size() >= 3 ? l.size() - 3 : 0) != "№");
    CHECK(l.rfind(" в") != l.size() - 3);  // «в» is 2 bytes
    CHECK(l.rfind(" с") != l.size() - 3);
    CHECK(l.rfind(" к") != l.size() - 3);
    CHECK(l.find("ФЗ") != 0);
    CHECK(l.find("1/у") != 0);
    if (l.find("О. В.") == std::string::npos) CHECK(l.find("В.") != 0);
    CHECK(l.find("234,50") != 0);
    CHECK(l.find("руб.") != 0);
    CHECK(l.find("123-45-67") != 0);
    CHECK(l.find("495") != 0);
  }
  CHECK(lines > 20);
}

TEST_CASE("justified Russian text is hyphenated, names and short words are not") {
  auto engine = docs::DocumentEngine::create();
  test::TempDir dir;
  std::string body;
  for (int i = 0; i < 12; ++i)
    body += "Информированное добровольное согласие Римской-Корсаковой на медицинское вмешательство оформляется "
            "в соответствии с законодательством. ";
  Rendered r = render(*engine, dir, "hyphens", body + "\n");
  const std::string text = test::pdf_text(r.path);
  int hyphenated = 0;
  for (const auto& l : lines_of(text)) {
    if (l.size() >= 2 && l.substr(l.size() - 2) == "\xC2\xAD") ++hyphenated;
    CHECK(l.find("Римской-\xC2\xAD") == std::string::npos);
  }
  CHECK(hyphenated > 0);
  CHECK(test::squeeze(text).find("медицинскоевмешательство") != std::string::npos);
  CHECK(text.find("Кор\xC2\xAD") == std::string::npos);  // a name is never hyphenated
}
