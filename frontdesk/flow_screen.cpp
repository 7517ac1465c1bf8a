// The board is db::today_flow, reloaded when anyone commits and every 30 s (the waiting minutes
// tick); each step is one core call on the worker, and the board reloads after it. The columns
// only draw: what a button does is decided in the action functions below the drawing.
#include "flow_screen.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "appointment_changes.h"
#include "calendar.h"
#include "dialog.h"
#include "day_grid_view.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

using S = db::AppointmentStatus;

constexpr unsigned kText = 0x1F2328, kQuiet = 0x5B6470, kGreen = 0x1A7F4B, kAmber = 0xB7791F, kRed = 0xC6342B,
                   kBlue = 0x2F6FEB, kOrange = 0xC2410C, kCard = 0xFFFFFF, kBorder = 0xD0D7DE;
constexpr float kGap = 12.f, kPad = 8.f;

ImU32 col(unsigned rgb, int alpha = 255) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}
ImVec4 vec(unsigned rgb) { return ImGui::ColorConvertU32ToFloat4(col(rgb)); }

// «12 мин», «1 ч 05 мин».
std::string minutes_text(int m) {
  char buf[64];
  if (m < 60) std::snprintf(buf, sizeof buf, _("%d min"), m);
  else std::snprintf(buf, sizeof buf, _("%d h %02d min"), m / 60, m % 60);
  return buf;
}

// The text cut with «…» to fit `width` pixels.
std::string fit(const std::string& s, float width) {
  if (ImGui::CalcTextSize(s.c_str()).x <= width) return s;
  for (size_t n = utf8_length(s); n > 0; --n) {
    std::string t = utf8_truncate(s, n - 1) + "…";
    if (ImGui::CalcTextSize(t.c_str()).x <= width) return t;
  }
  return "…";
}

std::string where(const db::FlowRow& r) {
  return r.room.empty() ? r.doctor : r.doctor + " · " + _("room") + " " + r.room;
}

unsigned wait_colour(int minutes, const db::FlowThresholds& t) {
  return minutes >= t.red_after_min ? kRed : minutes >= t.amber_after_min ? kAmber : kGreen;
}

// A small square letter at `p`: «К» for the kiosk, «П» for a first visit. Returns its width.
float badge(ImDrawList* dl, ImVec2 p, const char* letter, unsigned colour, const char* tip) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 ts = ImGui::CalcTextSize(letter);
  const float w = std::max(h, ts.x + 8);
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), col(colour), 4.f);
  dl->AddText(ImVec2(p.x + (w - ts.x) / 2, p.y), col(0xFFFFFF), letter);
  if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(p, ImVec2(p.x + w, p.y + h))) ImGui::SetTooltip("%s", tip);
  return w;
}

}  // namespace

std::string FlowScreen::title() const { return _("Patient flow"); }

void FlowScreen::on_show() {
  if (!loading_) reload();
}

void FlowScreen::reload() {
  const int gen = ++generation_;
  loading_ = true;
  next_reload_ = ImGui::GetTime() + 30.0;
  ctx_.worker.submit([this, gen](db::Database& db) -> db::Worker::Continuation {
    const std::int64_t now = db::now_unix();
    const Date day = to_local(now).date;
    auto rows = db::today_flow(db, day, now);
    auto thresholds = db::load_flow_thresholds(db);
    auto open = db::visits_left_open(db, now);
    return [this, gen, day, rows = std::move(rows), thresholds, open = std::move(open)]() mutable {
      if (gen != generation_) return;  // a newer reload is on its way
      loading_ = false;
      if (!rows) {
        error_ = rows.error().message;
        return;
      }
      error_.clear();
      day_ = day;
      rows_ = std::move(*rows);
      if (thresholds) thresholds_ = *thresholds;
      left_open_ = open ? std::move(*open) : std::vector<db::OpenVisit>{};
    };
  });
}

const db::FlowRow* FlowScreen::find(std::int64_t appointment_id) const {
  if (!rows_) return nullptr;
  for (const auto& r : *rows_)
    if (r.appointment_id == appointment_id) return &r;
  return nullptr;
}

// ---- Actions -------------------------------------------------------------------------------

void FlowScreen::run(std::int64_t appointment_id, std::function<Status(db::Database&)> change,
                     std::string done_notice) {
  busy_id_ = appointment_id;
  ctx_.worker.submit([this, appointment_id, change = std::move(change),
                      done_notice = std::move(done_notice)](db::Database& db) -> db::Worker::Continuation {
    Status st = change(db);
    return [this, appointment_id, st, done_notice]() {
      if (busy_id_ == appointment_id) busy_id_ = 0;
      notice_is_error_ = !st;
      notice_ = st ? done_notice : st.error().message;
      reload();
    };
  });
}

void FlowScreen::check_in(std::int64_t appointment_id) {
  const db::FlowRow* r = find(appointment_id);
  if (!r || !r->expected()) return;
  if (r->needs_reason) {
    ask_reason(appointment_id);
    return;
  }
  busy_id_ = appointment_id;
  const db::Actor actor = ctx_.actor();
  const std::string who = r->patient_short;
  ctx_.worker.submit([this, appointment_id, actor, who](db::Database& db) -> db::Worker::Continuation {
    auto done = db::desk_check_in(db, appointment_id, db::now_unix(), actor);
    return [this, appointment_id, who, done]() {
      if (busy_id_ == appointment_id) busy_id_ = 0;
      if (!done && done.error().code == ErrorCode::Invalid) {
        // The window closed while the desk was looking: the same step, with a reason.
        ask_reason(appointment_id, done.error().message);
      } else if (!done) {
        notice_is_error_ = true;
        notice_ = done.error().message;
      } else {
        char buf[256];
        std::snprintf(buf, sizeof buf, _("Checked in: %s, ticket No. %d."), who.c_str(), done->queue_number);
        notice_is_error_ = false;
        notice_ = buf;
      }
      reload();
    };
  });
}

void FlowScreen::call_in(std::int64_t appointment_id, bool without_contract) {
  const db::FlowRow* r = find(appointment_id);
  if (!r) return;
  if (r->first_visit && !r->contract_printed && !without_contract) {
    contract_warning_ = appointment_id;
    open_contract_warning_ = true;
    return;
  }
  const db::Actor actor = ctx_.actor();
  char buf[256];
  std::snprintf(buf, sizeof buf, _("Called into the room: %s, %s."), r->patient_short.c_str(), where(*r).c_str());
  run(appointment_id, [appointment_id, actor](db::Database& db) { return db::call_in(db, appointment_id, actor); },
      buf);
}

void FlowScreen::finish(std::int64_t appointment_id) {
  const db::FlowRow* r = find(appointment_id);
  if (!r) return;
  const db::Actor actor = ctx_.actor();
  char buf[256];
  std::snprintf(buf, sizeof buf, _("Visit finished: %s."), r->patient_short.c_str());
  run(appointment_id,
      [appointment_id, actor](db::Database& db) { return db::set_status(db, appointment_id, S::Done, actor); }, buf);
}

void FlowScreen::no_show(std::int64_t appointment_id) {
  const db::FlowRow* r = find(appointment_id);
  if (!r) return;
  const db::Actor actor = ctx_.actor();
  char buf[256];
  std::snprintf(buf, sizeof buf, _("No-show: %s. A call to offer a new time is added to «Calls»."),
                r->patient_short.c_str());
  run(appointment_id, [appointment_id, actor](db::Database& db) { return db::mark_no_show(db, appointment_id, actor); },
      buf);
}

void FlowScreen::close_left_open() {
  std::vector<std::int64_t> ids;
  for (const auto& v : left_open_) ids.push_back(v.appointment_id);
  if (ids.empty()) return;
  const db::Actor actor = ctx_.actor();
  busy_id_ = -1;
  ctx_.worker.submit([this, ids, actor](db::Database& db) -> db::Worker::Continuation {
    auto closed = db::close_open_visits(db, ids, actor);
    return [this, closed]() {
      busy_id_ = 0;
      notice_is_error_ = !closed;
      if (closed) {
        char buf[160];
        std::snprintf(buf, sizeof buf, _("Marked seen: %d."), *closed);
        notice_ = buf;
      } else {
        notice_ = closed.error().message;
      }
      reload();
    };
  });
}

void FlowScreen::ask_reason(std::int64_t appointment_id, std::string error) {
  asking_.emplace();
  asking_->kind = Asking::Kind::CheckIn;
  asking_->appointment_id = appointment_id;
  asking_->error = std::move(error);
  open_asking_ = true;
}

void FlowScreen::ask_undo(std::int64_t appointment_id) {
  const db::FlowRow* r = find(appointment_id);
  if (!r) return;
  auto back = db::undo_targets(r->status);
  if (back.empty()) return;
  asking_.emplace();
  asking_->kind = Asking::Kind::Undo;
  asking_->appointment_id = appointment_id;
  asking_->from = r->status;
  asking_->to = back.front();
  open_asking_ = true;
}

void FlowScreen::submit_asking() {
  if (!asking_ || asking_->busy || blank(asking_->reason)) return;
  Asking& a = *asking_;
  a.busy = true;
  a.error.clear();
  const std::int64_t id = a.appointment_id;
  const std::string reason = a.reason;
  const db::Actor actor = ctx_.actor();
  const bool undo = a.kind == Asking::Kind::Undo;
  const S to = a.to;
  const db::FlowRow* r = find(id);
  const std::string who = r ? r->patient_short : "";
  ctx_.worker.submit([this, id, reason, actor, undo, to, who](db::Database& db) -> db::Worker::Continuation {
    std::optional<Error> err;
    int queue = 0;
    if (undo) {
      if (auto st = db::undo_status(db, id, to, reason, actor); !st) err = st.error();
    } else if (auto done = db::desk_check_in(db, id, db::now_unix(), actor, reason); !done) {
      err = done.error();
    } else {
      queue = done->queue_number;
    }
    return [this, id, err, undo, to, who, queue]() {
      const bool ours = asking_ && asking_->appointment_id == id;
      if (err) {
        if (ours) {
          asking_->busy = false;
          asking_->error = err->message;
        }
        return;
      }
      if (ours) asking_.reset();
      char buf[256];
      if (undo) std::snprintf(buf, sizeof buf, _("%s: the status is back to «%s»."), who.c_str(), db::status_name(to));
      else std::snprintf(buf, sizeof buf, _("Checked in: %s, ticket No. %d."), who.c_str(), queue);
      notice_is_error_ = false;
      notice_ = buf;
      reload();
    };
  });
}

// ---- Drawing -------------------------------------------------------------------------------

void FlowScreen::draw_header() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(title().c_str());
  ImGui::PopFont();
  ImGui::SameLine(0, 16);
  const Date d = rows_ ? day_ : today();
  std::string date = ui::weekday_name(d.iso_weekday()) + ", " + ui::long_date(d.year(), d.month(), d.day());
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 6);
  ImGui::TextDisabled("%s", date.c_str());

  // The colours of waiting, at the right end of the line.
  char amber[96], red[96];
  std::snprintf(amber, sizeof amber, _("waiting over %d min"), thresholds_.amber_after_min);
  std::snprintf(red, sizeof red, _("over %d min"), thresholds_.red_after_min);
  const float h = ImGui::GetTextLineHeight();
  const float w = ImGui::CalcTextSize(amber).x + ImGui::CalcTextSize(red).x + 2 * (h + 6) + 16;
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (auto [text, colour] : {std::pair<const char*, unsigned>{amber, kAmber}, {red, kRed}}) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + h - 4, p.y + h - 2), col(colour), 3.f);
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine(0, 2);
    ImGui::TextDisabled("%s", text);
    ImGui::SameLine(0, 16);
  }
  ImGui::NewLine();
  // What the marks mean, and the view.
  ImDrawList* ldl = ImGui::GetWindowDrawList();
  float lx = ImGui::GetCursorScreenPos().x;
  const float ly = ImGui::GetCursorScreenPos().y;
  lx += badge(ldl, ImVec2(lx, ly), _("F"), kOrange, _("First visit: contract and consent needed")) + 6;
  ImGui::SetCursorScreenPos(ImVec2(lx, ly));
  ImGui::TextDisabled("%s", _("first visit: contract and consent"));
  ImGui::SameLine(0, 18);
  lx = ImGui::GetCursorScreenPos().x;
  lx += badge(ldl, ImVec2(lx, ly), _("K"), kBlue, _("Checked in at the kiosk")) + 6;
  ImGui::SetCursorScreenPos(ImVec2(lx, ly));
  ImGui::TextDisabled("%s", _("checked in at the kiosk"));
  ImGui::SameLine(0, 18);
  ImGui::TextColored(vec(kGreen), "✓");
  ImGui::SameLine(0, 6);
  ImGui::TextDisabled("%s", _("confirmed the appointment"));
  ImGui::SameLine(0, 30);
  ImGui::Checkbox(_("Compact"), &compact_);
  draw_left_open();
}

// The end-of-day check: visits left open (arrived or with the doctor, their time long over).
void FlowScreen::draw_left_open() {
  if (left_open_.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, vec(0xFFF8E6));
  ImGui::BeginChild("left_open", ImVec2(0, ImGui::GetFrameHeightWithSpacing() + 12), true);
  char buf[256];
  std::snprintf(buf, sizeof buf, _("Visits left open: %zu — the patient came, the time is over, the visit is not marked seen."),
                left_open_.size());
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(vec(kAmber), "%s", buf);
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    for (const auto& v : left_open_) {
      const LocalTime t = to_local(v.start_at);
      ImGui::Text("%s %s  %s → %s", t.date == today() ? "" : t.date.ru().c_str(), hhmm(t.minutes).c_str(),
                  v.patient.c_str(), v.doctor.c_str());
    }
    ImGui::EndTooltip();
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(busy_id_ != 0);
  if (primary_button(_("Mark them seen"), ImVec2(0, 0))) close_left_open();
  ImGui::EndDisabled();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

// «Договор не напечатан»: before a first visit goes in to the doctor.
void FlowScreen::draw_contract_warning() {
  if (open_contract_warning_) ImGui::OpenPopup("##contract_warning"), open_contract_warning_ = false;
  if (!ImGui::BeginPopupModal("##contract_warning", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar))
    return;
  const db::FlowRow* r = find(contract_warning_);
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("The contract is not printed"));
  ImGui::PopFont();
  if (r) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
    ImGui::Text(_("%s comes for the first time: the contract and the consent are signed before the visit."),
                r->patient_short.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Spacing();
  const std::int64_t id = contract_warning_;
  if (primary_button(_("Print the contract"), ImVec2(0, 40)) && r) {
    if (ctx_.open_documents) ctx_.open_documents(r->patient_id, id);
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button(_("Invite without a contract"), ImVec2(0, 40))) {
    ImGui::CloseCurrentPopup();
    call_in(id, true);
  }
  ImGui::SameLine();
  if (ImGui::Button(_("Cancel"), ImVec2(0, 40)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
    ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void FlowScreen::draw_column(Column c, const std::vector<const db::FlowRow*>& rows, float width, float height) {
  const char* name = "";
  const char* empty = "";
  unsigned accent = kQuiet;
  switch (c) {
    case Column::Absent:
      name = _("Not come?");
      empty = "";
      accent = kRed;
      break;
    case Column::Expected:
      name = _("Expected");
      empty = _("Nobody else is expected today.");
      accent = kBlue;
      break;
    case Column::Waiting:
      name = _("Waiting to be seen");
      empty = _("Nobody is waiting in the lobby.");
      accent = kAmber;
      break;
    case Column::InRoom:
      name = _("With the doctor");
      empty = _("Nobody is with a doctor right now.");
      accent = 0x6D4AD8;
      break;
    case Column::Done:
      name = _("Seen");
      empty = _("Nobody has been seen yet.");
      accent = kQuiet;
      break;
    case Column::NoShow:
      name = _("No-shows");
      empty = _("No no-shows today.");
      accent = kRed;
      break;
  }
  ImGui::BeginGroup();
  // The heading: a tinted bar with the name and the count.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float bar_h = ImGui::GetTextLineHeight() + 12;
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + bar_h), col(accent, 34), 6.f, ImDrawFlags_RoundCornersTop);
  dl->AddRectFilled(ImVec2(p.x, p.y + bar_h - 3), ImVec2(p.x + width, p.y + bar_h), col(accent));
  ImGui::PushFont(ctx_.shell.bold_font());
  dl->AddText(ImVec2(p.x + 10, p.y + 6), col(kText), name);
  char count[16];
  std::snprintf(count, sizeof count, "%zu", rows.size());
  const float cw = ImGui::CalcTextSize(count).x;
  dl->AddText(ImVec2(p.x + width - cw - 12, p.y + 6), col(rows.empty() ? kQuiet : accent), count);
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(width, bar_h));

  ImGui::PushStyleColor(ImGuiCol_ChildBg, vec(0xF6F8FA));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 6));
  char child[16];
  std::snprintf(child, sizeof child, "col%d", int(c));
  ImGui::BeginChild(child, ImVec2(width, std::max(60.f, height - bar_h - ImGui::GetStyle().ItemSpacing.y)), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding);
  if (rows.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", empty);
    ImGui::PopTextWrapPos();
  }
  const float inner = ImGui::GetContentRegionAvail().x;
  for (const db::FlowRow* r : rows) {
    if (c == Column::Done || c == Column::NoShow) draw_line(c, *r, inner);
    else if (compact_ || c == Column::Absent) draw_compact(c, *r, inner);
    else draw_card(c, *r, inner);
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  ImGui::EndGroup();
}

void FlowScreen::draw_card(Column c, const db::FlowRow& r, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float inner = width - 2 * kPad - 4;
  const float line_h = ImGui::GetTextLineHeight();
  ImGui::PushID(static_cast<int>(r.appointment_id));
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(p0.x + kPad + 4, p0.y + kPad));
  ImGui::BeginGroup();

  // Line 1: the time, the patient, the marks.
  ImGui::PushFont(ctx_.shell.bold_font());
  const std::string time = hhmm(r.start_min);
  ImGui::TextUnformatted(time.c_str());
  ImGui::PopFont();
  ImGui::SameLine(0, 8);
  float marks = 0;
  const char* kiosk_mark = _("K");
  const char* first_mark = _("F");
  if (r.from_kiosk() && c != Column::Expected) marks += std::max(line_h, ImGui::CalcTextSize(kiosk_mark).x + 8) + 4;
  if (r.first_visit) marks += std::max(line_h, ImGui::CalcTextSize(first_mark).x + 8) + 4;
  const float x_line = ImGui::GetCursorScreenPos().x;
  const float name_room = p0.x + kPad + 4 + inner - marks - x_line;
  const std::string name = fit(r.patient_name, std::max(40.f, name_room));
  ImGui::TextUnformatted(name.c_str());
  if (ImGui::IsItemHovered() && name != r.patient_name) ImGui::SetTooltip("%s", r.patient_name.c_str());
  {
    float x = p0.x + kPad + 4 + inner - marks + 4;
    const float y = ImGui::GetItemRectMin().y;
    if (r.from_kiosk() && c != Column::Expected)
      x += badge(dl, ImVec2(x, y), kiosk_mark, kBlue, _("Checked in at the kiosk")) + 4;
    if (r.first_visit) badge(dl, ImVec2(x, y), first_mark, kOrange, _("First visit: contract and consent needed"));
  }

  // Line 2: the doctor and the room; a confirmed appointment has a tick at the right.
  const bool tick = c == Column::Expected && r.status == S::Confirmed;
  const float tick_w = tick ? ImGui::CalcTextSize("✓").x + 8 : 0.f;
  ImGui::PushStyleColor(ImGuiCol_Text, vec(kQuiet));
  ImGui::TextUnformatted(fit(where(r), inner - tick_w).c_str());
  ImGui::PopStyleColor();
  if (tick) {
    const ImVec2 at(p0.x + kPad + 4 + inner - tick_w + 8, ImGui::GetItemRectMin().y);
    dl->AddText(at, col(kGreen), "✓");
    if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(at, ImVec2(at.x + tick_w, at.y + line_h)))
      ImGui::SetTooltip("%s", _("Confirmed"));
  }

  // Line 3: where the patient is in the visit.
  unsigned accent = kBlue, fill = kCard;
  if (c == Column::Expected) {
    accent = r.status == S::Confirmed ? kGreen : kBlue;
    if (r.late_min > 0) {
      // Late but still inside the check-in window: amber; past it (the desk must say why): red.
      const unsigned late_colour = r.needs_reason ? kRed : kAmber;
      accent = late_colour;
      fill = r.needs_reason ? 0xFFF4F2 : 0xFFF8E6;
      char late[96];
      std::snprintf(late, sizeof late, _("late by %s"), minutes_text(r.late_min).c_str());
      ImGui::PushFont(ctx_.shell.bold_font());
      ImGui::TextColored(vec(late_colour), "%s", late);
      ImGui::PopFont();
    }
  } else if (c == Column::Waiting) {
    accent = wait_colour(r.waiting_min, thresholds_);
    if (accent == kAmber) fill = 0xFFF8E6;
    if (accent == kRed) fill = 0xFFF0EE;
    // «№ 4 · отметка в 10:12 · ждёт 25 мин»; the time of arrival goes first when space is short.
    ImFont* wait_font = accent == kGreen ? ImGui::GetFont() : ctx_.shell.bold_font();
    char q[32] = "", at[64] = "", waiting[96];
    if (r.queue_number > 0) std::snprintf(q, sizeof q, _("No. %d"), r.queue_number);
    if (r.checked_in_at)
      std::snprintf(at, sizeof at, _("came at %s"), hhmm(to_local(*r.checked_in_at).minutes).c_str());
    std::snprintf(waiting, sizeof waiting, _("waiting %s"), minutes_text(r.waiting_min).c_str());
    const float sep = ImGui::CalcTextSize(" · ").x + 6;
    ImGui::PushFont(ctx_.shell.bold_font());
    float need = (*q ? ImGui::CalcTextSize(q).x + sep : 0.f);
    ImGui::PopFont();
    ImGui::PushFont(wait_font);
    need += ImGui::CalcTextSize(waiting).x;
    ImGui::PopFont();
    if (*at && need + ImGui::CalcTextSize(at).x + sep > inner) at[0] = 0;
    if (*q) {
      ImGui::PushFont(ctx_.shell.bold_font());
      ImGui::TextColored(vec(kBlue), "%s", q);
      ImGui::PopFont();
      ImGui::SameLine(0, 6);
      ImGui::TextDisabled("·");
      ImGui::SameLine(0, 6);
    }
    if (*at) {
      ImGui::TextDisabled("%s ·", at);
      ImGui::SameLine(0, 6);
    }
    ImGui::PushFont(wait_font);
    ImGui::TextColored(vec(accent), "%s", waiting);
    ImGui::PopFont();
    if (r.first_visit) ImGui::TextColored(vec(kOrange), "%s", _("first visit, contract needed"));
  } else if (c == Column::InRoom) {
    accent = 0x6D4AD8;
    if (r.queue_number > 0) {
      char q[32];
      std::snprintf(q, sizeof q, _("No. %d"), r.queue_number);
      ImGui::TextDisabled("%s ·", q);
      ImGui::SameLine(0, 6);
    }
    char until[64];
    std::snprintf(until, sizeof until, _("until %s"), hhmm(r.end_min).c_str());
    ImGui::TextDisabled("%s", until);
  }

  // Line 4: the next step, and the rest in the menu.
  ImGui::Dummy(ImVec2(0, 2));
  draw_actions(c, r, false);
  ImGui::SameLine();
  const float more_w = ImGui::CalcTextSize("…").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetCursorScreenPos(ImVec2(p0.x + width - kPad - more_w, ImGui::GetCursorScreenPos().y));
  ImGui::BeginDisabled(busy_id_ == r.appointment_id);
  if (ImGui::Button("…")) {
    menu_id_ = r.appointment_id;
    open_menu_ = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("More actions"));
  ImGui::EndDisabled();
  ImGui::EndGroup();

  // The card under its content.
  const ImVec2 p1(p0.x + width, ImGui::GetItemRectMax().y + kPad);
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(p0, p1, col(fill), 6.f);
  dl->AddRect(p0, p1, col(kBorder), 6.f);
  dl->AddRectFilled(p0, ImVec2(p0.x + 4, p1.y), col(accent), 6.f, ImDrawFlags_RoundCornersLeft);
  dl->ChannelsMerge();
  if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(p0, p1) && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
    menu_id_ = r.appointment_id;
    open_menu_ = true;
  }
  ImGui::SetCursorScreenPos(ImVec2(p0.x, p1.y));
  ImGui::Dummy(ImVec2(width, 0));
  ImGui::PopID();
}

// The step a column's patient is waiting for (and, for the expected, the no-show). A compact
// row has short labels, and the expected patient's no-show is in the menu: his time has not come.
std::vector<FlowScreen::Action> FlowScreen::actions(Column c, bool compact) {
  switch (c) {
    case Column::Absent: return {{_("No-show"), Step::NoShow, true}, {_("Came"), Step::CheckIn, false}};
    case Column::Expected:
      if (compact) return {{_("Came"), Step::CheckIn, false}};
      return {{_("Mark arrival"), Step::CheckIn, false}, {_("No-show"), Step::NoShow, false}};
    case Column::Waiting: return {{compact ? _("Call in") : _("Call into the room"), Step::CallIn, false}};
    case Column::InRoom: return {{_("Visit finished"), Step::Finish, false}};
    default: return {};
  }
}

float FlowScreen::actions_width(Column c, bool compact) {
  const ImGuiStyle& style = ImGui::GetStyle();
  float w = 0;
  for (const Action& a : actions(c, compact))
    w += ImGui::CalcTextSize(a.label).x + 2 * style.FramePadding.x + style.ItemSpacing.x;
  return w;
}

void FlowScreen::draw_actions(Column c, const db::FlowRow& r, bool compact) {
  ImGui::BeginDisabled(busy_id_ == r.appointment_id);
  bool first = true;
  for (const Action& a : actions(c, compact)) {
    if (!first) ImGui::SameLine();
    first = false;
    const bool pressed = a.primary ? primary_button(a.label, ImVec2(0, 0)) : ui::button(a.label);
    if (!pressed) continue;
    switch (a.step) {
      case Step::CheckIn: check_in(r.appointment_id); break;
      case Step::NoShow: no_show(r.appointment_id); break;
      case Step::CallIn: call_in(r.appointment_id); break;
      case Step::Finish: finish(r.appointment_id); break;
    }
  }
  ImGui::EndDisabled();
}

// A patient in two short lines: the time, the marks and the name; what is late or waiting and
// where; the step at the right. Twice as many fit as cards.
void FlowScreen::draw_compact(Column c, const db::FlowRow& r, float width) {
  ImGui::PushID(static_cast<int>(r.appointment_id));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float line_h = ImGui::GetTextLineHeight();
  const float h = 2 * line_h + 10;
  unsigned accent = c == Column::Absent ? kRed : c == Column::Waiting ? wait_colour(r.waiting_min, thresholds_)
                                        : c == Column::InRoom ? 0x6D4AD8 : (r.status == S::Confirmed ? kGreen : kBlue);
  if (c == Column::Expected && r.late_min > 0) accent = kAmber;
  dl->AddRectFilled(p0, ImVec2(p0.x + width, p0.y + h), col(kCard), 5.f);
  dl->AddRect(p0, ImVec2(p0.x + width, p0.y + h), col(kBorder), 5.f);
  dl->AddRectFilled(p0, ImVec2(p0.x + 4, p0.y + h), col(accent), 5.f, ImDrawFlags_RoundCornersLeft);
  // The action buttons' width, measured, so the text before them is cut to fit.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(6, ImGui::GetStyle().FramePadding.y));
  const float buttons = actions_width(c, true);
  const float text_end = p0.x + width - buttons - 6;
  const float y1 = p0.y + 5, y2 = y1 + line_h;
  float x = p0.x + 10;
  ImGui::PushFont(ctx_.shell.bold_font());
  const std::string time = hhmm(r.start_min);
  dl->AddText(ImVec2(x, y1), col(kText), time.c_str());
  x += ImGui::CalcTextSize(time.c_str()).x + 6;
  ImGui::PopFont();
  if (r.first_visit) x += badge(dl, ImVec2(x, y1), _("F"), kOrange, _("First visit: contract and consent needed")) + 4;
  if (r.from_kiosk() && c != Column::Expected && c != Column::Absent)
    x += badge(dl, ImVec2(x, y1), _("K"), kBlue, _("Checked in at the kiosk")) + 4;
  if (c == Column::Expected && r.status == S::Confirmed) {
    dl->AddText(ImVec2(x, y1), col(kGreen), "✓");
    x += ImGui::CalcTextSize("✓").x + 6;
  }
  dl->AddText(ImVec2(x, y1), col(kText), fit(r.patient_short, std::max(20.f, text_end - x)).c_str());
  // Line 2: what is late or waiting, then the doctor and the room.
  char state[64] = "", said[96] = "";
  if ((c == Column::Expected || c == Column::Absent) && r.late_min > 0) {
    std::snprintf(state, sizeof state, "+%s", minutes_text(r.late_min).c_str());  // «+40 мин» under the time
    std::snprintf(said, sizeof said, _("late by %s"), minutes_text(r.late_min).c_str());
  }
  else if (c == Column::Waiting)
    std::snprintf(state, sizeof state, r.queue_number > 0 ? _("No. %d · %s") : "%.0d%s", r.queue_number,
                  minutes_text(r.waiting_min).c_str());
  float x2 = p0.x + 10;
  if (*state) {
    const std::string shown = fit(state, std::max(20.f, text_end - x2));
    dl->AddText(ImVec2(x2, y2), col(c == Column::Waiting ? accent : c == Column::Absent ? kRed : kAmber),
                shown.c_str());
    x2 += ImGui::CalcTextSize(shown.c_str()).x + 8;
  }
  if (text_end - x2 > 30) dl->AddText(ImVec2(x2, y2), col(kQuiet), fit(where(r), text_end - x2).c_str());
  if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(p0, ImVec2(text_end, p0.y + h))) {
    const char* more = *said ? said : state;
    ImGui::SetTooltip("%s\n%s%s%s", r.patient_name.c_str(), where(r).c_str(), *more ? "\n" : "", more);
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Right) || ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      menu_id_ = r.appointment_id;
      open_menu_ = true;
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(p0.x + width - buttons, p0.y + (h - ImGui::GetFrameHeight()) / 2));
  draw_actions(c, r, true);
  ImGui::PopStyleVar();
  ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + h + 4));
  ImGui::Dummy(ImVec2(width, 0));
  ImGui::PopID();
}

void FlowScreen::draw_line(Column c, const db::FlowRow& r, float width) {
  ImGui::PushID(static_cast<int>(r.appointment_id));
  const float line_h = ImGui::GetTextLineHeight();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 size(width, 2 * line_h + 8);
  ImGui::InvisibleButton("row", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  if (ImGui::IsItemClicked(ImGuiMouseButton_Left) || ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
    menu_id_ = r.appointment_id;
    open_menu_ = true;
  }
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetTooltip("%s", _("Click for actions"));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + size.x, p0.y + size.y);
  dl->AddRectFilled(p0, p1, col(hovered ? 0xEEF2F6 : kCard), 5.f);
  dl->AddRectFilled(p0, ImVec2(p0.x + 3, p1.y), col(c == Column::NoShow ? kRed : kQuiet), 5.f,
                    ImDrawFlags_RoundCornersLeft);
  const std::string time = hhmm(r.start_min);
  ImGui::PushFont(ctx_.shell.bold_font());
  dl->AddText(ImVec2(p0.x + 10, p0.y + 4), col(kText), time.c_str());
  const float tw = ImGui::CalcTextSize(time.c_str()).x;
  ImGui::PopFont();
  const float x = p0.x + 10 + tw + 8;
  dl->AddText(ImVec2(x, p0.y + 4), col(kText), fit(r.patient_name, p1.x - x - 6).c_str());
  dl->AddText(ImVec2(x, p0.y + 4 + line_h), col(kQuiet), fit(where(r), p1.x - x - 6).c_str());
  ImGui::PopID();
}

void FlowScreen::draw_menu() {
  if (open_menu_) {
    ImGui::OpenPopup("flow_menu");
    open_menu_ = false;
  }
  if (!ImGui::BeginPopup("flow_menu")) return;
  const db::FlowRow* r = find(menu_id_);
  if (!r) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  ImGui::PushFont(ctx_.shell.bold_font());
  ImGui::TextUnformatted(r->patient_name.c_str());
  ImGui::PopFont();
  std::string line = hhmm(r->start_min) + " · " + where(*r);
  if (!r->patient_phone.empty()) line += " · " + format_phone(r->patient_phone);
  ImGui::TextDisabled("%s", line.c_str());
  ImGui::Separator();
  const bool busy = busy_id_ == r->appointment_id;
  const std::int64_t id = r->appointment_id;
  if (r->expected()) {
    if (ImGui::MenuItem(r->needs_reason ? _("Mark arrival…") : _("Mark arrival"), nullptr, false, !busy)) check_in(id);
    if (ImGui::MenuItem(_("No-show"), nullptr, false, !busy)) no_show(id);
  } else if (r->status == S::Arrived) {
    if (ImGui::MenuItem(_("Call into the room"), nullptr, false, !busy)) call_in(id);
    if (ImGui::MenuItem(_("Visit finished"), nullptr, false, !busy)) finish(id);
  } else if (r->status == S::InRoom) {
    if (ImGui::MenuItem(_("Visit finished"), nullptr, false, !busy)) finish(id);
  }
  if (ctx_.open_documents) {
    ImGui::Separator();
    // The contract and the consent of a first visit are printed on arrival.
    if (ImGui::MenuItem(r->first_visit ? _("Documents: contract and consent…") : _("Documents…")))
      ctx_.open_documents(r->patient_id, r->appointment_id);
  }
  if (!db::undo_targets(r->status).empty()) {
    if (r->status != S::Done && r->status != S::NoShow) ImGui::Separator();
    if (ImGui::MenuItem(_("Take back the status…"), nullptr, false, !busy)) ask_undo(id);
  }
  ImGui::EndPopup();
}

void FlowScreen::draw_asking() {
  if (open_asking_) {
    ImGui::OpenPopup("flow_asking");
    open_asking_ = false;
  }
  ImGui::SetNextWindowSize(ImVec2(580, 0));
  if (!ImGui::BeginPopupModal("flow_asking", nullptr,
                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove))
    return;
  const db::FlowRow* r = asking_ ? find(asking_->appointment_id) : nullptr;
  if (!asking_ || !r) {
    asking_.reset();
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  Asking& a = *asking_;
  const bool undo = a.kind == Asking::Kind::Undo;
  ImGui::PushFont(ctx_.shell.bold_font());
  ImGui::TextUnformatted(undo ? _("Take back a mistaken status") : _("Check in outside the appointment's time"));
  ImGui::PopFont();
  ImGui::TextUnformatted(r->patient_name.c_str());
  ImGui::TextDisabled("%s · %s", hhmm(r->start_min).c_str(), where(*r).c_str());
  ImGui::Spacing();
  if (undo) {
    const float value_x = std::max(ImGui::CalcTextSize(_("Now:")).x, ImGui::CalcTextSize(_("Back to:")).x) +
                          ImGui::GetCursorPosX() + 12;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(_("Now:"));
    ImGui::SameLine(value_x);
    ImGui::TextColored(vec(kBlue), "%s", db::status_name(a.from));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(_("Back to:"));
    float x = value_x;
    for (S to : db::undo_targets(a.from)) {
      ImGui::SameLine(x);
      x += ImGui::CalcTextSize(db::status_name(to)).x + ImGui::GetFrameHeight() + 24;
      if (ImGui::RadioButton(db::status_name(to), a.to == to)) a.to = to;
    }
    ImGui::PushTextWrapPos(0);
    if (a.from == S::Arrived)
      ImGui::TextDisabled("%s", _("The check-in is forgotten; the queue number stays with the patient."));
    if (a.from == S::NoShow) ImGui::TextDisabled("%s", _("The call task of the no-show is dropped."));
    ImGui::PopTextWrapPos();
  } else {
    char why[160];
    if (r->late_min > 0) std::snprintf(why, sizeof why, _("The patient is %s late."), minutes_text(r->late_min).c_str());
    else std::snprintf(why, sizeof why, "%s", _("Check-in for this appointment has not opened yet."));
    ImGui::TextWrapped("%s", why);
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(undo ? _("Why (required):") : _("Why check in anyway (required):"));
  const bool enter =
      undo ? reason_input("reason", a.reason, sizeof a.reason, {N_("Marked the wrong patient"), N_("Pressed by mistake")},
                          nullptr, -1.f, a.focus)
           : reason_input("reason", a.reason, sizeof a.reason,
                          {N_("The doctor agreed to see the patient"), N_("Late for a good reason"),
                           N_("The doctor is free earlier")},
                          nullptr, -1.f, a.focus);
  a.focus = false;
  if (!a.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, vec(kRed));
    ImGui::TextWrapped("%s", a.error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  const bool can = !a.busy && !blank(a.reason);
  ImGui::BeginDisabled(!can);
  bool save = ui::button(undo ? _("Take back") : _("Mark arrival"), ImVec2(200, 0));
  ImGui::EndDisabled();
  ImGui::SameLine();
  const bool cancel = ImGui::Button(_("Cancel"), ImVec2(160, 0)) ||
                      (!a.busy && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)));
  if (a.busy) {
    ImGui::SameLine(0, 16);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", _("Saving…"));
  }
  if ((save || (enter && can))) submit_asking();
  else if (cancel) {
    asking_.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void FlowScreen::draw() {
  if (!rows_ && !loading_ && error_.empty()) reload();
  if (!loading_ && ImGui::GetTime() >= next_reload_) reload();  // the waiting minutes tick
  draw_header();
  if (!error_.empty()) ImGui::TextColored(vec(kRed), "%s", error_.c_str());
  if (!notice_.empty()) ImGui::TextColored(vec(notice_is_error_ ? kRed : kGreen), "%s", notice_.c_str());
  ImGui::Spacing();
  if (!rows_) {
    ImGui::TextDisabled("%s", loading_ ? _("Loading…") : "");
  } else if (rows_->empty()) {
    ImGui::Spacing();
    ImGui::TextUnformatted(_("No appointments today."));
    ImGui::TextDisabled("%s", _("Patients booked for today appear here as the day goes on."));
  } else {
    std::vector<const db::FlowRow*> absent, expected, waiting, in_room, done, no_show;
    for (const auto& r : *rows_) {
      switch (r.status) {
        case S::Booked:
        case S::Confirmed: (db::probably_absent(r, thresholds_) ? absent : expected).push_back(&r); break;
        case S::Arrived: waiting.push_back(&r); break;
        case S::InRoom: in_room.push_back(&r); break;
        case S::Done: done.push_back(&r); break;
        case S::NoShow: no_show.push_back(&r); break;
        case S::Cancelled: break;
      }
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float w = std::floor((avail.x - 3 * kGap) / 4);
    const float h = avail.y;
    if (absent.empty()) {
      draw_column(Column::Expected, expected, w, h);
    } else {
      // «Не пришёл?» above the expected: later than the setting, one click to mark the no-show.
      ImGui::BeginGroup();
      const float line = ImGui::GetFrameHeightWithSpacing() + 6;
      const float top = std::clamp(line * float(absent.size()) + 60.f, 120.f, std::floor(h * 0.45f));
      draw_column(Column::Absent, absent, w, top);
      draw_column(Column::Expected, expected, w, h - top - ImGui::GetStyle().ItemSpacing.y);
      ImGui::EndGroup();
    }
    ImGui::SameLine(0, kGap);
    draw_column(Column::Waiting, waiting, w, h);
    ImGui::SameLine(0, kGap);
    draw_column(Column::InRoom, in_room, w, h);
    ImGui::SameLine(0, kGap);
    ImGui::BeginGroup();
    const float top = std::floor(h * 0.6f);
    draw_column(Column::Done, done, w, top);
    draw_column(Column::NoShow, no_show, w, h - top - ImGui::GetStyle().ItemSpacing.y);
    ImGui::EndGroup();
  }
  draw_menu();
  draw_asking();
  draw_contract_warning();
}

// ---- Screenshots ---------------------------------------------------------------------------

void FlowScreen::prepare_extra_shot(const std::string& name) {
  if (!rows_) return;
  asking_.reset();
  auto first = [&](auto pred) -> const db::FlowRow* {
    for (const auto& r : *rows_)
      if (pred(r)) return &r;
    return nullptr;
  };
  if (name == "reason") {
    const db::FlowRow* r = first([](const db::FlowRow& x) { return x.expected() && x.late_min > 0; });
    if (!r) r = first([](const db::FlowRow& x) { return x.expected() && x.needs_reason; });
    if (r) ask_reason(r->appointment_id);
  } else if (name == "undo") {
    if (const db::FlowRow* r = first([](const db::FlowRow& x) { return x.status == S::Arrived; }))
      ask_undo(r->appointment_id);
  } else if (name == "cards") {
    compact_ = false;  // the roomier card view, as it was
  } else if (name == "contract") {
    compact_ = true;
    const db::FlowRow* r =
        first([](const db::FlowRow& x) { return x.status == S::Arrived && x.first_visit && !x.contract_printed; });
    if (r) call_in(r->appointment_id);
  } else if (name == "notice" && show_notice) {
    // A kiosk arrival as check_in() announces it, for a first visit when there is one.
    const db::FlowRow* r = first([](const db::FlowRow& x) { return x.status == S::Arrived && x.first_visit; });
    if (!r) r = first([](const db::FlowRow& x) { return x.status == S::Arrived; });
    if (!r) return;
    db::TodayVisit v;
    v.doctor = r->doctor, v.room = r->room, v.first_visit = r->first_visit;
    const db::ArrivalNews news = db::arrival_news(r->patient_short, v, {});
    db::DeskEvent e;
    e.id = -1;
    e.at = db::now_unix();
    e.kind = news.kind;
    e.message = news.message;
    e.patient_id = r->patient_id;
    e.appointment_id = r->appointment_id;
    show_notice(e);
  }
}

}  // namespace rg::desk
