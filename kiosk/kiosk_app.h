// The lobby kiosk application: draws the screen CheckinFlow's state names, full screen, and
// feeds it the scanner's input and the patient's touches.
#pragma once

#include <string>

#include "checkin_flow.h"
#include "clinic.h"
#include "worker.h"
#include "kiosk_settings.h"
#include "kiosk_state.h"
#include "ui/shell.h"

namespace rg::kiosk {

class KioskApp {
 public:
  KioskApp(ui::Shell& shell, db::Clinic clinic, KioskSettings settings, CheckinFlow& flow);
  // F2 scans the card of the next patient due (the demo's simulated scanner); off in the lobby.
  void enable_demo_scan(db::Worker& worker) { demo_worker_ = &worker; }
  void frame();
  KioskState& state() { return flow_.state(); }
  CheckinFlow& flow() { return flow_; }

 private:
  void read_scanner(double now);
  void draw_start(float w, float h);
  void draw_keypad(float w, float h);
  void draw_admin_pin(float w, float h);
  // The digit pad both keypad screens use; the last key submits or moves on.
  void draw_keys(ImVec2 pad, ImVec2 key, float gap, const char* last_label, bool last_enabled);
  // Where the desk is, in the current language; "" when the clinic has not said it in it.
  std::string desk_location() const;
  void draw_checking(float w, float h);
  void draw_checked_in(float w, float h);
  void draw_go_to_desk(float w, float h);
  void draw_language_toggle(float x, float y);
  void draw_countdown(float x, float y, float width = 0);  // width: wrap there (0: one line)

  ui::Shell& shell_;
  db::Clinic clinic_;
  KioskSettings settings_;
  CheckinFlow& flow_;
  std::string scan_buffer_;  // a keyboard-wedge scanner types its payload and Enter
  db::Worker* demo_worker_ = nullptr;
  int secret_taps_ = 0;  // taps on the clinic's name: five within four seconds open the PIN pad
  double first_tap_ = 0;
};

// Centred text, wrapped to `width`, in the current font; each line centred on its own.
void centred_text(const char* text, float width, ImU32 color);
// Centred on x = `centre` of the window instead of the window's middle.
void centred_text_at(const char* text, float centre, float width, ImU32 color);

// A big action button. One that cannot be pressed yet looks it — grey, a dashed edge, no blue —
// instead of a paler blue that still reads as a button; the screen says why beside it.
bool kiosk_button(const char* label, const ImVec2& size, bool enabled = true);
// The other choice beside a solid blue one (a tab not chosen, the way out): white, outlined in
// blue — never grey, which means «cannot be pressed yet».
bool kiosk_outlined_button(const char* label, const ImVec2& size);

}  // namespace rg::kiosk
