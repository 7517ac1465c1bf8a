#include "setup_screen.h"

#include "palette.h"

#include <imgui.h>

#include "dialog.h"
#include "text.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

const char* section_of(db::SetupStep s) {
  switch (s) {
    case db::SetupStep::Requisites: return "requisites";
    case db::SetupStep::Rooms: return "rooms";
    case db::SetupStep::Doctors: return "doctors";
    case db::SetupStep::Schedules: return "schedules";
    case db::SetupStep::Prices: return "prices";
    case db::SetupStep::Staff: return "staff";
    case db::SetupStep::Devices: return "printers";
  }
  return "requisites";
}

const char* hint_of(db::SetupStep s) {
  switch (s) {
    case db::SetupStep::Requisites:
      return N_("Name, INN, address and licence: contracts, receipts and tax certificates print them.");
    case db::SetupStep::Rooms: return N_("The rooms where patients are seen, with where to find them.");
    case db::SetupStep::Doctors:
      return N_("Each doctor with his position as documents print it, specialties, room and services.");
    case db::SetupStep::Schedules:
      return N_("Weekly hours, alternating weeks or shifts: nobody can be booked without them.");
    case db::SetupStep::Prices: return N_("Services with 804н codes and prices from a date; import from Excel.");
    case db::SetupStep::Staff: return N_("An account for each administrator, cashier, operator and doctor.");
    case db::SetupStep::Devices: return N_("Which printer prints documents and slips; the till and the scanners.");
  }
  return "";
}

}  // namespace

std::string SetupScreen::title() const { return _("First steps"); }

void SetupScreen::load() {
  if (loading_) return;
  loading_ = true;
  ctx_.worker.submit([this](db::Database& db) -> db::Worker::Continuation {
    auto p = db::setup_progress(db);
    return [this, p = std::move(p)]() {
      loading_ = false;
      if (p) progress_ = *p;
      else action_.error = p.error().message;
    };
  });
}

void SetupScreen::draw() {
  ImGui::PushFont(ctx_.shell.font(28));
  ImGui::TextUnformatted(_("Setting up the clinic"));
  ImGui::PopFont();
  if (!progress_) return;
  const auto& p = *progress_;
  ImGui::TextColored(p.complete() ? kGreen : kQuiet, _("%d of %zu steps done or left for later."), p.finished(),
                     p.steps.size());
  if (p.complete())
    ImGui::TextWrapped("%s", _("The clinic is ready for its first working day. This screen stays in the menu for "
                               "whatever you left for later."));
  if (!action_.error.empty()) ImGui::TextColored(kError, "%s", action_.error.c_str());
  ImGui::Spacing();
  const bool may = ctx_.may(db::Permission::SettingsEdit);
  const db::Actor actor = ctx_.actor();
  // The first step neither done nor skipped is the one to do now.
  bool next_marked = false;
  int n = 0;
  if (ImGui::BeginTable("steps", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 44);
    ImGui::TableSetupColumn(_("Step"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(_("Now"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 330);
    for (const auto& s : p.steps) {
      ++n;
      ImGui::PushID(n);
      ImGui::TableNextRow(0, 74);
      ImGui::TableNextColumn();
      const bool next = !s.done && !s.skipped && !next_marked;
      if (next) next_marked = true;
      ImGui::PushFont(ctx_.shell.font(24));
      ImGui::TextColored(s.done ? kGreen : next ? kBlue : kQuiet, "%d", n);
      ImGui::PopFont();
      ImGui::TableNextColumn();
      ImGui::PushFont(ctx_.shell.font(20));
      ImGui::TextUnformatted(s.title.c_str());
      ImGui::PopFont();
      ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
      ImGui::TextWrapped("%s", _(hint_of(s.step)));
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::TextColored(s.done ? kGreen : s.skipped ? kQuiet : kAmber, "%s",
                         s.skipped && !s.done ? _("left for later") : s.done ? _("done") : _("to do"));
      ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
      ImGui::TextWrapped("%s", s.state.c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      const char* open = s.done ? _("Review") : _("Open");
      if (next ? primary_button(open, ImVec2(150, 38)) : ui::button(open, ImVec2(150, 38)))
        if (ctx_.open_settings) ctx_.open_settings(section_of(s.step));
      if (!s.done) {
        ImGui::SameLine();
        const bool skipped = s.skipped;
        if (guarded_button(skipped ? _("Take up again") : _("Later"), may && !action_.busy, db::Permission::SettingsEdit,
                           ImVec2(160, 38)))
          run_action(ctx_.worker, action_,
                     [step = s.step, skipped, actor](db::Database& db) {
                       return db::skip_setup_step(db, step, !skipped, actor);
                     },
                     "", [this] { load(); });
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

}  // namespace rg::desk
