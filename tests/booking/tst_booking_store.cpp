// The SQLite BookingStore on a real database file through the real group-commit writer:
// concurrent reservations never oversell, idempotent replay, single-use tokens, one active
// reservation per person and dose, eligibility, cancellation, key expiry and restarts that
// never overwrite live stock.
#include "booking_testlib.h"
#include "server/booking/sqlite_booking_store.h"
#include "server/booking/stock_mirror.h"
#include "server/store/writer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <future>
#include <thread>

using namespace sluice;
using namespace sluice::booking;

namespace {

struct Fixture {
    QTemporaryDir dir;
    std::string path() const { return dir.path().toStdString() + "/sluice.db"; }
    std::unique_ptr<store::Writer> writer;
    std::unique_ptr<SqliteBookingStore> store;
    LoadedState state;

    void open(const std::vector<ClinicRow>& clinics, const std::vector<StockRow>& stock) {
        writer = std::make_unique<store::Writer>(
            store::Writer::Options{path(), store::Sync::Full, 512, {}});
        store = std::make_unique<SqliteBookingStore>(*writer, path());
        state = store->open(clinics, stock, 1000);
    }
    void close() {
        store->stop();
        store.reset();
        writer.reset();
    }
    void person(const std::string& id, const std::string& birth) {
        std::promise<std::exception_ptr> p;
        store->savePerson(id, birth, 1000, [&](std::exception_ptr e) { p.set_value(e); });
        QVERIFY(!p.get_future().get());
    }
    ReserveOutcome reserve(ReserveRequest r) {
        std::promise<ReserveOutcome> p;
        store->reserve(std::move(r), render, [&](ReserveOutcome o) { p.set_value(std::move(o)); });
        return p.get_future().get();
    }
    static StoredResponse render(const ReserveOutcome& o, const ReserveRequest& r) {
        return {o.result == ReserveResult::Confirmed ? 201 : 409,
                std::string(reserveResultName(o.result)) + ":" + r.reservationId};
    }
};

ReserveRequest request(const std::string& token, const std::string& key, const std::string& person,
                       const std::string& clinic, const std::string& date,
                       const std::string& hash = "h") {
    ReserveRequest r;
    r.scope = token + "\n" + key;
    r.requestHash = hash;
    r.tokenId = token;
    r.cohort = "53-54";
    r.personId = person;
    r.clinicId = clinic;
    r.date = date;
    r.reservationId = "r-" + token + "-" + key;
    r.nowMs = 10'000;
    r.eligibility = [](const std::string& birth) {
        const int y = std::stoi(birth.substr(0, 4));
        if (y >= 1967 && y <= 1968) return Eligibility::Eligible;
        if (y >= 1972 && y <= 2003) return Eligibility::OtherCohort;
        return Eligibility::NotEligible;
    };
    return r;
}

const std::vector<ClinicRow> kClinics{{"A", "Clinic A", "R", "D", 37, 127},
                                      {"B", "Clinic B", "R", "D", 37, 127}};

} // namespace

class TestBookingStore : public QObject {
    Q_OBJECT
private slots:
    void concurrentReservationsNeverOversell() {
        Fixture f;
        f.open(kClinics,
               {{"A", "2030-01-01", 40}, {"A", "2030-01-02", 25}, {"B", "2030-01-01", 30}});
        const int persons = 400;
        for (int i = 0; i < persons; ++i)
            f.person("p" + std::to_string(i), "1967-03-03");
        // 8 threads submit 1,600 requests as fast as they can; the writer batches them.
        std::atomic<int> confirmed{0}, soldOut{0}, already{0}, other{0};
        std::vector<std::thread> threads;
        std::atomic<int> pending{0};
        const char* slotNames[3][2] = {
            {"A", "2030-01-01"}, {"A", "2030-01-02"}, {"B", "2030-01-01"}};
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 200; ++i) {
                    const int n = t * 200 + i;
                    const auto* s = slotNames[n % 3];
                    ++pending;
                    f.store->reserve(request("tok" + std::to_string(n), "k",
                                             "p" + std::to_string(n % persons), s[0], s[1]),
                                     Fixture::render, [&](ReserveOutcome o) {
                                         switch (o.result) {
                                         case ReserveResult::Confirmed:
                                             ++confirmed;
                                             break;
                                         case ReserveResult::SoldOut:
                                             ++soldOut;
                                             break;
                                         case ReserveResult::AlreadyReserved:
                                             ++already;
                                             break;
                                         default:
                                             ++other;
                                             break;
                                         }
                                         --pending;
                                     });
                }
            });
        for (auto& t : threads)
            t.join();
        f.writer->flush();
        QTRY_COMPARE_WITH_TIMEOUT(pending.load(), 0, 30'000);
        QCOMPARE(other.load(), 0);
        QCOMPARE(confirmed.load(), 95); // every dose went, none twice
        QCOMPARE(confirmed + soldOut + already, 1600);
        QVERIFY(f.writer->batches() < f.writer->jobs()); // group commit actually grouped
        f.close();
        auto db = booktest::readDb(f.path());
        const auto problems = booktest::checkInvariants(db);
        QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().c_str());
        QCOMPARE(db.reservations.size(), std::size_t(95));
    }

    void idempotentReplayAndKeyReuse() {
        Fixture f;
        f.open(kClinics, {{"A", "2030-01-01", 5}});
        f.person("p1", "1968-12-31");
        auto first = f.reserve(request("t1", "k", "p1", "A", "2030-01-01"));
        QCOMPARE(first.result, ReserveResult::Confirmed);
        QCOMPARE(first.remaining, int64_t(4));
        auto again = f.reserve(request("t1", "k", "p1", "A", "2030-01-01"));
        QCOMPARE(again.result, ReserveResult::Replayed);
        QCOMPARE(again.response.status, first.response.status);
        QCOMPARE(again.response.body, first.response.body); // the stored answer, not a new one
        auto changed = f.reserve(request("t1", "k", "p1", "A", "2030-01-01", "other-hash"));
        QCOMPARE(changed.result, ReserveResult::KeyReused);
        // Another key with the consumed token: refused, the token is single use.
        auto replay = f.reserve(request("t1", "k2", "p1", "A", "2030-01-01"));
        QCOMPARE(replay.result, ReserveResult::TokenConsumed);
        // The same person with a fresh token: one active reservation per person and dose.
        auto second = f.reserve(request("t2", "k", "p1", "A", "2030-01-01"));
        QCOMPARE(second.result, ReserveResult::AlreadyReserved);
        // ... but dose 2 is a separate reservation.
        auto dose2 = request("t3", "k", "p1", "A", "2030-01-01");
        dose2.dose = 2;
        QCOMPARE(f.reserve(dose2).result, ReserveResult::Confirmed);
    }

    void eligibilityAndUnknowns() {
        Fixture f;
        f.open(kClinics, {{"A", "2030-01-01", 5}});
        f.person("young", "1990-01-01");
        f.person("old", "1940-01-01");
        QCOMPARE(f.reserve(request("t1", "k", "nobody", "A", "2030-01-01")).result,
                 ReserveResult::UnknownPerson);
        QCOMPARE(f.reserve(request("t2", "k", "young", "A", "2030-01-01")).result,
                 ReserveResult::OtherCohort);
        QCOMPARE(f.reserve(request("t3", "k", "old", "A", "2030-01-01")).result,
                 ReserveResult::NotEligible);
        f.person("ok", "1967-01-01");
        QCOMPARE(f.reserve(request("t4", "k", "ok", "B", "2030-01-01")).result,
                 ReserveResult::UnknownSlot);
        // None of these consumed the token or the stock.
        QCOMPARE(f.reserve(request("t1", "k9", "ok", "A", "2030-01-01")).result,
                 ReserveResult::Confirmed);
        auto db = (f.close(), booktest::readDb(f.path()));
        QCOMPARE((db.stock[{"A", "2030-01-01"}].second), int64_t(4));
    }

    void cancelReturnsTheDoseOnce() {
        Fixture f;
        f.open(kClinics, {{"A", "2030-01-01", 1}});
        f.person("p1", "1967-01-01");
        f.person("p2", "1967-01-02");
        auto r = f.reserve(request("t1", "k", "p1", "A", "2030-01-01"));
        QCOMPARE(r.result, ReserveResult::Confirmed);
        QCOMPARE(f.reserve(request("t2", "k", "p2", "A", "2030-01-01")).result,
                 ReserveResult::SoldOut);
        auto cancel = [&](const std::string& id) {
            std::promise<CancelOutcome> p;
            f.store->cancel(id, 20'000, [&](CancelOutcome o) { p.set_value(std::move(o)); });
            return p.get_future().get();
        };
        auto c1 = cancel("r-t1-k");
        QCOMPARE(c1.result, CancelOutcome::Cancelled);
        QCOMPARE(c1.remaining, int64_t(1));
        auto c2 = cancel("r-t1-k");
        QCOMPARE(c2.result, CancelOutcome::AlreadyCancelled);
        QCOMPARE(c2.record.status, std::string("cancelled"));
        QCOMPARE(cancel("nope").result, CancelOutcome::NotFound);
        // The returned dose is bookable; the sold-out answer stays stored under its own key.
        QCOMPARE(f.reserve(request("t2", "k", "p2", "A", "2030-01-01")).result,
                 ReserveResult::Replayed);
        QCOMPARE(f.reserve(request("t2", "k2", "p2", "A", "2030-01-01")).result,
                 ReserveResult::Confirmed);
        std::promise<std::optional<ReservationRecord>> got;
        f.store->get("r-t1-k", [&](std::optional<ReservationRecord> rec, std::string) {
            got.set_value(rec);
        });
        auto rec = got.get_future().get();
        QVERIFY(rec);
        QCOMPARE(rec->status, std::string("cancelled"));
        f.close();
        QVERIFY(booktest::checkInvariants(booktest::readDb(f.path())).empty());
    }

    void expiredKeysAreForgotten() {
        Fixture f;
        f.open(kClinics, {{"A", "2030-01-01", 5}});
        f.person("p1", "1967-01-01");
        auto r = request("t1", "k", "nobody", "A", "2030-01-01");
        QCOMPARE(f.reserve(r).result, ReserveResult::UnknownPerson);
        r.nowMs += 24 * 3600'000LL + 1; // past the key's lifetime
        r.personId = "p1";
        r.requestHash = "different";
        QCOMPARE(f.reserve(r).result, ReserveResult::Confirmed);
        f.store->purgeExpiredKeys(r.nowMs + 1);
        f.writer->flush();
        f.close();
        QCOMPARE(booktest::readDb(f.path()).keys.size(), std::size_t(0));
    }

    void restartKeepsLiveStockAndConsumedTokens() {
        Fixture f;
        f.open(kClinics, {{"A", "2030-01-01", 3}});
        QVERIFY(f.state.firstLoad);
        const std::string secret = f.state.secret;
        QCOMPARE(secret.size(), std::size_t(64));
        f.person("p1", "1967-01-01");
        QCOMPARE(f.reserve(request("t1", "k", "p1", "A", "2030-01-01")).result,
                 ReserveResult::Confirmed);
        f.close();
        // A changed data set on restart must not overwrite live stock.
        f.open(kClinics, {{"A", "2030-01-01", 100}, {"B", "2030-01-01", 100}});
        QVERIFY(!f.state.firstLoad);
        QCOMPARE(f.state.secret, secret); // person ids and manage keys stay valid
        QCOMPARE(f.state.stock.size(), std::size_t(1));
        QCOMPARE(f.state.stock[0].doses, int64_t(2));
        QCOMPARE(f.state.consumedTokens.size(), std::size_t(1));
        QCOMPARE(f.state.consumedTokens[0].first, std::string("t1"));
        QCOMPARE(f.reserve(request("t1", "k", "p1", "A", "2030-01-01")).result,
                 ReserveResult::Replayed);
    }

    void stockMirrorVersionsAndTotals() {
        StockMirror m;
        m.build(kClinics, {{"A", "2030-01-02", 5}, {"A", "2030-01-01", 3}, {"B", "2030-01-01", 7}});
        QCOMPARE(m.dates(), (std::vector<std::string>{"2030-01-01", "2030-01-02"}));
        QCOMPARE(m.total(), int64_t(15));
        QCOMPARE(m.remaining(m.clinicIndex("B"), m.dateIndex("2030-01-02")), StockMirror::kNoStock);
        uint64_t v0 = 0;
        auto all = m.snapshot(&v0, 0);
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[0].remainingWindow, int64_t(8));
        uint64_t v1 = 0;
        QVERIFY(m.changedSince(v0, &v1, 0).empty());
        const int64_t now = 1'700'000'000'000;
        m.set(m.clinicIndex("B"), m.dateIndex("2030-01-01"), 6, +1, now);
        m.set(m.clinicIndex("B"), m.dateIndex("2030-01-01"), 5, +1, now + 1000);
        QCOMPARE(m.total(), int64_t(13));
        uint64_t v2 = 0;
        auto changed = m.changedSince(v1, &v2, now + 1000);
        QCOMPARE(changed.size(), std::size_t(1));
        QCOMPARE(changed[0].id, std::string("B"));
        QCOMPARE(changed[0].remainingWindow, int64_t(5));
        QCOMPARE(changed[0].reservedLastMinute, int64_t(2));
        QVERIFY(v2 > v1);
        QVERIFY(m.changedSince(v2, nullptr, now).empty());
        // A minute later the reservations have left the window.
        QCOMPARE(m.snapshot(nullptr, now + 61'000)[1].reservedLastMinute, int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestBookingStore)
#include "tst_booking_store.moc"
