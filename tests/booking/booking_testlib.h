// Shared by the booking suites and the booking benchmark: an asynchronous keep-alive HTTP load
// client (many connections on one thread, per-request client-side timeouts), the test data set
// and configuration, getting real admission tokens through the waiting room (join + admit)
// and verified persons, and read-only checks of the server's SQLite file.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sluice::booktest {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Req {
    std::string method = "GET";
    std::string target;
    std::string body;
    Headers headers;
    int timeoutMs = 10'000;
    uint64_t tag = 0; // caller's bookkeeping
    int delayMs = 0;  // wait this long before sending (polling)
};

struct Res {
    int status = 0; // 0: transport error or client-side timeout (see error)
    std::string body;
    std::map<std::string, std::string> headers; // lower-case names
    std::string error;
    double latencyMs = 0;
    bool timedOut = false;
    std::string header(const std::string& lower) const;
    std::string errorCode() const;            // body.error.code or ""
    std::string field(const char* key) const; // top-level string field of a JSON body or ""
};

// Runs `connections` keep-alive connections on the calling thread until `next` returns nullopt
// for each of them. `next` and `done` run on that thread only (no locking needed).
void runLoad(uint16_t port, int connections,
             const std::function<std::optional<Req>(int conn)>& next,
             const std::function<void(int conn, const Req&, Res&&)>& done);
// One request on a fresh connection (convenience for small steps).
Res request(uint16_t port, Req req);

// ---- data set and configuration ----
struct Slot {
    std::string clinicId, date;
    int64_t doses = 0;
};
// Writes clinics.csv and stock.csv into `dir`: the `hot` slots plus a "reserve" clinic with
// `reserveDoses` on one date that no test books, standing for the rest of the country's stock
// (the waiting room never admits more people than reachable doses).
void writeDataSet(const std::string& dir, const std::vector<Slot>& hot, int64_t reserveDoses);
// A date in the booking window that the test data uses ("+2d" from today in Korea).
std::string testDate(int plusDays);

struct ConfigOptions {
    std::string dataDir; // where writeDataSet wrote the CSV files (absolute paths are used)
    int64_t sessionWindowS = 1200;
    int64_t maxActive = 100'000;
    double ratePerS = 50'000;
    std::string idpJson = R"({"latency_ms": {"p50": 1, "p99": 4}, "timeout_ms": 2000})";
    bool secondCohort = true; // an "18-49" cohort open too (other-cohort tests)
    int writeQueueLimit = 0;  // server.write_queue_limit; 0: not written (the default)
};
// Cohort "53-54" (born 1967-1968) open since a minute ago, pre-queue before that.
std::string makeConfig(const ConfigOptions& o);

// ---- citizens ----
struct Citizen {
    std::string ticket, token;
    uint64_t position = 0;
    std::string personId;
};
// Joins `n` times and admits every ticket (polling 409s) through `connections` connections.
// Returns false (with `error`) when not everyone got a token within `timeoutMs`.
bool admitCitizens(uint16_t port, const std::string& cohort, int n, int connections,
                   std::vector<Citizen>& out, std::string& error, int timeoutMs = 60'000);
// Verifies identity number `identityOf(i)` for every citizen i; fills personId.
bool verifyCitizens(uint16_t port, std::vector<Citizen>& citizens,
                    const std::function<int(int)>& identityOf, int connections, std::string& error,
                    const std::string& birthDate = "1967-05-01");
std::string identityBody(int identity, const std::string& birthDate = "1967-05-01");
std::string reservationBody(const std::string& personId, const std::string& clinicId,
                            const std::string& date, int dose = 1);
Headers bearer(const std::string& token);

// ---- database checks (read-only connection on the server's file) ----
struct DbReservation {
    std::string id, personId, clinicId, date, status;
    int dose = 1;
};
struct DbState {
    std::string integrity;
    std::map<std::pair<std::string, std::string>, std::pair<int64_t, int64_t>>
        stock; // (clinic,date) -> initial, remaining
    std::map<std::string, DbReservation> reservations;
    std::map<std::string, std::pair<int, std::string>> keys; // scope -> status, body
};
DbState readDb(const std::string& dbPath);
// Problems found against the invariants: no oversell, stock + confirmed = initial per slot,
// at most one confirmed reservation per person and dose. Empty when all hold.
std::vector<std::string> checkInvariants(const DbState& db);
// The first AddressSanitizer / UndefinedBehaviorSanitizer report in a process's output, or "".
std::string sanitizerReport(const std::string& output);
// Counter value from a Prometheus text body, e.g.
// metric("sluice_bypass_attempts_total{kind=\"bypass_forged\"}").
double metricValue(const std::string& prometheusText, const std::string& series);

} // namespace sluice::booktest
