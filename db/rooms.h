// The clinic's rooms as the manager keeps them: number, name, floor and where (for the patient),
// equipment notes; never deleted — a room no longer used is made inactive, and that is refused
// while a schedule in force or a booked appointment still puts someone in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "database.h"

namespace rg::db {

struct RoomDraft {
  std::string number, name;
  std::optional<int> floor;
  std::string location, equipment;
};

struct RoomCard {
  std::int64_t id = 0;
  RoomDraft room;
  bool active = true;
  // What still uses it: doctors whose default room it is, schedule rows in force (weekly and dated,
  // today on), appointments from now on that are not cancelled.
  int doctors = 0, schedules = 0, appointments = 0;
};

// Every room, active first, by number.
Result<std::vector<RoomCard>> list_room_cards(Database& db, std::int64_t now);

// SettingsEdit; audited (what changed). A number another room has is refused in words.
Result<std::int64_t> create_room(Database& db, const RoomDraft& d, const Actor& actor);
Status update_room(Database& db, std::int64_t id, const RoomDraft& d, const Actor& actor);
// Deactivating lists what still uses the room (Conflict) and changes nothing; reactivating always works.
Status set_room_active(Database& db, std::int64_t id, bool active, std::int64_t now, const Actor& actor);

}  // namespace rg::db
