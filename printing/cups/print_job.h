// What the desk asks to print, where it goes, and what became of it: plain values for the UI.
#pragma once

#include <cstdint>
#include <string>

#include "job_submit.h"

namespace rg::cups {

// Which routing entry a document follows.
enum class PrintKind {
  Document,  // A4: contracts, consents, coupons, certificates
  Slip,      // narrow paper: appointment slips, tickets (PDF, or raw ESC/POS bytes)
};

// Filled by the application from settings: print.queue.documents, print.queue.slips,
// print.fallback_dir. An empty queue means "not set up": documents go to the folder.
struct PrintRouting {
  std::string documents_queue;
  std::string slips_queue;
  std::string fallback_dir;
};

struct PrintRequest {
  std::string title;  // shown in the queue and used for the fallback file's name
  PrintKind kind = PrintKind::Document;
  DocumentFormat format = DocumentFormat::Pdf;
  std::string bytes;  // the document; when empty, `file` is read (on the worker) instead
  std::string file;
  int copies = 1;
  bool duplex = false;
  std::string queue;  // a queue picked in the print dialog; empty: follow the routing
};

enum class PrintJobState {
  Pending,        // handed to CUPS (or about to be), waiting its turn
  Printing,       // the printer is working on it
  Completed,      // CUPS says it printed
  Stopped,        // waiting on a stopped queue or held: a person must act (or retry)
  Failed,         // CUPS aborted or cancelled it, or it could be neither printed nor saved
  SavedToFolder,  // no printer could take it: the file is in the fallback folder
};

using PrintJobId = std::uint64_t;

// A snapshot of one job, safe to copy to the UI thread.
struct PrintJobView {
  PrintJobId id = 0;
  std::string title;
  PrintKind kind = PrintKind::Document;
  std::string queue;       // the queue it was sent to (or meant for)
  PrintJobState state = PrintJobState::Pending;
  std::string message;     // for people, in the UI language
  std::string detail;      // for logs: CUPS's own words
  int cups_job_id = 0;     // 0 until CUPS accepted it
  std::string saved_path;  // set once saved to the fallback folder
  bool no_printer = false; // saved because no printer is set up for this kind of document
  int attempts = 0;        // submissions so far (retries included)
  bool can_retry = false;  // Stopped, Failed or SavedToFolder, with no retry already queued
};

// The state's name for people ("Printed", "Saved to a folder", …).
const char* to_words(PrintJobState state);
const char* to_string(PrintJobState state);  // stable English keyword, for logs and tests

}  // namespace rg::cups
