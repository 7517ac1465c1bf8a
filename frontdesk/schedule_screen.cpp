// The day grid drawn with ImDrawList: working hours, breaks, appointments by status, a line at
// the current time; doctor headers and the time column stay in place while the grid scrolls.
#include "schedule_screen.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <ctime>

#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

constexpr float kColW = 210.f, kTimeW = 62.f, kHeaderH = 62.f, kSlotH = 22.f;  // 15 minutes
constexpr int kSlotMin = 15;

ImU32 col(unsigned rgb, int alpha = 255) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

const char* channel_name(db::Channel c) {
  switch (c) {
    case db::Channel::Phone: return _("by phone");
    case db::Channel::WalkIn: return _("in person");
    case db::Channel::Website: return _("on the website");
    case db::Channel::Kiosk: return _("at the kiosk");
    case db::Channel::Desk: return _("at the desk");
  }
  return "";
}

}  // namespace

StatusLook status_look(db::AppointmentStatus s) {
  using S = db::AppointmentStatus;
  switch (s) {
    case S::Booked: return {0xDCEBFF, 0x2F6FEB, N_("Booked")};
    case S::Confirmed: return {0xD3F5E3, 0x1A7F4B, N_("Confirmed")};
    case S::Arrived: return {0xFFF0C2, 0xB7791F, N_("Arrived")};
    case S::InRoom: return {0xEAE2FF, 0x6D4AD8, N_("In the room")};
    case S::Done: return {0xE6E9ED, 0x5B6470, N_("Done")};
    case S::NoShow: return {0xFDE2E1, 0xC6342B, N_("No-show")};
    case S::Cancelled: return {0xF3F4F6, 0x9AA1AB, N_("Cancelled")};
  }
  return {0xFFFFFF, 0x000000, ""};
}

std::string ScheduleScreen::title() const { return _("Schedule"); }

void ScheduleScreen::on_show() {
  if (!grid_ && !loading_) reload();
}

void ScheduleScreen::show_day(Date d) {
  day_ = d;
  scroll_to_now_ = true;
  reload();
}

void ScheduleScreen::reload() {
  int gen = ++generation_;
  loading_ = true;
  Date day = day_;
  ctx_.worker.submit([this, gen, day](db::Database& db) -> db::Worker::Continuation {
    auto g = db::load_day_grid(db, day);
    return [this, gen, g = std::move(g)]() mutable {
      if (gen != generation_) return;  // the desk already moved on to another day
      loading_ = false;
      if (g) {
        grid_ = std::move(*g);
        error_.clear();
      } else {
        error_ = g.error().message;
      }
    };
  });
}

void ScheduleScreen::draw_header() {
  if (ImGui::Button("◀")) show_day(day_.plus_days(-1));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("Previous day"));
  ImGui::SameLine();
  if (ImGui::Button(_("Today"))) show_day(today());
  ImGui::SameLine();
  if (ImGui::Button("▶")) show_day(day_.plus_days(1));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("Next day"));
  ImGui::SameLine(0, 16);
  ImGui::PushFont(ctx_.shell.font(24));
  std::string heading = ui::weekday_name(day_.iso_weekday()) + ", " +
                        ui::long_date(day_.year(), day_.month(), day_.day());
  ImGui::TextUnformatted(heading.c_str());
  ImGui::PopFont();
  // The filter at the right end of the first line: the legend below can be long.
  const char* only_label = _("Only doctors at work");
  float check_w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(only_label).x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - check_w));
  ImGui::Checkbox(only_label, &only_working_);

  // Counts and the legend on one line.
  if (grid_) {
    int counts[7] = {};
    for (const auto& a : grid_->appointments) ++counts[static_cast<int>(a.status)];
    int working = 0;
    for (const auto& d : grid_->doctors) working += d.day_off ? 0 : 1;
    ImGui::TextDisabled("%s %d · %s %d", _("Doctors at work:"), working, _("appointments:"),
                        int(grid_->appointments.size()) - counts[int(db::AppointmentStatus::Cancelled)]);
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
  }
  if (!error_.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", error_.c_str());
}

void ScheduleScreen::draw_grid() {
  if (!grid_) {
    ImGui::TextDisabled("%s", _("Loading the schedule…"));
    return;
  }
  const db::DayGrid& g = *grid_;
  std::vector<const db::DoctorDay*> cols;
  for (const auto& d : g.doctors)
    if (!only_working_ || !d.day_off) cols.push_back(&d);
  if (cols.empty()) {
    ImGui::TextDisabled("%s", _("No doctor works on this day."));
    return;
  }
  // The visible hours: the clinic's day, widened to whatever is booked or worked.
  int from = 8 * 60, to = 21 * 60;
  for (const auto* dp : cols)
    for (const auto& w : dp->work) from = std::min(from, w.start_min), to = std::max(to, w.end_min);
  for (const auto& a : g.appointments)
    if (a.status != db::AppointmentStatus::Cancelled)
      from = std::min(from, a.start_min), to = std::max(to, a.end_min);
  from = from / 60 * 60;
  to = std::min(24 * 60, (to + 59) / 60 * 60);
  const int slots = (to - from) / kSlotMin;
  const float body_h = float(slots) * kSlotH;
  const float content_w = kTimeW + kColW * float(cols.size());

  ImGui::BeginChild("grid", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 win = ImGui::GetWindowPos();
  const ImVec2 origin = ImGui::GetCursorScreenPos();  // moves with the scroll
  const float view_w = ImGui::GetWindowWidth(), view_h = ImGui::GetWindowHeight();
  ImGui::Dummy(ImVec2(content_w, kHeaderH + body_h));

  auto y_of = [&](int minute) { return origin.y + kHeaderH + float(minute - from) / kSlotMin * kSlotH; };
  auto x_of = [&](size_t column) { return origin.x + kTimeW + kColW * float(column); };

  const bool is_today = g.day == today();
  const LocalTime now = to_local(std::int64_t(std::time(nullptr)));
  if (scroll_to_now_) {
    // Today during hours: an hour before now. Otherwise: the first doctor's start.
    int focus = to;
    for (const auto* d : cols)
      if (!d->work.empty()) focus = std::min(focus, d->work.front().start_min);
    if (is_today && now.minutes > from && now.minutes < to) focus = std::max(from, now.minutes - 60);
    ImGui::SetScrollY(std::max(0.f, float(focus - from) / kSlotMin * kSlotH));
    scroll_to_now_ = false;
  }

  // Columns: off-hours grey, working hours white, breaks hatched.
  for (size_t c = 0; c < cols.size(); ++c) {
    const auto& d = *cols[c];
    float x0 = x_of(c), x1 = x0 + kColW;
    if (x1 < win.x || x0 > win.x + view_w) continue;
    dl->AddRectFilled(ImVec2(x0, y_of(from)), ImVec2(x1, y_of(to)), col(0xECEEF1));
    for (const auto& w : d.work)
      dl->AddRectFilled(ImVec2(x0, y_of(w.start_min)), ImVec2(x1, y_of(w.end_min)), col(0xFFFFFF));
    for (const auto& b : d.breaks) {
      float y0 = y_of(b.start_min), y1 = y_of(b.end_min);
      dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), col(0xF1F2F4));
      dl->PushClipRect(ImVec2(x0, y0), ImVec2(x1, y1), true);
      for (float k = x0 - (y1 - y0); k < x1; k += 10.f)
        dl->AddLine(ImVec2(k, y1), ImVec2(k + (y1 - y0), y0), col(0xD9DCE1), 1.f);
      dl->PopClipRect();
      dl->AddText(ImVec2(x0 + 8, y0 + 3), col(0x6B7280), _("Break"));
    }
    if (d.day_off)
      dl->AddText(ImVec2(x0 + 10, y_of(from) + 10), col(0x6B7280), _("Not working today"));
  }
  // Hour and half-hour lines.
  for (int m = from; m <= to; m += 30) {
    float y = y_of(m);
    dl->AddLine(ImVec2(origin.x + kTimeW, y), ImVec2(origin.x + content_w, y),
                m % 60 == 0 ? col(0xD0D5DC) : col(0xE7EAEE));
  }
  for (size_t c = 0; c <= cols.size(); ++c)
    dl->AddLine(ImVec2(x_of(c), y_of(from)), ImVec2(x_of(c), y_of(to)), col(0xD0D5DC));

  // Appointments: freed ones (no-show) first, so a new booking over them stays on top.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const db::GridAppointment* hovered = nullptr;
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < g.appointments.size(); ++i) {
      const auto& a = g.appointments[i];
      if (a.status == db::AppointmentStatus::Cancelled) continue;
      bool freed = !db::holds_time(a.status);
      if ((pass == 0) != freed) continue;
      auto it = std::find_if(cols.begin(), cols.end(),
                             [&](const db::DoctorDay* d) { return d->doctor_id == a.doctor_id; });
      if (it == cols.end()) continue;
      float x0 = x_of(size_t(it - cols.begin())) + 3, x1 = x0 + kColW - 6;
      float y0 = y_of(a.start_min) + 1, y1 = y_of(a.end_min) - 1;
      if (x1 < win.x || x0 > win.x + view_w || y1 < win.y || y0 > win.y + view_h) continue;
      StatusLook look = status_look(a.status);
      dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), col(look.fill), 4.f);
      dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + 4, y1), col(look.accent), 4.f, ImDrawFlags_RoundCornersLeft);
      // The first line stops short of the first-visit badge; the service line runs full width.
      dl->PushClipRect(ImVec2(x0 + 6, y0), ImVec2(a.first_visit ? x1 - 21 : x1 - 2, y1), true);
      std::string line1 = hhmm(a.start_min) + "  " + a.patient_short;
      dl->AddText(ImVec2(x0 + 9, y0 + 2), col(0x1F2328), line1.c_str());
      dl->PopClipRect();
      dl->PushClipRect(ImVec2(x0 + 6, y0), ImVec2(x1 - 2, y1), true);
      if (y1 - y0 > 2 * ImGui::GetTextLineHeight() + 2)
        dl->AddText(ImVec2(x0 + 9, y0 + 2 + ImGui::GetTextLineHeight()), col(0x57606A), a.service.c_str());
      dl->PopClipRect();
      if (a.first_visit) {
        // «П»: a first visit needs a contract and consent at the desk.
        ImVec2 c(x1 - 11, y0 + 10);
        dl->AddCircleFilled(c, 8.f, col(0xC2410C));
        const char* mark = _("F");
        ImVec2 ts = ImGui::CalcTextSize(mark);
        dl->AddText(ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), col(0xFFFFFF), mark);
      }
      if (ImGui::IsWindowHovered() && mouse.x >= x0 && mouse.x < x1 && mouse.y >= y0 && mouse.y < y1)
        hovered = &a;
    }
  }

  if (is_today && now.minutes >= from && now.minutes <= to) {
    float y = y_of(now.minutes);
    dl->AddLine(ImVec2(origin.x + kTimeW, y), ImVec2(origin.x + content_w, y), col(0xD92D20), 2.f);
    dl->AddCircleFilled(ImVec2(origin.x + kTimeW, y), 4.f, col(0xD92D20));
  }

  // Pinned bands over the scrolled body: the time column, then the doctors' header.
  float left = win.x + 1, top = win.y + 1;
  dl->AddRectFilled(ImVec2(left, top), ImVec2(left + kTimeW, win.y + view_h), col(0xF6F7F9));
  for (int m = from; m < to; m += 30) {
    float y = y_of(m);
    if (y < top + kHeaderH - 4 || y > win.y + view_h) continue;
    std::string t = hhmm(m);
    dl->AddText(ImVec2(left + 8, y - 1), m % 60 == 0 ? col(0x1F2328) : col(0x8C959F), t.c_str());
  }
  dl->AddRectFilled(ImVec2(left, top), ImVec2(win.x + view_w, top + kHeaderH), col(0xF6F7F9));
  dl->AddLine(ImVec2(left, top + kHeaderH), ImVec2(win.x + view_w, top + kHeaderH), col(0xD0D5DC));
  dl->PushClipRect(ImVec2(left + kTimeW, top), ImVec2(win.x + view_w, top + kHeaderH), true);
  for (size_t c = 0; c < cols.size(); ++c) {
    const auto& d = *cols[c];
    float x0 = x_of(c) + 8;
    ImGui::PushFont(ctx_.shell.bold_font());
    dl->AddText(ImVec2(x0, top + 6), col(0x1F2328), d.short_name.c_str());
    ImGui::PopFont();
    dl->AddText(ImVec2(x0, top + 6 + ImGui::GetTextLineHeight()), col(0x57606A), d.specialty.c_str());
    std::string room = d.room.empty() ? std::string() : std::string(_("Room")) + " " + d.room;
    if (!d.day_off && !d.work.empty())
      room += (room.empty() ? "" : " · ") + hhmm(d.work.front().start_min) + "–" + hhmm(d.work.back().end_min);
    dl->AddText(ImVec2(x0, top + 6 + 2 * ImGui::GetTextLineHeight()), col(0x57606A), room.c_str());
  }
  dl->PopClipRect();

  if (hovered) {
    ImGui::BeginTooltip();
    ImGui::PushFont(ctx_.shell.bold_font());
    ImGui::TextUnformatted(hovered->patient_short.c_str());
    ImGui::PopFont();
    ImGui::Text("%s–%s · %s", hhmm(hovered->start_min).c_str(), hhmm(hovered->end_min).c_str(),
                _(status_look(hovered->status).name));
    if (!hovered->service.empty()) ImGui::TextUnformatted(hovered->service.c_str());
    if (!hovered->room.empty()) ImGui::Text("%s %s", _("Room"), hovered->room.c_str());
    ImGui::Text("%s %s", _("Booked"), channel_name(hovered->channel));
    if (hovered->first_visit) ImGui::TextColored(ImVec4(0.76f, 0.25f, 0.05f, 1), "%s", _("First visit: contract and consent needed"));
    ImGui::EndTooltip();
  }
  ImGui::EndChild();
}

void ScheduleScreen::draw() {
  draw_header();
  ImGui::Spacing();
  draw_grid();
}

}  // namespace rg::desk
