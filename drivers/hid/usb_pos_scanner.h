// A HID POS barcode scanner over USB: only its HID interface claimed, the report descriptor read
// by GET_DESCRIPTOR and parsed, interrupt IN reports assembled into scans on the USB event thread.
#pragma once

#include <memory>

#include "hid/pos_scanner.h"
#include "hid/scan_queue.h"
#include "usb/hid_transport.h"

namespace rg::drivers::hid {

class UsbPosScanner final : public ScanSource {
 public:
  // Blocking (control transfers): call it on a worker, never on the UI thread.
  static Result<std::unique_ptr<UsbPosScanner>> open(std::shared_ptr<usb::UsbDevice> device,
                                                     std::uint8_t interface_number);
  // Starts reading an interface already opened (hid/usb_hid.h) whose descriptor has this layout.
  static Result<std::unique_ptr<UsbPosScanner>> start(std::unique_ptr<usb::HidTransport> transport,
                                                      PosScanLayout layout);
  ~UsbPosScanner() override;

  std::vector<Scan> poll() override { return queue_->take(); }
  std::string problem() const override { return queue_->problem(); }
  bool gone() const override { return transport_->gone(); }

 private:
  UsbPosScanner(std::unique_ptr<usb::HidTransport> transport, PosScanLayout layout);

  std::unique_ptr<usb::HidTransport> transport_;
  std::shared_ptr<ScanQueue> queue_ = std::make_shared<ScanQueue>();
  std::shared_ptr<PosScanAssembler> assembler_;  // used on the event thread only
};

}  // namespace rg::drivers::hid
