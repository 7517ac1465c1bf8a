// CSV in and out; see csv_text.h.
#include "csv_text.h"

#include <csv.h>
#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "database.h"
#include "i18n.h"
#include "text.h"

namespace rg::db {
namespace {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 9;
    if (n == 9 || (n == 1 && c < 0xC2) || i + n >= s.size() + (n ? 0 : 1)) return false;
    for (std::size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

Result<std::string> from_cp1251(std::string_view s) {
  iconv_t cd = iconv_open("UTF-8", "WINDOWS-1251");
  if (cd == reinterpret_cast<iconv_t>(-1))
    return fail(ErrorCode::Internal, _("The file's encoding cannot be converted."), "iconv_open WINDOWS-1251");
  std::string out(s.size() * 3 + 4, '\0');
  char* in = const_cast<char*>(s.data());
  std::size_t in_left = s.size();
  char* o = out.data();
  std::size_t out_left = out.size();
  const std::size_t r = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1))
    return fail(ErrorCode::Invalid, _("The file is neither UTF-8 nor Windows-1251 text."), "iconv");
  out.resize(out.size() - out_left);
  return out;
}

// The separator found most often outside quotes before the first record ends.
char guess_separator(std::string_view text) {
  int semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    semicolons += c == ';';
    commas += c == ',';
    tabs += c == '\t';
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  return commas > semicolons ? ',' : ';';
}

struct Collector {
  std::string_view text;
  CsvTable* table = nullptr;
  std::vector<std::string> row;
  std::size_t row_start_line = 1, line = 1, counted_to = 0;

  void count_lines_to(std::size_t pos) {
    for (; counted_to < pos && counted_to < text.size(); ++counted_to)
      if (text[counted_to] == '\n') ++line;
  }
};

void on_field(void* s, std::size_t len, void* data) {
  auto* c = static_cast<Collector*>(data);
  std::string f(s ? static_cast<const char*>(s) : "", s ? len : 0);
  // csv_field's formula guard, undone.
  if (f.size() >= 2 && f[0] == '\'' &&
      (f[1] == '=' || f[1] == '+' || f[1] == '-' || f[1] == '@' || f[1] == '\t' || f[1] == '\r'))
    f.erase(0, 1);
  c->row.push_back(std::move(f));
}

void on_record(int, void* data) {
  auto* c = static_cast<Collector*>(data);
  bool blank = true;
  for (const auto& f : c->row)
    if (!f.empty()) blank = false;
  if (!blank) {
    c->table->rows.push_back(std::move(c->row));
    c->table->line.push_back(c->row_start_line);
  }
  c->row.clear();
}

}  // namespace

Result<CsvTable> parse_csv(std::string_view bytes, char separator) {
  CsvTable table;
  if (bytes.starts_with(kCsvBom)) bytes.remove_prefix(3);
  std::string converted;
  if (valid_utf8(bytes)) {
    table.encoding = "UTF-8";
  } else {
    RG_TRY_ASSIGN(converted, from_cp1251(bytes));
    bytes = converted;
    table.encoding = "Windows-1251";
  }
  table.separator = separator ? separator : guess_separator(bytes);

  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
    return fail(ErrorCode::Internal, _("The CSV reader could not start."), "csv_init");
  csv_set_delim(&p, static_cast<unsigned char>(table.separator));
  // Only spaces are trimmed around unquoted fields: a tab may be the separator.
  csv_set_space_func(&p, [](unsigned char ch) { return ch == ' ' ? 1 : 0; });
  Collector c{bytes, &table, {}, 1, 1, 0};
  // Records are fed one line at a time so each knows the line it began on; libcsv keeps a
  // quoted field open across lines itself.
  std::size_t pos = 0;
  bool in_record = false;
  while (pos < bytes.size()) {
    std::size_t end = bytes.find('\n', pos);
    end = end == std::string_view::npos ? bytes.size() : end + 1;
    if (!in_record) c.row_start_line = c.line;
    if (csv_parse(&p, bytes.data() + pos, end - pos, on_field, on_record, &c) != end - pos) {
      const std::size_t at = c.row_start_line;
      csv_free(&p);
      return fail(ErrorCode::Invalid,
                  format_text(_("Line %zu: a quote is not closed or stray text follows a closing quote."), at),
                  csv_strerror(csv_error(&p)));
    }
    c.count_lines_to(end);
    // Still inside a record when the parser holds an unfinished field or row.
    in_record = !c.row.empty() || p.pstate != 0;
    pos = end;
  }
  if (csv_fini(&p, on_field, on_record, &c) != 0) {
    const std::size_t at = c.row_start_line;
    csv_free(&p);
    return fail(ErrorCode::Invalid, format_text(_("Line %zu: a quote is not closed before the end of the file."), at),
                "csv_fini");
  }
  csv_free(&p);
  return table;
}

Result<CsvTable> read_csv(const std::filesystem::path& path, char separator) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail(ErrorCode::Io, format_text(_("Cannot open the file %s."), path.string().c_str()), std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad())
    return fail(ErrorCode::Io, format_text(_("Cannot read the file %s."), path.string().c_str()), std::strerror(errno));
  return parse_csv(ss.str(), separator);
}

std::string csv_field(std::string_view value) {
  std::string v;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r'))
    v += '\'';
  v += value;
  if (v.find_first_of(";,\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) {
    if (c == '"') q += '"';
    q += c;
  }
  q += '"';
  return q;
}

namespace {
template <typename Fields>
void line_of(std::string& out, const Fields& fields) {
  bool first = true;
  for (const auto& f : fields) {
    if (!first) out += ';';
    first = false;
    out += csv_field(f);
  }
  out += "\r\n";
}
}  // namespace

void csv_line(std::string& out, std::initializer_list<std::string_view> fields) { line_of(out, fields); }
void csv_line(std::string& out, const std::vector<std::string>& fields) { line_of(out, fields); }

}  // namespace rg::db
