// «Организация-плательщик»: a company that pays for patients, with what the contract names —
// OGRN, INN, KPP, address, who signs for it and on what authority.
#pragma once

#include <functional>
#include <string>

#include "payer_companies.h"
#include "ui/shell.h"

namespace rg::desk {

class CompanyDialog {
 public:
  using Submit = std::function<void(const db::PayerCompany&)>;
  void open(const db::PayerCompany& c, Submit submit);
  void draw(ui::Shell& shell);
  void finished(bool ok, const std::string& error);
  bool is_open() const { return open_; }
  db::PayerCompany typed() const;

 private:
  db::PayerCompany base_;
  Submit submit_;
  char name_[300] = {}, inn_[16] = {}, kpp_[16] = {}, ogrn_[20] = {}, address_[512] = {}, phone_[32] = {},
       position_[200] = {}, signatory_[300] = {}, authority_[300] = {};
  int sex_ = 0;  // 0 from the patronymic, 1 male, 2 female
  bool open_ = false, just_opened_ = false, busy_ = false;
  std::string error_;
};

}  // namespace rg::desk
