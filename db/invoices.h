// Invoices (счета) for visits: the visit's services at the price in force on the visit's date,
// per-line and whole-invoice discounts with a reason (above a limit only with a senior
// administrator's approval), the payer, and the DMS split — services under a valid guarantee
// letter are billed to the insurer, the rest to the patient.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "database.h"
#include "money.h"

namespace rg::db {

enum class PayerKind { Patient, Person, Company, Insurer };
const char* to_db(PayerKind k);

struct InvoicePayer {
  PayerKind kind = PayerKind::Patient;
  std::optional<std::int64_t> patient_id;  // Person: a family member who has a card
  std::optional<std::int64_t> person_id;   // Person: a person from the patient's card (patient_persons)
  std::optional<std::int64_t> company_id;  // Company: one of the known payer companies
  std::string name;                        // Person without a card, Company (filled from the ids)
  std::string inn;                         // Company
  std::optional<std::int64_t> insurer_id;  // Insurer
};

struct InvoiceLine {
  std::int64_t id = 0;
  std::optional<std::int64_t> appointment_id;
  std::int64_t service_id = 0;
  std::string code;
  std::string name;
  Kopecks price = 0;
  std::int64_t quantity = 1;
  std::int64_t discount_bp = 0;
  std::string discount_reason;
  Kopecks amount = 0;  // after both discounts
};

enum class InvoiceStatus { Open, Paid, Cancelled };

struct Invoice {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  std::string patient_name;  // full name, for the cashier
  InvoicePayer payer;
  std::string payer_label;   // «Иванов И. И. (отец)», «ООО "Ромашка"», «СК "Согаз" — ГП 123»
  std::optional<std::int64_t> letter_id;
  std::int64_t discount_bp = 0;
  std::string discount_reason;
  Kopecks total = 0;
  Kopecks paid = 0;     // registered payments minus registered refunds
  InvoiceStatus status = InvoiceStatus::Open;
  std::int64_t created_at = 0;
  std::vector<InvoiceLine> lines;
  Kopecks due() const { return total - paid; }
};

// A visit of the day that has services not yet on a live invoice: what the cash desk lists.
struct UnbilledVisit {
  std::int64_t appointment_id = 0;
  std::int64_t patient_id = 0;
  std::string patient_name;
  std::string doctor_name;
  std::int64_t start_at = 0;
  std::string status;  // appointments.status: done first, then in_room, arrived
  Kopecks amount = 0;  // at today's prices, before discounts
  bool dms = false;    // a guarantee letter covers at least one of the services
};
Result<std::vector<UnbilledVisit>> visits_awaiting_payment(Database& db, Date day);

// The open invoices (patient payers), most recent first.
Result<std::vector<Invoice>> open_invoices(Database& db, int limit = 200);

// What the patient (or whoever pays for him, not an insurer) still owes on open invoices made
// before `before` (all of them when absent): the card's debt line, the kiosk's «see the desk».
struct Debt {
  Kopecks amount = 0;
  int invoices = 0;
  std::int64_t oldest_at = 0;  // the oldest unpaid invoice's creation
};
Result<Debt> patient_debt(Database& db, std::int64_t patient_id, std::optional<Date> before = std::nullopt);

struct CreatedInvoices {
  std::optional<std::int64_t> patient_invoice;  // what the patient (or his payer) pays
  std::optional<std::int64_t> insurer_invoice;  // what goes to the DMS register
};
// Bills the services of `appointment_ids` (one patient, one or more visits): each at the price
// in force on its visit's date. Services covered by the patient's guarantee letter valid on
// that date go, within the letter's remaining limit, to an insurer invoice. Fails when a
// service has no price that day or is already billed.
Result<CreatedInvoices> create_invoices(Database& db, std::span<const std::int64_t> appointment_ids,
                                        const InvoicePayer& payer, const Actor& actor);

Result<Invoice> load_invoice(Database& db, std::int64_t invoice_id);

// Discounts in basis points (10 % = 1000) with a reason. Above the limit in settings
// (cash.discount_limit_bp) `approver_id` must be a senior administrator, already identified by
// his PIN. Amounts are recomputed; only an open, unpaid invoice can be changed.
Status set_line_discount(Database& db, std::int64_t invoice_id, std::int64_t line_id,
                         std::int64_t basis_points, std::string_view reason,
                         std::optional<std::int64_t> approver_id, const Actor& actor);
Status set_invoice_discount(Database& db, std::int64_t invoice_id, std::int64_t basis_points,
                            std::string_view reason, std::optional<std::int64_t> approver_id,
                            const Actor& actor);
Status set_line_quantity(Database& db, std::int64_t invoice_id, std::int64_t line_id,
                         std::int64_t quantity, const Actor& actor);
// Cancels an invoice nothing has been paid on; its services can be billed again.
Status cancel_invoice(Database& db, std::int64_t invoice_id, std::string_view reason, const Actor& actor);

// The amounts of lines after a per-line discount and an invoice-wide one spread over them.
struct LineAmountsInput {
  Kopecks price = 0;
  std::int64_t quantity = 1;
  std::int64_t discount_bp = 0;
};
std::vector<Kopecks> line_amounts(std::span<const LineAmountsInput> lines, std::int64_t invoice_discount_bp);

// DMS.
struct GuaranteeLetter {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  std::int64_t insurer_id = 0;
  std::string insurer_name;
  std::string number;
  Date valid_from;
  Date valid_to;
  Kopecks limit = 0;
  Kopecks used = 0;  // billed to the insurer under this letter (live invoices)
  std::vector<std::int64_t> service_ids;
};
Result<std::int64_t> add_insurer(Database& db, std::string_view name, std::string_view inn);
struct Insurer {
  std::int64_t id = 0;
  std::string name;
  std::string inn;
};
Result<std::vector<Insurer>> list_insurers(Database& db);
Result<std::int64_t> add_guarantee_letter(Database& db, const GuaranteeLetter& letter, const Actor& actor);
// All of the patient's letters, the latest first, with what each has used.
Result<std::vector<GuaranteeLetter>> patient_letters(Database& db, std::int64_t patient_id);
// The patient's letter valid on `day`, if any (the latest issued).
Result<std::optional<GuaranteeLetter>> letter_on(Database& db, std::int64_t patient_id, Date day);

// The insurance register: what was billed to an insurer for visits in [from, to].
struct RegisterRow {
  std::int64_t invoice_id = 0;
  std::string letter_number;
  std::string patient_name;
  Date visit_date;
  std::string code;
  std::string service;
  std::int64_t quantity = 1;
  Kopecks amount = 0;
};
Result<std::vector<RegisterRow>> insurance_register(Database& db, std::int64_t insurer_id, Date from, Date to);
// The same for the reports: only for whoever may read reports (ReportsView).
Result<std::vector<RegisterRow>> insurance_register(Database& db, std::int64_t insurer_id, Date from, Date to,
                                                    const Actor& reader);

}  // namespace rg::db
