// «Журнал аудита»: reading the append-only audit log for the person who supervises it (152-FZ:
// who opened, changed, paid, printed or exported what, when and at which desk). Only people with
// Permission::AuditView may read it; every row comes back with its words — the person's name,
// the action as a phrase, the object, and what changed («администратор → кассир») — so the
// screen and the CSV file say the same thing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "database.h"

namespace rg::db {

// The kinds of action the journal's filter offers, each a set of action prefixes.
enum class AuditKind { All, Patients, Appointments, Cash, Documents, Staff, SignIns, Settings };
inline constexpr AuditKind kAuditKinds[] = {AuditKind::All,       AuditKind::Patients, AuditKind::Appointments,
                                            AuditKind::Cash,      AuditKind::Documents, AuditKind::Staff,
                                            AuditKind::SignIns,   AuditKind::Settings};
// «Оплаты и касса» … in the UI language.
std::string audit_kind_title(AuditKind k);
// The action prefixes of a kind ("payment", "invoice", "shift" …); none for All.
std::vector<std::string> audit_kind_prefixes(AuditKind k);

struct AuditFilter {
  std::optional<std::int64_t> user_id;     // who did it (the actor 'user:N')
  std::optional<std::int64_t> patient_id;  // the card, and its appointments, invoices, payments,
                                           // documents, persons, waiting-list entries, tasks, letters
  // Any of these action prefixes: "payment" takes payment.intent and payment.registered (not
  // "payment_x.…"); "patient.view" takes exactly that action. None: every action.
  std::vector<std::string> action_prefixes;
  std::optional<Date> from, to;  // local dates, both inclusive
  int limit = 200;               // < 0: every row (an export)
  int offset = 0;
};

struct AuditRow {
  std::int64_t id = 0;
  std::int64_t at_ms = 0;
  std::string actor;                    // as stored: 'user:3', 'kiosk:lobby', 'system:seed'
  std::optional<std::int64_t> user_id;  // when the actor is a person
  std::string person;                   // «Смирнова Елена Андреевна», «киоск lobby», «система (seed)»
  std::string person_short;             // «Смирнова Е. А.» for a table's narrow column
  std::string place;                    // as stored: 'desk:reg-1', 'kiosk:lobby', ''
  std::string workplace;                // «reg-1», «киоск lobby», ''
  std::string action, entity;
  std::optional<std::int64_t> entity_id;
  std::string details;                  // the stored JSON object
  std::optional<std::int64_t> patient_id;  // the patient the row is about, when there is one
  std::string patient_name;             // «Иванова А. П.»
  std::string patient_card;             // the card No.
  std::string what;                     // the action in words: «Открыта карта пациента»
  std::string object;                   // «Запись № 15 · Иванова А. П., карта 10234»
  std::string changes;                  // the details as lines «Роли: администратор → кассир»
};

// Newest first, `limit` rows from `offset`. Refused (Forbidden, the sentence naming who may)
// unless the reader has Permission::AuditView.
Result<std::vector<AuditRow>> read_audit(Database& db, const AuditFilter& filter, const Actor& reader);
// How many rows the filter finds (limit and offset ignored); the same permission.
Result<std::int64_t> count_audit(Database& db, const AuditFilter& filter, const Actor& reader);

// The rows as a CSV file for Excel (as the day list's: BOM, ';', CRLF, quoting, no formulas):
// time, person, workplace, action, object, changes, and the stored action id and details.
std::string audit_csv(const std::vector<AuditRow>& rows);

// Writes every row the filter finds (limit and offset ignored) to `path` as audit_csv and records
// the export itself ("export.audit": the file, the number of rows, the filter) in the same
// transaction: no file without its audit row. Needs AuditView. Returns the number of rows.
Result<std::int64_t> export_audit(Database& db, const AuditFilter& filter, const std::string& path,
                                  const Actor& reader);

// The action in words, in the UI language: "patient.view" → «Открыта карта пациента»; an action
// not known here comes back as it is. The details refine a payment: a refund says so.
std::string audit_action_title(std::string_view action, const AuditDetails& details = {});

// The stored details JSON (an object of strings) as key/value pairs, in order; escapes decoded
// (\" \\ \/ \b \f \n \r \t \uXXXX with surrogate pairs). A value that is not a string (a number,
// true, null, an array) is kept as its JSON text. Not an object: nullopt.
std::optional<AuditDetails> parse_audit_details(std::string_view json);

// Names for ids the details carry: what is "user", "patient" or "doctor"; "" when unknown.
using AuditNameLookup = std::function<std::string(std::string_view what, std::int64_t id)>;

// What changed, one line per fact, «Ключ: значение» in the UI language: "before → after" kept as
// it is written (with roles, statuses and permissions in words), setting.change's before/after as
// «ключ: было → стало», patient.update's field names in words, amounts in roubles. Details that
// do not parse come back as they are stored.
std::string audit_details_text(std::string_view action, std::string_view json,
                               const AuditNameLookup& names = nullptr);

// «03.06.2030 10:15:42», local time.
std::string audit_time(std::int64_t at_ms);

// «reg-1» for 'desk:reg-1', «киоск lobby» for 'kiosk:lobby'.
std::string audit_workplace(std::string_view place);

}  // namespace rg::db
