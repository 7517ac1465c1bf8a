// «Выставить счёт»: the visits of the patient waiting today, billed together (the multi-
// specialist visit), and who pays — the patient, a family member who has a card here (paying
// from his personal account too), a person from the patient's card (a relative: the tax
// certificate then goes to them), another person, or a company (a known one, or by name and INN).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "invoices.h"
#include "patient_persons.h"
#include "payer_companies.h"
#include "payments.h"
#include "ui/shell.h"

namespace rg::desk {

class BillDialog {
 public:
  struct Request {
    std::int64_t patient_id = 0;
    std::string patient_name;
    std::vector<db::UnbilledVisit> visits;
    std::vector<db::LinkedPayer> family;
    std::vector<db::RelatedPerson> people;     // the patient's card
    std::vector<db::PayerCompany> companies;  // known payers
  };
  using Submit = std::function<void(const std::vector<std::int64_t>& visits, const db::InvoicePayer& payer)>;

  void open(Request r, Submit submit);
  void draw(ui::Shell& shell);
  void finished(bool ok, const std::string& error);
  bool is_open() const { return open_; }

 private:
  enum class Who { Patient, Family, Person, Company };
  Request req_;
  Submit submit_;
  std::vector<bool> chosen_;
  Who who_ = Who::Patient;
  int family_ = 0;
  int person_ = 0;   // index into people; people.size() = typed
  int company_ = 0;  // index into companies; companies.size() = typed
  char name_[256] = {}, inn_[16] = {};
  bool open_ = false, just_opened_ = false, busy_ = false;
  std::string error_;
};

}  // namespace rg::desk
