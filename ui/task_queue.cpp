// TaskQueue: a mutex-guarded list of closures, swapped out whole so tasks run without the lock.
#include "ui/task_queue.h"

#include <iterator>
#include <utility>

namespace rg::ui {

void TaskQueue::post(std::function<void()> task) {
  std::lock_guard lock(mutex_);
  tasks_.push_back(std::move(task));
}

void TaskQueue::drain() {
  std::vector<std::function<void()>> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(tasks_);
  }
  // Run outside the lock: a task may post, and workers must not wait on a slow task.
  for (auto it = batch.begin(); it != batch.end(); ++it) {
    try {
      (*it)();
    } catch (...) {
      // Keep the tasks not yet run, ahead of those posted meanwhile, so none is lost.
      std::lock_guard lock(mutex_);
      tasks_.insert(tasks_.begin(), std::make_move_iterator(std::next(it)),
                    std::make_move_iterator(batch.end()));
      throw;
    }
  }
}

std::size_t TaskQueue::size() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

bool TaskQueue::empty() const {
  std::lock_guard lock(mutex_);
  return tasks_.empty();
}

}  // namespace rg::ui
