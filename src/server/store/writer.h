// The single writer thread with group commit. Jobs submitted from any thread are collected
// into one transaction (BEGIN IMMEDIATE ... COMMIT, synchronous=FULL by default); each job runs
// inside its own SAVEPOINT so one failing job rolls back alone. A job's completion callback
// runs on the writer thread only after the COMMIT that holds it is durable, so "acknowledged"
// means "on disk". Callers post the result back to their own executor.
#pragma once
#include "server/store/sqlite.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace sluice::store {

class Writer {
public:
    using Job = std::function<void(Db&)>;
    using Done = std::function<void(std::exception_ptr)>; // nullptr: durable

    struct Options {
        std::string path;
        Sync sync = Sync::Full;
        std::size_t maxBatch = 512;
        std::function<void(Db&)> init; // schema creation etc., run once on the writer thread
    };

    explicit Writer(Options options);
    ~Writer(); // drains and joins
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void submit(Job job, Done done = {});
    // Blocks until everything submitted before the call is durable (tests, shutdown, tools).
    void flush();
    // Runs `job` in its own transaction and waits; rethrows its exception. Not for hot paths.
    void runSync(Job job);

    uint64_t batches() const { return m_batches.load(); }
    uint64_t jobs() const { return m_jobs.load(); }
    // Jobs waiting (not yet in a transaction). Lock-free: the HTTP threads ask on every
    // reservation while the server is overloaded (server.write_queue_limit).
    std::size_t queueDepth() const { return m_depth.load(std::memory_order_relaxed); }
    // False from a batch that could not be committed at all (disk full, I/O error, the file
    // locked by another process) until the next commit succeeds: /readyz reports it.
    bool healthy() const { return m_healthy.load(std::memory_order_relaxed); }
    const std::string& path() const { return m_options.path; }

private:
    struct Item {
        Job job;
        Done done;
    };
    void runLoop(Db& db);

    Options m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Item> m_queue;
    std::atomic<std::size_t> m_depth{0}; // m_queue.size(), written under m_mutex
    bool m_stopping = false;
    std::atomic<uint64_t> m_batches{0};
    std::atomic<uint64_t> m_jobs{0};
    std::atomic<bool> m_healthy{true};
    std::thread m_thread;
};

} // namespace sluice::store
