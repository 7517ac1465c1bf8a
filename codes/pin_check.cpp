#include "pin_check.h"

#include "database.h"  // RG_TRY
#include "pin.h"

namespace rg::codes {

Result<PinCheck> check_pin(db::Database& db, const std::string& place, std::string_view pin, std::int64_t now,
                           const db::CheckinRules& rules, db::Permission permission) {
  RG_TRY_ASSIGN(bool allowed, db::guess_allowed(db, place, now, rules));
  if (!allowed) return PinCheck{PinVerdict::Paused, std::nullopt};
  PinCheck out;
  RG_TRY_ASSIGN(auto holders, db::pin_holders(db, permission));
  for (const auto& h : holders)
    if (verify_pin(h.pin_hash, pin)) out.holder = h;
  out.verdict = out.holder ? PinVerdict::Accepted : PinVerdict::Refused;
  RG_TRY(db::record_guess(db, place, now, out.holder.has_value()));
  return out;
}

}  // namespace rg::codes
