// The shift dialogs of the cash desk: open (the float counted), cash in / out with a reason,
// and close — the cash counted against what is expected, what is handed over, and the
// handover note for the next administrator, proposed from tomorrow's list and the open tasks.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cash_shifts.h"
#include "ui/shell.h"

namespace rg::desk {

class ShiftDialog {
 public:
  enum class Kind { Open, CashIn, CashOut, Close };
  struct Values {
    db::Kopecks amount = 0;       // float / movement / counted
    db::Kopecks handed_over = 0;  // close
    std::string text;             // reason / handover notes
  };
  using Submit = std::function<void(Kind, const Values&)>;

  // `expected` is the cash the drawer should hold (close, cash out); `note` the proposed
  // handover note (close) or what is not ready among the devices (open).
  // `unpaid` (close): today's visits not billed and open invoices, listed before the shift closes.
  void open(Kind kind, db::Kopecks expected, std::string note, Submit submit, std::vector<std::string> unpaid = {});
  void draw(ui::Shell& shell);
  void finished(bool ok, const std::string& error);
  bool is_open() const { return open_; }
  void type(const char* amount, const char* handed_over);  // screenshots

 private:
  Kind kind_ = Kind::Open;
  db::Kopecks expected_ = 0;
  Submit submit_;
  bool open_ = false, just_opened_ = false, focus_ = false, busy_ = false;
  char amount_[32] = {}, handed_[32] = {}, text_[2048] = {};
  std::string error_;
  std::vector<std::string> unpaid_;
};

}  // namespace rg::desk
