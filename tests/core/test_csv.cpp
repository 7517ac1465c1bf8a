// Reading CSV as Excel in Russia saves it and writing what Excel opens.
#include <doctest/doctest.h>

#include "csv_text.h"

using namespace rg;
using namespace rg::db;

TEST_CASE("a semicolon file with quotes, separators and line breaks inside fields") {
  const std::string text = std::string(kCsvBom) +
                           "Код;Наименование;Цена\r\n"
                           "B01.047.001;\"Приём (осмотр, консультация); первичный\";1500,00\r\n"
                           "\r\n"
                           "A05.10.006;\"Регистрация ЭКГ\r\nс расшифровкой \"\"срочно\"\"\";900\r\n"
                           "B03.016.003;Общий анализ крови;450";
  auto t = parse_csv(text);
  REQUIRE(t);
  CHECK(t->separator == ';');
  CHECK(t->encoding == "UTF-8");
  REQUIRE(t->rows.size() == 4);
  CHECK(t->rows[0][0] == "Код");  // the BOM is not part of the first field
  CHECK(t->rows[1][1] == "Приём (осмотр, консультация); первичный");
  CHECK(t->rows[1][2] == "1500,00");
  CHECK(t->rows[2][1] == "Регистрация ЭКГ\r\nс расшифровкой \"срочно\"");
  CHECK(t->rows[3][2] == "450");
  // Lines as a person counts them in a text editor: the blank line and the break inside a field count.
  CHECK(t->line == std::vector<std::size_t>{1, 2, 4, 6});
}

TEST_CASE("a comma file in Windows-1251, as «CSV (разделители — запятые)» writes it") {
  // «Иванов,Пётр,"12,5"» in cp1251.
  const std::string cp1251 = "\xC8\xE2\xE0\xED\xEE\xE2,\xCF\xB8\xF2\xF0,\"12,5\"\n";
  auto t = parse_csv(cp1251);
  REQUIRE(t);
  CHECK(t->encoding == "Windows-1251");
  CHECK(t->separator == ',');
  REQUIRE(t->rows.size() == 1);
  CHECK(t->rows[0] == std::vector<std::string>{"Иванов", "Пётр", "12,5"});
}

TEST_CASE("a tab-separated file keeps empty fields and trims only spaces") {
  auto t = parse_csv("a\t\t c \nd\te\tf\n");
  REQUIRE(t);
  CHECK(t->separator == '\t');
  REQUIRE(t->rows.size() == 2);
  CHECK(t->rows[0] == std::vector<std::string>{"a", "", "c"});
}

TEST_CASE("an unclosed quote names the line where the field began") {
  auto t = parse_csv("a;b\nc;\"d\ne;f\n");
  REQUIRE_FALSE(t);
  CHECK(t.error().code == ErrorCode::Invalid);
  CHECK(t.error().message.find('2') != std::string::npos);
  auto stray = parse_csv("a;\"b\"x;c\n");
  REQUIRE_FALSE(stray);
  CHECK(stray.error().code == ErrorCode::Invalid);
}

TEST_CASE("what csv_line writes reads back the same, formula guard included") {
  const std::vector<std::string> fields = {"+7 916 123-45-67", "=HYPERLINK(\"x\")", "a;b,c", "\"q\"", "",
                                           "многострочный\r\nтекст", "-5"};
  std::string out = kCsvBom;
  csv_line(out, fields);
  csv_line(out, {"x", "y"});
  auto t = parse_csv(out);
  REQUIRE(t);
  REQUIRE(t->rows.size() == 2);
  CHECK(t->rows[0] == fields);
  CHECK(t->rows[1] == std::vector<std::string>{"x", "y"});
}

TEST_CASE("a missing file is an Io error naming it") {
  auto t = read_csv("/nonexistent/пациенты.csv");
  REQUIRE_FALSE(t);
  CHECK(t.error().code == ErrorCode::Io);
  CHECK(t.error().message.find("пациенты.csv") != std::string::npos);
}
