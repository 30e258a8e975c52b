// Group commit: the writer thread takes everything queued, runs it in one transaction and
// fsyncs once; callers learn of durability through their Done callbacks. A batch whose COMMIT
// fails is retried job by job so that a single bad job cannot sink its neighbours.
#include "server/store/writer.h"

#include "common/log.h"

#include <future>

namespace sluice::store {

Writer::Writer(Options options) : m_options(std::move(options)) {
    std::promise<void> ready;
    auto readyFuture = ready.get_future();
    m_thread = std::thread([this, &ready] {
        std::unique_ptr<Db> db;
        try {
            db = std::make_unique<Db>(m_options.path, m_options.sync);
            if (m_options.init) m_options.init(*db);
        } catch (...) {
            ready.set_exception(std::current_exception());
            return;
        }
        ready.set_value();
        runLoop(*db);
    });
    try {
        readyFuture.get();
    } catch (...) {
        m_thread.join();
        throw;
    }
}

Writer::~Writer() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void Writer::submit(Job job, Done done) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back({std::move(job), std::move(done)});
        m_depth.store(m_queue.size(), std::memory_order_relaxed);
    }
    m_cv.notify_one();
}

void Writer::flush() {
    std::promise<void> p;
    auto f = p.get_future();
    submit([](Db&) {}, [&p](std::exception_ptr) { p.set_value(); });
    f.get();
}

void Writer::runSync(Job job) {
    std::promise<void> p;
    auto f = p.get_future();
    submit(std::move(job), [&p](std::exception_ptr e) {
        if (e)
            p.set_exception(e);
        else
            p.set_value();
    });
    f.get();
}

namespace {
// Runs one job inside a savepoint; returns its exception (the savepoint rolled back) or null.
std::exception_ptr runJob(Db& db, Writer::Job& job) {
    db.exec("SAVEPOINT job");
    try {
        job(db);
        db.exec("RELEASE job");
        return nullptr;
    } catch (...) {
        auto e = std::current_exception();
        try {
            db.exec("ROLLBACK TO job");
            db.exec("RELEASE job");
        } catch (...) {
        }
        return e;
    }
}
} // namespace

void Writer::runLoop(Db& db) {
    std::vector<Item> batch;
    std::vector<std::exception_ptr> results;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty() && m_stopping) return;
            while (!m_queue.empty() && batch.size() < m_options.maxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            m_depth.store(m_queue.size(), std::memory_order_relaxed);
        }
        results.assign(batch.size(), nullptr);
        bool committed = false;
        try {
            db.exec("BEGIN IMMEDIATE");
            for (std::size_t i = 0; i < batch.size(); ++i)
                results[i] = runJob(db, batch[i].job);
            db.exec("COMMIT");
            committed = true;
        } catch (const std::exception& e) {
            SLUICE_ERROR("writer: batch of ", batch.size(), " failed to commit: ", e.what());
            try {
                db.exec("ROLLBACK");
            } catch (...) {
            }
        }
        if (!committed) {
            // Retry one by one, each in its own transaction.
            for (std::size_t i = 0; i < batch.size(); ++i) {
                try {
                    db.exec("BEGIN IMMEDIATE");
                    results[i] = runJob(db, batch[i].job);
                    db.exec("COMMIT");
                    committed = true;
                } catch (...) {
                    results[i] = std::current_exception();
                    try {
                        db.exec("ROLLBACK");
                    } catch (...) {
                    }
                }
            }
        }
        m_healthy.store(committed, std::memory_order_relaxed);
        m_batches.fetch_add(1);
        m_jobs.fetch_add(batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (!batch[i].done) continue;
            try {
                batch[i].done(results[i]);
            } catch (const std::exception& e) {
                SLUICE_ERROR("writer: completion callback threw: ", e.what());
            }
        }
        batch.clear();
    }
}

} // namespace sluice::store
