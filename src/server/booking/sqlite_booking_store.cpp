// SQLite implementation of BookingStore (see sqlite_booking_store.h and docs/booking.md for
// the schema and the order of checks inside the reservation transaction).
#include "server/booking/sqlite_booking_store.h"

#include "common/crypto.h"
#include "server/store/sqlite.h"
#include "server/store/writer.h"

#include <cstdio>

namespace sluice::booking {

const char* reserveResultName(ReserveResult r) {
    switch (r) {
    case ReserveResult::Confirmed:
        return "confirmed";
    case ReserveResult::Replayed:
        return "replayed";
    case ReserveResult::KeyReused:
        return "key_reused";
    case ReserveResult::TokenConsumed:
        return "token_consumed";
    case ReserveResult::UnknownPerson:
        return "unknown_person";
    case ReserveResult::NotEligible:
        return "not_eligible";
    case ReserveResult::OtherCohort:
        return "other_cohort";
    case ReserveResult::AlreadyReserved:
        return "already_reserved";
    case ReserveResult::SoldOut:
        return "sold_out";
    case ReserveResult::UnknownSlot:
        return "unknown_slot";
    case ReserveResult::Failed:
        return "failed";
    }
    return "failed";
}

const char* SqliteBookingStore::schemaSql() {
    return R"SQL(
CREATE TABLE IF NOT EXISTS booking_meta(
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS clinics(
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    region TEXT NOT NULL,
    district TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stock(
    clinic_id TEXT NOT NULL,
    date TEXT NOT NULL,
    initial INTEGER NOT NULL CHECK(initial >= 0),
    remaining INTEGER NOT NULL CHECK(remaining >= 0),
    PRIMARY KEY(clinic_id, date)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS persons(
    person_id TEXT PRIMARY KEY,
    birth_date TEXT NOT NULL,
    verified_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reservations(
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    clinic_id TEXT NOT NULL,
    date TEXT NOT NULL,
    dose INTEGER NOT NULL CHECK(dose >= 1),
    status TEXT NOT NULL CHECK(status IN ('confirmed', 'cancelled')),
    cohort TEXT NOT NULL,
    token_id TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    cancelled_at_ms INTEGER
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS reservations_one_active
    ON reservations(person_id, dose) WHERE status = 'confirmed';
CREATE INDEX IF NOT EXISTS reservations_by_slot ON reservations(clinic_id, date, status);
CREATE TABLE IF NOT EXISTS consumed_tokens(
    token_id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    reservation_id TEXT NOT NULL,
    consumed_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idempotency_keys(
    scope TEXT PRIMARY KEY,
    request_sha256 TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys(created_at_ms);
)SQL";
}

struct SqliteBookingStore::Statements {
    explicit Statements(store::Db& d)
        : db(&d), findKey(d, "SELECT request_sha256, status, body, created_at_ms FROM "
                             "idempotency_keys WHERE scope = ?1"),
          deleteKey(d, "DELETE FROM idempotency_keys WHERE scope = ?1"),
          findToken(d, "SELECT 1 FROM consumed_tokens WHERE token_id = ?1"),
          findPerson(d, "SELECT birth_date FROM persons WHERE person_id = ?1"),
          findActive(d, "SELECT 1 FROM reservations WHERE person_id = ?1 AND dose = ?2 AND status "
                        "= 'confirmed'"),
          decrement(d, "UPDATE stock SET remaining = remaining - 1 WHERE clinic_id = ?1 AND date = "
                       "?2 AND remaining > 0"),
          readStock(d, "SELECT remaining FROM stock WHERE clinic_id = ?1 AND date = ?2"),
          insertReservation(
              d, "INSERT INTO reservations(id, person_id, clinic_id, date, dose, status, cohort, "
                 "token_id, created_at_ms) VALUES(?1, ?2, ?3, ?4, ?5, 'confirmed', ?6, ?7, ?8)"),
          insertToken(
              d, "INSERT INTO consumed_tokens(token_id, scope, reservation_id, consumed_at_ms) "
                 "VALUES(?1, ?2, ?3, ?4)"),
          insertKey(
              d, "INSERT INTO idempotency_keys(scope, request_sha256, status, body, created_at_ms) "
                 "VALUES(?1, ?2, ?3, ?4, ?5)"),
          upsertPerson(
              d, "INSERT INTO persons(person_id, birth_date, verified_at_ms) VALUES(?1, ?2, ?3) "
                 "ON CONFLICT(person_id) DO UPDATE SET verified_at_ms = excluded.verified_at_ms"),
          findReservation(
              d, "SELECT id, person_id, clinic_id, date, dose, status, cohort, created_at_ms, "
                 "cancelled_at_ms FROM reservations WHERE id = ?1"),
          cancelReservation(d, "UPDATE reservations SET status = 'cancelled', cancelled_at_ms = ?2 "
                               "WHERE id = ?1 AND status = 'confirmed'"),
          increment(
              d, "UPDATE stock SET remaining = remaining + 1 WHERE clinic_id = ?1 AND date = ?2") {}
    store::Db* db;
    store::Stmt findKey, deleteKey, findToken, findPerson, findActive, decrement, readStock,
        insertReservation, insertToken, insertKey, upsertPerson, findReservation, cancelReservation,
        increment;
};

namespace {

// Resets a cached statement however the job leaves it (result, early return or exception).
struct Use {
    explicit Use(store::Stmt& s) : stmt(s) {}
    ~Use() { stmt.reset(); }
    store::Stmt& stmt;
};

ReservationRecord readRecord(store::Stmt& s) {
    ReservationRecord r;
    r.id = s.text(0);
    r.personId = s.text(1);
    r.clinicId = s.text(2);
    r.date = s.text(3);
    r.dose = static_cast<int>(s.int64(4));
    r.status = s.text(5);
    r.cohort = s.text(6);
    r.createdAtMs = s.int64(7);
    r.cancelledAtMs = s.isNull(8) ? 0 : s.int64(8);
    return r;
}

std::string hex(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

} // namespace

SqliteBookingStore::SqliteBookingStore(store::Writer& writer, std::string dbPath)
    : m_writer(writer), m_dbPath(std::move(dbPath)) {}

SqliteBookingStore::~SqliteBookingStore() {
    stop();
    // Without stop() before the writer went away the cached statements cannot be finalised
    // safely; leaking them is harmless at process exit.
    if (m_stmts) (void)m_stmts.release();
}

SqliteBookingStore::Statements& SqliteBookingStore::statements(store::Db& db) {
    if (!m_stmts || m_stmts->db != &db) m_stmts = std::make_unique<Statements>(db);
    return *m_stmts;
}

LoadedState SqliteBookingStore::open(const std::vector<ClinicRow>& clinics,
                                     const std::vector<StockRow>& stock, int64_t nowMs) {
    LoadedState state;
    m_writer.runSync([&](store::Db& db) {
        db.exec(schemaSql());
        store::Stmt loaded(db, "SELECT value FROM booking_meta WHERE key = 'dataset_loaded_at_ms'");
        if (!loaded.step()) {
            state.firstLoad = true;
            store::Stmt ic(db, "INSERT INTO clinics(id, name, region, district, lat, lon) "
                               "VALUES(?1,?2,?3,?4,?5,?6)");
            for (const auto& c : clinics) {
                ic.bind(1, c.id)
                    .bind(2, c.name)
                    .bind(3, c.region)
                    .bind(4, c.district)
                    .bind(5, c.lat)
                    .bind(6, c.lon);
                ic.run();
                ic.reset();
            }
            store::Stmt is(
                db, "INSERT INTO stock(clinic_id, date, initial, remaining) VALUES(?1,?2,?3,?3)");
            for (const auto& s : stock) {
                is.bind(1, s.clinicId).bind(2, s.date).bind(3, s.doses);
                is.run();
                is.reset();
            }
            store::Stmt meta(db, "INSERT INTO booking_meta(key, value) VALUES(?1, ?2)");
            meta.bind(1, std::string_view("dataset_loaded_at_ms")).bind(2, std::to_string(nowMs));
            meta.run();
            meta.reset();
            meta.bind(1, std::string_view("secret")).bind(2, hex(randomBytes(32)));
            meta.run();
        }
    });
    // Read back what is live (after a restart: the stock as the last durable commit left it).
    m_writer.runSync([&](store::Db& db) {
        store::Stmt sec(db, "SELECT value FROM booking_meta WHERE key = 'secret'");
        if (sec.step()) state.secret = sec.text(0);
        store::Stmt c(db, "SELECT id, name, region, district, lat, lon FROM clinics ORDER BY id");
        while (c.step())
            state.clinics.push_back(
                ClinicRow{c.text(0), c.text(1), c.text(2), c.text(3), c.real(4), c.real(5)});
        store::Stmt s(db, "SELECT clinic_id, date, remaining FROM stock");
        while (s.step())
            state.stock.push_back(StockRow{s.text(0), s.text(1), s.int64(2)});
        store::Stmt t(db, "SELECT token_id, scope FROM consumed_tokens");
        while (t.step())
            state.consumedTokens.emplace_back(t.text(0), t.text(1));
    });
    if (state.secret.size() < 32) throw std::runtime_error(m_dbPath + ": booking secret missing");
    {
        std::lock_guard lock(m_readMutex);
        if (!m_reader.joinable() && !m_readStopping)
            m_reader = std::thread([this] { readerLoop(); });
    }
    return state;
}

void SqliteBookingStore::savePerson(const std::string& personId, const std::string& birthDate,
                                    int64_t nowMs, std::function<void(std::exception_ptr)> done) {
    m_writer.submit(
        [this, personId, birthDate, nowMs](store::Db& db) {
            auto& st = statements(db);
            Use u(st.upsertPerson);
            st.upsertPerson.bind(1, personId).bind(2, birthDate).bind(3, nowMs);
            st.upsertPerson.run();
        },
        std::move(done));
}

void SqliteBookingStore::reserve(
    ReserveRequest request,
    std::function<StoredResponse(const ReserveOutcome&, const ReserveRequest&)> render,
    std::function<void(ReserveOutcome)> done) {
    auto outcome = std::make_shared<ReserveOutcome>();
    auto req = std::make_shared<ReserveRequest>(std::move(request));
    m_writer.submit(
        [this, outcome, req, render = std::move(render)](store::Db& db) {
            auto& st = statements(db);
            ReserveOutcome& out = *outcome;
            out = ReserveOutcome{};
            const ReserveRequest& r = *req;
            // 1. The idempotency record decides first, so a retry after success (whose token
            //    is consumed by now) still gets the stored answer.
            {
                Use u(st.findKey);
                st.findKey.bind(1, r.scope);
                if (st.findKey.step()) {
                    const bool expired = st.findKey.int64(3) < r.nowMs - r.keyTtlMs;
                    if (!expired) {
                        if (st.findKey.text(0) == r.requestHash) {
                            out.result = ReserveResult::Replayed;
                            out.response = {static_cast<int>(st.findKey.int64(1)),
                                            st.findKey.text(2)};
                        } else {
                            out.result = ReserveResult::KeyReused;
                        }
                        return;
                    }
                    st.findKey.reset();
                    Use d(st.deleteKey);
                    st.deleteKey.bind(1, r.scope);
                    st.deleteKey.run();
                }
            }
            // 2. Single use of the admission token.
            {
                Use u(st.findToken);
                st.findToken.bind(1, r.tokenId);
                if (st.findToken.step()) {
                    out.result = ReserveResult::TokenConsumed;
                    return;
                }
            }
            auto decide = [&]() -> ReserveResult {
                // 3. Eligibility from the verified birth date, never from the client.
                std::string birthDate;
                {
                    Use u(st.findPerson);
                    st.findPerson.bind(1, r.personId);
                    if (!st.findPerson.step()) return ReserveResult::UnknownPerson;
                    birthDate = st.findPerson.text(0);
                }
                switch (r.eligibility ? r.eligibility(birthDate) : Eligibility::Eligible) {
                case Eligibility::Eligible:
                    break;
                case Eligibility::NotEligible:
                    return ReserveResult::NotEligible;
                case Eligibility::OtherCohort:
                    return ReserveResult::OtherCohort;
                }
                // 4. One active reservation per person and dose (the partial unique index is
                //    the last line of defence behind this check).
                {
                    Use u(st.findActive);
                    st.findActive.bind(1, r.personId).bind(2, int64_t(r.dose));
                    if (st.findActive.step()) return ReserveResult::AlreadyReserved;
                }
                // 5. Conditional decrement: never below zero (CHECK backs it up).
                int changed = 0;
                {
                    Use u(st.decrement);
                    st.decrement.bind(1, r.clinicId).bind(2, r.date);
                    st.decrement.run();
                    changed = db.changes();
                }
                {
                    Use u(st.readStock);
                    st.readStock.bind(1, r.clinicId).bind(2, r.date);
                    if (!st.readStock.step()) return ReserveResult::UnknownSlot;
                    out.remaining = st.readStock.int64(0);
                }
                if (changed == 0) return ReserveResult::SoldOut;
                {
                    Use u(st.insertReservation);
                    st.insertReservation.bind(1, r.reservationId)
                        .bind(2, r.personId)
                        .bind(3, r.clinicId)
                        .bind(4, r.date)
                        .bind(5, int64_t(r.dose))
                        .bind(6, r.cohort)
                        .bind(7, r.tokenId)
                        .bind(8, r.nowMs);
                    st.insertReservation.run();
                }
                {
                    Use u(st.insertToken);
                    st.insertToken.bind(1, r.tokenId)
                        .bind(2, r.scope)
                        .bind(3, r.reservationId)
                        .bind(4, r.nowMs);
                    st.insertToken.run();
                }
                return ReserveResult::Confirmed;
            };
            out.result = decide();
            // 6. Every answer decided here is kept under the key, so a retry - also after a
            //    crash and restart - gets exactly this answer.
            out.response = render(out, r);
            Use u(st.insertKey);
            st.insertKey.bind(1, r.scope)
                .bind(2, r.requestHash)
                .bind(3, int64_t(out.response.status))
                .bind(4, out.response.body)
                .bind(5, r.nowMs);
            st.insertKey.run();
        },
        [outcome, done = std::move(done)](std::exception_ptr e) {
            if (e) {
                ReserveOutcome failed;
                failed.result = ReserveResult::Failed;
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    failed.error = ex.what();
                } catch (...) {
                    failed.error = "unknown error";
                }
                done(std::move(failed));
                return;
            }
            done(std::move(*outcome));
        });
}

void SqliteBookingStore::cancel(const std::string& reservationId, int64_t nowMs,
                                std::function<void(CancelOutcome)> done) {
    auto outcome = std::make_shared<CancelOutcome>();
    m_writer.submit(
        [this, outcome, reservationId, nowMs](store::Db& db) {
            auto& st = statements(db);
            CancelOutcome& out = *outcome;
            out = CancelOutcome{};
            {
                Use u(st.findReservation);
                st.findReservation.bind(1, reservationId);
                if (!st.findReservation.step()) {
                    out.result = CancelOutcome::NotFound;
                    return;
                }
                out.record = readRecord(st.findReservation);
            }
            if (out.record.status != "confirmed") {
                out.result = CancelOutcome::AlreadyCancelled;
                return;
            }
            {
                Use u(st.cancelReservation);
                st.cancelReservation.bind(1, reservationId).bind(2, nowMs);
                st.cancelReservation.run();
            }
            {
                Use u(st.increment);
                st.increment.bind(1, out.record.clinicId).bind(2, out.record.date);
                st.increment.run();
            }
            {
                Use u(st.readStock);
                st.readStock.bind(1, out.record.clinicId).bind(2, out.record.date);
                if (st.readStock.step()) out.remaining = st.readStock.int64(0);
            }
            out.record.status = "cancelled";
            out.record.cancelledAtMs = nowMs;
            out.result = CancelOutcome::Cancelled;
        },
        [outcome, done = std::move(done)](std::exception_ptr e) {
            if (e) {
                CancelOutcome failed;
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    failed.error = ex.what();
                } catch (...) {
                    failed.error = "unknown error";
                }
                done(std::move(failed));
                return;
            }
            done(std::move(*outcome));
        });
}

void SqliteBookingStore::get(
    const std::string& reservationId,
    std::function<void(std::optional<ReservationRecord>, std::string)> done) {
    auto job = [reservationId, done = std::move(done)](store::Db* db) {
        if (!db) {
            done(std::nullopt, "reader unavailable");
            return;
        }
        try {
            store::Stmt s(
                *db, "SELECT id, person_id, clinic_id, date, dose, status, cohort, created_at_ms, "
                     "cancelled_at_ms FROM reservations WHERE id = ?1");
            s.bind(1, reservationId);
            if (s.step())
                done(readRecord(s), {});
            else
                done(std::nullopt, {});
        } catch (const std::exception& e) {
            done(std::nullopt, e.what());
        }
    };
    {
        std::lock_guard lock(m_readMutex);
        if (!m_readStopping) {
            m_reads.push_back(std::move(job));
            m_readCv.notify_one();
            return;
        }
    }
    job(nullptr);
}

void SqliteBookingStore::purgeExpiredKeys(int64_t olderThanMs) {
    m_writer.submit([olderThanMs](store::Db& db) {
        store::Stmt s(db, "DELETE FROM idempotency_keys WHERE created_at_ms < ?1");
        s.bind(1, olderThanMs);
        s.run();
    });
}

void SqliteBookingStore::readerLoop() {
    std::unique_ptr<store::Db> db;
    for (;;) {
        std::function<void(store::Db*)> job;
        {
            std::unique_lock lock(m_readMutex);
            m_readCv.wait(lock, [&] { return m_readStopping || !m_reads.empty(); });
            if (m_reads.empty()) return;
            job = std::move(m_reads.front());
            m_reads.pop_front();
        }
        if (!db) {
            try {
                db = std::make_unique<store::Db>(m_dbPath, store::Sync::Full, true);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "booking: cannot open %s read-only: %s\n", m_dbPath.c_str(),
                             e.what());
            }
        }
        job(db.get());
    }
}

void SqliteBookingStore::stop() {
    {
        std::lock_guard lock(m_readMutex);
        if (m_stopped) return;
        m_stopped = true;
        m_readStopping = true;
        m_readCv.notify_all();
    }
    if (m_reader.joinable()) m_reader.join();
    // Finalise the cached statements on the writer thread while its connection is open.
    try {
        m_writer.runSync([this](store::Db&) { m_stmts.reset(); });
    } catch (...) {
    }
}

} // namespace sluice::booking
