// registratura-frontdesk: the administrators' console. Options for headless use render screens
// to PNG files instead of opening a window.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include <unistd.h>

#include "cash_service.h"
#include "registrar_settings.h"
#include "clinic.h"
#include "cups_output.h"
#include "documents_screen.h"
#include "desk_app.h"
#include "desk_devices.h"
#include "fiscal/current_registrar.h"
#include "fiscal/virtual_registrar.h"
#include "paper_preview.h"
#include "patients_screen.h"
#include "receipt_printer/sim_printer.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace {

struct Options {
  std::string db = "var/clinic.db";
  std::string screenshot, screenshot_all, screen, search;
  std::string devices_dir;  // the simulated receipt printer and fiscal registrar live here
  std::string scanner_fifo;  // the simulated scanner's named pipe (echo 10042 > PATH)
  std::string scan;          // a payload "scanned" as the desk starts (headless checks)
  std::string place;         // this desk's name (--place, $REGISTRATURA_PLACE, else the host name)
  std::string as;            // screenshots only: who is signed in (--as LOGIN)
  bool usb = true;          // look for USB devices (--no-usb: simulated ones only)
  bool fiscal_usb = false;  // --fiscal usb: the till uses the USB registrar (ATOL), not the virtual one
  int frames = 5, width = 1600, height = 900;
  bool fullscreen = false;
};

int usage() {
  std::fprintf(stderr,
               "Usage: registratura-frontdesk [--db PATH] [--screen ID] [--search TEXT] [--lang ru|en]\n"
               "                              [--size WxH] [--fullscreen] [--devices-dir DIR] [--no-usb]\n"
               "                              [--fiscal virtual|usb] [--scanner-fifo PATH] [--scan PAYLOAD]\n"
               "                              [--place NAME]\n"
               "                              [--screenshot FILE.png [--frames N]] [--screenshot-all DIR] [--as LOGIN]\n");
  return 2;
}

// The till: the virtual fiscal registrar printing on the simulated receipt printer, both in
// `dir` (registrar state, receipt-NNNN.bin/.png).
struct Till {
  std::shared_ptr<rg::drivers::SimReceiptPrinter> printer;
  std::shared_ptr<rg::drivers::fiscal::FiscalRegistrar> registrar;  // none: its error says why
  rg::Error error;
};

Till virtual_till(const std::filesystem::path& dir) {
  Till t;
  t.printer = std::make_shared<rg::drivers::SimReceiptPrinter>(dir / "receipts");
  rg::printing::attach_png_preview(*t.printer);
  auto registrar = rg::drivers::fiscal::VirtualRegistrar::open(dir / "registrar", t.printer);
  if (registrar) {
    // The simulated till keeps the process's clock: a demo clinic's shifted one included.
    registrar->set_clock_offset(rg::db::clock_offset());
    t.registrar = std::make_shared<rg::drivers::fiscal::VirtualRegistrar>(std::move(*registrar));
  } else {
    t.error = registrar.error();
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  rg::ui::install_stop_signals();
  rg::ui::init_i18n(argv[0]);
  Options o;
  if (const char* env = std::getenv("REGISTRATURA_DB"); env && *env) o.db = env;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--db") o.db = next();
    else if (a == "--screenshot") o.screenshot = next();
    else if (a == "--screenshot-all") o.screenshot_all = next();
    else if (a == "--frames") o.frames = std::max(1, std::atoi(next().c_str()));
    else if (a == "--screen") o.screen = next();
    else if (a == "--search") o.search = next();
    else if (a == "--fullscreen") o.fullscreen = true;
    else if (a == "--devices-dir") o.devices_dir = next();
    else if (a == "--no-usb") o.usb = false;
    else if (a == "--scanner-fifo") o.scanner_fifo = next();
    else if (a == "--scan") o.scan = next();
    else if (a == "--place") o.place = next();
    else if (a == "--as") o.as = next();
    else if (a == "--fiscal") {
      const std::string v = next();
      if (v != "usb" && v != "virtual") return usage();
      o.fiscal_usb = v == "usb";
    }
    else if (a == "--size") {
      std::string v = next();
      if (std::sscanf(v.c_str(), "%dx%d", &o.width, &o.height) != 2) return usage();
    } else if (a == "--lang") {
      rg::ui::set_language(next() == "en" ? rg::ui::Language::En : rg::ui::Language::Ru);
    } else {
      return usage();
    }
  }

  if (!o.as.empty() && o.screenshot.empty() && o.screenshot_all.empty()) {
    std::fprintf(stderr, "registratura-frontdesk: --as is for screenshots only: people sign in at the desk\n");
    return 2;
  }
  if (o.place.empty()) {
    if (const char* env = std::getenv("REGISTRATURA_PLACE"); env && *env) o.place = env;
    char host[256] = {};
    if (o.place.empty() && gethostname(host, sizeof host - 1) == 0) o.place = host;
    if (o.place.empty()) o.place = "desk";
  }
  if (!std::filesystem::exists(o.db)) {
    std::fprintf(stderr, "registratura-frontdesk: %s: %s\n", o.db.c_str(),
                 _("The database file does not exist. A new clinic: registratura init --db PATH --clinic NAME; "
                   "the demo clinic: ./dev run."));
    return 1;
  }
  auto db = rg::db::open_clinic(o.db);
  if (!db) {
    std::fprintf(stderr, "registratura-frontdesk: %s\n", db.error().message.c_str());
    return 1;
  }
  auto clinic = rg::db::load_clinic(*db);
  if (!clinic) {
    std::fprintf(stderr, "registratura-frontdesk: %s\n", clinic.error().message.c_str());
    return 1;
  }

  const bool headless = !o.screenshot.empty() || !o.screenshot_all.empty();
  rg::ui::ShellOptions so;
  so.title = std::string(_("Registratura — front desk")) + " · " + clinic->short_name;
  so.width = o.width;
  so.height = o.height;
  so.fullscreen = o.fullscreen && !headless;
  so.offscreen = headless;
  so.font_size = 17.f;
  so.extra_font_sizes = {24.f, 36.f};  // 36: the change to hand back
  auto shell = rg::ui::Shell::create(so);
  if (!shell) {
    std::fprintf(stderr, "registratura-frontdesk: %s\n", shell.error().c_str());
    return 1;
  }

  if (o.devices_dir.empty()) o.devices_dir = (std::filesystem::path(o.db).parent_path() / "devices").string();
  Till till = virtual_till(o.devices_dir);
  auto cash = std::make_unique<rg::desk::CashService>(
      o.db, [&shell](rg::db::Worker::Continuation c) { (*shell)->tasks().post(std::move(c)); },
      [&till]() -> rg::Result<std::shared_ptr<rg::drivers::fiscal::FiscalRegistrar>> {
        if (!till.registrar) return std::unexpected(till.error);
        return till.registrar;
      },
      rg::cash::CashDeskOptions{}, std::filesystem::path(o.devices_dir) / "receipts");
  // With a real registrar the till asks the device manager for it at each call (it may be
  // unplugged and come back); the virtual one is then neither used nor listed.
  if (o.fiscal_usb) till.registrar.reset();
  rg::desk::DeskDevices devices(till.printer, till.registrar, o.usb && !headless, o.scanner_fifo,
                                rg::cash::atol_options_from_settings(*db));
  if (o.fiscal_usb) till.registrar = std::make_shared<rg::drivers::fiscal::CurrentRegistrar>(devices.manager(), true);
  rg::desk::DeskApp app(**shell, *db, o.db, *clinic, "desk:" + o.place, std::move(cash));
  app.set_devices(&devices);
  // Documents go through CUPS; with no printer set up they are saved next to the database.
  {
    rg::cups::PrintServiceOptions po;
    po.routing = rg::desk::routing_from_settings(
        *db, (std::filesystem::absolute(o.db).parent_path() / "documents").lexically_normal().string());
    auto output = std::make_unique<rg::desk::CupsOutput>(std::move(po));
    app.set_printing(&output->service());
    app.set_document_output(std::move(output));
  }
  auto frame = [&] { app.frame(); };
  auto settled = [&] { return app.idle(); };
  // Screenshots sign a demo person in without a password (the desk never does: --as is refused
  // without --screenshot); the screen and search given then apply.
  auto sign_in_as = [&](const std::string& login) -> bool {
    app.sign_in_for_screenshots(login);
    (*shell)->render_until(frame, [&] { return app.idle() && app.working(); });
    return app.working();
  };
  // --screenshot: as `--as` (the demo administrator by default; "none": the sign-in form).
  if (!o.screenshot.empty() && o.as != "none") {
    if (!sign_in_as(o.as.empty() ? "admin" : o.as)) {
      std::fprintf(stderr, "registratura-frontdesk: nobody with the login '%s' can sign in\n",
                   o.as.empty() ? "admin" : o.as.c_str());
      return 2;
    }
  }
  auto apply_start = [&]() -> bool {
    if (!o.screen.empty() && !app.show(o.screen)) {
      std::fprintf(stderr, "registratura-frontdesk: no screen '%s' for this person\n", o.screen.c_str());
      return false;
    }
    if (!o.search.empty())
      if (auto* p = dynamic_cast<rg::desk::PatientsScreen*>(app.find("patients"))) p->set_query(o.search);
    return true;
  };
  if (!o.screenshot.empty() && o.as != "none" && !apply_start()) return 2;

  app.prefer_screen(o.screen);  // at the desk: where whoever signs in starts, if they may open it
  if (!o.scan.empty()) devices.scanner().scan(o.scan);
  if (!o.screenshot_all.empty()) {
    std::filesystem::create_directories(o.screenshot_all);
    auto shoot = [&](const std::string& name) -> bool {
      (*shell)->render_until(frame, settled);
      std::string path = (std::filesystem::path(o.screenshot_all) / ("frontdesk-" + name + ".png")).string();
      if (auto r = (*shell)->render_to_png(frame, 3, path); !r) {
        std::fprintf(stderr, "registratura-frontdesk: %s\n", r.error().c_str());
        return false;
      }
      std::printf("%s\n", path.c_str());
      return true;
    };
    // Before anyone signs in, and a refused try.
    if (!shoot("sign-in")) return 1;
    app.sign_in_view().prepare_refused_shot();
    if (!shoot("sign-in-refused")) return 1;
    // Every screen once, as the first of these people who may open it (switching between them
    // as a desk does at a hand-over).
    std::set<std::string> shot;
    for (const char* login : {"admin", "operator", "manager", "doctor"}) {
      if (!sign_in_as(login)) continue;
      for (const auto& s : app.screens()) {
        const std::string id = s->id();
        app.show(id);
        if (shot.insert(id).second) {
          s->prepare_screenshot();
          if (!shoot(id)) return 1;
        }
        for (const std::string& extra : s->extra_shots()) {
          if (!shot.insert(id + "-" + extra).second) continue;
          s->prepare_extra_shot(extra);
          if (!shoot(id + "-" + extra)) return 1;
        }
      }
      // The call rung for the settings' shot is answered and ended: the next person's shots are quiet.
      devices.handset().lift();
      devices.handset().hang_up();
    }
    app.lock();
    if (!shoot("locked")) return 1;
    return 0;
  }
  if (!o.screenshot.empty()) {
    (*shell)->render_until(frame, settled);
    if (auto r = (*shell)->render_to_png(frame, o.frames, o.screenshot); !r) {
      std::fprintf(stderr, "registratura-frontdesk: %s\n", r.error().c_str());
      return 1;
    }
    std::printf("%s\n", o.screenshot.c_str());
    return 0;
  }
  (*shell)->run(frame);
  return 0;
}
