// The dialog gathers a SlotRequest and shows find_slots' options; searching and booking run on
// the worker, booking the chain in one transaction (book_option).
#include "slot_finder_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "dialog.h"
#include "absences.h"
#include "text.h"
#include "waiting_list.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

constexpr int kDayChoices[] = {3, 7, 14, 30, 60};

}  // namespace

void SlotFinderDialog::open() { open(Prefill{}); }

void SlotFinderDialog::open(const Prefill& prefill) {
  open_ = true;
  opened_ = true;
  prefill_ = prefill;
  picker_.reset();
  picker_.picked = prefill.patient;
  needs_.assign(1, NeedRow{});
  std::snprintf(from_, sizeof from_, "%s", today().ru().c_str());
  options_.clear();
  searched_ = false;
  error_.clear();
  load_lists();
}

void SlotFinderDialog::demo() {
  demo_search_ = true;
  picker_.set_query("смирнова", true);
}

void SlotFinderDialog::load_lists() {
  int gen = ++generation_;
  ctx_.worker.submit([this, gen](db::Database& db) -> db::Worker::Continuation {
    auto sp = db::list_specialties(db);
    auto sv = db::price_list(db, today());
    auto dr = db::list_doctors(db);
    auto rooms = db::list_rooms(db);
    auto gap = db::slot_max_gap_setting(db);
    return [this, gen, sp = std::move(sp), sv = std::move(sv), dr = std::move(dr), rooms = std::move(rooms),
            gap]() mutable {
      if (gen != generation_) return;
      if (!sp || !sv || !dr || !rooms) {
        error_ = !sp ? sp.error().message : !sv ? sv.error().message : !dr ? dr.error().message : rooms.error().message;
        return;
      }
      specialties_ = std::move(*sp);
      services_ = std::move(*sv);
      doctors_ = std::move(*dr);
      rooms_.clear();
      for (const auto& r : *rooms) rooms_.emplace_back(r.id, r.number);
      if (gap) max_gap_ = *gap;
      for (size_t i = 0; i < specialties_.size(); ++i)
        if (prefill_.specialty_id && specialties_[i].id == *prefill_.specialty_id) needs_[0].specialty = int(i);
      for (size_t i = 0; i < doctors_.size(); ++i)
        if (prefill_.doctor_id && doctors_[i].id == *prefill_.doctor_id) {
          needs_[0].doctor = int(i);
          for (size_t k = 0; k < specialties_.size() && needs_[0].specialty < 0; ++k)
            if (!doctors_[i].specialty_ids.empty() && specialties_[k].id == doctors_[i].specialty_ids.front())
              needs_[0].specialty = int(k);
        }
      if (demo_search_ && specialties_.size() >= 2) {
        // A multi-specialist visit: a therapist, then an ultrasound if the clinic has one.
        needs_.assign(2, NeedRow{});
        needs_[0].specialty = 0;
        needs_[1].specialty = 1;
        for (size_t i = 0; i < specialties_.size(); ++i) {
          if (specialties_[i].name == "терапевт") needs_[0].specialty = int(i);
          if (specialties_[i].name == "врач УЗИ") needs_[1].specialty = int(i);
        }
        search();
        demo_search_ = false;
      }
    };
  });
}

void SlotFinderDialog::search() {
  error_.clear();
  db::SlotRequest r;
  for (const NeedRow& n : needs_) {
    if (n.specialty < 0) {
      error_ = _("Choose a specialty for every specialist.");
      return;
    }
    db::SlotNeed need;
    need.specialty_id = specialties_[size_t(n.specialty)].id;
    if (n.service >= 0) need.service_id = services_[size_t(n.service)].id;
    else if (prefill_.move_appointment) need.duration_min = prefill_.duration_min;
    if (n.doctor >= 0) need.doctor_ids.push_back(doctors_[size_t(n.doctor)].id);
    r.needs.push_back(need);
  }
  auto from = Date::parse_ru(from_);
  if (!from) {
    error_ = _("Check the first day: dd.mm.yyyy.");
    return;
  }
  r.from = std::max(*from, today());
  r.to = r.from.plus_days(days_ - 1);
  r.day_from_min = kDayParts[time_of_day_].from_min;
  r.day_to_min = kDayParts[time_of_day_].to_min;
  r.fixed_order = fixed_order_;
  r.max_gap_min = max_gap_;
  r.not_before = db::now_unix();
  if (picker_.picked) r.patient_id = picker_.picked->id;
  r.max_options = 9;
  request_ = r;
  searching_ = true;
  int gen = ++generation_;
  ctx_.worker.submit([this, gen, r](db::Database& db) -> db::Worker::Continuation {
    auto found = db::find_slots(db, r);
    return [this, gen, found = std::move(found)]() mutable {
      if (gen != generation_) return;
      searching_ = false;
      searched_ = true;
      if (!found) {
        error_ = found.error().message;
        options_.clear();
        return;
      }
      options_ = std::move(*found);
    };
  });
}

void SlotFinderDialog::book(const db::SlotOption& option) {
  if (!picker_.picked) {
    error_ = _("Find the patient first.");
    return;
  }
  booking_ = true;
  error_.clear();
  int gen = generation_;
  std::int64_t patient = picker_.picked->id;
  auto actor = ctx_.actor();
  db::SlotRequest r = request_;
  auto entry = prefill_.waiting_entry;
  auto move = prefill_;
  ctx_.worker.submit([this, gen, patient, r, option, actor, entry, move](db::Database& db) -> db::Worker::Continuation {
    Result<std::vector<std::int64_t>> ids;
    if (move.move_appointment) {
      const db::SlotStep& s = option.steps.front();
      db::MoveTo to{s.doctor_id, s.room_id, s.start_at, s.end_at};
      auto moved = move.tell_patient ? db::move_for_absence(db, move.move_appointment, to, actor)
                                     : db::move_appointment(db, move.move_appointment, to, actor);
      if (moved) ids = std::vector<std::int64_t>{move.move_appointment};
      else ids = std::unexpected(moved.error());
    } else {
      ids = db::book_option(db, patient, r, option, db::Channel::Phone, "", actor);
    }
    if (ids && entry && !ids->empty()) (void)db::mark_waiting_booked(db, *entry, ids->front(), actor);
    return [this, gen, ids, day = option.day]() {
      if (gen != generation_) return;
      booking_ = false;
      if (!ids) {
        error_ = ids.error().message;
        search();  // the time may be gone: show what is free now
        return;
      }
      booked_day_ = day;
      booked_first_ = ids->empty() ? 0 : ids->front();
    };
  });
}

std::string SlotFinderDialog::option_line(const db::SlotStep& s) const {
  LocalTime a = to_local(s.start_at), b = to_local(s.end_at);
  std::string doctor;
  for (const auto& d : doctors_)
    if (d.id == s.doctor_id) doctor = masked_name(d.surname, d.name, d.patronymic);
  std::string room;
  for (const auto& [id, number] : rooms_)
    if (s.room_id && id == *s.room_id) room = std::string(", ") + _("Room") + " " + number;
  return hhmm(a.minutes) + "–" + hhmm(b.minutes) + "  " + doctor + room;
}

void SlotFinderDialog::draw_needs() {
  ImGui::TextUnformatted(_("Specialists of the visit, in order"));
  int remove = -1;
  for (size_t i = 0; i < needs_.size(); ++i) {
    NeedRow& n = needs_[i];
    ImGui::PushID(int(i));
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%d.", int(i) + 1);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(250);
    const char* sp = n.specialty >= 0 ? specialties_[size_t(n.specialty)].name.c_str() : _("Specialty…");
    if (ImGui::BeginCombo("##sp", sp)) {
      for (size_t k = 0; k < specialties_.size(); ++k)
        if (ImGui::Selectable(specialties_[k].name.c_str(), int(k) == n.specialty)) n = NeedRow{int(k), -1, -1};
      ImGui::EndCombo();
    }
    std::int64_t spec = n.specialty >= 0 ? specialties_[size_t(n.specialty)].id : -1;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(330);
    std::string sv = n.service >= 0 ? services_[size_t(n.service)].name : std::string(_("any service (30 min)"));
    if (ImGui::BeginCombo("##sv", sv.c_str())) {
      if (ImGui::Selectable(_("any service (30 min)"), n.service < 0)) n.service = -1;
      for (size_t k = 0; k < services_.size(); ++k) {
        if (services_[k].specialty_id != spec) continue;
        std::string label = services_[k].name + " · " + std::to_string(services_[k].duration_min) + " " + _("min");
        if (ImGui::Selectable(label.c_str(), int(k) == n.service)) n.service = int(k);
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200);
    std::string dr = n.doctor >= 0 ? masked_name(doctors_[size_t(n.doctor)].surname, doctors_[size_t(n.doctor)].name,
                                                 doctors_[size_t(n.doctor)].patronymic)
                                   : std::string(_("any doctor"));
    if (ImGui::BeginCombo("##dr", dr.c_str())) {
      if (ImGui::Selectable(_("any doctor"), n.doctor < 0)) n.doctor = -1;
      for (size_t k = 0; k < doctors_.size(); ++k) {
        const auto& d = doctors_[k];
        if (std::find(d.specialty_ids.begin(), d.specialty_ids.end(), spec) == d.specialty_ids.end()) continue;
        if (ImGui::Selectable(masked_name(d.surname, d.name, d.patronymic).c_str(), int(k) == n.doctor)) n.doctor = int(k);
      }
      ImGui::EndCombo();
    }
    if (needs_.size() > 1) {
      ImGui::SameLine();
      if (ImGui::Button("×")) remove = int(i);
    }
    ImGui::PopID();
  }
  if (remove >= 0) needs_.erase(needs_.begin() + remove);
  if (!prefill_.move_appointment && needs_.size() < 4 && ImGui::SmallButton(_("+ Another specialist")))
    needs_.push_back(NeedRow{});
}

void SlotFinderDialog::draw_when() {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("From"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(130);
  ImGui::InputText("##from", from_, sizeof from_);
  ImGui::SameLine();
  ImGui::TextUnformatted(_("for"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110);
  std::string label = std::to_string(days_) + " " + _("days");
  if (ImGui::BeginCombo("##days", label.c_str())) {
    for (int d : kDayChoices)
      if (ImGui::Selectable((std::to_string(d) + " " + _("days")).c_str(), d == days_)) days_ = d;
    ImGui::EndCombo();
  }
  ImGui::SameLine(0, 24);
  ImGui::TextUnformatted(_("Time of day"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(220);
  if (ImGui::BeginCombo("##part", _(kDayParts[time_of_day_].name))) {
    for (int i = 0; i < 4; ++i)
      if (ImGui::Selectable(_(kDayParts[i].name), i == time_of_day_)) time_of_day_ = i;
    ImGui::EndCombo();
  }
  ImGui::Checkbox(_("Keep this order of specialists"), &fixed_order_);
  ImGui::SameLine(0, 24);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%s %d %s", _("At most"), max_gap_, _("min of waiting between them"));
}

void SlotFinderDialog::draw_results(const std::function<void(Date, std::int64_t)>& on_booked) {
  if (searching_) {
    ImGui::TextDisabled("%s", _("Searching…"));
    return;
  }
  if (!searched_) return;
  if (options_.empty()) {
    ImGui::TextWrapped("%s", _("No time fits in these days. Try more days, another time of day or any doctor, or put the patient on the waiting list."));
    return;
  }
  if (ImGui::BeginTable("options", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                        ImVec2(0, ImGui::GetContentRegionAvail().y - 4))) {
    ImGui::TableSetupColumn(_("Day"), ImGuiTableColumnFlags_WidthFixed, 220);
    ImGui::TableSetupColumn(_("Visit"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(_("Waiting · idle"), ImGuiTableColumnFlags_WidthFixed, 170);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 130);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < options_.size(); ++i) {
      const auto& o = options_[i];
      ImGui::PushID(int(i));
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      std::string day = ui::weekday_short(o.day.iso_weekday()) + ", " + o.day.ru();
      ImGui::TextUnformatted(day.c_str());
      ImGui::TableSetColumnIndex(1);
      for (const auto& s : o.steps) ImGui::TextUnformatted(option_line(s).c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::Text("%d / %d %s", o.wait_min, o.idle_min, _("min"));
      if (o.touching > 0) ImGui::TextDisabled("%s", _("next to bookings"));
      ImGui::TableSetColumnIndex(3);
      ImGui::BeginDisabled(booking_ || !picker_.picked);
      if (ui::button(prefill_.move_appointment ? _("Move here") : _("Book"), ImVec2(120, 0))) book(o);
      ImGui::EndDisabled();
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (booked_first_) {
    on_booked(booked_day_, booked_first_);
    booked_first_ = 0;
    open_ = false;
  }
}

void SlotFinderDialog::draw(const std::function<void(Date, std::int64_t)>& on_booked) {
  if (!open_) return;
  if (!begin_dialog("slot_finder", _("Find a time"), open_, opened_, ctx_.shell, 1180.f, 760.f, _("Close"))) return;
  picker_.draw_choice("finder", ctx_.shell);
  ImGui::Separator();
  draw_needs();
  ImGui::Separator();
  draw_when();
  ImGui::BeginDisabled(searching_);
  if (ui::button(_("Find"), ImVec2(160, 0))) search();
  ImGui::EndDisabled();
  if (!error_.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "%s", error_.c_str());
  }
  ImGui::Separator();
  draw_results(on_booked);
  ImGui::EndPopup();
}

}  // namespace rg::desk
