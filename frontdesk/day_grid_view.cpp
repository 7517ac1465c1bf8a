// The day grid drawn with ImDrawList: working hours, breaks, appointments by status, freed
// times, a line at the current time; doctor headers and the time column stay in place while
// the grid scrolls. Mouse and keyboard become GridEvents.
#include "day_grid_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <ctime>

#include "text.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

constexpr float kColWidth = 210.f, kTimeW = 62.f, kHeaderH = 62.f, kSlotH = 22.f;  // 15 minutes
constexpr int kSlotMin = 15;

ImU32 col(unsigned rgb, int alpha = 255) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

// ImGui 1.86 reads keys by the backend's index.
bool pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); }

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

// A time picked in a doctor's column falls on his slot step, counted from the start of the
// working period it is in (outside his hours, on the grid's own 15 minutes).
int snap_to_step(const db::DoctorDay& d, int minute) {
  for (const auto& w : d.work)
    if (minute >= w.start_min && minute < w.end_min) {
      const int step = std::max(5, d.slot_min);
      return w.start_min + (minute - w.start_min) / step * step;
    }
  return minute / kSlotMin * kSlotMin;
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

unsigned grid_colour_free() { return 0x12805C; }

std::vector<FreedGap> freed_gaps(const db::DayGrid& g, int now_minute_if_today) {
  std::vector<FreedGap> out;
  for (const auto& a : g.appointments) {
    if (db::holds_time(a.status) || a.end_min <= now_minute_if_today) continue;
    bool retaken = std::any_of(g.appointments.begin(), g.appointments.end(), [&](const auto& b) {
      return db::holds_time(b.status) && b.doctor_id == a.doctor_id && b.start_min < a.end_min &&
             b.end_min > a.start_min;
    });
    bool merged = std::any_of(out.begin(), out.end(), [&](const FreedGap& f) {
      return f.doctor_id == a.doctor_id && f.start_min < a.end_min && f.end_min > a.start_min;
    });
    if (!retaken && !merged) out.push_back({a.doctor_id, a.start_min, a.end_min});
  }
  return out;
}

GridEvent DayGridView::draw(const db::DayGrid& g, const std::function<bool(const db::DoctorDay&)>& show) {
  GridEvent ev;
  std::vector<const db::DoctorDay*> cols;
  for (const auto& d : g.doctors)
    if (!show || show(d)) cols.push_back(&d);
  if (cols.empty()) {
    ImGui::TextDisabled("%s", _("No doctor matches the filter on this day."));
    return ev;
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
  // A week fits its seven days into the view; a day scrolls sideways past its doctors.
  const float kColW = single_day ? kColWidth
                                 : std::max(140.f, (ImGui::GetContentRegionAvail().x - kTimeW - 20.f) / float(cols.size()));
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
  auto column_of = [&](std::int64_t doctor) -> std::optional<size_t> {
    for (size_t c = 0; c < cols.size(); ++c)
      if (cols[c]->doctor_id == doctor) return c;
    return std::nullopt;
  };

  const bool is_today = single_day && g.day == today();
  const LocalTime now = to_local(db::now_unix());
  if (scroll_to_now_) {
    // Today during hours: an hour before now. Otherwise: the first doctor's start.
    int focus = to;
    for (const auto* d : cols)
      if (!d->work.empty()) focus = std::min(focus, d->work.front().start_min);
    if (is_today && now.minutes > from && now.minutes < to) focus = std::max(from, now.minutes - 60);
    if (cursor) focus = std::max(from, cursor->minute - 60);
    ImGui::SetScrollY(std::max(0.f, float(focus - from) / kSlotMin * kSlotH));
    scroll_to_now_ = false;
  }

  // Columns: off-hours grey, working hours white, breaks hatched, absences named.
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
    if (d.day_off) {
      std::string why = d.absence.empty() ? _("Not working") : std::string(_("Away")) + ": " + d.absence;
      dl->PushClipRect(ImVec2(x0, y_of(from)), ImVec2(x1 - 4, y_of(to)), true);
      dl->AddText(ImVec2(x0 + 10, y_of(from) + 10), col(d.absence.empty() ? 0x6B7280 : 0xB42318), why.c_str());
      dl->PopClipRect();
    }
  }
  // Hour and half-hour lines.
  for (int m = from; m <= to; m += 30) {
    float y = y_of(m);
    dl->AddLine(ImVec2(origin.x + kTimeW, y), ImVec2(origin.x + content_w, y),
                m % 60 == 0 ? col(0xD0D5DC) : col(0xE7EAEE));
  }
  for (size_t c = 0; c <= cols.size(); ++c)
    dl->AddLine(ImVec2(x_of(c), y_of(from)), ImVec2(x_of(c), y_of(to)), col(0xD0D5DC));

  // Freed times, in green dashes, for the waiting list.
  for (const FreedGap& f : freed_gaps(g, is_today ? now.minutes : (g.day < today() ? 24 * 60 : -1))) {
    auto c = column_of(f.doctor_id);
    if (!c) continue;
    float x0 = x_of(*c) + 3, x1 = x0 + kColW - 6, y0 = y_of(f.start_min) + 1, y1 = y_of(f.end_min) - 1;
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), col(0xE7F6EE));
    for (float x = x0; x < x1; x += 8.f) {
      dl->AddLine(ImVec2(x, y0), ImVec2(std::min(x + 4.f, x1), y0), col(grid_colour_free()), 1.5f);
      dl->AddLine(ImVec2(x, y1), ImVec2(std::min(x + 4.f, x1), y1), col(grid_colour_free()), 1.5f);
    }
    dl->PushClipRect(ImVec2(x0, y0), ImVec2(x1, y1), true);
    dl->AddText(ImVec2(x0 + 9, y0 + 2), col(grid_colour_free()), _("Freed · waiting list"));
    dl->PopClipRect();
  }

  // Appointments: freed ones (no-show) first, so a new booking over them stays on top.
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 mouse = io.MousePos;
  const bool hovering = ImGui::IsWindowHovered() && mouse.y > win.y + kHeaderH && mouse.x > win.x + kTimeW;
  const db::GridAppointment* hovered = nullptr;
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& a : g.appointments) {
      if (a.status == db::AppointmentStatus::Cancelled) continue;
      bool freed = !db::holds_time(a.status);
      if ((pass == 0) != freed) continue;
      auto c = column_of(a.doctor_id);
      if (!c) continue;
      float x0 = x_of(*c) + 3, x1 = x0 + kColW - 6;
      float y0 = y_of(a.start_min) + 1, y1 = y_of(a.end_min) - 1;
      if (hovering && mouse.x >= x0 && mouse.x < x1 && mouse.y >= y0 && mouse.y < y1) hovered = &a;
      if (x1 < win.x || x0 > win.x + view_w || y1 < win.y || y0 > win.y + view_h) continue;
      StatusLook look = status_look(a.status);
      int alpha = a.id == dragging_ ? 110 : 255;
      dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), col(look.fill, alpha), 4.f);
      dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + 4, y1), col(look.accent, alpha), 4.f, ImDrawFlags_RoundCornersLeft);
      if (a.id == selected_appointment)
        dl->AddRect(ImVec2(x0 - 1, y0 - 1), ImVec2(x1 + 1, y1 + 1), col(0x1F2328), 4.f, 0, 2.f);
      // The first line stops short of the first-visit badge; the service line runs full width.
      dl->PushClipRect(ImVec2(x0 + 6, y0), ImVec2(a.first_visit ? x1 - 21 : x1 - 2, y1), true);
      std::string line1 = hhmm(a.start_min) + "  " + a.patient_short;
      dl->AddText(ImVec2(x0 + 9, y0 + 2), col(0x1F2328, alpha), line1.c_str());
      dl->PopClipRect();
      dl->PushClipRect(ImVec2(x0 + 6, y0), ImVec2(x1 - 2, y1), true);
      // The service wraps onto the lines a longer visit has room for (the clip cuts the rest;
      // hovering shows it whole).
      if (y1 - y0 > 2 * ImGui::GetTextLineHeight() + 2)
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(x0 + 9, y0 + 2 + ImGui::GetTextLineHeight()),
                    col(0x57606A, alpha), a.service.c_str(), nullptr, x1 - x0 - 14);
      dl->PopClipRect();
      if (a.first_visit) {
        // «П»: a first visit needs a contract and consent at the desk.
        ImVec2 ctr(x1 - 11, y0 + 10);
        dl->AddCircleFilled(ctr, 8.f, col(0xC2410C, alpha));
        const char* mark = _("F");
        ImVec2 ts = ImGui::CalcTextSize(mark);
        dl->AddText(ImVec2(ctr.x - ts.x / 2, ctr.y - ts.y / 2), col(0xFFFFFF), mark);
      }
    }
  }

  // The slot under the mouse, and the keyboard cursor.
  auto slot_at = [&](ImVec2 p) -> std::optional<GridSlot> {
    if (p.x < x_of(0) || p.x >= x_of(cols.size()) || p.y < y_of(from) || p.y >= y_of(to)) return std::nullopt;
    size_t c = size_t((p.x - x_of(0)) / kColW);
    int m = from + int((p.y - y_of(from)) * kSlotMin / kSlotH);
    return GridSlot{cols[c]->doctor_id, snap_to_step(*cols[c], m)};
  };
  auto frame_slot = [&](const GridSlot& s, unsigned rgb, float thickness, int minutes) {
    auto c = column_of(s.doctor_id);
    if (!c) return;
    dl->AddRect(ImVec2(x_of(*c) + 1, y_of(s.minute) + 1), ImVec2(x_of(*c) + kColW - 1, y_of(s.minute + minutes) - 1),
                col(rgb), 3.f, 0, thickness);
  };
  if (cursor) frame_slot(*cursor, 0x2F6FEB, 2.5f, kSlotMin);

  if (hovering) {
    auto slot = slot_at(mouse);
    if (dragging_ != 0 && slot) {
      auto it = std::find_if(g.appointments.begin(), g.appointments.end(),
                             [&](const auto& a) { return a.id == dragging_; });
      int len = it != g.appointments.end() ? it->end_min - it->start_min : kSlotMin;
      GridSlot target{slot->doctor_id, std::max(from, slot->minute - drag_offset_min_ / kSlotMin * kSlotMin)};
      frame_slot(target, 0x2F6FEB, 2.f, len);
      ImGui::SetTooltip("%s %s", _("Move to"), hhmm(target.minute).c_str());
      if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        ev = {GridEvent::Kind::Move, target, dragging_};
        dragging_ = 0;
      }
    } else if (hovered) {
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        ev = {GridEvent::Kind::PickAppointment, {hovered->doctor_id, hovered->start_min}, hovered->id};
        drag_offset_min_ = slot ? slot->minute - hovered->start_min : 0;
      }
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Right))
        ev = {GridEvent::Kind::Menu, {hovered->doctor_id, hovered->start_min}, hovered->id};
      if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 6.f) && db::holds_time(hovered->status) &&
          hovered->status != db::AppointmentStatus::Done)
        dragging_ = hovered->id;
    } else if (slot) {
      frame_slot(*slot, 0x8CB4F5, 1.5f, kSlotMin);
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        cursor = *slot;
        ev = {GridEvent::Kind::PickSlot, *slot, 0};
      }
    }
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) dragging_ = 0;

  // Keys, when no text field has them: arrows move the cursor, Enter picks, Esc lets go.
  if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && !io.WantTextInput) {
    if (!cursor) cursor = GridSlot{cols.front()->doctor_id, cols.front()->work.empty() ? from : cols.front()->work.front().start_min};
    auto c = column_of(cursor->doctor_id).value_or(0);
    bool moved = false;
    if (pressed(ImGuiKey_DownArrow)) cursor->minute = std::min(to - kSlotMin, cursor->minute + kSlotMin), moved = true;
    if (pressed(ImGuiKey_UpArrow)) cursor->minute = std::max(from, cursor->minute - kSlotMin), moved = true;
    if (pressed(ImGuiKey_RightArrow) && c + 1 < cols.size()) cursor->doctor_id = cols[c + 1]->doctor_id, moved = true;
    if (pressed(ImGuiKey_LeftArrow) && c > 0) cursor->doctor_id = cols[c - 1]->doctor_id, moved = true;
    if (moved) {
      // Keep the cursor in view.
      float y = y_of(cursor->minute) - origin.y + ImGui::GetScrollY();
      if (y - ImGui::GetScrollY() < kHeaderH) ImGui::SetScrollY(y - kHeaderH);
      if (y + kSlotH - ImGui::GetScrollY() > view_h - 16) ImGui::SetScrollY(y + kSlotH - view_h + 16);
    }
    if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) {
      auto on = std::find_if(g.appointments.begin(), g.appointments.end(), [&](const auto& a) {
        return a.doctor_id == cursor->doctor_id && db::holds_time(a.status) && a.start_min <= cursor->minute &&
               cursor->minute < a.end_min;
      });
      ev = on != g.appointments.end() ? GridEvent{GridEvent::Kind::PickAppointment, *cursor, on->id}
                                      : GridEvent{GridEvent::Kind::PickSlot, *cursor, 0};
    }
    if (pressed(ImGuiKey_Escape)) ev.kind = GridEvent::Kind::Escape;
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
    dl->PushClipRect(ImVec2(x0, top), ImVec2(x0 + kColW - 12, top + kHeaderH), true);
    ImGui::PushFont(shell_.bold_font());
    dl->AddText(ImVec2(x0, top + 6), col(0x1F2328), d.short_name.c_str());
    ImGui::PopFont();
    dl->AddText(ImVec2(x0, top + 6 + ImGui::GetTextLineHeight()), col(0x57606A), d.specialty.c_str());
    std::string room = d.room.empty() ? std::string() : std::string(_("Room")) + " " + d.room;
    if (!d.day_off && !d.work.empty())
      room += (room.empty() ? "" : " · ") + hhmm(d.work.front().start_min) + "–" + hhmm(d.work.back().end_min);
    dl->AddText(ImVec2(x0, top + 6 + 2 * ImGui::GetTextLineHeight()), col(0x57606A), room.c_str());
    dl->PopClipRect();
  }
  dl->PopClipRect();

  if (hovered && dragging_ == 0) {
    ImGui::BeginTooltip();
    ImGui::PushFont(shell_.bold_font());
    ImGui::TextUnformatted(hovered->patient_short.c_str());
    ImGui::PopFont();
    ImGui::Text("%s–%s · %s", hhmm(hovered->start_min).c_str(), hhmm(hovered->end_min).c_str(),
                _(status_look(hovered->status).name));
    if (!hovered->service.empty()) ImGui::TextUnformatted(hovered->service.c_str());
    if (!hovered->room.empty()) ImGui::Text("%s %s", _("Room"), hovered->room.c_str());
    ImGui::Text("%s %s", _("Booked"), channel_name(hovered->channel));
    if (hovered->first_visit)
      ImGui::TextColored(ImVec4(0.76f, 0.25f, 0.05f, 1), "%s", _("First visit: contract and consent needed"));
    ImGui::TextDisabled("%s", _("Click: details · right click: actions · drag: move"));
    ImGui::EndTooltip();
  }
  ImGui::EndChild();
  return ev;
}

}  // namespace rg::desk
