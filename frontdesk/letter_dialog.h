// «Гарантийное письмо ДМС»: what the insurer promised for this patient — the insurer, the
// letter's number, its dates, the limit, the services it covers (from the price list). The
// cash desk then bills those services to the insurer, and the kiosk stops asking the patient
// to see the desk about an expired letter.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "invoices.h"
#include "price_list.h"
#include "ui/shell.h"

namespace rg::desk {

class LetterDialog {
 public:
  struct Request {
    std::int64_t patient_id = 0;
    std::string patient_name;
    std::vector<db::Insurer> insurers;
    std::vector<db::ServiceOffer> services;
  };
  using Submit = std::function<void(const db::GuaranteeLetter&)>;

  void open(Request r, Submit submit);
  void draw(ui::Shell& shell);
  void finished(bool ok, const std::string& error);
  bool is_open() const { return open_; }

 private:
  Request req_;
  Submit submit_;
  std::vector<bool> covered_;
  int insurer_ = 0;
  char number_[64] = {}, from_[16] = {}, to_[16] = {}, limit_[32] = {};
  bool open_ = false, just_opened_ = false, busy_ = false;
  std::string error_;
};

}  // namespace rg::desk
