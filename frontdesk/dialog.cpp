// The modal frame: sized to the window, centred, no title bar of ImGui's own.
#include "dialog.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "ui/i18n.h"

namespace rg::desk {

// xgettext sees the day parts here: the table in dialog.h holds plain strings.
[[maybe_unused]] static const char* const kDayPartMessages[] = {N_("any time"), N_("morning (till 12:00)"),
                                                                N_("afternoon (12–16)"), N_("evening (from 16:00)")};

bool begin_dialog(const char* id, const char* title, bool& open, bool& just_opened, ui::Shell& shell,
                  float width, float height, const char* dismiss) {
  if (!open) return false;
  if (just_opened) ImGui::OpenPopup(id), just_opened = false;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(std::min(width, vp->Size.x - 80), std::min(height, vp->Size.y - 60)));
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2), 0, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(id, &open, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize)) return false;
  ImGui::PushFont(shell.font(24));
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  const char* label = dismiss ? dismiss : _("Cancel");
  const float w = std::max(110.f, ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x);
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
  if (ImGui::Button(label, ImVec2(w, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
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
  const bool pressed = primary_button(busy ? busy_label : label, ImVec2(width, 44)) && can;
  ImGui::EndDisabled();
  return pressed;
}

bool primary_button(const char* label, const ImVec2& size) {
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.18f, 0.44f, 0.92f, 1));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.25f, 0.52f, 0.96f, 1));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.12f, 0.36f, 0.80f, 1));
  const bool pressed = ui::button(label, size);
  ImGui::PopStyleColor(3);
  return pressed;
}

void whole_on_hover(const std::string& text, float width) {
  if (ImGui::IsItemHovered() && ImGui::CalcTextSize(text.c_str()).x > width) ImGui::SetTooltip("%s", text.c_str());
}

void form_label(const char* text, float field_x) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(field_x);
}

bool reason_input(const char* id, char* buf, size_t size, std::initializer_list<const char*> picks,
                  const char* hint, float width, bool focus_field) {
  ImGui::PushID(id);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  bool first = true;
  for (const char* msgid : picks) {
    const char* text = _(msgid);
    const float w = ImGui::CalcTextSize(text).x + style.FramePadding.x * 2;
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    }
    first = false;
    const bool chosen = std::strcmp(buf, text) == 0;
    if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(text)) std::snprintf(buf, size, "%s", text);
    if (chosen) ImGui::PopStyleColor();
  }
  ImGui::SetNextItemWidth(width);
  if (focus_field) ImGui::SetKeyboardFocusHere();
  const bool enter = ImGui::InputTextWithHint("##text", hint ? hint : (picks.size() ? _("Or type the reason") : ""),
                                              buf, size, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::PopID();
  return enter;
}

bool guarded_button(const char* label, bool may, db::Permission needs, const ImVec2& size, bool small) {
  ImGui::BeginDisabled(!may);
  const bool pressed = small ? ImGui::SmallButton(label) : ImGui::Button(label, size);
  ImGui::EndDisabled();
  if (!may && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(_("Needs the permission «%s»: ask a person who has it."), db::permission_title(needs).c_str());
  return pressed && may;
}

}  // namespace rg::desk
