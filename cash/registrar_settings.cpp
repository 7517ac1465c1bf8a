#include "registrar_settings.h"

#include "clinic.h"

namespace rg::cash {

drivers::fiscal::atol::AtolOptions atol_options_from_settings(db::Database& db) {
  drivers::fiscal::atol::AtolOptions o;
  auto& p = o.passwords;
  // The widths of their BCD fields: access 2 bytes, cashier and administrator 4 (atol_commands.h).
  if (auto v = db::get_setting_int(db, "fiscal.atol.access_password", int(p.access), 0, 9999)) p.access = std::uint32_t(*v);
  if (auto v = db::get_setting_int(db, "fiscal.atol.cashier_password", int(p.cashier), 0, 99999999)) p.cashier = std::uint32_t(*v);
  if (auto v = db::get_setting_int(db, "fiscal.atol.admin_password", int(p.admin), 0, 99999999)) p.admin = std::uint32_t(*v);
  if (auto v = db::get_setting_int(db, "fiscal.atol.no_vat_tax", o.vat_no_vat, 0, 255)) o.vat_no_vat = std::uint8_t(*v);
  return o;
}

}  // namespace rg::cash
