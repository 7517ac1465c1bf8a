// The cash desk's own thread: a database connection and the fiscal registrar, so a slow or
// silent registrar never holds up the schedule's queries or the frame. Screens hand it jobs
// that get a CashDesk for the person at the desk; the continuation comes back to the UI.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "cash_desk.h"
#include "fiscal/fiscal_registrar.h"
#include "worker.h"

namespace rg::desk {

class CashService {
 public:
  using RegistrarFactory = std::function<Result<std::shared_ptr<drivers::fiscal::FiscalRegistrar>>()>;
  using Job = std::function<db::Worker::Continuation(cash::CashDesk&, db::Database&)>;

  // The factory runs on the cash thread the first time a job needs the registrar.
  CashService(const std::string& db_path, db::Worker::Post post, RegistrarFactory factory,
              cash::CashDeskOptions options, std::filesystem::path receipts_dir = {});

  // Runs `job` on the cash thread. If the registrar cannot be created, `on_error` gets why.
  void submit(const db::Actor& actor, Job job,
              std::function<void(const Error&)> on_error);
  bool idle() const { return worker_.idle(); }
  const cash::CashDeskOptions& options() const { return options_; }
  // Where the simulated receipt printer leaves its jobs (receipt-NNNN.bin); empty: unknown.
  const std::filesystem::path& receipts_dir() const { return receipts_dir_; }

 private:
  RegistrarFactory factory_;
  cash::CashDeskOptions options_;
  std::filesystem::path receipts_dir_;
  std::shared_ptr<drivers::fiscal::FiscalRegistrar> registrar_;  // used on the cash thread
  db::Worker worker_;  // last: its thread stops before the registrar goes
};

}  // namespace rg::desk
