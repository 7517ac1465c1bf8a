// Placeholder sections: a heading, what the section is for, and that it is not here yet.
#include "section_screen.h"

#include <imgui.h>

#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {

std::string SectionScreen::title() const { return _(title_); }

void SectionScreen::draw() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(title().c_str());
  ImGui::PopFont();
  ImGui::Spacing();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 720.f);
  ImGui::TextUnformatted(_(description_));
  ImGui::Spacing();
  ImGui::TextDisabled("%s", _("This section is not available in this version yet."));
  ImGui::PopTextWrapPos();
}

}  // namespace rg::desk
