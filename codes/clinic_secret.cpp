#include "clinic_secret.h"

#include "checkin_token.h"
#include "clinic.h"
#include "i18n.h"

namespace rg::codes {

Result<std::vector<unsigned char>> clinic_checkin_secret(db::Database& db) {
  // One starting at the same moment as another keeps the first one's secret.
  RG_TRY_ASSIGN(auto stored, db::get_setting(db, "checkin.secret"));
  if (!stored) {
    RG_TRY_ASSIGN(std::string made, db::setting_or_insert(db, "checkin.secret", secret_to_hex(new_clinic_secret())));
    stored = std::move(made);
  }
  auto secret = secret_from_hex(*stored);
  if (!secret) return fail(ErrorCode::Internal, _("The clinic's check-in secret is damaged."), "settings checkin.secret");
  return *secret;
}

}  // namespace rg::codes
