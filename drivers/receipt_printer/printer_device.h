// Any ReceiptPrinter (the simulated twin above all) as a device of the DeviceManager: check()
// asks status() and turns it into a state and the status sentence.
#pragma once

#include <memory>

#include "device_manager.h"
#include "receipt_printer/printer.h"

namespace rg::drivers {

// Ready / Warning (paper near end) / Error from a printer's status; Error "not answering" when
// the status is unknown.
DeviceHealth printer_health(const PrinterStatus& s);

class ReceiptPrinterDevice final : public ManagedDevice {
 public:
  ReceiptPrinterDevice(std::shared_ptr<ReceiptPrinter> printer, bool simulated)
      : printer_(std::move(printer)), simulated_(simulated) {}
  DeviceKind kind() const override { return DeviceKind::ReceiptPrinter; }
  std::string name() const override { return printer_->name(); }
  bool simulated() const override { return simulated_; }
  DeviceHealth check() override { return printer_health(printer_->status()); }
  ReceiptPrinter& printer() { return *printer_; }
  std::shared_ptr<ReceiptPrinter> shared() { return printer_; }

 private:
  std::shared_ptr<ReceiptPrinter> printer_;
  bool simulated_;
};

}  // namespace rg::drivers
