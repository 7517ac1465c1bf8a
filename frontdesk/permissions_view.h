// «Права» in Settings, for whoever edits permissions: what each role may do, a row per permission
// and a column per role; a tick is one core operation (refused when it would leave nobody able to
// repair the accounts), and counts at every desk at once.
#pragma once

#include <string>
#include <vector>

#include "screen.h"
#include "staff.h"

namespace rg::desk {

class PermissionsView {
 public:
  explicit PermissionsView(DeskContext& ctx) : ctx_(ctx) {}
  void load();
  void draw();

 private:
  bool granted(db::Role r, db::Permission p) const;

  DeskContext& ctx_;
  std::vector<db::Grant> grants_;
  std::string error_;
  bool loaded_ = false, busy_ = false;
};

}  // namespace rg::desk
