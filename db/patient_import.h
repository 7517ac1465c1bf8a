// Bringing a clinic's patient base in: the CSV its old program or Excel saved (read by csv_text.h),
// its columns recognised by their names, every row parsed with the reason in words when it does
// not read, duplicates found within the file and against the database, and the rows written as the
// desk writes a new card (insert_patient: the same columns, search keys and phones) in one
// transaction with one audit row. A dry run gives the same report and writes nothing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "csv_text.h"
#include "database.h"
#include "patients.h"

namespace rg::db {

// What a column of the file may hold. FullName is «Иванов Иван Петрович» in one column (used
// when there is no surname column); Phones and Phones2 both take one or several numbers.
enum class ImportField {
  Surname, Name, Patronymic, FullName, BirthDate, Sex, Phones, Phones2, Email, CardNo, Snils, Address, Notes
};
inline constexpr ImportField kImportFields[] = {
    ImportField::Surname, ImportField::Name,   ImportField::Patronymic, ImportField::FullName, ImportField::BirthDate,
    ImportField::Sex,     ImportField::Phones, ImportField::Phones2,    ImportField::Email,    ImportField::CardNo,
    ImportField::Snils,   ImportField::Address, ImportField::Notes};
inline constexpr std::size_t kImportFieldCount = std::size(kImportFields);

// "surname", "name", "patronymic", "full_name", "birth_date", "sex", "phones", "phones2", "email",
// "card", "snils", "address", "notes": the CLI's --column names.
std::string_view import_field_key(ImportField f);
std::optional<ImportField> import_field_from_key(std::string_view key);
// «Фамилия», «Дата рождения» … in the UI language.
std::string import_field_title(ImportField f);

// Which column (0-based) holds each field; -1: not in the file.
struct ImportMapping {
  std::array<int, kImportFieldCount> column;
  bool header = false;  // the first row names the columns and is not a patient
  ImportMapping() { column.fill(-1); }
  int& operator[](ImportField f) { return column[static_cast<std::size_t>(f)]; }
  int operator[](ImportField f) const { return column[static_cast<std::size_t>(f)]; }
  bool has(ImportField f) const { return (*this)[f] >= 0; }
  bool operator==(const ImportMapping&) const = default;
};

// The mapping the first row's names say: Фамилия / Имя / Отчество or ФИО («Ф.И.О.», «Пациент»),
// «Дата рождения», Пол, Телефон, Email, «№ карты» / «Номер карты» / Карта, СНИЛС, Адрес,
// Примечание, and their English equivalents. Nothing recognised: header = false, nothing mapped.
ImportMapping detect_mapping(const CsvTable& table);
// What the mapping lacks to be used (a surname and a first name, or a full-name column, and the
// date of birth), in words; empty when it can be used.
std::string mapping_problem(const ImportMapping& m);

struct ImportCellError {
  ImportField field = ImportField::Surname;
  int column = -1;  // 0-based; -1: the row as a whole
  std::string reason;
};

struct ImportRow {
  std::size_t line = 0;  // the file's line where the row starts
  PatientDraft draft;    // names tidied, phones as E.164 digits
  std::string card_no;   // as given, trimmed; empty: the core gives the next number
  std::array<std::string, kImportFieldCount> text;  // each field's cell as written, trimmed
  std::vector<ImportCellError> errors;
  bool ok() const { return errors.empty(); }
  // The reason the field does not read, or null.
  const ImportCellError* error_in(ImportField f) const {
    for (const auto& e : errors)
      if (e.field == f) return &e;
    return nullptr;
  }
};

// Every data row read with the mapping; dates of birth are checked against `today`.
std::vector<ImportRow> parse_import_rows(const CsvTable& table, const ImportMapping& m, Date today);

// The date of birth as people and Excel write it: ДД.ММ.ГГГГ, Д.М.ГГГГ, ГГГГ-ММ-ДД, ДД.ММ.ГГ (a
// year not after this one's two digits is this century's), an Excel day number, a time after it
// ignored. Empty `reason` and a date, or the reason in words.
std::optional<Date> parse_birth_date(std::string_view text, Date today, std::string& reason);

enum class DuplicateAction {
  Skip,      // the row is not imported
  Merge,     // only the card's empty fields are filled and new phones added; nothing is overwritten
  Separate,  // imported as a patient of its own
};
std::string_view to_db(DuplicateAction a);  // "skip", "merge", "separate"
std::optional<DuplicateAction> duplicate_action_from_db(std::string_view s);
std::string duplicate_action_title(DuplicateAction a);

enum class DuplicateKind {
  SamePerson,  // the same surname, first name and date of birth (case and ё folded)
  SamePhone,   // one of the phones and the surname
  SameCard,    // the card number is another patient's
};

struct ImportDuplicate {
  std::size_t line = 0;  // the row of the file
  DuplicateKind kind = DuplicateKind::SamePerson;
  std::string why;     // in words
  PatientSummary row;  // the file's row as it would be stored (id 0, card as given)
  // The other side: a card in the database (patient_id), or an earlier row of the file.
  std::int64_t patient_id = 0;
  std::size_t other_line = 0;
  PatientSummary other;
};

struct ImportOptions {
  std::optional<ImportMapping> mapping;  // none: detect_mapping
  std::string file_name;                 // for the audit row
  bool dry_run = false;
  bool skip_bad_rows = false;  // else one bad row stops the whole import
  // Every duplicate not decided below; Merge here leaves a card number of another person (SameCard)
  // skipped: that one is merged only when decided for its row.
  DuplicateAction duplicates = DuplicateAction::Skip;
  std::map<std::size_t, DuplicateAction> decisions;    // by the duplicate row's line
  std::size_t preview_rows = 20;                       // parsed rows kept in the report
};

struct ImportError {
  std::size_t line = 0;
  int column = -1;  // 0-based; -1: the row as a whole
  ImportField field = ImportField::Surname;
  std::string reason;
};

struct ImportSkip {
  std::size_t line = 0;
  std::string why;
};

struct ImportDone {
  std::size_t line = 0;
  std::int64_t patient_id = 0;  // 0 in a dry run for a new card
  std::string card_no;          // the new card's number (empty in a dry run when the core numbers it)
  std::string note;             // merged: the fields filled; imported: why the card got another number
};

struct ImportReport {
  ImportMapping mapping;
  std::string encoding;
  char separator = ';';
  std::size_t rows = 0;  // data rows in the file
  std::vector<ImportRow> preview;  // the first rows as parsed
  std::vector<ImportError> errors;
  std::vector<ImportDuplicate> duplicates;
  std::vector<ImportDone> imported, merged;  // done, or in a dry run what would be
  std::vector<ImportSkip> skipped;
  bool blocked = false;  // rows with errors and no skip_bad_rows: nothing imported
  bool written = false;  // committed
};

// Needs PatientsEdit (a dry run too: it shows the patients). With errors and no skip_bad_rows
// nothing is written (blocked); otherwise every row is imported, merged or skipped (bad rows,
// duplicates left skipped) in one BEGIN IMMEDIATE transaction with one audit row
// «import.patients» (the file's name and the counts, no personal data).
Result<ImportReport> import_patients(Database& db, const CsvTable& table, const ImportOptions& options,
                                     const Actor& actor);
// The same for a file read with read_csv; file_name defaults to the file's name.
Result<ImportReport> import_patients_file(Database& db, const std::filesystem::path& file, ImportOptions options,
                                          const Actor& actor);

}  // namespace rg::db
