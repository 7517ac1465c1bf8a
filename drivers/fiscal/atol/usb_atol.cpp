#include "fiscal/atol/usb_atol.h"

#include "fiscal/registrar_health.h"
#include "i18n.h"
#include "usb/usb_bulk_channel.h"

namespace rg::drivers::fiscal::atol {

UsbAtolRegistrar::UsbAtolRegistrar(std::shared_ptr<usb::UsbDevice> device, std::unique_ptr<ByteChannel> channel,
                                   AtolOptions options)
    : device_(std::move(device)), atol_(std::move(channel), options) {}

Result<std::shared_ptr<UsbAtolRegistrar>> UsbAtolRegistrar::open(std::shared_ptr<usb::UsbDevice> device,
                                                                 std::uint8_t interface_number, AtolOptions options) {
  // The channel's own messages start with "USB": the registrar's title is added by whoever shows them.
  auto channel = usb::UsbBulkChannel::open(device, interface_number, "USB");
  if (!channel) return std::unexpected(channel.error());
  return std::make_shared<UsbAtolRegistrar>(std::move(device), std::move(*channel), options);
}

DeviceHealth UsbAtolRegistrar::check() {
  if (device_->gone()) return {DeviceState::Absent, std::string(_("Fiscal registrar")) + ": " + _("not connected")};
  return registrar_health(*this);
}

void register_usb_atol(usb::UsbDeviceSource& source, AtolOptions options) {
  source.register_driver(DeviceKind::FiscalRegistrar,
                         [options](std::shared_ptr<usb::UsbDevice> dev,
                                   const usb::Match& m) -> Result<std::shared_ptr<ManagedDevice>> {
                           auto atol = UsbAtolRegistrar::open(std::move(dev), m.interface.number, options);
                           if (!atol) return std::unexpected(atol.error());
                           return std::shared_ptr<ManagedDevice>(*atol);
                         });
}

}  // namespace rg::drivers::fiscal::atol
