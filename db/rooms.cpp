#include "rooms.h"

#include "calendar.h"
#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

Status validate(const RoomDraft& d) {
  if (fold_spaces(d.number).empty()) return fail(ErrorCode::Invalid, _("Give the room's number."));
  if (utf8_length(fold_spaces(d.number)) > 20) return fail(ErrorCode::Invalid, _("A room's number has at most 20 characters."));
  if (d.floor && (*d.floor < -5 || *d.floor > 200)) return fail(ErrorCode::Invalid, _("The floor is a number from -5 to 200."));
  return {};
}

Status taken(const Error& e, const RoomDraft& d) {
  if (e.code == ErrorCode::Conflict && e.detail.find("rooms.number") != std::string::npos)
    return fail(ErrorCode::Conflict, format_text(_("There is already a room %s."), fold_spaces(d.number).c_str()));
  return std::unexpected(e);
}

// What uses the room from `now` on.
Result<RoomCard> usage(Database& db, std::int64_t id, std::int64_t now) {
  RoomCard c;
  c.id = id;
  const std::string day = to_local(now).date.iso();
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT (SELECT count(*) FROM doctors WHERE default_room_id = ?1 AND active = 1), "
      "(SELECT count(*) FROM schedule_rules WHERE room_id = ?1 AND (valid_until IS NULL OR valid_until >= ?2)) + "
      "(SELECT count(*) FROM schedule_days WHERE room_id = ?1 AND day >= ?2), "
      "(SELECT count(*) FROM appointments WHERE room_id = ?1 AND end_at > ?3 AND "
      "status NOT IN ('cancelled', 'no_show', 'done'))"));
  st->bind_all(id, day, now);
  RG_TRY(st->step());
  c.doctors = static_cast<int>(st->col_int(0));
  c.schedules = static_cast<int>(st->col_int(1));
  c.appointments = static_cast<int>(st->col_int(2));
  return c;
}

}  // namespace

Result<std::vector<RoomCard>> list_room_cards(Database& db, std::int64_t now) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT id, number, name, floor, location, equipment, active FROM rooms "
      "ORDER BY active DESC, length(number), number"));
  std::vector<RoomCard> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    const std::int64_t id = st->col_int(0);
    RoomCard c;
    c.id = id;
    c.room.number = st->col_text(1);
    c.room.name = st->col_text(2);
    if (auto f = st->col_opt_int(3)) c.room.floor = static_cast<int>(*f);
    c.room.location = st->col_text(4);
    c.room.equipment = st->col_text(5);
    c.active = st->col_int(6) != 0;
    out.push_back(std::move(c));
  }
  for (auto& c : out) {
    RG_TRY_ASSIGN(auto u, usage(db, c.id, now));
    c.doctors = u.doctors, c.schedules = u.schedules, c.appointments = u.appointments;
  }
  return out;
}

Result<std::int64_t> create_room(Database& db, const RoomDraft& d, const Actor& actor) {
  RG_TRY(validate(d));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO rooms(number, name, floor, location, equipment) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id"));
  st->bind_all(fold_spaces(d.number), utf8_truncate(fold_spaces(d.name), 100), d.floor,
               utf8_truncate(fold_spaces(d.location), 200), utf8_truncate(d.equipment, 1000));
  auto inserted = st->exec_returning_id();
  if (!inserted) return std::unexpected(taken(inserted.error(), d).error());
  const std::int64_t id = *inserted;
  RG_TRY(append_audit(db, actor, "room.create", "room", id, {{"number", fold_spaces(d.number)}}));
  RG_TRY(tx.commit());
  return id;
}

Status update_room(Database& db, std::int64_t id, const RoomDraft& d, const Actor& actor) {
  RG_TRY(validate(d));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  RG_TRY_ASSIGN(auto before, db.cached("SELECT number, name, location FROM rooms WHERE id = ?1"));
  before->bind(1, id);
  RG_TRY_ASSIGN(bool found, before->step());
  if (!found) return fail(ErrorCode::NotFound, _("This room no longer exists."));
  AuditDetails changed;
  auto note = [&](const char* key, std::string was, std::string now) {
    if (was != now) changed.push_back({key, was + " → " + now});
  };
  note("number", before->col_text(0), fold_spaces(d.number));
  note("name", before->col_text(1), fold_spaces(d.name));
  note("location", before->col_text(2), fold_spaces(d.location));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE rooms SET number = ?2, name = ?3, floor = ?4, location = ?5, equipment = ?6 WHERE id = ?1"));
  st->bind_all(id, fold_spaces(d.number), utf8_truncate(fold_spaces(d.name), 100), d.floor,
               utf8_truncate(fold_spaces(d.location), 200), utf8_truncate(d.equipment, 1000));
  if (auto r = st->exec(); !r) return taken(r.error(), d);
  RG_TRY(append_audit(db, actor, "room.update", "room", id, changed));
  return tx.commit();
}

Status set_room_active(Database& db, std::int64_t id, bool active, std::int64_t now, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::SettingsEdit));
  if (!active) {
    RG_TRY_ASSIGN(auto u, usage(db, id, now));
    if (u.doctors + u.schedules + u.appointments > 0)
      return fail(ErrorCode::Conflict,
                  format_text(_("The room is still in use: default room of %d doctor(s), in %d schedule row(s) in "
                                "force, %d appointment(s) to come. Move them to another room first."),
                              u.doctors, u.schedules, u.appointments));
  }
  RG_TRY_ASSIGN(auto st, db.cached("UPDATE rooms SET active = ?2 WHERE id = ?1 AND active <> ?2"));
  st->bind_all(id, active);
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return tx.commit();  // already so
  RG_TRY(append_audit(db, actor, active ? "room.activate" : "room.deactivate", "room", id));
  return tx.commit();
}

}  // namespace rg::db
