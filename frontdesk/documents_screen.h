// «Документы»: the administrator picks a patient and a visit, sees the documents that can be made
// for it, a rendered preview of the pages, prints them (or the first visit pack: contract,
// consent, personal-data consent, coupon in one action), and reprints from the history of the
// patient's printed documents, byte for byte.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "appointments.h"
#include "company_dialog.h"
#include "calendar.h"
#include "documents.h"
#include "document_preview.h"
#include "patient_picker.h"
#include "person_dialog.h"
#include "print_dialog.h"
#include "screen.h"

namespace rg::desk {

// The documents the desk makes for a patient and a visit, in the order they are listed.
enum class DocKind { Contract, Consent, Refusal, PersonalData, StatCoupon, Slip, ServicesAct, TaxCertificate };
inline constexpr DocKind kDocKinds[] = {DocKind::Contract,   DocKind::Consent, DocKind::Refusal,
                                        DocKind::PersonalData, DocKind::StatCoupon, DocKind::Slip,
                                        DocKind::ServicesAct, DocKind::TaxCertificate};
const char* template_id(DocKind k);   // the file in templates/: "contract", …
const char* doc_kind_name(DocKind k);  // translated, short: «Договор»
bool needs_visit(DocKind k);

// Everything a document is made from; the data itself is read on the worker.
struct DocRequest {
  DocKind kind = DocKind::Contract;
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> appointment_id;
  std::optional<db::DocPayer> payer;  // none: the visit's invoice says (else the patient)
  // Who signs for the patient: none = by age (a legal representative from the card for a child).
  std::optional<db::Signer> signer;
  std::vector<std::string> refused;   // the refusal's interventions, as typed
  db::DocPayer taxpayer;              // the tax certificate's: the patient or a relative
  int year = 0;  // the tax certificate's
  Date date;     // the document's date (today)
};

// ---- Where printed PDFs go ------------------------------------------------------------------
// Where printed documents go: frontdesk/cups_output.h sends them through CUPS (with its own
// fallback folder); tests and screenshots may hand in another.
// Sending: not yet taken by the print server; Sent: the server took it (queued); Printing;
// Completed: the server says it printed; SavedToFolder: not printed, the file kept instead.
enum class JobState { Sending, Sent, Printing, Completed, Stopped, Failed, SavedToFolder };
const char* job_state_name(JobState s);  // translated

struct PrintJob {
  std::int64_t printed_id = 0;  // the printed_documents row
  std::string title;            // «Договор — Иванова А. П.»: the queue shows it
  std::string template_id;
  std::string pdf;
  int copies = 1;
  bool slip = false;            // the slip printer's queue rather than the A4 one
  std::string queue;            // chosen in the print dialog; empty: the routing decides
  bool duplex = false;
  std::string file_stem;        // for a file: «2025-06-03-contract-000123»
};

class DocumentOutput {
 public:
  // Any thread, any number of times, as the job moves; the last call is its final state.
  // `detail`: a sentence for people; for SavedToFolder, the folder the file is in.
  using Report = std::function<void(JobState, std::string detail)>;
  virtual ~DocumentOutput() = default;
  // Called on the UI thread: must not block (no I/O here; hand the job to a thread). Returns a
  // handle for retry(), or 0 when the output cannot retry.
  virtual std::uint64_t submit(PrintJob job, Report report) = 0;
  // Sends a stopped, failed or saved job again (the same bytes); the report follows it.
  virtual Status retry(std::uint64_t handle) = 0;
};

class DocumentsScreen : public Screen {
 public:
  explicit DocumentsScreen(DeskContext& ctx);
  const char* id() const override { return "documents"; }
  std::string title() const override;
  void on_show() override;
  void on_data_changed() override;
  void draw() override;
  void prepare_screenshot() override;
  std::vector<std::string> extra_shots() const override {
    return {"print", "history", "reprint", "error", "child", "person", "question"};
  }
  void prepare_extra_shot(const std::string& name) override;

  // From another screen (the flow board's «П», the patient card): this patient, this visit.
  void open_for(const db::PatientSummary& patient, std::optional<std::int64_t> appointment_id);

  // Actions, usable by tests and screenshots.
  void choose_visit(std::optional<std::int64_t> appointment_id);
  void choose_kind(DocKind kind);
  void ask_print();  // the print dialog (F9)
  void print_current(const PrintChoice& choice);
  void print_first_visit_pack();
  void reprint(std::int64_t printed_id);
  bool busy() const { return loading_ > 0 || printing_; }

 private:
  struct Prepared;  // the template and data a preview was drawn from: what «Печать» prints
  // A line of the history (db::PrintedDocument without its template and data).
  struct Printed {
    std::int64_t id = 0;
    std::optional<std::int64_t> reprint_of;
    std::string template_id, printed_by, pdf_sha256;
    int template_version = 1, pages = 1, copies = 1;
    std::int64_t printed_at = 0;
  };
  struct JobLine {
    int key = 0;
    std::string title;
    int copies = 1;
    JobState state = JobState::Sending;
    std::string detail;
    std::uint64_t handle = 0;  // the output's, for retry
  };

  void set_patient(const db::PatientSummary& p, std::optional<std::int64_t> appointment_id);
  void load_visits(std::optional<std::int64_t> want_visit);
  void load_history();
  void render_preview(bool keep_place = false);
  DocRequest request(DocKind kind) const;
  const db::PatientVisit* visit() const;
  // Sends rendered and recorded documents to the output; reports land in jobs_.
  void send(std::vector<PrintJob> jobs);

  void load_people();
  void draw_header();
  void draw_left(float width, float height);
  void draw_signer();
  void draw_payer();
  void draw_refused();
  void draw_taxpayer();
  void draw_question();
  void add_person(bool representative);
  void save_person(const db::RelatedPerson& p, bool choose_as_signer);
  // What the preview's data says (the document's own view of who signs and pays).
  std::string preview_text(const char* path) const;
  void draw_visits(float height);
  void draw_kinds();
  void draw_options();
  void draw_history();
  void draw_right(float width, float height);
  void draw_jobs();

  PatientPicker picker_;
  DocumentPreview preview_;
  // Print reports arriving after this screen is gone (another person signed in) are dropped.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);

  std::optional<db::PatientSummary> patient_;
  std::vector<db::PatientVisit> visits_;  // today's first, then as patient_visits gives them
  std::optional<std::int64_t> visit_id_;
  DocKind kind_ = DocKind::Contract;
  std::optional<db::DocPayer> payer_;
  std::optional<db::Signer> signer_;
  std::vector<std::string> refused_;
  char refused_text_[1024] = {};
  db::DocPayer taxpayer_;
  // The card's people and the known companies, for the signer, payer and taxpayer choices.
  std::vector<db::RelatedPerson> people_;
  std::vector<db::PayerCompany> companies_;
  int people_gen_ = 0;
  PersonDialog person_dialog_;
  CompanyDialog company_dialog_;
  // A name form the preview needs and nobody confirmed: asked in the preview's place.
  std::optional<db::NameQuestion> question_;
  char question_form_[300] = {};
  bool saving_form_ = false;
  int year_ = 0;
  std::vector<Printed> history_;

  std::shared_ptr<const Prepared> prepared_;
  std::string doc_title_;  // of the previewed document
  int copies_ = 1;
  std::string preview_error_, preview_error_detail_;
  std::string notice_;
  PrintDialog print_dialog_;
  bool notice_is_error_ = false;
  std::vector<JobLine> jobs_;
  int next_job_key_ = 1;

  int visits_gen_ = 0, history_gen_ = 0, preview_gen_ = 0;
  int loading_ = 0;  // worker jobs under way that fill the screen
  bool rendering_ = false;
  bool printing_ = false;
  std::int64_t reprinting_id_ = 0;
  std::string template_override_;  // a template text instead of the file (the error screenshot)
};

}  // namespace rg::desk
