// «Представитель или доверенное лицо»: a person the patient's card keeps — a parent or guardian
// who signs for a child, someone the patient allows to be told about their health, a relative
// who pays. The documents take their names, documents and authority from here.
#pragma once

#include <functional>
#include <string>

#include "id_document_fields.h"
#include "patient_persons.h"
#include "ui/shell.h"

namespace rg::desk {

class PersonDialog {
 public:
  using Submit = std::function<void(const db::RelatedPerson&)>;
  // A new person (p.id == 0) or one to change; `patient_name` titles the dialog.
  void open(const db::RelatedPerson& p, const std::string& patient_name, Submit submit);
  void draw(ui::Shell& shell);
  // The save's answer: closes on success, shows the core's sentence otherwise.
  void finished(bool ok, const std::string& error);
  bool is_open() const { return open_; }

  // The person as typed so far (tests and screenshots fill the form through it).
  db::RelatedPerson typed() const;

 private:
  db::RelatedPerson base_;
  std::string patient_name_;
  Submit submit_;
  char relation_[64] = {}, surname_[128] = {}, name_[128] = {}, patronymic_[128] = {}, birth_[16] = {},
       phone_[32] = {}, address_[512] = {}, inn_[16] = {}, authority_[300] = {};
  IdDocumentFields id_doc_;
  int sex_ = 1;  // 0 male, 1 female
  bool representative_ = false, informed_ = false;
  bool open_ = false, just_opened_ = false, busy_ = false;
  std::string error_;
};

}  // namespace rg::desk
