#include "cups_output.h"

#include <filesystem>

#include "clinic.h"

namespace rg::desk {
namespace {

JobState state_of(const cups::PrintJobView& v) {
  switch (v.state) {
    case cups::PrintJobState::Pending: return v.cups_job_id > 0 ? JobState::Sent : JobState::Sending;
    case cups::PrintJobState::Printing: return JobState::Printing;
    case cups::PrintJobState::Completed: return JobState::Completed;
    case cups::PrintJobState::Stopped: return JobState::Stopped;
    case cups::PrintJobState::Failed: return JobState::Failed;
    case cups::PrintJobState::SavedToFolder: return JobState::SavedToFolder;
  }
  return JobState::Failed;
}

// A saved file: its folder, and whether no printer is set up ("!" in front) or none answered.
std::string detail_of(const cups::PrintJobView& v) {
  if (v.state == cups::PrintJobState::SavedToFolder && !v.saved_path.empty())
    return (v.no_printer ? "!" : "") + std::filesystem::path(v.saved_path).parent_path().string();
  return v.message;
}

}  // namespace

CupsOutput::CupsOutput(cups::PrintServiceOptions options)
    : service_(std::make_unique<cups::PrintService>(std::move(options),
                                                    [this](const cups::PrintJobView& v) { on_change(v); })) {}

CupsOutput::~CupsOutput() { service_.reset(); }

void CupsOutput::on_change(const cups::PrintJobView& view) {
  Report report;
  {
    std::lock_guard lock(mu_);
    auto it = reports_.find(view.id);
    if (it == reports_.end()) {
      early_[view.id] = view;
      return;
    }
    report = it->second;
  }
  report(state_of(view), detail_of(view));
}

Status CupsOutput::retry(std::uint64_t handle) { return service_->retry(handle); }

std::uint64_t CupsOutput::submit(PrintJob job, Report report) {
  cups::PrintRequest r;
  r.title = job.title;
  r.kind = job.slip ? cups::PrintKind::Slip : cups::PrintKind::Document;
  r.bytes = std::move(job.pdf);
  r.copies = job.copies;
  r.duplex = job.duplex;
  r.queue = job.queue;
  report(JobState::Sending, "");
  const auto id = service_->submit(std::move(r));
  std::optional<cups::PrintJobView> early;
  {
    std::lock_guard lock(mu_);
    reports_[id] = report;
    if (auto it = early_.find(id); it != early_.end()) early = it->second, early_.erase(it);
  }
  if (early) report(state_of(*early), detail_of(*early));
  return id;
}

cups::PrintRouting routing_from_settings(db::Database& db, const std::string& default_folder) {
  auto setting = [&db](const char* key) {
    auto v = db::get_setting(db, key);
    return v && *v ? **v : std::string();
  };
  cups::PrintRouting r;
  r.documents_queue = setting("print.queue.documents");
  r.slips_queue = setting("print.queue.slips");
  r.fallback_dir = setting("print.fallback_dir");
  if (r.fallback_dir.empty()) r.fallback_dir = default_folder;
  return r;
}

}  // namespace rg::desk
