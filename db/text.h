// Text rules of the clinic's data: folding names for search, phone numbers, masked names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rg {

// Lower case for Cyrillic (Russian and the CIS alphabets) and Latin, ё → е, dashes unified,
// white space trimmed and collapsed. SQLite's lower() and LIKE fold ASCII only.
std::string fold(std::string_view s);

// Folded surname parts for the search index: the whole surname first, then every part after
// a hyphen («римская-корсакова», «корсакова»); four keys at most.
std::vector<std::string> surname_keys(std::string_view surname);

// Only the digits of s.
std::string digits_of(std::string_view s);

// A Russian/CIS phone as E.164 digits: "8 (916) 123-45-67" and "+7 916 1234567" both give
// "79161234567"; ten digits starting with 9 get the 7 in front. Empty when it is not a phone.
std::string normalize_phone(std::string_view s);
// "+7 916 123-45-67" for display.
std::string format_phone(std::string_view e164);

std::string reversed(std::string_view s);

// Check numbers of Russian registration numbers (digits only): an INN of 10 digits (an
// organisation) or 12 (a person, when `person`), an OGRN of 13 digits or an OGRNIP of 15.
bool inn_valid(std::string_view digits, bool person = false);
bool ogrn_valid(std::string_view digits);

// «Иванова А. П.»: what the kiosk and notifications may show of a person.
std::string masked_name(std::string_view surname, std::string_view name,
                        std::string_view patronymic);
// «Смирнова Екатерина Андреевна» → «Смирнова Е. А.».
std::string masked_full_name(std::string_view full);
// «Иванова Анна Петровна».
std::string full_name(std::string_view surname, std::string_view name, std::string_view patronymic);

// Trimmed, runs of white space made one space.
std::string fold_spaces(std::string_view s);

// A name part as it is stored: trimmed, single spaces, first letter capitalised ("иванова " →
// "Иванова"); the rest is kept as typed ("Мак-Кейн", "де Бофорт").
std::string tidy_name(std::string_view s);

// The first code point of s, capitalised, as UTF-8 (for initials).
std::string initial(std::string_view s);

// A translated sentence with its %s filled in (printf rules; the result is never cut).
std::string format_text(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

// Appends one code point as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// The least text above every text that starts with `prefix` (its last code point + 1, valid
// UTF-8): `key >= prefix AND key < prefix_end(prefix)` finds the keys with that prefix by an index
// range, in byte order on either engine. Empty for an empty prefix (no bound).
std::string prefix_end(std::string_view prefix);

// UTF-8 helpers shared by the folding code and the UI.
size_t utf8_length(std::string_view s);
// At most max_chars code points; never cuts a multi-byte character.
std::string utf8_truncate(std::string_view s, size_t max_chars);

}  // namespace rg
