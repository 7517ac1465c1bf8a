// The receipt printer over the USB printer class: DLE EOT status on bulk OUT/IN, jobs on bulk
// OUT, the model from GET_DEVICE_ID.
#include "receipt_printer/usb_printer.h"

#include <cstdio>

#include "i18n.h"
#include "receipt_printer/printer_device.h"
#include "usb/usb_device_source.h"

namespace rg::drivers {

Result<std::shared_ptr<UsbReceiptPrinter>> UsbReceiptPrinter::open(std::shared_ptr<usb::UsbDevice> device,
                                                                   const usb::InterfaceInfo& iface,
                                                                   Profile profile, UsbPrinterTimeouts timeouts) {
  auto transport = usb::PrinterClassTransport::open(std::move(device), iface);
  if (!transport) return std::unexpected(transport.error());
  std::shared_ptr<UsbReceiptPrinter> p(new UsbReceiptPrinter(std::move(*transport), std::move(profile), timeouts));
  if (auto raw = p->transport_->device_id(timeouts.device_id)) {
    if (auto id = parse_device_id(*raw)) p->device_id_ = std::move(*id);
  } else if (raw.error().code == ErrorCode::NotFound) {
    return std::unexpected(raw.error());
  }
  return p;
}

std::string UsbReceiptPrinter::name() const {
  if (device_id_) {
    std::string n = device_id_->manufacturer;
    if (!device_id_->model.empty()) n += (n.empty() ? "" : " ") + device_id_->model;
    if (!n.empty()) return n;  // the model as the printer names itself: «EPSON TM-T20II»
  }
  char paper[64];
  std::snprintf(paper, sizeof paper, _("%d mm paper"), profile_.paper_mm);
  return std::string(_("Receipt printer")) + " (" + paper + ")";
}

Result<PrinterStatus> UsbReceiptPrinter::query_status_locked() {
  PrinterStatus s;
  if (!transport_->has_in()) return s;  // unidirectional: unknown
  for (StatusQuery q : {StatusQuery::Printer, StatusQuery::OfflineCause, StatusQuery::ErrorCause, StatusQuery::Paper}) {
    const auto req = status_request(q);
    if (auto w = transport_->write(req, timeouts_.status); !w) return std::unexpected(w.error());
    auto reply = transport_->read(timeouts_.status);
    if (!reply) return std::unexpected(reply.error());
    // One reply byte per request; a printer that answers late may leave an older byte first,
    // so the last status-shaped byte counts.
    for (auto it = reply->rbegin(); it != reply->rend(); ++it)
      if (apply_status_reply(s, q, *it)) break;
  }
  return s;
}

Result<PrinterStatus> UsbReceiptPrinter::query_status() {
  std::lock_guard lock(mu_);
  return query_status_locked();
}

PrinterStatus UsbReceiptPrinter::status() {
  auto s = query_status();
  return s ? *s : PrinterStatus{};
}

Status UsbReceiptPrinter::print(std::span<const std::uint8_t> bytes) {
  std::lock_guard lock(mu_);
  if (transport_->has_in()) {
    auto s = query_status_locked();
    if (!s) return std::unexpected(s.error());
    if (s->known && !s->can_print())
      return fail(ErrorCode::Io, status_message(*s), "usb receipt printer " + transport_->device().info().key());
  }
  return transport_->write(bytes, timeouts_.write);
}

Status UsbReceiptPrinter::open_drawer(escpos::DrawerPin pin) {
  escpos::Encoder e;
  e.drawer_kick(pin);
  std::lock_guard lock(mu_);
  return transport_->write(e.bytes(), timeouts_.status);
}

DeviceHealth UsbReceiptPrinter::check() {
  auto s = query_status();
  if (!s) {
    if (s.error().code == ErrorCode::NotFound) return {DeviceState::Absent, s.error().message};
    return {DeviceState::Error, s.error().message};
  }
  if (!transport_->has_in()) return {DeviceState::Ready, _("Receipt printer: connected (status not reported)")};
  return printer_health(*s);
}

bool UsbReceiptPrinter::gone() const { return transport_->device().gone(); }

void register_usb_receipt_printer(usb::UsbDeviceSource& source, UsbPrinterTimeouts timeouts) {
  source.register_driver(DeviceKind::ReceiptPrinter,
                         [timeouts](std::shared_ptr<usb::UsbDevice> dev,
                                    const usb::Match& m) -> Result<std::shared_ptr<ManagedDevice>> {
                           Profile profile = default_profile_80mm();
                           if (!m.rule.profile.empty())
                             if (auto p = find_profile(m.rule.profile)) profile = *p;
                           if (auto p = find_profile_for_usb(dev->info().vendor_id, dev->info().product_id))
                             profile = *p;
                           auto printer = UsbReceiptPrinter::open(std::move(dev), m.interface, profile, timeouts);
                           if (!printer) return std::unexpected(printer.error());
                           return std::shared_ptr<ManagedDevice>(*printer);
                         });
}

}  // namespace rg::drivers
