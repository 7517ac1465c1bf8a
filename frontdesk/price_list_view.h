// «Прайс-лист» in Settings, for whoever may edit prices: every service with its current price and
// the next one planned, searchable; the editor of one service with «Новая цена с даты» and the
// service's price history; making a service inactive (refused, with the reason, while an open
// invoice or a visit to come has it) and active again; the list exported to CSV and XLSX in the
// desk's export folder; a CSV imported after a preview (new, changed, wrong lines with their
// numbers) with «Применить». Everything is read and written on the worker.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clinic.h"
#include "core_action.h"
#include "price_edit.h"
#include "price_files.h"
#include "screen.h"

namespace rg::desk {

class PriceListView {
 public:
  explicit PriceListView(DeskContext& ctx) : ctx_(ctx) {}
  void load();
  void draw();
  // Screenshots: the editor open on the first service; the import's preview of a made-up file
  // (a changed price, a new service, two wrong lines) written to the temporary folder.
  void prepare_edit_shot();
  void prepare_import_shot();

 private:
  struct Form {
    std::optional<std::int64_t> id;
    bool active = true;
    char code[40] = {}, name[1100] = {}, short_name[130] = {}, category[210] = {};
    char price[40] = {}, from[16] = {};
    int duration = 30, tax_code = 1;
    std::optional<std::int64_t> specialty;
    std::vector<db::PriceRow> history;
  };
  struct Import {
    char path[1024] = {}, from[16] = {};
    bool checking = false;
    std::optional<db::PriceImportPreview> preview;
    std::string error;
  };

  void edit(const db::ServiceCard* c);
  void draw_table();
  void draw_form();
  void draw_import();
  void export_to(const char* extension);
  void check_import();
  // What is missing or does not read in the form, "" when it may be sent.
  std::string form_problem(db::ServiceDraft& d, std::optional<db::NewPrice>& price) const;

  DeskContext& ctx_;
  std::vector<db::ServiceCard> services_;
  std::vector<db::Specialty> specialties_;
  char query_[120] = {};
  bool show_inactive_ = true;
  std::optional<Form> form_;
  bool form_open_ = false, form_just_opened_ = false;
  Import import_;
  bool import_open_ = false, import_just_opened_ = false;
  ActionState action_;       // the view's: exports, what the editor or the import did
  ActionState form_action_;  // the editor's: the core's refusal shows in it
  bool exporting_ = false;
  bool loading_ = false, loaded_ = false;
  bool pending_edit_shot_ = false;
};

}  // namespace rg::desk
