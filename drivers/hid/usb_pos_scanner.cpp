// open: claim → GET_DESCRIPTOR(report) → parse → layout → SET_IDLE(0) → read interrupt IN.
#include "hid/usb_pos_scanner.h"

#include "hid/usb_hid.h"
#include "i18n.h"

namespace rg::drivers::hid {

Result<std::unique_ptr<UsbPosScanner>> UsbPosScanner::open(std::shared_ptr<usb::UsbDevice> device,
                                                           std::uint8_t interface_number) {
  return open_as<UsbPosScanner>(std::move(device), interface_number, _("Barcode scanner"), find_pos_scan_layout);
}

Result<std::unique_ptr<UsbPosScanner>> UsbPosScanner::start(std::unique_ptr<usb::HidTransport> transport,
                                                            PosScanLayout layout) {
  (void)transport->set_idle(0);  // optional for scanners: a stall is fine
  std::unique_ptr<UsbPosScanner> s(new UsbPosScanner(std::move(transport), std::move(layout)));
  auto queue = s->queue_;
  auto assembler = s->assembler_;
  auto started = s->transport_->start_reports(
      [queue, assembler](std::span<const std::uint8_t> report) {
        if (auto scan = assembler->feed(report, PosScanAssembler::Clock::now())) queue->push(std::move(*scan));
      },
      [queue](usb::Outcome how) {
        if (how != usb::Outcome::Cancelled) queue->set_problem(_("Barcode scanner: not connected"));
      });
  if (!started) return std::unexpected(started.error());
  return s;
}

UsbPosScanner::UsbPosScanner(std::unique_ptr<usb::HidTransport> transport, PosScanLayout layout)
    : transport_(std::move(transport)), assembler_(std::make_shared<PosScanAssembler>(std::move(layout))) {}

UsbPosScanner::~UsbPosScanner() { transport_->stop_reports(); }

}  // namespace rg::drivers::hid
