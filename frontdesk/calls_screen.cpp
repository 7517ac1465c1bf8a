// The list comes from db::open_tasks and goes back through db::close_task, both on the worker;
// the screen reloads after each close and whenever another desk commits.
#include "calls_screen.h"

#include "palette.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "calendar.h"
#include "dialog.h"
#include "text.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {


struct KindLook {
  const char* name;
  ImVec4 colour;
};

KindLook kind_look(db::TaskKind k) {
  switch (k) {
    case db::TaskKind::CallReschedule: return {_("Reschedule"), ImVec4(0.13f, 0.36f, 0.75f, 1)};
    case db::TaskKind::CallCancel: return {_("Cancellation"), ImVec4(0.70f, 0.22f, 0.12f, 1)};
    case db::TaskKind::Call: break;
  }
  return {_("Call"), ImVec4(0.25f, 0.29f, 0.35f, 1)};
}

std::string when_text(std::int64_t unix_seconds) {
  LocalTime t = to_local(unix_seconds);
  Date d = today();
  std::string day = t.date == d                 ? std::string(_("today"))
                    : t.date == d.plus_days(-1) ? std::string(_("yesterday"))
                                                : t.date.ru();
  return day + " " + hhmm(t.minutes);
}

}  // namespace

std::string CallsScreen::title() const { return _("Calls"); }

void CallsScreen::on_show() {
  if (!tasks_ && !loading_) reload();
}

void CallsScreen::reload() {
  int gen = ++generation_;
  loading_ = true;
  ctx_.worker.submit([this, gen](db::Database& db) -> db::Worker::Continuation {
    auto tasks = db::open_tasks(db);
    return [this, gen, tasks = std::move(tasks)]() mutable {
      if (gen != generation_) return;  // a newer reload is on its way
      loading_ = false;
      if (!tasks) {
        error_ = tasks.error().message;
        return;
      }
      error_.clear();
      tasks_ = std::move(*tasks);
    };
  });
}

const db::Task* CallsScreen::find(std::int64_t task_id) const {
  if (!tasks_) return nullptr;
  for (const auto& t : *tasks_)
    if (t.id == task_id) return &t;
  return nullptr;
}

void CallsScreen::ask_close(std::int64_t task_id, bool done) {
  notice_.clear();
  closing_.emplace();
  closing_->task_id = task_id;
  closing_->done = done;
  open_dialog_ = true;
}

void CallsScreen::prepare_extra_shot(const std::string& name) {
  if (name == "drop" && tasks_ && !tasks_->empty()) ask_close(tasks_->front().id, false);
}

void CallsScreen::submit_close() {
  if (!closing_ || closing_->busy) return;
  closing_->busy = true;
  closing_->error.clear();
  const std::int64_t id = closing_->task_id;
  const bool done = closing_->done;
  const std::string result = closing_->result;
  const db::Actor actor = ctx_.actor();
  ctx_.worker.submit([this, id, done, result, actor](db::Database& db) -> db::Worker::Continuation {
    Status st = db::close_task(db, id, done, result, actor);
    return [this, id, st]() {
      const bool ours = closing_ && closing_->task_id == id;
      if (st || st.error().code == ErrorCode::NotFound) {
        // Closed, here or at another desk already: the dialog goes, the list follows.
        if (ours) closing_.reset();
        notice_ = st ? "" : st.error().message;
        reload();
        return;
      }
      if (ours) {
        closing_->busy = false;
        closing_->error = st.error().message;
      }
    };
  });
}

void CallsScreen::draw_close_dialog() {
  if (open_dialog_) {
    ImGui::OpenPopup("close_task");
    open_dialog_ = false;
  }
  ImGui::SetNextWindowSize(ImVec2(560, 0));
  if (!ImGui::BeginPopupModal("close_task", nullptr,
                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove))
    return;
  if (!closing_) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  Closing& c = *closing_;
  ImGui::PushFont(ctx_.shell.bold_font());
  ImGui::TextUnformatted(c.done ? _("The call is done") : _("Drop the task"));
  ImGui::PopFont();
  if (const db::Task* t = find(c.task_id)) {
    ImGui::TextWrapped("%s", t->title.c_str());
    if (!t->patient_name.empty()) {
      std::string who = t->patient_name;
      if (!t->patient_phone.empty()) who += " · " + format_phone(t->patient_phone);
      ImGui::TextDisabled("%s", who.c_str());
    }
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(c.done ? _("Result (optional):") : _("Why is it dropped (required):"));
  if (c.focus) {
    ImGui::SetKeyboardFocusHere();
    c.focus = false;
  }
  ImGui::InputTextMultiline("##result", c.result, sizeof c.result,
                            ImVec2(-1, ImGui::GetTextLineHeight() * 4 + ImGui::GetStyle().FramePadding.y * 2));
  ImGui::TextDisabled("%s", c.done ? _("For example: reached her, she agrees to Thursday 14:00.")
                                   : _("For example: the patient will call back herself."));
  if (!c.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("%s", c.error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  const bool can_save = !c.busy && (c.done || !blank(c.result));
  ImGui::BeginDisabled(!can_save);
  bool save = ui::button(c.done ? _("Mark done") : _("Drop"), ImVec2(160, 0));
  ImGui::EndDisabled();
  // Ctrl+Enter saves (Enter is a new line in the text).
  if (can_save && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) save = true;
  ImGui::SameLine();
  bool cancel = ImGui::Button(_("Cancel"), ImVec2(160, 0)) ||
                (!c.busy && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)));
  if (c.busy) {
    ImGui::SameLine(0, 16);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", _("Saving…"));
  }
  if (save) submit_close();
  else if (cancel) {
    closing_.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void CallsScreen::draw_list() {
  const std::vector<db::Task>& tasks = *tasks_;
  const char* done_label = _("Mark done");
  const char* drop_label = _("Drop");
  const ImGuiStyle& style = ImGui::GetStyle();
  const float actions_w = ImGui::CalcTextSize(done_label).x + ImGui::CalcTextSize(drop_label).x +
                          style.FramePadding.x * 4 + style.ItemSpacing.x + 4;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("tasks", 6, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(_("Kind"), ImGuiTableColumnFlags_WidthFixed, 110.f);
  ImGui::TableSetupColumn(_("Created"), ImGuiTableColumnFlags_WidthFixed, 150.f);
  ImGui::TableSetupColumn(_("Patient"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn(_("Phone"), ImGuiTableColumnFlags_WidthFixed, 170.f);
  ImGui::TableSetupColumn(_("Task"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, actions_w);
  ImGui::TableHeadersRow();
  for (const db::Task& t : tasks) {
    ImGui::TableNextRow(ImGuiTableRowFlags_None, ImGui::GetFrameHeight() + 8);
    ImGui::PushID(static_cast<int>(t.id));
    KindLook look = kind_look(t.kind);
    ImGui::TableSetColumnIndex(0);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
    ImGui::AlignTextToFramePadding();
    ImGui::PushFont(ctx_.shell.bold_font());
    ImGui::TextColored(look.colour, "%s", look.name);
    ImGui::PopFont();
    ImGui::TableSetColumnIndex(1);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(when_text(t.created_at).c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
    ImGui::AlignTextToFramePadding();
    if (t.patient_name.empty()) ImGui::TextDisabled("—");
    else ImGui::TextWrapped("%s", t.patient_name.c_str());
    ImGui::TableSetColumnIndex(3);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
    ImGui::AlignTextToFramePadding();
    if (t.patient_phone.empty()) ImGui::TextDisabled("—");
    else ImGui::TextUnformatted(format_phone(t.patient_phone).c_str());
    ImGui::TableSetColumnIndex(4);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
    ImGui::AlignTextToFramePadding();
    ImGui::TextWrapped("%s", t.title.c_str());
    ImGui::TableSetColumnIndex(5);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
    if (ui::button(done_label)) ask_close(t.id, true);
    ImGui::SameLine();
    if (ImGui::Button(drop_label)) ask_close(t.id, false);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void CallsScreen::draw() {
  if (!tasks_ && !loading_ && error_.empty()) reload();
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Calls to make"));
  ImGui::PopFont();
  if (tasks_ && !tasks_->empty())
    ImGui::TextDisabled("%s %zu · %s", _("Open tasks:"), tasks_->size(), _("the oldest first"));
  for (const std::string* e : {&error_, &notice_})
    if (!e->empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, kError);
      ImGui::TextWrapped("%s", e->c_str());
      ImGui::PopStyleColor();
    }
  ImGui::Spacing();
  if (!tasks_) {
    ImGui::TextDisabled("%s", loading_ ? _("Loading…") : "");
  } else if (tasks_->empty()) {
    ImGui::Spacing();
    ImGui::TextUnformatted(_("No calls to make."));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 720.f);
    ImGui::TextDisabled("%s", _("A task appears here when an appointment is moved or cancelled because the doctor "
                                "is away, and the patient has to be told."));
    ImGui::PopTextWrapPos();
  } else {
    draw_list();
  }
  draw_close_dialog();
}

}  // namespace rg::desk
