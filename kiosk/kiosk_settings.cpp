// Reads kiosk.* settings through the core; unset keys keep their defaults.
#include "kiosk_settings.h"

namespace rg::kiosk {

ScannerPlace scanner_place(std::string_view value) {
  if (value == "right") return ScannerPlace::Right;
  if (value == "left") return ScannerPlace::Left;
  return ScannerPlace::Below;
}

Result<KioskSettings> load_kiosk_settings(db::Database& db) {
  KioskSettings k;
  RG_TRY_ASSIGN(auto place, db::get_setting(db, "kiosk.scanner_place"));
  if (place) k.scanner = scanner_place(*place);
  RG_TRY_ASSIGN(auto desk_en, db::get_setting(db, "kiosk.desk_location_en"));
  if (desk_en) k.desk_location_en = *desk_en;
  return k;
}

std::string desk_location(const db::Clinic& clinic, const KioskSettings& settings, bool english) {
  return english ? settings.desk_location_en : clinic.desk_location;
}

}  // namespace rg::kiosk
