// «Пациенты»: type-ahead search over every patient, paged, and the patient's card.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "appointments.h"
#include "patients.h"
#include "invoices.h"
#include "letter_dialog.h"
#include "patient_dialog.h"
#include "patient_persons.h"
#include "person_dialog.h"
#include "payments.h"
#include "screen.h"

namespace rg::desk {

class PatientsScreen : public Screen {
 public:
  explicit PatientsScreen(DeskContext& ctx) : Screen(ctx), patient_dialog_(ctx) {}
  const char* id() const override { return "patients"; }
  std::string title() const override;
  void on_show() override { focus_search_ = true; }
  void on_data_changed() override;
  void draw() override;
  void prepare_screenshot() override;

  // Input and state, usable by tests and by --search.
  void set_query(const std::string& text);
  void select(std::int64_t patient_id);
  std::optional<std::int64_t> total() const { return total_; }
  const std::optional<db::Patient>& card() const { return card_; }

  std::vector<std::string> extra_shots() const override;  // "letter", "person", "child", "edit", "new"
  void prepare_extra_shot(const std::string& name) override;

 private:
  static constexpr int kPage = 100;
  void request_page(int page);
  const db::PatientSummary* row(int index);
  void draw_results();
  void draw_card();
  void draw_actions(const db::Patient& p);
  void draw_debt();
  void new_patient();
  // `opened`: the person has just opened this card (the opening is audited), not a reload.
  void load_card(bool opened = false);
  void draw_money();
  void draw_dms();
  void draw_people();
  void add_letter();
  void edit_person(const db::RelatedPerson& p);

  char query_[256] = {};
  std::string submitted_;
  int generation_ = 0;
  std::optional<std::int64_t> total_;
  std::map<int, std::vector<db::PatientSummary>> pages_;
  std::set<int> requested_;
  std::string error_;
  std::optional<std::int64_t> selected_;
  std::optional<db::Patient> card_;
  // Money: the personal account, who else pays for the patient, the latest payments.
  db::Kopecks balance_ = 0;
  db::Debt debt_;
  std::vector<db::LinkedPayer> payers_;
  std::vector<db::Payment> payments_;
  std::vector<db::GuaranteeLetter> letters_;  // DMS
  LetterDialog letter_dialog_;
  std::vector<db::RelatedPerson> people_;  // representatives and trusted persons
  PersonDialog person_dialog_;
  PatientDialog patient_dialog_;
  std::vector<db::PatientVisit> visits_;
  int card_generation_ = 0;
  bool focus_search_ = true;
  bool select_first_ = false;
};

}  // namespace rg::desk
