// The kiosk's own settings (the settings table, keys kiosk.*), read once at start.
#pragma once

#include <string>
#include <string_view>

#include "clinic.h"
#include "database.h"

namespace rg::kiosk {

// Where the scanner is, seen from the patient: the start screen points there.
enum class ScannerPlace { Below, Right, Left };

struct KioskSettings {
  ScannerPlace scanner = ScannerPlace::Below;  // kiosk.scanner_place: below (default) | right | left
  std::string desk_location_en;                // kiosk.desk_location_en: the desk's place, in English
};

// An unknown scanner place reads as «below»: a typo must not leave the kiosk without its arrow.
ScannerPlace scanner_place(std::string_view value);
Result<KioskSettings> load_kiosk_settings(db::Database& db);

// Where the desk is, in the kiosk's language: the clinic's own words in Russian,
// kiosk.desk_location_en in English; "" when the clinic has not said it in that language.
std::string desk_location(const db::Clinic& clinic, const KioskSettings& settings, bool english);

}  // namespace rg::kiosk
