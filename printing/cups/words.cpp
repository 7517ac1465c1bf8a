// Filling translated sentences: translators may move "%s" around, so no positional formatting.
#include "words.h"

namespace rg::cups {

std::string say(std::string_view sentence, std::initializer_list<std::string_view> values) {
  std::string out;
  out.reserve(sentence.size() + 64);
  auto next = values.begin();
  for (size_t i = 0; i < sentence.size(); ++i) {
    if (sentence[i] == '%' && i + 1 < sentence.size() && sentence[i + 1] == 's' &&
        next != values.end()) {
      out += *next++;
      ++i;
    } else {
      out += sentence[i];
    }
  }
  return out;
}

}  // namespace rg::cups
