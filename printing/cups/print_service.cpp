// One worker thread talks to CUPS; everything else only touches the records under the mutex.
#include "print_service.h"

#include <pthread.h>

#include <csignal>
#include <fstream>
#include <iterator>
#include <sstream>

#include "fallback_folder.h"
#include "i18n.h"
#include "job_progress.h"
#include "job_status.h"
#include "job_submit.h"
#include "words.h"

namespace rg::cups {

struct PrintService::Record {
  PrintJobView view;
  PrintRequest request;                      // bytes moved out into `bytes`
  std::shared_ptr<const std::string> bytes;  // kept until printed, for retries
  bool duplex_dropped = false;
  bool retry_queued = false;
  bool refused = false;  // bad request: retrying cannot help
};

namespace {

bool active(PrintJobState s) {
  return s == PrintJobState::Pending || s == PrintJobState::Printing ||
         s == PrintJobState::Stopped;
}

bool retryable(PrintJobState s) {
  return s == PrintJobState::Stopped || s == PrintJobState::Failed ||
         s == PrintJobState::SavedToFolder;
}

Result<std::string> read_document(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorCode::Io, say(_("Could not read the document %s."), {path}),
                "open " + path);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    return fail(ErrorCode::Io, say(_("Could not read the document %s."), {path}),
                "read " + path);
  }
  return std::move(bytes).str();
}

}  // namespace

PrintService::PrintService(PrintServiceOptions options, Listener listener)
    : options_(std::move(options)), listener_(std::move(listener)) {
  thread_ = std::thread([this] { loop(); });
}

PrintService::~PrintService() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

PrintJobId PrintService::submit(PrintRequest request) {
  auto record = std::make_unique<Record>();
  record->bytes = std::make_shared<const std::string>(std::move(request.bytes));
  request.bytes.clear();
  record->view.title = request.title;
  record->view.kind = request.kind;
  record->view.state = PrintJobState::Pending;
  record->view.message = _("Sending to the printer…");
  record->request = std::move(request);
  // A request no printer could honour is refused at once, in words, and never queued.
  if (record->request.copies < 1 || record->request.copies > 99) {
    record->view.state = PrintJobState::Failed;
    record->view.message = _("The number of copies must be from 1 to 99.");
    record->view.detail = "copies " + std::to_string(record->request.copies);
    record->refused = true;
  } else if (record->bytes->empty() && record->request.file.empty()) {
    record->view.state = PrintJobState::Failed;
    record->view.message = _("The document is empty: there is nothing to print.");
    record->refused = true;
  }
  PrintJobId id = 0;
  {
    std::lock_guard lock(mu_);
    id = next_id_++;
    record->view.id = id;
    const bool refused = record->refused;
    records_.emplace(id, std::move(record));
    if (!refused) commands_.push_back({Command::Submit, id});
    ++version_;
  }
  wake_.notify_all();
  changed_.notify_all();
  return id;
}

Status PrintService::retry(PrintJobId id) {
  {
    std::lock_guard lock(mu_);
    auto it = records_.find(id);
    if (it == records_.end()) {
      return fail(ErrorCode::NotFound, _("There is no such print job."),
                  "job " + std::to_string(id));
    }
    Record& r = *it->second;
    if (!view_of(r).can_retry) {
      return fail(ErrorCode::Invalid, _("This print job cannot be retried now."),
                  std::string("state ") + to_string(r.view.state));
    }
    r.retry_queued = true;
    commands_.push_back({Command::Retry, id});
    ++version_;
  }
  wake_.notify_all();
  changed_.notify_all();
  return {};
}

void PrintService::set_routing(PrintRouting routing) {
  std::lock_guard lock(mu_);
  options_.routing = std::move(routing);
}

PrintRouting PrintService::routing() const {
  std::lock_guard lock(mu_);
  return options_.routing;
}

std::optional<PrintJobView> PrintService::job(PrintJobId id) const {
  std::lock_guard lock(mu_);
  auto it = records_.find(id);
  if (it == records_.end()) return std::nullopt;
  return view_of(*it->second);
}

std::vector<PrintJobView> PrintService::jobs() const {
  std::lock_guard lock(mu_);
  std::vector<PrintJobView> out;
  out.reserve(records_.size());
  for (const auto& [id, r] : records_) out.push_back(view_of(*r));
  return out;
}

std::uint64_t PrintService::version() const {
  std::lock_guard lock(mu_);
  return version_;
}

void PrintService::refresh_queues() {
  {
    std::lock_guard lock(mu_);
    commands_.push_back({Command::ListQueues, 0});
  }
  wake_.notify_all();
}

QueueList PrintService::queues() const {
  std::lock_guard lock(mu_);
  return queues_;
}

std::optional<PrintJobView> PrintService::wait_for(
    PrintJobId id, const std::function<bool(const PrintJobView&)>& done,
    std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  auto it = records_.find(id);
  if (it == records_.end()) return std::nullopt;
  const Record& r = *it->second;  // records are never erased while the service lives
  changed_.wait_for(lock, timeout, [&] { return done(view_of(r)); });
  return view_of(r);
}

PrintJobView PrintService::view_of(const Record& r) {
  PrintJobView v = r.view;
  const bool has_document = (r.bytes && !r.bytes->empty()) || !r.request.file.empty();
  v.can_retry = retryable(v.state) && !r.retry_queued && !r.refused && has_document;
  return v;
}

void PrintService::update(PrintJobId id, const std::function<void(Record&)>& change) {
  PrintJobView view;
  {
    std::lock_guard lock(mu_);
    auto it = records_.find(id);
    if (it == records_.end()) return;
    change(*it->second);
    ++version_;
    view = view_of(*it->second);
  }
  changed_.notify_all();
  if (listener_) listener_(view);
}

Result<Connection*> PrintService::connection() {
  if (!conn_) {
    auto opened = Connection::open(options_.server);
    if (!opened) return std::unexpected(opened.error());
    conn_.emplace(std::move(*opened));
  }
  return &*conn_;
}

void PrintService::drop_connection() { conn_.reset(); }

void PrintService::loop() {
  // A scheduler that dies mid-request must give EPIPE on this thread, not kill the process.
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, nullptr);

  for (;;) {
    std::optional<Command> command;
    {
      std::unique_lock lock(mu_);
      if (commands_.empty() && !stopping_) {
        wake_.wait_for(lock, options_.poll_interval,
                       [&] { return !commands_.empty() || stopping_; });
      }
      if (!commands_.empty()) {
        command = commands_.front();
        commands_.pop_front();
      } else if (stopping_) {
        break;
      }
    }
    if (command) {
      // Jobs submitted before shutdown are still handed over; nothing is dropped.
      if (command->kind != Command::ListQueues || !stopping_) run(*command);
      continue;
    }
    poll_active();
  }
}

void PrintService::run(const Command& command) {
  switch (command.kind) {
    case Command::Submit: attempt(command.id, false); break;
    case Command::Retry: attempt(command.id, true); break;
    case Command::ListQueues: {
      QueueList list;
      list.loaded = true;
      auto conn = connection();
      Result<std::vector<Queue>> read =
          conn ? list_queues(**conn) : Result<std::vector<Queue>>(std::unexpected(conn.error()));
      if (read) {
        list.queues = std::move(*read);
      } else {
        if (read.error().code == ErrorCode::Io) drop_connection();
        list.error = read.error().message;
      }
      {
        std::lock_guard lock(mu_);
        queues_ = std::move(list);
        ++version_;
      }
      changed_.notify_all();
      break;
    }
  }
}

void PrintService::attempt(PrintJobId id, bool retrying) {
  // Copy what this attempt needs; the CUPS calls run without the lock.
  PrintRequest request;
  std::shared_ptr<const std::string> bytes;
  PrintRouting routing;
  int old_cups_job = 0;
  PrintJobState old_state = PrintJobState::Pending;
  {
    std::lock_guard lock(mu_);
    auto it = records_.find(id);
    if (it == records_.end()) return;
    const Record& r = *it->second;
    request.title = r.request.title;
    request.kind = r.request.kind;
    request.format = r.request.format;
    request.file = r.request.file;
    request.copies = r.request.copies;
    request.duplex = r.request.duplex;
    request.queue = r.request.queue;
    bytes = r.bytes;
    routing = options_.routing;
    old_cups_job = r.view.cups_job_id;
    old_state = r.view.state;
  }
  if (retrying) {
    update(id, [](Record& r) {
      r.retry_queued = false;
      r.view.state = PrintJobState::Pending;
      r.view.message = _("Sending to the printer…");
    });
  }

  if ((!bytes || bytes->empty()) && !request.file.empty()) {
    auto read = read_document(request.file);
    if (!read) {
      const Error e = read.error();
      update(id, [&](Record& r) {
        r.view.state = PrintJobState::Failed;
        r.view.message = e.message;
        r.view.detail = e.detail;
      });
      return;
    }
    bytes = std::make_shared<const std::string>(std::move(*read));
    update(id, [&](Record& r) { r.bytes = bytes; });  // kept even if the file goes away
  }
  if (!bytes || bytes->empty()) {
    update(id, [](Record& r) {
      r.view.state = PrintJobState::Failed;
      r.view.message = _("The document is empty: there is nothing to print.");
      r.refused = true;
    });
    return;
  }

  // A job still waiting in CUPS (a stopped queue) is cancelled first, so it cannot print twice.
  if (retrying && old_cups_job > 0 && old_state == PrintJobState::Stopped) {
    auto conn = connection();
    Status cancelled = conn ? cancel_job(**conn, old_cups_job) : Status(std::unexpected(conn.error()));
    if (!cancelled) {
      const Error& e = cancelled.error();
      if (e.code == ErrorCode::Conflict) {
        // It finished meanwhile (the queue was started again): just report what it became.
        update(id, [](Record& r) { r.view.message = _("Checking the print job…"); });
        poll_active();
        return;
      }
      if (e.code != ErrorCode::NotFound) {
        if (e.code == ErrorCode::Io) drop_connection();
        update(id, [&](Record& r) {
          r.view.state = PrintJobState::Stopped;
          r.view.message = e.message;
          r.view.detail = e.detail;
        });
        return;
      }
    }
  }

  const std::string queue = !request.queue.empty()                ? request.queue
                            : request.kind == PrintKind::Document ? routing.documents_queue
                                                                  : routing.slips_queue;
  update(id, [&](Record& r) {
    r.view.queue = queue;
    r.view.cups_job_id = 0;
    ++r.view.attempts;
  });
  if (queue.empty()) {
    save_instead(id, Error(ErrorCode::Invalid,
                           request.kind == PrintKind::Document
                               ? _("Printing is not set up: no printer is chosen for documents.")
                               : _("Printing is not set up: no printer is chosen for slips."),
                           "no queue in the routing"));
    return;
  }
  auto conn = connection();
  if (!conn) {
    save_instead(id, conn.error());
    return;
  }
  JobTicket ticket{request.title, request.copies, request.duplex, request.format};
  auto sent = submit_job(**conn, queue, *bytes, ticket);
  if (!sent) {
    if (sent.error().code == ErrorCode::Io) drop_connection();
    save_instead(id, sent.error());
    return;
  }
  update(id, [&](Record& r) {
    r.view.state = PrintJobState::Pending;
    r.view.cups_job_id = sent->job_id;
    r.view.message = say(_("Sent to the printer \"%s\"."), {queue});
    r.view.detail.clear();
    r.view.saved_path.clear();
    r.duplex_dropped = request.duplex && !sent->duplex_applied;
  });
}

void PrintService::save_instead(PrintJobId id, const Error& why) {
  PrintRequest request;
  std::shared_ptr<const std::string> bytes;
  std::string dir;
  {
    std::lock_guard lock(mu_);
    auto it = records_.find(id);
    if (it == records_.end()) return;
    request.title = it->second->request.title;
    request.format = it->second->request.format;
    bytes = it->second->bytes;
    dir = options_.routing.fallback_dir;
  }
  // Unreachable is the common case: say it in the desk's words, not the server's.
  const std::string reason =
      why.code == ErrorCode::Io ? _("The printer is not available (the print server does not answer).")
                                : why.message;
  auto saved = save_to_folder(dir, request.title, bytes ? *bytes : std::string(), request.format,
                              std::chrono::system_clock::now());
  if (saved) {
    update(id, [&](Record& r) {
      r.view.state = PrintJobState::SavedToFolder;
      r.view.saved_path = *saved;
      r.view.no_printer = why.detail == "no queue in the routing";
      r.view.message = reason + " " + say(_("The document was saved to %s."), {*saved});
      r.view.detail = why.detail;
    });
    return;
  }
  const Error& e = saved.error();
  update(id, [&](Record& r) {
    r.view.state = PrintJobState::Failed;
    r.view.message = reason + " " + e.message + " " +
                     _("The document is kept: press Retry when this is fixed.");
    r.view.detail = why.detail + "; " + e.detail;
  });
}

void PrintService::poll_active() {
  struct Active {
    PrintJobId id;
    int cups_job_id;
    std::string queue;
    bool duplex_dropped;
  };
  std::vector<Active> todo;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, r] : records_) {
      if (r->view.cups_job_id > 0 && active(r->view.state) && !r->retry_queued) {
        todo.push_back({id, r->view.cups_job_id, r->view.queue, r->duplex_dropped});
      }
    }
  }
  for (const Active& a : todo) poll(a.id, a.cups_job_id, a.queue, a.duplex_dropped);
}

void PrintService::poll(PrintJobId id, int cups_job_id, const std::string& queue,
                        bool duplex_dropped) {
  // The job stays in CUPS's spool while the scheduler is away: say so, keep the state, ask again.
  auto no_answer = [&](const Error& e) {
    const std::string words = _("No answer from the print server: the job is still in its queue.");
    bool changed = false;
    {
      std::lock_guard lock(mu_);
      auto it = records_.find(id);
      changed = it != records_.end() && it->second->view.message != words;
    }
    if (changed) {
      update(id, [&](Record& r) {
        r.view.message = words;
        r.view.detail = e.detail;
      });
    }
  };
  auto conn = connection();
  if (!conn) {
    no_answer(conn.error());
    return;
  }
  auto job = get_job(**conn, cups_job_id);
  if (!job) {
    const Error& e = job.error();
    if (e.code == ErrorCode::NotFound) {
      update(id, [&](Record& r) {
        r.view.state = PrintJobState::Failed;
        r.view.message = _("The print server no longer knows this job.");
        r.view.detail = e.detail;
      });
    } else if (e.code == ErrorCode::Io) {
      drop_connection();
      no_answer(e);
    }
    return;
  }
  if (job->queue.empty()) job->queue = queue;
  std::optional<Queue> q;
  if (job->state == CupsJobState::Pending) {
    if (auto found = find_queue(**conn, job->queue)) q = std::move(*found);
  }
  const Progress p = progress_of(*job, q, duplex_dropped);
  bool changed = false;
  {
    std::lock_guard lock(mu_);
    auto it = records_.find(id);
    if (it == records_.end() || it->second->view.cups_job_id != cups_job_id) return;
    const PrintJobView& v = it->second->view;
    changed = v.state != p.state || v.message != p.message;
  }
  if (!changed) return;
  update(id, [&](Record& r) {
    r.view.state = p.state;
    r.view.message = p.message;
    r.view.detail = job->reasons.empty() ? std::string() : job->reasons.front();
    // Printed: the bytes are no longer needed (a reprint starts from the document record).
    if (p.state == PrintJobState::Completed) r.bytes.reset();
  });
}

}  // namespace rg::cups
