// Secrets live in fixed buffers wiped with sodium_memzero as soon as a try is sent to the
// worker; what a person sees after a refusal is the sentence auth/ gives, never a code.
#include "sign_in_view.h"

#include "clinic.h"
#include "setup.h"

#include <imgui.h>
#include <sodium.h>

#include <cstring>

#include "dialog.h"
#include "text.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {

const ImVec4 kError(0.78f, 0.20f, 0.17f, 1.f);
constexpr float kCardWidth = 460.f;

}  // namespace

SignInView::SignInView(DeskContext& ctx, std::string place) : ctx_(ctx), place_(std::move(place)) {}

void SignInView::wipe() {
  sodium_memzero(secret_, sizeof secret_);
  sodium_memzero(secret2_, sizeof secret2_);
}

void SignInView::show_sign_in() {
  mode_ = Mode::SignIn;
  error_.clear();
  wipe();
  std::memset(login_, 0, sizeof login_);
  focus_ = true;
  const std::string place = place_;
  ctx_.worker.submit([this, place](db::Database& db) -> db::Worker::Continuation {
    auto shared = db::get_setting(db, db::shared_place_key(place));
    auto recent = db::recent_at_place(db, place, db::now_unix() - 14 * 86400);
    auto empty = db::no_accounts(db);
    auto clinic = db::load_clinic(db);
    return [this, shared = shared && *shared && **shared == "1", recent = std::move(recent),
            first = empty && *empty, name = clinic ? clinic->name : std::string()]() {
      shared_ = shared;
      recent_ = recent ? *recent : std::vector<db::RecentPerson>{};
      if (first) {
        mode_ = Mode::FirstRun;
        std::snprintf(clinic_, sizeof clinic_, "%s", name.c_str());
        focus_ = true;
      }
    };
  });
}

void SignInView::show_locked(std::int64_t user_id, const std::string& name) {
  mode_ = Mode::Locked;
  locked_user_ = user_id;
  locked_name_ = name;
  error_.clear();
  wipe();
  focus_ = true;
}

void SignInView::prepare_refused_shot() {
  std::snprintf(login_, sizeof login_, "%s", "admin");
  error_ = _("Wrong login or password.");
}

void SignInView::finish(const Result<auth::Outcome>& r, bool unlocking) {
  busy_ = false;
  if (!r) {
    error_ = r.error().message;
    return;
  }
  if (r->verdict != auth::Verdict::Accepted || !r->who) {
    error_ = r->message;
    focus_ = true;
    return;
  }
  error_.clear();
  if (r->who->must_change_password && !unlocking) {
    pending_ = r->who;
    mode_ = Mode::NewPassword;
    focus_ = true;
    return;
  }
  old_password_.clear();
  if (on_accepted) on_accepted(*r->who, unlocking);
}

void SignInView::submit_first_run() {
  if (busy_) return;
  if (blank(clinic_) || blank(full_name_) || blank(login_)) {
    error_ = _("Fill in the clinic's name, your full name and a login.");
    return;
  }
  if (std::strcmp(secret_, secret2_) != 0) {
    error_ = _("The two passwords differ: type the same one twice.");
    wipe();
    return;
  }
  if (auto problem = auth::password_problem(secret_, login_); !problem.empty()) {
    error_ = problem;
    wipe();
    return;
  }
  busy_ = true;
  db::StaffDraft d;
  d.login = login_, d.full_name = full_name_, d.position = _("Manager");
  d.roles = {db::Role::Manager, db::Role::Sysadmin};
  std::string clinic = clinic_, password = secret_, place = place_;
  wipe();
  ctx_.worker.submit([this, d, clinic, password, place](db::Database& db) mutable -> db::Worker::Continuation {
    auto made = auth::create_first_manager(db, clinic, d, password);
    Result<auth::Outcome> r = made ? auth::sign_in(db, place, d.login, password, db::now_unix())
                                   : Result<auth::Outcome>(std::unexpected(made.error()));
    sodium_memzero(password.data(), password.size());
    return [this, r = std::move(r)]() {
      if (r) mode_ = Mode::SignIn;
      finish(r, false);
    };
  });
}

void SignInView::submit_password() {
  if (busy_ || blank(login_) || blank(secret_)) return;
  busy_ = true;
  std::string login = login_, password = secret_, place = place_;
  old_password_ = password;
  wipe();
  ctx_.worker.submit([this, login, password, place](db::Database& db) mutable -> db::Worker::Continuation {
    auto r = auth::sign_in(db, place, login, password, db::now_unix());
    sodium_memzero(password.data(), password.size());
    return [this, r = std::move(r)]() { finish(r, false); };
  });
}

void SignInView::submit_pin() {
  if (busy_ || blank(secret_)) return;
  busy_ = true;
  std::string pin = secret_, place = place_;
  const std::int64_t user = pin_user_;
  wipe();
  ctx_.worker.submit([this, pin, place, user](db::Database& db) mutable -> db::Worker::Continuation {
    auto r = auth::sign_in_pin(db, place, user, pin, db::now_unix());
    sodium_memzero(pin.data(), pin.size());
    return [this, r = std::move(r)]() { finish(r, false); };
  });
}

void SignInView::submit_unlock() {
  if (busy_ || blank(secret_)) return;
  busy_ = true;
  std::string secret = secret_, place = place_;
  const std::int64_t user = locked_user_;
  wipe();
  ctx_.worker.submit([this, secret, place, user](db::Database& db) mutable -> db::Worker::Continuation {
    auto r = auth::unlock(db, place, user, secret, db::now_unix());
    sodium_memzero(secret.data(), secret.size());
    return [this, r = std::move(r)]() { finish(r, true); };
  });
}

void SignInView::submit_new_password() {
  if (busy_ || !pending_) return;
  if (std::strcmp(secret_, secret2_) != 0) {
    error_ = _("The two passwords differ: type the same one twice.");
    wipe();
    return;
  }
  if (auto problem = auth::password_problem(secret_, pending_->login); !problem.empty()) {
    error_ = problem;
    wipe();
    return;
  }
  busy_ = true;
  std::string fresh = secret_, old = old_password_;
  const std::int64_t user = pending_->user_id;
  wipe();
  ctx_.worker.submit([this, fresh, old, user](db::Database& db) mutable -> db::Worker::Continuation {
    Status st = auth::change_password(db, user, old, fresh);
    sodium_memzero(fresh.data(), fresh.size());
    sodium_memzero(old.data(), old.size());
    return [this, st]() {
      busy_ = false;
      if (!st) {
        error_ = st.error().message;
        return;
      }
      old_password_.clear();
      auto who = *pending_;
      pending_.reset();
      who.must_change_password = false;
      if (on_accepted) on_accepted(who, false);
    };
  });
}

void SignInView::draw_card_header(const char* heading) {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(heading);
  ImGui::PopFont();
  ImGui::Spacing();
}

void SignInView::draw() {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool tiles = mode_ == Mode::SignIn && shared_ && !recent_.empty();
  const float width = tiles ? kCardWidth * 2 + 40 : kCardWidth;
  // A white card as tall as what it holds: the content is drawn first (channel 1), the card
  // under it once its size is known (channel 0).
  const ImVec2 pad(28, 24);
  ImGui::SetCursorPos(ImVec2(std::max(20.f, (avail.x - width) / 2) + pad.x, std::max(20.f, avail.y * 0.16f) + pad.y));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  ImGui::BeginGroup();
  const float field_x = 130.f, field_w = kCardWidth - field_x - 60;
  auto field = [&](const char* label, const char* id, char* buf, size_t size, ImGuiInputTextFlags flags) {
    form_label(label, field_x);
    ImGui::SetNextItemWidth(field_w);
    if (focus_) ImGui::SetKeyboardFocusHere(), focus_ = false;
    return ImGui::InputText(id, buf, size, flags | ImGuiInputTextFlags_EnterReturnsTrue);
  };
  const ImGuiInputTextFlags secret = ImGuiInputTextFlags_Password;

  if (tiles) {
    // Left: the people who work at this desk — a tap, then the PIN.
    ImGui::BeginGroup();
    draw_card_header(_("Who is working?"));
    ImGui::TextDisabled("%s", _("Tap your name and type your PIN."));
    ImGui::Spacing();
    for (const auto& p : recent_) {
      ImGui::PushID(static_cast<int>(p.user_id));
      const bool chosen = mode_ == Mode::Pin && pin_user_ == p.user_id;
      if (ImGui::Selectable(p.full_name.c_str(), chosen, 0, ImVec2(kCardWidth - 40, 40))) {
        mode_ = Mode::Pin;
        pin_user_ = p.user_id;
        pin_name_ = p.full_name;
        error_.clear();
        focus_ = true;
      }
      ImGui::PopID();
    }
    ImGui::EndGroup();
    ImGui::SameLine(kCardWidth + 20);
  }
  ImGui::BeginGroup();
  switch (mode_) {
    case Mode::SignIn: {
      draw_card_header(_("Sign in"));
      if (field(_("Login"), "##login", login_, sizeof login_, ImGuiInputTextFlags_CharsNoBlank)) focus_ = true;
      if (field(_("Password"), "##password", secret_, sizeof secret_, secret)) submit_password();
      break;
    }
    case Mode::Pin: {
      draw_card_header(pin_name_.c_str());
      if (field(_("PIN"), "##pin", secret_, 9, secret | ImGuiInputTextFlags_CharsDecimal)) submit_pin();
      break;
    }
    case Mode::Locked: {
      draw_card_header(_("The desk is locked"));
      ImGui::TextWrapped(_("%s is signed in. Type your PIN or password to go on."), locked_name_.c_str());
      ImGui::Spacing();
      if (field(_("PIN or password"), "##unlock", secret_, sizeof secret_, secret)) submit_unlock();
      break;
    }
    case Mode::FirstRun: {
      draw_card_header(_("A new clinic"));
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + kCardWidth - 60);
      ImGui::TextWrapped("%s", _("The database has no accounts yet. Make the manager's account: the manager then "
                                 "sets up the clinic and adds the other employees."));
      ImGui::PopTextWrapPos();
      ImGui::Spacing();
      if (field(_("Clinic"), "##clinic", clinic_, sizeof clinic_, 0)) focus_ = true;
      if (field(_("Full name"), "##full-name", full_name_, sizeof full_name_, 0)) focus_ = true;
      if (field(_("Login"), "##login", login_, sizeof login_, ImGuiInputTextFlags_CharsNoBlank)) focus_ = true;
      if (field(_("Password"), "##new1", secret_, sizeof secret_, secret)) focus_ = true;
      if (field(_("Once more"), "##new2", secret2_, sizeof secret2_, secret)) submit_first_run();
      break;
    }
    case Mode::NewPassword: {
      draw_card_header(_("Choose a new password"));
      ImGui::TextWrapped("%s", _("Your password was reset. Choose your own: at least 8 characters, not your login."));
      ImGui::Spacing();
      if (field(_("New password"), "##new1", secret_, sizeof secret_, secret)) focus_ = true;
      if (field(_("Once more"), "##new2", secret2_, sizeof secret2_, secret)) submit_new_password();
      break;
    }
  }
  ImGui::Spacing();
  if (!error_.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + kCardWidth - 60);
    ImGui::TextColored(kError, "%s", error_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
  }
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + field_x);
  const char* action = mode_ == Mode::Locked        ? _("Unlock")
                       : mode_ == Mode::NewPassword ? _("Save and sign in")
                       : mode_ == Mode::FirstRun    ? _("Make the account and sign in")
                                                    : _("Sign in");
  ImGui::BeginDisabled(busy_);
  if (primary_button(busy_ ? _("Checking…") : action, ImVec2(field_w, 44))) {
    if (mode_ == Mode::SignIn) submit_password();
    else if (mode_ == Mode::Pin) submit_pin();
    else if (mode_ == Mode::Locked) submit_unlock();
    else if (mode_ == Mode::FirstRun) submit_first_run();
    else submit_new_password();
  }
  ImGui::EndDisabled();
  if (mode_ == Mode::Locked || mode_ == Mode::Pin) {
    ImGui::Spacing();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + field_x);
    if (ImGui::Button(mode_ == Mode::Locked ? _("Another person signs in") : _("Sign in with a login"),
                      ImVec2(field_w, 36)))
      show_sign_in();
  }
  ImGui::EndGroup();
  ImGui::Spacing();
  const std::string_view desk = std::string_view(place_).starts_with("desk:") ? place_.substr(5) : place_;
  ImGui::TextDisabled(_("Workplace: %.*s"), static_cast<int>(desk.size()), desk.data());
  ImGui::EndGroup();
  ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  lo.x -= pad.x, lo.y -= pad.y;
  hi.x = lo.x + width, hi.y += pad.y;
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(lo, hi, IM_COL32(255, 255, 255, 255), 10.f);
  draw->AddRect(lo, hi, IM_COL32(200, 206, 214, 255), 10.f);
  draw->ChannelsMerge();
}

}  // namespace rg::desk
