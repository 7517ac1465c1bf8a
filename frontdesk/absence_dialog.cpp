// The dialog is a thin shell over db/absences: record, list the affected appointments with free
// substitutes, and run the chosen handling through the worker, reloading after each change.
#include "absence_dialog.h"

#include <imgui.h>

#include <cstring>

#include "dialog.h"
#include "schedules.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {

void AbsenceDialog::open(std::int64_t doctor_id, Date from) {
  open_ = true;
  opened_ = true;
  want_doctor_ = doctor_id;
  doctor_ = -1;
  std::snprintf(from_, sizeof from_, "%s", from.ru().c_str());
  std::snprintf(to_, sizeof to_, "%s", from.ru().c_str());
  reason_[0] = 0;
  confirm_cancel_ = false;
  recorded_ = false;
  outside_hours_ = false;
  error_.clear();
  done_.clear();
  affected_.clear();
  substitutes_.clear();
  chosen_.clear();
  load_doctors();
}

void AbsenceDialog::open_outside_hours(std::int64_t doctor_id, Date from) {
  open(doctor_id, from);
  outside_hours_ = true;
  recorded_ = true;
  std::snprintf(to_, sizeof to_, "%s", "");
  std::snprintf(reason_, sizeof reason_, "%s", _("the doctor's schedule changed"));
  load_affected();
}

void AbsenceDialog::demo_latest() {
  open(0, today());
  ctx_.worker.submit([this](db::Database& db) -> db::Worker::Continuation {
    auto a = db::latest_absence(db);
    return [this, a]() {
      if (!a || !*a) return;
      const db::Absence& x = **a;
      want_doctor_ = x.doctor_id;
      std::snprintf(from_, sizeof from_, "%s", x.from.ru().c_str());
      std::snprintf(to_, sizeof to_, "%s", x.to.ru().c_str());
      std::snprintf(reason_, sizeof reason_, "%s", x.reason.c_str());
      recorded_ = true;
      load_affected();
    };
  });
}

void AbsenceDialog::load_doctors() {
  int gen = ++generation_;
  ctx_.worker.submit([this, gen](db::Database& db) -> db::Worker::Continuation {
    auto d = db::list_doctors(db);
    return [this, gen, d = std::move(d)]() mutable {
      if (gen != generation_) return;
      if (!d) {
        error_ = d.error().message;
        return;
      }
      doctors_ = std::move(*d);
      for (size_t i = 0; i < doctors_.size(); ++i)
        if (doctors_[i].id == want_doctor_) doctor_ = int(i);
    };
  });
}

void AbsenceDialog::load_affected() {
  auto from = Date::parse_ru(from_), to = Date::parse_ru(to_);
  if (!from || (!to && !outside_hours_)) return;
  int gen = ++generation_;
  std::int64_t doctor = want_doctor_;
  ctx_.worker.submit([this, gen, doctor, f = *from, t = to.value_or(*from),
                      outside = outside_hours_](db::Database& db) -> db::Worker::Continuation {
    auto list = outside ? db::outside_hours(db, doctor, f) : db::affected_by_absence(db, doctor, f, t);
    std::map<std::int64_t, std::vector<db::Substitute>> subs;
    if (list)
      for (const auto& a : *list)
        if (auto s = db::free_substitutes(db, a.id)) subs[a.id] = std::move(*s);
    auto d = db::list_doctors(db);
    return [this, gen, list = std::move(list), subs = std::move(subs), d = std::move(d)]() mutable {
      if (gen != generation_) return;
      if (!list) {
        error_ = list.error().message;
        return;
      }
      affected_ = std::move(*list);
      substitutes_ = std::move(subs);
      if (d) doctors_ = std::move(*d);
      for (size_t i = 0; i < doctors_.size(); ++i)
        if (doctors_[i].id == want_doctor_) doctor_ = int(i);
    };
  });
}

void AbsenceDialog::save() {
  error_.clear();
  auto from = Date::parse_ru(from_), to = Date::parse_ru(to_);
  if (doctor_ < 0) {
    error_ = _("Choose the doctor.");
    return;
  }
  if (!from || !to) {
    error_ = _("Check the dates: dd.mm.yyyy.");
    return;
  }
  want_doctor_ = doctors_[size_t(doctor_)].id;
  std::string why = reason_;
  auto actor = ctx_.actor();
  busy_ = true;
  ctx_.worker.submit([this, d = want_doctor_, f = *from, t = *to, why, actor](db::Database& db) -> db::Worker::Continuation {
    auto r = db::add_absence(db, d, f, t, why, actor);
    return [this, r]() {
      busy_ = false;
      if (!r) {
        error_ = r.error().message;
        return;
      }
      recorded_ = true;
      load_affected();
    };
  });
}

void AbsenceDialog::run(std::function<Status(db::Database&)> change) {
  busy_ = true;
  error_.clear();
  ctx_.worker.submit([this, change = std::move(change)](db::Database& db) -> db::Worker::Continuation {
    auto r = change(db);
    return [this, r]() {
      busy_ = false;
      if (!r) error_ = r.error().message;
      else done_ = _("Done. A call task was added for the patient.");
      load_affected();
    };
  });
}

void AbsenceDialog::draw(const std::function<void(std::int64_t)>& on_move) {
  if (!begin_dialog("absence", outside_hours_ ? _("Bookings outside the new hours") : _("Doctor's absence"), open_,
                    opened_, ctx_.shell, 1180.f, 760.f, _("Close")))
    return;

  ImGui::BeginDisabled(recorded_);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("Doctor"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(300);
  std::string current = doctor_ >= 0 ? masked_name(doctors_[size_t(doctor_)].surname, doctors_[size_t(doctor_)].name,
                                                    doctors_[size_t(doctor_)].patronymic) + " · " +
                                           doctors_[size_t(doctor_)].specialties
                                     : std::string(_("Choose…"));
  if (ImGui::BeginCombo("##doctor", current.c_str())) {
    for (size_t i = 0; i < doctors_.size(); ++i) {
      std::string label = masked_name(doctors_[i].surname, doctors_[i].name, doctors_[i].patronymic) + " · " +
                          doctors_[i].specialties;
      if (ImGui::Selectable(label.c_str(), int(i) == doctor_)) doctor_ = int(i);
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextUnformatted(_("from"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  ImGui::InputText("##from", from_, sizeof from_);
  if (!outside_hours_) {
    ImGui::SameLine();
    ImGui::TextUnformatted(_("to"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120);
    ImGui::InputText("##to", to_, sizeof to_);
  }
  ImGui::TextUnformatted(_("Reason"));
  reason_input("reason", reason_, sizeof reason_,
               {N_("sick leave"), N_("holiday"), N_("training"), N_("business trip")},
               _("sick leave, holiday, training…"), 420);
  ImGui::EndDisabled();
  if (!recorded_) {
    ImGui::SameLine();
    ImGui::BeginDisabled(busy_);
    if (ui::button(_("Mark absent"))) save();
    ImGui::EndDisabled();
  }
  if (!error_.empty()) ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "%s", error_.c_str());
  if (!done_.empty()) ImGui::TextColored(ImVec4(0.07f, 0.50f, 0.36f, 1), "%s", done_.c_str());
  if (!recorded_) {
    ImGui::EndPopup();
    return;
  }

  ImGui::Separator();
  if (affected_.empty()) {
    ImGui::TextUnformatted(_("No appointment is left in these days."));
    ImGui::EndPopup();
    return;
  }
  ImGui::Text("%s: %d", _("Appointments to deal with"), int(affected_.size()));
  ImGui::SameLine(0, 24);
  ImGui::BeginDisabled(busy_);
  // Only the appointments a colleague is free for can be handed over; none: the button says why.
  std::vector<std::pair<std::int64_t, db::Substitute>> plan;
  for (const auto& a : affected_)
    if (auto it = substitutes_.find(a.id); it != substitutes_.end() && !it->second.empty())
      plan.emplace_back(a.id, it->second.front());
  char hand_label[160];
  if (plan.size() == affected_.size() || plan.empty())
    std::snprintf(hand_label, sizeof hand_label, "%s", _("Hand all to the first free colleague"));
  else
    std::snprintf(hand_label, sizeof hand_label, _("Hand to free colleagues (%zu of %zu)"), plan.size(), affected_.size());
  ImGui::BeginDisabled(plan.empty());
  if (ImGui::Button(hand_label)) {
    auto actor = ctx_.actor();
    run([plan, actor](db::Database& db) -> Status {
      for (const auto& [id, s] : plan) RG_TRY(db::hand_to_substitute(db, id, s, actor));
      return {};
    });
  }
  ImGui::EndDisabled();
  if (plan.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", _("No colleague of the same specialty is free at these times: move or cancel."));
  ImGui::SameLine();
  if (ImGui::Button(_("Cancel all…"))) {
    confirm_cancel_ = true;
    std::snprintf(cancel_reason_, sizeof cancel_reason_, "%s",
                  reason_[0] ? (std::string(_("Doctor away")) + ": " + reason_).c_str() : _("Doctor away"));
  }
  ImGui::EndDisabled();
  if (confirm_cancel_) {
    // Asked once for all of them: how many, and the reason each patient's call task will carry.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.95f, 0.88f, 1));
    ImGui::BeginChild("confirm", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 3 + 16), true);
    ImGui::Text(_("Cancel %zu appointments? Each patient gets a call task."), affected_.size());
    ImGui::TextUnformatted(_("Reason the patients will be told"));
    reason_input("why", cancel_reason_, sizeof cancel_reason_,
                 {N_("The doctor is ill"), N_("The doctor is on holiday"), N_("The doctor is away")});
    char yes[96];
    std::snprintf(yes, sizeof yes, _("Cancel %zu appointments"), affected_.size());
    ImGui::BeginDisabled(busy_ || blank(cancel_reason_));
    if (primary_button(yes, ImVec2(300, 0))) {
      std::vector<std::int64_t> ids;
      for (const auto& a : affected_) ids.push_back(a.id);
      auto actor = ctx_.actor();
      const std::string why = cancel_reason_;
      confirm_cancel_ = false;
      run([ids, actor, why](db::Database& db) -> Status {
        for (auto id : ids) RG_TRY(db::cancel_for_absence(db, id, why, actor));
        return {};
      });
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(_("Keep them"))) confirm_cancel_ = false;
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }

  if (ImGui::BeginTable("affected", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupColumn(_("When"), ImGuiTableColumnFlags_WidthFixed, 170);
    ImGui::TableSetupColumn(_("Patient"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(_("Hand to"), ImGuiTableColumnFlags_WidthFixed, 300);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float actions = ImGui::CalcTextSize(_("Hand over")).x + ImGui::CalcTextSize(_("Move…")).x +
                          ImGui::CalcTextSize(_("Cancel it")).x + 6 * style.FramePadding.x + 2 * style.ItemSpacing.x + 8;
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, actions);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (const auto& a : affected_) {
      ImGui::PushID(int(a.id));
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      LocalTime t = to_local(a.start_at);
      ImGui::Text("%s %s", t.date.ru().substr(0, 5).c_str(), hhmm(t.minutes).c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(a.patient_name.c_str());
      ImGui::TextDisabled("%s", (format_phone(a.patient_phone) + "  " + a.services).c_str());
      ImGui::TableSetColumnIndex(2);
      const auto& subs = substitutes_[a.id];
      int& pick = chosen_[a.id];
      if (subs.empty()) {
        ImGui::TextDisabled("%s", _("no colleague is free then"));
      } else {
        pick = std::clamp(pick, 0, int(subs.size()) - 1);
        ImGui::SetNextItemWidth(-1);
        std::string label = subs[size_t(pick)].name + (subs[size_t(pick)].room.empty() ? "" : std::string(", ") + _("Room") + " " + subs[size_t(pick)].room);
        if (ImGui::BeginCombo("##sub", label.c_str())) {
          for (size_t k = 0; k < subs.size(); ++k)
            if (ImGui::Selectable(subs[k].name.c_str(), int(k) == pick)) pick = int(k);
          ImGui::EndCombo();
        }
      }
      ImGui::TableSetColumnIndex(3);
      ImGui::BeginDisabled(busy_);
      ImGui::BeginDisabled(subs.empty());
      if (ui::button(_("Hand over"))) {
        auto s = subs[size_t(pick)];
        auto actor = ctx_.actor();
        run([id = a.id, s, actor](db::Database& db) { return db::hand_to_substitute(db, id, s, actor); });
      }
      ImGui::EndDisabled();
      if (subs.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", _("No colleague of the same specialty is free at this time."));
      ImGui::SameLine();
      if (ImGui::Button(_("Move…"))) {
        open_ = false;
        ImGui::CloseCurrentPopup();
        on_move(a.id);
      }
      ImGui::SameLine();
      if (ImGui::Button(_("Cancel it"))) {
        auto actor = ctx_.actor();
        std::string why = reason_[0] ? std::string(_("Doctor away")) + ": " + reason_ : _("Doctor away");
        run([id = a.id, why, actor](db::Database& db) { return db::cancel_for_absence(db, id, why, actor); });
      }
      ImGui::EndDisabled();
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndPopup();
}

}  // namespace rg::desk
