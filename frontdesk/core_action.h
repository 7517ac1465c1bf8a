// A form's change sent to the core: on the worker, then the sentence — what was done, or the
// core's refusal — and whatever the form does after a success (reload its list). `busy` greys the
// form meanwhile. The settings' views (rooms, staff, one's own password) all send theirs this way.
#pragma once

#include <functional>
#include <string>

#include "database.h"
#include "worker.h"

namespace rg::desk {

struct ActionState {
  bool busy = false;
  std::string notice, error;
};

inline void run_action(db::Worker& worker, ActionState& state, std::function<Status(db::Database&)> op,
                       std::string done, std::function<void()> after = {}) {
  state.busy = true;
  state.error.clear();
  state.notice.clear();
  worker.submit([&state, op = std::move(op), done = std::move(done),
                 after = std::move(after)](db::Database& db) -> db::Worker::Continuation {
    Status st = op(db);
    return [&state, st, done, after]() {
      state.busy = false;
      if (!st) {
        state.error = st.error().message;
        return;
      }
      state.notice = done;
      if (after) after();
    };
  });
}

}  // namespace rg::desk
