// Folding, phones and masked names: the text rules search and privacy depend on.
#include <doctest/doctest.h>

#include "calendar.h"
#include "text.h"

using namespace rg;

TEST_CASE("fold lowers Cyrillic and Latin and makes ё into е") {
  CHECK(fold("ИВАНОВ") == "иванов");
  CHECK(fold("Семёнова") == "семенова");
  CHECK(fold("СЕМЁНОВА") == "семенова");
  CHECK(fold("  Анна   Мария ") == "анна мария");
  CHECK(fold("Smith") == "smith");
  CHECK(fold("Римская–Корсакова") == "римская-корсакова");  // en dash unified
  CHECK(fold("ЄІЇҐЎ") == "єіїґў");
  CHECK(fold("ӘҒҚҢӨҰҮҺ") == "әғқңөұүһ");
  CHECK(fold("\xFF\xFE") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // broken UTF-8 never crashes
}

TEST_CASE("hyphenated surnames give a key per part") {
  auto k = surname_keys("Римская-Корсакова");
  REQUIRE(k.size() == 2);
  CHECK(k[0] == "римская-корсакова");
  CHECK(k[1] == "корсакова");
  CHECK(surname_keys("Иванов").size() == 1);
  CHECK(surname_keys("").empty());
}

TEST_CASE("phones normalise to E.164 digits") {
  CHECK(normalize_phone("+7 (916) 123-45-67") == "79161234567");
  CHECK(normalize_phone("8 916 123 45 67") == "79161234567");
  CHECK(normalize_phone("9161234567") == "79161234567");
  CHECK(normalize_phone("+375 29 123-45-67") == "375291234567");
  CHECK(normalize_phone("12").empty());
  CHECK(format_phone("79161234567") == "+7 916 123-45-67");
}

TEST_CASE("masked names show the surname and initials only") {
  CHECK(masked_name("Иванова", "Анна", "Петровна") == "Иванова А. П.");
  CHECK(masked_name("Ким", "Ён", "") == "Ким Ё.");
  CHECK(masked_name("Smith", "john", "") == "Smith J.");
}

TEST_CASE("utf8 truncation never splits a letter") {
  CHECK(utf8_truncate("Привет", 3) == "При");
  CHECK(utf8_length("Привет") == 6);
  CHECK(utf8_truncate("abc", 10) == "abc");
}

TEST_CASE("dates parse the way people type them") {
  CHECK(Date::parse_ru("12.03.1985") == Date(1985, 3, 12));
  CHECK(Date::parse_ru("1.3.1985") == Date(1985, 3, 1));
  CHECK(Date::parse_ru("12/03/1985") == Date(1985, 3, 12));
  CHECK(Date::parse_ru("31.02.1985") == std::nullopt);
  CHECK(Date::parse_ru("12.03.85") == Date(1985, 3, 12));
  CHECK(Date::parse_ru("1985") == std::nullopt);
  CHECK(Date::parse_iso("2025-03-12") == Date(2025, 3, 12));
  CHECK(Date::parse_iso("2025-3-12") == std::nullopt);
  CHECK(Date(2030, 6, 3).iso_weekday() == 1);
  CHECK(age_on(Date(1985, 3, 12), Date(2025, 3, 11)) == 39);
  CHECK(age_on(Date(1985, 3, 12), Date(2025, 3, 12)) == 40);
}

TEST_CASE("local time converts to UTC in the clinic's zone") {
  use_time_zone("Europe/Moscow");
  std::int64_t t = to_unix(Date(2030, 6, 3), 9 * 60);
  CHECK(t % 86400 == 6 * 3600);  // 09:00 MSK is 06:00 UTC
  auto back = to_local(t);
  CHECK(back.date == Date(2030, 6, 3));
  CHECK(back.minutes == 540);
  use_time_zone("Asia/Yekaterinburg");
  CHECK(to_unix(Date(2030, 6, 3), 9 * 60) % 86400 == 4 * 3600);
  use_time_zone("Europe/Moscow");
  CHECK(hhmm(545) == "09:05");
}

TEST_CASE("names are stored tidy: trimmed, single-spaced, capitalised") {
  CHECK(tidy_name("  иванова  ") == "Иванова");
  CHECK(tidy_name("анна  мария") == "Анна мария");
  CHECK(tidy_name("ёлкин") == "Ёлкин");
  CHECK(tidy_name("Мак-Кейн") == "Мак-Кейн");
  CHECK(tidy_name("") == "");
}

TEST_CASE("a full name in one string is masked too") {
  CHECK(masked_full_name("Смирнова  Екатерина Андреевна") == "Смирнова Е. А.");
  CHECK(masked_full_name("Ким Ён") == "Ким Ё.");
  CHECK(masked_full_name("") == "");
}

TEST_CASE("a prefix's end is the least text above every text that starts with it, in valid UTF-8") {
  CHECK(prefix_end("ив") == "иг");
  CHECK(prefix_end("иванов") == "иваног");  // the last letter, в (U+0432), becomes г (U+0433)
  CHECK(prefix_end("9123") == "9124");
  CHECK(prefix_end("0009") == "000:");
  CHECK(prefix_end("я") == "ѐ");  // U+044F → U+0450, one more byte-wise
  CHECK(prefix_end("a\xED\x9F\xBF") == "a\xEE\x80\x80");  // U+D7FF → U+E000, past the surrogates
  CHECK(prefix_end("b\xF4\x8F\xBF\xBF") == "c");  // nothing above U+10FFFF: the character before goes up
  CHECK(prefix_end("").empty());
  for (const char* key : {"иванов", "иванова", "ивановский", "иванов-петров"}) {
    CHECK(std::string(key) >= "иванов");
    CHECK(std::string(key) < prefix_end("иванов"));
  }
  CHECK_FALSE(std::string("иваноф") < prefix_end("иванов"));
}
