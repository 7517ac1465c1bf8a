// «Касса»: the visits waiting for payment and the open invoices on the left; the chosen
// invoice (lines, discounts, payer, payments, refunds) on the right; the shift strip on top
// (open, X report, cash in / out, close with the handover). Reads go through the desk's worker;
// anything that touches the fiscal registrar goes through the CashService's own thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bill_dialog.h"
#include "cash_desk.h"
#include "cash_shifts.h"
#include "invoices.h"
#include "payment_dialog.h"
#include "payments.h"
#include "screen.h"
#include "shift_dialog.h"
#include "ui/texture.h"

namespace rg::desk {

class CashScreen : public Screen {
 public:
  explicit CashScreen(DeskContext& ctx) : Screen(ctx) {}
  const char* id() const override { return "cash"; }
  std::string title() const override;
  void on_show() override;
  void on_data_changed() override { reload(); }
  void draw() override;
  void prepare_screenshot() override;
  std::vector<std::string> extra_shots() const override { return {"bill", "payment", "part", "close"}; }
  void prepare_extra_shot(const std::string& name) override;

  void reload();
  void select_invoice(std::int64_t id);
  void bill_patient(std::int64_t patient_id);  // asks what to bill and who pays
  // From the patient's card, once the board is loaded: the patient's open invoice to take
  // payment, else the bill of today's visits, else a notice that there is nothing to bill.
  void bill_for(std::int64_t patient_id);
  void deposit();                              // top up the selected patient's account
  void open_payment();

 private:
  struct Board {
    std::optional<db::CashShift> shift;
    std::optional<std::int64_t> last_closed;  // the till's last closed shift, for its report
    db::ShiftTotals totals;
    std::vector<db::UnbilledVisit> awaiting;
    std::vector<db::Invoice> open;
    std::optional<db::Payment> pending;
  };
  struct Selected {
    db::Invoice invoice;
    std::vector<db::Payment> payments;
    db::Kopecks balance = 0;  // of the account that may pay
    std::string contact;      // the patient's phone for the electronic receipt
  };
  struct DiscountEdit {
    std::optional<std::int64_t> line_id;  // none: the whole invoice
    char percent[16] = {};
    char reason[256] = {};
    char pin[16] = {};  // a senior administrator's, for a discount above the limit
    bool open = false, just_opened = false;
    std::string error;
  };

  void load_selected(std::int64_t invoice_id);
  void make_invoice(const std::vector<std::int64_t>& visits, const db::InvoicePayer& payer);
  void cash_job(std::string done_notice, std::function<Status(cash::CashDesk&, db::Database&)> job,
                std::function<void(bool, const std::string&)> after = {});
  void pay(const db::NewPayment& p);
  void refund(const db::Payment& original);
  void open_shift_dialog(ShiftDialog::Kind kind);
  // The shift's report (templates/shift_report.md) rendered on the worker and sent to the
  // documents printer.
  void print_shift_report(std::int64_t shift_id);
  void set_notice(std::string text, bool error);

  void draw_shift_strip();
  void draw_pending();
  void draw_lists(float width, float height);
  void draw_invoice(float width, float height);
  void draw_discount_dialog();
  void draw_receipt(float width, float height);
  // The last receipt the till printed, as a picture of the paper (simulated printer only).
  void load_last_receipt();

  std::optional<Board> board_;
  std::optional<Selected> selected_;
  std::optional<std::int64_t> selected_id_;
  std::string error_, notice_;
  bool notice_is_error_ = false, loading_ = false, busy_ = false;
  std::optional<std::int64_t> bill_for_;  // waiting for the board
  int generation_ = 0;
  PaymentDialog payment_;
  BillDialog bill_;
  ShiftDialog shift_;
  DiscountEdit discount_;
  ui::Texture receipt_;
  std::string receipt_name_;  // «напечатан сегодня 10:42»
};

}  // namespace rg::desk
