// A prepared SQLite statement that finalizes itself; errors throw std::runtime_error
// with SQLite's message (the server answers them as internal_error).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace qrpos::acquirer {

// One connection's prepared statements, keyed by SQL text: each is parsed once and
// reused (SQLite re-prepares it by itself if the schema changes). Used under the
// connection's lock; clear() before closing the connection.
class StatementCache {
 public:
  StatementCache() = default;
  ~StatementCache() { clear(); }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  void attach(sqlite3* db) { db_ = db; }
  void clear() {
    for (auto& [sql, entry] : entries_) sqlite3_finalize(entry.stmt);
    entries_.clear();
  }

 private:
  friend class Statement;
  struct Entry {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Entry> entries_;
};

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db));
    }
  }
  // From the cache; a fresh, uncached statement if the cached one is in use right now.
  Statement(StatementCache& cache, const std::string& sql) {
    auto it = cache.entries_.find(sql);
    if (it == cache.entries_.end()) {
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v3(cache.db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
        throw std::runtime_error(sqlite3_errmsg(cache.db_));
      }
      it = cache.entries_.emplace(sql, StatementCache::Entry{stmt, false}).first;
    }
    if (it->second.in_use) {
      if (sqlite3_prepare_v2(cache.db_, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
        throw std::runtime_error(sqlite3_errmsg(cache.db_));
      }
      return;
    }
    entry_ = &it->second;
    entry_->in_use = true;
    stmt_ = entry_->stmt;
  }
  ~Statement() {
    if (!entry_) {
      sqlite3_finalize(stmt_);
      return;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    entry_->in_use = false;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& bind_null(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  // True while there is a row to read.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(sqlite3_errmsg(sqlite3_db_handle(stmt_)));
  }
  std::string text(int col) {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  StatementCache::Entry* entry_ = nullptr;  // cached: reset, not finalized, when done
};

}  // namespace qrpos::acquirer
