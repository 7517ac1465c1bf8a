// «Новый пациент» and «Изменить»: the patient's card as a form. A new card is checked for
// twins first (the same name and birth date, or the same phone and birth date): the desk opens
// the existing card or confirms that this is someone else. An edit is refused when another desk
// saved the card meanwhile, and the typed form stays open.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "clinic.h"
#include "id_document_fields.h"
#include "patients.h"
#include "screen.h"

namespace rg::desk {

class PatientDialog {
 public:
  explicit PatientDialog(DeskContext& ctx) : ctx_(ctx) {}
  // `on_saved(id)`: the card was created or changed; `on_open(id)`: the desk chose an existing
  // card instead of a new one.
  using Done = std::function<void(std::int64_t patient_id)>;
  void open_new(const std::string& typed, Done on_saved, Done on_open);
  void open_edit(const db::Patient& p, Done on_saved);
  void draw();
  bool is_open() const { return open_; }

  // The card as typed so far (tests and screenshots fill the form through it).
  db::PatientDraft typed() const;
  std::string problem() const;  // what is missing or mistyped, in words; empty when it can be saved
  // For the screenshot: the birth date and phone typed, the first source chosen, saved.
  void demo_fill(Date birth, const std::string& phone);

 private:
  void reset();
  void load_sources();
  void save();
  void draw_twins();

  DeskContext& ctx_;
  std::optional<db::Patient> base_;  // the card being edited; none for a new one
  Done on_saved_, on_open_;
  std::vector<db::ReferralSource> sources_;
  char surname_[101] = {}, name_[101] = {}, patronymic_[101] = {}, birth_[16] = {}, phone_[32] = {},
       phone2_[32] = {}, email_[255] = {}, address_[501] = {}, oms_[24] = {}, snils_[20] = {}, inn_[16] = {},
       notes_[2001] = {};
  IdDocumentFields id_doc_;
  int sex_ = 1;  // 0 male, 1 female
  int source_ = -1;
  bool marketing_ = false;
  std::vector<db::PatientSummary> twins_;  // found before creating: the desk decides
  bool not_a_twin_ = false;
  bool demo_save_ = false;
  bool sex_chosen_ = false;  // until then the name tells
  bool open_ = false, just_opened_ = false, busy_ = false;
  std::string error_;
  int generation_ = 0;
};

}  // namespace rg::desk
