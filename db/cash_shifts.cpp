// Cash shifts and the revenue report, read from the ledger of registered payments.
#include "cash_shifts.h"

#include <algorithm>
#include <map>

#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {

static constexpr const char* kShiftSelect =
    "SELECT id, till, opened_at, cashier_name, float_kopecks, fiscal_shift_number, closed_at, counted_kopecks, "
    "expected_kopecks, handed_over_kopecks, handover_notes, "
    "coalesce((SELECT full_name FROM users WHERE id = opened_by), ''), "
    "coalesce((SELECT full_name FROM users WHERE id = closed_by), '') FROM cash_shifts ";

static CashShift read_shift(const Statement& st) {
  CashShift s;
  s.id = st.col_int(0);
  s.till = st.col_text(1);
  s.opened_at = st.col_int(2);
  s.cashier_name = st.col_text(3);
  s.float_amount = st.col_int(4);
  s.fiscal_shift_number = st.col_opt_int(5);
  s.closed_at = st.col_opt_int(6);
  s.counted = st.col_opt_int(7);
  s.expected = st.col_opt_int(8);
  s.handed_over = st.col_opt_int(9);
  s.handover_notes = st.col_text(10);
  s.opened_by = st.col_text(11);
  s.closed_by = st.col_text(12);
  return s;
}

Result<std::optional<CashShift>> open_shift_of(Database& db, std::string_view till) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kShiftSelect) + "WHERE till = ?1 AND closed_at IS NULL"));
  st->bind(1, till);
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found) return std::optional<CashShift>{};
  return std::optional<CashShift>(read_shift(*st));
}

Result<std::optional<CashShift>> last_closed_shift(Database& db, std::string_view till) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kShiftSelect) +
                                   "WHERE till = ?1 AND closed_at IS NOT NULL ORDER BY closed_at DESC, id DESC LIMIT 1"));
  st->bind(1, till);
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found) return std::optional<CashShift>{};
  return std::optional<CashShift>(read_shift(*st));
}

Result<CashShift> load_shift(Database& db, std::int64_t shift_id) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kShiftSelect) + "WHERE id = ?1"));
  st->bind(1, shift_id);
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found) return fail(ErrorCode::NotFound, _("The shift no longer exists."));
  return read_shift(*st);
}

Result<std::int64_t> record_shift_open(Database& db, std::string_view till, std::string_view cashier_name,
                                       Kopecks float_amount, const Actor& actor) {
  if (float_amount < 0) return fail(ErrorCode::Invalid, _("The float cannot be negative."));
  if (fold_spaces(cashier_name).empty()) return fail(ErrorCode::Invalid, _("Who opens the shift?"));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY(require(db, actor, Permission::CashPayments));
  RG_TRY_ASSIGN(auto open, open_shift_of(db, till));
  if (open) return fail(ErrorCode::Conflict, _("A shift is already open at this till."));
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO cash_shifts(till, opened_at, opened_by, cashier_name, float_kopecks) VALUES (?1, ?2, ?3, ?4, ?5) "
      "RETURNING id"));
  st->bind_all(till, now_unix(), actor.user_id, fold_spaces(cashier_name), float_amount);
  RG_TRY_ASSIGN(const std::int64_t id, st->exec_returning_id());
  RG_TRY(append_audit(db, actor, "shift.open", "cash_shift", id, {{"float", std::to_string(float_amount)}}));
  RG_TRY(tx.commit());
  return id;
}

Status set_fiscal_shift_number(Database& db, std::int64_t shift_id, std::int64_t number) {
  RG_TRY_ASSIGN(auto st, db.cached("UPDATE cash_shifts SET fiscal_shift_number = ?2 WHERE id = ?1"));
  st->bind_all(shift_id, number);
  return st->exec();
}

Status record_cash_movement(Database& db, std::int64_t shift_id, Kopecks amount, std::string_view reason,
                            const Actor& actor) {
  if (amount == 0) return fail(ErrorCode::Invalid, _("Type the amount."));
  if (fold_spaces(reason).empty()) return fail(ErrorCode::Invalid, _("Give the reason for the cash movement."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY(require(db, actor, Permission::CashPayments));
  RG_TRY_ASSIGN(auto shift, load_shift(db, shift_id));
  if (shift.closed_at) return fail(ErrorCode::Conflict, _("The shift is closed."));
  if (amount < 0) {
    RG_TRY_ASSIGN(auto totals, shift_totals(db, shift_id));
    if (-amount > totals.expected_cash(shift.float_amount))
      return fail(ErrorCode::Invalid, _("There is not that much cash in the drawer."));
  }
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO cash_movements(shift_id, amount, reason, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)"));
  st->bind_all(shift_id, amount, utf8_truncate(fold_spaces(reason), 500), now_unix(), actor.user_id);
  RG_TRY(st->exec());
  RG_TRY(append_audit(db, actor, amount > 0 ? "shift.cash_in" : "shift.cash_out", "cash_shift", shift_id,
                      {{"amount", std::to_string(amount)}, {"reason", std::string(reason)}}));
  return tx.commit();
}

Result<ShiftTotals> shift_totals(Database& db, std::int64_t shift_id) {
  ShiftTotals t;
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT kind, coalesce(sum(cash_kopecks), 0), coalesce(sum(card_kopecks), 0), coalesce(sum(balance_kopecks), 0), "
      "count(*) FROM payments WHERE shift_id = ?1 AND state = 'registered' GROUP BY kind"));
  st->bind(1, shift_id);
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    const std::string_view kind = st->col_view(0);
    const Kopecks cash = st->col_int(1), card = st->col_int(2), balance = st->col_int(3);
    t.receipts += static_cast<int>(st->col_int(4));
    if (kind == "invoice") {
      t.cash_sales += cash, t.card_sales += card, t.balance_sales += balance;
    } else if (kind == "refund") {
      t.cash_refunds += cash, t.card_refunds += card, t.balance_refunds += balance;
    } else if (kind == "deposit") {
      t.cash_deposits += cash, t.card_deposits += card;
    } else if (kind == "deposit_refund") {
      // Money given back from an account leaves the drawer (or the card) like a refund.
      t.cash_refunds += cash, t.card_refunds += card;
    }
  }
  RG_TRY_ASSIGN(auto mv, db.cached(
      "SELECT coalesce(sum(CASE WHEN amount > 0 THEN amount END), 0), "
      "coalesce(-sum(CASE WHEN amount < 0 THEN amount END), 0) FROM cash_movements WHERE shift_id = ?1"));
  mv->bind(1, shift_id);
  RG_TRY(mv->step());
  t.cash_in = mv->col_int(0);
  t.cash_out = mv->col_int(1);
  return t;
}

Status record_shift_close(Database& db, std::int64_t shift_id, Kopecks counted, Kopecks handed_over,
                          std::string_view notes, const Actor& actor) {
  if (counted < 0 || handed_over < 0) return fail(ErrorCode::Invalid, _("Amounts cannot be negative."));
  if (handed_over > counted) return fail(ErrorCode::Invalid, _("More cannot be handed over than was counted."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY(require(db, actor, Permission::CashPayments));
  RG_TRY_ASSIGN(auto shift, load_shift(db, shift_id));
  if (shift.closed_at) return fail(ErrorCode::Conflict, _("The shift is already closed."));
  RG_TRY_ASSIGN(auto pending, db.cached("SELECT count(*) FROM payments WHERE shift_id = ?1 AND state = 'intent'"));
  pending->bind(1, shift_id);
  RG_TRY(pending->step());
  if (pending->col_int(0) > 0)
    return fail(ErrorCode::Conflict, _("A payment of this shift is not completed: finish or cancel it before closing."));
  RG_TRY_ASSIGN(auto totals, shift_totals(db, shift_id));
  const Kopecks expected = totals.expected_cash(shift.float_amount);
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE cash_shifts SET closed_at = ?2, closed_by = ?3, counted_kopecks = ?4, expected_kopecks = ?5, "
      "handed_over_kopecks = ?6, handover_notes = ?7 WHERE id = ?1"));
  st->bind_all(shift_id, std::max(now_unix(), shift.opened_at), actor.user_id, counted, expected, handed_over,
               utf8_truncate(std::string(notes), 4000));
  RG_TRY(st->exec());
  RG_TRY(append_audit(db, actor, "shift.close", "cash_shift", shift_id,
                      {{"counted", std::to_string(counted)}, {"expected", std::to_string(expected)},
                       {"handed_over", std::to_string(handed_over)}}));
  return tx.commit();
}

Result<Revenue> revenue(Database& db, Date from, Date to) {
  Revenue r;
  std::map<std::string, Kopecks> doctors, services;
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT id, kind, invoice_id, cash_kopecks, card_kopecks, balance_kopecks, total_kopecks FROM payments "
      "WHERE state = 'registered' AND registered_at >= ?1 AND registered_at < ?2 ORDER BY id"));
  st->bind_all(to_unix(from, 0), to_unix(to.plus_days(1), 0));
  struct Row {
    std::string kind;
    std::optional<std::int64_t> invoice;
    Kopecks total;
  };
  std::vector<Row> rows;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    const std::string kind = st->col_text(1);
    const Kopecks cash = st->col_int(3), card = st->col_int(4), balance = st->col_int(5);
    const int sign = (kind == "refund" || kind == "deposit_refund") ? -1 : 1;
    if (kind == "deposit" || kind == "deposit_refund") {
      r.deposits += sign * (cash + card);
      continue;
    }
    r.cash += sign * cash, r.card += sign * card, r.balance += sign * balance;
    rows.push_back({kind, st->col_opt_int(2), sign * st->col_int(6)});
  }
  // Each payment spread over its invoice's lines in proportion to their amounts.
  for (const auto& row : rows) {
    if (!row.invoice) continue;
    RG_TRY_ASSIGN(auto ls, db.cached(
        "SELECT l.amount_kopecks, l.name, coalesce(d.surname || ' ' || substr(d.name, 1, 1) || '. ' || "
        "  CASE WHEN d.patronymic <> '' THEN substr(d.patronymic, 1, 1) || '.' ELSE '' END, '') "
        "FROM invoice_lines l LEFT JOIN appointments a ON a.id = l.appointment_id "
        "LEFT JOIN doctors d ON d.id = a.doctor_id WHERE l.invoice_id = ?1 ORDER BY l.position, l.id"));
    ls->bind(1, *row.invoice);
    std::vector<Kopecks> weights;
    std::vector<std::pair<std::string, std::string>> labels;
    for (;;) {
      RG_TRY_ASSIGN(bool more, ls->step());
      if (!more) break;
      weights.push_back(ls->col_int(0));
      labels.emplace_back(ls->col_text(2), ls->col_text(1));
    }
    if (weights.empty()) continue;
    const auto shares = split_proportionally(row.total < 0 ? -row.total : row.total, weights);
    for (std::size_t i = 0; i < shares.size(); ++i) {
      const Kopecks v = row.total < 0 ? -shares[i] : shares[i];
      doctors[labels[i].first.empty() ? std::string(_("no doctor")) : labels[i].first] += v;
      services[labels[i].second] += v;
    }
  }
  auto sorted = [](const std::map<std::string, Kopecks>& m) {
    std::vector<RevenueRow> out;
    for (const auto& [k, v] : m) out.push_back({k, v});
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.amount > b.amount; });
    return out;
  };
  r.by_doctor = sorted(doctors);
  r.by_service = sorted(services);
  return r;
}

Result<Revenue> revenue_report(Database& db, Date from, Date to, const Actor& reader) {
  RG_TRY(require(db, reader, Permission::ReportsView));
  return revenue(db, from, to);
}

}  // namespace rg::db
