#include "print_dialog.h"

#include "palette.h"

#include <imgui.h>

#include <algorithm>

#include "dialog.h"
#include "print_service.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {


}  // namespace

void PrintDialog::open(std::string title, std::string routed, int copies, Submit submit) {
  title_ = std::move(title);
  routed_ = std::move(routed);
  choice_ = {routed_, std::max(1, copies), false};
  submit_ = std::move(submit);
  open_ = just_opened_ = true;
}

void PrintDialog::draw(ui::Shell& shell, cups::PrintService* printing) {
  const std::string title = std::string(_("Print a document")) + " — " + title_;
  if (!begin_dialog("##print", title.c_str(), open_, just_opened_, shell, 860, 440)) return;
  ImGui::Separator();
  ImGui::TextColored(kQuiet, "%s", _("PRINTER"));
  const auto queues = printing ? printing->queues() : cups::QueueList{};
  if (!printing || (queues.loaded && queues.queues.empty()) || !queues.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kAmber);
    ImGui::TextWrapped("%s %s", queues.error.empty() ? _("No printer is available.") : queues.error.c_str(),
                       _("The document will be saved as a PDF file and the desk told where."));
    ImGui::PopStyleColor();
  }
  for (const auto& q : queues.queues) {
    const bool ok = q.state != cups::QueueState::Stopped && q.accepting;
    const std::string label = (q.description.empty() ? q.name : q.description) +
                              (q.name == routed_ ? std::string("  (") + _("set in the settings") + ")" : "");
    if (ImGui::RadioButton(label.c_str(), choice_.queue == q.name)) choice_.queue = q.name;
    ImGui::SameLine();
    ImGui::TextColored(ok ? kGreen : kAmber, "— %s", cups::describe(q).c_str());
  }
  ImGui::Spacing();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("Copies"));
  ImGui::SameLine(160);
  ImGui::SetNextItemWidth(140);
  ImGui::InputInt("##copies", &choice_.copies);
  choice_.copies = std::clamp(choice_.copies, 1, 99);
  ImGui::Checkbox(_("On both sides of the sheet"), &choice_.duplex);
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - 64);
  if (primary_button(_("Print (Enter)"), ImVec2(260, 44)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
    open_ = false;
    ImGui::CloseCurrentPopup();
    submit_(choice_);
  }
  ImGui::EndPopup();
}

}  // namespace rg::desk
