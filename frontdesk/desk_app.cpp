// Layout of the desk: a bar with the clinic, the date and who is working; the sections on the
// left with F1…F8; the chosen screen filling the rest.
#include "desk_app.h"

#include <SDL_scancode.h>
#include <imgui.h>

#include <ctime>

#include "calendar.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {

constexpr ImGuiWindowFlags kPane = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;

}  // namespace

DeskApp::DeskApp(ui::Shell& shell, db::Database& db, const std::string& db_path, db::Clinic clinic)
    : shell_(shell),
      watch_(db),
      worker_(db_path, [&shell](db::Worker::Continuation c) { shell.tasks().post(std::move(c)); }),
      ctx_{shell, worker_, std::move(clinic), "", "", std::nullopt} {
  // Who is at the desk: sign-in comes with the users' settings; until then the first administrator.
  if (auto st = db.prepare("SELECT full_name, id FROM users WHERE role = 'admin' AND active = 1 ORDER BY id LIMIT 1"))
    if (auto row = st->step(); row && *row) {
      ctx_.user_name = masked_full_name(st->col_view(0));
      ctx_.user_id = st->col_int(1);
    }
  screens_ = make_screens(ctx_);
  screens_[current_]->on_show();
}

DeskApp::~DeskApp() = default;

Screen* DeskApp::find(const std::string& screen_id) {
  for (auto& s : screens_)
    if (screen_id == s->id()) return s.get();
  return nullptr;
}

bool DeskApp::show(const std::string& screen_id) {
  for (size_t i = 0; i < screens_.size(); ++i) {
    if (screen_id == screens_[i]->id()) {
      current_ = i;
      screens_[i]->on_show();
      return true;
    }
  }
  return false;
}

void DeskApp::draw_top_bar(float height) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.13f, 0.27f, 0.53f, 1));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
  ImGui::Begin("##topbar", nullptr, kPane);
  ImGui::SetCursorPosY((height - ImGui::GetTextLineHeight()) / 2);
  ImGui::PushFont(shell_.bold_font());
  const std::string& clinic = ctx_.clinic.short_name.empty() ? ctx_.clinic.name : ctx_.clinic.short_name;
  ImGui::TextUnformatted(clinic.c_str());
  ImGui::PopFont();
  ImGui::SameLine(0, 24);
  std::time_t t = std::time(nullptr);
  LocalTime now = to_local(std::int64_t(t));
  std::string when = ui::weekday_name(now.date.iso_weekday()) + ", " +
                     ui::long_date(now.date.year(), now.date.month(), now.date.day()) + ", " + hhmm(now.minutes);
  ImGui::TextUnformatted(when.c_str());
  std::string who = ctx_.user_name.empty() ? std::string() : ctx_.user_name + " · " + _("administrator");
  float w = ImGui::CalcTextSize(who.c_str()).x;
  ImGui::SameLine(ImGui::GetWindowWidth() - w - 16);
  ImGui::TextUnformatted(who.c_str());
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

void DeskApp::draw_navigation(float top, float width) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + top));
  ImGui::SetNextWindowSize(ImVec2(width, vp->Size.y - top));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.925f, 0.937f, 0.953f, 1));
  ImGui::Begin("##nav", nullptr, kPane);
  ImGui::Spacing();
  for (size_t i = 0; i < screens_.size(); ++i) {
    std::string label = screens_[i]->title();
    bool active = i == current_;
    ImGui::PushID(int(i));
    if (active) ImGui::PushFont(shell_.bold_font());
    if (ImGui::Selectable(label.c_str(), active, 0, ImVec2(0, 30))) show(screens_[i]->id());
    if (active) ImGui::PopFont();
    // F1…F8 next to the name, right-aligned and quiet.
    char key[24];
    std::snprintf(key, sizeof key, "F%zu", i + 1);
    ImGui::SameLine(width - ImGui::CalcTextSize(key).x - 20);
    ImGui::TextDisabled("%s", key);
    ImGui::PopID();
    if (ImGui::IsKeyPressed(SDL_SCANCODE_F1 + int(i), false)) show(screens_[i]->id());
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

void DeskApp::frame() {
  // Another desk or the kiosk wrote: the current screen reloads (a cheap check, 4 times a second).
  double now = ImGui::GetTime();
  if (now >= next_poll_) {
    next_poll_ = now + 0.25;
    if (watch_.changed())
      for (auto& s : screens_) s->on_data_changed();
  }
  const float bar = 44.f, nav = 210.f;
  draw_top_bar(bar);
  draw_navigation(bar, nav);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + nav, vp->Pos.y + bar));
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x - nav, vp->Size.y - bar));
  ImGui::Begin("##screen", nullptr, kPane);
  screens_[current_]->draw();
  ImGui::End();
}

}  // namespace rg::desk
