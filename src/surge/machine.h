// The virtual citizens and everything they observe, without I/O: the engine (runner) asks the
// World which request an action makes, sends it, and hands the reply back; the World decides
// the next actions, checks the invariants (lost places, bypasses, oversell) and keeps the
// statistics. A citizen is a few dozen bytes; a ticket is a record plus its text in an arena,
// so a million waiting citizens cost tens of megabytes, and nothing waits in a coroutine frame.
#pragma once
#include "surge/histogram.h"
#include "surge/scenario.h"

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sluice::surge {

enum class Route : uint8_t {
    Cohorts,
    Join,
    Challenge,
    Status,
    Position,
    Admit,
    Verify,
    Clinics,
    Reserve,
    Fairness,
    Metrics,
    Bot,
    Count
};
const char* routeName(Route r);
inline constexpr std::size_t kRouteCount = static_cast<std::size_t>(Route::Count);

// What an action does when it comes due.
enum class Step : uint8_t {
    Join,             // first join of a window
    RejoinWithTicket, // a refresh: join again presenting the ticket (must get the same one)
    Challenge,        // fetch the cohort's proof-of-work challenge before a new-ticket join
    Status,
    Position,
    Admit,
    Verify,
    List, // GET /v1/clinics for the chosen region
    Reserve,
    Snapshot, // the auditor's stock snapshot (before any reservation, and at the end)
    BotCall,  // a bypass attempt; arg says which
    BotWait,  // a bot waiting for a token to abuse
};

inline constexpr uint32_t kNone = 0xffffffffu;

struct Action {
    int64_t atNs = 0; // scheduled send time (steady clock); latency is measured from here
    uint32_t citizen = 0;
    uint32_t ticket = 0; // ticket index, or kNone
    Step step = Step::Join;
    uint8_t arg = 0;      // step-specific (bot call number, retry count, ...)
    uint32_t pow = kNone; // a Join's solved proof of work (World's slot), or kNone
    bool operator>(const Action& o) const { return atNs > o.atNs; }
};

struct RequestSpec {
    Route route = Route::Status;
    bool post = false;
    std::string target;
    std::string body;
    std::string ticket;         // X-Sluice-Ticket
    std::string bearer;         // Authorization: Bearer ...
    std::string idempotencyKey; // Idempotency-Key
    std::string pow;            // X-Sluice-Pow: CHALLENGE:SOLUTION
};

enum class TransportError : uint8_t { None, Connect, Timeout, Reset, Protocol };
const char* transportErrorName(TransportError e);

struct Reply {
    int status = 0; // 0 on a transport error
    TransportError error = TransportError::None;
    std::string_view body;
    double retryAfterS = -1; // Retry-After, when present
    double maxAgeS = -1;     // Cache-Control max-age, when present
};

enum class Phase : uint8_t { NotArrived, Waiting, Booking, Done };
enum class Outcome : uint8_t {
    None,
    Booked,
    Abandoned,
    SoldOut,
    NotEligible,
    Failed,
    BotDone,
    Auditor,
    Unfinished
};
const char* outcomeName(Outcome o);

struct WorldConfig {
    std::string cohort;
    int64_t opensNs = 0; // the opening, on the engine's steady clock
    int birthYearFrom = 1967, birthYearTo = 1968;
    std::string runId; // distinguishes persons and idempotency keys between runs
    uint64_t seed = 1;
    double openSpreadS = 5; // pre-queue windows poll within this long after the opening
    // Proof of work (abuse screening at join): fetch the challenge before every new-ticket
    // join (otherwise a citizen learns it from its first refusal), and the most bits the surge
    // solves (a harder challenge: the join gives up, "pow_over_max_bits").
    bool powPrefetch = false;
    int powMaxBits = 20;
};

// One proof of work solved by a virtual citizen, as measured in the surge's thread.
struct PowSolve {
    uint64_t hashes = 0; // SHA-256 computations powSolve made
    int64_t cpuNs = 0;   // the thread's CPU time for it (CLOCK_THREAD_CPUTIME_ID)
    int64_t wallNs = 0;  // steady-clock time (the surge's event loop was stalled this long)
    uint32_t citizen = 0;
    uint8_t bits = 0;
};

// Per (clinic, date) stock as the surge saw it.
struct StockEntry {
    static constexpr int64_t kUnknown = INT64_MIN;
    std::string clinicId, date, region;
    int64_t initial = -1;              // remaining before any reservation of this run
    int64_t finalRemaining = kUnknown; // remaining after the run (server's view)
    int64_t confirmed = 0;             // 201s this run received
};

struct Counters {
    uint64_t arrived = 0, tickets = 0, waiting = 0, admitted = 0, booked = 0, abandoned = 0,
             soldOut = 0, notEligible = 0, failed = 0, done = 0;
    uint64_t lostPlaces = 0, bypassAttempts = 0, bypassSuccesses = 0, admissionOrderViolations = 0;
    uint64_t bypassRejected = 0; // bypass attempts answered 401/403 (the server should count these)
    uint64_t requests = 0, cacheHits = 0;
};

class World {
public:
    World(const Scenario& scenario, WorldConfig config, std::vector<CitizenPlan> plans);

    std::size_t size() const { return m_citizens.size(); }
    int64_t arrivalNs(uint32_t i) const {
        return m_config.opensNs + m_citizens[i].plan.arriveMs * 1'000'000;
    }
    const CitizenPlan& plan(uint32_t i) const { return m_citizens[i].plan; }
    Phase phase(uint32_t i) const { return m_citizens[i].phase; }
    Outcome outcome(uint32_t i) const { return m_citizens[i].outcome; }

    // A citizen arrives: appends its first actions.
    void arrive(uint32_t i, int64_t nowNs, std::vector<Action>& out);
    // The request an action makes; false when the action has become moot (nothing to send),
    // in which case `out` of skip() may hold follow-ups.
    bool build(const Action& a, int64_t nowNs, RequestSpec& req, std::vector<Action>& out);
    // The reply to a sent action, `nowNs` when it arrived.
    void onReply(const Action& a, const RequestSpec& req, int64_t nowNs, const Reply& reply,
                 std::vector<Action>& out);
    // Everyone arrived has finished.
    bool allDone() const { return m_counters.done == m_citizens.size(); }
    // Marks everyone not finished as Unfinished (duration limit).
    void abandonRest();

    // The end-of-run stock snapshot with the auditor's token, one page (kSnapshotPage entries)
    // from `offset`; false if there is no auditor. onFinalSnapshot returns the listing's total
    // (the runner asks for pages until it has them all), -1 on failure.
    static constexpr uint32_t kSnapshotPage = 1000;
    bool buildFinalSnapshot(RequestSpec& req, uint32_t offset) const;
    int64_t onFinalSnapshot(const Reply& reply);
    bool initialSnapshotDone() const { return m_snapshot == SnapshotState::Done; }

    // Observations for the report.
    const Counters& counters() const { return m_counters; }
    const std::array<LatencyHistogram, kRouteCount>& latency() const { return m_latency; }
    const std::array<uint64_t, kRouteCount>& routeRequests() const { return m_routeRequests; }
    const std::map<std::string, uint64_t>& errors() const { return m_errors; }
    const std::map<std::string, uint64_t>& lostReasons() const { return m_lostReasons; }
    const std::map<std::string, uint64_t>& bypassByKind() const { return m_bypassByKind; }
    const std::map<std::string, uint64_t>& bypassSuccessByKind() const {
        return m_bypassSuccessByKind;
    }
    const std::map<std::string, StockEntry>& stock() const { return m_stock; }
    // Abuse screening: every solve, refused joins by error code, challenges fetched (2xx).
    const std::vector<PowSolve>& powSolves() const { return m_powSolves; }
    const std::map<std::string, uint64_t>& powRefusals() const { return m_powRefusals; }
    const std::map<int, uint64_t>& powBitsSeen() const { return m_powBitsSeen; }
    uint64_t challengesFetched() const { return m_challengesFetched; }
    bool hasTicket(uint32_t i) const { return m_citizens[i].firstTicket != kNone; }
    int64_t lastAdmitNs() const { return m_lastAdmitNs; }
    int64_t firstAdmitNs() const { return m_firstAdmitNs; }
    uint64_t ticketCount() const { return m_tickets.size(); }
    // Per ticket: join send/answer time, position (0 unknown), whether it began in the pre-queue,
    // whose it is, and whether the join that drew it carried a proof of work.
    struct TicketView {
        int64_t sentNs, answeredNs;
        uint64_t position;
        bool prequeue;
        bool bot;
        uint32_t citizen;
        bool paid;
    };
    std::vector<TicketView> ticketViews() const;
    const WorldConfig& config() const { return m_config; }
    std::string lastStatusState() const { return m_statusState; }
    uint64_t lastServing() const { return m_serving; }
    uint64_t lastIssued() const { return m_issued; }
    std::vector<uint64_t> outcomeCounts() const;

private:
    struct Citizen {
        CitizenPlan plan;
        Phase phase = Phase::NotArrived;
        Outcome outcome = Outcome::None;
        bool lost = false;
        bool rejoinedFresh = false;
        bool knowsPow = false; // refused once for want of work: fetches the challenge first
        uint8_t retries = 0;
        uint16_t requests = 0;
        uint32_t firstTicket = kNone;
        uint32_t session = kNone;
    };
    struct Ticket {
        int64_t sentNs = 0, answeredNs = 0;
        uint64_t position = 0; // 0: not known yet
        uint32_t citizen = 0;
        uint32_t next = kNone; // the citizen's next ticket
        uint64_t textOff = 0;
        uint32_t lastAhead = 0xffffffffu;
        uint16_t textLen = 0;
        uint16_t polls = 0;
        bool prequeue = false;
        bool paid = false; // drawn by a join carrying a proof of work
    };
    struct Session {
        std::string token, personId, clinicId, date, region;
        uint32_t ticket = kNone;
        uint16_t keySeq = 0;
        uint8_t listAttempts = 0;
        uint8_t retries = 0;
        bool inUse = false;
    };
    enum class SnapshotState : uint8_t { None, InFlight, Done, Failed };

    std::string_view ticketText(uint32_t t) const;
    uint32_t addTicket(uint32_t citizen, std::string_view text, int64_t sentNs, int64_t answeredNs);
    uint32_t findTicket(uint32_t citizen, std::string_view text) const;
    uint32_t newSession(uint32_t citizen);
    void endSession(uint32_t citizen);
    void finish(uint32_t citizen, Outcome o);
    void markLost(uint32_t citizen, const char* reason);
    void error(const std::string& kind) { ++m_errors[kind]; }
    int64_t jitter(double seconds);
    double uniform(double lo, double hi);
    void waitMore(const Action& a, int64_t nowNs, std::vector<Action>& out, double etaS = -1);
    void retry(const Action& a, int64_t nowNs, const Reply& r, std::vector<Action>& out,
               double fallbackS = 0.5);
    void afterAdmitted(uint32_t citizen, int64_t nowNs, std::vector<Action>& out);
    void readStatus(std::string_view body, int64_t nowNs);
    void afterStatus(const Action& a, int64_t nowNs, std::vector<Action>& out);
    // Reads a clinics listing into the stock book; returns its "total", -1 when unreadable.
    int64_t parseClinics(std::string_view body, bool initial, bool final);
    std::string snapshotTarget(uint32_t offset) const;
    std::string personBody(uint32_t citizen) const;
    std::string forge(const std::string& token);
    bool cohortOpen() const { return m_statusState == "open" || m_statusState == "paused"; }
    void recordAdmitted(uint64_t position, int64_t nowNs);
    // A new-ticket join: Challenge first when the citizen knows the cohort screens (or
    // --pow-prefetch), otherwise Join.
    Step freshJoin(uint32_t citizen) const;
    // Solves `challenge` at `bits` for real (common/pow.h), records what it cost and schedules
    // the join carrying it; false (nothing scheduled) when `bits` is over powMaxBits.
    bool solveAndJoin(const Action& a, const std::string& challenge, int bits, int64_t nowNs,
                      std::vector<Action>& out);
    void releasePow(uint32_t slot);
    uint32_t countTickets(uint32_t citizen) const;

    Scenario m_s;
    WorldConfig m_config;
    std::vector<Citizen> m_citizens;
    std::vector<Ticket> m_tickets;
    std::string m_arena;
    std::vector<Session> m_sessions;
    std::vector<uint32_t> m_freeSessions;
    std::mt19937_64 m_rng;
    Counters m_counters;
    std::array<LatencyHistogram, kRouteCount> m_latency{};
    std::array<uint64_t, kRouteCount> m_routeRequests{};
    std::map<std::string, uint64_t> m_errors, m_lostReasons, m_bypassByKind, m_bypassSuccessByKind;
    // What the shared status page says (the last status reply seen).
    std::string m_statusState = "unknown";
    uint64_t m_serving = 0, m_issued = 0;
    double m_rate = 0;
    int64_t m_statusCacheUntilNs = 0; // the last status body is fresh until then (max-age)
    // Stock, keyed "clinic|date".
    std::map<std::string, StockEntry> m_stock;
    std::vector<std::string> m_stockKeys; // for random choice of region/date
    SnapshotState m_snapshot = SnapshotState::None;
    uint32_t m_auditor = kNone;
    std::string m_auditorToken;
    // Tokens bots abuse: live ones (copied from citizens in the booking zone) and consumed ones.
    std::deque<std::string> m_liveTokens, m_consumedTokens;
    // Admission order: running max of admitted positions by answer time.
    std::vector<std::pair<int64_t, uint64_t>> m_admittedMax;
    int64_t m_firstAdmitNs = 0, m_lastAdmitNs = 0;
    // Proof of work: solved headers waiting for their join (slots), and what it cost.
    std::vector<std::string> m_powHeaders;
    std::vector<uint32_t> m_freePow;
    std::vector<PowSolve> m_powSolves;
    std::map<std::string, uint64_t> m_powRefusals;
    std::map<int, uint64_t> m_powBitsSeen;
    uint64_t m_challengesFetched = 0;
};

} // namespace sluice::surge
