// CSV as clinics exchange it with Excel: reading what Excel in Russia saves (';' or ',' or tab
// between fields, UTF-8 with or without a BOM, or Windows-1251; quoted fields with quotes, line
// breaks and separators inside) and writing what it opens without asking (UTF-8 with a BOM, ';',
// CRLF, RFC 4180 quoting, formula-guarded). Parsing is libcsv's; this file only decides the
// encoding and separator and turns the bytes into rows of UTF-8 text.
#pragma once

#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"

namespace rg::db {

struct CsvTable {
  char separator = ';';
  std::string encoding;  // "UTF-8" or "Windows-1251": what the file was read as
  // Every record as UTF-8 fields, blank lines skipped; line[i] is the file's line (1-based) where
  // rows[i] starts, for messages such as «строка 17: дата рождения 31.02.1980 не существует».
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> line;
};

// Reads bytes as a CSV: a UTF-8 BOM is dropped; text that is not valid UTF-8 is taken as
// Windows-1251 (what «CSV (разделители — запятые)» in a Russian Excel writes); the separator is
// the one of ';', ',', tab found most often outside quotes in the first record, unless `separator`
// is given. A field written by csv_field with a leading ' before = + - @ comes back without it.
// An unterminated quote is Invalid with the line where the field began.
Result<CsvTable> parse_csv(std::string_view bytes, char separator = 0);
// The same for a file; a missing or unreadable file is Io with its name.
Result<CsvTable> read_csv(const std::filesystem::path& path, char separator = 0);

// Starts a CSV for Excel: the UTF-8 byte order mark, so Excel does not read it as cp1251.
inline constexpr const char* kCsvBom = "\xEF\xBB\xBF";
// One CSV field: quoted when needed; a value Excel would take for a formula (starting with
// = + - @, a tab or CR) gets a leading ' so it shows as text.
std::string csv_field(std::string_view value);
// One record: the fields through csv_field, ';' between them, CRLF at the end.
void csv_line(std::string& out, std::initializer_list<std::string_view> fields);
void csv_line(std::string& out, const std::vector<std::string>& fields);

}  // namespace rg::db
