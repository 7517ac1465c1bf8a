// The front desk's frame: top bar, navigation, the current screen, and noticing other desks.
#pragma once

#include <cstdint>
#include <deque>
#include <imgui.h>
#include <memory>
#include <string>
#include <vector>

#include "backup.h"
#include "cash_service.h"
#include "checkin.h"
#include "clinic.h"
#include "screen.h"
#include "idle_lock.h"
#include "sign_in_view.h"
#include "ui/shell.h"
#include "worker.h"

namespace rg::desk {

class DeskApp {
 public:
  // `db` is the UI thread's own connection, used only to notice other processes' commits.
  // `cash` is the till's registrar thread (none: the cash desk says no registrar is set up).
  // `place`: this desk's name in sessions, limits and the audit ("desk:reg-1").
  DeskApp(ui::Shell& shell, db::Database& db, const std::string& db_path, db::Clinic clinic, std::string place,
          std::unique_ptr<CashService> cash = nullptr);
  ~DeskApp();

  void frame();
  bool show(const std::string& screen_id);
  Screen* current() { return screens_.empty() ? nullptr : screens_[current_].get(); }
  Screen* find(const std::string& screen_id);
  const std::vector<std::unique_ptr<Screen>>& screens() const { return screens_; }
  bool idle() const;
  // The print service the screens may use (queues, routing); owned by the documents' output.
  void set_printing(cups::PrintService* printing) { ctx_.printing = printing; }
  void set_document_output(std::unique_ptr<DocumentOutput> output);

  // Signed in with screens to work on (not locked, not between two people).
  bool working() const { return !screens_.empty() && !retiring_ && !locked_; }
  // Screenshots only: signs `login` in without a password (no session is recorded).
  void sign_in_for_screenshots(const std::string& login);
  // «Заблокировать»: the screens stay, hidden, until the same person's PIN or another sign-in.
  void lock();
  // «Сменить пользователя»: the session ends; the screens and their open dialogs are discarded
  // once nothing is running for them, and the sign-in form shows.
  void switch_user();
  SignInView& sign_in_view() { return *sign_in_; }
  // The screen a person starts on when they may open it (--screen), instead of their role's.
  void prefer_screen(std::string id) { preferred_screen_ = std::move(id); }
  void set_devices(DeskDevices* devices) { ctx_.devices = devices; }

  // Shows a desk event (a kiosk arrival, a patient sent to the desk, a printer alarm) as a
  // notification at the bottom right, over whatever screen is open. `demo` ones (screenshots)
  // go when another screen is shown.
  void notify(const db::DeskEvent& event, bool demo = false);
  // A scan from any of the desk's scanners: the current screen's, or the patient card it names.
  void on_scan(const drivers::hid::Scan& scan);

 private:
  struct Toast {
    db::DeskEvent event;
    double born = -1;  // ImGui time of the first frame it was drawn
    bool demo = false;
  };
  void begin(const auth::SignedIn& who);
  // Who signed in, as read on the worker: their account, what they may do, and whether the clinic
  // still needs setting up by them (the first-steps screen leads then).
  struct Arrival {
    auth::SignedIn who;
    db::StaffMember member;
    std::vector<db::Permission> permissions;
    bool setup = false;
  };
  void install(Arrival a);
  void end_session(db::SessionEnd how);
  void retire_screens();
  void watch_idle(double now);
  void check_backups();
  size_t start_screen() const;
  void draw_top_bar(float height);
  void draw_phone(float right);
  void draw_navigation(float top, float width);
  void fetch_events();
  void draw_toasts();

  ui::Shell& shell_;
  db::Database& ui_db_;
  db::ChangeWatch watch_;
  db::Worker worker_;
  DeskContext ctx_;
  std::unique_ptr<DocumentOutput> output_;  // before screens_: they print through it
  std::unique_ptr<SignInView> sign_in_;
  std::vector<std::unique_ptr<Screen>> screens_;
  size_t current_ = 0;
  std::string preferred_screen_;
  // Sessions: the one going on, the lock, and the hand-over between two people (the old screens
  // go only when no job of theirs is running; the next person's wait meanwhile).
  std::int64_t session_id_ = 0;
  bool locked_ = false, retiring_ = false;
  int quiet_frames_ = 0;
  std::optional<Arrival> next_;
  IdleLock idle_lock_;  // desk.lock_after_min
  // The daily copy (whichever desk claims it takes it) and the warning for who runs the clinic.
  double next_backup_check_ = 0;
  bool backup_checking_ = false;
  std::optional<db::BackupStatus> backup_;
  ImVec2 last_mouse_{-1, -1};
  double next_poll_ = 0;
  // Desk events: the last one seen (older ones never pop up), and the notifications on screen.
  std::int64_t last_event_ = 0;
  bool events_loading_ = false, events_again_ = false;
  std::deque<Toast> toasts_;
  std::int64_t local_events_ = 0;  // ids (negative) of the desk's own notifications
  std::unique_ptr<CashService> cash_;  // after screens_: its thread stops before they go
};

}  // namespace rg::desk
