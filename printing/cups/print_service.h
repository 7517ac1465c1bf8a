// The desk's printer: a worker thread owns every CUPS call; the UI submits and reads snapshots.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "connection.h"
#include "print_job.h"
#include "queues.h"

namespace rg::cups {

struct PrintServiceOptions {
  ServerAddress server;  // empty: CUPS's default (CUPS_SERVER, client.conf)
  PrintRouting routing;
  // How often jobs still in CUPS are asked about. Not a deadline: jobs wait as long as needed.
  std::chrono::milliseconds poll_interval{500};
};

// The queues for the print dialog, as last read by the worker.
struct QueueList {
  bool loaded = false;       // false until the first answer
  std::vector<Queue> queues;
  std::string error;         // why the list could not be read (CUPS down), for people
};

class PrintService {
 public:
  // Called on the worker thread after each change of a job; hand it to the UI's task queue.
  using Listener = std::function<void(const PrintJobView&)>;

  explicit PrintService(PrintServiceOptions options, Listener listener = {});
  // Finishes handing over jobs already submitted (to CUPS or the folder), then stops.
  ~PrintService();
  PrintService(const PrintService&) = delete;
  PrintService& operator=(const PrintService&) = delete;

  // Never blocks on CUPS: the job is recorded (Pending) and the worker takes it from there.
  PrintJobId submit(PrintRequest request);
  // Prints a Stopped, Failed or SavedToFolder job again (a stopped CUPS job is cancelled first,
  // so it cannot print twice). Invalid with a sentence when the job is not retryable now.
  Status retry(PrintJobId id);
  // New settings: applies to submissions and retries from now on.
  void set_routing(PrintRouting routing);
  PrintRouting routing() const;

  std::optional<PrintJobView> job(PrintJobId id) const;
  std::vector<PrintJobView> jobs() const;  // oldest first
  // Bumps on every change of a job or of the queue list: poll it each frame, copy when it moves.
  std::uint64_t version() const;

  void refresh_queues();  // the worker re-reads the queue list
  QueueList queues() const;

  // Blocks the calling thread (a test, a command-line tool; never the UI frame) until the job
  // satisfies `done` or `timeout` passes; returns the last snapshot either way.
  std::optional<PrintJobView> wait_for(PrintJobId id,
                                       const std::function<bool(const PrintJobView&)>& done,
                                       std::chrono::milliseconds timeout) const;

 private:
  struct Record;
  struct Command {
    enum Kind { Submit, Retry, ListQueues } kind;
    PrintJobId id = 0;
  };

  void loop();
  void run(const Command& command);
  void attempt(PrintJobId id, bool retrying);
  void poll_active();
  void poll(PrintJobId id, int cups_job_id, const std::string& queue, bool duplex_dropped);
  void save_instead(PrintJobId id, const Error& why);
  Result<Connection*> connection();
  void drop_connection();
  // Applies `change` to the record under the lock, then tells the listener and the waiters.
  void update(PrintJobId id, const std::function<void(Record&)>& change);
  static PrintJobView view_of(const Record& r);

  PrintServiceOptions options_;
  Listener listener_;

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;  // waiters in wait_for
  std::condition_variable wake_;             // the worker
  std::deque<Command> commands_;
  std::map<PrintJobId, std::unique_ptr<Record>> records_;
  PrintJobId next_id_ = 1;
  std::uint64_t version_ = 0;
  QueueList queues_;
  bool stopping_ = false;

  std::optional<Connection> conn_;  // the worker's alone
  std::thread thread_;
};

}  // namespace rg::cups
