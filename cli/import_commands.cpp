#include "import_commands.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "clinic.h"
#include "patient_import.h"
#include "text.h"

namespace rg::cli {
namespace {

constexpr std::size_t kShownRows = 10;

int misuse(const std::string& what) {
  std::fprintf(stderr,
               "registratura: %s\n"
               "usage: registratura import-patients --db PATH FILE.csv [--dry-run] [--skip-bad-rows]\n"
               "         [--duplicates skip|merge|separate] [--column FIELD=N ...] [--header|--no-header]\n"
               "FIELD: surname, name, patronymic, full_name, birth_date, sex, phones, phones2, email, card, snils,\n"
               "       address, notes; N counts columns from 1 (0: the file has no such column).\n",
               what.c_str());
  return 2;
}

std::string header_of(const db::CsvTable& t, const db::ImportMapping& m, int column) {
  if (!m.header || t.rows.empty() || column < 0 || static_cast<std::size_t>(column) >= t.rows[0].size()) return {};
  return t.rows[0][static_cast<std::size_t>(column)];
}

std::string column_words(const db::CsvTable& t, const db::ImportMapping& m, int column) {
  if (column < 0) return "row";
  std::string s = "column " + std::to_string(column + 1);
  if (auto h = header_of(t, m, column); !h.empty()) s += " «" + h + "»";
  return s;
}

std::string row_words(const db::ImportRow& r) {
  const auto& d = r.draft;
  std::string s = full_name(d.surname, d.name, d.patronymic);
  // A date that did not read is shown as written.
  s += ", " + (r.error_in(db::ImportField::BirthDate) ? r.text[static_cast<std::size_t>(db::ImportField::BirthDate)]
                                                        : d.birth_date.ru());
  s += d.sex == 'M' ? ", M" : ", F";
  for (const auto& p : d.phones) s += ", " + format_phone(p.number);
  if (!d.email.empty()) s += ", " + d.email;
  if (d.snils) s += ", SNILS " + *d.snils;
  if (!r.card_no.empty()) s += ", card " + r.card_no;
  if (!d.address.empty()) s += ", " + d.address;
  if (!d.notes.empty()) s += " (" + utf8_truncate(fold_spaces(d.notes), 40) + ")";
  return s;
}

std::string summary_words(const db::PatientSummary& p) {
  std::string s = full_name(p.surname, p.name, p.patronymic);
  if (auto d = Date::parse_iso(p.birth_date)) s += ", " + d->ru();
  if (!p.phone.empty()) s += ", " + format_phone(p.phone);
  if (!p.card_no.empty()) s += ", card " + p.card_no;
  return s;
}

}  // namespace

bool is_import_command(const std::string& cmd) { return cmd == "import-patients"; }

int run_import_command(int argc, char** argv, const std::string& default_db) {
  std::string path = default_db, file;
  db::ImportOptions o;
  std::vector<std::pair<db::ImportField, int>> columns;
  std::optional<bool> header;  // the first row names the columns: as detected unless told
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    if (a == "--db") {
      auto v = value();
      if (!v) return misuse("--db needs a value");
      path = *v;
    } else if (a == "--dry-run") {
      o.dry_run = true;
    } else if (a == "--skip-bad-rows") {
      o.skip_bad_rows = true;
    } else if (a == "--header" || a == "--no-header") {
      header = a == "--header";
    } else if (a == "--duplicates") {
      auto v = value();
      auto action = v ? db::duplicate_action_from_db(*v) : std::nullopt;
      if (!action) return misuse("--duplicates is skip, merge or separate");
      o.duplicates = *action;
    } else if (a == "--column") {
      auto v = value();
      const auto eq = v ? v->find('=') : std::string::npos;
      if (eq == std::string::npos) return misuse("--column needs FIELD=N");
      auto field = db::import_field_from_key(v->substr(0, eq));
      if (!field) return misuse("no such field: " + v->substr(0, eq));
      char* end = nullptr;
      const long n = std::strtol(v->c_str() + eq + 1, &end, 10);
      if (!end || *end || eq + 1 == v->size() || n < 0 || n > 1000) return misuse("the column is a number from 1: " + *v);
      columns.emplace_back(*field, static_cast<int>(n) - 1);
    } else if (!a.empty() && a[0] == '-') {
      return misuse("unknown option " + a);
    } else if (file.empty()) {
      file = a;
    } else {
      return misuse("one file at a time");
    }
  }
  if (file.empty()) return misuse("give the CSV file");

  auto table = db::read_csv(file);
  if (!table) {
    std::fprintf(stderr, "registratura: %s\n", table.error().message.c_str());
    return 1;
  }
  db::ImportMapping m = db::detect_mapping(*table);
  for (const auto& [field, column] : columns) m[field] = column;
  if (header) m.header = *header;
  o.mapping = m;
  o.file_name = std::filesystem::path(file).filename().string();
  o.preview_rows = kShownRows;

  std::printf("%s: %s, separator '%s', %zu rows%s\n", file.c_str(), table->encoding.c_str(),
              table->separator == '\t' ? "tab" : std::string(1, table->separator).c_str(),
              table->rows.size() - (m.header ? 1 : 0), m.header ? " after the header" : " (no header row)");
  std::printf("Columns used:\n");
  for (db::ImportField f : db::kImportFields) {
    const int c = m[f];
    std::printf("  %-11s %s\n", std::string(db::import_field_key(f)).c_str(),
                c < 0 ? "-" : column_words(*table, m, c).c_str());
  }

  auto database = db::open_clinic(path, {.create = false});
  if (!database) {
    std::fprintf(stderr, "registratura: %s\n", database.error().message.c_str());
    return 1;
  }
  auto report = db::import_patients(*database, *table, o, db::Actor::system("cli"));
  if (!report) {
    std::fprintf(stderr, "registratura: %s\n", report.error().message.c_str());
    return 1;
  }
  const db::ImportReport& r = *report;

  std::printf("The first rows as read:\n");
  for (const auto& row : r.preview) {
    std::printf("  line %zu: %s\n", row.line, row_words(row).c_str());
    for (const auto& e : row.errors) std::printf("      ✗ %s\n", e.reason.c_str());
  }
  if (!r.errors.empty()) {
    std::printf("Errors (%zu):\n", r.errors.size());
    for (const auto& e : r.errors)
      std::printf("  Line %zu, %s: %s\n", e.line, column_words(*table, m, e.column).c_str(), e.reason.c_str());
  }
  if (!r.duplicates.empty()) {
    std::printf("Duplicates (%zu):\n", r.duplicates.size());
    for (const auto& d : r.duplicates) {
      const auto decided = o.decisions.find(d.line);
      const auto action = decided != o.decisions.end()                                        ? decided->second
                          : o.duplicates == db::DuplicateAction::Merge && d.kind == db::DuplicateKind::SameCard ? db::DuplicateAction::Skip
                                                                                                 : o.duplicates;
      std::printf("  line %zu: %s\n    %s\n    %s: %s\n    → %s\n", d.line, d.why.c_str(), summary_words(d.row).c_str(),
                  d.patient_id ? "in the database" : ("line " + std::to_string(d.other_line)).c_str(),
                  summary_words(d.other).c_str(), std::string(db::to_db(action)).c_str());
    }
  }
  if (r.blocked) {
    std::printf("Nothing was imported: %zu row(s) have errors. Fix them, or give --skip-bad-rows to import the rest.\n",
                r.errors.size());
    return 1;
  }
  std::printf("%s\n", o.dry_run ? "Report (a dry run: nothing was written):" : "Report:");
  std::printf("  imported: %zu\n", r.imported.size());
  for (const auto& d : r.imported)
    if (!d.note.empty()) std::printf("    line %zu: %s\n", d.line, d.note.c_str());
  std::printf("  merged: %zu\n", r.merged.size());
  for (const auto& d : r.merged)
    std::printf("    line %zu → card %s: %s\n", d.line, d.card_no.empty() ? "(new)" : d.card_no.c_str(), d.note.c_str());
  std::printf("  skipped: %zu\n", r.skipped.size());
  for (const auto& s : r.skipped) std::printf("    line %zu: %s\n", s.line, s.why.c_str());
  if (r.written) std::printf("Written to %s.\n", path.c_str());
  return 0;
}

}  // namespace rg::cli
