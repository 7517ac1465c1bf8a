// Unicode here is only what names and phones of the region need: Cyrillic and Latin letters.
#include "text.h"

#include <vector>
#include <cstdarg>
#include <cstdio>

#include <algorithm>

namespace rg {
namespace {

// Decodes one UTF-8 code point at s[i], advancing i. Invalid bytes decode as U+FFFD.
char32_t decode(std::string_view s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i++]);
  if (b < 0x80) return b;
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
  if (extra < 0 || b > 0xF4) return 0xFFFD;
  char32_t cp = b & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size()) return 0xFFFD;
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (c & 0x3F);
    ++i;
  }
  return cp;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t to_lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;  // Latin-1
  if (c == 0x401 || c == 0x451) return 0x435;              // Ё ё → е
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;           // Ѐ..Џ (Є І Ї Ў …)
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;           // А..Я
  // Extended Cyrillic (Ukrainian Ґ, Kazakh Ә Ғ Қ Ң Ө Ұ Ү Һ, …): upper case at even positions.
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
    return (c % 2 == 0) ? c + 1 : c;
  if (c == 0x4C0) return 0x4CF;
  if (c >= 0x4C1 && c <= 0x4CE) return (c % 2 == 1) ? c + 1 : c;
  return c;
}

char32_t to_upper(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if (c >= 0x430 && c <= 0x44F) return c - 0x20;
  if (c >= 0x450 && c <= 0x45F) return c - 0x50;
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
    return (c % 2 == 1) ? c - 1 : c;
  return c;
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x2007 ||
         c == 0x202F;
}

bool is_dash(char32_t c) { return c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2212; }

}  // namespace

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = decode(s, i);
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (is_dash(c)) c = '-';
    encode(to_lower(c), out);
  }
  return out;
}

std::vector<std::string> surname_keys(std::string_view surname) {
  std::vector<std::string> keys;
  std::string whole = fold(surname);
  if (whole.empty()) return keys;
  keys.push_back(whole);
  size_t pos = 0;
  while ((pos = whole.find('-', pos)) != std::string::npos) {
    ++pos;
    size_t end = whole.find('-', pos);
    std::string part = whole.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    // trim a space around the hyphen: «Римская - Корсакова»
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty() && keys.size() < 4 && std::find(keys.begin(), keys.end(), part) == keys.end())
      keys.push_back(part);
  }
  return keys;
}

std::string digits_of(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

std::string normalize_phone(std::string_view s) {
  std::string d = digits_of(s);
  if (d.size() == 11 && d[0] == '8') d[0] = '7';
  if (d.size() == 10 && d[0] == '9') d = "7" + d;
  if (d.size() < 5 || d.size() > 15) return {};
  return d;
}

std::string format_phone(std::string_view e) {
  if (e.size() == 11 && e[0] == '7') {
    std::string out = "+7 ";
    out.append(e.substr(1, 3)).append(" ").append(e.substr(4, 3)).append("-");
    out.append(e.substr(7, 2)).append("-").append(e.substr(9, 2));
    return out;
  }
  return "+" + std::string(e);
}

std::string reversed(std::string_view s) { return std::string(s.rbegin(), s.rend()); }

std::string initial(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t c = decode(s, i);
    if (is_space(c)) continue;
    std::string out;
    encode(to_upper(c), out);
    return out;
  }
  return {};
}

std::string fold_spaces(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = decode(s, i);
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    encode(c, out);
  }
  return out;
}

std::string tidy_name(std::string_view s) {
  std::string out;
  bool pending_space = false, first = true;
  for (size_t i = 0; i < s.size();) {
    char32_t c = decode(s, i);
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    encode(first ? to_upper(c) : c, out);
    first = false;
  }
  return out;
}

std::string masked_name(std::string_view surname, std::string_view name,
                        std::string_view patronymic) {
  std::string out(surname);
  std::string n = initial(name), p = initial(patronymic);
  if (!n.empty()) out += " " + n + ".";
  if (!p.empty()) out += " " + p + ".";
  return out;
}

std::string masked_full_name(std::string_view full) {
  std::string parts[3];
  size_t k = 0;
  for (char ch : fold_spaces(full)) {
    if (ch == ' ') {
      if (k < 2) ++k;
      else parts[2] += ch;
      continue;
    }
    parts[k] += ch;
  }
  return masked_name(parts[0], parts[1], parts[2]);
}

std::string full_name(std::string_view surname, std::string_view name,
                      std::string_view patronymic) {
  std::string out(surname);
  if (!name.empty()) out.append(" ").append(name);
  if (!patronymic.empty()) out.append(" ").append(patronymic);
  return out;
}

std::string prefix_end(std::string_view prefix) {
  std::vector<char32_t> cps;
  for (size_t i = 0; i < prefix.size();) cps.push_back(decode(prefix, i));
  while (!cps.empty() && cps.back() == 0x10FFFF) cps.pop_back();  // nothing above it: bump the one before
  if (cps.empty()) return {};
  char32_t& last = cps.back();
  last = last == 0xD7FF ? 0xE000 : last + 1;  // surrogates are not characters
  std::string out;
  for (char32_t cp : cps) encode(cp, out);
  return out;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string utf8_truncate(std::string_view s, size_t max_chars) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == max_chars) return std::string(s.substr(0, i));
      ++n;
    }
  }
  return std::string(s);
}

bool inn_valid(std::string_view d, bool person) {
  if (!std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  auto check = [&](std::initializer_list<int> weights) {
    int sum = 0, i = 0;
    for (int w : weights) sum += w * (d[size_t(i++)] - '0');
    return sum % 11 % 10;
  };
  if (d.size() == 10 && !person) return check({2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[9] - '0';
  if (d.size() == 12)
    return check({7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[10] - '0' &&
           check({3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[11] - '0';
  return false;
}

bool ogrn_valid(std::string_view d) {
  if (d.size() != 13 && d.size() != 15) return false;
  if (!std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  // The number without its last digit, modulo 11 (OGRN) or 13 (OGRNIP), then modulo 10.
  const int mod = d.size() == 13 ? 11 : 13;
  int rest = 0;
  for (size_t i = 0; i + 1 < d.size(); ++i) rest = (rest * 10 + (d[i] - '0')) % mod;
  return rest % 10 == d.back() - '0';
}

}  // namespace rg

namespace rg {

std::string format_text(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  va_list again;
  va_copy(again, args);
  int n = std::vsnprintf(nullptr, 0, fmt, args);
  va_end(args);
  std::string out(n > 0 ? size_t(n) : 0, '\0');
  if (n > 0) std::vsnprintf(out.data(), out.size() + 1, fmt, again);
  va_end(again);
  return out;
}

}  // namespace rg

namespace rg {

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

}  // namespace rg
