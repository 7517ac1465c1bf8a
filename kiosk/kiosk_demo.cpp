// Each shot sets the state a patient would see and renders it at 1920×1080 and 1080×1920, in
// Russian and in English. The made-up patient's visits follow the kiosk's clock and the clinic's
// own doctors as the desk's schedule shows them (name, specialty, room, working hours), so a
// shot never shows a visit long past or a doctor the desk does not have.
#include "kiosk_demo.h"

#include <cstdio>
#include <filesystem>

#include "appointments.h"
#include "calendar.h"
#include "ui/i18n.h"

namespace rg::kiosk {
namespace {

bool works(const db::DoctorDay& d, int from, int to) {
  if (d.day_off) return false;
  bool in = false;
  for (const auto& w : d.work) in = in || (w.start_min <= from && to <= w.end_min);
  for (const auto& b : d.breaks) in = in && (to <= b.start_min || b.end_min <= from);
  return in;
}

// Two visits back to back, the first on the next half hour at least ten minutes away, each with
// a doctor of the day who works then (two specialties when the clinic has them).
std::vector<db::TodayVisit> demo_visits(db::Database& db, int now_min, Date today) {
  std::vector<db::TodayVisit> out;
  const int first = (now_min + 10 + 29) / 30 * 30;
  auto grid = db::load_day_grid(db, today);
  for (int k = 0; k < 2 && grid; ++k) {
    const int from = first + 30 * k;
    for (const auto& d : grid->doctors) {
      if (!works(d, from, from + 30) || (k == 1 && d.specialty == out[0].specialty)) continue;
      db::TodayVisit v;
      v.start_min = from;
      v.end_min = from + 30;
      v.doctor = d.short_name;
      v.specialty = d.specialty;
      v.room = d.room;
      out.push_back(v);
      break;
    }
    if (int(out.size()) != k + 1) break;
  }
  if (out.size() == 2) return out;
  // A clinic closed at this hour: the same made-up pair at the shifted time.
  out.clear();
  db::TodayVisit v;
  v.start_min = first, v.end_min = first + 30, v.doctor = "Петрова А. С.", v.specialty = "терапевт", v.room = "101";
  out.push_back(v);
  v.start_min = first + 30, v.end_min = first + 60, v.doctor = "Фёдорова Т. Ю.", v.specialty = "врач УЗИ", v.room = "203";
  out.push_back(v);
  return out;
}

struct Shot {
  const char* name;
  KioskScreen screen;
  std::function<void(KioskState&)> setup;
};

}  // namespace

int screenshot_all(ui::Shell& shell, KioskApp& app, db::Database& db, const std::function<void()>& frame,
                   const std::string& dir, int frames) {
  std::filesystem::create_directories(dir);
  const LocalTime now = to_local(db::now_unix());
  const std::vector<db::TodayVisit> visits = demo_visits(db, now.minutes, now.date);
  auto patient = [&](DeskMessage desk) {
    Shown s;
    s.masked_name = "Иванова А. П.";
    s.queue_number = 12;
    s.visits = visits;
    s.visits[0].first_visit = desk == DeskMessage::FirstVisit;
    s.also_desk = desk != DeskMessage::None;
    s.desk = desk;
    return s;
  };
  auto desk = [](DeskMessage m) { return [m](KioskState& s) { s.shown.desk = m; }; };
  const Shot shots[] = {
      {"start", KioskScreen::Start, [](KioskState&) {}},
      {"keypad", KioskScreen::PhoneEntry, [](KioskState& s) { s.phone = "9161234"; }},
      {"keypad-birth", KioskScreen::PhoneEntry,
       [](KioskState& s) { s.phone = "9161234567", s.birth = "1203", s.field = 1; }},
      {"keypad-ready", KioskScreen::PhoneEntry,
       [](KioskState& s) { s.phone = "9161234567", s.birth = "12031985", s.field = 1; }},
      {"policy", KioskScreen::PhoneEntry, [](KioskState& s) { s.by_policy = true, s.policy = "770312"; }},
      {"checked-in", KioskScreen::CheckedIn, [&](KioskState& s) { s.shown = patient(DeskMessage::None); }},
      {"already", KioskScreen::CheckedIn,
       [&](KioskState& s) { s.shown = patient(DeskMessage::None), s.shown.queue_number = 0; }},
      // Scanned again (a lost ticket): the same number, and the ticket once more on request.
      {"again", KioskScreen::CheckedIn, [&](KioskState& s) { s.shown = patient(DeskMessage::None), s.shown.again = true; }},
      {"first-visit", KioskScreen::CheckedIn,
       [&](KioskState& s) {
         s.shown = patient(DeskMessage::FirstVisit);
         s.shown.printer_problem = "Принтер чеков: закончилась бумага";
       }},
      {"debt", KioskScreen::CheckedIn, [&](KioskState& s) { s.shown = patient(DeskMessage::Debt); }},
      {"too-late", KioskScreen::GoToDesk, desk(DeskMessage::TooLate)},
      {"too-early", KioskScreen::GoToDesk,
       [&](KioskState& s) { s.shown.desk = DeskMessage::TooEarly, s.shown.opens_at_min = visits[0].start_min + 60; }},
      {"not-found", KioskScreen::GoToDesk, desk(DeskMessage::NotFound)},
      {"not-found-keypad", KioskScreen::GoToDesk,
       [](KioskState& s) { s.phone = "9161234567", s.birth = "12031986", s.shown.desk = DeskMessage::NotFound; }},
      {"policy-mistyped", KioskScreen::GoToDesk,
       [](KioskState& s) {
         s.by_policy = true, s.policy = "7703123456789012";
         s.shown.desk = DeskMessage::PolicyMistyped;
       }},
      {"unreadable", KioskScreen::GoToDesk, desk(DeskMessage::ScanUnreadable)},
      {"admin-pin", KioskScreen::AdminPin, [](KioskState& s) { s.pin = "12"; }},
      {"unavailable", KioskScreen::Unavailable, [](KioskState&) {}},
  };
  for (bool portrait : {false, true}) {
    // Once per orientation: offscreen, a new size is a new window and its textures.
    if (auto r = shell.set_size(portrait ? 1080 : 1920, portrait ? 1920 : 1080); !r) {
      std::fprintf(stderr, "registratura-kiosk: %s\n", r.error().c_str());
      return 1;
    }
    for (ui::Language lang : {ui::Language::Ru, ui::Language::En})
      for (const Shot& shot : shots) {
        ui::set_language(lang);
        KioskState& s = app.state();
        s.reset(0);
        shot.setup(s);
        s.screen = shot.screen;
        s.idle_reset_after = 1e9;  // a screenshot is not a walk-away
        std::string name = std::string("kiosk-") + shot.name + (lang == ui::Language::En ? "-en" : "") +
                           (portrait ? "-portrait" : "-landscape");
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
