// HID class requests (HID 1.11 §7.1.1 GET_DESCRIPTOR for the report descriptor, type 0x22;
// §7.2 GET_REPORT 0x01, SET_REPORT 0x09, SET_IDLE 0x0A) and the interrupt endpoints.
#include "usb/hid_transport.h"

#include "i18n.h"

namespace rg::drivers::usb {
namespace {
constexpr std::uint8_t kStandardInterfaceIn = 0x81;
constexpr std::uint8_t kClassInterfaceIn = 0xA1;
constexpr std::uint8_t kClassInterfaceOut = 0x21;
constexpr std::uint8_t kGetDescriptor = 0x06, kGetReport = 0x01, kSetReport = 0x09, kSetIdle = 0x0A;
constexpr std::uint16_t kReportDescriptor = 0x2200;
}  // namespace

Result<std::unique_ptr<HidTransport>> HidTransport::open(std::shared_ptr<UsbDevice> device,
                                                         std::uint8_t interface_number, std::string device_name) {
  for (const InterfaceInfo& i : device->info().interfaces) {
    if (i.number != interface_number || i.alt_setting != 0) continue;
    if (auto c = device->claim(interface_number); !c) return std::unexpected(c.error());
    return std::unique_ptr<HidTransport>(new HidTransport(std::move(device), i, std::move(device_name)));
  }
  return fail(ErrorCode::Invalid, device_name + ": " + _("the USB interface is missing"),
              device->info().key() + " interface " + std::to_string(interface_number));
}

Result<std::vector<std::uint8_t>> HidTransport::report_descriptor(std::uint16_t length, ms timeout) {
  std::vector<std::uint8_t> buf(std::min<std::uint16_t>(length, 4096));
  Transferred t = device_->control_in(kStandardInterfaceIn, kGetDescriptor, kReportDescriptor, iface_.number,
                                      buf, timeout);
  if (!t.ok()) return std::unexpected(transfer_error(t, name_));
  buf.resize(t.length);
  return buf;
}

Status HidTransport::set_report(HidReportType type, std::uint8_t id, std::span<const std::uint8_t> data,
                                ms timeout) {
  const auto value = static_cast<std::uint16_t>(static_cast<unsigned>(type) << 8 | id);
  Transferred t = device_->control_out(kClassInterfaceOut, kSetReport, value, iface_.number, data, timeout);
  if (!t.ok()) return std::unexpected(transfer_error(t, name_));
  return {};
}

Result<std::vector<std::uint8_t>> HidTransport::get_report(HidReportType type, std::uint8_t id,
                                                           std::uint16_t length, ms timeout) {
  std::vector<std::uint8_t> buf(length);
  const auto value = static_cast<std::uint16_t>(static_cast<unsigned>(type) << 8 | id);
  Transferred t = device_->control_in(kClassInterfaceIn, kGetReport, value, iface_.number, buf, timeout);
  if (!t.ok()) return std::unexpected(transfer_error(t, name_));
  buf.resize(t.length);
  return buf;
}

Status HidTransport::set_idle(std::uint8_t duration, std::uint8_t id, ms timeout) {
  const auto value = static_cast<std::uint16_t>(duration << 8 | id);
  Transferred t = device_->control_out(kClassInterfaceOut, kSetIdle, value, iface_.number, {}, timeout);
  // Many devices stall SET_IDLE (it is optional for non-keyboards): that is not an error.
  if (!t.ok() && t.outcome != Outcome::Stall) return std::unexpected(transfer_error(t, name_));
  return {};
}

Status HidTransport::start_reports(UsbDevice::OnData on_report, UsbDevice::OnEnd on_end) {
  auto in = iface_.find(EndpointType::Interrupt, true);
  if (!in) return fail(ErrorCode::Invalid, name_ + ": " + _("the USB interface has no input endpoint"), "");
  return device_->start_reading(in->address, in->max_packet ? in->max_packet : 64, std::move(on_report),
                                std::move(on_end));
}

void HidTransport::stop_reports() {
  if (auto in = iface_.find(EndpointType::Interrupt, true)) device_->stop_reading(in->address);
}

Status HidTransport::send_output(std::uint8_t id, std::span<const std::uint8_t> data, ms timeout) {
  if (auto out = iface_.find(EndpointType::Interrupt, false)) {
    Transferred t = device_->interrupt_out(out->address, data, timeout);
    if (!t.ok()) return std::unexpected(transfer_error(t, name_));
    return {};
  }
  return set_report(HidReportType::Output, id, data, timeout);
}

}  // namespace rg::drivers::usb
