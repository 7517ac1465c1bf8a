// Same setting and same creation rule as the kiosk's clinic_checkin_secret (kiosk/kiosk_identify.cpp).
#include "slip_token.h"

#include "checkin_token.h"
#include "clinic.h"
#include "i18n.h"

namespace rg::docs {

Result<std::string> slip_checkin_token(db::Database& db, std::int64_t appointment_id) {
  RG_TRY_ASSIGN(auto stored, db::get_setting(db, "checkin.secret"));
  if (!stored) {
    RG_TRY_ASSIGN(std::string made, db::setting_or_insert(db, "checkin.secret",
                                                          codes::secret_to_hex(codes::new_clinic_secret())));
    stored = std::move(made);
  }
  auto secret = codes::secret_from_hex(*stored);
  if (!secret) return fail(ErrorCode::Internal, _("The clinic's check-in secret is damaged."), "settings checkin.secret");
  std::string token = codes::make_checkin_token(appointment_id, *secret);
  if (token.empty()) return fail(ErrorCode::Internal, _("The check-in code could not be made."), "appointment " + std::to_string(appointment_id));
  return token;
}

}  // namespace rg::docs
