// The desk's devices in one place: the DeviceManager with what USB finds (receipt printers,
// ATOL fiscal registrars, HID POS scanners and handsets) and the simulated twins the demo runs on — the receipt
// printer the till prints on, the virtual fiscal registrar, a simulated barcode scanner and a
// simulated handset. Screens read the manager's list and events; test actions run on a thread
// of their own so a slow device never holds up the frame.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "device_manager.h"
#include "fiscal/atol/atol_registrar.h"
#include "fiscal/fiscal_registrar.h"
#include "hid/phone_line.h"
#include "hid/sim_handset.h"
#include "hid/sim_scanner.h"
#include "receipt_printer/printer.h"

namespace rg::drivers::usb {
class UsbContext;
class UsbDeviceSource;
}  // namespace rg::drivers::usb

namespace rg::desk {

class DeskDevices {
 public:
  // `printer` and `registrar` are the till's (shared with the cash desk's thread; both are
  // safe to ask from another thread). `use_usb`: look for real devices too. `scanner_fifo`:
  // the simulated scanner reads lines from this named pipe (none: only the UI's button).
  DeskDevices(std::shared_ptr<drivers::ReceiptPrinter> printer,
              std::shared_ptr<drivers::fiscal::FiscalRegistrar> registrar, bool use_usb,
              const std::string& scanner_fifo = {}, drivers::fiscal::atol::AtolOptions atol = {});
  ~DeskDevices();

  drivers::DeviceManager& manager() { return manager_; }
  drivers::hid::SimScanner& scanner() { return *scanner_; }
  drivers::hid::SimHandset& handset() { return *handset_; }
  // The phone line the handset drives; poll_phone() (every frame) feeds it the handset's events
  // and lights the handset to match.
  const drivers::hid::PhoneLine& phone() const { return phone_; }
  void poll_phone(std::int64_t now_ms);
  // Scans read since the last call by every scanner the desk has (USB and simulated).
  std::vector<drivers::hid::Scan> poll_scans();
  const std::string& usb_problem() const { return usb_problem_; }

  // Test actions on the device-list entry `id`, on their own thread; `done` gets "" or what
  // went wrong (any thread). While one runs, another is refused at once (a printer may take
  // seconds to time out).
  void print_test_receipt(const std::string& id, std::function<void(std::string)> done);
  void open_drawer(const std::string& id, std::function<void(std::string)> done);

 private:
  void run(std::function<std::string()> action, std::function<void(std::string)> done);

  drivers::DeviceManager manager_;
  std::shared_ptr<drivers::ReceiptPrinter> printer_;
  std::shared_ptr<drivers::fiscal::FiscalRegistrar> registrar_;
  std::shared_ptr<drivers::hid::SimScanner> scanner_;
  std::shared_ptr<drivers::hid::SimHandset> handset_;
  drivers::hid::PhoneLine phone_;
  std::shared_ptr<drivers::usb::UsbContext> usb_;
  std::unique_ptr<drivers::usb::UsbDeviceSource> source_;
  std::string usb_problem_;
  std::atomic<bool> acting_{false};
  std::thread action_;
};

}  // namespace rg::desk
