// Booking runs on the worker in the core's transactions; the panel only gathers the choices and
// shows the outcome. A new patient is registered first, so a lost slot does not lose the card:
// the desk picks another time for the same, already registered, patient.
#include "booking_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "appointment_changes.h"
#include "dialog.h"
#include "patient_picker.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

constexpr db::Channel kChannels[] = {db::Channel::Phone, db::Channel::WalkIn, db::Channel::Website};
const char* channel_label(int i) {
  switch (i) {
    case 0: return _("Phone call");
    case 1: return _("In person at the desk");
    default: return _("Website");
  }
}

std::string when(Date day, int start, int end) {
  return ui::weekday_name(day.iso_weekday()) + ", " + ui::long_date(day.year(), day.month(), day.day()) +
         ", " + hhmm(start) + "–" + hhmm(end);
}

void error_text(const std::string& e) {
  if (e.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.70f, 0.10f, 0.10f, 1));
  ImGui::TextWrapped("%s", e.c_str());
  ImGui::PopStyleColor();
}

}  // namespace

void BookingPanel::open(const SlotChoice& slot, const std::optional<db::PatientSummary>& patient) {
  open_ = true;
  slot_ = slot;
  ++generation_;
  picker_.reset();
  patient_ = patient;
  new_patient_ = false;
  surname_[0] = name_[0] = patronymic_[0] = birth_[0] = phone_[0] = 0;
  source_ = -1;
  note_[0] = 0;
  past_reason_[0] = 0;
  channel_ = 0;
  error_.clear();
  booked_.reset();
  saving_ = false;
  waiting_entry_.reset();
  waiting_.clear();
  services_.clear();
  chosen_.clear();
  price_list_.clear();
  service_query_[0] = 0;
  picker_.focus();
  load_lists();
}

void BookingPanel::demo(const std::string& query, int services) {
  picker_.set_query(query, true);
  demo_pick_services_ = services;
}

void BookingPanel::load_lists() {
  int gen = generation_;
  SlotChoice s = slot_;
  ctx_.worker.submit([this, gen, s](db::Database& db) -> db::Worker::Continuation {
    auto services = db::services_for_doctor(db, s.doctor_id, s.day);
    auto all = db::price_list(db, s.day);
    auto sources = db::list_referral_sources(db);
    auto waiting = db::waiting_for_gap(db, s.doctor_id, to_unix(s.day, s.start_min), to_unix(s.day, s.free_until_min));
    return [this, gen, services = std::move(services), all = std::move(all), sources = std::move(sources),
            waiting = std::move(waiting)]() mutable {
      if (gen != generation_) return;
      if (services) services_ = std::move(*services), chosen_.assign(services_.size(), false);
      else error_ = services.error().message;
      if (all) price_list_ = std::move(*all);
      if (sources) sources_ = std::move(*sources);
      if (waiting) waiting_ = std::move(*waiting);
      // The screenshot's choice: the doctor's consultation.
      for (size_t i = 0; demo_pick_services_ > 0 && i < services_.size(); ++i)
        if (services_[i].name.starts_with("Приём")) chosen_[i] = true, --demo_pick_services_;
      demo_pick_services_ = 0;
    };
  });
}

int BookingPanel::duration() const {
  int total = 0;
  for (size_t i = 0; i < services_.size(); ++i)
    if (chosen_[i]) total += services_[i].duration_min;
  return total > 0 ? total : 30;
}

bool BookingPanel::time_is_over() const {
  return to_unix(slot_.day, slot_.start_min + duration()) <= db::now_unix();
}

void BookingPanel::save(const std::function<void(std::int64_t)>& on_booked) {
  error_.clear();
  std::optional<db::PatientDraft> draft;
  if (!patient_) {
    if (!new_patient_) {
      error_ = _("Find the patient or register a new one.");
      return;
    }
    db::PatientDraft p;
    p.surname = surname_;
    p.name = name_;
    p.patronymic = patronymic_;
    auto b = Date::parse_ru(birth_);
    if (!b) {
      error_ = _("Check the date of birth.");
      return;
    }
    p.birth_date = *b;
    p.sex = sex_ == 0 ? 'M' : 'F';
    if (std::strlen(phone_) > 0) p.phones.push_back({phone_, "mobile"});
    if (source_ < 0 || source_ >= int(sources_.size())) {
      error_ = _("Ask how the patient found the clinic: it is required for a new patient.");
      return;
    }
    p.referral_source_id = sources_[size_t(source_)].id;
    if (auto v = db::validate(p, today()); !v) {
      error_ = v.error().message;
      return;
    }
    draft = std::move(p);
  }
  db::AppointmentDraft a;
  a.patient_id = patient_ ? patient_->id : 0;
  a.doctor_id = slot_.doctor_id;
  a.room_id = slot_.room_id;
  a.start_at = to_unix(slot_.day, slot_.start_min);
  a.end_at = a.start_at + std::int64_t(duration()) * 60;
  a.channel = kChannels[std::clamp(channel_, 0, 2)];
  a.note = note_;
  a.past_reason = past_reason_;
  a.created_by = ctx_.user_id;
  for (size_t i = 0; i < services_.size(); ++i)
    if (chosen_[i]) a.service_ids.push_back(services_[i].id);
  saving_ = true;
  int gen = generation_;
  auto actor = ctx_.actor();
  auto entry = waiting_entry_;
  ctx_.worker.submit([this, gen, draft, a, actor, entry, on_booked](db::Database& db) mutable -> db::Worker::Continuation {
    std::optional<db::PatientSummary> registered;
    if (draft) {
      auto id = db::create_patient(db, *draft, actor);
      if (!id) return [this, gen, e = id.error().message] { if (gen == generation_) saving_ = false, error_ = e; };
      a.patient_id = *id;
      registered = db::PatientSummary{*id, "", draft->surname, draft->name, draft->patronymic,
                                      draft->birth_date.iso(), draft->sex, ""};
    }
    auto booked = entry ? db::book_from_waiting(db, *entry, a, actor) : db::book_appointment(db, a, actor);
    std::optional<db::Appointment> shown;
    if (booked) {
      if (auto loaded = db::load_appointment(db, *booked)) shown = std::move(*loaded);
    }
    return [this, gen, registered, booked, shown, on_booked]() {
      if (gen != generation_) return;
      saving_ = false;
      if (registered) patient_ = registered, new_patient_ = false;  // a retry books the same card
      if (!booked) {
        error_ = booked.error().message;
        return;
      }
      booked_ = shown;
      if (on_booked) on_booked(*booked);
    };
  });
}

void BookingPanel::draw(const std::function<void(std::int64_t)>& on_booked) {
  if (!open_) return;
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(booked_ ? _("Booked") : _("New appointment"));
  ImGui::PopFont();
  if (booked_) {
    draw_confirmation();
    return;
  }
  ImGui::TextWrapped("%s", when(slot_.day, slot_.start_min, slot_.start_min + duration()).c_str());
  std::string who = slot_.doctor_name + (slot_.specialty.empty() ? "" : " · " + slot_.specialty) +
                    (slot_.room.empty() ? "" : std::string(" · ") + _("Room") + " " + slot_.room);
  ImGui::TextWrapped("%s", who.c_str());
  if (slot_.start_min + duration() > slot_.free_until_min)
    ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.0f, 1), "%s %s", _("The doctor is free only until"),
                       hhmm(slot_.free_until_min).c_str());
  ImGui::Separator();
  draw_waiting();
  draw_patient();
  ImGui::Separator();
  draw_services();
  ImGui::Separator();
  ImGui::TextUnformatted(_("Note"));
  ImGui::InputTextMultiline("##note", note_, sizeof note_, ImVec2(-1, ImGui::GetTextLineHeight() * 2.6f));
  ImGui::TextUnformatted(_("How the patient booked"));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##channel", channel_label(channel_))) {
    for (int i = 0; i < 3; ++i)
      if (ImGui::Selectable(channel_label(i), i == channel_)) channel_ = i;
    ImGui::EndCombo();
  }
  const bool over = time_is_over();
  if (over) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.62f, 0.36f, 0.0f, 1));
    ImGui::TextWrapped("%s", _("This time is already over. A booking after the fact needs a reason; it goes to "
                               "the appointment's history."));
    ImGui::PopStyleColor();
    reason_input("past", past_reason_, sizeof past_reason_,
                 {N_("Seen without an appointment"), N_("Correcting a booking mistake"),
                  N_("Booked by the doctor's instruction")});
  }
  ImGui::Spacing();
  error_text(error_);
  ImGui::BeginDisabled(saving_ || (over && blank(past_reason_)));
  bool go = primary_button(saving_ ? _("Saving…") : over ? _("Book after the fact") : _("Book"), ImVec2(0, 0));
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(_("Cancel"), ImVec2(120, 0))) close();
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) go = true;
  if (go && !saving_ && !(over && blank(past_reason_))) save(on_booked);
}

void BookingPanel::draw_waiting() {
  if (waiting_.empty()) return;
  ImGui::TextColored(ImVec4(0.07f, 0.50f, 0.36f, 1), "%s: %d", _("Waiting list fits this time"), int(waiting_.size()));
  for (size_t i = 0; i < waiting_.size() && i < 4; ++i) {
    const auto& w = waiting_[i];
    ImGui::PushID(int(i));
    std::string line = w.patient_name + " · " + w.wants;
    if (w.priority > 0) line += w.priority == 2 ? std::string(" · ") + _("urgent") : std::string(" · ") + _("high");
    // The button first: a long name wraps without pushing it out of the panel.
    const bool pick = ImGui::SmallButton(_("Pick"));
    ImGui::SameLine();
    ImGui::TextWrapped("%s", line.c_str());
    if (pick) {
      patient_ = db::PatientSummary{w.patient_id, "", w.patient_name, "", "", "", 'F', w.patient_phone};
      waiting_entry_ = w.id;
      new_patient_ = false;
    }
    ImGui::PopID();
  }
  ImGui::Separator();
}

void BookingPanel::draw_patient() {
  ImGui::TextUnformatted(_("Patient"));
  if (patient_) {
    ImGui::PushFont(ctx_.shell.bold_font());
    ImGui::TextWrapped("%s", patient_line(*patient_).c_str());
    ImGui::PopFont();
    if (waiting_entry_) ImGui::TextDisabled("%s", _("from the waiting list"));
    if (ImGui::SmallButton(_("Change patient"))) patient_.reset(), picker_.picked.reset(), waiting_entry_.reset(), picker_.focus();
    return;
  }
  if (new_patient_) {
    draw_new_patient();
    return;
  }
  if (picker_.draw("patient") || picker_.picked) patient_ = picker_.picked;
  if (!picker_.error.empty()) error_ = picker_.error;
  if (ImGui::SmallButton(_("+ New patient"))) {
    new_patient_ = true;
    // Whatever was typed is most likely the surname.
    std::snprintf(surname_, sizeof surname_, "%s", tidy_name(picker_.query()).c_str());
  }
}

void BookingPanel::draw_new_patient() {
  auto field = [](const char* label, char* buf, size_t size, const char* hint = "") {
    ImGui::TextDisabled("%s", label);
    ImGui::SetNextItemWidth(-1);
    ImGui::PushID(label);
    ImGui::InputTextWithHint("##f", hint, buf, size);
    ImGui::PopID();
  };
  field(_("Surname"), surname_, sizeof surname_);
  field(_("First name"), name_, sizeof name_);
  field(_("Patronymic"), patronymic_, sizeof patronymic_);
  field(_("Date of birth"), birth_, sizeof birth_, _("dd.mm.yyyy"));
  field(_("Phone"), phone_, sizeof phone_, "+7 ___ ___-__-__");
  ImGui::RadioButton(_("female"), &sex_, 1);
  ImGui::SameLine();
  ImGui::RadioButton(_("male"), &sex_, 0);
  ImGui::TextDisabled("%s", _("How they found us (required)"));
  ImGui::SetNextItemWidth(-1);
  const char* current = source_ >= 0 && source_ < int(sources_.size()) ? sources_[size_t(source_)].name.c_str() : _("Choose…");
  if (ImGui::BeginCombo("##source", current)) {
    for (size_t i = 0; i < sources_.size(); ++i)
      if (ImGui::Selectable(sources_[i].name.c_str(), int(i) == source_)) source_ = int(i);
    ImGui::EndCombo();
  }
  if (ImGui::SmallButton(_("Back to search"))) new_patient_ = false;
}

// One service: the box, the short name (the full one and the code under it, quiet), the minutes
// and the price at the right. True when the box was clicked.
bool BookingPanel::draw_service_row(const db::ServiceOffer& s, bool chosen) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  bool on = chosen;
  const bool clicked = ImGui::Checkbox("##on", &on);
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(s.shown_name().c_str());
  ImGui::PopTextWrapPos();
  ImGui::TextDisabled("%s", s.code.c_str());
  ImGui::EndGroup();
  if (!s.short_name.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.name.c_str());
  ImGui::TableSetColumnIndex(1);
  ImGui::TextDisabled("%d %s", s.duration_min, _("min"));
  ImGui::TableSetColumnIndex(2);
  if (s.price_kopecks) ImGui::TextUnformatted(ui::money(*s.price_kopecks).c_str());
  else ImGui::TextDisabled("%s", _("no price"));
  return clicked;
}

void BookingPanel::draw_services() {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("Services"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##service_query", _("code or name of a service"), service_query_, sizeof service_query_);
  const bool searching = !blank(service_query_);
  if (services_.empty() && !searching) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", _("No services of this doctor in the price list: 30 minutes will be booked."));
    ImGui::PopStyleColor();
  }
  long long total = 0;
  for (size_t i = 0; i < services_.size(); ++i)
    if (chosen_[i] && services_[i].price_kopecks) total += *services_[i].price_kopecks;
  // The doctor's services (the chosen ones always shown), then, while searching, the rest of
  // the price list that matches.
  std::vector<size_t> mine;
  for (size_t i = 0; i < services_.size(); ++i)
    if (chosen_[i] || services_[i].matches(service_query_)) mine.push_back(i);
  std::vector<const db::ServiceOffer*> others;
  if (searching)
    for (const auto& o : price_list_) {
      if (others.size() >= 30) break;
      const bool listed = std::any_of(services_.begin(), services_.end(), [&](const auto& x) { return x.id == o.id; });
      if (!listed && o.matches(service_query_)) others.push_back(&o);
    }
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float wanted = line * 2.3f * float(mine.size() + others.size()) + (others.empty() ? 0 : line * 1.5f) + 8;
  const float rows_h = std::clamp(wanted, line * 2.5f, std::max(line * 8.f, ImGui::GetContentRegionAvail().y * 0.45f));
  if (ImGui::BeginTable("services", 3, ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg, ImVec2(0, rows_h))) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("min", ImGuiTableColumnFlags_WidthFixed, 58);
    ImGui::TableSetupColumn("price", ImGuiTableColumnFlags_WidthFixed, 104);
    for (size_t i : mine) {
      ImGui::PushID(int(i));
      if (draw_service_row(services_[i], chosen_[i])) chosen_[i] = !chosen_[i];
      ImGui::PopID();
    }
    if (searching && mine.empty() && others.empty()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextDisabled("%s", _("No such service in the price list."));
    }
    if (!others.empty()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextDisabled("%s", _("Other services of the price list"));
    }
    for (const db::ServiceOffer* o : others) {
      ImGui::PushID(static_cast<int>(o->id) + 1'000'000);
      if (draw_service_row(*o, false)) {  // added to the visit, checked
        services_.push_back(*o);
        chosen_.push_back(true);
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::Text("%s %d %s · %s", _("Total:"), duration(), _("min"), ui::money(total).c_str());
}

void BookingPanel::draw_confirmation() {
  const db::Appointment& a = *booked_;
  LocalTime from = to_local(a.start_at), to = to_local(a.end_at);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.91f, 0.97f, 0.93f, 1));
  ImGui::BeginChild("confirm", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 7.5f), true);
  ImGui::PushFont(ctx_.shell.bold_font());
  ImGui::TextWrapped("%s", a.patient_name.c_str());
  ImGui::PopFont();
  ImGui::TextWrapped("%s", when(from.date, from.minutes, to.minutes).c_str());
  ImGui::TextWrapped("%s", a.doctor_name.c_str());
  if (!a.room.empty()) ImGui::Text("%s %s", _("Room"), a.room.c_str());
  if (!a.services.empty()) ImGui::TextWrapped("%s", a.services.c_str());
  if (a.first_visit) ImGui::TextColored(ImVec4(0.76f, 0.25f, 0.05f, 1), "%s", _("First visit: contract and consent needed"));
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::BeginDisabled();
  ImGui::Button(_("Print slip"), ImVec2(170, 0));
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", _("Slips are printed once the documents module is installed."));
  ImGui::SameLine();
  if (ui::button(_("Done"), ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) close();
}

}  // namespace rg::desk
