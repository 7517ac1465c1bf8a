// The till's registrar when it is a real device: whichever fiscal registrar the DeviceManager
// has ready now (the ATOL plugged in, unplugged and plugged in again is a new object each
// time), so the cash desk never holds on to one that is gone. With none: "not connected".
#pragma once

#include "device_manager.h"
#include "fiscal/fiscal_registrar.h"

namespace rg::drivers::fiscal {

class CurrentRegistrar final : public FiscalRegistrar {
 public:
  // `real_only`: simulated registrars do not count (a desk set up for its real registrar).
  CurrentRegistrar(const DeviceManager& manager, bool real_only) : manager_(manager), real_only_(real_only) {}

  Result<RegistrarStatus> status() override;
  Result<FiscalDocument> open_shift(const Cashier& c) override;
  Result<FiscalDocument> register_receipt(const Receipt& r) override;
  Status cancel_open_receipt() override;
  Result<FiscalDocument> last_document() override;
  Status x_report(const Cashier& c) override;
  Result<FiscalDocument> close_shift(const Cashier& c) override;
  Status open_drawer() override;
  std::string name() const override;

 private:
  Result<std::shared_ptr<FiscalRegistrar>> now() const;
  const DeviceManager& manager_;
  bool real_only_;
};

}  // namespace rg::drivers::fiscal
