// The waiting room: per-cohort ticket issuance, pre-queue, admission and the citizen-facing
// HTTP endpoints (join, status, position, admit, fairness, cohorts). Hot paths touch only
// per-cohort atomics and immutable data; durability goes through the store::Writer.
#pragma once
#include "common/signed_codec.h"
#include "server/app/config.h"
#include "server/http/router.h"
#include "server/metrics/registry.h"
#include "server/queue/notices.h"

#include <boost/asio/io_context.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::store {
class Writer;
}

namespace sluice::queue {

class Cohort;

enum class CohortState { Scheduled, Prequeue, Open, Paused, Closed };
const char* stateName(CohortState s);
enum class AdmissionMode { Manual, Automatic };
const char* modeName(AdmissionMode m);

// A consistent-enough read of one cohort for dashboards, metrics and the ops stream.
struct CohortView {
    std::string id, labelKo, labelEn;
    CohortState state = CohortState::Scheduled;
    std::string closedReason; // "sold_out" or ""
    uint64_t issued = 0, serving = 0, waiting = 0;
    std::optional<uint64_t> prequeueSize; // known from the opening on
    double rateCeiling = 0, maxRate = 0, actualRate = 0;
    int64_t maxActive = 0, active = 0;
    AdmissionMode mode = AdmissionMode::Manual;
    std::optional<double> etaLastS; // ETA of the last person in line (P50), seconds
    int64_t prequeueOpensMs = 0, opensMs = 0;
    int birthYearFrom = 0, birthYearTo = 0;
    bool pausedForIncident = false;
    int powBits = 0, joinsPerClientPerMin = 0; // abuse screening at join; 0 = off
};

// Outcome of an operator command on a cohort.
struct CommandResult {
    bool ok = false;
    std::string error;           // person-readable reason when !ok
    boost::json::value oldValue; // for the audit log
    boost::json::value newValue;
};

struct QueueEvent {
    std::string kind; // "cohort_state", "cohort_opened", "sold_out", ...
    boost::json::object data;
};

struct AdmissionTokenInfo { // what booking needs from a verified token
    std::string cohort;
    uint64_t position = 0;
    int64_t expiresAtMs = 0;
    std::string tokenId; // "cohort:position", the single-use id
};

class QueueService {
public:
    QueueService(const ServerConfig& config, std::shared_ptr<const SignedCodec> codec,
                 store::Writer& writer, metrics::Registry& metrics, NoticeBoard& notices);
    ~QueueService();

    // Loads or creates the durable state of every cohort (blocking; at start-up only).
    void recover();
    void registerRoutes(http::Router& router);
    // Starts the controller tick on `control` (a single-threaded io_context).
    void start(boost::asio::io_context& control);
    // Graceful stop: records the exact issue counters so a clean restart leaves no gaps.
    void shutdown();

    std::vector<CohortView> views() const;
    const CohortConfig* cohortConfig(std::string_view id) const;

    // Operator commands (thread-safe). Each change is persisted before it is acknowledged by
    // `done`, which runs on the writer thread.
    using Done = std::function<void(CommandResult)>;
    void pause(const std::string& cohort, bool incident, Done done);
    void resume(const std::string& cohort, Done done);
    void setRate(const std::string& cohort, double ratePerS, Done done);
    void setMaxActive(const std::string& cohort, int64_t maxActive, Done done);
    void setMode(const std::string& cohort, AdmissionMode mode, Done done);
    // Abuse screening at join (join_screen.h): the proof-of-work difficulty in bits and the
    // per-client limit of new tickets a minute; 0 switches one off, nullopt keeps it.
    void setScreening(const std::string& cohort, std::optional<int> powBits,
                      std::optional<int> joinsPerClientPerMin, Done done);
    // Automatic mode's inputs, fed by whoever measures booking health (the ops module).
    void reportBookingHealth(double latencyP99Ms, double errorRate);

    // Booking zone hooks.
    // Verifies an admission token's signature, kind and expiry (not single use). On failure
    // returns nullopt and sets `kind` to bypass_no_token / bypass_forged / bypass_expired.
    std::optional<AdmissionTokenInfo> verifyAdmissionToken(std::string_view token, int64_t nowMs,
                                                           std::string& kind) const;
    // A session in the booking zone finished (reservation made or token expired/abandoned).
    void sessionFinished(const std::string& cohort, uint64_t position);
    // Doses still reachable by this cohort; admission never outruns it. Set by booking.
    void setStockProbe(std::function<int64_t(const std::string& cohort)> probe);
    // Cohort state changes and other events, for the ops stream (called on the control thread).
    void setEventSink(std::function<void(QueueEvent)> sink);
    // Rebuild the cached status bodies now (after a notice change).
    void refreshStatus();

    const SignedCodec& codec() const { return *m_codec; }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::shared_ptr<const SignedCodec> m_codec;
};

} // namespace sluice::queue
