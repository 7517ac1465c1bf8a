// A thread with its own database connection: queries run there, never on the UI frame.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "database.h"

namespace rg::db {

class Worker {
 public:
  // A job runs on the worker's connection and returns what the UI thread should do with the
  // result; `post` hands that continuation to the UI (the shell's TaskQueue).
  using Continuation = std::function<void()>;
  using Job = std::function<Continuation(Database&)>;
  using Post = std::function<void(Continuation)>;

  // Opens its own connection on its own thread. If opening fails, every job's continuation
  // gets the error through open_error() and jobs are skipped.
  Worker(std::string db_path, Post post);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void submit(Job job);
  // No job queued or running, and every continuation handed to post().
  bool idle() const { return pending_.load() == 0; }
  // Empty while the connection is fine.
  std::string open_error() const;

 private:
  void loop();

  std::string path_;
  Post post_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::string open_error_;
  std::atomic<int> pending_{0};
  std::thread thread_;
};

// Notices commits by other connections (another desk, the kiosk) with PRAGMA data_version,
// cheap enough to call every frame.
class ChangeWatch {
 public:
  explicit ChangeWatch(Database& db) : db_(db) { (void)changed(); }
  // True once after each commit by another connection.
  bool changed();

 private:
  Database& db_;
  std::int64_t last_ = -1;
};

}  // namespace rg::db
