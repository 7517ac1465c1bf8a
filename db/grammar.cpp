// Words are handled as UTF-32 so endings can be compared letter by letter; each rule replaces an
// ending with the case's ending. The forms follow the grammar of personal names in official
// documents: surnames keep their whole stem (no fleeting vowel: «Кравец» → «Кравеца»), men's
// first names keep the usual fleeting vowels (Лев → Льва, Павел → Павла, Пётр → Петра).
#include "grammar.h"

#include <algorithm>
#include <array>
#include <vector>

#include "i18n.h"
#include "text.h"

namespace rg::db {
namespace {

using U = std::u32string;
using UV = std::u32string_view;

U to_u32(std::string_view s) {
  U out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    int extra = 0;
    if (c < 0x80) cp = c;
    else if ((c & 0xE0) == 0xC0) cp = c & 0x1F, extra = 1;
    else if ((c & 0xF0) == 0xE0) cp = c & 0x0F, extra = 2;
    else if ((c & 0xF8) == 0xF0) cp = c & 0x07, extra = 3;
    else cp = 0xFFFD;
    ++i;
    for (int k = 0; k < extra && i < s.size(); ++k, ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
    out += cp;
  }
  return out;
}

std::string to_utf8(UV s) {
  std::string out;
  for (char32_t cp : s) append_utf8(out, cp);
  return out;
}

char32_t lower(char32_t c) {
  if (c >= U'А' && c <= U'Я') return c + 0x20;
  if (c == U'Ё') return U'ё';
  if (c >= U'A' && c <= U'Z') return c + 0x20;
  return c;
}
char32_t upper(char32_t c) {
  if (c >= U'а' && c <= U'я') return c - 0x20;
  if (c == U'ё') return U'Ё';
  if (c >= U'a' && c <= U'z') return c - 0x20;
  return c;
}
bool is_cyrillic(char32_t c) { return (c >= 0x0410 && c <= 0x044F) || c == U'ё' || c == U'Ё'; }

U lower(UV s) {
  U out(s);
  for (auto& c : out) c = lower(c);
  return out;
}

bool ends(UV word_lower, UV ending) {
  return word_lower.size() >= ending.size() && word_lower.substr(word_lower.size() - ending.size()) == ending;
}

bool in(UV c, std::initializer_list<UV> list) { return std::find(list.begin(), list.end(), c) != list.end(); }
bool one_of(char32_t c, UV letters) { return letters.find(c) != UV::npos; }

constexpr UV kVowels = U"аеёиоуыэюя";
constexpr UV kHushing = U"жшщчц";  // after them an unstressed ending is -ем/-ей, not -ом/-ой
constexpr UV kVelarHushing = U"гкхжшщч";  // after them -ы is written -и

// Replaces the last `cut` letters of `word` with `ending`, keeping the word's capitalisation
// (an all-capitals word gets a capital ending).
U replace_end(UV word, size_t cut, UV ending) {
  U out(word.substr(0, word.size() - std::min(cut, word.size())));
  const bool caps = word.size() > 1 && std::all_of(word.begin(), word.end(), [](char32_t c) { return upper(c) == c; });
  for (char32_t c : ending) out += caps ? upper(c) : c;
  return out;
}

// Endings of one case for the patterns below, indexed by GramCase (nominative first).
using Row = std::array<UV, 6>;
size_t idx(GramCase c) { return size_t(c); }

// The first declension (-а/-я): women's names, some men's names and surnames.
U first_declension(UV word, GramCase c) {
  const U lw = lower(word);
  const char32_t last = lw.back();
  const char32_t before = lw.size() >= 2 ? lw[lw.size() - 2] : 0;
  if (c == GramCase::Nominative) return U(word);
  if (last == U'я' && before == U'и') {  // Мария, Гарсия
    static constexpr Row r = {U"ия", U"ии", U"ии", U"ию", U"ией", U"ии"};
    return replace_end(word, 2, r[idx(c)]);
  }
  if (last == U'я') {
    static constexpr Row r = {U"я", U"и", U"е", U"ю", U"ей", U"е"};
    return replace_end(word, 1, r[idx(c)]);
  }
  // -а
  const bool soft_i = one_of(before, kVelarHushing);
  const bool hush = one_of(before, kHushing);
  switch (c) {
    case GramCase::Genitive: return replace_end(word, 1, soft_i ? U"и" : U"ы");
    case GramCase::Dative: return replace_end(word, 1, U"е");
    case GramCase::Accusative: return replace_end(word, 1, U"у");
    case GramCase::Instrumental: return replace_end(word, 1, hush ? U"ей" : U"ой");
    case GramCase::Prepositional: return replace_end(word, 1, U"е");
    default: return U(word);
  }
}

// A masculine noun ending in a consonant (and -й, -ь): «Иван», «Игорь», «Андрей», «Шевчук».
U second_declension(UV word, GramCase c, bool animate = true) {
  const U lw = lower(word);
  const char32_t last = lw.back();
  if (c == GramCase::Nominative) return U(word);
  if (c == GramCase::Accusative && !animate) return U(word);
  if (last == U'й') {
    const bool ii = lw.size() >= 2 && lw[lw.size() - 2] == U'и';
    static constexpr Row r = {U"й", U"я", U"ю", U"я", U"ем", U"е"};
    if (ii && c == GramCase::Prepositional) return replace_end(word, 1, U"и");  // о Юрии
    return replace_end(word, 1, r[idx(c)]);
  }
  if (last == U'ь') {
    static constexpr Row r = {U"ь", U"я", U"ю", U"я", U"ем", U"е"};
    return replace_end(word, 1, r[idx(c)]);
  }
  const bool hush = one_of(last, kHushing);
  static constexpr Row r = {U"", U"а", U"у", U"а", U"ом", U"е"};
  if (c == GramCase::Instrumental && hush) return replace_end(word, 0, U"ем");
  return replace_end(word, 0, r[idx(c)]);
}

// A neuter noun in -о/-е: «Министерство», «Управление».
U neuter(UV word, GramCase c) {
  const U lw = lower(word);
  if (c == GramCase::Nominative || c == GramCase::Accusative) return U(word);
  if (ends(lw, U"ие")) {
    static constexpr Row r = {U"ие", U"ия", U"ию", U"ие", U"ием", U"ии"};
    return replace_end(word, 2, r[idx(c)]);
  }
  if (lw.back() == U'е') {
    static constexpr Row r = {U"е", U"я", U"ю", U"е", U"ем", U"е"};
    return replace_end(word, 1, r[idx(c)]);
  }
  static constexpr Row r = {U"о", U"а", U"у", U"о", U"ом", U"е"};
  return replace_end(word, 1, r[idx(c)]);
}

// Adjectives and adjectival surnames, by the ending they have in the nominative.
U adjective(UV word, GramCase c, bool animate = true) {
  const U lw = lower(word);
  if (c == GramCase::Nominative) return U(word);
  const char32_t stem_last = lw.size() >= 3 ? lw[lw.size() - 3] : 0;
  const bool velar_or_hush = one_of(stem_last, U"гкхжшщч");
  if (ends(lw, U"ая")) {
    if (c == GramCase::Accusative) return replace_end(word, 2, U"ую");
    return replace_end(word, 2, one_of(stem_last, U"жшщч") ? U"ей" : U"ой");
  }
  if (ends(lw, U"яя")) {
    if (c == GramCase::Accusative) return replace_end(word, 2, U"юю");
    return replace_end(word, 2, U"ей");
  }
  if (ends(lw, U"ое") || ends(lw, U"ее")) {
    const bool soft = ends(lw, U"ее");
    switch (c) {
      case GramCase::Accusative: return U(word);
      case GramCase::Genitive: return replace_end(word, 2, soft ? U"его" : U"ого");
      case GramCase::Dative: return replace_end(word, 2, soft ? U"ему" : U"ому");
      case GramCase::Instrumental: return replace_end(word, 2, soft || velar_or_hush ? U"им" : U"ым");
      case GramCase::Prepositional: return replace_end(word, 2, soft ? U"ем" : U"ом");
      default: return U(word);
    }
  }
  // masculine: -ый, -ой, -ий
  const bool soft = ends(lw, U"ий") && !velar_or_hush;  // «синий», not «Горький»
  const bool hush_stem = one_of(stem_last, U"жшщч");
  switch (c) {
    case GramCase::Accusative:
      if (!animate) return U(word);
      [[fallthrough]];
    case GramCase::Genitive: return replace_end(word, 2, soft || (hush_stem && !ends(lw, U"ой")) ? U"его" : U"ого");
    case GramCase::Dative: return replace_end(word, 2, soft || (hush_stem && !ends(lw, U"ой")) ? U"ему" : U"ому");
    case GramCase::Instrumental: return replace_end(word, 2, soft || velar_or_hush ? U"им" : U"ым");
    case GramCase::Prepositional: return replace_end(word, 2, soft || (hush_stem && !ends(lw, U"ой")) ? U"ем" : U"ом");
    default: return U(word);
  }
}

bool is_adjective_ending(UV lw) {
  return ends(lw, U"ый") || ends(lw, U"ий") || ends(lw, U"ой") || ends(lw, U"ая") || ends(lw, U"яя") ||
         ends(lw, U"ое") || ends(lw, U"ее");
}

// ---- Surnames ----

Declined surname_part(UV word, char sex, GramCase c) {
  if (word.empty() || c == GramCase::Nominative) return {to_utf8(word), true};
  const U lw = lower(word);
  const char32_t last = lw.back();
  const char32_t before = lw.size() >= 2 ? lw[lw.size() - 2] : 0;
  const bool russian = std::all_of(lw.begin(), lw.end(), [](char32_t ch) { return is_cyrillic(ch) || ch == U'\''; });
  if (!russian) return {to_utf8(word), false};
  // Indeclinable whoever bears them: Черных, Шевченко, Гёте, Дюбуа.
  if (ends(lw, U"их") || ends(lw, U"ых")) return {to_utf8(word), true};
  if (one_of(last, U"оеиуюэы")) return {to_utf8(word), true};
  if (last == U'а' || last == U'я') {
    if (sex == 'F' && (ends(lw, U"ова") || ends(lw, U"ева") || ends(lw, U"ёва") || ends(lw, U"ина") ||
                       ends(lw, U"ына"))) {
      static constexpr Row r = {U"а", U"ой", U"ой", U"у", U"ой", U"ой"};
      return {to_utf8(replace_end(word, 1, r[idx(c)])), true};
    }
    if (sex == 'F' && (ends(lw, U"ая") || ends(lw, U"яя"))) return {to_utf8(adjective(word, c)), true};
    if (one_of(before, kVowels) && !(before == U'и' && last == U'я')) return {to_utf8(word), true};  // Моруа, Гулиа
    // Глинка, Дума, Берия: the first declension. A man's surname in -а may be a stressed foreign
    // one (Дюма) that does not decline: the desk confirms.
    return {to_utf8(first_declension(word, c)), sex == 'F' || one_of(before, U"кгх")};
  }
  if (sex == 'F') {
    // A woman's surname ending in a consonant or -ь does not decline (Шевчук Анна).
    return {to_utf8(word), sex == 'F'};
  }
  if (sex != 'M') return {to_utf8(word), false};
  if (ends(lw, U"ов") || ends(lw, U"ев") || ends(lw, U"ёв") || ends(lw, U"ин") || ends(lw, U"ын")) {
    static constexpr Row r = {U"", U"а", U"у", U"а", U"ым", U"е"};
    return {to_utf8(replace_end(word, 0, r[idx(c)])), true};
  }
  if ((ends(lw, U"ий") || ends(lw, U"ый") || (ends(lw, U"ой") && lw.size() > 4))) return {to_utf8(adjective(word, c)), true};
  return {to_utf8(second_declension(word, c)), true};
}

U join(const std::vector<U>& parts, char32_t sep) {
  U out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::vector<U> split(UV s, char32_t sep) {
  std::vector<U> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// ---- First names ----

// Men's names that lose a vowel: Лев → Льва.
U fleeting_stem(UV word) {
  const U lw = lower(word);
  struct F {
    UV nom, stem;
  };
  static constexpr F list[] = {{U"лев", U"льв"}, {U"павел", U"павл"}, {U"пётр", U"петр"}, {U"петр", U"петр"}};
  const bool caps = std::all_of(word.begin(), word.end(), [](char32_t c) { return upper(c) == c; });
  for (const auto& f : list)
    if (lw == f.nom) {
      U out(f.stem);
      for (size_t i = 0; i < out.size(); ++i)
        if (i == 0 || caps) out[i] = upper(out[i]);
      return out;
    }
  return U(word);
}

}  // namespace

const char* to_db(GramCase c) {
  switch (c) {
    case GramCase::Nominative: return "nominative";
    case GramCase::Genitive: return "genitive";
    case GramCase::Dative: return "dative";
    case GramCase::Accusative: return "accusative";
    case GramCase::Instrumental: return "instrumental";
    case GramCase::Prepositional: return "prepositional";
  }
  return "";
}

std::optional<GramCase> gram_case_from_db(std::string_view s) {
  for (GramCase c : {GramCase::Nominative, GramCase::Genitive, GramCase::Dative, GramCase::Accusative,
                     GramCase::Instrumental, GramCase::Prepositional})
    if (s == to_db(c)) return c;
  return std::nullopt;
}

const char* case_question(GramCase c) {
  switch (c) {
    case GramCase::Nominative: return _("who?");
    case GramCase::Genitive: return _("of whom? (genitive)");
    case GramCase::Dative: return _("to whom? (dative)");
    case GramCase::Accusative: return _("whom? (accusative)");
    case GramCase::Instrumental: return _("by whom? (instrumental)");
    case GramCase::Prepositional: return _("about whom? (prepositional)");
  }
  return "";
}

PersonName split_full_name(std::string_view full, char sex) {
  PersonName n;
  n.sex = sex;
  std::vector<std::string> words;
  std::string w;
  for (char ch : full) {
    if (ch == ' ' || ch == '\t') {
      if (!w.empty()) words.push_back(std::move(w)), w.clear();
    } else {
      w += ch;
    }
  }
  if (!w.empty()) words.push_back(std::move(w));
  if (!words.empty()) n.surname = words[0];
  if (words.size() > 1) n.name = words[1];
  for (size_t i = 2; i < words.size(); ++i) n.patronymic += (i > 2 ? " " : "") + words[i];
  return n;
}

char guess_sex(const PersonName& n) {
  if (n.sex == 'M' || n.sex == 'F') return n.sex;
  const U p = lower(to_u32(n.patronymic));
  if (ends(p, U"ич") || ends(p, U"оглы") || ends(p, U"улы") || ends(p, U"уулу")) return 'M';
  if (ends(p, U"на") || ends(p, U"кызы") || ends(p, U"гызы")) return 'F';
  const U s = lower(to_u32(n.surname));
  if (ends(s, U"ова") || ends(s, U"ева") || ends(s, U"ина") || ends(s, U"ская") || ends(s, U"цкая")) return 'F';
  if (ends(s, U"ов") || ends(s, U"ев") || ends(s, U"ин") || ends(s, U"ский") || ends(s, U"цкий")) return 'M';
  return 0;
}

Declined decline_surname(std::string_view surname, char sex, GramCase c) {
  const U s = to_u32(surname);
  if (s.empty()) return {"", true};
  // Double surnames decline part by part: Римская-Корсакова → Римской-Корсаковой.
  std::vector<U> parts = split(s, U'-');
  bool sure = true;
  for (auto& p : parts) {
    if (p.empty()) continue;
    Declined d = surname_part(p, sex, c);
    sure = sure && d.sure;
    p = to_u32(d.text);
  }
  return {to_utf8(join(parts, U'-')), sure};
}

Declined decline_first_name(std::string_view name, char sex, GramCase c) {
  const U w = to_u32(name);
  if (w.empty() || c == GramCase::Nominative) return {std::string(name), true};
  if (w.find(U'-') != U::npos || w.find(U' ') != U::npos) {
    // «Анна-Мария», «Абу Бакр»: each part as a name of its own.
    const char32_t sep = w.find(U'-') != U::npos ? U'-' : U' ';
    std::vector<U> parts = split(w, sep);
    bool sure = true;
    for (auto& p : parts) {
      Declined d = decline_first_name(to_utf8(p), sex, c);
      sure = sure && d.sure;
      p = to_u32(d.text);
    }
    return {to_utf8(join(parts, sep)), sure};
  }
  const U lw = lower(w);
  const char32_t last = lw.back();
  const bool russian = std::all_of(lw.begin(), lw.end(), is_cyrillic);
  if (!russian) return {std::string(name), false};
  if (one_of(last, U"оеиуюэы")) return {std::string(name), true};  // Марио, Гиви, Мари
  if (last == U'а' || last == U'я') {
    U out = first_declension(w, c);
    if (lw == U"илья" && c == GramCase::Instrumental) out = replace_end(w, 1, U"ёй");
    return {to_utf8(out), sex == 'M' || sex == 'F'};
  }
  if (sex == 'F') {
    if (last == U'ь') {  // Любовь, Нинель
      static constexpr Row r = {U"ь", U"и", U"и", U"ь", U"ью", U"и"};
      return {to_utf8(replace_end(w, 1, r[idx(c)])), true};
    }
    return {std::string(name), true};  // Элис, Мерседес: a woman's name in a consonant stays
  }
  if (sex != 'M') return {std::string(name), false};
  U stem = fleeting_stem(w);
  if (stem != w) {
    static constexpr Row r = {U"", U"а", U"у", U"а", U"ом", U"е"};
    return {to_utf8(replace_end(stem, 0, r[idx(c)])), true};
  }
  return {to_utf8(second_declension(w, c)), true};
}

Declined decline_patronymic(std::string_view patronymic, GramCase c) {
  const U w = to_u32(patronymic);
  if (w.empty() || c == GramCase::Nominative) return {std::string(patronymic), true};
  const U lw = lower(w);
  if (w.find(U' ') != U::npos) return {std::string(patronymic), false};  // «Гейдар оглы»: asked once
  if (ends(lw, U"ич")) {
    // Stressed -ич takes -ом: Ильич, Кузьмич, Лукич, Фомич.
    const bool stressed = in(lw, {U"ильич", U"кузьмич", U"лукич", U"фомич"});
    static constexpr Row r = {U"", U"а", U"у", U"а", U"ем", U"е"};
    if (c == GramCase::Instrumental && stressed) return {to_utf8(replace_end(w, 0, U"ом")), true};
    return {to_utf8(replace_end(w, 0, r[idx(c)])), true};
  }
  if (ends(lw, U"на")) {
    static constexpr Row r = {U"а", U"ы", U"е", U"у", U"ой", U"е"};
    return {to_utf8(replace_end(w, 1, r[idx(c)])), true};
  }
  return {std::string(patronymic), false};
}

Declined decline_name(const PersonName& n, GramCase c) {
  const char sex = guess_sex(n);
  Declined s = decline_surname(n.surname, sex, c);
  Declined f = decline_first_name(n.name, sex, c);
  Declined p = decline_patronymic(n.patronymic, c);
  std::string text = s.text;
  if (!f.text.empty()) text += " " + f.text;
  if (!p.text.empty()) text += " " + p.text;
  return {text, s.sure && f.sure && p.sure && sex != 0};
}

Declined decline_short_name(const PersonName& n, GramCase c) {
  const char sex = guess_sex(n);
  Declined s = decline_surname(n.surname, sex, c);
  auto initial = [](const std::string& part) {
    U u = to_u32(part);
    if (u.empty()) return std::string();
    return to_utf8(U(1, upper(u[0]))) + ".";
  };
  std::string text = s.text;
  std::string ini = initial(n.name);
  if (!ini.empty()) text += " " + ini;
  std::string pi = initial(n.patronymic);
  if (!pi.empty()) text += " " + pi;
  return {text, s.sure && sex != 0};
}

Declined decline_phrase(std::string_view phrase, GramCase c) {
  const U all = to_u32(phrase);
  if (all.empty() || c == GramCase::Nominative) return {std::string(phrase), true};
  std::vector<U> words = split(all, U' ');
  const U first = words.empty() ? U() : lower(words[0]);
  // «И. о. главного врача», «врио директора»: already in the case the phrase needs.
  if (first == U"и.о." || first == U"и." || first == U"врио" || first == U"и.о") return {std::string(phrase), true};
  bool sure = true;
  for (size_t i = 0; i < words.size(); ++i) {
    U& w = words[i];
    if (w.empty()) continue;
    const U lw = lower(w);
    // Substantivised adjectives head the phrase themselves: «заведующий отделением».
    const bool head_adjective = in(lw, {U"заведующий", U"заведующая", U"управляющий", U"управляющая",
                                        U"исполняющий", U"исполняющая", U"дежурный", U"дежурная"});
    if (is_adjective_ending(lw) && !head_adjective && i + 1 < words.size()) {
      w = adjective(w, c);
      continue;
    }
    if (head_adjective || (is_adjective_ending(lw) && i + 1 == words.size())) {
      w = adjective(w, c);
      break;
    }
    // An abbreviation (ООО, АО, ГБУЗ) does not decline: «в ООО «Берёза»».
    if (w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char32_t ch) { return upper(ch) == ch; })) break;
    // The head noun (each part of «врач-стоматолог-терапевт»).
    std::vector<U> parts = split(w, U'-');
    for (auto& p : parts) {
      if (p.empty()) continue;
      const U lp = lower(p);
      const char32_t last = lp.back();
      if (!std::all_of(lp.begin(), lp.end(), is_cyrillic)) {
        sure = false;
        continue;
      }
      if (last == U'а' || last == U'я') p = first_declension(p, c);
      else if (ends(lp, U"сть")) {  // доверенность: the third declension
        static constexpr Row r = {U"ь", U"и", U"и", U"ь", U"ью", U"и"};
        p = replace_end(p, 1, r[idx(c)]);
      }
      else if (last == U'о' || last == U'е') p = neuter(p, c);
      else if (one_of(last, U"иуюыэ")) sure = false;
      else if (lp == U"врач" && c == GramCase::Instrumental) p = replace_end(p, 0, U"ом");  // stressed: врачом
      else p = second_declension(p, c);
    }
    w = join(parts, U'-');
    break;
  }
  return {to_utf8(join(words, U' ')), sure};
}

}  // namespace rg::db
