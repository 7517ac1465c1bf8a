// An ATOL fiscal registrar (АТОЛ 30Ф, 55Ф, …) on its USB CDC bulk endpoints, speaking the v3
// transport (atol_link.h) and the command layer (atol_commands.h): the FiscalRegistrar the cash
// desk uses. Each operation puts the device in the mode it needs and back in the selection mode
// after, so a crash between two calls leaves nothing half-entered; a receipt that fails before
// its close is cancelled on the device, so it registers nothing.
#pragma once

#include <memory>
#include <mutex>

#include "atol_commands.h"
#include "atol_link.h"
#include "fiscal/fiscal_registrar.h"

namespace rg::drivers::fiscal::atol {

struct AtolOptions {
  Passwords passwords;
  LinkOptions link;
  // EBh's tax byte for "no VAT" when a model numbers its tax table otherwise; 0: the ФФД's 6.
  std::uint8_t vat_no_vat = 0;
};

class AtolRegistrar final : public FiscalRegistrar {
 public:
  AtolRegistrar(std::unique_ptr<ByteChannel> channel, AtolOptions options = {});

  Result<RegistrarStatus> status() override;
  Result<FiscalDocument> open_shift(const Cashier& cashier) override;
  Result<FiscalDocument> register_receipt(const Receipt& receipt) override;
  Status cancel_open_receipt() override;
  Result<FiscalDocument> last_document() override;
  Status x_report(const Cashier& cashier) override;
  Result<FiscalDocument> close_shift(const Cashier& cashier) override;
  Status open_drawer() override;
  std::string name() const override;

 private:
  Status run(const Bytes& command);
  Result<AtolState> state();
  // From any mode back to selection (cancelling an open receipt first), then into `m`.
  Status enter(Mode m);
  Status leave();
  // Enters `m`, names the cashier (tags 1021, 1203), runs one command, and leaves the mode
  // whatever the command answered.
  Status in_mode(Mode m, const Cashier& cashier, const Bytes& command);
  Status name_cashier(const Cashier& cashier);
  Status fill_receipt(const Receipt& receipt);
  // Tag 1192 of a receipt as the fiscal storage holds it; empty when the registrar cannot say.
  std::string stored_ref(std::uint32_t number);
  // The document just made, as the fiscal storage has it, with the shift (and receipt) number.
  Result<FiscalDocument> registered(DocumentType type);
  Result<FiscalDocument> last_document_locked();

  std::unique_ptr<ByteChannel> channel_;
  AtolOptions options_;
  Commands commands_;
  AtolLink link_;
  std::mutex mu_;
  std::string model_;
};

}  // namespace rg::drivers::fiscal::atol
