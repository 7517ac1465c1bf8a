// Tokens are runs of characters between spaces; the rules look at a token and its neighbours.
// The hyphenation patterns (hyphen-ru) are KOI8-R: words are mapped letter by letter.
#include "typography.h"

#include <glib.h>
#include <hyphen.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>

namespace rg::docs {
namespace {

struct Token {
  size_t begin = 0, end = 0;
  std::string_view text;
};

bool is_space(gunichar c) { return c == ' ' || c == 0x00A0 || c == '\t' || c == 0x202F; }

std::vector<Token> tokens_of(std::string_view text) {
  std::vector<Token> out;
  const char* base = text.data();
  const char* p = base;
  const char* end = base + text.size();
  while (p < end) {
    while (p < end && is_space(g_utf8_get_char_validated(p, end - p))) p = g_utf8_next_char(p);
    if (p >= end) break;
    const char* start = p;
    while (p < end) {
      gunichar c = g_utf8_get_char_validated(p, end - p);
      if (c == gunichar(-1) || c == gunichar(-2)) {
        ++p;  // not UTF-8: a byte of its own
        continue;
      }
      if (is_space(c) || c == '\n') break;
      p = g_utf8_next_char(p);
    }
    out.push_back({size_t(start - base), size_t(p - base), text.substr(size_t(start - base), size_t(p - start))});
    if (p < end && *p == '\n') ++p;
  }
  return out;
}

// The token without closing punctuation: «В.,» → «В.».
std::string_view core(std::string_view t) {
  while (!t.empty() && std::string_view(",;:)»\"!?").find(t.back()) != std::string_view::npos) t.remove_suffix(1);
  // «»" are multi-byte: strip a trailing » (C2 BB) too.
  while (t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xBB") t.remove_suffix(2);
  return t;
}

gunichar first_char(std::string_view t) { return t.empty() ? 0 : g_utf8_get_char(t.data()); }
size_t length(std::string_view t) { return size_t(g_utf8_strlen(t.data(), gssize(t.size()))); }

bool is_upper_letter(gunichar c) { return g_unichar_isupper(c); }

// «О.», «О.В.»: one or two capital letters each followed by a dot.
bool is_initials(std::string_view t) {
  t = core(t);
  const char* p = t.data();
  const char* end = p + t.size();
  int letters = 0;
  while (p < end) {
    if (!is_upper_letter(g_utf8_get_char(p))) return false;
    p = g_utf8_next_char(p);
    if (p >= end || *p != '.') return false;
    ++p;
    ++letters;
  }
  return letters >= 1 && letters <= 2;
}

bool starts_upper_word(std::string_view t) {
  if (t.size() >= 2 && t.substr(0, 2) == "\xC2\xAB") t.remove_prefix(2);  // «
  return is_upper_letter(first_char(t)) && !is_initials(t);
}

bool is_number(std::string_view t) {
  t = core(t);
  if (t.empty() || !g_ascii_isdigit(t.front())) return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return g_ascii_isdigit(c) || c == ',' || c == '.'; });
}

// A group of three digits after a number: «1 234,50».
bool is_thousands_group(std::string_view t) {
  t = core(t);
  if (t.size() < 3) return false;
  for (size_t i = 0; i < 3; ++i)
    if (!g_ascii_isdigit(t[i])) return false;
  return t.size() == 3 || t[3] == ',' || t[3] == '.';
}

// Digits with phone and document punctuation only: «+7», «495», «123-45-67», «45», «(916)».
bool is_numeric_piece(std::string_view t) {
  t = core(t);
  if (t.empty() || std::none_of(t.begin(), t.end(), [](char c) { return g_ascii_isdigit(c); })) return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return g_ascii_isdigit(c) || c == '+' || c == '-' || c == '(' || c == ')'; });
}

bool in(std::string_view t, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), t) != words.end();
}

// Abbreviations that belong to the word after them: «г. Москва», «ул. Правды», «ст. 20».
bool is_leading_abbreviation(std::string_view t) {
  return in(t, {"г.", "ул.", "д.", "стр.", "кв.", "корп.", "к.", "п.", "пп.", "подп.", "ст.", "ч.", "тел.", "пр.",
                "пер.", "обл.", "им.", "т.", "с.", "пос.", "мкр.", "каб.", "пом.", "эт.", "№", "№№", "N", "гл.",
                "разд.", "прил.", "абз."});
}

// Units that belong to the number before them: «2030 г.», «150 руб.», «30 мин».
bool is_unit(std::string_view t) {
  return in(core(t), {"г.", "гг.", "г", "руб.", "руб", "коп.", "коп", "р.", "%", "₽", "мин", "мин.", "ч", "ч.", "лет",
                      "года", "год", "мм", "см", "шт.", "шт", "дн.", "дней", "дня", "мес.", "экз."});
}

bool is_month(std::string_view t) {
  return in(core(t), {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                      "октября", "ноября", "декабря"});
}

// «323-ФЗ», «025-1/у», «III-МЮ», «Л041-01137-77/00368921»: a number or a code with a hyphen or a
// slash — no lower-case word around the joiner to break at.
bool is_code_with_joiner(std::string_view t) {
  const bool joiner = t.find('-') != std::string_view::npos || t.find('/') != std::string_view::npos;
  if (!joiner) return false;
  if (std::any_of(t.begin(), t.end(), [](char c) { return g_ascii_isdigit(c); })) return true;
  const char* p = t.data();
  const char* end = p + t.size();
  while (p < end) {
    gunichar c = g_utf8_get_char_validated(p, end - p);
    if (c == gunichar(-1) || c == gunichar(-2)) return false;
    if (g_unichar_islower(c)) return false;
    p = g_utf8_next_char(p);
  }
  return true;
}

// A one-letter word: a preposition or conjunction that must not end a line («в», «с», «и», «к»).
bool is_one_letter_word(std::string_view t) { return length(t) == 1 && g_unichar_isalpha(first_char(t)); }

bool is_dash(std::string_view t) { return t == "—" || t == "–"; }

Glue merge(Glue g) {
  std::sort(g.begin(), g.end());
  Glue out;
  for (const auto& r : g) {
    if (!out.empty() && r.first <= out.back().second) out.back().second = std::max(out.back().second, r.second);
    else out.push_back(r);
  }
  return out;
}

// ---- Hyphenation ----

// KOI8-R codes of а…я in Unicode order; ё is 0xA3.
constexpr std::string_view kKoi8Lower = "юабцдефгхийклмнопярстужвьызшэщчъ";

int koi8_of(gunichar lower) {
  static const std::array<int, 32> table = [] {
    std::array<int, 32> t{};
    const char* p = kKoi8Lower.data();
    for (int k = 0; k < 32; ++k) {
      gunichar c = g_utf8_get_char(p);
      t[size_t(c - 0x0430)] = 0xC0 + k;
      p = g_utf8_next_char(p);
    }
    return t;
  }();
  if (lower == 0x0451) return 0xA3;
  if (lower >= 0x0430 && lower <= 0x044F) return table[size_t(lower - 0x0430)];
  return -1;
}

HyphenDict* dictionary() {
  static HyphenDict* dict = [] () -> HyphenDict* {
    const char* env = std::getenv("REGISTRATURA_HYPHEN_DICT");
    std::string path = env && *env ? env : "/usr/share/hyphen/hyph_ru_RU.dic";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return nullptr;
    return hnj_hyphen_load(path.c_str());
  }();
  return dict;
}

bool glued(const Glue& glue, size_t begin, size_t end) {
  for (const auto& r : glue)
    if (r.first < end && begin < r.second) return true;
  return false;
}

}  // namespace

Glue no_break_ranges(std::string_view text) {
  const auto toks = tokens_of(text);
  Glue g;
  // Only the gap between two tokens (and the next one's first character, before which Pango would
  // break) is glued: the words themselves may still be hyphenated.
  auto join = [&](size_t i, size_t j) {
    const char* first = text.data() + toks[j].begin;
    g.emplace_back(toks[i].end, toks[j].begin + size_t(g_utf8_next_char(first) - first));
  };
  for (size_t i = 0; i < toks.size(); ++i) {
    const std::string_view t = toks[i].text;
    const bool has_next = i + 1 < toks.size();
    const std::string_view next = has_next ? toks[i + 1].text : std::string_view();
    if (is_code_with_joiner(t)) g.emplace_back(toks[i].begin, toks[i].end);
    if (!has_next) continue;
    if (is_leading_abbreviation(t)) join(i, i + 1);
    if (is_number(t) && core(t) == t && (is_unit(next) || is_thousands_group(next) || is_month(next))) join(i, i + 1);
    if (is_month(t) && is_number(next)) join(i, i + 1);                      // «июня 2030»
    if (t.size() > 4 && t.substr(0, 2) == "\xC2\xAB" && is_month(next)) join(i, i + 1);  // «03» июня
    if (is_initials(next) && starts_upper_word(t)) join(i, i + 1);           // Кузнецова О.
    if (is_initials(t) && (is_initials(next) || starts_upper_word(next)) && core(t) == t) join(i, i + 1);
    if (is_one_letter_word(t)) join(i, i + 1);
    // «+7 495 123-45-67», «45 10 123456»: a phone or a document's series and number stay whole.
    if (is_numeric_piece(t) && core(t) == t && is_numeric_piece(next)) join(i, i + 1);
    if (in(t, {"от", "до", "по", "на", "за", "из", "об", "со"}) && is_number(next)) join(i, i + 1);  // «от 03.06.2030»
    if (is_dash(next)) join(i, i + 1);
  }
  return merge(std::move(g));
}

std::vector<size_t> hyphen_points(std::string_view text, const Glue& glue) {
  std::vector<size_t> out;
  HyphenDict* dict = dictionary();
  if (!dict) return out;
  const char* base = text.data();
  const char* p = base;
  const char* end = base + text.size();
  bool after_letter = false;  // a word that follows a letter (e.g. a Latin one) is not ours
  while (p < end) {
    gunichar c = g_utf8_get_char_validated(p, end - p);
    if (c == gunichar(-1) || c == gunichar(-2)) {
      ++p;
      after_letter = false;
      continue;
    }
    if (koi8_of(g_unichar_tolower(c)) < 0) {
      after_letter = g_unichar_isalpha(c);
      p = g_utf8_next_char(p);
      continue;
    }
    // A run of Cyrillic letters.
    const char* start = p;
    std::string koi;
    std::vector<size_t> ends;  // byte offset after each letter
    bool capital = g_unichar_isupper(c);
    while (p < end) {
      gunichar d = g_utf8_get_char_validated(p, end - p);
      if (d == gunichar(-1) || d == gunichar(-2)) break;
      int k = koi8_of(g_unichar_tolower(d));
      if (k < 0) break;
      koi += char(k);
      p = g_utf8_next_char(p);
      ends.push_back(size_t(p - base));
    }
    const bool letter_follows = p < end && g_unichar_isalpha(g_utf8_get_char_validated(p, end - p));
    // A month in a date («21 ноября 2011») is never split.
    const bool month = is_month(std::string_view(start, size_t(p - start)));
    if (!capital && !after_letter && !letter_follows && !month && koi.size() >= 6) {
      std::vector<char> hyphens(koi.size() + 5, '0');
      char** rep = nullptr;
      int* pos = nullptr;
      int* cut = nullptr;
      if (hnj_hyphen_hyphenate3(dict, koi.data(), int(koi.size()), hyphens.data(), nullptr, &rep, &pos, &cut, 2, 2, 2,
                                2) == 0) {
        for (size_t k = 1; k + 2 < koi.size(); ++k)
          if ((hyphens[k] & 1) && !glued(glue, ends[k], ends[k] + 1)) out.push_back(ends[k]);
      }
      if (rep) {
        for (size_t k = 0; k < koi.size(); ++k) std::free(rep[k]);
        std::free(rep);
      }
      std::free(pos);
      std::free(cut);
    }
    after_letter = false;
  }
  return out;
}

std::string hyphenation_id() { return dictionary() ? "ru_RU" : ""; }

}  // namespace rg::docs
