#include "doctors_view.h"

#include "palette.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "dialog.h"
#include "text.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

constexpr float kField = 190.f;
constexpr int kSlotSteps[] = {5, 10, 15, 20, 30, 40, 45, 60, 90, 120};

bool contains(const std::vector<std::int64_t>& v, std::int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

void DoctorsView::load() {
  if (loading_) return;
  loading_ = true;
  ctx_.worker.submit([this](db::Database& db) -> db::Worker::Continuation {
    auto doctors = db::list_doctor_cards(db, db::now_unix());
    auto specialties = db::list_specialty_cards(db);
    auto rooms = db::list_rooms(db);
    auto services = db::price_list(db, today());
    return [this, doctors = std::move(doctors), specialties = std::move(specialties), rooms = std::move(rooms),
            services = std::move(services)]() {
      loading_ = false;
      loaded_ = true;
      if (!doctors) action_.error = doctors.error().message;
      else doctors_ = *doctors;
      if (specialties) specialties_ = *specialties;
      if (rooms) rooms_ = *rooms;
      if (services) services_ = *services;
      if (form_ && form_->id)
        for (const auto& d : doctors_)
          if (d.id == *form_->id) form_->active = d.active, form_->appointments_ahead = d.appointments_ahead;
      if (open_first_ && !doctors_.empty() && ctx_.may(db::Permission::SettingsEdit)) {
        open_first_ = false;
        edit(&doctors_.front());
      }
    };
  });
}

void DoctorsView::edit(const db::DoctorCard* c) {
  form_.emplace();
  action_.error.clear();
  action_.notice.clear();
  if (!c) return;
  Form& f = *form_;
  f.id = c->id;
  f.active = c->active;
  const db::DoctorDraft& d = c->doctor;
  copy_to(f.surname, d.surname);
  copy_to(f.name, d.name);
  copy_to(f.patronymic, d.patronymic);
  copy_to(f.position, d.position);
  copy_to(f.code, d.code);
  f.specialties = d.specialty_ids;
  f.room = d.default_room_id;
  f.slot_min = d.slot_min;
  f.first_visits = d.first_visits;
  f.bookable_remote = d.bookable_remote;
  f.services = d.services;
  f.own_services = !d.services.empty();
  f.appointments_ahead = c->appointments_ahead;
}

void DoctorsView::run(std::function<Status(db::Database&)> op, std::string done) {
  run_action(ctx_.worker, action_, std::move(op), std::move(done), [this] { load(); });
}

void DoctorsView::draw() {
  if (!loaded_ && !loading_) load();
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Doctors"));
  ImGui::PopFont();
  if (!action_.error.empty()) ImGui::TextColored(kError, "%s", action_.error.c_str());
  if (!action_.notice.empty()) ImGui::TextColored(kGreen, "%s", action_.notice.c_str());
  const bool may = ctx_.may(db::Permission::SettingsEdit);
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::BeginChild("doctors-list", ImVec2(form_ ? width * 0.42f : width, 0), false);
  draw_list(may);
  ImGui::EndChild();
  if (!form_) return;
  ImGui::SameLine();
  ImGui::BeginChild("doctor-form", ImVec2(0, 0), true);
  draw_form();
  ImGui::EndChild();
}

void DoctorsView::draw_list(bool may) {
  if (guarded_button(_("New doctor…"), may, db::Permission::SettingsEdit, ImVec2(200, 36))) edit(nullptr);
  ImGui::Spacing();
  const float table_h = ImGui::GetContentRegionAvail().y * 0.68f;
  if (ImGui::BeginTable("doctors", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                        ImVec2(0, table_h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(_("Doctor"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(_("Booking"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableHeadersRow();
    for (const auto& d : doctors_) {
      ImGui::PushID(static_cast<int>(d.id));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (!d.active) ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
      const std::string label = d.doctor.surname + " " + d.doctor.name + " " + d.doctor.patronymic;
      if (ImGui::Selectable(label.c_str(), form_ && form_->id == d.id, ImGuiSelectableFlags_SpanAllColumns) && may)
        edit(&d);
      ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
      ImGui::TextWrapped("%s", (d.doctor.position + (d.specialties.empty() ? "" : " · " + d.specialties)).c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      if (!d.active) {
        ImGui::TextUnformatted(_("left the clinic"));
      } else {
        ImGui::Text(_("room %s · slot %d min"), d.room.empty() ? "—" : d.room.c_str(), d.doctor.slot_min);
        std::string flags;
        if (!d.doctor.first_visits) flags += _("no first visits");
        if (!d.doctor.bookable_remote) flags += (flags.empty() ? "" : " · ") + std::string(_("desk only"));
        if (d.schedule_rules == 0) flags += (flags.empty() ? "" : " · ") + std::string(_("no schedule"));
        if (!flags.empty()) ImGui::TextColored(d.schedule_rules == 0 ? kAmber : kQuiet, "%s", flags.c_str());
      }
      if (!d.active) ImGui::PopStyleColor();
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  draw_specialties(may);
}

void DoctorsView::draw_specialties(bool may) {
  ImGui::Spacing();
  ImGui::TextUnformatted(_("Specialties"));
  ImGui::BeginChild("specialties", ImVec2(0, 0), true);
  const db::Actor actor = ctx_.actor();
  for (const auto& s : specialties_) {
    ImGui::PushID(static_cast<int>(s.id));
    if (renaming_ == s.id) {
      ImGui::SetNextItemWidth(260);
      ImGui::InputText("##rename", rename_, sizeof rename_);
      ImGui::SameLine();
      if (ui::button(_("Save"))) {
        const std::string name = rename_;
        const std::int64_t id = s.id;
        renaming_.reset();
        run([id, name, actor](db::Database& db) { return db::rename_specialty(db, id, name, actor); }, _("Saved."));
      }
      ImGui::SameLine();
      if (ImGui::Button(_("Cancel"))) renaming_.reset();
    } else {
      ImGui::Text("%s", s.name.c_str());
      ImGui::SameLine();
      ImGui::TextColored(kQuiet, _("doctors: %d · services: %d"), s.doctors, s.services);
      ImGui::SameLine();
      if (guarded_button(_("Rename"), may, db::Permission::SettingsEdit, ImVec2(0, 0), true)) {
        renaming_ = s.id;
        copy_to(rename_, s.name);
      }
    }
    ImGui::PopID();
  }
  ImGui::SetNextItemWidth(260);
  ImGui::InputTextWithHint("##new-specialty", _("e.g. Cardiology"), new_specialty_, sizeof new_specialty_);
  ImGui::SameLine();
  ImGui::BeginDisabled(blank(new_specialty_) || action_.busy);
  if (guarded_button(_("Add the specialty"), may, db::Permission::SettingsEdit)) {
    const std::string name = new_specialty_;
    new_specialty_[0] = 0;
    run([name, actor](db::Database& db) -> Status {
          auto id = db::create_specialty(db, name, actor);
          return id ? Status{} : Status(std::unexpected(id.error()));
        },
        format_text(_("The specialty «%s» is added."), fold_spaces(name).c_str()));
  }
  ImGui::EndDisabled();
  ImGui::EndChild();
}

void DoctorsView::draw_form() {
  Form& f = *form_;
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(f.id ? (std::string(f.surname) + " " + f.name).c_str() : _("New doctor"));
  ImGui::PopFont();
  form_label(_("Surname"), kField);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##surname", f.surname, sizeof f.surname);
  form_label(_("First name"), kField);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##name", f.name, sizeof f.name);
  form_label(_("Patronymic"), kField);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##patronymic", f.patronymic, sizeof f.patronymic);
  form_label(_("Position"), kField);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##position", _("as documents print it: врач-терапевт"), f.position, sizeof f.position);
  form_label(_("Coupon code"), kField);
  ImGui::SetNextItemWidth(160);
  ImGui::InputText("##code", f.code, sizeof f.code);

  form_label(_("Specialties"), kField);
  ImGui::BeginGroup();
  for (const auto& s : specialties_) {
    bool on = contains(f.specialties, s.id);
    if (ImGui::Checkbox(s.name.c_str(), &on)) {
      if (on) f.specialties.push_back(s.id);
      else std::erase(f.specialties, s.id);
    }
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < 200) ImGui::NewLine();
  }
  ImGui::NewLine();
  ImGui::EndGroup();

  form_label(_("Default room"), kField);
  ImGui::SetNextItemWidth(220);
  std::string room = _("none");
  for (const auto& r : rooms_)
    if (f.room == r.id) room = r.number + (r.name.empty() ? "" : " · " + r.name);
  if (ImGui::BeginCombo("##room", room.c_str())) {
    if (ImGui::Selectable(_("none"), !f.room)) f.room.reset();
    for (const auto& r : rooms_)
      if (ImGui::Selectable((r.number + (r.name.empty() ? "" : " · " + r.name)).c_str(), f.room == r.id)) f.room = r.id;
    ImGui::EndCombo();
  }
  form_label(_("Slot step"), kField);
  ImGui::SetNextItemWidth(160);
  if (ImGui::BeginCombo("##slot", format_text(_("%d min"), f.slot_min).c_str())) {
    for (int m : kSlotSteps)
      if (ImGui::Selectable(format_text(_("%d min"), m).c_str(), f.slot_min == m)) f.slot_min = m;
    ImGui::EndCombo();
  }
  form_label("", kField);
  ImGui::Checkbox(_("Takes first visits"), &f.first_visits);
  form_label("", kField);
  ImGui::Checkbox(_("Bookable from the call centre and online"), &f.bookable_remote);
  draw_services(f);

  db::DoctorDraft d;
  d.surname = f.surname, d.name = f.name, d.patronymic = f.patronymic, d.position = f.position, d.code = f.code;
  d.specialty_ids = f.specialties;
  d.default_room_id = f.room;
  d.slot_min = f.slot_min;
  d.first_visits = f.first_visits;
  d.bookable_remote = f.bookable_remote;
  if (f.own_services) d.services = f.services;
  const db::Actor actor = ctx_.actor();
  ImGui::Spacing();
  ImGui::BeginDisabled(action_.busy);
  if (!f.id) {
    if (primary_button(_("Add the doctor"), ImVec2(240, 40)))
      run([d, actor](db::Database& db) -> Status {
            auto id = db::create_doctor(db, d, actor);
            return id ? Status{} : Status(std::unexpected(id.error()));
          },
          format_text(_("%s is added. Set his working schedule next."), fold_spaces(d.surname).c_str()));
  } else {
    const std::int64_t id = *f.id;
    if (primary_button(_("Save"), ImVec2(200, 40)))
      run([id, d, actor](db::Database& db) { return db::update_doctor(db, id, d, actor); }, _("Saved."));
    ImGui::SameLine();
    const bool active = f.active;
    if (ImGui::Button(active ? _("Has left the clinic…") : _("Works again"), ImVec2(260, 40)))
      run([id, active, actor](db::Database& db) { return db::set_doctor_active(db, id, !active, db::now_unix(), actor); },
          active ? _("The doctor is inactive: no longer booked; his history is kept.") : _("The doctor works again."));
    if (active && f.appointments_ahead > 0)
      ImGui::TextColored(kQuiet, _("Appointments booked with him from now on: %d."), f.appointments_ahead);
  }
  ImGui::EndDisabled();
}

void DoctorsView::draw_services(Form& f) {
  form_label(_("Services"), kField);
  ImGui::BeginGroup();
  if (ImGui::RadioButton(_("those of his specialties"), !f.own_services)) f.own_services = false;
  ImGui::SameLine();
  if (ImGui::RadioButton(_("his own list"), f.own_services)) f.own_services = true;
  ImGui::EndGroup();
  if (!f.own_services) return;
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##service-filter", _("code or words of the name"), f.service_filter, sizeof f.service_filter);
  if (ImGui::BeginTable("doctor-services", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter,
                        ImVec2(0, 220))) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 30);
    ImGui::TableSetupColumn(_("Service"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(_("His minutes"), ImGuiTableColumnFlags_WidthFixed, 130);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (const auto& s : services_) {
      auto it = std::find_if(f.services.begin(), f.services.end(), [&](const auto& x) { return x.service_id == s.id; });
      const bool chosen = it != f.services.end();
      if (!chosen && !s.matches(f.service_filter)) continue;
      ImGui::PushID(static_cast<int>(s.id));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      bool on = chosen;
      if (ImGui::Checkbox("##on", &on)) {
        if (on) f.services.push_back({s.id, std::nullopt});
        else f.services.erase(it);
        ImGui::PopID();
        break;  // the vector changed under the iterator: redraw next frame
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted((s.code + "  " + s.shown_name()).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.name.c_str());
      ImGui::TableNextColumn();
      if (chosen) {
        int minutes = it->duration_min.value_or(s.duration_min);
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputInt("##min", &minutes, 5, 15)) {
          minutes = std::clamp(minutes, 5, 720);
          if (minutes == s.duration_min) it->duration_min.reset();
          else it->duration_min = minutes;
        }
      } else {
        ImGui::TextColored(kQuiet, _("%d min"), s.duration_min);
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

}  // namespace rg::desk
