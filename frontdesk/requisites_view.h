// «Реквизиты клиники» in Settings: what every contract, consent and certificate prints — the
// legal name, addresses, OGRN/INN/KPP, the licence, who signs and on what authority, the bank —
// edited and saved in one go (the database checks the numbers' lengths).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clinic.h"
#include "screen.h"

namespace rg::desk {

class RequisitesView {
 public:
  explicit RequisitesView(DeskContext& ctx) : ctx_(ctx) {}
  void load();
  void draw();

 private:
  struct Field {
    const char* label;    // msgid
    std::string* value;   // into clinic_ or settings_
    bool multiline = false;
    int suggest = -1;  // index of kKeys whose form the rules can suggest
    const char* hint = "";
  };
  // The clinic.* settings the documents read besides the clinic table.
  static constexpr const char* kKeys[] = {"clinic.city",
                                          "clinic.head.genitive",
                                          "clinic.licence.works",
                                          "clinic.bank.name",
                                          "clinic.bank.bik",
                                          "clinic.bank.account",
                                          "clinic.bank.corr_account",
                                          "clinic.website",
                                          "clinic.head.authority",
                                          "clinic.licence.authority_instrumental",
                                          "clinic.licence.authority_address",
                                          "clinic.licence.authority_phone",
                                          "documents.pd.processors",
                                          "documents.contract.waiting_terms",
                                          "clinic.registration",
                                          "documents.contract.company_payment_terms"};
  // A case form the desk may take from the rules: the setting's index and the suggestion.
  void suggest(std::size_t index);
  std::vector<Field> fields();
  void save();

  DeskContext& ctx_;
  std::optional<db::Clinic> clinic_;
  std::string licence_date_;  // ДД.ММ.ГГГГ as typed
  std::string settings_[std::size(kKeys)];
  std::string notice_;
  bool notice_is_error_ = false, busy_ = false;
};

}  // namespace rg::desk
