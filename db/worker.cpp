// Worker thread and change watch: the only ways a UI reaches the database.
#include "worker.h"

#include "migrations.h"

namespace rg::db {

Worker::Worker(std::string db_path, Post post) : path_(std::move(db_path)), post_(std::move(post)) {
  thread_ = std::thread([this] { loop(); });
}

Worker::~Worker() {
  {
    std::lock_guard lk(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Worker::submit(Job job) {
  ++pending_;
  {
    std::lock_guard lk(mu_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

std::string Worker::open_error() const {
  std::lock_guard lk(mu_);
  return open_error_;
}

void Worker::loop() {
  auto opened = open_clinic_database(path_);
  if (!opened) {
    std::lock_guard lk(mu_);
    open_error_ = opened.error().message;
  }
  for (;;) {
    Job job;
    {
      std::unique_lock lk(mu_);
      cv_.wait(lk, [&] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    if (opened) {
      Continuation done = job(*opened);
      if (done) post_(std::move(done));
    }
    --pending_;
  }
}

bool ChangeWatch::changed() {
  auto v = db_.data_version();
  if (!v) return false;
  bool changed = last_ >= 0 && *v != last_;
  last_ = *v;
  return changed;
}

}  // namespace rg::db
