// Cash shifts (кассовые смены) of a till: opened with a counted float, cash in/out during the
// day with reasons, closed with the cash counted against what is expected and a handover note
// for the next administrator. The registrar's own shift is driven by cash/cash_desk.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "database.h"
#include "money.h"

namespace rg::db {

// The law allows a fiscal shift of at most 24 hours.
inline constexpr std::int64_t kMaxShiftSeconds = 24 * 3600;

struct CashShift {
  std::int64_t id = 0;
  std::string till;
  std::int64_t opened_at = 0;
  std::string cashier_name;
  Kopecks float_amount = 0;
  std::optional<std::int64_t> fiscal_shift_number;
  std::optional<std::int64_t> closed_at;
  std::optional<Kopecks> counted;
  std::optional<Kopecks> expected;
  std::optional<Kopecks> handed_over;
  std::string handover_notes;
  // The people who opened and closed it (full names; "" before sign-in existed or when a system
  // actor did).
  std::string opened_by, closed_by;
  bool expired(std::int64_t now) const { return !closed_at && now - opened_at > kMaxShiftSeconds; }
};

struct ShiftTotals {
  Kopecks cash_sales = 0, card_sales = 0, balance_sales = 0;
  Kopecks cash_refunds = 0, card_refunds = 0, balance_refunds = 0;
  Kopecks cash_deposits = 0, card_deposits = 0;
  Kopecks cash_in = 0, cash_out = 0;  // cash_out as a positive amount
  int receipts = 0;
  // The cash that should be in the drawer: float + cash taken − cash given back ± movements.
  Kopecks expected_cash(Kopecks float_amount) const {
    return float_amount + cash_sales + cash_deposits - cash_refunds + cash_in - cash_out;
  }
};

Result<std::optional<CashShift>> open_shift_of(Database& db, std::string_view till);
Result<CashShift> load_shift(Database& db, std::int64_t shift_id);
Result<std::optional<CashShift>> last_closed_shift(Database& db, std::string_view till);
Result<std::int64_t> record_shift_open(Database& db, std::string_view till, std::string_view cashier_name,
                                       Kopecks float_amount, const Actor& actor);
Status set_fiscal_shift_number(Database& db, std::int64_t shift_id, std::int64_t number);
Status record_cash_movement(Database& db, std::int64_t shift_id, Kopecks amount, std::string_view reason,
                            const Actor& actor);
Result<ShiftTotals> shift_totals(Database& db, std::int64_t shift_id);
// Closes the shift: stores the count, what was expected, what was handed over and the notes.
Status record_shift_close(Database& db, std::int64_t shift_id, Kopecks counted, Kopecks handed_over,
                          std::string_view notes, const Actor& actor);

// Revenue of registered payments in [from, to] (local dates): by method, by doctor, by
// service; a payment is spread over its invoice's lines in proportion, refunds subtract.
struct RevenueRow {
  std::string label;
  Kopecks amount = 0;
};
struct Revenue {
  Kopecks cash = 0, card = 0, balance = 0;  // sales minus refunds
  Kopecks deposits = 0;                     // net advances taken to personal accounts
  std::vector<RevenueRow> by_doctor;
  std::vector<RevenueRow> by_service;
  Kopecks total() const { return cash + card + balance; }
};
Result<Revenue> revenue(Database& db, Date from, Date to);
// The same for the reports: only for whoever may read reports (ReportsView).
Result<Revenue> revenue_report(Database& db, Date from, Date to, const Actor& reader);

}  // namespace rg::db
