// A scanned payload as the patient it names, for the kiosk and the desk alike: a slip's token
// (verified with the clinic's secret: a forged or altered code names nobody), the clinic card,
// a ЕНП, the old paper OMS policy.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "checkin.h"

namespace rg::codes {

// nullopt when the payload names nobody (unknown shape, bad token). `secret`: the clinic's
// check-in secret (clinic_secret.h); empty means no slip is trusted.
std::optional<db::Identity> identity_from_scan(std::string_view payload, std::span<const unsigned char> secret);

}  // namespace rg::codes
