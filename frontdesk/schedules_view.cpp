#include "schedules_view.h"

#include "palette.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "dialog.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

const char* kKinds[] = {N_("every week"), N_("even weeks"), N_("odd weeks"), N_("shift cycle")};

std::string doctor_label(const db::Doctor& d) {
  return d.surname + " " + d.name + (d.specialties.empty() ? "" : " · " + d.specialties);
}

}  // namespace

void SchedulesView::load() {
  if (loading_) return;
  loading_ = true;
  ctx_.worker.submit([this](db::Database& db) -> db::Worker::Continuation {
    auto doctors = db::list_doctors(db);
    auto rooms = db::list_rooms(db);
    auto published = db::published_until(db);
    return [this, doctors = std::move(doctors), rooms = std::move(rooms), published]() {
      loading_ = false;
      loaded_ = true;
      if (!doctors) {
        action_.error = doctors.error().message;
        return;
      }
      doctors_ = *doctors;
      if (rooms) rooms_ = *rooms;
      if (published) {
        published_ = *published;
        copy_to(horizon_, *published ? (*published)->ru() : std::string());
      }
      if (!doctor_ && !doctors_.empty()) choose(doctors_.front().id);
    };
  });
}

void SchedulesView::choose(std::int64_t doctor_id) {
  doctor_ = doctor_id;
  left_.clear();
  left_from_.reset();
  checked_ = saved_ = false;
  copy_to(from_, today().plus_days(1).ru());
  copy_to(day_, today().plus_days(1).ru());
  load_doctor();
}

void SchedulesView::load_doctor() {
  if (!doctor_) return;
  const int gen = ++generation_;
  const std::int64_t id = *doctor_;
  ctx_.worker.submit([this, gen, id](db::Database& db) -> db::Worker::Continuation {
    const Date from = today();
    auto rules = db::schedule_rules(db, id, from);
    auto days = db::schedule_days(db, id, from, from.plus_days(120));
    return [this, gen, rules = std::move(rules), days = std::move(days)]() {
      if (gen != generation_) return;
      if (!rules) {
        action_.error = rules.error().message;
        return;
      }
      current_ = *rules;
      if (days) days_ = *days;
      // The form starts from the pattern that will be in force last (the latest start).
      rows_.clear();
      Date latest;
      for (const auto& r : current_) latest = std::max(latest, r.valid_from);
      for (const auto& r : current_) {
        if (r.valid_from != latest) continue;
        Row row;
        row.kind = r.weekday == 0 ? 3 : r.weeks == 'e' ? 1 : r.weeks == 'o' ? 2 : 0;
        row.weekday = r.weekday ? r.weekday : 1;
        if (r.weekday == 0) row.cycle_on = r.cycle_on, row.cycle_off = r.cycle_off;
        copy_to(row.start, hhmm(r.start_min));
        copy_to(row.end, hhmm(r.end_min));
        row.is_break = r.is_break;
        row.room = r.room_id;
        rows_.push_back(row);
      }
      if (demo_check_) {
        // The screenshot: evenings cut short from tomorrow, checked against the bookings.
        demo_check_ = false;
        for (auto& row : rows_)
          if (!row.is_break) copy_to(row.end, "12:00");
        std::erase_if(rows_, [](const Row& r) { return r.is_break; });
        std::string problem;
        auto p = pattern(problem);
        if (const auto from = Date::parse_ru(from_); !p.empty() && from) check(p, *from);
      }
    };
  });
}

std::vector<db::ScheduleRule> SchedulesView::pattern(std::string& problem) const {
  std::vector<db::ScheduleRule> out;
  for (const auto& row : rows_) {
    db::ScheduleRule r;
    const auto s = parse_hhmm(row.start), e = parse_hhmm(row.end);
    if (!s || !e) {
      problem = format_text(_("A time does not read: %s–%s. Write it as 09:00."), row.start, row.end);
      return {};
    }
    r.start_min = *s, r.end_min = *e;
    r.is_break = row.is_break;
    r.room_id = row.room;
    if (row.kind == 3) {
      r.weekday = 0, r.cycle_on = row.cycle_on, r.cycle_off = row.cycle_off;
    } else {
      r.weekday = row.weekday;
      r.weeks = row.kind == 1 ? 'e' : row.kind == 2 ? 'o' : 'a';
    }
    out.push_back(r);
  }
  return out;
}

void SchedulesView::check(const std::vector<db::ScheduleRule>& p, Date from) {
  if (!doctor_) return;
  action_.busy = true;
  action_.error.clear();
  ctx_.worker.submit([this, p, from, doctor = *doctor_](db::Database& db) -> db::Worker::Continuation {
    auto left = db::preview_pattern(db, doctor, p, from);
    return [this, left, from]() {
      action_.busy = false;
      if (!left) {
        action_.error = left.error().message;
        return;
      }
      checked_ = true;
      show_left(*left, from);
    };
  });
}

void SchedulesView::show_left(const std::vector<db::Appointment>& left, Date from) {
  left_ = left;
  left_from_ = from;
}

void SchedulesView::draw() {
  if (!loaded_ && !loading_) load();
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Doctors' schedules"));
  ImGui::PopFont();
  if (!action_.error.empty()) ImGui::TextColored(kError, "%s", action_.error.c_str());
  if (!action_.notice.empty()) ImGui::TextColored(kGreen, "%s", action_.notice.c_str());
  if (doctors_.empty()) {
    if (loaded_) ImGui::TextWrapped("%s", _("No doctor yet: add the doctors first (Settings → Doctors)."));
    return;
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("Doctor"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(420);
  std::string current = _("Choose…");
  for (const auto& d : doctors_)
    if (doctor_ == d.id) current = doctor_label(d);
  if (ImGui::BeginCombo("##doctor", current.c_str())) {
    for (const auto& d : doctors_)
      if (ImGui::Selectable(doctor_label(d).c_str(), doctor_ == d.id)) choose(d.id);
    ImGui::EndCombo();
  }
  ImGui::SameLine(0, 40);
  draw_horizon();
  ImGui::Separator();
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::BeginChild("pattern", ImVec2(width * 0.72f, 0), false);
  draw_pattern();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("days", ImVec2(0, 0), true);
  draw_days();
  ImGui::EndChild();
}

void SchedulesView::draw_horizon() {
  const bool may = ctx_.may(db::Permission::ScheduleEdit);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("Published up to"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(130.f, ImGui::CalcTextSize(_("no limit")).x + 24));
  ImGui::InputTextWithHint("##horizon", _("no limit"), horizon_, sizeof horizon_);
  ImGui::SameLine();
  if (guarded_button(_("Publish"), may, db::Permission::ScheduleEdit)) {
    std::optional<Date> until;
    if (!blank(horizon_)) {
      until = Date::parse_ru(horizon_);
      if (!until) {
        action_.error = _("Check the date: dd.mm.yyyy.");
        return;
      }
    }
    const db::Actor actor = ctx_.actor();
    action_.busy = true;
    ctx_.worker.submit([this, until, actor](db::Database& db) -> db::Worker::Continuation {
      auto left = db::set_published_until(db, until, db::now_unix(), actor);
      return [this, left, until]() {
        action_.busy = false;
        if (!left) {
          action_.error = left.error().message;
          return;
        }
        action_.error.clear();
        published_ = until;
        action_.notice = until ? format_text(_("The schedule is published up to %s."), until->ru().c_str())
                               : std::string(_("The schedule is published without a limit."));
        if (!left->empty() && until) show_left(*left, until->plus_days(1));
      };
    });
  }
}

void SchedulesView::draw_pattern() {
  const bool may = ctx_.may(db::Permission::ScheduleEdit);
  ImGui::TextUnformatted(_("In force and to come"));
  if (current_.empty()) ImGui::TextColored(kAmber, "%s", _("No working hours: nobody can be booked with this doctor."));
  for (const auto& r : current_) {
    std::string when = format_text(_("from %s"), r.valid_from.ru().c_str());
    if (r.valid_until) when += " " + format_text(_("to %s"), r.valid_until->ru().c_str());
    ImGui::BulletText("%s  ·  %s", db::describe_rule(r).c_str(), when.c_str());
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("New pattern from"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(130);
  if (ImGui::InputText("##from", from_, sizeof from_)) checked_ = false;
  ImGui::SameLine();
  ImGui::TextColored(kQuiet, "%s", _("(a shift cycle's first working day)"));

  int remove = -1;
  if (ImGui::BeginTable("rows", 7, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn(_("Weeks"), ImGuiTableColumnFlags_WidthFixed, 165);
    ImGui::TableSetupColumn(_("Day"), ImGuiTableColumnFlags_WidthFixed, 140);
    ImGui::TableSetupColumn(_("From"), ImGuiTableColumnFlags_WidthFixed, 66);
    ImGui::TableSetupColumn(_("To"), ImGuiTableColumnFlags_WidthFixed, 66);
    ImGui::TableSetupColumn(_("Break"), ImGuiTableColumnFlags_WidthFixed, 64);
    ImGui::TableSetupColumn(_("Room"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 40);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      Row& row = rows_[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      if (ImGui::BeginCombo("##kind", _(kKinds[row.kind]))) {
        for (int k = 0; k < 4; ++k)
          if (ImGui::Selectable(_(kKinds[k]), row.kind == k)) row.kind = k, checked_ = false;
        ImGui::EndCombo();
      }
      ImGui::TableNextColumn();
      if (row.kind == 3) {
        ImGui::SetNextItemWidth(60);
        if (ImGui::InputInt("##on", &row.cycle_on, 0)) row.cycle_on = std::clamp(row.cycle_on, 1, 14), checked_ = false;
        ImGui::SameLine(0, 4);
        ImGui::TextUnformatted("/");
        ImGui::SameLine(0, 4);
        ImGui::SetNextItemWidth(60);
        if (ImGui::InputInt("##off", &row.cycle_off, 0)) row.cycle_off = std::clamp(row.cycle_off, 1, 14), checked_ = false;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("working days / days off, e.g. 2 / 2"));
      } else {
        ImGui::SetNextItemWidth(-1);
        if (ImGui::BeginCombo("##weekday", ui::weekday_name(row.weekday).c_str())) {
          for (int d = 1; d <= 7; ++d)
            if (ImGui::Selectable(ui::weekday_name(d).c_str(), row.weekday == d)) row.weekday = d, checked_ = false;
          ImGui::EndCombo();
        }
      }
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      if (ImGui::InputText("##start", row.start, sizeof row.start)) checked_ = false;
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      if (ImGui::InputText("##end", row.end, sizeof row.end)) checked_ = false;
      ImGui::TableNextColumn();
      if (ImGui::Checkbox("##break", &row.is_break)) checked_ = false;
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      std::string room = _("his default room");
      for (const auto& r : rooms_)
        if (row.room == r.id) room = r.number + (r.name.empty() ? "" : " · " + r.name);
      if (ImGui::BeginCombo("##room", room.c_str())) {
        if (ImGui::Selectable(_("his default room"), !row.room)) row.room.reset();
        for (const auto& r : rooms_)
          if (ImGui::Selectable((r.number + (r.name.empty() ? "" : " · " + r.name)).c_str(), row.room == r.id))
            row.room = r.id;
        ImGui::EndCombo();
      }
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("×")) remove = static_cast<int>(i);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (remove >= 0) rows_.erase(rows_.begin() + remove), checked_ = false;
  if (ui::button(_("Add a row"))) {
    Row r;
    if (!rows_.empty()) r = rows_.back(), r.weekday = r.weekday % 7 + 1;
    rows_.push_back(r);
    checked_ = false;
  }
  ImGui::SameLine();
  if (ui::button(_("Mon–Fri like the first row")) && !rows_.empty()) {
    const Row first = rows_.front();
    std::erase_if(rows_, [](const Row& r) { return r.kind == 0 && !r.is_break && r.weekday <= 5; });
    for (int d = 5; d >= 1; --d) {
      Row r = first;
      r.kind = 0, r.weekday = d, r.is_break = false;
      rows_.insert(rows_.begin(), r);
    }
    checked_ = false;
  }

  std::string problem;
  const auto p = pattern(problem);
  const auto from = Date::parse_ru(from_);
  if (!from) problem = _("Check the date: dd.mm.yyyy.");
  if (!problem.empty()) ImGui::TextColored(kError, "%s", problem.c_str());
  const db::Actor actor = ctx_.actor();
  const std::int64_t doctor = doctor_.value_or(0);
  ImGui::Spacing();
  ImGui::BeginDisabled(action_.busy || !problem.empty() || !doctor_);
  if (ui::button(_("Check against bookings"), ImVec2(280, 40))) check(p, *from);
  ImGui::SameLine();
  ImGui::EndDisabled();
  ImGui::BeginDisabled(action_.busy || !problem.empty() || !doctor_ || !may);
  if (primary_button(_("Save the pattern"), ImVec2(260, 40))) {
    action_.busy = true;
    action_.error.clear();
    ctx_.worker.submit([this, p, f = *from, doctor, actor](db::Database& db) -> db::Worker::Continuation {
      auto left = db::set_pattern(db, doctor, p, f, actor);
      return [this, left, f]() {
        action_.busy = false;
        if (!left) {
          action_.error = left.error().message;
          return;
        }
        saved_ = true;
        action_.notice = format_text(_("The pattern is saved from %s."), f.ru().c_str());
        show_left(*left, f);
        load_doctor();
      };
    });
  }
  ImGui::EndDisabled();
  if (!may && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", db::permission_title(db::Permission::ScheduleEdit).c_str());

  if ((checked_ || saved_) && left_from_) {
    ImGui::Spacing();
    if (left_.empty()) {
      ImGui::TextColored(kGreen, "%s", _("Every booking stays within the hours."));
    } else {
      ImGui::TextColored(kAmber, saved_ ? _("%zu booking(s) are now outside the hours: deal with each one.")
                                        : _("%zu booking(s) would be left outside the hours:"),
                         left_.size());
      for (std::size_t i = 0; i < left_.size() && i < 8; ++i) {
        const auto t = to_local(left_[i].start_at);
        ImGui::BulletText("%s %s  %s", t.date.ru().c_str(), hhmm(t.minutes).c_str(), left_[i].patient_name.c_str());
      }
      if (left_.size() > 8) ImGui::TextColored(kQuiet, _("… and %zu more"), left_.size() - 8);
      if (saved_ && ctx_.open_outside_hours && ui::button(_("Hand on, move or cancel them…"), ImVec2(360, 40)))
        ctx_.open_outside_hours(doctor, *left_from_);
    }
  }
}

void SchedulesView::draw_days() {
  const bool may = ctx_.may(db::Permission::ScheduleEdit);
  ImGui::TextUnformatted(_("Dated hours"));
  ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
  ImGui::TextWrapped("%s", _("A date's own hours replace the pattern that day."));
  ImGui::PopStyleColor();
  std::optional<Date> shown;
  for (const auto& d : days_) {
    std::string what = d.kind == 'o' ? std::string(_("day off"))
                                     : hhmm(d.start_min) + "–" + hhmm(d.end_min) +
                                           (d.kind == 'b' ? std::string(" ") + _("break") : std::string());
    ImGui::PushID(static_cast<int>(d.id));
    ImGui::BulletText("%s %s  %s", d.day.ru().c_str(), ui::weekday_short(d.day.iso_weekday()).c_str(), what.c_str());
    if (shown != d.day) {
      ImGui::SameLine();
      if (guarded_button(_("As the pattern"), may, db::Permission::ScheduleEdit, ImVec2(0, 0), true)) {
        const db::Actor actor = ctx_.actor();
        const auto day = d.day;
        const std::int64_t doctor = doctor_.value_or(0);
        run_action(ctx_.worker, action_,
                   [doctor, day, actor](db::Database& db) -> Status {
                     auto left = db::set_day(db, doctor, day, {}, actor);
                     return left ? Status{} : Status(std::unexpected(left.error()));
                   },
                   _("Saved."), [this] { load_doctor(); });
      }
    }
    shown = d.day;
    ImGui::PopID();
  }
  if (days_.empty()) ImGui::TextColored(kQuiet, "%s", _("none ahead"));
  ImGui::Separator();
  ImGui::SetNextItemWidth(130);
  ImGui::InputText("##day", day_, sizeof day_);
  ImGui::SameLine();
  ImGui::Checkbox(_("day off"), &day_off_);
  if (!day_off_) {
    ImGui::SetNextItemWidth(80);
    ImGui::InputText("##day-start", day_start_, sizeof day_start_);
    ImGui::SameLine();
    ImGui::TextUnformatted("–");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(80);
    ImGui::InputText("##day-end", day_end_, sizeof day_end_);
  }
  const auto day = Date::parse_ru(day_);
  const auto s = parse_hhmm(day_start_), e = parse_hhmm(day_end_);
  const bool ok = day && (day_off_ || (s && e));
  ImGui::BeginDisabled(!ok || action_.busy || !doctor_);
  if (guarded_button(_("Set for this date"), may, db::Permission::ScheduleEdit)) {
    db::ScheduleDay row;
    row.day = *day;
    row.kind = day_off_ ? 'o' : 'w';
    if (!day_off_) row.start_min = *s, row.end_min = *e;
    const db::Actor actor = ctx_.actor();
    const std::int64_t doctor = *doctor_;
    action_.busy = true;
    ctx_.worker.submit([this, doctor, row, actor](db::Database& db) -> db::Worker::Continuation {
      auto left = db::set_day(db, doctor, row.day, {row}, actor);
      return [this, left, d = row.day]() {
        action_.busy = false;
        if (!left) {
          action_.error = left.error().message;
          return;
        }
        action_.notice = _("Saved.");
        saved_ = true;
        show_left(*left, d);
        load_doctor();
      };
    });
  }
  ImGui::EndDisabled();
}

}  // namespace rg::desk
