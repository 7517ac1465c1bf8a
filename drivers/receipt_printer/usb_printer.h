// The receipt printer over USB (printer class, ESC/POS): jobs go out on bulk OUT, real-time
// status is DLE EOT 1–4 answered on bulk IN, the model comes from GET_DEVICE_ID. Built by
// UsbDeviceSource for every interface the registry matches as a receipt printer. Every call
// blocks for at most its timeout: call it from a worker, never from a frame.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "device_manager.h"
#include "receipt_printer/escpos.h"
#include "receipt_printer/printer.h"
#include "usb/printer_class.h"

namespace rg::drivers {

namespace usb {
class UsbDeviceSource;
}

struct UsbPrinterTimeouts {
  std::chrono::milliseconds write{10000};  // a long receipt at 80 mm/s fits comfortably
  std::chrono::milliseconds status{500};   // per DLE EOT reply
  std::chrono::milliseconds device_id{1000};
};

class UsbReceiptPrinter final : public ReceiptPrinter, public ManagedDevice {
 public:
  // Reads the device ID (a failure leaves the name at the profile's); `profile` is the
  // registry's match, or the 80 mm default.
  static Result<std::shared_ptr<UsbReceiptPrinter>> open(std::shared_ptr<usb::UsbDevice> device,
                                                         const usb::InterfaceInfo& iface,
                                                         Profile profile,
                                                         UsbPrinterTimeouts timeouts = {});

  // Asks the status first (when the printer has a bulk IN): a printer that cannot print fails
  // with its problem in words, and nothing is sent. Then the job, in one bulk OUT transfer.
  Status print(std::span<const std::uint8_t> bytes) override;
  // DLE EOT 1, 2, 3, 4 in turn, each reply folded in; known = false when nothing came back.
  PrinterStatus status() override;
  // The same, with the transport's failure (Gone, Timeout) as an Error.
  Result<PrinterStatus> query_status();
  // ESC p on `pin` through the bulk OUT endpoint.
  Status open_drawer(escpos::DrawerPin pin = escpos::DrawerPin::Pin2);

  std::string name() const override;
  const Profile& profile() const override { return profile_; }
  const std::optional<DeviceId>& device_id() const { return device_id_; }

  // ManagedDevice
  DeviceKind kind() const override { return DeviceKind::ReceiptPrinter; }
  DeviceHealth check() override;
  bool gone() const override;

 private:
  UsbReceiptPrinter(std::unique_ptr<usb::PrinterClassTransport> t, Profile p, UsbPrinterTimeouts to)
      : transport_(std::move(t)), profile_(std::move(p)), timeouts_(to) {}
  Result<PrinterStatus> query_status_locked();

  std::unique_ptr<usb::PrinterClassTransport> transport_;
  Profile profile_;
  UsbPrinterTimeouts timeouts_;
  std::optional<DeviceId> device_id_;
  std::mutex mu_;  // one exchange at a time: a status reply must not interleave with a job
};

// Registers the receipt printer driver with a USB source (DeviceKind::ReceiptPrinter).
void register_usb_receipt_printer(usb::UsbDeviceSource& source, UsbPrinterTimeouts timeouts = {});

}  // namespace rg::drivers
