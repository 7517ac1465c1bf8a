// The pipeline: Mustache (fill) → md4c (blocks) → Pango layout → Cairo PDF, plus the record.
#include "document_engine.h"

#include <optional>

#include <cairo.h>
#include <pango/pangocairo.h>

#include <nlohmann/json.hpp>

#include "documents.h"
#include "fill.h"
#include "i18n.h"
#include "md_blocks.h"
#include "typography.h"

namespace rg::docs {

// Bump when the layout code changes what it draws: old records then say why bytes differ.
constexpr const char* kLayoutVersion = "rg-docs/2";

std::string renderer_id() {
  const std::string hyph = hyphenation_id();
  return std::string(kLayoutVersion) + " pango/" + pango_version_string() + " cairo/" + cairo_version_string() +
         (hyph.empty() ? "" : " hyph/" + hyph);
}

struct DocumentEngine::Fonts {
  PangoFontMap* map = nullptr;
  PangoContext* ctx = nullptr;
  ~Fonts() {
    if (ctx) g_object_unref(ctx);
    if (map) g_object_unref(map);
  }
};

DocumentEngine::DocumentEngine(DocumentEngine&&) noexcept = default;
DocumentEngine& DocumentEngine::operator=(DocumentEngine&&) noexcept = default;
DocumentEngine::~DocumentEngine() = default;

Result<DocumentEngine> DocumentEngine::create() {
  DocumentEngine e;
  e.fonts_ = std::make_unique<Fonts>();
  e.fonts_->map = pango_cairo_font_map_new();
  if (!e.fonts_->map) return fail(ErrorCode::Internal, _("The fonts for documents are not available."), "pango_cairo_font_map_new");
  e.fonts_->ctx = pango_font_map_create_context(e.fonts_->map);
  // Layout in points, unhinted: the same positions on paper, in the PDF and in the preview.
  pango_cairo_context_set_resolution(e.fonts_->ctx, 72);
  cairo_font_options_t* o = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(e.fonts_->ctx, o);
  cairo_font_options_destroy(o);
  pango_context_set_language(e.fonts_->ctx, pango_language_from_string("ru-ru"));
  return e;
}

Result<PagedDocument> DocumentEngine::lay_out(const DocTemplate& t, const db::DocNode& data) {
  RG_TRY_ASSIGN(std::string markdown, fill_template(t, data));
  auto blocks = markdown_blocks(markdown);
  return PagedDocument::lay_out(fonts_->ctx, blocks, PageSetup::for_paper(t.paper, t.font_size, t.page_numbers));
}

Result<RenderedDocument> DocumentEngine::render(const DocTemplate& t, const db::DocNode& data) {
  RG_TRY_ASSIGN(PagedDocument doc, lay_out(t, data));
  PdfInfo info;
  info.title = t.title.empty() ? t.id : t.title;
  if (const auto* name = data.find("patient.full_name"); name && name->is_string()) info.subject = name->str();
  if (const auto* clinic = data.find("clinic.short_name"); clinic && clinic->is_string()) info.author = clinic->str();
  // The document's own date is the file's creation date: the same data gives the same bytes.
  const auto* date = data.find("document.date");
  std::string created = "2000-01-01T00:00:00";
  if (date && date->is_string()) {
    if (auto d = Date::parse_ru(date->str())) created = d->iso() + "T00:00:00";
  }
  info.created = created;
  RenderedDocument r;
  RG_TRY_ASSIGN(r.pdf, pdf_bytes(doc, info));
  r.sha256 = sha256_hex(r.pdf);
  r.pages = doc.page_count();
  r.copies = t.copies_for(data);
  r.data_json = data.to_json();
  if (const auto* number = data.find("document.number");
      number && number->is_string() && number->str().find_first_not_of('_') != std::string::npos)
    r.number = number->str();
  if (date && date->is_string()) r.date = Date::parse_ru(date->str());
  return r;
}

Result<std::vector<std::string>> DocumentEngine::preview(const DocTemplate& t, const db::DocNode& data, double dpi) {
  RG_TRY_ASSIGN(PagedDocument doc, lay_out(t, data));
  return png_pages(doc, dpi);
}

Result<std::int64_t> record_print(db::Database& db, const DocTemplate& t, const RenderedDocument& r,
                                  const PrintSubject& subject, const db::Actor& actor) {
  db::PrintedDocumentDraft d;
  d.kind = t.id;
  d.patient_id = subject.patient_id;
  d.appointment_id = subject.appointment_id;
  d.template_id = t.id;
  d.template_version = t.version;
  d.template_sha256 = t.sha256;
  d.template_body = t.text;
  d.renderer = renderer_id();
  d.data_json = r.data_json;
  d.pdf_sha256 = r.sha256;
  d.pdf_bytes = std::int64_t(r.pdf.size());
  d.pages = r.pages;
  d.copies = r.copies;
  d.number = r.number;
  d.doc_date = r.date;
  return db::record_printed_document(db, d, actor);
}

namespace {

db::DocNode from_json(const nlohmann::json& j) {
  if (j.is_string()) return db::DocNode(j.get<std::string>());
  if (j.is_boolean()) return db::DocNode(j.get<bool>());
  if (j.is_array()) {
    db::DocNode l = db::DocNode::list();
    for (const auto& item : j) l.push(from_json(item));
    return l;
  }
  if (j.is_number()) return db::DocNode(j.dump());
  db::DocNode m;
  if (j.is_object())
    for (const auto& [k, v] : j.items()) m[k] = from_json(v);
  return m;
}

}  // namespace

Result<db::DocNode> doc_node_from_json(std::string_view json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return fail(ErrorCode::Invalid, _("The stored document data is damaged."), "data_json");
  return from_json(j);
}

Result<RenderedDocument> reprint(db::Database& db, DocumentEngine& engine, std::int64_t printed_id,
                                 const db::Actor& actor) {
  RG_TRY_ASSIGN(db::PrintedDocument p, db::get_printed_document(db, printed_id));
  RG_TRY_ASSIGN(DocTemplate t, parse_template(p.template_body, p.template_id + " v" + std::to_string(p.template_version)));
  RG_TRY_ASSIGN(db::DocNode data, doc_node_from_json(p.data_json));
  RG_TRY_ASSIGN(RenderedDocument r, engine.render(t, data));
  if (r.sha256 != p.pdf_sha256) {
    return fail(ErrorCode::Conflict,
                _("The reprint would differ from the original (the fonts or the layout libraries changed); nothing "
                  "was printed."),
                "recorded " + p.pdf_sha256 + " by " + p.renderer + ", now " + r.sha256 + " by " + renderer_id());
  }
  db::PrintedDocumentDraft d = p;
  d.reprint_of = p.reprint_of.value_or(p.id);
  d.renderer = renderer_id();
  RG_TRY(db::record_printed_document(db, d, actor));
  return r;
}

Result<DocumentEngine*> thread_engine() {
  thread_local std::optional<DocumentEngine> engine;
  if (!engine) {
    auto made = DocumentEngine::create();
    if (!made) return std::unexpected(made.error());
    engine.emplace(std::move(*made));
  }
  return &*engine;
}

}  // namespace rg::docs
