// What the printed documents are filled with, from the database (clinic requisites, patient,
// visit, doctor, services at the visit day's prices, payer), and the record of every document
// printed: enough to print it again byte for byte.
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

// A person named on a document who is not (necessarily) a patient of the clinic: a payer, a
// legal representative, the taxpayer.
struct PersonOnDocument {
  std::string full_name, address, phone;
  std::optional<Date> birth_date;
  std::string id_doc;  // «паспорт 45 10 123456, выдан … 12.03.2010»
  std::string inn;
};

struct CompanyOnDocument {
  std::string name, ogrn, inn, kpp, address, signatory, authority;  // who signs, on what basis
};

struct Payer {
  enum class Kind { Patient, Person, Company } kind = Kind::Patient;
  std::optional<std::int64_t> patient_id;  // a person who has a card here: filled from it
  PersonOnDocument person;
  CompanyOnDocument company;
};

struct ServiceLine {
  std::string code, name;
  int quantity = 1;
  std::int64_t price_kopecks = 0;
};

// document.* : number, date (short and long), year, the clinic's city.
DocNode header_node(Database& db, const DocumentHeader& h);
// clinic.* : the clinic table plus the clinic.* settings (licence works, bank, city, head's
// authority). Empty requisites print as a line to fill in by hand.
Result<DocNode> clinic_node(Database& db);
// patient.* : names, birth date, sex, address, phones, identity document, ЕНП, СНИЛС, card.
Result<DocNode> patient_node(Database& db, std::int64_t patient_id);
// The services of an appointment at the prices in force on its day, in booking order.
Result<std::vector<ServiceLine>> appointment_services(Database& db, std::int64_t appointment_id);

// Contract for paid medical services (decree 736). Services default to the appointment's.
struct ContractRequest {
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> appointment_id;
  std::vector<ServiceLine> services;
  Payer payer;
  bool estimate = false;  // attach a cost estimate (смета)
  std::optional<PersonOnDocument> representative;  // legal representative of the patient
  DocumentHeader header;
};
Result<DocNode> contract_data(Database& db, const ContractRequest& r);

// Informed voluntary consent (1051н appendix 2) and refusal (appendix 3).
struct ConsentRequest {
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> appointment_id;  // its doctor explains, its services intervene
  std::optional<std::int64_t> doctor_id;       // overrides the appointment's
  std::vector<std::string> interventions;      // refusal: what is refused; consent: "" = the list
  std::optional<PersonOnDocument> representative;
  std::vector<PersonOnDocument> informed_persons;  // who may be told about the patient's health
  DocumentHeader header;
};
Result<DocNode> consent_data(Database& db, const ConsentRequest& r);

// Consent to the processing of personal data (152-FZ art. 9).
Result<DocNode> personal_data_consent_data(Database& db, std::int64_t patient_id,
                                           const std::optional<PersonOnDocument>& representative,
                                           const DocumentHeader& header);

// Statistical coupon 025-1/у (274н appendix 3), pre-filled from the patient and the visit.
Result<DocNode> stat_coupon_data(Database& db, std::int64_t appointment_id, const DocumentHeader& header);

// Certificate of payment for medical services for the tax office (КНД 1151156). The sums come
// from the cash desk; this builder only checks and prints them.
struct TaxCertificateRequest {
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> taxpayer_patient_id;  // the taxpayer has a card here
  std::optional<PersonOnDocument> taxpayer;         // … or not; neither: the patient paid
  int year = 0;
  std::int64_t code1_kopecks = 0;  // ordinary medical services
  std::int64_t code2_kopecks = 0;  // expensive treatment
  int correction = 0;              // 0 for the first issue
  std::string signatory;           // «Смирнова Е. А.»; "" = the clinic's head
  DocumentHeader header;
};
Result<DocNode> tax_certificate_data(Database& db, const TaxCertificateRequest& r);

// Appointment slip: date, time, doctor, room, address, preparation, the check-in QR payload
// (made by codes::make_checkin_token; the core has no crypto).
Result<DocNode> slip_data(Database& db, std::int64_t appointment_id, const std::string& checkin_token,
                          const DocumentHeader& header);

// The day's patients by doctor with card numbers, for pulling the medical cards.
Result<DocNode> card_pull_list_data(Database& db, Date day, const DocumentHeader& header);

// Act of services rendered (акт оказанных услуг) for an appointment.
Result<DocNode> services_act_data(Database& db, std::int64_t appointment_id, const Payer& payer,
                                  const DocumentHeader& header);

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

}  // namespace rg::db
