// The payment dialog: what is due in large figures, cash / card / personal account, what the
// patient hands over and the change in larger figures still, a phone or e-mail for the
// electronic receipt. Keyboard first: it opens with the cash field focused and the amount due
// typed in, Tab moves on, Enter pays, Esc closes. Less than is due is taken only when «in part»
// is ticked, and the button says what will happen («Принять 1 185,00 ₽ частично»). Also used
// for refunds and deposits (the same fields, other limits).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "payments.h"
#include "ui/shell.h"

namespace rg::desk {

class PaymentDialog {
 public:
  struct Request {
    db::NewPayment payment;   // kind and what it is for; the tender is filled in by the dialog
    std::string title;        // «Оплата счёта № 12 — Иванова Мария Петровна»
    db::Kopecks due = 0;      // the most that can be paid (or refunded)
    bool first_part = false;  // an invoice nothing is paid on yet: a part leaves the rest on credit
    db::Kopecks balance = 0;  // on the personal account that may pay (0: no account part)
    db::Kopecks max_cash = -1, max_card = -1;  // refunds: per method; −1 = no limit
    std::string contact;      // the patient's phone, proposed for the electronic copy
  };
  using Submit = std::function<void(const db::NewPayment&)>;

  void open(Request r, Submit submit);
  void draw(ui::Shell& shell);
  // The cash desk answered: close on success, or show why and keep everything typed.
  void finished(bool ok, const std::string& error);
  bool is_open() const { return open_; }

  // For screenshots: type amounts as a cashier would.
  void type(const char* cash, const char* card, const char* tendered, bool in_part = false);

 private:
  std::optional<db::Tender> tender(std::string& problem) const;

  Request req_;
  Submit submit_;
  bool open_ = false, just_opened_ = false, focus_ = false, busy_ = false;
  char cash_[32] = {}, card_[32] = {}, balance_[32] = {}, tendered_[32] = {}, auth_[32] = {};
  char contact_[128] = {}, reason_[256] = {};
  bool in_part_ = false;  // the cashier chose to take less than is due
  std::string error_;
};

}  // namespace rg::desk
