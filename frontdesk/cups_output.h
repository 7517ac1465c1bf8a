// Documents to printers through the CUPS print service (printing/cups): A4 documents to the
// documents queue, slips to the slip queue, the job's states reported back as they change. With
// no printer set up or reachable the service saves the PDF to its folder and says where.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "documents_screen.h"
#include "print_service.h"

namespace rg::desk {

class CupsOutput final : public DocumentOutput {
 public:
  explicit CupsOutput(cups::PrintServiceOptions options);
  ~CupsOutput() override;
  std::uint64_t submit(PrintJob job, Report report) override;
  Status retry(std::uint64_t handle) override;
  // The service itself, for the settings (queues and their state, routing changes).
  cups::PrintService& service() { return *service_; }

 private:
  void on_change(const cups::PrintJobView& view);

  std::mutex mu_;
  std::map<cups::PrintJobId, Report> reports_;
  std::map<cups::PrintJobId, cups::PrintJobView> early_;  // changes seen before submit() returned
  std::unique_ptr<cups::PrintService> service_;           // last: its thread stops first
};

// The routing from the desk's settings: print.queue.documents, print.queue.slips,
// print.fallback_dir (default: `default_folder`).
cups::PrintRouting routing_from_settings(db::Database& db, const std::string& default_folder);

}  // namespace rg::desk
