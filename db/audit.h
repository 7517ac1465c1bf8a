// The append-only audit log: who did what to which record, and when.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "database.h"

namespace rg::db {

// Who is acting: a signed-in user, a kiosk, or the system itself.
struct Actor {
  std::string id;                     // "user:3", "kiosk:lobby", "system:seed"
  std::optional<std::int64_t> user_id;
  std::string place;                  // the desk or kiosk it acted at ("desk:reg-1"); "" unknown

  static Actor user(std::int64_t uid, std::string_view at = {}) {
    return {"user:" + std::to_string(uid), uid, std::string(at)};
  }
  static Actor kiosk(std::string_view name) { return {"kiosk:" + std::string(name), std::nullopt, "kiosk:" + std::string(name)}; }
  static Actor system(std::string_view what) { return {"system:" + std::string(what), std::nullopt, {}}; }
};

using AuditDetails = std::vector<std::pair<std::string, std::string>>;

// Appends one entry inside the caller's transaction. Details are stored as a JSON object of
// strings.
Status append_audit(Database& db, const Actor& actor, std::string_view action,
                    std::string_view entity, std::optional<std::int64_t> entity_id,
                    const AuditDetails& details = {});

std::string json_escape(std::string_view s);

}  // namespace rg::db
