#include "my_account_view.h"

#include "palette.h"

#include <imgui.h>
#include <sodium.h>

#include <cstring>

#include "dialog.h"
#include "sign_in.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {

constexpr float kField = 200.f;

}  // namespace

void MyAccountView::wipe() {
  for (char* b : {current_, fresh_, again_, pin_password_}) sodium_memzero(b, 129);
  sodium_memzero(pin_, sizeof pin_);
}

void MyAccountView::draw() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("My password and PIN"));
  ImGui::PopFont();
  ImGui::TextColored(kQuiet, "%s · %s", ctx_.user_name.c_str(), ctx_.user_role.c_str());
  if (!action_.error.empty()) ImGui::TextColored(kError, "%s", action_.error.c_str());
  if (!action_.notice.empty()) ImGui::TextColored(kGreen, "%s", action_.notice.c_str());
  ImGui::Spacing();
  if (!ctx_.user_id) return;
  const std::int64_t user = *ctx_.user_id;
  const ImGuiInputTextFlags secret = ImGuiInputTextFlags_Password;
  auto send = [this](std::function<Status(db::Database&)> op, const char* done) {
    run_action(ctx_.worker, action_, std::move(op), _(done));
  };
  ImGui::BeginDisabled(action_.busy);
  ImGui::TextUnformatted(_("Change the password"));
  form_label(_("Current password"), kField);
  ImGui::SetNextItemWidth(280);
  ImGui::InputText("##current", current_, sizeof current_, secret);
  form_label(_("New password"), kField);
  ImGui::SetNextItemWidth(280);
  ImGui::InputText("##fresh", fresh_, sizeof fresh_, secret);
  form_label(_("Once more"), kField);
  ImGui::SetNextItemWidth(280);
  ImGui::InputText("##again", again_, sizeof again_, secret);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + kField);
  if (primary_button(_("Change the password"), ImVec2(280, 40)) && !blank(fresh_)) {
    if (std::strcmp(fresh_, again_) != 0) {
      action_.error = _("The two passwords differ: type the same one twice.");
    } else {
      std::string old = current_, fresh = fresh_;
      wipe();
      send([user, old, fresh](db::Database& db) mutable {
             Status st = auth::change_password(db, user, old, fresh);
             sodium_memzero(old.data(), old.size());
             sodium_memzero(fresh.data(), fresh.size());
             return st;
           },
           N_("The password is changed."));
    }
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextUnformatted(_("PIN for unlocking the desk and for approvals"));
  form_label(_("Password"), kField);
  ImGui::SetNextItemWidth(280);
  ImGui::InputText("##pinpass", pin_password_, sizeof pin_password_, secret);
  form_label(_("New PIN"), kField);
  ImGui::SetNextItemWidth(120);
  ImGui::InputText("##pin", pin_, sizeof pin_, secret | ImGuiInputTextFlags_CharsDecimal);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + kField);
  if (ImGui::Button(_("Set the PIN"), ImVec2(280, 36)) && !blank(pin_)) {
    std::string password = pin_password_, pin = pin_;
    wipe();
    send([user, password, pin](db::Database& db) mutable {
           Status st = auth::change_pin(db, user, password, pin);
           sodium_memzero(password.data(), password.size());
           sodium_memzero(pin.data(), pin.size());
           return st;
         },
         N_("The PIN is set."));
  }
  ImGui::EndDisabled();
}

}  // namespace rg::desk
