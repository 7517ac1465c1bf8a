// open: claim → GET_DESCRIPTOR(report) → parse → layout → SET_IDLE(0) → read interrupt IN.
#include "hid/usb_pos_scanner.h"

#include "i18n.h"

namespace rg::drivers::hid {
namespace {

// The HID descriptor's wDescriptorLength is not passed up by drivers/usb yet; 4096 is the
// transport's ceiling, and devices answer a longer request with the descriptor's real length.
constexpr std::uint16_t kDescriptorRequest = 4096;

Error scanner_error(const Error& e) {
  return Error(e.code, std::string(_("Barcode scanner")) + ": " + e.message, e.detail);
}

}  // namespace

Result<std::unique_ptr<UsbPosScanner>> UsbPosScanner::open(std::shared_ptr<usb::UsbDevice> device,
                                                           std::uint8_t interface_number) {
  auto transport = usb::HidTransport::open(std::move(device), interface_number, _("Barcode scanner"));
  if (!transport) return std::unexpected(transport.error());
  auto bytes = (*transport)->report_descriptor(kDescriptorRequest);
  if (!bytes) return std::unexpected(bytes.error());
  auto desc = parse_report_descriptor(*bytes);
  if (!desc) return std::unexpected(scanner_error(desc.error()));
  auto layout = find_pos_scan_layout(std::move(*desc));
  if (!layout) return std::unexpected(scanner_error(layout.error()));
  (void)(*transport)->set_idle(0);  // optional for scanners: a stall is fine
  std::unique_ptr<UsbPosScanner> s(new UsbPosScanner(std::move(*transport), std::move(*layout)));
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
