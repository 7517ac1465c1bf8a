// The modal frame: sized to the window, centred, no title bar of ImGui's own.
#include "dialog.h"

#include <imgui.h>

#include <algorithm>

#include "ui/i18n.h"

namespace rg::desk {

// xgettext sees the day parts here: the table in dialog.h holds plain strings.
[[maybe_unused]] static const char* const kDayPartMessages[] = {N_("any time"), N_("morning (till 12:00)"),
                                                                N_("afternoon (12–16)"), N_("evening (from 16:00)")};

bool begin_dialog(const char* id, const char* title, bool& open, bool& just_opened, ui::Shell& shell,
                  float width, float height) {
  if (!open) return false;
  if (just_opened) ImGui::OpenPopup(id), just_opened = false;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(std::min(width, vp->Size.x - 80), std::min(height, vp->Size.y - 60)));
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2), 0, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(id, &open, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize)) return false;
  ImGui::PushFont(shell.font(24));
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 110);
  if (ImGui::Button(_("Close"), ImVec2(110, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    open = false;
    ImGui::CloseCurrentPopup();
  }
  return true;
}

bool dialog_footer(const std::string& error, const std::string& problem, bool busy, const char* label,
                   const char* busy_label, float width) {
  const std::string& shown = !error.empty() ? error : problem;
  if (!shown.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", shown.c_str());
    ImGui::PopTextWrapPos();
  }
  const bool can = problem.empty() && !busy;
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - 64);
  ImGui::BeginDisabled(!can);
  const bool pressed = ui::button(busy ? busy_label : label, ImVec2(width, 44)) && can;
  ImGui::EndDisabled();
  return pressed;
}

}  // namespace rg::desk
