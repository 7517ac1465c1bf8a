// Each shot sets the state a patient would see and renders it at 1920×1080 and 1080×1920.
#include "kiosk_demo.h"

#include <cstdio>
#include <filesystem>

#include "ui/i18n.h"

namespace rg::kiosk {
namespace {

Shown demo_patient(bool first_visit) {
  Shown s;
  s.masked_name = "Иванова А. П.";
  s.queue_number = 12;
  db::TodayVisit v;
  v.start_min = 10 * 60;
  v.end_min = 10 * 60 + 30;
  v.doctor = "Петрова А. С.";
  v.position = "врач-терапевт";
  v.room = "101";
  v.first_visit = first_visit;
  s.visits.push_back(v);
  v.start_min = 10 * 60 + 30;
  v.end_min = 11 * 60;
  v.doctor = "Фёдорова Т. Ю.";
  v.position = "врач ультразвуковой диагностики";
  v.room = "203";
  s.visits.push_back(v);
  s.also_desk = first_visit;
  s.desk = first_visit ? DeskMessage::FirstVisit : DeskMessage::None;
  return s;
}

struct Shot {
  const char* name;
  KioskScreen screen;
  ui::Language lang;
  std::function<void(KioskState&)> setup;
};

}  // namespace

int screenshot_all(ui::Shell& shell, KioskApp& app, const std::function<void()>& frame, const std::string& dir,
                   int frames) {
  std::filesystem::create_directories(dir);
  const Shot shots[] = {
      {"start", KioskScreen::Start, ui::Language::Ru, [](KioskState&) {}},
      {"start-en", KioskScreen::Start, ui::Language::En, [](KioskState&) {}},
      {"keypad", KioskScreen::PhoneEntry, ui::Language::Ru,
       [](KioskState& s) { s.phone = "9161234"; s.field = 0; }},
      {"policy", KioskScreen::PhoneEntry, ui::Language::Ru,
       [](KioskState& s) { s.by_policy = true; s.policy = "770312"; }},
      {"checked-in", KioskScreen::CheckedIn, ui::Language::Ru, [](KioskState& s) { s.shown = demo_patient(false); }},
      {"first-visit", KioskScreen::CheckedIn, ui::Language::Ru,
       [](KioskState& s) {
         s.shown = demo_patient(true);
         s.shown.printer_problem = "Принтер чеков: закончилась бумага";
       }},
      {"debt", KioskScreen::CheckedIn, ui::Language::Ru,
       [](KioskState& s) {
         s.shown = demo_patient(false);
         s.shown.also_desk = true;
         s.shown.desk = DeskMessage::Debt;
       }},
      {"too-late", KioskScreen::GoToDesk, ui::Language::Ru, [](KioskState& s) { s.shown.desk = DeskMessage::TooLate; }},
      {"not-found", KioskScreen::GoToDesk, ui::Language::Ru, [](KioskState& s) { s.shown.desk = DeskMessage::NotFound; }},
      {"admin-pin", KioskScreen::AdminPin, ui::Language::Ru, [](KioskState& s) { s.pin = "12"; }},
      {"unavailable", KioskScreen::Unavailable, ui::Language::Ru, [](KioskState&) {}},
  };
  for (bool portrait : {false, true}) {
    for (const Shot& shot : shots) {
      if (auto r = shell.set_size(portrait ? 1080 : 1920, portrait ? 1920 : 1080); !r) {
        std::fprintf(stderr, "registratura-kiosk: %s\n", r.error().c_str());
        return 1;
      }
      ui::set_language(shot.lang);
      KioskState& s = app.state();
      s.reset(0);
      shot.setup(s);
      s.screen = shot.screen;
      s.idle_reset_after = 1e9;  // a screenshot is not a walk-away
      std::string name = std::string("kiosk-") + shot.name + (portrait ? "-portrait" : "-landscape");
      std::string path = (std::filesystem::path(dir) / (name + ".png")).string();
      if (auto r = shell.render_to_png(frame, frames, path); !r) {
        std::fprintf(stderr, "registratura-kiosk: %s\n", r.error().c_str());
        return 1;
      }
      std::printf("%s\n", path.c_str());
    }
  }
  ui::set_language(ui::Language::Ru);
  return 0;
}

}  // namespace rg::kiosk
