// The price list as files: exported to CSV (for Excel in Russia) and XLSX, imported from CSV.
// Columns, in the UI language: Код; Наименование; Краткое наименование; Категория; Специальность;
// Длительность, мин; Цена, ₽; Действует с; Код вычета; Активна. An import matches the header by
// names (Russian or English, any order and case; Код, Наименование and Цена required; «Действует
// с» is only informative) and a line to a service by its code (services sharing a code — one
// service for two specialties — by the code and the specialty), shows first what it would do — new services, what changes, the lines
// that are wrong with their line numbers and why — and then applies all of it or nothing in one
// transaction. It never changes a price in force: new prices take effect from the chosen day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "csv_text.h"
#include "database.h"
#include "price_edit.h"

namespace rg::db {

// The header row, translated.
std::vector<std::string> price_list_columns();
// UTF-8 with a BOM, ';', CRLF; prices as «1500,00», dates as 31.12.2030, «да»/«нет».
std::string price_list_csv(const std::vector<ServiceCard>& cards);
// The same columns as an .xlsx workbook: a bold, frozen header row, prices as numbers (0.00),
// dates as dates. Io when the temporary file cannot be written.
Result<std::string> price_list_xlsx(const std::vector<ServiceCard>& cards);

// The list read again and written to `path` (.xlsx: a workbook, anything else: CSV), the folder
// made when missing, with the export in the audit log in the same transaction ("export.prices":
// the file, the format, the number of services) — no file without its audit row. Open to anyone:
// the prices are no secret. Returns the number of services written.
Result<std::int64_t> export_price_list(Database& db, const std::string& path, std::int64_t now, const Actor& actor);

enum class ImportLineKind { New, Changed, Same, Wrong };

struct PriceImportLine {
  std::size_t line = 0;  // in the file, as a text editor counts
  ImportLineKind kind = ImportLineKind::Same;
  std::string code, name;
  std::vector<std::string> changes;  // in words: «цена с 01.07.2030: 1 500,00 ₽ → 1 600,00 ₽»
  std::string problem;               // Wrong: why, in words
  // What applying does.
  std::optional<std::int64_t> service_id;  // none: a new service
  ServiceDraft draft;
  std::optional<Kopecks> price;  // a new price from the import's day
  std::optional<bool> active;    // a change of active
  bool fields_change = false;
};

struct PriceImportPreview {
  std::string file;
  std::string encoding;
  char separator = ';';
  Date from;                          // the day new prices take effect
  std::vector<std::string> problems;  // the file as a whole: no header, a required column missing, a past day
  std::vector<std::string> notes;     // columns not used
  std::vector<PriceImportLine> lines; // every data line, in the file's order
  int added = 0, changed = 0, same = 0, wrong = 0;
  int prices = 0;                     // of the changed services, those with a new price
  CsvTable table;                     // what was read: apply_price_import applies this, not the file again
  bool ok() const { return problems.empty() && wrong == 0; }
  // «Строки 4, 9: …» — the wrong lines' numbers, comma-separated.
  std::string wrong_lines() const;
};

// What importing `table` would do, against the database as it is (no permission needed: it writes
// nothing). `from` must be today or later.
Result<PriceImportPreview> preview_price_import(Database& db, const CsvTable& table, std::string_view file, Date from,
                                                std::int64_t now);
// read_csv, then preview_price_import.
Result<PriceImportPreview> preview_price_import_file(Database& db, const std::string& path, Date from, std::int64_t now);
// PricesEdit; one transaction, analysed again inside it: when any line is wrong nothing is written
// (Invalid naming the lines); otherwise every new service and change is written and one audit row
// "import.prices" (the file, the day, the counts). A file that changes nothing writes nothing.
// Returns what was applied.
Result<PriceImportPreview> apply_price_import(Database& db, const CsvTable& table, std::string_view file, Date from,
                                              std::int64_t now, const Actor& actor);

}  // namespace rg::db
