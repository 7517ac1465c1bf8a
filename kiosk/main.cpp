// registratura-kiosk: the lobby self check-in kiosk, full screen. Headless options render every
// screen to PNG in both orientations.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#include "checkin_flow.h"
#include "clinic.h"
#include "kiosk_app.h"
#include "hid/evdev_scanner.h"
#include "hid/hid_devices.h"
#include "hid/sim_scanner.h"
#include "hid/usb_hid.h"
#include "receipt_printer/usb_printer.h"
#include "usb/device_registry.h"
#include "usb/usb_context.h"
#include "usb/usb_device_source.h"
#include "kiosk_demo.h"
#include "kiosk_identify.h"
#include "kiosk_settings.h"
#include "ui/i18n.h"
#include "ui/shell.h"
#include "worker.h"

namespace {

int usage() {
  std::fprintf(stderr,
               "Usage: registratura-kiosk [--db PATH] [--name KIOSK] [--portrait | --size WxH] [--windowed]\n"
               "                          [--lang ru|en] [--scanner /dev/input/…] [--scan-fifo PATH] [--no-usb]\n"
               "                          [--printer usb | --printer-dir DIR]\n"
               "                          [--screenshot FILE.png [--frames N]] [--screenshot-all DIR]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  rg::ui::install_stop_signals();
  rg::ui::init_i18n(argv[0]);
  std::string db_path = "var/clinic.db", screenshot, screenshot_all, name = "lobby", scanner, scan_fifo;
  std::string printer_dir;
  int width = 1920, height = 1080, frames = 5;
  bool windowed = false, use_usb = true, usb_printer_only = false;
  if (const char* env = std::getenv("REGISTRATURA_DB"); env && *env) db_path = env;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--db") db_path = next();
    else if (a == "--name") name = next();
    else if (a == "--scanner") scanner = next();
    else if (a == "--scan-fifo") scan_fifo = next();
    else if (a == "--no-usb") use_usb = false;
    else if (a == "--printer-dir") printer_dir = next();
    else if (a == "--printer") {
      if (next() != "usb") return usage();
      usb_printer_only = true;
    }
    else if (a == "--screenshot") screenshot = next();
    else if (a == "--screenshot-all") screenshot_all = next();
    else if (a == "--frames") frames = std::max(1, std::atoi(next().c_str()));
    else if (a == "--portrait") width = 1080, height = 1920;
    else if (a == "--windowed") windowed = true;
    else if (a == "--size") {
      if (std::sscanf(next().c_str(), "%dx%d", &width, &height) != 2) return usage();
    } else if (a == "--lang") {
      rg::ui::set_language(next() == "en" ? rg::ui::Language::En : rg::ui::Language::Ru);
    } else {
      return usage();
    }
  }
  auto db = rg::db::open_clinic(db_path, {.create = false});
  if (!db) {
    std::fprintf(stderr, "registratura-kiosk: %s: %s\n", db_path.c_str(), db.error().message.c_str());
    return 1;
  }
  auto clinic = rg::db::load_clinic(*db);
  if (!clinic) {
    std::fprintf(stderr, "registratura-kiosk: %s\n", clinic.error().message.c_str());
    return 1;
  }
  const bool headless = !screenshot.empty() || !screenshot_all.empty();
  rg::ui::ShellOptions so;
  so.title = _("Registratura — kiosk");
  so.width = width;
  so.height = height;
  so.fullscreen = !headless && !windowed;
  so.locked = so.fullscreen;  // in the lobby nobody closes it but an administrator
  so.offscreen = headless;
  so.theme = rg::ui::Theme::Kiosk;
  so.font_size = 30.f;
  so.extra_font_sizes = {48.f, 72.f, 144.f};  // 144: the queue number
  auto shell = rg::ui::Shell::create(so);
  if (!shell) {
    std::fprintf(stderr, "registratura-kiosk: %s\n", shell.error().c_str());
    return 1;
  }

  // Devices: HID POS scanners and receipt printers on USB (found again after unplugging), a
  // keyboard-wedge scanner grabbed through evdev (so the keyboard layout cannot garble it), and
  // the simulated scanner's named pipe for the demo — all scanners read alike. A wedge scanner
  // that types like a keyboard still works without any of them (KioskApp reads typed lines
  // ended by Enter).
  using rg::drivers::hid::ScannerDevice;
  rg::drivers::DeviceManager devices;
  if (!scanner.empty())
    devices.attach("evdev:" + scanner, std::make_shared<ScannerDevice>(
                                           std::make_shared<rg::drivers::hid::EvdevScanner>(
                                               rg::drivers::hid::EvdevScanner::Options{scanner, {}, {}}),
                                           _("Keyboard-wedge barcode scanner")));
  if (!scan_fifo.empty())
    devices.attach("sim:scanner", std::make_shared<ScannerDevice>(std::make_shared<rg::drivers::hid::SimScanner>(scan_fifo),
                                                                  _("Simulated barcode scanner"), true));
  std::unique_ptr<rg::drivers::usb::UsbDeviceSource> usb;
  if (use_usb && !headless) {
    if (auto ctx = rg::drivers::usb::UsbContext::create()) {
      usb = std::make_unique<rg::drivers::usb::UsbDeviceSource>(*ctx, devices, rg::drivers::usb::DeviceRegistry::builtin());
      rg::drivers::hid::register_usb_hid(*usb, {.scanners = true, .handsets = false});
      rg::drivers::register_usb_receipt_printer(*usb);
      usb->start();
    } else {
      std::fprintf(stderr, "registratura-kiosk: USB: %s\n", ctx.error().message.c_str());
    }
  }
  // After the devices: destroyed first, so no job of theirs is left printing on a device gone.
  // Tickets print on a worker of their own (its connection tells the desk of a failed ticket).
  rg::db::Worker worker(db_path, [&](rg::db::Worker::Continuation c) { (*shell)->tasks().post(std::move(c)); });
  rg::db::Worker printing(db_path, [&](rg::db::Worker::Continuation c) { (*shell)->tasks().post(std::move(c)); });
  // Tickets go to a real printer when one is plugged in; otherwise to the simulated twin (the
  // demo), or — with --printer usb, as a lobby kiosk runs — nowhere, and the screen says so.
  std::shared_ptr<rg::drivers::ReceiptPrinter> sim_printer;
  if (!usb_printer_only)
    sim_printer = rg::kiosk::make_sim_ticket_printer(
        printer_dir.empty() ? std::filesystem::path(db_path).parent_path() / ("printer-" + name)
                            : std::filesystem::path(printer_dir));
  auto identify = rg::kiosk::make_identify(*db);
  rg::kiosk::CheckinFlow flow([&](rg::db::Worker::Job job) { worker.submit(std::move(job)); }, identify,
                              rg::kiosk::make_ticket_printer(
                                  *db, clinic->short_name.empty() ? clinic->name : clinic->short_name,
                                  rg::kiosk::pick_printer(devices, sim_printer)),
                              [] { return rg::db::now_unix(); }, name);
  if (auto rules = rg::db::load_checkin_rules(*db)) flow.set_rules(*rules);
  flow.set_print_runner([&](rg::db::Worker::Job job) { printing.submit(std::move(job)); });
  auto kiosk_settings = rg::kiosk::load_kiosk_settings(*db);
  if (!kiosk_settings) {
    std::fprintf(stderr, "registratura-kiosk: %s\n", kiosk_settings.error().message.c_str());
    return 1;
  }
  rg::kiosk::KioskApp app(**shell, *clinic, *kiosk_settings, flow);
  if (!so.locked) app.enable_demo_scan(worker);
  flow.set_on_exit([&] { (*shell)->stop(); });
  auto frame = [&] {
    for (auto& source : devices.all<ScannerDevice>(rg::drivers::DeviceKind::BarcodeScanner))
      for (const auto& s : source->driver().poll()) flow.scan(s.data, ImGui::GetTime());
    app.frame();
  };

  if (!screenshot_all.empty()) return rg::kiosk::screenshot_all(**shell, app, *db, frame, screenshot_all, frames);
  if (!screenshot.empty()) {
    if (auto r = (*shell)->render_to_png(frame, frames, screenshot); !r) {
      std::fprintf(stderr, "registratura-kiosk: %s\n", r.error().c_str());
      return 1;
    }
    std::printf("%s\n", screenshot.c_str());
    return 0;
  }
  (*shell)->run(frame);
  return 0;
}
