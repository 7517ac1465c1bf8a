// The desk before anyone works at it, and when it is locked: sign in with a login and password
// (or, on a desk the clinic marks as shared, a tap on one's name and a PIN); unlock with the same
// person's PIN or password, or let another person sign in; choose a new password when the manager
// reset it. Not a Screen: it fills the window under the top bar and has no navigation.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "screen.h"
#include "sessions.h"
#include "sign_in.h"

namespace rg::desk {

class SignInView {
 public:
  // `place`: this desk ("desk:reg-1").
  SignInView(DeskContext& ctx, std::string place);

  // The sign-in form (loads whether the desk is shared and who signed in here lately).
  void show_sign_in();
  // The lock: `user_id` unlocks with their PIN or password; anyone else may sign in instead.
  void show_locked(std::int64_t user_id, const std::string& name);
  bool locked() const { return mode_ == Mode::Locked; }
  bool busy() const { return busy_; }
  void draw();

  // Accepted: a new person (session started) or the same one unlocking (`unlocked`).
  std::function<void(const auth::SignedIn& who, bool unlocked)> on_accepted;

  // Screenshots: a refused try as the desk shows it.
  void prepare_refused_shot();
  bool first_run() const { return mode_ == Mode::FirstRun; }

 private:
  // FirstRun: a clinic without any account — its name and the first manager's account.
  enum class Mode { SignIn, Pin, Locked, NewPassword, FirstRun };
  void submit_password();
  void submit_pin();
  void submit_unlock();
  void submit_new_password();
  void submit_first_run();
  void finish(const Result<auth::Outcome>& r, bool unlocking);
  void draw_card_header(const char* heading);
  void wipe();

  DeskContext& ctx_;
  std::string place_;
  Mode mode_ = Mode::SignIn;
  bool busy_ = false, shared_ = false;
  std::vector<db::RecentPerson> recent_;
  std::int64_t pin_user_ = 0, locked_user_ = 0;
  std::string pin_name_, locked_name_, error_;
  std::optional<auth::SignedIn> pending_;  // signed in, choosing a new password first
  char login_[65] = {}, secret_[129] = {}, secret2_[129] = {};
  char clinic_[201] = {}, full_name_[201] = {};  // the first run
  std::string old_password_;  // kept only until the new one is stored
  bool focus_ = true;
};

}  // namespace rg::desk
