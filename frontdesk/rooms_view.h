// «Кабинеты» in Settings, for whoever changes settings: every room with where it is, what is in it
// and what still uses it; the editor of one room; making a room inactive (refused, with the
// reason, while it is used) and active again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rooms.h"
#include "core_action.h"
#include "screen.h"

namespace rg::desk {

class RoomsView {
 public:
  explicit RoomsView(DeskContext& ctx) : ctx_(ctx) {}
  void load();
  void draw();

 private:
  struct Form {
    std::optional<std::int64_t> id;
    bool active = true;
    char number[21] = {}, name[101] = {}, floor[8] = {}, location[201] = {}, equipment[1001] = {};
  };
  void edit(const db::RoomCard* c);
  void run(std::function<Status(db::Database&)> op, std::string done);

  DeskContext& ctx_;
  std::vector<db::RoomCard> rooms_;
  std::optional<Form> form_;
  ActionState action_;  // a change in flight, and its sentence
  bool loading_ = false, loaded_ = false;
};

}  // namespace rg::desk
