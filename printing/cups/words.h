// Sentences for people with values put in: "%s" placeholders filled in order.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace rg::cups {

// Replaces each "%s" in a (translated) sentence with the next value; extra values are ignored.
std::string say(std::string_view sentence, std::initializer_list<std::string_view> values);

}  // namespace rg::cups
