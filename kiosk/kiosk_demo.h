// Screenshots of every kiosk screen in both orientations, with a made-up patient where a screen
// shows one (never a real record from the database).
#pragma once

#include <functional>
#include <string>

#include "kiosk_app.h"
#include "ui/shell.h"

namespace rg::kiosk {

int screenshot_all(ui::Shell& shell, KioskApp& app, const std::function<void()>& frame, const std::string& dir,
                   int frames);

}  // namespace rg::kiosk
