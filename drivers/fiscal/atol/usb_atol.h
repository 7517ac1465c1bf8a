// The ATOL registrar as a USB device of the desk: found by usb-devices.conf's fiscal_registrar
// rule on its CDC data interface, driven through UsbBulkChannel, listed by the DeviceManager
// with its status in words, and reached by the till as a FiscalRegistrar.
#pragma once

#include <memory>

#include "device_manager.h"
#include "fiscal/atol/atol_registrar.h"
#include "usb/usb_device.h"
#include "usb/usb_device_source.h"

namespace rg::drivers::fiscal::atol {

class UsbAtolRegistrar final : public ManagedDevice, public FiscalRegistrar {
 public:
  static Result<std::shared_ptr<UsbAtolRegistrar>> open(std::shared_ptr<usb::UsbDevice> device,
                                                        std::uint8_t interface_number, AtolOptions options = {});

  DeviceKind kind() const override { return DeviceKind::FiscalRegistrar; }
  std::string name() const override { return atol_.name(); }
  DeviceHealth check() override;
  bool gone() const override { return device_->gone(); }

  Result<RegistrarStatus> status() override { return atol_.status(); }
  Result<FiscalDocument> open_shift(const Cashier& c) override { return atol_.open_shift(c); }
  Result<FiscalDocument> register_receipt(const Receipt& r) override { return atol_.register_receipt(r); }
  Status cancel_open_receipt() override { return atol_.cancel_open_receipt(); }
  Result<FiscalDocument> last_document() override { return atol_.last_document(); }
  Status x_report(const Cashier& c) override { return atol_.x_report(c); }
  Result<FiscalDocument> close_shift(const Cashier& c) override { return atol_.close_shift(c); }
  Status open_drawer() override { return atol_.open_drawer(); }

  UsbAtolRegistrar(std::shared_ptr<usb::UsbDevice> device, std::unique_ptr<ByteChannel> channel, AtolOptions options);

 private:
  std::shared_ptr<usb::UsbDevice> device_;
  AtolRegistrar atol_;
};

// Lets `source` drive the devices its rules name fiscal_registrar as ATOL registrars.
void register_usb_atol(usb::UsbDeviceSource& source, AtolOptions options = {});

}  // namespace rg::drivers::fiscal::atol
