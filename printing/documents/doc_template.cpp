// Front matter is a handful of `key: value` lines between two `---` lines; everything after is
// the body, handed to Mustache and then to md4c untouched.
#include "doc_template.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "database.h"
#include "i18n.h"

namespace rg::docs {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Error template_error(std::string_view source, int line, std::string_view what, std::string_view detail) {
  char buf[1024];
  std::snprintf(buf, sizeof buf, _("Template %s, line %d: %s"), std::string(source).c_str(), line,
                std::string(what).c_str());
  return Error(ErrorCode::Invalid, buf,
               std::string(source) + ":" + std::to_string(line) + (detail.empty() ? "" : ": " + std::string(detail)));
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (unsigned char c : h) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

int DocTemplate::copies_for(const db::DocNode& data) const {
  if (!copies_when_flag.empty()) {
    const db::DocNode* f = data.find(copies_when_flag);
    if (f && f->is_bool() && f->flag()) return copies_when;
  }
  return copies;
}

Result<DocTemplate> parse_template(std::string text, std::string_view source) {
  DocTemplate t;
  t.source = std::string(source);
  std::string_view rest = text;
  int line = 0;
  auto next_line = [&]() -> std::optional<std::string_view> {
    if (rest.empty()) return std::nullopt;
    auto nl = rest.find('\n');
    std::string_view l = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    ++line;
    return l;
  };
  auto first = next_line();
  if (!first || trim(*first) != "---")
    return std::unexpected(template_error(source, 1, _("the template must start with a line \"---\" and its "
                                                       "description (id, title, version)")));
  bool closed = false;
  bool has_id = false, has_version = false;
  while (auto l = next_line()) {
    std::string_view s = trim(*l);
    if (s == "---") {
      closed = true;
      break;
    }
    if (s.empty() || s.front() == '#') continue;
    auto colon = s.find(':');
    if (colon == std::string_view::npos)
      return std::unexpected(template_error(source, line, _("expected \"name: value\" in the description")));
    std::string_view key = trim(s.substr(0, colon)), value = trim(s.substr(colon + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    auto bad = [&](const char* what) { return std::unexpected(template_error(source, line, what, std::string(key))); };
    if (key == "id") {
      if (value.empty() || value.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string_view::npos)
        return bad(_("the id is Latin lower-case letters, digits, \"_\" and \"-\""));
      t.id = std::string(value);
      has_id = true;
    } else if (key == "title") {
      t.title = std::string(value);
    } else if (key == "version") {
      auto v = to_int(value);
      if (!v || *v < 1) return bad(_("the version is a whole number from 1"));
      t.version = *v;
      has_version = true;
    } else if (key == "copies") {
      auto v = to_int(value);
      if (!v || *v < 1 || *v > 20) return bad(_("copies is a whole number from 1 to 20"));
      t.copies = *v;
    } else if (key == "copies_when") {
      auto sp = value.rfind(' ');
      auto v = sp == std::string_view::npos ? std::nullopt : to_int(value.substr(sp + 1));
      if (!v || *v < 1 || *v > 20) return bad(_("copies_when is a condition and a number: \"payer.is_other 3\""));
      t.copies_when_flag = std::string(trim(value.substr(0, sp)));
      t.copies_when = *v;
    } else if (key == "paper") {
      if (value != "A4" && value != "A5") return bad(_("paper is A4 or A5"));
      t.paper = std::string(value);
    } else if (key == "font_size") {
      auto v = to_int(value);
      if (!v || *v < 7 || *v > 16) return bad(_("font_size is a whole number of points from 7 to 16"));
      t.font_size = *v;
    } else if (key == "law") {
      t.law = std::string(value);  // the act the form follows: shown to the clinic, not printed
    } else if (key == "page_numbers") {
      if (value != "yes" && value != "no") return bad(_("page_numbers is yes or no"));
      t.page_numbers = value == "yes";
    } else {
      return bad(_("unknown setting in the description"));
    }
  }
  if (!closed)
    return std::unexpected(template_error(source, line, _("the description is not closed with a line \"---\"")));
  if (!has_id || !has_version)
    return std::unexpected(template_error(source, 1, _("the description needs an id and a version")));
  t.body_line = line + 1;
  t.body = std::string(rest);
  t.sha256 = sha256_hex(text);
  t.text = std::move(text);
  return t;
}

Result<DocTemplate> load_template_file(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return fail(ErrorCode::Io, _("The template file cannot be read."), path.string());
  std::stringstream ss;
  ss << f.rdbuf();
  return parse_template(ss.str(), path.filename().string());
}

// README.md, LEGAL.md: the folder's notes for the clinic, not templates (their names are capitals).
static bool is_notes(const std::filesystem::path& p) {
  const std::string stem = p.stem().string();
  return !stem.empty() && std::all_of(stem.begin(), stem.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

Result<std::vector<DocTemplate>> load_templates(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".md" && !is_notes(e.path())) files.push_back(e.path());
  if (ec) return fail(ErrorCode::Io, _("The templates folder cannot be read."), dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<DocTemplate> out;
  for (const auto& p : files) {
    RG_TRY_ASSIGN(auto t, load_template_file(p));
    for (const auto& o : out)
      if (o.id == t.id) return std::unexpected(template_error(t.source, 2, _("another template has the same id"), o.source));
    out.push_back(std::move(t));
  }
  return out;
}

std::filesystem::path templates_dir() {
  if (const char* env = std::getenv("REGISTRATURA_TEMPLATES_DIR"); env && *env) return env;
  return REGISTRATURA_TEMPLATES_SOURCE_DIR;
}

}  // namespace rg::docs
