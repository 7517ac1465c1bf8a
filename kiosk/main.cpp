// registratura-kiosk: the lobby self check-in kiosk, full screen. Headless options render its
// screens to PNG in both orientations.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "clinic.h"
#include "kiosk_app.h"
#include "ui/i18n.h"
#include "ui/shell.h"

int main(int argc, char** argv) {
  rg::ui::init_i18n(argv[0]);
  std::string db_path = "var/clinic.db", screenshot, screenshot_all;
  int width = 1920, height = 1080, frames = 5;
  bool windowed = false;
  if (const char* env = std::getenv("REGISTRATURA_DB"); env && *env) db_path = env;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--db") db_path = next();
    else if (a == "--screenshot") screenshot = next();
    else if (a == "--screenshot-all") screenshot_all = next();
    else if (a == "--frames") frames = std::max(1, std::atoi(next().c_str()));
    else if (a == "--portrait") width = 1080, height = 1920;
    else if (a == "--windowed") windowed = true;
    else if (a == "--size") {
      if (std::sscanf(next().c_str(), "%dx%d", &width, &height) != 2) return 2;
    } else if (a == "--lang") {
      rg::ui::set_language(next() == "en" ? rg::ui::Language::En : rg::ui::Language::Ru);
    } else {
      std::fprintf(stderr,
                   "Usage: registratura-kiosk [--db PATH] [--portrait | --size WxH] [--windowed] [--lang ru|en]\n"
                   "                          [--screenshot FILE.png [--frames N]] [--screenshot-all DIR]\n");
      return 2;
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
  so.offscreen = headless;
  so.theme = rg::ui::Theme::Kiosk;
  so.font_size = 30.f;
  so.extra_font_sizes = {48.f, 72.f};
  auto shell = rg::ui::Shell::create(so);
  if (!shell) {
    std::fprintf(stderr, "registratura-kiosk: %s\n", shell.error().c_str());
    return 1;
  }
  rg::kiosk::KioskApp app(**shell, *clinic);
  auto frame = [&] { app.frame(); };

  if (!screenshot_all.empty()) {
    std::filesystem::create_directories(screenshot_all);
    struct Shot {
      const char* name;
      int w, h;
      rg::ui::Language lang;
      rg::kiosk::KioskScreen screen;
    };
    const Shot shots[] = {
        {"kiosk-start-landscape", 1920, 1080, rg::ui::Language::Ru, rg::kiosk::KioskScreen::Start},
        {"kiosk-start-portrait", 1080, 1920, rg::ui::Language::Ru, rg::kiosk::KioskScreen::Start},
        {"kiosk-start-landscape-en", 1920, 1080, rg::ui::Language::En, rg::kiosk::KioskScreen::Start},
        {"kiosk-desk-landscape", 1920, 1080, rg::ui::Language::Ru, rg::kiosk::KioskScreen::GoToDesk},
        {"kiosk-desk-portrait", 1080, 1920, rg::ui::Language::Ru, rg::kiosk::KioskScreen::GoToDesk},
    };
    for (const Shot& s : shots) {
      if (auto r = (*shell)->set_size(s.w, s.h); !r) {
        std::fprintf(stderr, "registratura-kiosk: %s\n", r.error().c_str());
        return 1;
      }
      rg::ui::set_language(s.lang);
      app.state().go(s.screen, 0);
      app.state().idle_reset_after = 1e9;  // a screenshot is not a walk-away
      std::string path = (std::filesystem::path(screenshot_all) / (std::string(s.name) + ".png")).string();
      if (auto r = (*shell)->render_to_png(frame, frames, path); !r) {
        std::fprintf(stderr, "registratura-kiosk: %s\n", r.error().c_str());
        return 1;
      }
      std::printf("%s\n", path.c_str());
    }
    return 0;
  }
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
