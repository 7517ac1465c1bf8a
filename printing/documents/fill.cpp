// kainjow::mustache does the placeholders; a context of our own records the names it could not
// find (kainjow would print nothing for them).
#include "fill.h"

#include <kainjow/mustache.hpp>

#include <cctype>
#include <regex>
#include <set>
#include <vector>

#include "database.h"
#include "grammar.h"
#include "i18n.h"

namespace rg::docs {
namespace {

namespace mst = kainjow::mustache;

mst::data to_mustache(const db::DocNode& n) {
  if (n.is_string()) return mst::data(n.str());
  if (n.is_bool()) return mst::data(n.flag() ? mst::data::type::bool_true : mst::data::type::bool_false);
  if (n.is_list()) {
    mst::data l(mst::data::type::list);
    for (const auto& item : n.items()) l.push_back(to_mustache(item));
    return l;
  }
  mst::data o(mst::data::type::object);
  for (const auto& [k, v] : n.fields()) o.set(k, to_mustache(v));
  return o;
}

// Records every name that resolves to nothing.
class StrictContext : public mst::context<std::string> {
 public:
  explicit StrictContext(const mst::data* root) : mst::context<std::string>(root) {}
  const mst::data* get(const std::string& name) const override {
    const mst::data* d = mst::context<std::string>::get(name);
    if (!d) missing.insert(name);
    return d;
  }
  mutable std::set<std::string> missing;
};

int line_of_offset(const DocTemplate& t, size_t offset) {
  int line = t.body_line;
  for (size_t i = 0; i < offset && i < t.body.size(); ++i)
    if (t.body[i] == '\n') ++line;
  return line;
}

// The first line of the body where a tag names `name`.
int line_of_tag(const DocTemplate& t, const std::string& name) {
  std::string quoted;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80) quoted += c;
    else { quoted += '\\'; quoted += c; }
  }
  std::regex re("\\{\\{\\{?[#^/&]?\\s*" + quoted + "\\s*\\}?\\}\\}");
  std::smatch m;
  if (std::regex_search(t.body, m, re)) return line_of_offset(t, size_t(m.position(0)));
  return t.body_line;
}

}  // namespace

std::string markdown_escape(std::string_view value) {
  std::string out;
  out.reserve(value.size() + value.size() / 4);
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (u < 0x20 || u == 0x7f) {
      // other control characters print as nothing
    } else if (u < 0x80 && std::ispunct(u)) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdown_unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (text[i] == '\\' && next < 0x80 && std::ispunct(next)) {
      out += text[++i];
    } else {
      out += text[i];
    }
  }
  return out;
}

Result<std::string> fill_template(const DocTemplate& t, const db::DocNode& data) {
  mst::mustache m(t.body);
  if (!m.is_valid()) {
    // kainjow says "Unclosed section \"x\" at 123": the number is an offset into the body.
    const std::string& msg = m.error_message();
    size_t offset = 0;
    auto at = msg.rfind(" at ");
    if (at != std::string::npos) offset = size_t(std::strtoull(msg.c_str() + at + 4, nullptr, 10));
    return std::unexpected(template_error(t.source, line_of_offset(t, offset),
                                          _("a placeholder or section is not written correctly"), msg));
  }
  m.set_custom_escape([](const std::string& s) { return markdown_escape(s); });
  mst::data root = to_mustache(data);
  StrictContext ctx(&root);
  std::string out = m.render(ctx);
  if (!m.is_valid()) return std::unexpected(template_error(t.source, t.body_line, _("the template cannot be filled"), m.error_message()));
  if (!ctx.missing.empty()) {
    // A name form nobody confirmed: ask for it by name, with the rules' suggestion.
    if (const db::DocNode* questions = data.find("name_questions"); questions && questions->is_map()) {
      for (const auto& name : ctx.missing) {
        auto it = questions->fields().find(name);
        if (it == questions->fields().end() || !it->second.is_map()) continue;
        const auto& f = it->second.fields();
        auto get = [&](const char* k) { auto x = f.find(k); return x != f.end() && x->second.is_string() ? x->second.str() : std::string(); };
        const auto c = db::gram_case_from_db(get("case"));
        char msg[1024];
        std::snprintf(msg, sizeof msg, _("How does «%s» read in this case: %s? Suggested: «%s». Confirm or correct it once; "
                                         "the documents will use it from then on."),
                      get("nominative").c_str(), c ? db::case_question(*c) : get("case").c_str(), get("suggestion").c_str());
        const char sep = '\x1f';
        return fail(ErrorCode::Invalid, msg,
                    std::string("name_form") + sep + name + sep + get("nominative") + sep + get("sex") + sep + get("case") +
                        sep + get("suggestion"));
      }
    }
    // Report the one that comes first in the text.
    std::string first;
    int first_line = 0;
    for (const auto& name : ctx.missing) {
      int l = line_of_tag(t, name);
      if (first.empty() || l < first_line) {
        first = name;
        first_line = l;
      }
    }
    char what[512];
    std::snprintf(what, sizeof what, _("no value for {{%s}}"), first.c_str());
    return std::unexpected(template_error(t.source, first_line, what, first));
  }
  return join_table_rows(out);
}

std::string join_table_rows(std::string_view markdown) {
  // A section that prints nothing leaves its line empty, and an empty line ends a Markdown table:
  // drop empty lines that sit between two table rows.
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos <= markdown.size();) {
    size_t nl = markdown.find('\n', pos);
    if (nl == std::string_view::npos) nl = markdown.size();
    lines.push_back(markdown.substr(pos, nl - pos));
    pos = nl + 1;
  }
  auto is_row = [](std::string_view l) {
    while (!l.empty() && l.front() == ' ') l.remove_prefix(1);
    return !l.empty() && l.front() == '|';
  };
  // «|---:|:---|»: only pipes, dashes, colons and spaces, at least one dash.
  auto is_delimiter_row = [](std::string_view l) {
    bool dash = false;
    for (char c : l) {
      if (c == '-') dash = true;
      else if (c != '|' && c != ':' && c != ' ' && c != '\t' && c != '\r') return false;
    }
    return dash && l.find('|') != std::string_view::npos;
  };
  std::string out;
  out.reserve(markdown.size());
  size_t last_kept = std::string_view::npos;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    if (l.find_first_not_of(" \t\r") == std::string_view::npos && last_kept != std::string_view::npos &&
        is_row(lines[last_kept])) {
      size_t next = i + 1;
      while (next < lines.size() && lines[next].find_first_not_of(" \t\r") == std::string_view::npos) ++next;
      // …unless the row after the gap opens a table of its own (its delimiter row follows).
      const bool new_table = next + 1 < lines.size() && is_delimiter_row(lines[next + 1]);
      if (next < lines.size() && is_row(lines[next]) && !new_table) continue;
    }
    if (i) out += '\n';
    out += l;
    last_kept = i;
  }
  return out;
}

}  // namespace rg::docs
