// Templates + data → PDF (and page previews), and the record that lets a printed document be
// printed again byte for byte. One engine per thread: it owns a Pango font map and context.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "database.h"
#include "doc_template.h"
#include "document_data.h"
#include "page_layout.h"

namespace rg::docs {

struct RenderedDocument {
  std::string pdf;
  std::string sha256;  // of `pdf`
  int pages = 0;
  int copies = 1;
  std::string data_json;  // canonical: what is recorded and re-rendered from
  std::string number;     // document.number, when the document has one (not a blank to fill in)
  std::optional<Date> date;  // document.date
};

// Names the layout code and the libraries under it: a reprint by another renderer is not
// expected to be byte-identical, and says so.
std::string renderer_id();

class DocumentEngine {
 public:
  static Result<DocumentEngine> create();
  DocumentEngine(DocumentEngine&&) noexcept;
  DocumentEngine& operator=(DocumentEngine&&) noexcept;
  ~DocumentEngine();

  // Fill, parse, lay out. Errors: a missing placeholder or a broken template (with its line).
  Result<PagedDocument> lay_out(const DocTemplate& t, const db::DocNode& data);
  Result<RenderedDocument> render(const DocTemplate& t, const db::DocNode& data);
  // PNG pages for the preview in the front desk.
  Result<std::vector<std::string>> preview(const DocTemplate& t, const db::DocNode& data, double dpi = 60);

 private:
  DocumentEngine() = default;
  struct Fonts;
  std::unique_ptr<Fonts> fonts_;
};

// The calling thread's own engine, made the first time it is needed (an engine is not
// thread-safe: each worker keeps one).
Result<DocumentEngine*> thread_engine();


// What a recorded print refers to.
struct PrintSubject {
  std::optional<std::int64_t> patient_id, appointment_id;
};

// Records a rendered document in printed_documents (template text stored once by its hash).
Result<std::int64_t> record_print(db::Database& db, const DocTemplate& t, const RenderedDocument& r,
                                  const PrintSubject& subject, const db::Actor& actor);

// Renders a recorded document again from the template text and data stored with it, checks that
// the PDF's SHA-256 is the recorded one, and records the reprint. A mismatch is an error that
// says so (the fonts or libraries changed) and records nothing.
Result<RenderedDocument> reprint(db::Database& db, DocumentEngine& engine, std::int64_t printed_id,
                                 const db::Actor& actor);

// Canonical JSON (as DocNode::to_json writes it) back to the tree.
Result<db::DocNode> doc_node_from_json(std::string_view json);

}  // namespace rg::docs
