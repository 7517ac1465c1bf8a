// The slip's QR: the same token the kiosk verifies, signed with the clinic's secret.
#include "slip_token.h"

#include "checkin_token.h"
#include "clinic_secret.h"
#include "clinic.h"
#include "i18n.h"

namespace rg::docs {

Result<std::string> slip_checkin_token(db::Database& db, std::int64_t appointment_id) {
  RG_TRY_ASSIGN(auto secret, codes::clinic_checkin_secret(db));
  std::string token = codes::make_checkin_token(appointment_id, secret);
  if (token.empty()) return fail(ErrorCode::Internal, _("The check-in code could not be made."), "appointment " + std::to_string(appointment_id));
  return token;
}

}  // namespace rg::docs
