// TaskQueue: hands results from worker threads to the UI thread, run at the start of a frame.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

namespace rg::ui {

// ImHex's TaskManager::doLater pattern: workers never touch UI state, they post a closure that
// the UI thread runs between frames, so a frame only ever sees state changed by its own thread.
class TaskQueue {
 public:
  // Safe from any thread.
  void post(std::function<void()> task);

  // UI thread only. Runs the tasks posted before the call, in order; tasks they post wait for
  // the next drain so a task that re-posts itself cannot starve the frame. If a task throws,
  // the tasks after it stay queued and the exception propagates.
  void drain();

  std::size_t size() const;
  bool empty() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::function<void()>> tasks_;
};

}  // namespace rg::ui
