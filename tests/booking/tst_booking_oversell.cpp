// No oversell under concurrency: 200 concurrent keep-alive clients make 20,000 reservation
// attempts against five clinics with 100 doses each, through the real server over HTTP. Every
// identity holds two admission tokens, so the same person also races against itself.
// Afterwards the database file, opened read-only, must show: confirmed <= stock and
// stock + confirmed = initial for each clinic, at most one active reservation per person,
// every 201 present, and nothing confirmed that was not answered 201.
#include "booking_testlib.h"
#include "support/http_client.h"
#include "support/server_process.h"

#include <boost/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <random>
#include <set>

using namespace sluice;
using namespace sluice::booktest;

class TestBookingOversell : public QObject {
    Q_OBJECT
private slots:
    void twentyThousandAttemptsNeverOversell() {
        constexpr int kClinics = 5, kDoses = 100, kIdentities = 1500, kTokens = 2 * kIdentities;
        constexpr int kClients = 200, kAttempts = 20'000;
        const std::string date = testDate(2);
        QTemporaryDir files;
        std::vector<Slot> hot;
        for (int c = 1; c <= kClinics; ++c)
            hot.push_back({"H" + std::to_string(c), date, kDoses});
        // Stock elsewhere in the country keeps the waiting room admitting (it never admits
        // more people than reachable doses); no client books it.
        writeDataSet(files.path().toStdString(), hot, 100'000);
        ConfigOptions o;
        o.dataDir = files.path().toStdString();
        test::ServerProcess::Options po;
        po.config = makeConfig(o);
        test::ServerProcess server(po);
        QVERIFY2(server.start(), server.output().constData());

        std::vector<Citizen> citizens;
        std::string error;
        QVERIFY2(admitCitizens(server.port(), "53-54", kTokens, 50, citizens, error),
                 error.c_str());
        QVERIFY2(verifyCitizens(
                     server.port(), citizens, [&](int i) { return i % kIdentities; }, 50, error),
                 error.c_str());
        for (int i = 0; i < kIdentities; ++i)
            QCOMPARE(citizens[i].personId, citizens[i + kIdentities].personId);

        std::mt19937 rng(20210719);
        std::vector<int> pool(kTokens); // tokens not yet known to be consumed
        for (int i = 0; i < kTokens; ++i)
            pool[i] = i;
        int sent = 0, transportErrors = 0;
        std::map<std::string, int> codes;
        struct Ack {
            std::string personId, clinicId;
        };
        std::map<std::string, Ack> acknowledged; // reservation id -> what the 201 said
        std::map<std::string, int> confirmedPerClinic;
        runLoad(
            server.port(), kClients,
            [&](int) -> std::optional<Req> {
                if (sent >= kAttempts || pool.empty()) return std::nullopt;
                const int t = pool[rng() % pool.size()];
                const std::string clinic = "H" + std::to_string(1 + rng() % kClinics);
                Req r;
                r.method = "POST";
                r.target = "/v1/reservations";
                r.body = reservationBody(citizens[t].personId, clinic, date);
                r.headers = bearer(citizens[t].token);
                r.headers.emplace_back("Idempotency-Key", "attempt-" + std::to_string(sent));
                r.tag = static_cast<uint64_t>(t);
                ++sent;
                return r;
            },
            [&](int, const Req& q, Res&& r) {
                if (r.status == 0) {
                    ++transportErrors;
                    return;
                }
                ++codes[std::to_string(r.status) + " " + r.errorCode()];
                if (r.status == 201) {
                    const int t = static_cast<int>(q.tag);
                    pool.erase(std::remove(pool.begin(), pool.end(), t), pool.end());
                    acknowledged[r.field("reservation_id")] =
                        Ack{citizens[t].personId, r.field("clinic_id")};
                    ++confirmedPerClinic[r.field("clinic_id")];
                }
            });
        QString summary;
        for (const auto& [k, n] : codes)
            summary += QString::fromStdString(k) + "=" + QString::number(n) + " ";
        qInfo("%d attempts: %s", sent, qPrintable(summary));
        QCOMPARE(sent, kAttempts);
        QCOMPARE(transportErrors, 0);
        // Only the answers the issue names: created, sold out, already reserved, and a token
        // whose earlier request won while this one was on its way.
        for (const auto& [k, n] : codes)
            QVERIFY2(k == "201 " || k == "409 sold_out" || k == "409 already_reserved" ||
                         k == "403 bypass_replayed",
                     k.c_str());
        QVERIFY(codes["409 already_reserved"] > 0); // the two tokens of one person did race
        for (const auto& [clinic, n] : confirmedPerClinic)
            QVERIFY2(n <= kDoses, clinic.c_str());
        // Demand far exceeds supply: every dose is sold, none twice.
        QCOMPARE(int(acknowledged.size()), kClinics * kDoses);

        // The database, read-only, while the server still runs.
        const std::string dbPath = server.dataDir().toStdString() + "/sluice.db";
        DbState db = readDb(dbPath);
        const auto problems = checkInvariants(db);
        QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().c_str());
        int confirmedInDb = 0;
        std::set<std::string> persons;
        for (const auto& [id, r] : db.reservations) {
            if (r.status != "confirmed" || r.date != date) continue;
            ++confirmedInDb;
            QVERIFY2(persons.insert(r.personId).second, "a person holds two active reservations");
            QVERIFY2(acknowledged.count(id), "a confirmed reservation nobody was told about");
        }
        QCOMPARE(confirmedInDb, int(acknowledged.size()));
        for (const auto& [id, ack] : acknowledged) {
            QVERIFY2(db.reservations.count(id), ("201 without a row: " + id).c_str());
            const auto& row = db.reservations.at(id);
            QCOMPARE(row.status, std::string("confirmed"));
            QCOMPARE(row.personId, ack.personId);
            QCOMPARE(row.clinicId, ack.clinicId);
        }
        for (const auto& s : hot) {
            const auto [initial, remaining] = db.stock.at({s.clinicId, s.date});
            QCOMPARE(initial, int64_t(kDoses));
            QCOMPARE(remaining, int64_t(0));
        }
        // The in-memory mirror agrees with the database.
        test::HttpClient http("127.0.0.1", server.port());
        auto list = http.get("/v1/clinics?date=" + date, bearer(citizens[pool.front()].token));
        QCOMPARE(list.status, 200);
        const boost::json::value v = list.json();
        for (const auto& e : v.as_object().at("clinics").as_array())
            QCOMPARE(e.as_object().at("remaining").as_int64(), int64_t(0));
        const std::string report = sanitizerReport(server.output().toStdString());
        QVERIFY2(report.empty(), report.c_str());
        QVERIFY2(server.terminate(), "the server did not exit cleanly on SIGTERM");
    }
};

QTEST_GUILESS_MAIN(TestBookingOversell)
#include "tst_booking_oversell.moc"
