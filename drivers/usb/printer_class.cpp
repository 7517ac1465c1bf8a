// USB printer class requests and the bulk pipe pair (USB Printing Devices 1.1, section 4.2).
#include "usb/printer_class.h"

#include "i18n.h"

namespace rg::drivers::usb {
namespace {

constexpr std::uint8_t kClassInterfaceIn = 0xA1;  // IN | class | interface
constexpr std::uint8_t kGetDeviceId = 0;
constexpr std::uint8_t kGetPortStatus = 1;

std::string who() { return _("Receipt printer"); }

}  // namespace

Result<std::unique_ptr<PrinterClassTransport>> PrinterClassTransport::open(std::shared_ptr<UsbDevice> device,
                                                                           const InterfaceInfo& iface) {
  const auto out = iface.find(EndpointType::Bulk, false);
  if (!out)
    return fail(ErrorCode::Invalid, who() + ": " + _("the USB interface has no output endpoint"),
                device->info().key());
  const auto in = iface.find(EndpointType::Bulk, true);
  if (auto c = device->claim(iface.number, iface.alt_setting); !c) return std::unexpected(c.error());
  return std::unique_ptr<PrinterClassTransport>(
      new PrinterClassTransport(std::move(device), iface, out->address, in ? in->address : std::uint8_t{0}));
}

Result<std::vector<std::uint8_t>> PrinterClassTransport::device_id(ms timeout) {
  std::vector<std::uint8_t> buf(kDeviceIdLength);
  const auto index = static_cast<std::uint16_t>(iface_.number << 8 | iface_.alt_setting);
  Transferred t = device_->control_in(kClassInterfaceIn, kGetDeviceId, 0, index, buf, timeout);
  if (!t.ok()) return std::unexpected(transfer_error(t, who()));
  buf.resize(t.length);
  return buf;
}

Result<std::uint8_t> PrinterClassTransport::port_status(ms timeout) {
  std::uint8_t b = 0;
  Transferred t = device_->control_in(kClassInterfaceIn, kGetPortStatus, 0, iface_.number,
                                      std::span<std::uint8_t>(&b, 1), timeout);
  if (!t.ok()) return std::unexpected(transfer_error(t, who()));
  if (t.length != 1)
    return fail(ErrorCode::Io, who() + ": " + _("USB transfer error — reconnect the device"), "port status: no byte");
  return b;
}

Status PrinterClassTransport::write(std::span<const std::uint8_t> bytes, ms timeout) {
  Transferred t = device_->bulk_out(out_, bytes, timeout);
  if (!t.ok()) return std::unexpected(transfer_error(t, who()));
  if (t.length != bytes.size())
    return fail(ErrorCode::Io, who() + ": " + _("USB transfer error — reconnect the device"),
                "short write " + std::to_string(t.length) + "/" + std::to_string(bytes.size()));
  return {};
}

Result<std::vector<std::uint8_t>> PrinterClassTransport::read(ms timeout) {
  if (!in_) return std::vector<std::uint8_t>{};
  std::vector<std::uint8_t> buf(kPrinterInLength);
  Transferred t = device_->bulk_in(in_, buf, timeout);
  if (t.outcome == Outcome::Timeout) t.outcome = Outcome::Ok;  // silence is an answer here
  if (!t.ok()) return std::unexpected(transfer_error(t, who()));
  buf.resize(t.length);
  return buf;
}

}  // namespace rg::drivers::usb
