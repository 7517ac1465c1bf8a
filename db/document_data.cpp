// The document data tree, its canonical JSON, and sums as documents write them.
#include "document_data.h"

#include <array>

#include "audit.h"

namespace rg::db {

DocNode& DocNode::operator[](std::string_view key) {
  if (!is_map()) v_ = Map{};
  auto& m = std::get<Map>(v_);
  auto it = m.find(key);
  if (it == m.end()) it = m.emplace(std::string(key), DocNode{}).first;
  return it->second;
}

DocNode& DocNode::set(std::string_view path, DocNode value) {
  DocNode* node = this;
  for (;;) {
    auto dot = path.find('.');
    if (dot == std::string_view::npos) {
      DocNode& leaf = (*node)[path];
      leaf = std::move(value);
      return leaf;
    }
    node = &(*node)[path.substr(0, dot)];
    path.remove_prefix(dot + 1);
  }
}

const DocNode* DocNode::find(std::string_view path) const {
  const DocNode* node = this;
  while (node) {
    if (!node->is_map()) return nullptr;
    auto dot = path.find('.');
    auto key = path.substr(0, dot);
    auto it = node->fields().find(key);
    node = it == node->fields().end() ? nullptr : &it->second;
    if (dot == std::string_view::npos) return node;
    path.remove_prefix(dot + 1);
  }
  return nullptr;
}

namespace {

void write_json(const DocNode& n, std::string& out) {
  if (n.is_string()) {
    out += '"';
    out += json_escape(n.str());
    out += '"';
  } else if (n.is_bool()) {
    out += n.flag() ? "true" : "false";
  } else if (n.is_list()) {
    out += '[';
    bool first = true;
    for (const auto& item : n.items()) {
      if (!first) out += ',';
      first = false;
      write_json(item, out);
    }
    out += ']';
  } else {
    out += '{';
    bool first = true;
    for (const auto& [k, v] : n.fields()) {  // std::map: sorted by key
      if (!first) out += ',';
      first = false;
      out += '"';
      out += json_escape(k);
      out += "\":";
      write_json(v, out);
    }
    out += '}';
  }
}

// 0 → "one" form (рубль), 1 → "few" (рубля), 2 → "many" (рублей).
int plural_form(std::int64_t n) {
  std::int64_t t = n % 100;
  if (t >= 11 && t <= 14) return 2;
  switch (n % 10) {
    case 1: return 0;
    case 2: case 3: case 4: return 1;
    default: return 2;
  }
}

// Words for 1…999; `feminine` for thousands (одна тысяча, две тысячи).
std::string triad_words(int n, bool feminine) {
  static constexpr std::array<const char*, 10> hundreds = {
      "", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"};
  static constexpr std::array<const char*, 10> tens = {
      "", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"};
  static constexpr std::array<const char*, 10> teens = {
      "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
      "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"};
  static constexpr std::array<const char*, 10> units = {
      "", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"};
  std::string out;
  auto add = [&out](const char* w) {
    if (!*w) return;
    if (!out.empty()) out += ' ';
    out += w;
  };
  add(hundreds[n / 100]);
  int rest = n % 100;
  if (rest >= 10 && rest < 20) {
    add(teens[rest - 10]);
  } else {
    add(tens[rest / 10]);
    int u = rest % 10;
    if (feminine && u == 1) add("одна");
    else if (feminine && u == 2) add("две");
    else add(units[u]);
  }
  return out;
}

}  // namespace

std::string DocNode::to_json() const {
  std::string out;
  write_json(*this, out);
  return out;
}

std::string rubles(std::int64_t kopecks) {
  bool negative = kopecks < 0;
  std::uint64_t k = negative ? std::uint64_t(-(kopecks + 1)) + 1 : std::uint64_t(kopecks);
  std::string whole = std::to_string(k / 100);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i && (whole.size() - i) % 3 == 0) grouped += "\u00A0";  // no-break space between groups
    grouped += whole[i];
  }
  char cents[4];
  cents[0] = ',';
  cents[1] = char('0' + (k % 100) / 10);
  cents[2] = char('0' + k % 10);
  cents[3] = 0;
  return (negative ? "-" : "") + grouped + cents;
}

std::string rubles_in_words(std::int64_t kopecks) {
  if (kopecks < 0) return "минус " + rubles_in_words(-kopecks);
  std::int64_t r = kopecks / 100;
  int k = int(kopecks % 100);
  static constexpr const char* scale[4][3] = {
      {"", "", ""},
      {"тысяча", "тысячи", "тысяч"},
      {"миллион", "миллиона", "миллионов"},
      {"миллиард", "миллиарда", "миллиардов"}};
  std::string words;
  if (r == 0) words = "ноль";
  int group_count = 0;
  std::int64_t tmp = r;
  std::array<int, 5> groups{};
  while (tmp > 0 && group_count < 5) {
    groups[size_t(group_count++)] = int(tmp % 1000);
    tmp /= 1000;
  }
  for (int g = group_count - 1; g >= 0; --g) {
    int n = groups[size_t(g)];
    if (n == 0) continue;
    if (!words.empty()) words += ' ';
    words += triad_words(n, g == 1);
    if (g >= 1 && g <= 3) {
      words += ' ';
      words += scale[g][plural_form(n)];
    }
  }
  static constexpr const char* rub[3] = {"рубль", "рубля", "рублей"};
  static constexpr const char* kop[3] = {"копейка", "копейки", "копеек"};
  char kk[3] = {char('0' + k / 10), char('0' + k % 10), 0};
  return words + " " + rub[plural_form(r)] + " " + kk + " " + kop[plural_form(k)];
}

}  // namespace rg::db
