// The embedded BookingStore: SQLite through the server's single group-commit writer (one
// SAVEPOINT per request inside a shared batch transaction, answered only after COMMIT is on
// disk with synchronous=FULL), plus one reader thread with its own read-only connection so
// GET /v1/reservations/{id} never blocks an event loop.
#pragma once
#include "server/booking/booking_store.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace sluice::store {
class Writer;
class Db;
} // namespace sluice::store

namespace sluice::booking {

class SqliteBookingStore : public BookingStore {
public:
    SqliteBookingStore(store::Writer& writer, std::string dbPath);
    ~SqliteBookingStore() override;

    LoadedState open(const std::vector<ClinicRow>& clinics, const std::vector<StockRow>& stock,
                     int64_t nowMs) override;
    void savePerson(const std::string& personId, const std::string& birthDate, int64_t nowMs,
                    std::function<void(std::exception_ptr)> done) override;
    void reserve(ReserveRequest request,
                 std::function<StoredResponse(const ReserveOutcome&, const ReserveRequest&)> render,
                 std::function<void(ReserveOutcome)> done) override;
    void cancel(const std::string& reservationId, int64_t nowMs,
                std::function<void(CancelOutcome)> done) override;
    void
    get(const std::string& reservationId,
        std::function<void(std::optional<ReservationRecord>, std::string error)> done) override;
    void purgeExpiredKeys(int64_t olderThanMs) override;
    void stop() override;

    // The schema, for tools and tests that open the file themselves.
    static const char* schemaSql();

private:
    struct Statements; // prepared once on the writer thread
    Statements& statements(store::Db& db);
    void readerLoop();

    store::Writer& m_writer;
    std::string m_dbPath;
    std::unique_ptr<Statements> m_stmts; // writer thread only

    std::mutex m_readMutex;
    std::condition_variable m_readCv;
    std::deque<std::function<void(store::Db*)>> m_reads;
    bool m_readStopping = false;
    std::thread m_reader;
    bool m_stopped = false;
};

} // namespace sluice::booking
