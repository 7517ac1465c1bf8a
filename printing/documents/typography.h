// Russian typesetting rules applied to a paragraph's text before Pango breaks it into lines:
// where a line must not break («№ 736», «Кузнецова О. В.», «323-ФЗ», «2030 г.», «1 234,50»,
// a one-letter preposition and its word, a dash and the word before it) and where a long word
// may be hyphenated (libhyphen with the ru_RU patterns), so justified lines have no wide gaps.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rg::docs {

// Byte ranges [first, second) of the text inside which no line may break.
using Glue = std::vector<std::pair<size_t, size_t>>;
Glue no_break_ranges(std::string_view text);

// The byte offsets after which a soft hyphen may go (ascending), for words of running text:
// lower-case Cyrillic words of six letters or more, outside `glue`; never in a name (a word that
// starts with a capital letter), never leaving fewer than two letters on either side.
// Empty when the patterns are not installed (hyphen-ru).
std::vector<size_t> hyphen_points(std::string_view text, const Glue& glue);

// "ru_RU" when the hyphenation patterns were found, "" when not: part of the renderer's id,
// since a document laid out without them breaks its lines elsewhere.
std::string hyphenation_id();

}  // namespace rg::docs
