#include "rooms_view.h"

#include "palette.h"

#include <imgui.h>

#include <cstdio>
#include <cstdlib>

#include "dialog.h"
#include "text.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {

constexpr float kField = 150.f;

}  // namespace

void RoomsView::load() {
  if (loading_) return;
  loading_ = true;
  ctx_.worker.submit([this](db::Database& db) -> db::Worker::Continuation {
    auto rooms = db::list_room_cards(db, db::now_unix());
    return [this, rooms = std::move(rooms)]() {
      loading_ = false;
      loaded_ = true;
      if (rooms) rooms_ = *rooms;
      else action_.error = rooms.error().message;
      // The open room's state as the database has it now.
      if (form_ && form_->id)
        for (const auto& r : rooms_)
          if (r.id == *form_->id) form_->active = r.active;
    };
  });
}

void RoomsView::edit(const db::RoomCard* c) {
  form_.emplace();
  action_.error.clear();
  action_.notice.clear();
  if (!c) return;
  form_->id = c->id;
  form_->active = c->active;
  std::snprintf(form_->number, sizeof form_->number, "%s", c->room.number.c_str());
  std::snprintf(form_->name, sizeof form_->name, "%s", c->room.name.c_str());
  if (c->room.floor) std::snprintf(form_->floor, sizeof form_->floor, "%d", *c->room.floor);
  std::snprintf(form_->location, sizeof form_->location, "%s", c->room.location.c_str());
  std::snprintf(form_->equipment, sizeof form_->equipment, "%s", c->room.equipment.c_str());
}

void RoomsView::run(std::function<Status(db::Database&)> op, std::string done) {
  run_action(ctx_.worker, action_, std::move(op), std::move(done), [this] { load(); });
}

void RoomsView::draw() {
  if (!loaded_ && !loading_) load();
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Rooms"));
  ImGui::PopFont();
  if (!action_.error.empty()) ImGui::TextColored(kError, "%s", action_.error.c_str());
  if (!action_.notice.empty()) ImGui::TextColored(kGreen, "%s", action_.notice.c_str());
  const bool may = ctx_.may(db::Permission::SettingsEdit);
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::BeginChild("rooms-list", ImVec2(form_ ? width * 0.5f : width, 0), false);
  if (guarded_button(_("New room…"), may, db::Permission::SettingsEdit, ImVec2(200, 36))) edit(nullptr);
  ImGui::Spacing();
  if (ImGui::BeginTable("rooms", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(_("Room (number and name)"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(_("Where"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn(_("In use"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableHeadersRow();
    for (const auto& r : rooms_) {
      ImGui::PushID(static_cast<int>(r.id));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (!r.active) ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
      std::string label = r.room.number + (r.room.name.empty() ? "" : " · " + r.room.name);
      if (ImGui::Selectable(label.c_str(), form_ && form_->id == r.id, ImGuiSelectableFlags_SpanAllColumns) && may)
        edit(&r);
      if (!r.room.equipment.empty()) ImGui::TextColored(kQuiet, "%s", r.room.equipment.c_str());
      ImGui::TableNextColumn();
      if (r.room.floor) ImGui::Text(_("floor %d"), *r.room.floor);
      if (!r.room.location.empty()) ImGui::TextWrapped("%s", r.room.location.c_str());
      ImGui::TableNextColumn();
      if (!r.active) ImGui::TextUnformatted(_("inactive"));
      else if (r.doctors + r.schedules + r.appointments == 0) ImGui::TextColored(kQuiet, "%s", _("not used"));
      else ImGui::TextWrapped(_("doctors: %d · schedule rows: %d · visits to come: %d"), r.doctors, r.schedules, r.appointments);
      if (!r.active) ImGui::PopStyleColor();
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  if (!form_) return;
  ImGui::SameLine();
  ImGui::BeginChild("room-form", ImVec2(0, 0), true);
  Form& f = *form_;
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(f.id ? f.number : _("New room"));
  ImGui::PopFont();
  form_label(_("Number"), kField);
  ImGui::SetNextItemWidth(120);
  ImGui::InputText("##number", f.number, sizeof f.number);
  form_label(_("Name"), kField);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##name", _("e.g. Treatment room"), f.name, sizeof f.name);
  form_label(_("Floor"), kField);
  ImGui::SetNextItemWidth(80);
  ImGui::InputText("##floor", f.floor, sizeof f.floor, ImGuiInputTextFlags_CharsDecimal);
  form_label(_("Where"), kField);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##location", _("how a patient finds it"), f.location, sizeof f.location);
  form_label(_("Equipment"), kField);
  ImGui::InputTextMultiline("##equipment", f.equipment, sizeof f.equipment, ImVec2(-1, 90));
  db::RoomDraft d{f.number, f.name, std::nullopt, f.location, f.equipment};
  if (!blank(f.floor)) d.floor = std::atoi(f.floor);
  const db::Actor actor = ctx_.actor();
  ImGui::Spacing();
  ImGui::BeginDisabled(action_.busy);
  if (!f.id) {
    if (primary_button(_("Add the room"), ImVec2(220, 40)))
      run([d, actor](db::Database& db) -> Status {
            auto id = db::create_room(db, d, actor);
            return id ? Status{} : Status(std::unexpected(id.error()));
          },
          format_text(_("Room %s is added."), fold_spaces(d.number).c_str()));
  } else {
    const std::int64_t id = *f.id;
    if (primary_button(_("Save"), ImVec2(200, 40)))
      run([id, d, actor](db::Database& db) { return db::update_room(db, id, d, actor); }, _("Saved."));
    ImGui::SameLine();
    const bool active = f.active;
    if (ImGui::Button(active ? _("Make inactive") : _("Make active again"), ImVec2(240, 40))) {
      run([id, active, actor](db::Database& db) { return db::set_room_active(db, id, !active, db::now_unix(), actor); },
          active ? _("The room is inactive: it is no longer offered for booking.") : _("The room is active again."));
    }
  }
  ImGui::EndDisabled();
  ImGui::EndChild();
}

}  // namespace rg::desk
