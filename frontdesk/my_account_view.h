// «Мой пароль и PIN» in Settings, for everyone: the signed-in person changes their own password
// (the current one asked again) and their PIN (confirmed with the password).
#pragma once

#include <string>

#include "core_action.h"
#include "screen.h"

namespace rg::desk {

class MyAccountView {
 public:
  explicit MyAccountView(DeskContext& ctx) : ctx_(ctx) {}
  ~MyAccountView() { wipe(); }
  MyAccountView(const MyAccountView&) = delete;
  MyAccountView& operator=(const MyAccountView&) = delete;
  void draw();

 private:
  void wipe();

  DeskContext& ctx_;
  char current_[129] = {}, fresh_[129] = {}, again_[129] = {}, pin_password_[129] = {}, pin_[9] = {};
  ActionState action_;  // a change in flight, and its sentence
};

}  // namespace rg::desk
