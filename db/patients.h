// Patients: registration, the card, and the search the desk types into all day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "database.h"

namespace rg::db {

struct Phone {
  std::string number;  // as typed or E.164; stored as E.164 digits
  std::string kind = "mobile";  // mobile, home, work, other
};

struct IdDocument {
  std::string type = "passport_ru", series, number, issued_by;
  std::optional<Date> issued_on;
};

// What the desk fills in. Card number and timestamps are the core's to assign.
struct PatientDraft {
  std::string surname, name, patronymic;
  Date birth_date;
  char sex = 'F';  // 'M' or 'F'
  std::vector<Phone> phones;
  std::string email, address;
  IdDocument id_doc;
  std::optional<std::string> oms_enp;  // 16 digits
  std::optional<std::string> snils;    // 11 digits, with a valid check number
  std::optional<std::int64_t> referral_source_id;
  bool marketing_consent = false;
  std::string notes;
  std::string inn;  // 12 digits: the tax certificate prints it
};

struct Patient : PatientDraft {
  std::int64_t id = 0;
  std::string card_no;
  std::string referral_source;  // its name
  std::int64_t created_at = 0, updated_at = 0;
};

// Checks a draft; the error names the field in words the desk understands.
Status validate(const PatientDraft& p, Date today);
bool snils_valid(std::string_view digits);

// Registers a patient (own transaction, audited). Returns the new id.
Result<std::int64_t> create_patient(Database& db, const PatientDraft& p, const Actor& actor);
// The same without a transaction or audit: for bulk loads inside the caller's transaction.
// card_no empty = next number.
Result<std::int64_t> insert_patient(Database& db, const PatientDraft& p, std::string card_no = {});
// Changes the card (own transaction, audited with the names of the fields changed, never their
// values). `seen_updated_at`: the card's updated_at when the desk opened it; if another desk
// saved the card since, nothing is written and the answer is Conflict.
Status update_patient(Database& db, std::int64_t id, const PatientDraft& p, const Actor& actor,
                      std::optional<std::int64_t> seen_updated_at = std::nullopt);
// The card's columns, search keys and phones written as update_patient writes them, without a
// transaction, audit or checks: for bulk work inside the caller's transaction (the import's merges).
Status store_patient(Database& db, std::int64_t id, const PatientDraft& p);
Result<Patient> get_patient(Database& db, std::int64_t id);
// A card was opened and its data shown to the person (152-FZ: who read whose data): one audit
// row "patient.view" in its own transaction. The desk calls it once per opening, not on a reload.
Status log_patient_view(Database& db, std::int64_t patient_id, const Actor& actor);

// One line of search results.
struct PatientSummary {
  std::int64_t id = 0;
  std::string card_no, surname, name, patronymic;
  std::string birth_date;  // YYYY-MM-DD
  char sex = 'F';
  std::string phone;  // the first phone, E.164 digits, or empty
};

// The search-result line of a patient (for screens that open a patient found another way).
PatientSummary summary_of(const Patient& p);

// Cards that may already be this person: the same surname, first name and date of birth, or
// the same date of birth and one of the phones. The desk asks before opening a second card
// (namesakes born the same day exist, so it is a question, not a refusal). `except_id`: the
// card being edited.
Result<std::vector<PatientSummary>> possible_duplicates(Database& db, const PatientDraft& p,
                                                        std::int64_t except_id = 0);

// What a search string asks for (see parse_patient_query for the rules).
struct PatientQuery {
  std::vector<std::string> name_parts;  // folded prefixes: surname, name, patronymic
  std::optional<Date> birth_date;
  std::optional<int> birth_year;
  std::string digits;                   // phone (whole or last 4+ digits) or card number
  bool empty() const {
    return name_parts.empty() && !birth_date && !birth_year && digits.empty();
  }
};

// "иванова 1985", "Иванов И.П.", "+7 (916) 123-45-67", "4567", "12.03.1985", "10234".
PatientQuery parse_patient_query(std::string_view text);

// Ranked (name order: exact surname before longer ones) and paged through all matches.
Result<std::vector<PatientSummary>> search_patients(Database& db, const PatientQuery& q,
                                                    int offset, int limit);
Result<std::int64_t> count_patients(Database& db, const PatientQuery& q);

}  // namespace rg::db
