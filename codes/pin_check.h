// Whose PIN was typed, with the guessing limited: the kiosk's exit and the cash desk's discount
// approval ask the same way. After `rules.guess_limit` misses in a row at one place (a kiosk, a
// till) PINs are not even compared for `rules.guess_pause_s` seconds; every try is counted.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "checkin.h"
#include "staff.h"

namespace rg::codes {

enum class PinVerdict { Accepted, Refused, Paused };

struct PinCheck {
  PinVerdict verdict = PinVerdict::Refused;
  std::optional<db::PinHolder> holder;  // when accepted
};

// `place`: where the PIN was typed ("kiosk-1:pin", "till:main:pin"), the unit of the limit;
// only the PINs of people who hold `permission` are compared (an approval is a person with the
// right standing at this desk).
Result<PinCheck> check_pin(db::Database& db, const std::string& place, std::string_view pin, std::int64_t now,
                           const db::CheckinRules& rules, db::Permission permission);

}  // namespace rg::codes
