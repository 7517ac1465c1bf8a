// Secrets typed here (a first or reset password, a PIN) are hashed on the worker and wiped from
// the form at once; the list never shows them, only whether they are set.
#include "staff_view.h"

#include "palette.h"

#include <imgui.h>
#include <sodium.h>

#include <cstdio>
#include <cstring>

#include "calendar.h"
#include "dialog.h"
#include "pin.h"
#include "sign_in.h"
#include "text.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {

constexpr float kField = 150.f;

std::string roles_text(const std::vector<db::Role>& roles) {
  std::string out;
  for (db::Role r : roles) out += (out.empty() ? "" : ", ") + db::role_title(r);
  return out;
}

}  // namespace

void StaffView::load() {
  if (loading_) return;
  loading_ = true;
  ctx_.worker.submit([this](db::Database& db) -> db::Worker::Continuation {
    auto staff = db::list_staff(db);
    auto doctors = db::list_doctors(db);
    return [this, staff = std::move(staff), doctors = std::move(doctors)]() {
      loading_ = false;
      if (!staff) {
        action_.error = staff.error().message;
        return;
      }
      staff_ = *staff;
      if (doctors) doctors_ = *doctors;
    };
  });
}

void StaffView::wipe_secrets() {
  if (!form_) return;
  sodium_memzero(form_->password, sizeof form_->password);
  sodium_memzero(form_->pin, sizeof form_->pin);
}

void StaffView::edit(const db::StaffMember* m) {
  wipe_secrets();
  form_.emplace();
  action_.error.clear();
  action_.notice.clear();
  if (!m) return;
  form_->id = m->id;
  std::snprintf(form_->login, sizeof form_->login, "%s", m->login.c_str());
  std::snprintf(form_->full_name, sizeof form_->full_name, "%s", m->full_name.c_str());
  std::snprintf(form_->position, sizeof form_->position, "%s", m->position.c_str());
  for (size_t i = 0; i < std::size(db::kRoles); ++i)
    form_->roles[i] = std::find(m->roles.begin(), m->roles.end(), db::kRoles[i]) != m->roles.end();
  form_->doctor_id = m->doctor_id;
}

db::StaffDraft StaffView::draft() const {
  db::StaffDraft d;
  d.login = form_->login;
  d.full_name = form_->full_name;
  d.position = form_->position;
  for (size_t i = 0; i < std::size(db::kRoles); ++i)
    if (form_->roles[i]) d.roles.push_back(db::kRoles[i]);
  const bool doctor = std::find(d.roles.begin(), d.roles.end(), db::Role::Doctor) != d.roles.end();
  if (doctor) d.doctor_id = form_->doctor_id;
  return d;
}

// One core operation; the list reloads after it.
void StaffView::run(std::function<Status(db::Database&)> op, std::string done) {
  run_action(ctx_.worker, action_, std::move(op), std::move(done), [this] { load(); });
}

void StaffView::prepare_shot() {
  for (const auto& m : staff_)
    if (m.login == "admin2") edit(&m);
}

void StaffView::draw_list(float width) {
  ImGui::BeginChild("staff-list", ImVec2(width, 0), false);
  if (primary_button(_("New employee…"), ImVec2(220, 36))) edit(nullptr);
  ImGui::Spacing();
  if (ImGui::BeginTable("staff", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(_("Employee"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(_("Roles"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn(_("Sign-in"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableHeadersRow();
    for (const auto& m : staff_) {
      ImGui::PushID(static_cast<int>(m.id));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool chosen = form_ && form_->id == m.id;
      if (m.blocked()) ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
      if (ImGui::Selectable(m.full_name.c_str(), chosen, ImGuiSelectableFlags_SpanAllColumns)) edit(&m);
      ImGui::TextColored(kQuiet, "%s%s%s", m.login.c_str(), m.position.empty() ? "" : " · ", m.position.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", roles_text(m.roles).c_str());
      ImGui::TableNextColumn();
      if (m.blocked()) {
        ImGui::TextColored(kError, "%s", _("blocked"));
        if (!m.blocked_reason.empty()) ImGui::TextWrapped("%s", m.blocked_reason.c_str());
      } else {
        ImGui::TextUnformatted(m.has_password ? _("password") : _("no password"));
        if (m.has_pin) ImGui::TextColored(kQuiet, "%s", _("PIN set"));
        if (m.must_change_password) ImGui::TextColored(kQuiet, "%s", _("changes it at sign-in"));
      }
      if (m.blocked()) ImGui::PopStyleColor();
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
}

void StaffView::draw_form() {
  Form& f = *form_;
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(f.id ? f.full_name : _("New employee"));
  ImGui::PopFont();
  ImGui::Spacing();
  form_label(_("Full name"), kField);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##name", f.full_name, sizeof f.full_name);
  form_label(_("Position"), kField);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##position", _("as printed on receipts, e.g. Administrator"), f.position, sizeof f.position);
  form_label(_("Login"), kField);
  ImGui::SetNextItemWidth(240);
  ImGui::InputText("##login", f.login, sizeof f.login, ImGuiInputTextFlags_CharsNoBlank);
  form_label(_("Roles"), kField);
  if (ImGui::BeginTable("roles", 2, ImGuiTableFlags_SizingStretchSame)) {
    for (size_t i = 0; i < std::size(db::kRoles); ++i) {
      ImGui::TableNextColumn();
      ImGui::Checkbox(db::role_title(db::kRoles[i]).c_str(), &f.roles[i]);
    }
    ImGui::EndTable();
  }
  const bool doctor = f.roles[static_cast<size_t>(db::Role::Doctor)];
  if (doctor) {
    form_label(_("Doctor's record"), kField);
    std::string shown = _("choose the doctor");
    for (const auto& d : doctors_)
      if (f.doctor_id == d.id) shown = full_name(d.surname, d.name, d.patronymic);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##doctor", shown.c_str())) {
      for (const auto& d : doctors_)
        if (ImGui::Selectable(full_name(d.surname, d.name, d.patronymic).c_str(), f.doctor_id == d.id))
          f.doctor_id = d.id;
      ImGui::EndCombo();
    }
  }
  ImGui::Spacing();
  const db::StaffDraft d = draft();
  const db::Actor actor = ctx_.actor();
  ImGui::BeginDisabled(action_.busy);
  if (!f.id) {
    form_label(_("First password"), kField);
    ImGui::SetNextItemWidth(240);
    ImGui::InputText("##password", f.password, sizeof f.password, ImGuiInputTextFlags_Password);
    ImGui::SameLine();
    ImGui::TextColored(kQuiet, "%s", _("the person changes it at the first sign-in"));
    ImGui::Spacing();
    if (primary_button(_("Create the account"), ImVec2(260, 40))) {
      std::string password = f.password;
      wipe_secrets();
      run([d, password, actor](db::Database& db) mutable {
            auto id = auth::create_account(db, d, password, actor);
            sodium_memzero(password.data(), password.size());
            return id ? Status{} : Status(std::unexpected(id.error()));
          },
          format_text(_("The account of %s is created."), d.full_name.c_str()));
    }
    ImGui::EndDisabled();
    return;
  }
  const std::int64_t id = *f.id;
  if (primary_button(_("Save"), ImVec2(200, 40)))
    run([id, d, actor](db::Database& db) { return db::update_staff(db, id, d, actor); }, _("Saved."));
  ImGui::Separator();
  // A new password the person must change, a PIN, blocking.
  form_label(_("New password"), kField);
  ImGui::SetNextItemWidth(200);
  ImGui::InputText("##password", f.password, sizeof f.password, ImGuiInputTextFlags_Password);
  ImGui::SameLine();
  if (ImGui::Button(_("Reset the password")) && !blank(f.password)) {
    std::string password = f.password;
    wipe_secrets();
    run([id, password, actor](db::Database& db) mutable {
          Status st = auth::reset_password(db, id, password, actor);
          sodium_memzero(password.data(), password.size());
          return st;
        },
        _("The password is reset: the person chooses a new one at the next sign-in."));
  }
  form_label(_("PIN"), kField);
  ImGui::SetNextItemWidth(120);
  ImGui::InputText("##pin", f.pin, sizeof f.pin, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal);
  ImGui::SameLine();
  if (ImGui::Button(_("Set the PIN")) && !blank(f.pin)) {
    std::string pin = f.pin;
    wipe_secrets();
    run([id, pin, actor](db::Database& db) mutable -> Status {
          auto hash = codes::hash_pin(pin);
          sodium_memzero(pin.data(), pin.size());
          if (!hash) return fail(ErrorCode::Invalid, _("A PIN is 4 to 8 digits."));
          return db::set_pin_hash(db, id, *hash, actor);
        },
        _("The PIN is set."));
  }
  ImGui::Separator();
  const db::StaffMember* m = nullptr;
  for (const auto& s : staff_)
    if (s.id == id) m = &s;
  if (m && m->blocked()) {
    ImGui::TextColored(kError, _("Blocked on %s: %s"), to_local(*m->blocked_at).date.ru().c_str(),
                       m->blocked_reason.c_str());
    if (ImGui::Button(_("Unblock"), ImVec2(200, 36)))
      run([id, actor](db::Database& db) { return db::unblock_staff(db, id, actor); }, _("The account is unblocked."));
  } else {
    ImGui::TextUnformatted(_("Block the account"));
    reason_input("block", f.reason, sizeof f.reason, {N_("Left the clinic"), N_("On leave"), N_("Lost the password")},
                 _("why"), ImGui::GetContentRegionAvail().x - 160);
    ImGui::SameLine();
    if (ImGui::Button(_("Block"), ImVec2(140, 0)) && !blank(f.reason)) {
      const std::string reason = f.reason;
      run([id, reason, actor](db::Database& db) { return db::block_staff(db, id, reason, actor); },
          _("The account is blocked: the person cannot sign in."));
    }
  }
  ImGui::EndDisabled();
}

void StaffView::draw() {
  if (staff_.empty() && !loading_ && action_.error.empty()) load();
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Employees"));
  ImGui::PopFont();
  if (!action_.error.empty()) ImGui::TextColored(kError, "%s", action_.error.c_str());
  if (!action_.notice.empty()) ImGui::TextColored(kGreen, "%s", action_.notice.c_str());
  const float width = ImGui::GetContentRegionAvail().x;
  draw_list(form_ ? width * 0.38f : width);
  if (form_) {
    ImGui::SameLine();
    ImGui::BeginChild("staff-form", ImVec2(0, 0), true);
    draw_form();
    ImGui::EndChild();
  }
}

}  // namespace rg::desk
