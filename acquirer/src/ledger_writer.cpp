#include "ledger_writer.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace qrpos::acquirer {

LedgerWriter::LedgerWriter(sqlite3* db, std::mutex& db_mutex, std::size_t max_batch)
    : db_(db), db_mutex_(db_mutex), max_batch_(max_batch) {}

void LedgerWriter::submit(const Unit& unit, bool early) {
  Job job{&unit, early, false, nullptr, {}};
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&job);
  while (!job.done) {
    if (writing_) {
      job.wake.wait(lock);
      continue;
    }
    // Become the writer for everything queued so far (this job included, unless an
    // earlier batch took it and is about to finish it).
    writing_ = true;
    std::vector<Job*> batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    run_batch(batch);  // releases the early jobs itself (and drops them from `batch`)
    lock.lock();
    for (Job* j : batch) {
      j->done = true;                       // released only now, after COMMIT
      if (j != &job) j->wake.notify_one();  // under the lock: its owner cannot leave yet
    }
    writing_ = false;
    if (!queue_.empty()) queue_.front()->wake.notify_one();  // the next writer
  }
  if (job.error) std::rethrow_exception(job.error);
}

void LedgerWriter::exec(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("ledger: ") + sqlite3_errmsg(db_));
  }
}

void LedgerWriter::release(Job* job) {
  std::lock_guard lock(queue_mutex_);
  job->done = true;  // its owner may return and destroy it once the lock is free
  job->wake.notify_one();
}

void LedgerWriter::run_batch(std::vector<Job*>& batch) {
  std::exception_ptr batch_error;
  std::lock_guard lock(db_mutex_);
  // A batch of early units only (nonces, nobody waiting for durability) needs no fsync
  // of its own: in WAL mode a NORMAL commit survives a process crash, and the next FULL
  // commit, which every such caller's state change waits for, syncs its frames too.
  const bool sync = std::any_of(batch.begin(), batch.end(), [](const Job* j) { return !j->early; });
  try {
    if (!sync) exec("PRAGMA synchronous=NORMAL");
    exec("BEGIN IMMEDIATE");
    for (Job*& job : batch) {
      exec("SAVEPOINT unit");
      bool keep = false;
      try {
        keep = (*job->unit)();
      } catch (...) {
        job->error = std::current_exception();
      }
      // Some errors (I/O, disk full) end the whole transaction: then every unit of
      // the batch run so far is lost, and the batch fails as a whole.
      if (sqlite3_get_autocommit(db_)) throw std::runtime_error("ledger: transaction aborted");
      if (!keep) exec("ROLLBACK TO unit");
      exec("RELEASE unit");
      if (job->early) {
        release(job);
        job = nullptr;
      }
    }
    exec("COMMIT");  // the batch's one fsync
  } catch (...) {
    batch_error = std::current_exception();
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  if (!sync) sqlite3_exec(db_, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
  // Early jobs were released already (and may be gone).
  batch.erase(std::remove(batch.begin(), batch.end(), nullptr), batch.end());
  // Nothing committed: every unit not yet released fails, whatever it returned.
  if (batch_error) {
    for (Job* job : batch) job->error = batch_error;
  }
}

}  // namespace qrpos::acquirer
