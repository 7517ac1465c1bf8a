// The fiscal registrar's simulated twin for the demo and the cash desk's tests. It keeps what a
// fiscal storage keeps — shift number and open time, fiscal document numbers, the last
// document, running counters — in a state file that survives restarts, written durably (temp
// file, fsync, rename, fsync of the folder) before any call returns, so a process killed at any
// moment leaves a registrar that agrees with what it answered. Receipts and reports are printed
// through a ReceiptPrinter (the simulated one writes their bytes and a PNG of the paper).
//
// Faults for tests and the demo: set_fault(), or a control file in the folder (as the simulated
// printer has): "offline" (nothing answers), "lose-reply" (the next receipt is registered but
// the answer is lost, once).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "fiscal/fiscal_registrar.h"
#include "receipt_printer/printer.h"

namespace rg::drivers::fiscal {

// Running totals since the registrar was made (the fiscal storage's counters), and of the
// current shift. Kopecks.
struct Counters {
  Kopecks sales_cash = 0, sales_electronic = 0, sales_prepaid = 0;
  Kopecks refunds_cash = 0, refunds_electronic = 0, refunds_prepaid = 0;
  Kopecks sales_credit = 0, refunds_credit = 0;  // 1216: services transferred on credit
  std::int64_t sales = 0, refunds = 0;  // receipts
  bool operator==(const Counters&) const = default;
};

enum class VirtualFault { None, Offline, LoseReply };

class VirtualRegistrar final : public FiscalRegistrar {
 public:
  static constexpr const char* kStateFile = "registrar.state";
  static constexpr const char* kOfflineFile = "offline";
  static constexpr const char* kLoseReplyFile = "lose-reply";

  // Opens (or creates) the registrar whose state lives in `dir`. `printer` may be null (no
  // paper: nothing is printed) and must outlive the registrar.
  static Result<VirtualRegistrar> open(std::filesystem::path dir, ReceiptPrinter* printer);
  // The same, owning its printer (the desk's till).
  static Result<VirtualRegistrar> open(std::filesystem::path dir, std::shared_ptr<ReceiptPrinter> printer);

  Result<RegistrarStatus> status() override;
  Result<FiscalDocument> open_shift(const Cashier& cashier) override;
  Result<FiscalDocument> register_receipt(const Receipt& receipt) override;
  Status cancel_open_receipt() override;
  Result<FiscalDocument> last_document() override;
  Status x_report(const Cashier& cashier) override;
  Result<FiscalDocument> close_shift(const Cashier& cashier) override;
  Status open_drawer() override;
  std::string name() const override;

  Counters counters();        // lifetime
  Counters shift_counters();  // the open (or last) shift
  void set_fault(VirtualFault f);
  // Off: last_document() does not give tag 1192 back, as a registrar whose driver cannot read a
  // document's tags (the ATOL driver here) — the cash desk then matches by operation and total.
  void set_reads_back_ref(bool on);
  // The registrar's clock, for tests of the 24-hour rule (seconds added to the real time).
  void set_clock_offset(std::int64_t seconds);

  struct State;  // what the state file holds

  VirtualRegistrar(VirtualRegistrar&&) noexcept;
  VirtualRegistrar& operator=(VirtualRegistrar&&) noexcept;
  ~VirtualRegistrar() override;

 private:
  VirtualRegistrar(std::filesystem::path dir, ReceiptPrinter* printer, std::unique_ptr<State> state);
  Status answering() const;
  Status save();
  std::int64_t now() const;
  FiscalDocument next_document(DocumentType type);
  void print_document(const FiscalDocument& doc, const Receipt* receipt, const Cashier& cashier, const char* title);

  std::filesystem::path dir_;
  ReceiptPrinter* printer_ = nullptr;
  std::shared_ptr<ReceiptPrinter> owned_printer_;
  std::unique_ptr<State> state_;
  std::unique_ptr<std::mutex> mu_;
  VirtualFault fault_ = VirtualFault::None;
  std::int64_t clock_offset_ = 0;
  bool reads_back_ref_ = true;
};

}  // namespace rg::drivers::fiscal
