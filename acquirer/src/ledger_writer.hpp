// Group commit for the ledger: one writer at a time owns every state-changing
// transaction. A request thread queues a unit of work; if no batch is running it
// becomes the writer itself (no hand-off to a dedicated thread, which costs two
// wake-ups per unit and measured no better on 2 cores), else it waits. The writer takes all queued units
// (up to a cap), runs them in one BEGIN IMMEDIATE ... COMMIT, each inside its own
// SAVEPOINT (a unit that fails or asks to roll back undoes only its own changes), and
// completes the units only after COMMIT returned: one fsync (synchronous=FULL) per
// batch instead of one per request, and no answer before its state change is durable.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

namespace qrpos::acquirer {

class LedgerWriter {
 public:
  // Runs SQL on the writer's connection; true keeps its changes, false rolls them back
  // (as an early return without commit did). An exception rolls back too and is
  // rethrown to the caller.
  using Unit = std::function<bool()>;

  // `db_mutex` guards `db` for everyone else; the writer holds it while it runs a batch.
  LedgerWriter(sqlite3* db, std::mutex& db_mutex, std::size_t max_batch = 64);
  // Nothing to drain: every run() returns only once its unit committed or failed, and
  // the owner outlives its callers.
  ~LedgerWriter() = default;
  LedgerWriter(const LedgerWriter&) = delete;
  LedgerWriter& operator=(const LedgerWriter&) = delete;

  // Runs `unit` in the next batch and returns once that batch committed; throws what
  // the unit threw, or the batch's failure (then nothing of the unit was kept).
  void run(const Unit& unit) { submit(unit, false); }
  // The same, but returns as soon as the unit ran, before its batch commits: only for
  // writes that need not be durable before the caller goes on (see remember_nonce).
  void run_uncommitted(const Unit& unit) { submit(unit, true); }

 private:
  struct Job {
    const Unit* unit;
    bool early;  // released when it ran, not when its batch committed
    bool done;   // guarded by queue_mutex_
    std::exception_ptr error;
    std::condition_variable wake;  // done, or the writer's place may be free
  };
  void submit(const Unit& unit, bool early);
  void release(Job* job);
  void run_batch(std::vector<Job*>& batch);
  void exec(const char* sql);

  sqlite3* db_;
  std::mutex& db_mutex_;
  const std::size_t max_batch_;
  std::mutex queue_mutex_;
  std::deque<Job*> queue_;
  bool writing_ = false;  // a thread is running a batch
};

}  // namespace qrpos::acquirer
