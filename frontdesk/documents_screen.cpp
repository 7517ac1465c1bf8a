// Every read, render and write runs on the desk's worker; the frame only draws what came back.
// The worker keeps one DocumentEngine of its own (thread_local: the engine is not thread-safe),
// renders the chosen document and hands back RGBA pages; textures are made on the UI thread.
// «Печать» prints the template and data the preview was drawn from, so what the administrator
// saw is what is recorded and printed; a reprint renders the recorded text and data again and
// refuses when the bytes would differ.
#include "documents_screen.h"

#include "palette.h"

#include <SDL_scancode.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "appointment_changes.h"
#include "clinic.h"
#include "doc_template.h"
#include "document_engine.h"
#include "documents.h"
#include "flow.h"
#include "print_service.h"
#include "patients.h"
#include "name_forms.h"
#include "patient_persons.h"
#include "payer_companies.h"
#include "payments.h"
#include "slip_token.h"
#include "dialog.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {

struct DocumentsScreen::Prepared {
  DocRequest request;
  docs::DocTemplate tmpl;
  db::DocNode data;
};

namespace {

const ImVec4 kOrange(0.76f, 0.25f, 0.05f, 1);

constexpr DocKind kFirstVisitPack[] = {DocKind::Contract, DocKind::Consent, DocKind::PersonalData,
                                       DocKind::StatCoupon};

Result<docs::DocTemplate> load_kind_template(DocKind k) {
  return docs::load_template_file(docs::templates_dir() / (std::string(template_id(k)) + ".md"));
}

// Numbers follow the visit (or the patient, taxpayer and year): a document made twice for the same
// visit carries the same number. Documents without a number of their own print a blank.
Result<std::string> doc_number(db::Database& db, const DocRequest& r) {
  const std::string visit = "appointment:" + std::to_string(r.appointment_id.value_or(0));
  switch (r.kind) {
    case DocKind::Contract: return db::document_number(db, "contract", visit, r.date.year());
    case DocKind::ServicesAct: return db::document_number(db, "act", visit, r.date.year());
    case DocKind::StatCoupon: return db::document_number(db, "coupon", visit, r.date.year());
    case DocKind::TaxCertificate:
      return db::document_number(db, "tax_certificate", db::tax_certificate_subject(r.patient_id, r.taxpayer, r.year),
                                 r.date.year());
    default: return std::string();
  }
}

// The signer the request names, else the default for the patient's age.
Result<db::Signer> signer_for(db::Database& db, const DocRequest& r, int adult_age) {
  if (r.signer) return *r.signer;
  return db::default_signer(db, r.patient_id, r.date, adult_age);
}

Result<db::DocNode> build_data(db::Database& db, const DocRequest& r) {
  if (needs_visit(r.kind) && !r.appointment_id)
    return fail(ErrorCode::Invalid, _("Choose the visit the document is for."));
  RG_TRY_ASSIGN(std::string number, doc_number(db, r));
  const db::DocumentHeader h{number, r.date};
  switch (r.kind) {
    case DocKind::Contract: {
      db::ContractRequest c;
      c.patient_id = r.patient_id;
      c.appointment_id = r.appointment_id;
      c.payer = r.payer;
      RG_TRY_ASSIGN(c.signer, signer_for(db, r, 18));
      c.header = h;
      return db::contract_data(db, c);
    }
    case DocKind::Consent:
    case DocKind::Refusal: {
      db::ConsentRequest c;
      c.patient_id = r.patient_id;
      c.appointment_id = r.appointment_id;
      c.refusal = r.kind == DocKind::Refusal;
      if (c.refusal) c.interventions = r.refused;  // only what is refused; none: lines to fill in
      RG_TRY_ASSIGN(c.signer, signer_for(db, r, 15));
      c.header = h;
      return db::consent_data(db, c);
    }
    case DocKind::PersonalData: {
      RG_TRY_ASSIGN(db::Signer s, signer_for(db, r, 18));
      return db::personal_data_consent_data(db, r.patient_id, s, h);
    }
    case DocKind::StatCoupon:
      return db::stat_coupon_data(db, *r.appointment_id, h);
    case DocKind::Slip: {
      RG_TRY_ASSIGN(std::string token, docs::slip_checkin_token(db, *r.appointment_id));
      return db::slip_data(db, *r.appointment_id, token, h);
    }
    case DocKind::ServicesAct: {
      db::ActRequest a;
      a.appointment_id = *r.appointment_id;
      a.payer = r.payer;
      RG_TRY_ASSIGN(a.signer, signer_for(db, r, 18));
      a.header = h;
      return db::services_act_data(db, a);
    }
    case DocKind::TaxCertificate: {
      db::TaxCertificateRequest t;
      t.patient_id = r.patient_id;
      t.taxpayer = r.taxpayer;
      t.year = r.year;
      t.header = h;
      return db::tax_certificate_data(db, t);
    }
  }
  return fail(ErrorCode::Internal, "unknown document kind");
}

// «Шаблон contract, строка 12: …» with its detail; a data error names the document.
std::string error_text(DocKind k, const Error& e) { return std::string(doc_kind_name(k)) + ": " + e.message; }

std::string file_stem(const std::string& template_id, std::int64_t printed_id, Date day, bool reprint) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%s-%s-%06lld%s", day.iso().c_str(), template_id.c_str(),
                static_cast<long long>(printed_id), reprint ? "-reprint" : "");
  std::string s = buf;
  if (reprint) s += "-" + std::to_string(db::now_unix());
  return s;
}

ImVec4 job_colour(JobState s) {
  switch (s) {
    case JobState::Sending:
    case JobState::Sent:
    case JobState::Printing: return kBlue;
    case JobState::Completed: return kGreen;
    case JobState::SavedToFolder: return kAmber;
    case JobState::Stopped: return kAmber;
    case JobState::Failed: return kError;
  }
  return kQuiet;
}

void section(const char* caps) {
  ImGui::TextColored(kQuiet, "%s", caps);
  ImGui::Separator();
}

std::string printed_when(std::int64_t at) {
  const LocalTime t = to_local(at);
  return (t.date == today() ? std::string(_("today")) : t.date.ru()) + " " + hhmm(t.minutes);
}

}  // namespace

// ---- Kinds and states ----------------------------------------------------------------------

const char* template_id(DocKind k) {
  switch (k) {
    case DocKind::Contract: return "contract";
    case DocKind::Consent: return "consent";
    case DocKind::Refusal: return "refusal";
    case DocKind::PersonalData: return "personal_data_consent";
    case DocKind::StatCoupon: return "stat_coupon";
    case DocKind::Slip: return "appointment_slip";
    case DocKind::ServicesAct: return "services_act";
    case DocKind::TaxCertificate: return "tax_certificate";
  }
  return "";
}

const char* doc_kind_name(DocKind k) {
  switch (k) {
    case DocKind::Contract: return _("Contract for paid services");
    case DocKind::Consent: return _("Informed consent");
    case DocKind::Refusal: return _("Refusal of intervention");
    case DocKind::PersonalData: return _("Personal data consent");
    case DocKind::StatCoupon: return _("Statistical coupon 025-1/u");
    case DocKind::Slip: return _("Appointment slip");
    case DocKind::ServicesAct: return _("Act of services rendered");
    case DocKind::TaxCertificate: return _("Tax deduction certificate");
  }
  return "";
}

bool needs_visit(DocKind k) { return k != DocKind::PersonalData && k != DocKind::TaxCertificate; }

const char* job_state_name(JobState s) {
  switch (s) {
    case JobState::Sending: return _("going to the printer…");
    case JobState::Sent: return _("sent to print");
    case JobState::Printing: return _("printing");
    case JobState::Completed: return _("printed");
    case JobState::Stopped: return _("not printed: the printer is stopped");
    case JobState::Failed: return _("not printed");
    case JobState::SavedToFolder: return _("not printed: the file is saved");
  }
  return "";
}

// ---- Loading -------------------------------------------------------------------------------

DocumentsScreen::DocumentsScreen(DeskContext& ctx)
    : Screen(ctx), picker_(ctx), preview_(ctx.shell) {
  year_ = today().year();
}

std::string DocumentsScreen::title() const { return _("Documents"); }

void DocumentsScreen::on_show() {
  if (!patient_) picker_.focus();
  else if (preview_.lost()) render_preview(true);
}

void DocumentsScreen::on_data_changed() {
  if (!patient_) return;
  load_people();
  load_visits(visit_id_);
  load_history();
}

void DocumentsScreen::open_for(const db::PatientSummary& patient, std::optional<std::int64_t> appointment_id) {
  picker_.reset();
  picker_.picked = patient;
  set_patient(patient, appointment_id);
}

void DocumentsScreen::set_patient(const db::PatientSummary& p, std::optional<std::int64_t> appointment_id) {
  patient_ = p;
  visits_.clear();
  history_.clear();
  visit_id_.reset();
  prepared_.reset();
  preview_.clear();
  preview_error_.clear();
  preview_error_detail_.clear();
  notice_.clear();
  payer_.reset();
  signer_.reset();
  refused_.clear();
  refused_text_[0] = 0;
  taxpayer_ = {};
  question_.reset();
  people_.clear();
  load_people();
  load_visits(appointment_id ? appointment_id : std::nullopt);
  load_history();
}

void DocumentsScreen::load_people() {
  if (!patient_) return;
  const int gen = ++people_gen_;
  const std::int64_t pid = patient_->id;
  ctx_.worker.submit([this, gen, pid](db::Database& db) -> db::Worker::Continuation {
    auto people = db::related_persons(db, pid);
    auto companies = db::find_payer_companies(db, "", 500);
    return [this, gen, people = std::move(people), companies = std::move(companies)]() mutable {
      if (gen != people_gen_) return;
      if (people) people_ = std::move(*people);
      if (companies) companies_ = std::move(*companies);
      if (!people || !companies) {
        notice_is_error_ = true;
        notice_ = (!people ? people.error() : companies.error()).message;
      }
    };
  });
}

void DocumentsScreen::load_visits(std::optional<std::int64_t> want_visit) {
  if (!patient_) return;
  const int gen = ++visits_gen_;
  const std::int64_t pid = patient_->id;
  const bool first_load = visits_.empty();
  ++loading_;
  ctx_.worker.submit([this, gen, pid, want_visit, first_load](db::Database& db) -> db::Worker::Continuation {
    auto rows = db::patient_visits(db, pid, 40);
    return [this, gen, want_visit, first_load, rows = std::move(rows)]() mutable {
      --loading_;
      if (gen != visits_gen_) return;
      if (!rows) {
        notice_is_error_ = true;
        notice_ = rows.error().message;
        return;
      }
      // Today's visits first (by time), then the others as they came: the coming, then the past.
      const Date day = today();
      std::vector<db::PatientVisit> v;
      for (const auto& r : *rows)
        if (to_local(r.start_at).date == day) v.push_back(r);
      std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.start_at < b.start_at; });
      const size_t today_count = v.size();
      for (const auto& r : *rows)
        if (to_local(r.start_at).date != day && r.status != db::AppointmentStatus::Cancelled) v.push_back(r);
      visits_ = std::move(v);
      auto has = [this](std::int64_t id) {
        return std::any_of(visits_.begin(), visits_.end(), [id](const auto& r) { return r.id == id; });
      };
      std::optional<std::int64_t> pick;
      if (want_visit && has(*want_visit)) pick = want_visit;
      if (!pick)
        for (size_t i = 0; i < today_count && !pick; ++i)
          if (visits_[i].first_visit && visits_[i].status != db::AppointmentStatus::Cancelled) pick = visits_[i].id;
      if (!pick && !visits_.empty()) pick = visits_.front().id;
      const bool changed = pick != visit_id_;
      visit_id_ = pick;
      if (first_load || changed) render_preview();
      else render_preview(true);  // someone committed: the data may have changed, keep the place
    };
  });
}

void DocumentsScreen::load_history() {
  if (!patient_) return;
  const int gen = ++history_gen_;
  const std::int64_t pid = patient_->id;
  ++loading_;
  ctx_.worker.submit([this, gen, pid](db::Database& db) -> db::Worker::Continuation {
    auto rows = db::printed_documents_of_patient(db, pid, 100);
    std::vector<Printed> lines;
    if (rows)
      for (const auto& r : *rows)
        lines.push_back({r.id, r.reprint_of, r.template_id, r.printed_by, r.pdf_sha256, r.template_version, r.pages,
                         r.copies, r.printed_at});
    std::string error = rows ? "" : rows.error().message;
    return [this, gen, lines = std::move(lines), error]() mutable {
      --loading_;
      if (gen != history_gen_) return;
      if (!error.empty()) {
        notice_is_error_ = true;
        notice_ = error;
        return;
      }
      history_ = std::move(lines);
    };
  });
}

const db::PatientVisit* DocumentsScreen::visit() const {
  for (const auto& v : visits_)
    if (visit_id_ && v.id == *visit_id_) return &v;
  return nullptr;
}

DocRequest DocumentsScreen::request(DocKind kind) const {
  DocRequest r;
  r.kind = kind;
  r.patient_id = patient_ ? patient_->id : 0;
  if (needs_visit(kind)) r.appointment_id = visit_id_;
  r.payer = payer_;
  r.signer = signer_;
  r.refused = refused_;
  r.taxpayer = taxpayer_;
  r.year = year_;
  r.date = today();
  return r;
}

void DocumentsScreen::choose_visit(std::optional<std::int64_t> appointment_id) {
  if (appointment_id == visit_id_) return;
  visit_id_ = appointment_id;
  render_preview();
}

void DocumentsScreen::choose_kind(DocKind kind) {
  if (kind == kind_ && (prepared_ || rendering_)) return;
  kind_ = kind;
  render_preview();
}

void DocumentsScreen::render_preview(bool keep_place) {
  if (!patient_) return;
  const int gen = ++preview_gen_;
  const DocRequest req = request(kind_);
  const std::string text_override = template_override_;
  // Pages as wide as the panel shows them: no scaling at «по ширине».
  const float target_px = std::max(400.f, preview_.fit_width_px());
  rendering_ = true;
  ++loading_;
  ctx_.worker.submit([this, gen, req, target_px, keep_place, text_override](db::Database& db) -> db::Worker::Continuation {
    struct Out {
      std::shared_ptr<Prepared> prepared;
      std::vector<docs::PageImage> pages;
      double dpi = 96;
      std::optional<Error> error;
    };
    auto out = std::make_shared<Out>();
    auto run = [&]() -> Status {
      RG_TRY_ASSIGN(docs::DocTemplate t, text_override.empty()
                                             ? load_kind_template(req.kind)
                                             : docs::parse_template(text_override, std::string(template_id(req.kind)) + ".md"));
      RG_TRY_ASSIGN(db::DocNode data, build_data(db, req));
      RG_TRY_ASSIGN(docs::DocumentEngine * engine, docs::thread_engine());
      RG_TRY_ASSIGN(docs::PagedDocument laid, engine->lay_out(t, data));
      out->dpi = std::clamp(double(target_px) / (laid.setup().width / 72.0), 48.0, 200.0);
      for (int i = 0; i < laid.page_count(); ++i) {
        RG_TRY_ASSIGN(docs::PageImage img, docs::page_image(laid, i, out->dpi));
        out->pages.push_back(std::move(img));
      }
      out->prepared = std::make_shared<Prepared>(Prepared{req, std::move(t), std::move(data)});
      return {};
    };
    if (Status st = run(); !st) out->error = st.error();
    return [this, gen, out, keep_place]() {
      --loading_;
      if (gen != preview_gen_) return;
      rendering_ = false;
      if (out->error) {
        prepared_.reset();
        preview_.clear();
        preview_error_ = out->error->message;
        preview_error_detail_ = out->error->detail;
        auto q = db::name_question_of(*out->error);
        if (q && (!question_ || question_->nominative != q->nominative || question_->gram_case != q->gram_case))
          std::snprintf(question_form_, sizeof question_form_, "%s", q->suggestion.c_str());
        question_ = q;
        return;
      }
      question_.reset();
      preview_error_.clear();
      preview_error_detail_.clear();
      prepared_ = out->prepared;
      doc_title_ = prepared_->tmpl.title.empty() ? prepared_->tmpl.id : prepared_->tmpl.title;
      copies_ = prepared_->tmpl.copies_for(prepared_->data);
      preview_.show(std::move(out->pages), out->dpi, keep_place);
      if (!preview_.error().empty()) preview_error_ = preview_.error();
    };
  });
}

// ---- Printing ------------------------------------------------------------------------------

void DocumentsScreen::send(std::vector<PrintJob> jobs) {
  for (auto& job : jobs) {
    const int key = next_job_key_++;
    jobs_.push_back({key, job.title, job.copies, JobState::Sending, ""});
    if (jobs_.size() > 4) jobs_.erase(jobs_.begin());
    ui::Shell* shell = &ctx_.shell;
    DocumentOutput* output = ctx_.document_output;
    if (!output) {
      jobs_.back().state = JobState::Failed;
      jobs_.back().detail = _("Printing is not set up on this desk.");
      continue;
    }
    std::weak_ptr<int> alive = alive_;
    jobs_.back().handle = output->submit(std::move(job), [this, shell, key, alive](JobState state, std::string detail) {
      shell->tasks().post([this, key, state, alive, detail = std::move(detail)]() {
        if (alive.expired()) return;
        for (auto& j : jobs_)
          if (j.key == key) j.state = state, j.detail = detail;
      });
    });
  }
}

void DocumentsScreen::ask_print() {
  if (!prepared_ || printing_ || rendering_ || !patient_) return;
  std::string routed;
  if (ctx_.printing) {
    ctx_.printing->refresh_queues();
    // What the settings route this kind to, as the dialog's first choice.
    const auto routing = ctx_.printing->routing();
    routed = prepared_->request.kind == DocKind::Slip ? routing.slips_queue : routing.documents_queue;
  }
  print_dialog_.open(doc_title_, routed, copies_, [this](const PrintChoice& c) { print_current(c); });
}

void DocumentsScreen::print_current(const PrintChoice& choice) {
  if (!prepared_ || printing_ || rendering_ || !patient_) return;
  printing_ = true;
  notice_.clear();
  auto prep = prepared_;
  const db::Actor actor = ctx_.actor();
  const std::string who = masked_name(patient_->surname, patient_->name, patient_->patronymic);
  const std::string name = doc_kind_name(prep->request.kind);
  ctx_.worker.submit([this, prep, actor, who, name, choice](db::Database& db) -> db::Worker::Continuation {
    auto job = [&]() -> Result<PrintJob> {
      RG_TRY_ASSIGN(docs::DocumentEngine * engine, docs::thread_engine());
      RG_TRY_ASSIGN(docs::RenderedDocument r, engine->render(prep->tmpl, prep->data));
      r.copies = choice.copies;
      RG_TRY_ASSIGN(std::int64_t id, docs::record_print(db, prep->tmpl, r,
                                                         {prep->request.patient_id, prep->request.appointment_id}, actor));
      PrintJob j;
      j.printed_id = id;
      j.title = name + " — " + who;
      j.template_id = prep->tmpl.id;
      j.pdf = std::move(r.pdf);
      j.copies = r.copies;
      j.slip = prep->request.kind == DocKind::Slip;
      j.queue = choice.queue;
      j.duplex = choice.duplex;
      j.file_stem = file_stem(prep->tmpl.id, id, prep->request.date, false);
      return j;
    }();
    auto shared = std::make_shared<Result<PrintJob>>(std::move(job));
    return [this, shared, name]() {
      printing_ = false;
      if (!*shared) {
        notice_is_error_ = true;
        notice_ = name + ": " + shared->error().message;
        return;
      }
      notice_is_error_ = false;
      char buf[256];
      std::snprintf(buf, sizeof buf, _("%s: recorded in the journal, %d cop."), name.c_str(), (*shared)->copies);
      notice_ = buf;
      std::vector<PrintJob> jobs;
      jobs.push_back(std::move(**shared));
      send(std::move(jobs));
      load_history();
    };
  });
}

void DocumentsScreen::print_first_visit_pack() {
  if (printing_ || !patient_ || !visit_id_) return;
  printing_ = true;
  notice_.clear();
  std::vector<DocRequest> reqs;
  for (DocKind k : kFirstVisitPack) reqs.push_back(request(k));
  const db::Actor actor = ctx_.actor();
  const std::string who = masked_name(patient_->surname, patient_->name, patient_->patronymic);
  ctx_.worker.submit([this, reqs, actor, who](db::Database& db) -> db::Worker::Continuation {
    // Everything is rendered before anything is recorded: a broken template prints nothing.
    auto run = [&]() -> Result<std::vector<PrintJob>> {
      RG_TRY_ASSIGN(docs::DocumentEngine * engine, docs::thread_engine());
      struct Made {
        DocRequest req;
        docs::DocTemplate t;
        docs::RenderedDocument r;
      };
      std::vector<Made> made;
      for (const auto& req : reqs) {
        auto t = load_kind_template(req.kind);
        if (!t) return fail(t.error().code, error_text(req.kind, t.error()), t.error().detail);
        auto data = build_data(db, req);
        if (!data) return fail(data.error().code, error_text(req.kind, data.error()), data.error().detail);
        auto r = engine->render(*t, *data);
        if (!r) return fail(r.error().code, error_text(req.kind, r.error()), r.error().detail);
        made.push_back({req, std::move(*t), std::move(*r)});
      }
      std::vector<PrintJob> jobs;
      for (auto& m : made) {
        auto id = docs::record_print(db, m.t, m.r, {m.req.patient_id, m.req.appointment_id}, actor);
        if (!id) return fail(id.error().code, error_text(m.req.kind, id.error()), id.error().detail);
        PrintJob j;
        j.printed_id = *id;
        j.title = std::string(doc_kind_name(m.req.kind)) + " — " + who;
        j.template_id = m.t.id;
        j.pdf = std::move(m.r.pdf);
        j.copies = m.r.copies;
        j.file_stem = file_stem(m.t.id, *id, m.req.date, false);
        jobs.push_back(std::move(j));
      }
      return jobs;
    };
    auto shared = std::make_shared<Result<std::vector<PrintJob>>>(run());
    return [this, shared]() {
      printing_ = false;
      load_history();
      if (!*shared) {
        notice_is_error_ = true;
        notice_ = shared->error().message;
        return;
      }
      int sheets = 0;
      for (const auto& j : **shared) sheets += j.copies;
      char buf[256];
      std::snprintf(buf, sizeof buf, _("First visit pack recorded in the journal: documents %zu, copies %d."),
                    (*shared)->size(), sheets);
      notice_is_error_ = false;
      notice_ = buf;
      send(std::move(**shared));
    };
  });
}

void DocumentsScreen::reprint(std::int64_t printed_id) {
  if (printing_ || !patient_) return;
  const Printed* rec = nullptr;
  for (const auto& h : history_)
    if (h.id == printed_id) rec = &h;
  if (!rec) return;
  printing_ = true;
  reprinting_id_ = printed_id;
  notice_.clear();
  const db::Actor actor = ctx_.actor();
  const std::string who = masked_name(patient_->surname, patient_->name, patient_->patronymic);
  std::string name = rec->template_id;
  for (DocKind k : kDocKinds)
    if (rec->template_id == template_id(k)) name = doc_kind_name(k);
  const std::string tid = rec->template_id;
  const bool slip = tid == template_id(DocKind::Slip);
  ctx_.worker.submit([this, printed_id, actor, who, name, tid, slip](db::Database& db) -> db::Worker::Continuation {
    auto run = [&]() -> Result<PrintJob> {
      RG_TRY_ASSIGN(docs::DocumentEngine * engine, docs::thread_engine());
      RG_TRY_ASSIGN(docs::RenderedDocument r, docs::reprint(db, *engine, printed_id, actor));
      PrintJob j;
      j.printed_id = printed_id;
      j.title = name + " — " + who + " (" + _("reprint") + ")";
      j.template_id = tid;
      j.pdf = std::move(r.pdf);
      j.copies = r.copies;
      j.slip = slip;
      j.file_stem = file_stem(tid, printed_id, today(), true);
      return j;
    };
    auto shared = std::make_shared<Result<PrintJob>>(run());
    return [this, shared, name]() {
      printing_ = false;
      reprinting_id_ = 0;
      load_history();
      if (!*shared) {
        notice_is_error_ = true;
        notice_ = name + ": " + shared->error().message;
        return;
      }
      notice_is_error_ = false;
      char buf[256];
      std::snprintf(buf, sizeof buf, _("%s: reprinted byte for byte, %d cop. sent to print."), name.c_str(),
                    (*shared)->copies);
      notice_ = buf;
      std::vector<PrintJob> jobs;
      jobs.push_back(std::move(**shared));
      send(std::move(jobs));
    };
  });
}

// ---- Drawing -------------------------------------------------------------------------------

void DocumentsScreen::draw() {
  draw_header();
  // The picker changed hands: a new patient, or «Другой пациент» pressed.
  if (picker_.picked && (!patient_ || picker_.picked->id != patient_->id)) set_patient(*picker_.picked, std::nullopt);
  else if (!picker_.picked && patient_) {
    patient_.reset();
    visits_.clear();
    history_.clear();
    prepared_.reset();
    preview_.clear();
    preview_error_.clear();
    ++preview_gen_, ++visits_gen_, ++history_gen_;
    rendering_ = false;
  }
  if (!patient_) return;
  if (preview_.lost() && !rendering_) render_preview(true);
  if (ImGui::IsKeyPressed(SDL_SCANCODE_F9, false) && !ImGui::GetIO().WantTextInput && !print_dialog_.is_open())
    ask_print();
  print_dialog_.draw(ctx_.shell, ctx_.printing);
  person_dialog_.draw(ctx_.shell);
  company_dialog_.draw(ctx_.shell);

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left = std::clamp(avail.x * 0.34f, 420.f, 520.f);
  draw_left(left, avail.y);
  ImGui::SameLine();
  draw_right(avail.x - left - ImGui::GetStyle().ItemSpacing.x, avail.y);
}

void DocumentsScreen::draw_header() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(title().c_str());
  ImGui::PopFont();
  if (!patient_) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 900.f);
    ImGui::TextDisabled("%s", _("Find the patient: the documents of a visit are filled in from the card, shown page by "
                                "page, printed and recorded."));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
  }
  picker_.draw_choice("who", ctx_.shell);
  if (!picker_.error.empty()) ImGui::TextColored(kError, "%s", picker_.error.c_str());
  ImGui::Spacing();
}

void DocumentsScreen::draw_left(float width, float height) {
  ImGui::BeginChild("left", ImVec2(width, height), false, ImGuiWindowFlags_NoScrollbar);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float rows = float(std::clamp(int(visits_.size()), 2, 6)) + 0.3f;
  draw_visits(std::min(line * rows, height * 0.26f));
  ImGui::Spacing();
  draw_kinds();
  draw_options();
  ImGui::Spacing();
  // The pack is for the visit at hand: contract, consent, personal data, coupon, one click.
  const db::PatientVisit* v = visit();
  ImGui::BeginDisabled(printing_ || !v);
  const bool first = v && v->first_visit;
  if (first) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.18f, 0.44f, 0.92f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.25f, 0.52f, 0.96f, 1));
  }
  if (ui::button(_("First visit pack"), ImVec2(-1, 0))) print_first_visit_pack();
  if (first) ImGui::PopStyleColor(2);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", _("Contract (2 copies), informed consent, personal data consent and the statistical "
                              "coupon, printed and recorded together."));
  ImGui::Spacing();
  draw_history();
  ImGui::EndChild();
}

void DocumentsScreen::draw_visits(float height) {
  section(_("VISITS"));
  ImGui::BeginChild("visits", ImVec2(0, height), false);
  if (visits_.empty()) ImGui::TextColored(kQuiet, "%s", loading_ ? _("Loading…") : _("No visits: only documents of "
                                                                                       "the patient can be made."));
  const Date day = today();
  const float w = ImGui::GetContentRegionAvail().x;
  for (const auto& v : visits_) {
    ImGui::PushID(static_cast<int>(v.id));
    const LocalTime t = to_local(v.start_at);
    std::string label = (t.date == day ? std::string(_("today")) : t.date.ru()) + "  " + hhmm(t.minutes) + "  " + v.doctor;
    if (!v.room.empty()) label += " · " + std::string(_("room")) + " " + v.room;
    const char* status = db::status_name(v.status);
    const float status_w = ImGui::CalcTextSize(status).x + (v.first_visit ? ImGui::GetTextLineHeight() + 8 : 0);
    if (ImGui::Selectable(label.c_str(), visit_id_ == v.id, 0, ImVec2(w - status_w - 12, 0))) choose_visit(v.id);
    if (ImGui::IsItemHovered() && !v.summary.empty()) ImGui::SetTooltip("%s", v.summary.c_str());
    ImGui::SameLine(w - status_w);
    if (v.first_visit) {
      ImGui::TextColored(kOrange, "%s", _("F"));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("First visit: contract and consent needed"));
      ImGui::SameLine(0, 6);
    }
    ImGui::TextColored(t.date == day ? kGreen : kQuiet, "%s", status);
    ImGui::PopID();
  }
  ImGui::EndChild();
}

void DocumentsScreen::draw_kinds() {
  section(_("DOCUMENTS"));
  const bool have_visit = visit() != nullptr;
  for (DocKind k : kDocKinds) {
    ImGui::PushID(static_cast<int>(k));
    const bool usable = have_visit || !needs_visit(k);
    ImGui::BeginDisabled(!usable);
    if (ImGui::Selectable(doc_kind_name(k), kind_ == k)) choose_kind(k);
    ImGui::EndDisabled();
    if (!usable && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s", _("Needs a visit."));
    ImGui::PopID();
  }
}

void DocumentsScreen::draw_options() {
  switch (kind_) {
    case DocKind::Contract:
    case DocKind::ServicesAct:
      draw_signer();
      draw_payer();
      break;
    case DocKind::Consent:
    case DocKind::PersonalData: draw_signer(); break;
    case DocKind::Refusal:
      draw_signer();
      draw_refused();
      break;
    case DocKind::TaxCertificate: {
      ImGui::Spacing();
      ImGui::AlignTextToFramePadding();
      ImGui::TextColored(kQuiet, "%s", _("Year of payments"));
      ImGui::SameLine();
      const int now = today().year();
      for (int y = now; y >= now - 3; --y) {
        char label[16];
        std::snprintf(label, sizeof label, "%d", y);
        if (ImGui::RadioButton(label, year_ == y) && year_ != y) {
          year_ = y;
          render_preview();
        }
        if (y > now - 3) ImGui::SameLine();
      }
      draw_taxpayer();
      break;
    }
    default: break;
  }
}

std::string DocumentsScreen::preview_text(const char* path) const {
  if (!prepared_) return {};
  const db::DocNode* n = prepared_->data.find(path);
  return n && n->is_string() ? n->str() : std::string();
}

namespace {

std::string person_label(const db::RelatedPerson& p) {
  std::string s = masked_name(p.surname, p.name, p.patronymic);
  if (!p.relation.empty()) s += " (" + p.relation + ")";
  return s;
}

}  // namespace

// «Подписывает»: the patient, or a legal representative from the card. By default a child's
// representative signs; the choice shows who the document names.
void DocumentsScreen::draw_signer() {
  ImGui::Spacing();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(kQuiet, "%s", _("Signs"));
  ImGui::SameLine(110);
  std::string current;
  if (!signer_) {
    current = _("by age");
    const std::string who = preview_text("signer.short_name");
    if (!who.empty()) current += ": " + who;
  } else if (!signer_->representative_id) {
    current = _("the patient");
  } else {
    for (const auto& p : people_)
      if (p.id == *signer_->representative_id) current = person_label(p);
  }
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##signer", current.c_str())) {
    if (ImGui::Selectable(_("by age (a representative signs for a child)"), !signer_)) signer_.reset(), render_preview(true);
    if (ImGui::Selectable(_("the patient"), signer_ && !signer_->representative_id))
      signer_ = db::Signer{}, render_preview(true);
    for (const auto& p : people_) {
      if (!p.representative) continue;
      ImGui::PushID(static_cast<int>(p.id));
      const std::string label = person_label(p) + " — " + _("legal representative");
      if (ImGui::Selectable(label.c_str(), signer_ && signer_->representative_id == p.id))
        signer_ = db::Signer{p.id}, render_preview(true);
      ImGui::PopID();
    }
    ImGui::Separator();
    if (ImGui::Selectable(_("Add a legal representative…"))) add_person(true);
    ImGui::EndCombo();
  }
}

// «Оплачивает»: as the visit's invoice says, the patient, a person from the card, or a company.
void DocumentsScreen::draw_payer() {
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(kQuiet, "%s", _("Pays"));
  ImGui::SameLine(110);
  std::string current;
  if (!payer_) {
    current = _("as the invoice says");
    const std::string who = preview_text("payer.display_name");
    if (!who.empty()) current += ": " + (prepared_ && prepared_->data.find("payer.is_company")->flag() ? who
                                                                                                       : masked_full_name(who));
  } else if (payer_->kind == db::DocPayer::Kind::Patient) {
    current = _("the patient");
  } else {
    current = preview_text("payer.display_name");
  }
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##payer", current.c_str(), ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable(_("as the visit's invoice says (else the patient)"), !payer_)) payer_.reset(), render_preview(true);
    if (ImGui::Selectable(_("the patient"), payer_ && payer_->kind == db::DocPayer::Kind::Patient))
      payer_ = db::DocPayer{}, render_preview(true);
    for (const auto& p : people_) {
      ImGui::PushID(static_cast<int>(p.id));
      const bool on = payer_ && payer_->kind == db::DocPayer::Kind::Person && payer_->id == p.id;
      if (ImGui::Selectable(person_label(p).c_str(), on)) {
        db::DocPayer d;
        d.kind = db::DocPayer::Kind::Person;
        d.id = p.id;
        payer_ = d;
        render_preview(true);
      }
      ImGui::PopID();
    }
    if (!companies_.empty()) ImGui::Separator();
    for (const auto& c : companies_) {
      ImGui::PushID(static_cast<int>(-c.id));
      const bool on = payer_ && payer_->kind == db::DocPayer::Kind::Company && payer_->id == c.id;
      const std::string label = c.name + (c.inn.empty() ? "" : "  · " + std::string(_("INN")) + " " + c.inn);
      if (ImGui::Selectable(label.c_str(), on)) {
        db::DocPayer d;
        d.kind = db::DocPayer::Kind::Company;
        d.id = c.id;
        payer_ = d;
        render_preview(true);
      }
      ImGui::PopID();
    }
    ImGui::Separator();
    if (ImGui::Selectable(_("A relative who pays…"))) add_person(false);
    if (ImGui::Selectable(_("A new paying company…"))) {
      company_dialog_.open({}, [this](const db::PayerCompany& c) {
        const db::Actor actor = ctx_.actor();
        ctx_.worker.submit([this, c, actor](db::Database& db) -> db::Worker::Continuation {
          auto id = db::save_payer_company(db, c, actor);
          return [this, id]() {
            company_dialog_.finished(id.has_value(), id ? "" : id.error().message);
            if (!id) return;
            db::DocPayer d;
            d.kind = db::DocPayer::Kind::Company;
            d.id = *id;
            payer_ = d;
            load_people();
            render_preview(true);
          };
        });
      });
    }
    ImGui::EndCombo();
  }
  // A company's requisites can be completed here (an invoice may have named it by name alone).
  if (payer_ && payer_->kind == db::DocPayer::Kind::Company) {
    for (const auto& c : companies_)
      if (c.id == payer_->id) {
        ImGui::SetCursorPosX(110);
        if (ImGui::SmallButton(_("Company's requisites…")))
          company_dialog_.open(c, [this](const db::PayerCompany& changed) {
            const db::Actor actor = ctx_.actor();
            ctx_.worker.submit([this, changed, actor](db::Database& db) -> db::Worker::Continuation {
              auto id = db::save_payer_company(db, changed, actor);
              return [this, id]() {
                company_dialog_.finished(id.has_value(), id ? "" : id.error().message);
                if (id) load_people(), render_preview(true);
              };
            });
          });
      }
  }
}

// The refusal names only what the patient refuses, as typed (one per line); nothing typed leaves
// lines to fill in by hand.
void DocumentsScreen::draw_refused() {
  ImGui::Spacing();
  ImGui::TextColored(kQuiet, "%s", _("What the patient refuses (one per line; empty: lines to fill in by hand)"));
  ImGui::InputTextMultiline("##refused", refused_text_, sizeof refused_text_,
                            ImVec2(-1, ImGui::GetTextLineHeight() * 3.4f));
  bool changed = ImGui::IsItemDeactivatedAfterEdit();
  // The kinds of 390н's list, as quick picks: a click adds a line.
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##kinds", _("Add a kind from the list (order 390н)…"), ImGuiComboFlags_HeightLarge)) {
    for (const auto& k : db::intervention_kinds_390n()) {
      const std::string shown = utf8_length(k) > 70 ? utf8_truncate(k, 68) + "…" : k;
      if (ImGui::Selectable(shown.c_str())) {
        std::string text = refused_text_;
        if (!text.empty() && text.back() != '\n') text += '\n';
        text += k;
        std::snprintf(refused_text_, sizeof refused_text_, "%s", text.c_str());
        changed = true;
      }
      if (ImGui::IsItemHovered() && shown != k) ImGui::SetTooltip("%s", k.c_str());
    }
    ImGui::EndCombo();
  }
  if (changed) {
    refused_.clear();
    std::string text = refused_text_;
    size_t start = 0;
    while (start <= text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      std::string line = fold_spaces(text.substr(start, nl - start));
      if (!line.empty()) refused_.push_back(line);
      start = nl + 1;
    }
    render_preview(true);
  }
}

// The tax certificate goes to whoever paid: the patient, or a relative from the card.
void DocumentsScreen::draw_taxpayer() {
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(kQuiet, "%s", _("Taxpayer"));
  ImGui::SameLine(110);
  std::string current = _("the patient");
  for (const auto& p : people_)
    if (taxpayer_.kind == db::DocPayer::Kind::Person && taxpayer_.id == p.id) current = person_label(p);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##taxpayer", current.c_str())) {
    if (ImGui::Selectable(_("the patient"), taxpayer_.kind == db::DocPayer::Kind::Patient))
      taxpayer_ = {}, render_preview();
    for (const auto& p : people_) {
      ImGui::PushID(static_cast<int>(p.id));
      if (ImGui::Selectable(person_label(p).c_str(), taxpayer_.kind == db::DocPayer::Kind::Person && taxpayer_.id == p.id)) {
        taxpayer_ = {};
        taxpayer_.kind = db::DocPayer::Kind::Person;
        taxpayer_.id = p.id;
        render_preview();
      }
      ImGui::PopID();
    }
    ImGui::Separator();
    if (ImGui::Selectable(_("A relative who paid…"))) add_person(false);
    ImGui::EndCombo();
  }
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(kQuiet, "%s", _("Only what this person paid for the patient counts; a company's or an insurer's "
                                     "money never does."));
  ImGui::PopTextWrapPos();
}

void DocumentsScreen::add_person(bool representative) {
  if (!patient_) return;
  db::RelatedPerson p;
  p.patient_id = patient_->id;
  p.representative = representative;
  p.informed = representative;
  if (representative) p.relation = "мать";
  person_dialog_.open(p, masked_name(patient_->surname, patient_->name, patient_->patronymic),
                      [this, representative](const db::RelatedPerson& typed) { save_person(typed, representative); });
}

void DocumentsScreen::save_person(const db::RelatedPerson& p, bool choose_as_signer) {
  const db::Actor actor = ctx_.actor();
  ctx_.worker.submit([this, p, actor, choose_as_signer](db::Database& db) -> db::Worker::Continuation {
    auto id = db::save_related_person(db, p, actor);
    return [this, id, choose_as_signer]() {
      person_dialog_.finished(id.has_value(), id ? "" : id.error().message);
      if (!id) return;
      if (choose_as_signer) signer_ = db::Signer{*id};
      load_people();
      render_preview(true);
    };
  });
}

// «Как пишется … в родительном падеже?»: the rules' suggestion, corrected if need be, saved once.
void DocumentsScreen::draw_question() {
  const db::NameQuestion& q = *question_;
  ImGui::PushFont(ctx_.shell.bold_font());
  ImGui::TextColored(kAmber, "%s", _("Confirm how the name reads in the document"));
  ImGui::PopFont();
  ImGui::PushTextWrapPos(0);
  const auto c = db::gram_case_from_db(q.gram_case);
  ImGui::Text(_("«%s» — %s"), q.nominative.c_str(), c ? db::case_question(*c) : q.gram_case.c_str());
  ImGui::TextColored(kQuiet, "%s", _("The rules are not sure of this form. Correct it if needed: it is saved and every "
                                     "later document uses it."));
  ImGui::PopTextWrapPos();
  ImGui::SetNextItemWidth(-200);
  const bool enter = ImGui::InputText("##form", question_form_, sizeof question_form_,
                                      ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::BeginDisabled(saving_form_ || blank(question_form_));
  if ((ui::button(saving_form_ ? _("Saving…") : _("Save the form"), ImVec2(190, 0)) || enter) && !saving_form_ &&
      !blank(question_form_)) {
    saving_form_ = true;
    const db::NameQuestion ask = q;
    const std::string form = question_form_;
    const db::Actor actor = ctx_.actor();
    ctx_.worker.submit([this, ask, form, actor](db::Database& db) -> db::Worker::Continuation {
      const auto gc = db::gram_case_from_db(ask.gram_case);
      Status st = gc ? db::store_name_form(db, ask.nominative, ask.sex, *gc, form, actor)
                     : Status(fail(ErrorCode::Internal, "unknown case", ask.gram_case));
      return [this, st]() {
        saving_form_ = false;
        if (!st) {
          notice_is_error_ = true;
          notice_ = st.error().message;
          return;
        }
        question_.reset();
        render_preview(true);
      };
    });
  }
  ImGui::EndDisabled();
}

void DocumentsScreen::draw_history() {
  section(_("PRINTED"));
  const float height = ImGui::GetContentRegionAvail().y;
  if (history_.empty()) {
    ImGui::TextColored(kQuiet, "%s", _("Nothing has been printed for this patient yet."));
    return;
  }
  // Two lines a record: the document; when, copies, a reprint mark. «Повторить печать» at the right.
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("history", 2, flags, ImVec2(0, std::max(80.f, height)))) return;
  const char* again = _("Print again");
  ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("again", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize(again).x + 2 * ImGui::GetStyle().FramePadding.x);
  for (const auto& h : history_) {
    ImGui::PushID(static_cast<int>(h.id));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    std::string name = h.template_id;
    for (DocKind k : kDocKinds)
      if (h.template_id == template_id(k)) name = doc_kind_name(k);
    const float room = ImGui::GetContentRegionAvail().x;
    std::string shown = name;
    while (ImGui::CalcTextSize(shown.c_str()).x > room && utf8_length(shown) > 2)
      shown = utf8_truncate(shown, utf8_length(shown) - 2) + "…";
    ImGui::TextUnformatted(shown.c_str());
    const bool hovered = ImGui::IsItemHovered();
    char meta[160];
    std::snprintf(meta, sizeof meta, _("%s · %d cop."), printed_when(h.printed_at).c_str(), h.copies);
    std::string line = meta;
    if (h.reprint_of) line += std::string(" · ") + _("reprint");
    ImGui::TextColored(kQuiet, "%s", line.c_str());
    if (hovered || ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(name.c_str());
      ImGui::Text(_("Template version %d · pages: %d · copies: %d"), h.template_version, h.pages, h.copies);
      if (!h.printed_by.empty()) ImGui::Text("%s: %s", _("Printed by"), h.printed_by.c_str());
      ImGui::EndTooltip();
    }
    ImGui::TableNextColumn();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeight() / 2);
    ImGui::BeginDisabled(printing_);
    if (ImGui::SmallButton(reprinting_id_ == h.id ? _("Printing…") : again)) reprint(h.id);
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// One line a job: what it is, copies, and its state in words the desk trusts — «отправлено в
// печать» only once the print server took it, «напечатано» only once it says so; a file saved
// instead says why and offers its folder. No file names or paths on the line.
void DocumentsScreen::draw_jobs() {
  for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it) {
    const JobLine& j = *it;
    ImGui::PushID(j.key);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    dl->AddCircleFilled(ImVec2(p.x + h / 2, p.y + h / 2), h / 4, ImGui::ColorConvertFloat4ToU32(job_colour(j.state)));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine(0, 4);
    ImGui::Text("%s × %d", j.title.c_str(), j.copies);
    ImGui::SameLine();
    std::string state = job_state_name(j.state);
    std::string folder;
    if (j.state == JobState::SavedToFolder) {
      // "!" in front: no printer is set up for this kind of document; else none answered.
      const bool not_set_up = !j.detail.empty() && j.detail[0] == '!';
      folder = not_set_up ? j.detail.substr(1) : j.detail;
      state = not_set_up ? _("not printed: no printer is set up — the file is saved")
                         : _("not printed: the printer does not answer — the file is saved");
    }
    ImGui::TextColored(job_colour(j.state), "— %s", state.c_str());
    if (!j.detail.empty() && j.state != JobState::SavedToFolder) {
      ImGui::SameLine();
      const float room = ImGui::GetContentRegionAvail().x;
      std::string cut = j.detail;
      while (!cut.empty() && ImGui::CalcTextSize(cut.c_str()).x > room && utf8_length(cut) > 1)
        cut = utf8_truncate(cut, utf8_length(cut) - 2) + "…";
      ImGui::TextColored(j.state == JobState::Failed ? kError : kQuiet, "%s", cut.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", j.detail.c_str());
    }
    if (!folder.empty()) {
      ImGui::SameLine();
      if (ImGui::SmallButton(_("Open the folder")) && !ui::open_folder(folder)) {
        notice_ = std::string(_("This desk cannot show folders; the files are in:")) + " " + folder;
        notice_is_error_ = false;
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", folder.c_str());
    }
    const bool retryable = j.handle && ctx_.document_output && (j.state == JobState::Stopped || j.state == JobState::Failed ||
                                                   j.state == JobState::SavedToFolder);
    if (retryable) {
      ImGui::SameLine();
      if (ImGui::SmallButton(j.state == JobState::SavedToFolder ? _("Print") : _("Retry"))) {
        if (auto st = ctx_.document_output->retry(j.handle); !st) notice_ = st.error().message, notice_is_error_ = true;
      }
    }
    ImGui::PopID();
  }
}

void DocumentsScreen::draw_right(float width, float height) {
  ImGui::BeginChild("right", ImVec2(width, height), false);
  // The document's name, copies and pages; «Печать» at the right end.
  const char* print_label = _("Print (F9)");
  const float print_w = ImGui::CalcTextSize(print_label).x + 2 * ImGui::GetStyle().FramePadding.x + 24;
  ImGui::PushFont(ctx_.shell.bold_font());
  ImGui::AlignTextToFramePadding();
  const std::string head = prepared_ ? doc_title_ : std::string(doc_kind_name(kind_));
  ImGui::PushTextWrapPos(width - print_w - 16);
  ImGui::TextUnformatted(head.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::SameLine(width - print_w);
  ImGui::BeginDisabled(!prepared_ || printing_ || rendering_);
  if (ui::button(print_label, ImVec2(print_w, 0))) ask_print();
  ImGui::EndDisabled();
  if (prepared_) {
    char meta[160];
    std::snprintf(meta, sizeof meta, _("%d cop. · %d p. · template version %d"), copies_, preview_.page_count(),
                  prepared_->tmpl.version);
    ImGui::TextColored(kQuiet, "%s", meta);
    if (prepared_->request.kind == DocKind::Contract && copies_ > 2) {
      ImGui::SameLine();
      ImGui::TextColored(kAmber, "%s", _("· the payer is not the patient: a copy for the payer"));
    }
  }
  if (!notice_.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(notice_is_error_ ? kError : kGreen, "%s", notice_.c_str());
    ImGui::PopTextWrapPos();
  }
  draw_jobs();
  ImGui::Spacing();

  if (question_) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.96f, 0.86f, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14, 12));
    ImGui::BeginChild("question", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    draw_question();
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  } else if (!preview_error_.empty()) {
    // A broken template or missing data: the error and its line instead of pages.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.99f, 0.91f, 0.90f, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14, 12));
    ImGui::BeginChild("error", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PushFont(ctx_.shell.bold_font());
    ImGui::TextColored(kError, "%s", _("The document cannot be made"));
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(preview_error_.c_str());
    if (preview_error_detail_.find(".md") != std::string::npos) {  // a template's own error: its line
      ImGui::TextColored(kQuiet, "%s", preview_error_detail_.c_str());
      ImGui::Spacing();
      ImGui::TextColored(kQuiet, "%s", _("Templates are in the folder:"));
      ImGui::SameLine();
      ImGui::TextColored(kQuiet, "%s", docs::templates_dir().string().c_str());
    }
    if (preview_error_detail_ == "signer" && patient_) {
      ImGui::Spacing();
      if (ui::button(_("Add a legal representative…"))) add_person(true);
    }
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  } else if (preview_.empty()) {
    ImGui::TextColored(kQuiet, "%s", rendering_ ? _("Preparing the pages…") : "");
  } else {
    preview_.draw("preview", ImVec2(0, 0));
  }
  ImGui::EndChild();
}

// ---- Screenshots ---------------------------------------------------------------------------

void DocumentsScreen::prepare_screenshot() {
  // A patient with a first visit today, on the contract: the preview shows a real document.
  auto done = std::make_shared<bool>(false);
  ctx_.worker.submit([this, done](db::Database& db) -> db::Worker::Continuation {
    std::optional<db::PatientSummary> who;
    std::optional<std::int64_t> appt;
    if (auto rows = db::today_flow(db, today(), db::now_unix())) {
      const db::FlowRow* best = nullptr;
      for (const auto& r : *rows)
        if (r.first_visit && (!best || (r.status != db::AppointmentStatus::NoShow && best->status == db::AppointmentStatus::NoShow)))
          best = &r;
      if (!best && !rows->empty()) best = &rows->front();
      if (best) {
        if (auto p = db::get_patient(db, best->patient_id)) {
          who = db::summary_of(*p);
          appt = best->appointment_id;
        }
      }
    }
    return [this, done, who, appt]() {
      *done = true;
      if (who) {
        kind_ = DocKind::Contract;
        open_for(*who, appt);
      }
    };
  });
  ctx_.shell.render_until([this] { draw(); }, [this, done] { return *done && !busy() && ctx_.worker.idle(); }, 400);
}

void DocumentsScreen::prepare_extra_shot(const std::string& name) {
  auto settle = [this] {
    ctx_.shell.render_until([this] { draw(); }, [this] { return !busy() && ctx_.worker.idle(); }, 400);
  };
  if (name == "print") {
    settle();
    ask_print();
    return;
  }
  print_dialog_ = {};  // the dialog of the previous shot is gone
  if (name == "history") {
    template_override_.clear();
    print_first_visit_pack();
    settle();
    choose_kind(DocKind::StatCoupon);
    settle();
  } else if (name == "reprint") {
    // The oldest record of the history: the contract printed with the pack.
    if (!history_.empty()) reprint(history_.back().id);
    settle();
  } else if (name == "child") {
    // A child seen today: the contract names the parent who signs, in the genitive.
    template_override_.clear();
    auto done = std::make_shared<bool>(false);
    ctx_.worker.submit([this, done](db::Database& db) -> db::Worker::Continuation {
      std::optional<db::PatientSummary> who;
      std::optional<std::int64_t> appt;
      if (auto rows = db::today_flow(db, today(), db::now_unix()))
        for (const auto& r : *rows) {
          auto p = db::get_patient(db, r.patient_id);
          if (!p || age_on(p->birth_date, today()) >= 14) continue;
          DocRequest probe;  // a visit the contract can be made for (not paid wholly by DMS)
          probe.patient_id = p->id;
          probe.appointment_id = r.appointment_id;
          probe.date = today();
          if (!build_data(db, probe)) continue;
          who = db::summary_of(*p);
          appt = r.appointment_id;
          break;
        }
      return [this, done, who, appt]() {
        *done = true;
        if (!who) return;
        kind_ = DocKind::Contract;
        open_for(*who, appt);
      };
    });
    ctx_.shell.render_until([this] { draw(); }, [this, done] { return *done && !busy() && ctx_.worker.idle(); }, 400);
    settle();
  } else if (name == "person") {
    add_person(true);
  } else if (name == "question") {
    // What the desk sees when the rules cannot be sure of a name (here a representative's).
    person_dialog_ = {};
    question_ = db::NameQuestion{"representative.genitive", "Дюма Александр", 'M', "genitive", "Дюмы Александра"};
    std::snprintf(question_form_, sizeof question_form_, "%s", question_->suggestion.c_str());
    prepared_.reset();
    preview_.clear();
  } else if (name == "error") {
    // A clinic's typo in a placeholder: the error names it and its line, nothing is previewed.
    template_override_ =
        "---\nid: contract\ntitle: Договор на оказание платных медицинских услуг\nversion: 2\ncopies: 2\n---\n"
        "# ДОГОВОР № {{document.number}}\n\n{{document.city}}, {{document.date_long}}\n\n"
        "Пациент: {{patient.full_nmae}}\n";
    kind_ = DocKind::Contract;
    render_preview();
    settle();
    template_override_.clear();
  }
}

}  // namespace rg::desk
