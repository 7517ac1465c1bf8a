// The schedule screen wires the grid's events to the panels and the worker: it owns no drawing
// of appointments (DayGridView) and no booking logic (BookingPanel, AppointmentPanel, db/).
#include "schedule_screen.h"

#include <imgui.h>

#include <SDL_scancode.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "dialog.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"
#include "week_view.h"

namespace rg::desk {
namespace {

constexpr float kPanelW = 440.f;

ImU32 col(unsigned rgb) { return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, 255); }

}  // namespace

ScheduleScreen::ScheduleScreen(DeskContext& ctx)
    : Screen(ctx), view_(ctx.shell), booking_(ctx), appointment_(ctx), finder_(ctx), waiting_(ctx), tomorrow_(ctx), absence_(ctx) {}

std::string ScheduleScreen::title() const { return _("Schedule"); }

void ScheduleScreen::on_show() {
  if (!grid_ && !loading_) reload();
}

void ScheduleScreen::on_data_changed() {
  reload();
  if (mode_ == Mode::Waiting) waiting_.reload();
  if (mode_ == Mode::Tomorrow) tomorrow_.reload();
  appointment_.reload();
}

void ScheduleScreen::show_day(Date d) {
  if (mode_ == Mode::Tomorrow) {  // the list has a day of its own: the grid stays where it was
    tomorrow_.set_day(d);
    return;
  }
  day_ = d;
  view_.scroll_to_now();
  reload();
}

void ScheduleScreen::set_mode(Mode m) {
  mode_ = m;
  view_.single_day = m == Mode::Day;
  view_.cursor.reset();
  view_.scroll_to_now();
  booking_.close();
  appointment_.close();
  if (m == Mode::Waiting) waiting_.reload();
  else if (m == Mode::Tomorrow) tomorrow_.set_day(today().plus_days(1));
  else reload();
}

void ScheduleScreen::reload() {
  int gen = ++generation_;
  loading_ = true;
  Date day = day_;
  Mode mode = mode_;
  ctx_.worker.submit([this, gen, day, mode](db::Database& db) -> db::Worker::Continuation {
    auto g = db::load_day_grid(db, day);
    std::vector<db::DayGrid> week;
    std::optional<Error> week_error;
    if (mode == Mode::Week) {
      Date monday = week_start(day);
      for (int i = 0; i < 7; ++i) {
        auto w = db::load_day_grid(db, monday.plus_days(i));
        if (!w) {
          week_error = w.error();
          break;
        }
        week.push_back(std::move(*w));
      }
    }
    return [this, gen, g = std::move(g), week = std::move(week), week_error]() mutable {
      if (gen != generation_) return;  // the desk already moved on to another day
      loading_ = false;
      if (!g) {
        error_ = g.error().message;
        return;
      }
      grid_ = std::move(*g);
      error_ = week_error ? week_error->message : "";
      if (week_doctor_ == 0)
        for (const auto& d : grid_->doctors)
          if (!d.day_off) {
            week_doctor_ = d.doctor_id;
            break;
          }
      week_days_ = std::move(week);
      week_ = week_days_.empty() ? std::nullopt : std::optional(week_as_grid(week_days_, week_doctor_));
    };
  });
}

const db::DayGrid* ScheduleScreen::shown_grid() const {
  if (mode_ == Mode::Week) return week_ ? &*week_ : nullptr;
  return grid_ ? &*grid_ : nullptr;
}

Date ScheduleScreen::day_of(const GridSlot& s) const {
  if (mode_ == Mode::Week) return week_start(day_).plus_days(int(s.doctor_id) - 1);
  return day_;
}

std::int64_t ScheduleScreen::doctor_of(const GridSlot& s) const {
  return mode_ == Mode::Week ? week_doctor_ : s.doctor_id;
}

const db::DoctorDay* ScheduleScreen::doctor_day(const GridSlot& s) const {
  const db::DayGrid* g = shown_grid();
  if (!g) return nullptr;
  for (const auto& d : g->doctors)
    if (d.doctor_id == s.doctor_id) return &d;
  return nullptr;
}

std::optional<SlotChoice> ScheduleScreen::slot_choice(const GridSlot& s) const {
  const db::DoctorDay* d = doctor_day(s);
  const db::DayGrid* g = shown_grid();
  if (!d || !g) return std::nullopt;
  SlotChoice c;
  c.day = day_of(s);
  c.doctor_id = doctor_of(s);
  c.doctor_name = mode_ == Mode::Week ? d->specialty : d->short_name;  // the week keeps the name there
  c.specialty = mode_ == Mode::Week ? "" : d->specialty;
  c.room_id = d->room_id;
  c.room = d->room;
  c.start_min = s.minute;
  // Free until the next booking of the doctor, a break, or the end of the working period.
  int until = s.minute;
  for (const auto& w : d->work)
    if (w.start_min <= s.minute && s.minute < w.end_min) until = w.end_min;
  for (const auto& b : d->breaks)
    if (b.start_min > s.minute) until = std::min(until, b.start_min);
  for (const auto& a : g->appointments)
    if (a.doctor_id == s.doctor_id && db::holds_time(a.status) && a.start_min >= s.minute)
      until = std::min(until, a.start_min);
  c.free_until_min = until;
  return c;
}

bool ScheduleScreen::column_shown(const db::DoctorDay& d) const {
  if (mode_ == Mode::Week) return true;
  if (only_working_ && d.day_off && d.absence.empty()) return false;
  if (specialty_filter_ != 0 &&
      std::find(d.specialty_ids.begin(), d.specialty_ids.end(), specialty_filter_) == d.specialty_ids.end())
    return false;
  if (doctor_filter_ != 0 && d.doctor_id != doctor_filter_) return false;
  if (!room_filter_.empty() && d.room != room_filter_) return false;
  return true;
}

void ScheduleScreen::handle(const GridEvent& ev) {
  using K = GridEvent::Kind;
  switch (ev.kind) {
    case K::None: break;
    case K::PickSlot:
      if (moving_) {
        move_target_ = ev.slot;
        break;
      }
      if (auto c = slot_choice(ev.slot)) {
        appointment_.close();
        view_.selected_appointment = 0;
        booking_.open(*c, for_patient_);
      }
      break;
    case K::PickAppointment:
      booking_.close();
      moving_ = 0;
      view_.selected_appointment = ev.appointment_id;
      appointment_.open(ev.appointment_id);
      break;
    case K::Menu:
      menu_appointment_ = ev.appointment_id;
      open_menu_ = true;
      view_.selected_appointment = ev.appointment_id;
      appointment_.open(ev.appointment_id);
      booking_.close();
      break;
    case K::Move:
      view_.selected_appointment = ev.appointment_id;
      appointment_.open(ev.appointment_id);
      moving_ = ev.appointment_id;
      move_target_ = ev.slot;
      break;
    case K::Escape:
      if (moving_) moving_ = 0;
      else if (booking_.is_open()) booking_.close();
      else appointment_.close(), view_.selected_appointment = 0;
      break;
  }
}

void ScheduleScreen::draw_header() {
  const int step = mode_ == Mode::Week ? 7 : 1;
  const Date shown = mode_ == Mode::Tomorrow ? tomorrow_.day() : day_;
  if (ImGui::Button("◀")) show_day(shown.plus_days(-step));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", mode_ == Mode::Week ? _("Previous week") : _("Previous day"));
  ImGui::SameLine();
  if (ImGui::Button(_("Today"))) show_day(today());
  ImGui::SameLine();
  if (ImGui::Button("▶")) show_day(shown.plus_days(step));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", mode_ == Mode::Week ? _("Next week") : _("Next day"));
  ImGui::SameLine(0, 16);
  ImGui::PushFont(ctx_.shell.font(24));
  std::string heading;
  if (mode_ == Mode::Tomorrow || mode_ == Mode::Waiting) {
    heading = mode_ == Mode::Tomorrow ? _("Cards to pull") : _("Waiting list");
  } else if (mode_ == Mode::Week) {
    Date mon = week_start(day_), sun = mon.plus_days(6);
    heading = std::string(_("Week")) + " " + mon.ru().substr(0, 5) + " – " + sun.ru();
  } else {
    heading = ui::weekday_name(day_.iso_weekday()) + ", " + ui::long_date(day_.year(), day_.month(), day_.day());
  }
  ImGui::TextUnformatted(heading.c_str());
  ImGui::PopFont();

  // The slot finder and the views, at the right end of the first line.
  const char* labels[] = {_("Day"), _("Doctor's week"), _("Tomorrow"), _("Waiting list")};
  const char* find_label = _("Find a time…");
  float w = ImGui::CalcTextSize(find_label).x + ImGui::GetStyle().FramePadding.x * 2 + 24;
  for (const char* l : labels) w += ImGui::CalcTextSize(l).x + ImGui::GetStyle().FramePadding.x * 2 + 8;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
  if (ui::button(find_label) || ImGui::IsKeyPressed(SDL_SCANCODE_F9, false))
    finder_.open();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("Back-to-back times for 1–4 specialists (F9)"));
  ImGui::SameLine(0, 24);
  for (int i = 0; i < 4; ++i) {
    if (i) ImGui::SameLine(0, 8);
    bool on = int(mode_) == i;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(labels[i]) && !on) set_mode(Mode(i));
    if (on) ImGui::PopStyleColor();
  }
  draw_filters();
  draw_for_patient();
}

void ScheduleScreen::deal_with_outside_hours(std::int64_t doctor_id, Date from) {
  absence_.open_outside_hours(doctor_id, from);
}

void ScheduleScreen::book_for(const db::PatientSummary& patient) {
  for_patient_ = patient;
  booking_.close();
  appointment_.close();
  moving_ = 0;
  if (mode_ != Mode::Day && mode_ != Mode::Week) set_mode(Mode::Day);
}

void ScheduleScreen::draw_for_patient() {
  if (!for_patient_) return;
  const db::PatientSummary& p = *for_patient_;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.89f, 0.94f, 1.0f, 1));
  ImGui::BeginChild("for_patient", ImVec2(0, ImGui::GetFrameHeightWithSpacing() + 14), true);
  ImGui::AlignTextToFramePadding();
  char card[64];
  std::snprintf(card, sizeof card, _("card No. %s"), p.card_no.c_str());
  ImGui::Text("%s %s (%s) — %s", _("Booking for"), masked_name(p.surname, p.name, p.patronymic).c_str(), card,
              _("click a free time in the grid or"));
  ImGui::SameLine();
  if (ui::button(_("Find a time…"))) {
    SlotFinderDialog::Prefill pre;
    pre.patient = p;
    finder_.open(pre);
  }
  ImGui::SameLine();
  if (ImGui::Button(_("Not for this patient"))) for_patient_.reset();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void ScheduleScreen::draw_filters() {
  const db::DayGrid* g = grid_ ? &*grid_ : nullptr;
  if (mode_ == Mode::Waiting || mode_ == Mode::Tomorrow) {
    // These views draw their own filters.
  } else if (mode_ == Mode::Week) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", _("Doctor:"));
    ImGui::SameLine();
    std::string current;
    if (g)
      for (const auto& d : g->doctors)
        if (d.doctor_id == week_doctor_) current = d.short_name + " · " + d.specialty;
    ImGui::SetNextItemWidth(360);
    if (ImGui::BeginCombo("##doctor", current.c_str())) {
      if (g)
        for (const auto& d : g->doctors) {
          std::string label = d.short_name + " · " + d.specialty;
          if (ImGui::Selectable(label.c_str(), d.doctor_id == week_doctor_)) {
            week_doctor_ = d.doctor_id;
            reload();
          }
        }
      ImGui::EndCombo();
    }
  } else if (g) {
    int counts[7] = {};
    for (const auto& a : g->appointments) ++counts[static_cast<int>(a.status)];
    int working = 0;
    for (const auto& d : g->doctors) working += d.day_off ? 0 : 1;
    ImGui::TextDisabled("%s %d · %s %d", _("Doctors at work:"), working, _("appointments:"),
                        int(g->appointments.size()) - counts[int(db::AppointmentStatus::Cancelled)]);
    for (int s = 0; s < 7; ++s) {
      StatusLook look = status_look(static_cast<db::AppointmentStatus>(s));
      ImGui::SameLine(0, 14);
      ImVec2 p = ImGui::GetCursorScreenPos();
      float h = ImGui::GetTextLineHeight();
      ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + h, p.y + h), col(look.fill), 3.f);
      ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + 4, p.y + h), col(look.accent), 2.f);
      ImGui::Dummy(ImVec2(h, h));
      ImGui::SameLine(0, 4);
      ImGui::Text("%s %d", _(look.name), counts[s]);
    }
    // Specialty filter and the working-only switch.
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", _("Specialty:"));
    ImGui::SameLine();
    std::vector<std::pair<std::int64_t, std::string>> specialties;
    for (const auto& d : g->doctors)
      if (!d.specialty_ids.empty() &&
          std::none_of(specialties.begin(), specialties.end(), [&](auto& p) { return p.first == d.specialty_ids.front(); }))
        specialties.emplace_back(d.specialty_ids.front(), d.specialty);
    std::string current = _("all");
    for (auto& [id, name] : specialties)
      if (id == specialty_filter_) current = name;
    ImGui::SetNextItemWidth(260);
    if (ImGui::BeginCombo("##specialty", current.c_str())) {
      if (ImGui::Selectable(_("all"), specialty_filter_ == 0)) specialty_filter_ = 0;
      for (auto& [id, name] : specialties)
        if (ImGui::Selectable(name.c_str(), id == specialty_filter_)) specialty_filter_ = id;
      ImGui::EndCombo();
    }
    ImGui::SameLine(0, 16);
    ImGui::TextDisabled("%s", _("Doctor:"));
    ImGui::SameLine();
    std::string doctor_shown = _("all");
    for (const auto& d : g->doctors)
      if (d.doctor_id == doctor_filter_) doctor_shown = d.short_name;
    ImGui::SetNextItemWidth(200);
    if (ImGui::BeginCombo("##doctor_filter", doctor_shown.c_str())) {
      if (ImGui::Selectable(_("all"), doctor_filter_ == 0)) doctor_filter_ = 0;
      for (const auto& d : g->doctors)
        if (ImGui::Selectable((d.short_name + " · " + d.specialty).c_str(), d.doctor_id == doctor_filter_))
          doctor_filter_ = d.doctor_id;
      ImGui::EndCombo();
    }
    ImGui::SameLine(0, 16);
    ImGui::TextDisabled("%s", _("Room:"));
    ImGui::SameLine();
    std::vector<std::string> rooms;
    for (const auto& d : g->doctors)
      if (!d.room.empty() && std::find(rooms.begin(), rooms.end(), d.room) == rooms.end()) rooms.push_back(d.room);
    std::sort(rooms.begin(), rooms.end());
    ImGui::SetNextItemWidth(110);
    if (ImGui::BeginCombo("##room_filter", room_filter_.empty() ? _("all") : room_filter_.c_str())) {
      if (ImGui::Selectable(_("all"), room_filter_.empty())) room_filter_.clear();
      for (const auto& r : rooms)
        if (ImGui::Selectable(r.c_str(), r == room_filter_)) room_filter_ = r;
      ImGui::EndCombo();
    }
    ImGui::SameLine(0, 24);
    ImGui::Checkbox(_("Only doctors at work"), &only_working_);
    ImGui::SameLine(0, 24);
    if (guarded_button(_("Doctor's absence…"), ctx_.may(db::Permission::ScheduleAbsences),
                       db::Permission::ScheduleAbsences)) {
      std::int64_t doctor = view_.cursor ? view_.cursor->doctor_id : 0;
      absence_.open(doctor, day_);
    }
  }
  if (moving_) {
    ImGui::SameLine(0, 24);
    ImGui::TextColored(ImVec4(0.18f, 0.43f, 0.92f, 1), "%s", _("Pick the new time in the grid (Esc: stop)"));
    const auto& a = appointment_.appointment();
    ImGui::SameLine();
    if (a && a->id == moving_ && ImGui::SmallButton(_("or find a time…"))) {
      SlotFinderDialog::Prefill p;
      p.patient = db::PatientSummary{a->patient_id, "", a->patient_name, "", "", "", 'F', a->patient_phone};
      p.doctor_id = a->doctor_id;
      p.move_appointment = a->id;
      p.duration_min = int((a->end_at - a->start_at) / 60);
      p.tell_patient = move_tells_patient_;
      finder_.open(p);
      moving_ = 0;
      move_tells_patient_ = false;
    }
  }
  if (!error_.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", error_.c_str());
}

void ScheduleScreen::draw_body() {
  if (mode_ == Mode::Tomorrow) {
    tomorrow_.draw();
    return;
  }
  if (mode_ == Mode::Waiting) {
    waiting_.draw([this](const db::WaitingEntry& e) {
      SlotFinderDialog::Prefill p;
      p.patient = db::PatientSummary{e.patient_id, "", e.patient_name, "", "", "", 'F', e.patient_phone};
      p.specialty_id = e.specialty_id;
      p.doctor_id = e.doctor_id;
      p.waiting_entry = e.id;
      finder_.open(p);
    });
    return;
  }
  const db::DayGrid* g = shown_grid();
  if (!g) {
    ImGui::TextDisabled("%s", _("Loading the schedule…"));
    return;
  }
  handle(view_.draw(*g, [this](const db::DoctorDay& d) { return column_shown(d); }));
}

void ScheduleScreen::draw_side_panel(float width) {
  ImGui::BeginChild("side", ImVec2(width, 0), true);
  if (booking_.is_open()) {
    booking_.draw([this](std::int64_t id) {
      view_.selected_appointment = id;
      for_patient_.reset();  // booked: the strip has done its work
      reload();
    });
  } else if (appointment_.is_open()) {
    appointment_.draw([this] { moving_ = appointment_.id(); });
  }
  ImGui::EndChild();
}

void ScheduleScreen::draw_menu() {
  if (open_menu_) {
    ImGui::OpenPopup("appointment_menu");
    open_menu_ = false;
  }
  if (!ImGui::BeginPopup("appointment_menu")) return;
  const auto& a = appointment_.appointment();
  if (!a || a->id != menu_appointment_) {
    ImGui::TextDisabled("%s", _("Loading…"));
  } else {
    ImGui::TextDisabled("%s", a->patient_name.c_str());
    ImGui::Separator();
    for (db::AppointmentStatus next : db::next_statuses(a->status)) {
      std::string label = std::string("→ ") + db::status_name(next) + (next == db::AppointmentStatus::Cancelled ? "…" : "");
      if (ImGui::MenuItem(label.c_str())) appointment_.set_status(next);
    }
    if (db::holds_time(a->status) && a->status != db::AppointmentStatus::Done) {
      ImGui::Separator();
      if (ImGui::MenuItem(_("Move…"))) moving_ = a->id;
    }
  }
  ImGui::EndPopup();
}

void ScheduleScreen::draw_move_confirmation() {
  if (!move_target_) return;
  const auto& a = appointment_.appointment();
  if (!a || a->id != moving_) return;  // still loading
  ImGui::OpenPopup("confirm_move");
  if (!ImGui::BeginPopupModal("confirm_move", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar)) return;
  const db::DoctorDay* d = doctor_day(*move_target_);
  Date day = day_of(*move_target_);
  int length = int((a->end_at - a->start_at) / 60);
  std::string doctor = d ? (mode_ == Mode::Week ? d->specialty : d->short_name) : "";
  ImGui::PushFont(ctx_.shell.bold_font());
  ImGui::TextUnformatted(_("Move the appointment?"));
  ImGui::PopFont();
  ImGui::Text("%s", a->patient_name.c_str());
  LocalTime was = to_local(a->start_at);
  ImGui::Text("%s: %s %s, %s", _("was"), was.date.ru().c_str(), hhmm(was.minutes).c_str(), a->doctor_name.c_str());
  ImGui::Text("%s: %s %s–%s, %s", _("now"), day.ru().c_str(), hhmm(move_target_->minute).c_str(),
              hhmm(move_target_->minute + length).c_str(), doctor.c_str());
  ImGui::Spacing();
  if (ui::button(_("Move"), ImVec2(140, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
    db::MoveTo to;
    to.doctor_id = doctor_of(*move_target_);
    to.room_id = to.doctor_id == a->doctor_id && d && !d->room_id ? a->room_id : (d ? d->room_id : a->room_id);
    to.start_at = to_unix(day, move_target_->minute);
    to.end_at = to.start_at + std::int64_t(length) * 60;
    appointment_.move_to(to, move_tells_patient_);
    move_tells_patient_ = false;
    moving_ = 0;
    move_target_.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button(_("Cancel"), ImVec2(140, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    moving_ = 0;
    move_tells_patient_ = false;
    move_target_.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void ScheduleScreen::draw() {
  draw_header();
  ImGui::Spacing();
  const bool side = booking_.is_open() || appointment_.is_open();
  const float avail = ImGui::GetContentRegionAvail().x;
  ImGui::BeginChild("body", ImVec2(side ? avail - kPanelW - 8 : 0, 0), false);
  draw_body();
  ImGui::EndChild();
  if (side) {
    ImGui::SameLine(0, 8);
    draw_side_panel(kPanelW);
  }
  draw_menu();
  draw_move_confirmation();
  finder_.draw([this](Date day, std::int64_t first) {
    for_patient_.reset();
    booking_.close();
    view_.selected_appointment = first;
    appointment_.open(first);
    show_day(day);
  });
  absence_.draw([this](std::int64_t id) {
    view_.selected_appointment = id;
    appointment_.open(id);
    moving_ = id;
    move_tells_patient_ = true;
  });
  // Ctrl+F: the patient search of the booking panel.
  if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(SDL_SCANCODE_F, false) && booking_.is_open()) booking_.focus_search();
}

void ScheduleScreen::prepare_screenshot() {
  set_mode(Mode::Day);
  booking_.close();
  appointment_.close();
}

void ScheduleScreen::prepare_extra_shot(const std::string& name) {
  if (name == "booking") demo_booking("иван");
  if (name == "appointment") demo_appointment();
  if (name == "finder") {
    set_mode(Mode::Day);
    finder_.open();
    finder_.demo();
  }
  if (name == "waiting") set_mode(Mode::Waiting);
  if (name == "tomorrow") set_mode(Mode::Tomorrow);
  if (name == "absence") {
    set_mode(Mode::Day);
    absence_.demo_latest();
  }
  if (name == "week") {
    booking_.close();
    appointment_.close();
    view_.selected_appointment = 0;
    set_mode(Mode::Week);
  }
}

void ScheduleScreen::demo_booking(const std::string& patient_query) {
  if (!grid_) return;
  // The first free half hour to come of the first working doctor.
  const LocalTime now = to_local(db::now_unix());
  const int from = grid_->day == now.date ? now.minutes : 0;
  for (const auto& d : grid_->doctors) {
    if (d.day_off) continue;
    for (const auto& w : d.work)
      for (int m = w.start_min; m + 30 <= w.end_min; m += 15) {
        if (m < from) continue;
        bool taken = std::any_of(grid_->appointments.begin(), grid_->appointments.end(), [&](const auto& a) {
          return a.doctor_id == d.doctor_id && db::holds_time(a.status) && a.start_min < m + 30 && a.end_min > m;
        });
        bool on_break = std::any_of(d.breaks.begin(), d.breaks.end(),
                                    [&](const auto& b) { return b.start_min < m + 30 && b.end_min > m; });
        if (taken || on_break) continue;
        GridSlot s{d.doctor_id, m};
        view_.cursor = s;
        view_.scroll_to_now();
        if (auto c = slot_choice(s)) booking_.open(*c), booking_.demo(patient_query, 1);
        return;
      }
  }
}

void ScheduleScreen::demo_appointment() {
  booking_.close();
  if (!grid_) return;
  for (const auto& a : grid_->appointments)
    if (a.status == db::AppointmentStatus::Confirmed) {
      view_.selected_appointment = a.id;
      view_.cursor = GridSlot{a.doctor_id, a.start_min};
      view_.scroll_to_now();
      appointment_.open(a.id);
      return;
    }
}

}  // namespace rg::desk
