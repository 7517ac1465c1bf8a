// Kiosk frame: one full-screen window, the current screen, the inactivity reset.
#include "kiosk_app.h"

#include <imgui.h>

#include "ui/i18n.h"

namespace rg::kiosk {

KioskApp::KioskApp(ui::Shell& shell, db::Clinic clinic) : shell_(shell), clinic_(std::move(clinic)) {}

void KioskApp::frame() {
  ImGuiIO& io = ImGui::GetIO();
  double now = ImGui::GetTime();
  if (io.MouseClicked[0] || io.InputQueueCharacters.Size > 0) state_.touch(now);
  state_.tick(now);

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin("##kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  switch (state_.screen) {
    case KioskScreen::Start: draw_start(vp->Size.x, vp->Size.y); break;
    case KioskScreen::GoToDesk: draw_go_to_desk(vp->Size.x, vp->Size.y); break;
  }
  ImGui::End();
}

}  // namespace rg::kiosk
