// The list is read whole through the core (waiting_list) and redrawn as a table; every change
// is one core call on the worker followed by a reload.
#include "waiting_list_view.h"

#include <imgui.h>

#include <algorithm>

#include "dialog.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

const char* priority_name(int p) {
  return p >= 2 ? _("urgent") : p == 1 ? _("high") : _("ordinary");
}

std::string hours_text(int from, int to) {
  if (from == 0 && to == 1440) return _("any time");
  return hhmm(from) + "–" + hhmm(to);
}

}  // namespace

void WaitingListView::reload() {
  int gen = ++generation_;
  std::optional<std::int64_t> doctor;
  if (doctor_filter_ >= 0 && doctor_filter_ < int(doctors_.size())) doctor = doctors_[size_t(doctor_filter_)].id;
  auto order = by_age_ ? db::WaitingOrder::Age : db::WaitingOrder::Priority;
  ctx_.worker.submit([this, gen, doctor, order](db::Database& db) -> db::Worker::Continuation {
    auto list = db::waiting_list(db, doctor, order);
    auto doctors = db::list_doctors(db);
    auto specialties = db::list_specialties(db);
    return [this, gen, list = std::move(list), doctors = std::move(doctors),
            specialties = std::move(specialties)]() mutable {
      if (gen != generation_) return;
      loaded_ = true;
      if (!list) {
        error_ = list.error().message;
        return;
      }
      entries_ = std::move(*list);
      if (doctors) doctors_ = std::move(*doctors);
      if (specialties) specialties_ = std::move(*specialties);
    };
  });
}

void WaitingListView::add() {
  error_.clear();
  if (!picker_.picked) {
    error_ = _("Find the patient first.");
    return;
  }
  db::WaitingDraft d;
  d.patient_id = picker_.picked->id;
  if (add_doctor_ >= 0) d.doctor_id = doctors_[size_t(add_doctor_)].id;
  else if (add_specialty_ >= 0) d.specialty_id = specialties_[size_t(add_specialty_)].id;
  d.from = today();
  d.to = today().plus_days(add_days_);
  d.time_from_min = kDayParts[add_part_].from_min;
  d.time_to_min = kDayParts[add_part_].to_min;
  d.priority = add_priority_;
  d.comment = add_comment_;
  auto actor = ctx_.actor();
  ctx_.worker.submit([this, d, actor](db::Database& db) -> db::Worker::Continuation {
    auto r = db::add_waiting(db, d, actor);
    return [this, r]() {
      if (!r) {
        error_ = r.error().message;
        return;
      }
      adding_ = false;
      picker_.reset();
      add_comment_[0] = 0;
      reload();
    };
  });
}

void WaitingListView::draw_add() {
  ImGui::BeginChild("add", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 9.5f), true);
  picker_.draw_choice("waiting", ctx_.shell);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("Waits for"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(240);
  const char* sp = add_specialty_ >= 0 ? specialties_[size_t(add_specialty_)].name.c_str() : _("Specialty…");
  if (ImGui::BeginCombo("##sp", sp)) {
    for (size_t k = 0; k < specialties_.size(); ++k)
      if (ImGui::Selectable(specialties_[k].name.c_str(), int(k) == add_specialty_)) add_specialty_ = int(k), add_doctor_ = -1;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(220);
  std::string dr = add_doctor_ >= 0 ? masked_name(doctors_[size_t(add_doctor_)].surname, doctors_[size_t(add_doctor_)].name,
                                                  doctors_[size_t(add_doctor_)].patronymic)
                                    : std::string(_("any doctor"));
  if (ImGui::BeginCombo("##dr", dr.c_str())) {
    if (ImGui::Selectable(_("any doctor"), add_doctor_ < 0)) add_doctor_ = -1;
    for (size_t k = 0; k < doctors_.size(); ++k) {
      const auto& d = doctors_[k];
      if (add_specialty_ >= 0 && std::find(d.specialty_ids.begin(), d.specialty_ids.end(),
                                           specialties_[size_t(add_specialty_)].id) == d.specialty_ids.end())
        continue;
      if (ImGui::Selectable(masked_name(d.surname, d.name, d.patronymic).c_str(), int(k) == add_doctor_)) add_doctor_ = int(k);
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextUnformatted(_("within"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110);
  std::string days = std::to_string(add_days_) + " " + _("days");
  if (ImGui::BeginCombo("##days", days.c_str())) {
    for (int d : {3, 7, 14, 30, 60})
      if (ImGui::Selectable((std::to_string(d) + " " + _("days")).c_str(), d == add_days_)) add_days_ = d;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(200);
  if (ImGui::BeginCombo("##part", _(kDayParts[add_part_].name))) {
    for (int i = 0; i < 4; ++i)
      if (ImGui::Selectable(_(kDayParts[i].name), i == add_part_)) add_part_ = i;
    ImGui::EndCombo();
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("Priority"));
  for (int p = 0; p < 3; ++p) {
    ImGui::SameLine();
    ImGui::RadioButton(priority_name(p), &add_priority_, p);
  }
  ImGui::SameLine(0, 24);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##comment", _("Comment: when it suits, what hurts"), add_comment_, sizeof add_comment_);
  if (ui::button(_("Add to the waiting list"))) add();
  ImGui::SameLine();
  if (ImGui::Button(_("Cancel"))) adding_ = false;
  ImGui::EndChild();
}

void WaitingListView::draw(const std::function<void(const db::WaitingEntry&)>& find_time) {
  if (!loaded_ && generation_ == 0) reload();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", _("Doctor:"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(300);
  std::string current = doctor_filter_ >= 0 && doctor_filter_ < int(doctors_.size())
                            ? masked_name(doctors_[size_t(doctor_filter_)].surname, doctors_[size_t(doctor_filter_)].name,
                                          doctors_[size_t(doctor_filter_)].patronymic)
                            : std::string(_("all doctors"));
  if (ImGui::BeginCombo("##filter", current.c_str())) {
    if (ImGui::Selectable(_("all doctors"), doctor_filter_ < 0)) doctor_filter_ = -1, reload();
    for (size_t k = 0; k < doctors_.size(); ++k) {
      std::string label = masked_name(doctors_[k].surname, doctors_[k].name, doctors_[k].patronymic) + " · " +
                          doctors_[k].specialties;
      if (ImGui::Selectable(label.c_str(), int(k) == doctor_filter_)) doctor_filter_ = int(k), reload();
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine(0, 24);
  if (ImGui::RadioButton(_("urgent first"), !by_age_)) by_age_ = false, reload();
  ImGui::SameLine();
  if (ImGui::RadioButton(_("longest waiting first"), by_age_)) by_age_ = true, reload();
  ImGui::SameLine(0, 24);
  if (!adding_ && ui::button(_("+ Add a patient"))) adding_ = true, picker_.reset(), picker_.focus();
  if (adding_) draw_add();
  if (!error_.empty()) ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "%s", error_.c_str());

  if (loaded_ && entries_.empty()) {
    ImGui::TextDisabled("%s", _("Nobody is waiting."));
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("waiting", 7, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(_("Patient"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(_("Waits for"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn(_("Days and hours"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn(_("Priority"), ImGuiTableColumnFlags_WidthFixed, 110);
  ImGui::TableSetupColumn(_("Waiting"), ImGuiTableColumnFlags_WidthFixed, 90);
  ImGui::TableSetupColumn(_("Comment"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 250);
  ImGui::TableHeadersRow();
  std::optional<std::int64_t> remove;
  for (const auto& e : entries_) {
    ImGui::PushID(int(e.id));
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(e.patient_name.c_str());
    if (!e.patient_phone.empty()) ImGui::TextDisabled("%s", format_phone(e.patient_phone).c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextWrapped("%s", e.wants.c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::Text("%s – %s", e.from.ru().substr(0, 5).c_str(), e.to.ru().c_str());
    ImGui::TextDisabled("%s", hours_text(e.time_from_min, e.time_to_min).c_str());
    ImGui::TableSetColumnIndex(3);
    if (e.priority >= 2) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", priority_name(e.priority));
    else ImGui::TextUnformatted(priority_name(e.priority));
    ImGui::TableSetColumnIndex(4);
    int days = int((db::now_unix() - e.created_at) / 86400);
    char buf[64];
    std::snprintf(buf, sizeof buf, dngettext(RG_TEXT_DOMAIN, "%d day", "%d days", static_cast<unsigned long>(days)), days);
    ImGui::TextUnformatted(buf);
    ImGui::TableSetColumnIndex(5);
    ImGui::TextWrapped("%s", e.comment.c_str());
    ImGui::TableSetColumnIndex(6);
    if (ui::button(_("Find a time…"))) find_time(e);
    ImGui::SameLine();
    if (ImGui::Button(_("Remove"))) remove = e.id;
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (remove) {
    auto id = *remove;
    auto actor = ctx_.actor();
    ctx_.worker.submit([this, id, actor](db::Database& db) -> db::Worker::Continuation {
      auto r = db::remove_waiting(db, id, actor);
      return [this, r]() {
        if (!r) error_ = r.error().message;
        reload();
      };
    });
  }
}

}  // namespace rg::desk
