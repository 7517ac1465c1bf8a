#include "shift_report.h"

#include "calendar.h"
#include "cash_shifts.h"
#include "text.h"

namespace rg::db {

Result<DocNode> shift_report_data(Database& db, std::int64_t shift_id, const DocumentHeader& header) {
  RG_TRY_ASSIGN(auto shift, load_shift(db, shift_id));
  RG_TRY_ASSIGN(auto totals, shift_totals(db, shift_id));
  const LocalTime opened = to_local(shift.opened_at);
  const Date last_day = shift.closed_at ? to_local(*shift.closed_at).date : today();
  RG_TRY_ASSIGN(auto rev, revenue(db, opened.date, last_day));
  DocNode root;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db));
  root["document"] = header_node(db, header);
  DocNode& s = root["shift"];
  s["number"] = std::to_string(shift.fiscal_shift_number.value_or(0));
  s["till"] = shift.till;
  s["cashier"] = shift.cashier_name;
  // Who handed the till over and who took it: the people signed in when it opened and closed.
  s["opened_by"] = shift.opened_by.empty() ? shift.cashier_name : masked_full_name(shift.opened_by);
  s["closed_by"] = shift.closed_by.empty() ? std::string() : masked_full_name(shift.closed_by);
  s["handed_by"] = shift.closed_by.empty() ? shift.cashier_name : masked_full_name(shift.closed_by);
  s["opened"] = opened.date.ru() + " " + hhmm(opened.minutes);
  s["closed"] = shift.closed_at ? to_local(*shift.closed_at).date.ru() + " " + hhmm(to_local(*shift.closed_at).minutes)
                                : std::string("смена не закрыта");
  s["is_closed"] = shift.closed_at.has_value();
  s["float"] = rubles(shift.float_amount);
  s["cash_sales"] = rubles(totals.cash_sales);
  s["card_sales"] = rubles(totals.card_sales);
  s["balance_sales"] = rubles(totals.balance_sales);
  s["cash_refunds"] = rubles(totals.cash_refunds);
  s["card_refunds"] = rubles(totals.card_refunds);
  s["deposits"] = rubles(totals.cash_deposits + totals.card_deposits);
  s["cash_in"] = rubles(totals.cash_in);
  s["cash_out"] = rubles(totals.cash_out);
  s["receipts"] = std::to_string(totals.receipts);
  const Kopecks expected = shift.expected.value_or(totals.expected_cash(shift.float_amount));
  s["expected"] = rubles(expected);
  s["counted"] = shift.counted ? rubles(*shift.counted) : std::string("—");
  const Kopecks diff = shift.counted ? *shift.counted - expected : 0;
  s["difference"] = diff == 0 ? std::string("нет") : (diff > 0 ? "излишек " : "недостача ") + rubles(diff > 0 ? diff : -diff);
  s["handed_over"] = shift.handed_over ? rubles(*shift.handed_over) : std::string("—");
  s["notes"] = shift.handover_notes;
  s["has_notes"] = !shift.handover_notes.empty();
  root["revenue"]["total"] = rubles(rev.total());
  auto rows = [](const std::vector<RevenueRow>& in) {
    DocNode list = DocNode::list();
    for (const auto& r : in) {
      DocNode n;
      n["label"] = r.label;
      n["amount"] = rubles(r.amount);
      list.push(std::move(n));
    }
    return list;
  };
  root["revenue"]["by_doctor"] = rows(rev.by_doctor);
  root["revenue"]["by_service"] = rows(rev.by_service);
  return root;
}

}  // namespace rg::db
