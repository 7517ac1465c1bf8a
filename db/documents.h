// What the printed documents are filled with, from the database (clinic requisites, patient and
// the people on the card, visit, doctor, services at the visit day's prices, payer), the numbers
// documents keep, and the record of every document printed: enough to print it again byte for
// byte.
//
// Every person node carries the forms a sentence may need («в лице законного представителя
// Иванова Петра Ильича»): `genitive`, `dative`, `instrumental` and the words that agree with the
// person's sex (`named` «именуемый/именуемая», `registered`, `acting_gen`). A form neither the
// desk confirmed nor the rules are sure of is left out and listed under `name_questions`; the
// engine refuses to print a template that uses it and says which form to confirm.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "database.h"
#include "document_data.h"

namespace rg::db {

// Number and date the document carries. The date also sets the PDF's creation date, so a
// document made twice from the same data is the same file.
struct DocumentHeader {
  std::string number;  // «Д-2025-00017»; "" prints a blank to fill in by hand
  Date date;
};

// The number a document keeps: the same subject (a visit's contract) always gets the same number;
// numbers run per series and year. Series: contract «Д-2026-00017», act «А-…», coupon «Т-…»,
// tax_certificate «17». Written the first time it is asked for.
Result<std::string> document_number(Database& db, std::string_view series, std::string_view subject, int year);

// Who pays, for the contract, the act and the tax certificate.
struct DocPayer {
  enum class Kind { Patient, Person, Card, Company, Named } kind = Kind::Patient;
  std::optional<std::int64_t> id;  // Person: patient_persons.id; Card: patients.id; Company: payer_companies.id
  std::string name, inn;           // Named: a payer an invoice knows only by name (a company by name and INN)
  bool named_company = false;
};
// The payer of a visit as its invoice says (the insurer's part left aside); none when unbilled.
Result<std::optional<DocPayer>> invoice_payer(Database& db, std::int64_t appointment_id);

// Who signs for the patient: the patient, or a legal representative from the card.
struct Signer {
  std::optional<std::int64_t> representative_id;  // patient_persons.id
};
// The signer the documents default to: the card's legal representative while the patient is
// younger than `adult_age` on `day` (18 for contracts and personal data, 15 for medical consent,
// 323-ФЗ art. 20 p. 2), else the patient.
Result<Signer> default_signer(Database& db, std::int64_t patient_id, Date day, int adult_age);

struct ServiceLine {
  std::string code, name;
  int quantity = 1;
  std::int64_t price_kopecks = 0;
  int tax_code = 1;
};

// document.* : number, date (short and long), year, the clinic's city.
DocNode header_node(Database& db, const DocumentHeader& h);
// clinic.* : the clinic table plus the clinic.* settings (licence and its authority, head and his
// authority, bank, the processors of personal data). Empty requisites print as a line to fill in
// by hand; the head's genitive and the authority's instrumental come from the requisites, else
// from the declension rules (or a name question).
Result<DocNode> clinic_node(Database& db, DocNode& questions);
Result<DocNode> clinic_node(Database& db);
// patient.* : names and their cases, birth date, sex, address, phones, identity document, ЕНП,
// СНИЛС, card, INN, minor.
Result<DocNode> patient_node(Database& db, std::int64_t patient_id, DocNode& questions, std::string_view path,
                             Date day);
// The services of an appointment at the prices in force on its day, in booking order.
Result<std::vector<ServiceLine>> appointment_services(Database& db, std::int64_t appointment_id);

// Contract for paid medical services (PP 659 of 30.05.2026, before it PP 736). Services default
// to the appointment's, less what a DMS guarantee letter covers; the payer to its invoice's.
struct ContractRequest {
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> appointment_id;
  std::vector<ServiceLine> services;
  std::optional<DocPayer> payer;  // none: the invoice's, else the patient
  Signer signer;
  bool estimate = false;  // attach a cost estimate (смета)
  DocumentHeader header;
};
Result<DocNode> contract_data(Database& db, const ContractRequest& r);

// Informed voluntary consent (1051н appendix 2) and refusal (appendix 3).
struct ConsentRequest {
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> appointment_id;  // its doctor explains; the consent lists its services
  std::optional<std::int64_t> doctor_id;       // overrides the appointment's
  bool refusal = false;
  // Consent: the interventions (none: the visit's services). Refusal: only what the patient
  // refuses, as the doctor or desk wrote it; none leaves lines to fill in by hand.
  std::vector<std::string> interventions;
  Signer signer;
  DocumentHeader header;
};
Result<DocNode> consent_data(Database& db, const ConsentRequest& r);

// The kinds of medical intervention of the list the consent and the refusal refer to (order of the
// Ministry of Health and Social Development of 23.04.2012 № 390н), as the desk picks them for a
// refusal. The wording is the list's; check it against the order when it changes.
const std::vector<std::string>& intervention_kinds_390n();

// Consent to the processing of personal data (152-ФЗ art. 9 p. 4; a separate document).
Result<DocNode> personal_data_consent_data(Database& db, std::int64_t patient_id, const Signer& signer,
                                           const DocumentHeader& header);

// Statistical coupon 025-1/у (274н appendix 3), pre-filled from the patient and the visit.
Result<DocNode> stat_coupon_data(Database& db, std::int64_t appointment_id, const DocumentHeader& header);

// Certificate of payment for medical services for the tax office (КНД 1151156): the sums the
// taxpayer paid for the patient in the year, split by the services' tax codes.
struct TaxCertificateRequest {
  std::int64_t patient_id = 0;
  DocPayer taxpayer;  // Patient, Person (a relative on the card) or Card (a relative with a card)
  int year = 0;
  std::string signatory;  // «Смирнова Екатерина Андреевна»; "" = the clinic's head
  DocumentHeader header;
};
// What the taxpayer paid for the patient in a calendar year (registered payments minus refunds,
// by registration date), never a company's or an insurer's money; each payment split between
// code 1 and code 2 in proportion to its invoice's services.
struct TaxSums {
  std::int64_t code1 = 0, code2 = 0;
  int payments = 0;
};
Result<TaxSums> taxpayer_sums(Database& db, std::int64_t patient_id, const DocPayer& taxpayer, int year);
// The subject a certificate's number belongs to: one per patient, taxpayer and year.
std::string tax_certificate_subject(std::int64_t patient_id, const DocPayer& taxpayer, int year);
Result<DocNode> tax_certificate_data(Database& db, const TaxCertificateRequest& r);

// Appointment slip: date, time, doctor, room, address, preparation, the check-in QR payload
// (made by codes::make_checkin_token; the core has no crypto).
Result<DocNode> slip_data(Database& db, std::int64_t appointment_id, const std::string& checkin_token,
                          const DocumentHeader& header);

// The day's patients by doctor with card numbers, for pulling the medical cards.
Result<DocNode> card_pull_list_data(Database& db, Date day, const DocumentHeader& header);

// Act of services rendered (акт оказанных услуг) for an appointment, naming its contract.
struct ActRequest {
  std::int64_t appointment_id = 0;
  std::optional<DocPayer> payer;  // none: the invoice's, else the patient
  Signer signer;
  DocumentHeader header;
};
Result<DocNode> services_act_data(Database& db, const ActRequest& r);

// A name form a template needs and nobody confirmed: what the desk is asked.
struct NameQuestion {
  std::string path;        // «representative.genitive»
  std::string nominative;  // «Смит Джон»
  char sex = 0;
  std::string gram_case;   // "genitive"
  std::string suggestion;  // the rules' guess
};
// The question behind an engine error about a missing form, if it is one.
std::optional<NameQuestion> name_question_of(const Error& e);

// ---- The record of printed documents ----

struct PrintedDocumentDraft {
  std::string kind;  // the template id: 'contract', 'consent', …
  std::optional<std::int64_t> patient_id, appointment_id, reprint_of;
  std::string template_id;
  int template_version = 1;
  std::string template_sha256, template_body;  // the text is stored once per distinct hash
  std::string renderer;
  std::string data_json;
  std::string pdf_sha256;
  std::int64_t pdf_bytes = 0;
  int pages = 1, copies = 1;
  std::string number;           // what the document says it is: «Д-2026-00017»
  std::optional<Date> doc_date;
};

struct PrintedDocument : PrintedDocumentDraft {
  std::int64_t id = 0;
  std::string printed_by;
  std::int64_t printed_at = 0;
};

// Records a printed document (the template text too when new) and audits it, in one transaction.
Result<std::int64_t> record_printed_document(Database& db, const PrintedDocumentDraft& d, const Actor& actor);
// One record with its template text and data.
Result<PrintedDocument> get_printed_document(Database& db, std::int64_t id);
// A patient's printed documents, newest first, without template text and data.
Result<std::vector<PrintedDocument>> printed_documents_of_patient(Database& db, std::int64_t patient_id,
                                                                  int limit = 100);
// How many times a document with this number was printed as an original (not a reprint): the
// tax certificate's correction number is this count.
Result<int> originals_printed(Database& db, std::string_view kind, std::string_view number);

}  // namespace rg::db
