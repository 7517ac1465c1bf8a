// Russian declension for documents: a person's surname, name and patronymic («в лице законного
// представителя Иванова Петра Ильича»), and a position or an authority's name («в лице
// Генерального директора», «выданной Департаментом здравоохранения города Москвы»).
// The rules cover Russian names and the usual foreign ones (indeclinable surnames in -о, -их,
// women's surnames ending in a consonant, double surnames part by part); where a rule cannot be
// sure (a man's surname in -а, a name it does not recognise) it says so, and the desk is asked
// for the form once (db/name_forms.h keeps it).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rg::db {

enum class GramCase { Nominative, Genitive, Dative, Accusative, Instrumental, Prepositional };
const char* to_db(GramCase c);                      // "genitive", …
std::optional<GramCase> gram_case_from_db(std::string_view s);
const char* case_question(GramCase c);               // «кого?», «кому?», «кем?» (translated)

struct PersonName {
  std::string surname, name, patronymic;
  char sex = 0;  // 'M', 'F', or 0 when not known (then the patronymic or name decides)
};
// «Иванов Пётр Ильич» → its parts (two or three words; a fourth word joins the patronymic, as
// in «Мамедов Рашид Гейдар оглы»).
PersonName split_full_name(std::string_view full, char sex = 0);
// The sex the patronymic (or failing that, the first name) says, or 0.
char guess_sex(const PersonName& n);

struct Declined {
  std::string text;
  bool sure = true;  // false: a guess the desk should confirm
};

Declined decline_surname(std::string_view surname, char sex, GramCase c);
Declined decline_first_name(std::string_view name, char sex, GramCase c);
Declined decline_patronymic(std::string_view patronymic, GramCase c);
// «Иванова Петра Ильича»; sure only when every part is.
Declined decline_name(const PersonName& n, GramCase c);
// «Кузнецовой О. В.»
Declined decline_short_name(const PersonName& n, GramCase c);
// A position or an organisation's name: the leading adjectives and the head noun decline, the
// rest (a genitive complement) stays — «главный врач» → «главного врача», «заведующий
// отделением» → «заведующего отделением», «Министерство здравоохранения Московской области» →
// «Министерством здравоохранения Московской области».
Declined decline_phrase(std::string_view phrase, GramCase c);

}  // namespace rg::db
