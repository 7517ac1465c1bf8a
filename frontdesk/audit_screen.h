// «Журнал аудита»: who did what, when and at which desk — for the manager who answers for the
// patients' data (152-FZ). Filters by person, patient, kind of action and period; the table says
// each action in words with what changed; «Выгрузить CSV» saves what the filters find (and the
// export itself goes into the journal).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit_query.h"
#include "calendar.h"
#include "patient_picker.h"
#include "screen.h"
#include "staff.h"

namespace rg::desk {

class AuditScreen : public Screen {
 public:
  explicit AuditScreen(DeskContext& ctx);
  const char* id() const override { return "audit"; }
  std::string title() const override;
  void on_show() override;
  void on_data_changed() override;
  void draw() override;
  void prepare_screenshot() override;
  // "patient": the journal of the patient whose card was opened last (what a check of one
  // patient's complaint looks like).
  std::vector<std::string> extra_shots() const override { return {"patient"}; }
  void prepare_extra_shot(const std::string& name) override;

  enum class Period { Today, Week, Month, Custom };
  void set_period(Period p);
  void set_kind(db::AuditKind k);
  void set_person(std::optional<std::int64_t> user_id);
  void set_patient(std::optional<db::PatientSummary> patient);
  // Writes what the filters find to <export dir>/audit-YYYY-MM-DD-HHMMSS.csv on the worker.
  void save_csv();

 private:
  static constexpr int kPage = 200;
  db::AuditFilter filter() const;
  // Loads the count and the first `rows` rows again (a filter changed, another desk wrote).
  void reload(int limit = kPage);
  void load_more();
  void draw_filters();
  void draw_period();
  void draw_table();
  void draw_export_line();

  // Filters.
  std::optional<std::int64_t> person_;
  std::optional<db::PatientSummary> patient_;
  db::AuditKind kind_ = db::AuditKind::All;
  Period period_ = Period::Week;
  Date from_, to_;
  char from_text_[16] = {}, to_text_[16] = {};
  PatientPicker picker_;

  std::vector<db::StaffMember> staff_;
  bool staff_loaded_ = false;
  std::optional<std::vector<db::AuditRow>> rows_;
  std::int64_t total_ = 0;
  std::string error_;
  int generation_ = 0;
  bool loading_ = false, loading_more_ = false;

  bool saving_ = false;
  std::string saved_path_, save_error_;
  std::int64_t saved_rows_ = 0;
};

}  // namespace rg::desk
