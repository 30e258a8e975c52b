// The identity provider (the 2021 bottleneck) as an in-process simulation of an external
// dependency: log-normal latency fitted to a configured p50/p99, an error rate, outage windows
// (and a manual outage switch for drills), all behind a timeout and a circuit breaker. Calls
// are asynchronous: latency is a steady_timer on the given io_context, never a sleep on an
// I/O thread. Thread-safe.
#pragma once
#include "server/booking/circuit_breaker.h"

#include <boost/asio/io_context.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace sluice::booking {

struct IdpSettings {
    double p50Ms = 80;
    double p99Ms = 600;
    double errorRate = 0.0;
    int64_t timeoutMs = 2'000;
    std::vector<std::pair<int64_t, int64_t>> outages; // [from, to) unix ms
    bool manualOutage = false;                        // drills: down until switched back
    BreakerOptions breaker;
};

// Reads an "identity_provider" object; `where` names it in messages ("identity_provider").
// Relative times ("+2m") in outages resolve against `baseMs`. Keys absent keep `defaults`.
// Throws sluice::ConfigError naming the field.
IdpSettings parseIdpSettings(const boost::json::object& o, const std::string& where, int64_t baseMs,
                             IdpSettings defaults = {});
boost::json::object idpSettingsToJson(const IdpSettings& s);

enum class IdpOutcome { Ok, Error, Timeout, Rejected };
const char* idpOutcomeName(IdpOutcome o);

struct IdpAnswer {
    IdpOutcome outcome = IdpOutcome::Ok;
    int64_t retryAfterMs = 0; // when Rejected: until the breaker probes again
};

class IdentityProvider {
public:
    using Clock = std::function<int64_t()>; // unix ms
    IdentityProvider(boost::asio::io_context& timers, IdpSettings settings, Clock clock);

    // Calls the provider. `done` runs once: at once (on the caller's thread) when the breaker
    // rejects, else on the timers' thread after the simulated latency or the timeout.
    void verify(std::function<void(IdpAnswer)> done);

    // Ops drill: merges `args` (same keys as the config section, plus "outage": bool) into the
    // settings. Returns "" when applied, else the reason; fills old and new values.
    std::string update(const boost::json::object& args, boost::json::value* oldValue,
                       boost::json::value* newValue);
    boost::json::object state() const;
    IdpSettings settings() const;

private:
    bool inOutage(const IdpSettings& s, int64_t nowMs) const;

    boost::asio::io_context& m_timers;
    Clock m_clock;
    mutable std::mutex m_mutex;
    IdpSettings m_settings;
    CircuitBreaker m_breaker;
    std::atomic<uint64_t> m_calls{0}, m_ok{0}, m_errors{0}, m_timeouts{0}, m_rejected{0};
};

} // namespace sluice::booking
