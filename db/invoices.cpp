// Invoices: built inside one transaction from the visits' services and the price history; the
// amounts are recomputed by the core after every change so the stored numbers always agree.
#include "invoices.h"

#include <algorithm>
#include <limits>
#include <map>

#include "clinic.h"
#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {

const char* to_db(PayerKind k) {
  switch (k) {
    case PayerKind::Patient: return "patient";
    case PayerKind::Person: return "person";
    case PayerKind::Company: return "company";
    case PayerKind::Insurer: return "insurer";
  }
  return "patient";
}

static PayerKind payer_kind_from(std::string_view s) {
  if (s == "person") return PayerKind::Person;
  if (s == "company") return PayerKind::Company;
  if (s == "insurer") return PayerKind::Insurer;
  return PayerKind::Patient;
}

std::vector<Kopecks> line_amounts(std::span<const LineAmountsInput> lines, std::int64_t invoice_discount_bp) {
  std::vector<Kopecks> net;
  net.reserve(lines.size());
  Kopecks sum = 0;
  for (const auto& l : lines) {
    const Kopecks gross = l.price * l.quantity;
    net.push_back(gross - percent_of(gross, l.discount_bp));
    sum += net.back();
  }
  const auto shares = split_proportionally(percent_of(sum, invoice_discount_bp), net);
  for (std::size_t i = 0; i < net.size(); ++i) net[i] -= shares[i];
  return net;
}

// Recomputes line amounts and the total of an open invoice; call inside a transaction.
static Status recompute(Database& db, std::int64_t invoice_id) {
  RG_TRY_ASSIGN(auto inv, db.cached("SELECT discount_bp FROM invoices WHERE id = ?1"));
  inv->bind(1, invoice_id);
  RG_TRY_ASSIGN(bool found, inv->step());
  if (!found) return fail(ErrorCode::NotFound, _("The invoice no longer exists."));
  const std::int64_t invoice_bp = inv->col_int(0);
  std::vector<std::int64_t> ids;
  std::vector<LineAmountsInput> in;
  {
    RG_TRY_ASSIGN(auto st, db.cached(
        "SELECT id, price_kopecks, quantity, discount_bp FROM invoice_lines "
        "WHERE invoice_id = ?1 ORDER BY position, id"));
    st->bind(1, invoice_id);
    for (;;) {
      RG_TRY_ASSIGN(bool row, st->step());
      if (!row) break;
      ids.push_back(st->col_int(0));
      in.push_back({st->col_int(1), st->col_int(2), st->col_int(3)});
    }
  }
  const auto amounts = line_amounts(in, invoice_bp);
  Kopecks total = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    RG_TRY_ASSIGN(auto up, db.cached("UPDATE invoice_lines SET amount_kopecks = ?2 WHERE id = ?1"));
    up->bind_all(ids[i], amounts[i]);
    RG_TRY(up->exec());
    total += amounts[i];
  }
  RG_TRY_ASSIGN(auto up, db.cached("UPDATE invoices SET total_kopecks = ?2 WHERE id = ?1"));
  up->bind_all(invoice_id, total);
  return up->exec();
}

// The invoice may be edited: it exists, is open and nothing is paid or in flight on it.
static Status require_editable(Database& db, std::int64_t invoice_id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT status, paid_kopecks, "
      "(SELECT count(*) FROM payments WHERE invoice_id = i.id AND state <> 'cancelled') "
      "FROM invoices i WHERE id = ?1"));
  st->bind(1, invoice_id);
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found) return fail(ErrorCode::NotFound, _("The invoice no longer exists."));
  if (st->col_view(0) != "open") return fail(ErrorCode::Conflict, _("The invoice is closed and cannot be changed."));
  if (st->col_int(1) > 0 || st->col_int(2) > 0)
    return fail(ErrorCode::Conflict, _("A payment has been taken on this invoice; it can no longer be changed."));
  return {};
}

// A discount above the clinic's limit needs the permission: the person at the desk has it, or
// someone who has it approves at the same desk (their PIN, checked by the caller).
static Status check_discount(Database& db, std::int64_t basis_points, std::string_view reason,
                             std::optional<std::int64_t> approver_id, const Actor& actor) {
  if (basis_points < 0 || basis_points > 10000)
    return fail(ErrorCode::Invalid, _("A discount is between 0 and 100 %."));
  if (basis_points > 0 && fold_spaces(reason).empty())
    return fail(ErrorCode::Invalid, _("Give the reason for the discount."));
  RG_TRY_ASSIGN(auto limit, get_setting_int(db, "cash.discount_limit_bp", 1000, 0, 10000));
  if (basis_points <= limit) return {};
  RG_TRY_ASSIGN(bool own, allowed(db, actor, Permission::CashDiscountOverLimit));
  if (own) return {};
  if (!approver_id) return require(db, actor, Permission::CashDiscountOverLimit);
  return require(db, Actor::user(*approver_id), Permission::CashDiscountOverLimit);
}

Status set_line_discount(Database& db, std::int64_t invoice_id, std::int64_t line_id,
                         std::int64_t basis_points, std::string_view reason,
                         std::optional<std::int64_t> approver_id, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY(require(db, actor, Permission::CashInvoices));
  RG_TRY(require_editable(db, invoice_id));
  RG_TRY(check_discount(db, basis_points, reason, approver_id, actor));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE invoice_lines SET discount_bp = ?3, discount_reason = ?4 WHERE id = ?2 AND invoice_id = ?1"));
  st->bind_all(invoice_id, line_id, basis_points, basis_points ? utf8_truncate(fold_spaces(reason), 500) : std::string());
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return fail(ErrorCode::NotFound, _("The invoice line no longer exists."));
  RG_TRY(recompute(db, invoice_id));
  RG_TRY(append_audit(db, actor, "invoice.line_discount", "invoice", invoice_id,
                      {{"line", std::to_string(line_id)}, {"bp", std::to_string(basis_points)},
                       {"reason", std::string(reason)},
                       {"approved_by", approver_id ? std::to_string(*approver_id) : ""}}));
  return tx.commit();
}

Status set_invoice_discount(Database& db, std::int64_t invoice_id, std::int64_t basis_points,
                            std::string_view reason, std::optional<std::int64_t> approver_id,
                            const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY(require(db, actor, Permission::CashInvoices));
  RG_TRY(require_editable(db, invoice_id));
  RG_TRY(check_discount(db, basis_points, reason, approver_id, actor));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE invoices SET discount_bp = ?2, discount_reason = ?3, discount_approved_by = ?4 WHERE id = ?1"));
  st->bind_all(invoice_id, basis_points, basis_points ? utf8_truncate(fold_spaces(reason), 500) : std::string(),
               approver_id);
  RG_TRY(st->exec());
  RG_TRY(recompute(db, invoice_id));
  RG_TRY(append_audit(db, actor, "invoice.discount", "invoice", invoice_id,
                      {{"bp", std::to_string(basis_points)}, {"reason", std::string(reason)},
                       {"approved_by", approver_id ? std::to_string(*approver_id) : ""}}));
  return tx.commit();
}

Status set_line_quantity(Database& db, std::int64_t invoice_id, std::int64_t line_id,
                         std::int64_t quantity, const Actor& actor) {
  if (quantity < 1 || quantity > 999) return fail(ErrorCode::Invalid, _("The quantity is from 1 to 999."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY(require(db, actor, Permission::CashInvoices));
  RG_TRY(require_editable(db, invoice_id));
  RG_TRY_ASSIGN(auto st, db.cached("UPDATE invoice_lines SET quantity = ?3 WHERE id = ?2 AND invoice_id = ?1"));
  st->bind_all(invoice_id, line_id, quantity);
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return fail(ErrorCode::NotFound, _("The invoice line no longer exists."));
  RG_TRY(recompute(db, invoice_id));
  RG_TRY(append_audit(db, actor, "invoice.quantity", "invoice", invoice_id,
                      {{"line", std::to_string(line_id)}, {"quantity", std::to_string(quantity)}}));
  return tx.commit();
}

Status cancel_invoice(Database& db, std::int64_t invoice_id, std::string_view reason, const Actor& actor) {
  if (fold_spaces(reason).empty()) return fail(ErrorCode::Invalid, _("Give the reason for cancelling the invoice."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY(require(db, actor, Permission::CashInvoices));
  RG_TRY(require_editable(db, invoice_id));
  RG_TRY_ASSIGN(auto st, db.cached("UPDATE invoices SET status = 'cancelled' WHERE id = ?1"));
  st->bind(1, invoice_id);
  RG_TRY(st->exec());
  RG_TRY(append_audit(db, actor, "invoice.cancel", "invoice", invoice_id, {{"reason", std::string(reason)}}));
  return tx.commit();
}

// --- DMS ---------------------------------------------------------------------------------

Result<std::int64_t> add_insurer(Database& db, std::string_view name, std::string_view inn) {
  RG_TRY_ASSIGN(auto st, db.cached("INSERT INTO insurers(name, inn) VALUES (?1, ?2) RETURNING id"));
  st->bind_all(fold_spaces(name), std::string(inn));
  return st->exec_returning_id();
}

Result<std::vector<Insurer>> list_insurers(Database& db) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT id, name, inn FROM insurers ORDER BY name"));
  std::vector<Insurer> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back({st->col_int(0), st->col_text(1), st->col_text(2)});
  }
  return out;
}

Result<std::int64_t> add_guarantee_letter(Database& db, const GuaranteeLetter& l, const Actor& actor) {
  if (fold_spaces(l.number).empty()) return fail(ErrorCode::Invalid, _("Type the guarantee letter's number."));
  if (l.valid_to < l.valid_from) return fail(ErrorCode::Invalid, _("The letter ends before it begins."));
  if (l.limit < 0) return fail(ErrorCode::Invalid, _("The letter's limit cannot be negative."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY(require(db, actor, Permission::CashInvoices));
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO guarantee_letters(patient_id, insurer_id, number, valid_from, valid_to, limit_kopecks, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id"));
  st->bind_all(l.patient_id, l.insurer_id, fold_spaces(l.number), l.valid_from.iso(), l.valid_to.iso(), l.limit,
               now_unix());
  RG_TRY_ASSIGN(const std::int64_t id, st->exec_returning_id());
  for (auto sid : l.service_ids) {
    RG_TRY_ASSIGN(auto ins, db.cached("INSERT INTO guarantee_letter_services(letter_id, service_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING"));
    ins->bind_all(id, sid);
    RG_TRY(ins->exec());
  }
  RG_TRY(append_audit(db, actor, "dms.letter_add", "guarantee_letter", id,
                      {{"number", l.number}, {"limit", std::to_string(l.limit)}}));
  RG_TRY(tx.commit());
  return id;
}

Result<std::vector<GuaranteeLetter>> patient_letters(Database& db, std::int64_t patient_id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT g.id, g.insurer_id, i.name, g.number, g.valid_from, g.valid_to, g.limit_kopecks, "
      "coalesce((SELECT sum(l.amount_kopecks) FROM invoices v JOIN invoice_lines l ON l.invoice_id = v.id "
      "          WHERE v.letter_id = g.id AND v.status <> 'cancelled'), 0) "
      "FROM guarantee_letters g JOIN insurers i ON i.id = g.insurer_id WHERE g.patient_id = ?1 "
      "ORDER BY g.valid_to DESC, g.id DESC"));
  st->bind(1, patient_id);
  std::vector<GuaranteeLetter> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    GuaranteeLetter l;
    l.id = st->col_int(0);
    l.patient_id = patient_id;
    l.insurer_id = st->col_int(1);
    l.insurer_name = st->col_text(2);
    l.number = st->col_text(3);
    l.valid_from = Date::parse_iso(st->col_view(4)).value_or(Date());
    l.valid_to = Date::parse_iso(st->col_view(5)).value_or(Date());
    l.limit = st->col_int(6);
    l.used = st->col_int(7);
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::optional<GuaranteeLetter>> letter_on(Database& db, std::int64_t patient_id, Date day) {
  RG_TRY_ASSIGN(auto letters, patient_letters(db, patient_id));
  std::optional<GuaranteeLetter> latest;  // the latest issued of those valid that day
  for (auto& l : letters)
    if (l.valid_from <= day && day <= l.valid_to && (!latest || l.id > latest->id)) latest = std::move(l);
  if (!latest) return latest;
  RG_TRY_ASSIGN(auto sv, db.cached("SELECT service_id FROM guarantee_letter_services WHERE letter_id = ?1"));
  sv->bind(1, latest->id);
  for (;;) {
    RG_TRY_ASSIGN(bool row, sv->step());
    if (!row) break;
    latest->service_ids.push_back(sv->col_int(0));
  }
  return latest;
}

// --- creating ------------------------------------------------------------------------------

namespace {

struct PendingLine {
  std::int64_t appointment_id;
  std::int64_t service_id;
  std::string code;
  std::string name;
  Kopecks price;
  std::int64_t quantity;
};

Result<std::int64_t> insert_invoice(Database& db, std::int64_t patient_id, const InvoicePayer& payer,
                                    std::optional<std::int64_t> letter_id, const Actor& actor) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO invoices(patient_id, payer_kind, payer_patient_id, payer_name, payer_inn, insurer_id, "
      "letter_id, created_at, created_by, payer_person_id, payer_company_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id"));
  st->bind_all(patient_id, to_db(payer.kind), payer.patient_id, utf8_truncate(fold_spaces(payer.name), 300),
               payer.inn, payer.insurer_id, letter_id, now_unix(), actor.user_id, payer.person_id, payer.company_id);
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return fail(ErrorCode::Internal, _("The invoice could not be saved."), "invoices insert");
  const std::int64_t id = st->col_int(0);
  st->reset();
  return id;
}

Status insert_lines(Database& db, std::int64_t invoice_id, const std::vector<PendingLine>& lines) {
  int pos = 0;
  for (const auto& l : lines) {
    RG_TRY_ASSIGN(auto st, db.cached(
        "INSERT INTO invoice_lines(invoice_id, appointment_id, service_id, code, name, price_kopecks, quantity, "
        "amount_kopecks, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
    st->bind_all(invoice_id, l.appointment_id, l.service_id, l.code, l.name, l.price, l.quantity,
                 l.price * l.quantity, pos++);
    RG_TRY(st->exec());
  }
  return recompute(db, invoice_id);
}

// Fills the name and INN of a payer given by id (a person from the card, a known company) and
// checks it belongs here.
Status resolve_payer(Database& db, std::int64_t patient_id, InvoicePayer& payer) {
  if (payer.kind == PayerKind::Person && payer.person_id) {
    RG_TRY_ASSIGN(auto st, db.cached(
        "SELECT surname, name, patronymic, person_patient_id FROM patient_persons "
        "WHERE id = ?1 AND patient_id = ?2 AND active = 1"));
    st->bind_all(*payer.person_id, patient_id);
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) return fail(ErrorCode::NotFound, _("This person is no longer on the patient's card."));
    payer.name = full_name(st->col_view(0), st->col_view(1), st->col_view(2));
    if (!payer.patient_id) payer.patient_id = st->col_opt_int(3);
    st->reset();
  }
  if (payer.kind == PayerKind::Company && payer.company_id) {
    RG_TRY_ASSIGN(auto st, db.cached("SELECT name, inn FROM payer_companies WHERE id = ?1 AND active = 1"));
    st->bind_all(*payer.company_id);
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) return fail(ErrorCode::NotFound, _("The company is no longer in the list."));
    payer.name = st->col_text(0);
    payer.inn = st->col_text(1);
    st->reset();
  }
  return {};
}

Status check_payer(Database& db, std::int64_t patient_id, const InvoicePayer& payer) {
  switch (payer.kind) {
    case PayerKind::Patient:
      return {};
    case PayerKind::Person:
      if (payer.patient_id && !payer.person_id) {
        if (*payer.patient_id == patient_id) return {};
        RG_TRY_ASSIGN(auto n, db.cached("SELECT count(*) FROM patients WHERE id = ?1"));
        n->bind(1, *payer.patient_id);
        RG_TRY(n->step());
        if (n->col_int(0) == 0) return fail(ErrorCode::NotFound, _("The payer's card no longer exists."));
        return {};
      }
      if (fold_spaces(payer.name).empty()) return fail(ErrorCode::Invalid, _("Type the payer's full name."));
      return {};
    case PayerKind::Company:
      if (fold_spaces(payer.name).empty()) return fail(ErrorCode::Invalid, _("Type the paying company's name."));
      if (!(payer.inn.size() == 10 || payer.inn.size() == 12) ||
          payer.inn.find_first_not_of("0123456789") != std::string::npos)
        return fail(ErrorCode::Invalid, _("A company's INN has 10 digits (12 for a sole trader)."));
      return {};
    case PayerKind::Insurer:
      return fail(ErrorCode::Invalid, _("Insurer invoices are made from guarantee letters, not by hand."));
  }
  return {};
}

}  // namespace

Result<CreatedInvoices> create_invoices(Database& db, std::span<const std::int64_t> appointment_ids,
                                        const InvoicePayer& payer, const Actor& actor) {
  if (appointment_ids.empty()) return fail(ErrorCode::Invalid, _("Choose at least one visit to bill."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY(require(db, actor, Permission::CashInvoices));
  std::optional<std::int64_t> patient_id;
  std::vector<PendingLine> to_patient, to_insurer;
  std::optional<GuaranteeLetter> letter;
  Kopecks letter_left = 0;
  for (auto appointment_id : appointment_ids) {
    RG_TRY_ASSIGN(auto ap, db.cached("SELECT patient_id, start_at, status FROM appointments WHERE id = ?1"));
    ap->bind(1, appointment_id);
    RG_TRY_ASSIGN(bool found, ap->step());
    if (!found) return fail(ErrorCode::NotFound, _("The visit no longer exists."));
    const std::int64_t pid = ap->col_int(0);
    const Date day = to_local(ap->col_int(1)).date;
    const std::string status = ap->col_text(2);
    if (patient_id && *patient_id != pid)
      return fail(ErrorCode::Invalid, _("One invoice is for the visits of one patient."));
    patient_id = pid;
    if (status == "cancelled" || status == "no_show")
      return fail(ErrorCode::Invalid, _("A cancelled or missed visit is not billed."));
    if (!letter) {
      RG_TRY_ASSIGN(letter, letter_on(db, pid, day));
      if (letter) letter_left = std::max<Kopecks>(0, letter->limit - letter->used);
    }
    RG_TRY_ASSIGN(auto sv, db.cached(
        "SELECT x.service_id, s.code, s.name, x.quantity, "
        "(SELECT price_kopecks FROM service_prices p WHERE p.service_id = x.service_id AND p.active_from <= ?2 "
        "  ORDER BY p.active_from DESC LIMIT 1), "
        "EXISTS (SELECT 1 FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id "
        "        WHERE l.appointment_id = x.appointment_id AND l.service_id = x.service_id AND v.status <> 'cancelled') "
        "FROM appointment_services x JOIN services s ON s.id = x.service_id "
        "WHERE x.appointment_id = ?1 ORDER BY x.position"));
    sv->bind_all(appointment_id, day.iso());
    int count = 0;
    for (;;) {
      RG_TRY_ASSIGN(bool row, sv->step());
      if (!row) break;
      ++count;
      if (sv->col_int(5)) return fail(ErrorCode::Conflict, _("These services are already on an invoice."));
      if (sv->is_null(4))
        return fail(ErrorCode::Invalid, _("A service of the visit has no price on the visit's date: ") + sv->col_text(2));
      PendingLine l{appointment_id, sv->col_int(0), sv->col_text(1), sv->col_text(2), sv->col_int(4), sv->col_int(3)};
      const bool covered = letter && day >= letter->valid_from && day <= letter->valid_to &&
                           std::find(letter->service_ids.begin(), letter->service_ids.end(), l.service_id) !=
                               letter->service_ids.end() &&
                           l.price * l.quantity <= letter_left;
      if (covered) {
        letter_left -= l.price * l.quantity;
        to_insurer.push_back(std::move(l));
      } else {
        to_patient.push_back(std::move(l));
      }
    }
    if (count == 0) return fail(ErrorCode::Invalid, _("The visit has no services to bill."));
  }
  InvoicePayer resolved = payer;
  RG_TRY(resolve_payer(db, *patient_id, resolved));
  RG_TRY(check_payer(db, *patient_id, resolved));
  CreatedInvoices out;
  if (!to_patient.empty()) {
    RG_TRY_ASSIGN(auto id, insert_invoice(db, *patient_id, resolved, std::nullopt, actor));
    RG_TRY(insert_lines(db, id, to_patient));
    out.patient_invoice = id;
  }
  if (!to_insurer.empty()) {
    InvoicePayer insurer;
    insurer.kind = PayerKind::Insurer;
    insurer.name = letter->insurer_name;
    insurer.insurer_id = letter->insurer_id;
    RG_TRY_ASSIGN(auto id, insert_invoice(db, *patient_id, insurer, letter->id, actor));
    RG_TRY(insert_lines(db, id, to_insurer));
    out.insurer_invoice = id;
  }
  RG_TRY(append_audit(db, actor, "invoice.create", "patient", *patient_id,
                      {{"patient_invoice", out.patient_invoice ? std::to_string(*out.patient_invoice) : ""},
                       {"insurer_invoice", out.insurer_invoice ? std::to_string(*out.insurer_invoice) : ""}}));
  RG_TRY(tx.commit());
  return out;
}

// --- reading -------------------------------------------------------------------------------

static constexpr const char* kInvoiceSelect =
    "SELECT v.id, v.patient_id, p.surname, p.name, p.patronymic, v.payer_kind, v.payer_patient_id, v.payer_name, "
    "v.payer_inn, v.insurer_id, v.letter_id, v.discount_bp, v.discount_reason, v.total_kopecks, v.paid_kopecks, "
    "v.status, v.created_at, "
    "(SELECT surname || ' ' || substr(name, 1, 1) || '. ' || "
    "   CASE WHEN patronymic <> '' THEN substr(patronymic, 1, 1) || '.' ELSE '' END FROM patients WHERE id = v.payer_patient_id), "
    "(SELECT name FROM insurers WHERE id = v.insurer_id), "
    "(SELECT number FROM guarantee_letters WHERE id = v.letter_id), v.payer_person_id, v.payer_company_id, "
    "(SELECT relation FROM patient_persons WHERE id = v.payer_person_id) "
    "FROM invoices v JOIN patients p ON p.id = v.patient_id ";

static Invoice read_invoice_row(const Statement& st) {
  Invoice v;
  v.id = st.col_int(0);
  v.patient_id = st.col_int(1);
  v.patient_name = full_name(st.col_view(2), st.col_view(3), st.col_view(4));
  v.payer.kind = payer_kind_from(st.col_view(5));
  v.payer.patient_id = st.col_opt_int(6);
  v.payer.name = st.col_text(7);
  v.payer.inn = st.col_text(8);
  v.payer.insurer_id = st.col_opt_int(9);
  v.letter_id = st.col_opt_int(10);
  v.discount_bp = st.col_int(11);
  v.discount_reason = st.col_text(12);
  v.total = st.col_int(13);
  v.paid = st.col_int(14);
  const std::string_view status = st.col_view(15);
  v.status = status == "paid" ? InvoiceStatus::Paid : status == "cancelled" ? InvoiceStatus::Cancelled : InvoiceStatus::Open;
  v.created_at = st.col_int(16);
  v.payer.person_id = st.col_opt_int(20);
  v.payer.company_id = st.col_opt_int(21);
  switch (v.payer.kind) {
    case PayerKind::Patient: v.payer_label = v.patient_name; break;
    case PayerKind::Person:
      v.payer_label = v.payer.person_id ? masked_full_name(v.payer.name) : v.payer.patient_id ? st.col_text(17) : v.payer.name;
      if (v.payer.person_id && !st.col_text(22).empty()) v.payer_label += " (" + st.col_text(22) + ")";
      break;
    case PayerKind::Company: v.payer_label = v.payer.name + " (" + _("INN") + " " + v.payer.inn + ")"; break;
    case PayerKind::Insurer: v.payer_label = st.col_text(18) + " — " + _("guarantee letter") + " " + st.col_text(19); break;
  }
  return v;
}

Result<Invoice> load_invoice(Database& db, std::int64_t invoice_id) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kInvoiceSelect) + "WHERE v.id = ?1"));
  st->bind(1, invoice_id);
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found) return fail(ErrorCode::NotFound, _("The invoice no longer exists."));
  Invoice v = read_invoice_row(*st);
  RG_TRY_ASSIGN(auto ls, db.cached(
      "SELECT id, appointment_id, service_id, code, name, price_kopecks, quantity, discount_bp, discount_reason, "
      "amount_kopecks FROM invoice_lines WHERE invoice_id = ?1 ORDER BY position, id"));
  ls->bind(1, invoice_id);
  for (;;) {
    RG_TRY_ASSIGN(bool row, ls->step());
    if (!row) break;
    InvoiceLine l;
    l.id = ls->col_int(0);
    l.appointment_id = ls->col_opt_int(1);
    l.service_id = ls->col_int(2);
    l.code = ls->col_text(3);
    l.name = ls->col_text(4);
    l.price = ls->col_int(5);
    l.quantity = ls->col_int(6);
    l.discount_bp = ls->col_int(7);
    l.discount_reason = ls->col_text(8);
    l.amount = ls->col_int(9);
    v.lines.push_back(std::move(l));
  }
  return v;
}

Result<Debt> patient_debt(Database& db, std::int64_t patient_id, std::optional<Date> before) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT coalesce(sum(total_kopecks - paid_kopecks), 0), count(*), coalesce(min(created_at), 0) FROM invoices "
      "WHERE patient_id = ?1 AND status = 'open' AND payer_kind <> 'insurer' AND paid_kopecks < total_kopecks "
      "AND created_at < ?2"));
  st->bind_all(patient_id, before ? to_unix(*before, 0) : std::numeric_limits<std::int64_t>::max());
  RG_TRY(st->step());
  return Debt{st->col_int(0), int(st->col_int(1)), st->col_int(2)};
}

Result<std::vector<Invoice>> open_invoices(Database& db, int limit) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kInvoiceSelect) +
                                   "WHERE v.status = 'open' AND v.payer_kind <> 'insurer' "
                                   "ORDER BY v.created_at DESC, v.id DESC LIMIT ?1"));
  st->bind(1, limit);
  std::vector<Invoice> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back(read_invoice_row(*st));
  }
  return out;
}

Result<std::vector<UnbilledVisit>> visits_awaiting_payment(Database& db, Date day) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT a.id, a.patient_id, p.surname, p.name, p.patronymic, d.surname, d.name, d.patronymic, a.start_at, "
      "a.status, "
      "(SELECT coalesce(sum(x.quantity * (SELECT price_kopecks FROM service_prices sp WHERE sp.service_id = x.service_id "
      "   AND sp.active_from <= ?3 ORDER BY sp.active_from DESC LIMIT 1)), 0) FROM appointment_services x "
      "  WHERE x.appointment_id = a.id), "
      "EXISTS (SELECT 1 FROM guarantee_letters g JOIN guarantee_letter_services gs ON gs.letter_id = g.id "
      "        JOIN appointment_services x ON x.service_id = gs.service_id AND x.appointment_id = a.id "
      "        WHERE g.patient_id = a.patient_id AND g.valid_from <= ?3 AND g.valid_to >= ?3) "
      "FROM appointments a JOIN patients p ON p.id = a.patient_id JOIN doctors d ON d.id = a.doctor_id "
      "WHERE a.start_at >= ?1 AND a.start_at < ?2 AND a.status IN ('arrived', 'in_room', 'done') "
      "AND EXISTS (SELECT 1 FROM appointment_services x WHERE x.appointment_id = a.id AND NOT EXISTS ("
      "   SELECT 1 FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id "
      "   WHERE l.appointment_id = a.id AND l.service_id = x.service_id AND v.status <> 'cancelled')) "
      "ORDER BY CASE a.status WHEN 'done' THEN 0 WHEN 'in_room' THEN 1 ELSE 2 END, a.start_at"));
  st->bind_all(to_unix(day, 0), to_unix(day.plus_days(1), 0), day.iso());
  std::vector<UnbilledVisit> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    UnbilledVisit u;
    u.appointment_id = st->col_int(0);
    u.patient_id = st->col_int(1);
    u.patient_name = full_name(st->col_view(2), st->col_view(3), st->col_view(4));
    u.doctor_name = masked_name(st->col_view(5), st->col_view(6), st->col_view(7));
    u.start_at = st->col_int(8);
    u.status = st->col_text(9);
    u.amount = st->col_int(10);
    u.dms = st->col_int(11) != 0;
    out.push_back(std::move(u));
  }
  return out;
}

Result<std::vector<RegisterRow>> insurance_register(Database& db, std::int64_t insurer_id, Date from, Date to) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT v.id, g.number, p.surname, p.name, p.patronymic, a.start_at, l.code, l.name, l.quantity, l.amount_kopecks "
      "FROM invoices v JOIN invoice_lines l ON l.invoice_id = v.id JOIN guarantee_letters g ON g.id = v.letter_id "
      "JOIN patients p ON p.id = v.patient_id JOIN appointments a ON a.id = l.appointment_id "
      "WHERE v.insurer_id = ?1 AND v.payer_kind = 'insurer' AND v.status <> 'cancelled' "
      "AND a.start_at >= ?2 AND a.start_at < ?3 ORDER BY a.start_at, v.id, l.position"));
  st->bind_all(insurer_id, to_unix(from, 0), to_unix(to.plus_days(1), 0));
  std::vector<RegisterRow> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    RegisterRow r;
    r.invoice_id = st->col_int(0);
    r.letter_number = st->col_text(1);
    r.patient_name = full_name(st->col_view(2), st->col_view(3), st->col_view(4));
    r.visit_date = to_local(st->col_int(5)).date;
    r.code = st->col_text(6);
    r.service = st->col_text(7);
    r.quantity = st->col_int(8);
    r.amount = st->col_int(9);
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<RegisterRow>> insurance_register(Database& db, std::int64_t insurer_id, Date from, Date to,
                                                    const Actor& reader) {
  RG_TRY(require(db, reader, Permission::ReportsView));
  return insurance_register(db, insurer_id, from, to);
}

}  // namespace rg::db
