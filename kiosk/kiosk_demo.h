// Screenshots of every kiosk screen in both orientations and both languages, with a made-up
// patient where a screen shows one (never a real record from the database) whose visits agree
// with the clock and the clinic's doctors.
#pragma once

#include <functional>
#include <string>

#include "database.h"
#include "kiosk_app.h"
#include "ui/shell.h"

namespace rg::kiosk {

int screenshot_all(ui::Shell& shell, KioskApp& app, db::Database& db, const std::function<void()>& frame,
                   const std::string& dir, int frames);

}  // namespace rg::kiosk
