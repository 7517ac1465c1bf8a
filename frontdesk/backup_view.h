// «Резервные копии» in Settings, for whoever changes settings: when the last good copy was made
// and how old it is, where copies go and how much room is left there, why the last try failed,
// the copies kept (by the 7 daily / 4 weekly / 12 monthly rotation), «Сделать копию сейчас», the
// folder and the daily time; and how a copy is put back (only with every application closed).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "backup.h"
#include "core_action.h"
#include "screen.h"

namespace rg::desk {

class BackupView {
 public:
  explicit BackupView(DeskContext& ctx) : ctx_(ctx) {}
  void load();
  void draw();

 private:
  struct Copy {
    db::BackupFile file;
    std::uintmax_t bytes = 0;
  };
  DeskContext& ctx_;
  std::optional<db::BackupStatus> status_;
  std::vector<Copy> copies_;
  char dir_[512] = {}, time_[8] = {};
  ActionState action_;
  bool loading_ = false, loaded_ = false;
};

}  // namespace rg::desk
