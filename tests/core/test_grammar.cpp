// Russian declension of names and positions as documents need them, and where the rules admit
// they cannot be sure.
#include <doctest/doctest.h>

#include "grammar.h"

using namespace rg::db;

namespace {
std::string gen(const std::string& full, char sex = 0) { return decline_name(split_full_name(full, sex), GramCase::Genitive).text; }
std::string ins(const std::string& full, char sex = 0) { return decline_name(split_full_name(full, sex), GramCase::Instrumental).text; }
std::string dat(const std::string& full, char sex = 0) { return decline_name(split_full_name(full, sex), GramCase::Dative).text; }
}  // namespace

TEST_CASE("Russian names in the genitive, dative and instrumental") {
  CHECK(gen("Иванов Пётр Ильич") == "Иванова Петра Ильича");
  CHECK(ins("Иванов Пётр Ильич") == "Ивановым Петром Ильичом");
  CHECK(dat("Иванов Пётр Ильич") == "Иванову Петру Ильичу");
  CHECK(gen("Кузнецова Ольга Викторовна") == "Кузнецовой Ольги Викторовны");
  CHECK(ins("Кузнецова Ольга Викторовна") == "Кузнецовой Ольгой Викторовной");
  CHECK(dat("Кузнецова Ольга Викторовна") == "Кузнецовой Ольге Викторовне");
  CHECK(gen("Достоевский Фёдор Михайлович") == "Достоевского Фёдора Михайловича");
  CHECK(ins("Достоевский Фёдор Михайлович") == "Достоевским Фёдором Михайловичем");
  CHECK(gen("Толстой Лев Николаевич") == "Толстого Льва Николаевича");
  CHECK(gen("Римская-Корсакова Анна Петровна") == "Римской-Корсаковой Анны Петровны");
  CHECK(gen("Мамин-Сибиряк Дмитрий Наркисович") == "Мамина-Сибиряка Дмитрия Наркисовича");
  CHECK(gen("Смирнова Мария Андреевна") == "Смирновой Марии Андреевны");
  CHECK(dat("Смирнова Мария Андреевна") == "Смирновой Марии Андреевне");
  CHECK(gen("Соколов Юрий Павлович") == "Соколова Юрия Павловича");
  CHECK(gen("Белых Игорь Андреевич") == "Белых Игоря Андреевича");
  CHECK(gen("Шевченко Наталья Юрьевна") == "Шевченко Натальи Юрьевны");
  CHECK(ins("Шевченко Наталья Юрьевна") == "Шевченко Натальей Юрьевной");
  CHECK(gen("Шевчук Анна Сергеевна") == "Шевчук Анны Сергеевны");        // a woman's surname in a consonant
  CHECK(gen("Шевчук Антон Сергеевич") == "Шевчука Антона Сергеевича");
  CHECK(ins("Бабич Илья Кузьмич") == "Бабичем Ильёй Кузьмичом");
  CHECK(gen("Гоголь Николай Васильевич") == "Гоголя Николая Васильевича");
  CHECK(gen("Цой Виктор Робертович") == "Цоя Виктора Робертовича");
  CHECK(gen("Глинка Михаил Иванович") == "Глинки Михаила Ивановича");
  CHECK(gen("Глинка Любовь Ивановна") == "Глинки Любови Ивановны");
  CHECK(ins("Глинка Любовь Ивановна") == "Глинкой Любовью Ивановной");
  CHECK(gen("Никитин Никита Никитич") == "Никитина Никиты Никитича");
  CHECK(gen("Ёлкина Татьяна") == "Ёлкиной Татьяны");  // no patronymic
}

TEST_CASE("the sex comes from the card, else from the patronymic or the surname") {
  CHECK(guess_sex(split_full_name("Иванов Пётр Ильич")) == 'M');
  CHECK(guess_sex(split_full_name("Шевчук Анна Сергеевна")) == 'F');
  CHECK(guess_sex(split_full_name("Иванова Анна")) == 'F');
  CHECK(guess_sex(split_full_name("Смит Джон")) == 0);
  CHECK(guess_sex(split_full_name("Смит Джон", 'M')) == 'M');
  CHECK(split_full_name("Мамедов Рашид Гейдар оглы").patronymic == "Гейдар оглы");
}

TEST_CASE("what the rules cannot be sure of is said, not guessed silently") {
  CHECK(decline_name(split_full_name("Иванов Пётр Ильич"), GramCase::Genitive).sure);
  CHECK_FALSE(decline_name(split_full_name("Смит Джон"), GramCase::Genitive).sure);  // sex unknown
  CHECK(decline_name(split_full_name("Смит Джон", 'M'), GramCase::Genitive).text == "Смита Джона");
  CHECK_FALSE(decline_name(split_full_name("Дюма Александр", 'M'), GramCase::Genitive).sure);  // a man's surname in -а
  CHECK_FALSE(decline_name(split_full_name("Мамедов Рашид Гейдар оглы"), GramCase::Genitive).sure);
  CHECK_FALSE(decline_name(split_full_name("Smith John", 'M'), GramCase::Genitive).sure);
  CHECK(decline_name(split_full_name("Гёте Иоганн", 'M'), GramCase::Genitive).text == "Гёте Иоганна");
  CHECK(decline_name(split_full_name("Дюбуа Мари", 'F'), GramCase::Genitive).text == "Дюбуа Мари");
  CHECK(decline_name(split_full_name("Дюбуа Мари", 'F'), GramCase::Genitive).sure);
}

TEST_CASE("short names keep initials: «в лице Кузнецовой О. В.»") {
  CHECK(decline_short_name(split_full_name("Кузнецова Ольга Викторовна"), GramCase::Genitive).text == "Кузнецовой О. В.");
  CHECK(decline_short_name(split_full_name("Петров Иван Сергеевич"), GramCase::Instrumental).text == "Петровым И. С.");
  CHECK(decline_name(split_full_name("ИВАНОВ ПЁТР ИЛЬИЧ"), GramCase::Genitive).text == "ИВАНОВА ПЕТРА ИЛЬИЧА");
}

TEST_CASE("positions and authorities decline their head and keep the rest") {
  CHECK(decline_phrase("Генеральный директор", GramCase::Genitive).text == "Генерального директора");
  CHECK(decline_phrase("главный врач", GramCase::Genitive).text == "главного врача");
  CHECK(decline_phrase("врач-стоматолог-терапевт", GramCase::Instrumental).text == "врачом-стоматологом-терапевтом");
  CHECK(decline_phrase("врач-терапевт", GramCase::Genitive).text == "врача-терапевта");
  CHECK(decline_phrase("медицинская сестра процедурной", GramCase::Instrumental).text ==
        "медицинской сестрой процедурной");
  CHECK(decline_phrase("заведующий отделением", GramCase::Genitive).text == "заведующего отделением");
  CHECK(decline_phrase("руководитель", GramCase::Instrumental).text == "руководителем");
  CHECK(decline_phrase("Департамент здравоохранения города Москвы", GramCase::Instrumental).text ==
        "Департаментом здравоохранения города Москвы");
  CHECK(decline_phrase("Министерство здравоохранения Московской области", GramCase::Instrumental).text ==
        "Министерством здравоохранения Московской области");
  CHECK(decline_phrase("Федеральная служба по надзору в сфере здравоохранения", GramCase::Instrumental).text ==
        "Федеральной службой по надзору в сфере здравоохранения");
  CHECK(decline_phrase("Комитет по здравоохранению Санкт-Петербурга", GramCase::Instrumental).text ==
        "Комитетом по здравоохранению Санкт-Петербурга");
  CHECK(decline_phrase("Управление здравоохранения", GramCase::Instrumental).text == "Управлением здравоохранения");
  CHECK(decline_phrase("и. о. главного врача", GramCase::Genitive).text == "и. о. главного врача");
  CHECK(decline_phrase("Общество с ограниченной ответственностью «Клиника „Берёза“»", GramCase::Prepositional).text ==
        "Обществе с ограниченной ответственностью «Клиника „Берёза“»");
  CHECK(decline_phrase("ООО «Берёза»", GramCase::Prepositional).text == "ООО «Берёза»");
  CHECK(decline_phrase("Автономная некоммерческая организация «Здоровье»", GramCase::Prepositional).text ==
        "Автономной некоммерческой организации «Здоровье»");
  CHECK(decline_phrase("свидетельство о рождении II-МЮ № 123456", GramCase::Genitive).text ==
        "свидетельства о рождении II-МЮ № 123456");
  CHECK(decline_phrase("доверенность № 7 от 01.02.2026", GramCase::Genitive).text == "доверенности № 7 от 01.02.2026");
  CHECK(decline_phrase("распоряжение органа опеки № 15", GramCase::Genitive).text == "распоряжения органа опеки № 15");
}
