// «Импорт пациентов» in Settings, for whoever edits patient cards: a CSV file's path, its columns
// as recognised (each changeable), the first rows as read with the cells that do not read marked
// and why, the duplicates with a decision per row, the errors and, after a check or the import, the
// rows skipped; «Проверить (без записи)» and «Импортировать». Reading, checking and writing all run
// on the worker (db/patient_import.h); the frame only draws the last answer.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "patient_import.h"
#include "screen.h"

namespace rg::desk {

class ImportView {
 public:
  explicit ImportView(DeskContext& ctx) : ctx_(ctx) {}
  void draw();
  // Screenshots: reads the sample file (tests/fixtures/patients_import_sample.csv: rows that do not
  // read, duplicates in the file and a card number the demo clinic has); `tab` 0 duplicates, 1 errors.
  void prepare_shot(int tab);

 private:
  enum class Tab { Duplicates, Errors, Skipped };
  void read();  // the file, its columns recognised, then a check
  void check(bool write);
  void draw_mapping();
  void draw_preview(float height);
  void draw_lists(float height);
  void draw_footer();

  DeskContext& ctx_;
  char path_[1024] = {};
  std::shared_ptr<const db::CsvTable> table_;
  std::string table_file_;  // the path table_ was read from
  db::ImportMapping mapping_;
  std::optional<db::ImportReport> report_;  // the last check or import
  bool report_is_import_ = false;           // report_ is the import's own (written)
  std::map<std::size_t, db::DuplicateAction> decisions_;
  bool skip_bad_ = false;
  bool busy_ = false;
  int generation_ = 0;
  std::string notice_, error_;
  std::optional<Tab> want_tab_;  // a tab to select on the next frame
};

}  // namespace rg::desk
