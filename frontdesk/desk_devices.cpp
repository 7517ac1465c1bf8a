#include "desk_devices.h"

#include "fiscal/atol/usb_atol.h"
#include "fiscal/registrar_health.h"
#include "hid/hid_devices.h"
#include "hid/usb_hid.h"
#include "i18n.h"
#include "receipt_printer/printer_device.h"
#include "receipt_printer/receipt.h"
#include "receipt_printer/usb_printer.h"
#include "usb/device_registry.h"
#include "usb/usb_context.h"
#include "usb/usb_device_source.h"

namespace rg::desk {
namespace {

using drivers::DeviceHealth;
using drivers::DeviceKind;
using drivers::DeviceState;

// The fiscal registrar as the manager sees it: its status in words.
class FiscalDevice final : public drivers::ManagedDevice {
 public:
  explicit FiscalDevice(std::shared_ptr<drivers::fiscal::FiscalRegistrar> r) : r_(std::move(r)) {}
  DeviceKind kind() const override { return DeviceKind::FiscalRegistrar; }
  std::string name() const override { return r_->name(); }
  bool simulated() const override { return true; }
  DeviceHealth check() override { return drivers::fiscal::registrar_health(*r_); }
  std::shared_ptr<drivers::fiscal::FiscalRegistrar> registrar() const { return r_; }

 private:
  std::shared_ptr<drivers::fiscal::FiscalRegistrar> r_;
};

// The printer or registrar behind a device-list entry: a USB driver is both the entry and the
// device; a simulated one is wrapped.
std::shared_ptr<drivers::ReceiptPrinter> printer_of(const std::shared_ptr<drivers::ManagedDevice>& d) {
  if (auto p = std::dynamic_pointer_cast<drivers::ReceiptPrinter>(d)) return p;
  if (auto w = std::dynamic_pointer_cast<drivers::ReceiptPrinterDevice>(d)) return w->shared();
  return nullptr;
}

std::shared_ptr<drivers::fiscal::FiscalRegistrar> registrar_of(const std::shared_ptr<drivers::ManagedDevice>& d) {
  if (auto r = std::dynamic_pointer_cast<drivers::fiscal::FiscalRegistrar>(d)) return r;
  if (auto w = std::dynamic_pointer_cast<FiscalDevice>(d)) return w->registrar();
  return nullptr;
}

}  // namespace

DeskDevices::DeskDevices(std::shared_ptr<drivers::ReceiptPrinter> printer,
                         std::shared_ptr<drivers::fiscal::FiscalRegistrar> registrar, bool use_usb,
                         const std::string& scanner_fifo, drivers::fiscal::atol::AtolOptions atol)
    : printer_(std::move(printer)),
      registrar_(std::move(registrar)),
      scanner_(std::make_shared<drivers::hid::SimScanner>(scanner_fifo)),
      handset_(std::make_shared<drivers::hid::SimHandset>()) {
  if (printer_) manager_.attach("sim:receipt-printer", std::make_shared<drivers::ReceiptPrinterDevice>(printer_, true));
  if (registrar_) manager_.attach("sim:fiscal-registrar", std::make_shared<FiscalDevice>(registrar_));
  manager_.attach("sim:scanner",
                  std::make_shared<drivers::hid::ScannerDevice>(scanner_, _("Simulated barcode scanner"), true));
  manager_.attach("sim:handset",
                  std::make_shared<drivers::hid::HandsetDevice>(handset_, _("Simulated phone handset"), true));
  if (!use_usb) return;
  auto ctx = drivers::usb::UsbContext::create();
  if (!ctx) {
    usb_problem_ = ctx.error().message;
    return;
  }
  usb_ = *ctx;
  source_ = std::make_unique<drivers::usb::UsbDeviceSource>(usb_, manager_, drivers::usb::DeviceRegistry::builtin());
  drivers::register_usb_receipt_printer(*source_);
  drivers::fiscal::atol::register_usb_atol(*source_, atol);
  drivers::hid::register_usb_hid(*source_);
  source_->start();
}

DeskDevices::~DeskDevices() {
  if (action_.joinable()) action_.join();
  source_.reset();
}

std::vector<drivers::hid::Scan> DeskDevices::poll_scans() {
  std::vector<drivers::hid::Scan> out;
  for (auto& s : manager_.all<drivers::hid::ScannerDevice>(DeviceKind::BarcodeScanner))
    for (auto& scan : s->driver().poll()) out.push_back(std::move(scan));
  return out;
}

void DeskDevices::poll_phone(std::int64_t now_ms) {
  // Any handset drives the one line (the simulated one too: the demo rings through it); all of
  // them light up to match.
  auto handsets = manager_.all<drivers::hid::HandsetDevice>(DeviceKind::Handset);
  bool changed = false;
  for (auto& h : handsets)
    for (const auto& e : h->driver().poll()) changed |= phone_.on_event(e, now_ms);
  if (changed)
    for (auto& h : handsets) h->driver().set_leds(phone_.leds());
}

void DeskDevices::run(std::function<std::string()> action, std::function<void(std::string)> done) {
  if (acting_.exchange(true)) {
    done(_("A device test is still running."));
    return;
  }
  if (action_.joinable()) action_.join();  // finished: acting_ was cleared at its end
  action_ = std::thread([this, action = std::move(action), done = std::move(done)] {
    std::string problem = action();
    acting_ = false;
    done(std::move(problem));
  });
}

void DeskDevices::print_test_receipt(const std::string& id, std::function<void(std::string)> done) {
  auto printer = printer_of(manager_.get(id));
  run(
      [this, printer]() -> std::string {
        if (!printer) return _("The device is not connected any more.");
        drivers::Receipt r;
        r.title("ПРОВЕРКА ПЕЧАТИ").centered(printer->name()).separator().line("Кириллица: АБВГДЕЁЖЗИЙ абвгдеёжзий");
        r.pair("Ширина", std::to_string(printer->profile().columns) + " симв.").qr("Registratura").cut();
        auto st = printer->print(drivers::to_escpos(r, printer->profile()));
        manager_.check_soon();
        return st ? std::string() : st.error().message;
      },
      std::move(done));
}

void DeskDevices::open_drawer(const std::string& id, std::function<void(std::string)> done) {
  auto registrar = registrar_of(manager_.get(id));
  run(
      [registrar]() -> std::string {
        if (!registrar) return _("The device is not connected any more.");
        auto st = registrar->open_drawer();
        return st ? std::string() : st.error().message;
      },
      std::move(done));
}

}  // namespace rg::desk
