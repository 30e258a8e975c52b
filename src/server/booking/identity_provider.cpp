// Simulated identity provider with timeout and circuit breaker (see identity_provider.h).
#include "server/booking/identity_provider.h"

#include "common/crypto.h"
#include "common/timeutil.h"
#include "server/app/config.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/json/array.hpp>

#include <cmath>
#include <memory>
#include <random>

namespace sluice::booking {
namespace json = boost::json;

namespace {

std::mt19937_64& rng() {
    thread_local std::mt19937_64 g(randomU64());
    return g;
}

double numberField(const json::object& o, const char* key, double fallback,
                   const std::string& where, double lo, double hi) {
    double v = optionalNumber(o, key, fallback, where);
    if (!(v >= lo && v <= hi))
        throw ConfigError(where + "." + key + ": must be between " + std::to_string(lo) + " and " +
                          std::to_string(hi));
    return v;
}

} // namespace

const char* idpOutcomeName(IdpOutcome o) {
    switch (o) {
    case IdpOutcome::Ok:
        return "ok";
    case IdpOutcome::Error:
        return "error";
    case IdpOutcome::Timeout:
        return "timeout";
    case IdpOutcome::Rejected:
        return "rejected";
    }
    return "ok";
}

IdpSettings parseIdpSettings(const json::object& o, const std::string& where, int64_t baseMs,
                             IdpSettings s) {
    if (auto* lat = o.if_contains("latency_ms")) {
        if (!lat->is_object())
            throw ConfigError(where + ".latency_ms: expected an object {\"p50\", \"p99\"}");
        const auto& l = lat->as_object();
        s.p50Ms = numberField(l, "p50", s.p50Ms, where + ".latency_ms", 0, 600'000);
        s.p99Ms = numberField(l, "p99", s.p99Ms, where + ".latency_ms", 0, 600'000);
        if (s.p99Ms < s.p50Ms) throw ConfigError(where + ".latency_ms.p99: must not be below p50");
    }
    s.errorRate = numberField(o, "error_rate", s.errorRate, where, 0, 1);
    s.timeoutMs =
        static_cast<int64_t>(numberField(o, "timeout_ms", double(s.timeoutMs), where, 1, 600'000));
    if (auto* out = o.if_contains("outages")) {
        if (!out->is_array())
            throw ConfigError(where + ".outages: expected an array of {\"from\", \"to\"}");
        s.outages.clear();
        std::size_t i = 0;
        for (const auto& w : out->as_array()) {
            const std::string at = where + ".outages[" + std::to_string(i++) + "]";
            if (!w.is_object()) throw ConfigError(at + ": expected an object {\"from\", \"to\"}");
            const auto& wo = w.as_object();
            auto from = parseTimeSpec(requireString(wo, "from", at), baseMs);
            if (!from) throw ConfigError(at + ".from: expected RFC 3339 time or +N[s|m|h]");
            auto to = parseTimeSpec(requireString(wo, "to", at), baseMs);
            if (!to) throw ConfigError(at + ".to: expected RFC 3339 time or +N[s|m|h]");
            if (*to <= *from) throw ConfigError(at + ".to: must be after from");
            s.outages.emplace_back(*from, *to);
        }
    }
    if (auto* m = o.if_contains("outage")) {
        if (!m->is_bool()) throw ConfigError(where + ".outage: expected true or false");
        s.manualOutage = m->as_bool();
    }
    if (auto* b = o.if_contains("breaker")) {
        if (!b->is_object()) throw ConfigError(where + ".breaker: expected an object");
        const auto& bo = b->as_object();
        const std::string at = where + ".breaker";
        s.breaker.failureThreshold = static_cast<int>(
            numberField(bo, "failure_threshold", s.breaker.failureThreshold, at, 0, 1'000'000));
        s.breaker.failureRatio = numberField(bo, "failure_ratio", s.breaker.failureRatio, at, 0, 1);
        s.breaker.window =
            static_cast<int>(numberField(bo, "window", s.breaker.window, at, 1, 100'000));
        s.breaker.minCalls =
            static_cast<int>(numberField(bo, "min_calls", s.breaker.minCalls, at, 1, 100'000));
        s.breaker.openMs = static_cast<int64_t>(
            numberField(bo, "open_ms", double(s.breaker.openMs), at, 1, 3'600'000));
        s.breaker.halfOpenProbes = static_cast<int>(
            numberField(bo, "half_open_probes", s.breaker.halfOpenProbes, at, 1, 1000));
    }
    return s;
}

json::object idpSettingsToJson(const IdpSettings& s) {
    json::array outages;
    for (const auto& [from, to] : s.outages)
        outages.push_back(json::object{{"from", formatRfc3339(from)}, {"to", formatRfc3339(to)}});
    return json::object{
        {"latency_ms", json::object{{"p50", s.p50Ms}, {"p99", s.p99Ms}}},
        {"error_rate", s.errorRate},
        {"timeout_ms", s.timeoutMs},
        {"outages", std::move(outages)},
        {"outage", s.manualOutage},
        {"breaker", json::object{{"failure_threshold", s.breaker.failureThreshold},
                                 {"failure_ratio", s.breaker.failureRatio},
                                 {"window", s.breaker.window},
                                 {"min_calls", s.breaker.minCalls},
                                 {"open_ms", s.breaker.openMs},
                                 {"half_open_probes", s.breaker.halfOpenProbes}}},
    };
}

IdentityProvider::IdentityProvider(boost::asio::io_context& timers, IdpSettings settings,
                                   Clock clock)
    : m_timers(timers), m_clock(std::move(clock)), m_settings(std::move(settings)),
      m_breaker(m_settings.breaker) {}

bool IdentityProvider::inOutage(const IdpSettings& s, int64_t nowMs) const {
    if (s.manualOutage) return true;
    for (const auto& [from, to] : s.outages)
        if (nowMs >= from && nowMs < to) return true;
    return false;
}

void IdentityProvider::verify(std::function<void(IdpAnswer)> done) {
    ++m_calls;
    int64_t delayMs = 0;
    IdpOutcome outcome = IdpOutcome::Ok;
    bool rejected = false;
    int64_t retryMs = 0;
    {
        std::lock_guard lock(m_mutex);
        const int64_t now = m_clock();
        const IdpSettings& s = m_settings;
        if (!m_breaker.allow(now)) {
            rejected = true;
            retryMs = m_breaker.retryAfterMs(now);
        } else if (inOutage(s, now)) {
            // An outage looks like a hung upstream: the call waits for its timeout.
            outcome = IdpOutcome::Timeout;
            delayMs = s.timeoutMs;
        } else {
            const double mu = std::log(std::max(0.001, s.p50Ms));
            const double sigma =
                std::max(0.0, (std::log(std::max(0.001, s.p99Ms)) - mu) / 2.3263478740);
            std::lognormal_distribution<double> lat(mu, sigma);
            const double latency = s.p50Ms <= 0 ? 0.0 : lat(rng());
            std::uniform_real_distribution<double> u(0, 1);
            if (latency >= double(s.timeoutMs)) {
                outcome = IdpOutcome::Timeout;
                delayMs = s.timeoutMs;
            } else {
                outcome = u(rng()) < s.errorRate ? IdpOutcome::Error : IdpOutcome::Ok;
                delayMs = static_cast<int64_t>(latency);
            }
        }
    }
    if (rejected) {
        // Fail fast: the whole point of the breaker is not to queue callers behind a dead upstream.
        ++m_rejected;
        done(IdpAnswer{IdpOutcome::Rejected, retryMs});
        return;
    }
    auto timer = std::make_shared<boost::asio::steady_timer>(m_timers);
    timer->expires_after(std::chrono::milliseconds(delayMs));
    timer->async_wait(
        [this, timer, outcome, done = std::move(done)](const boost::system::error_code&) {
            {
                std::lock_guard lock(m_mutex);
                const int64_t now = m_clock();
                if (outcome == IdpOutcome::Ok)
                    m_breaker.onSuccess(now);
                else
                    m_breaker.onFailure(now);
            }
            switch (outcome) {
            case IdpOutcome::Ok:
                ++m_ok;
                break;
            case IdpOutcome::Error:
                ++m_errors;
                break;
            case IdpOutcome::Timeout:
                ++m_timeouts;
                break;
            case IdpOutcome::Rejected:
                break;
            }
            done(IdpAnswer{outcome, 0});
        });
}

std::string IdentityProvider::update(const json::object& args, json::value* oldValue,
                                     json::value* newValue) {
    std::lock_guard lock(m_mutex);
    IdpSettings next;
    try {
        next = parseIdpSettings(args, "identity_provider", m_clock(), m_settings);
    } catch (const std::exception& e) {
        return e.what();
    }
    if (oldValue) *oldValue = idpSettingsToJson(m_settings);
    m_settings = next;
    m_breaker.setOptions(next.breaker);
    if (newValue) *newValue = idpSettingsToJson(m_settings);
    return {};
}

IdpSettings IdentityProvider::settings() const {
    std::lock_guard lock(m_mutex);
    return m_settings;
}

json::object IdentityProvider::state() const {
    std::lock_guard lock(m_mutex);
    const int64_t now = m_clock();
    return json::object{
        {"breaker", breakerStateName(m_breaker.state(now))},
        {"retry_after_ms", m_breaker.retryAfterMs(now)},
        {"in_outage", inOutage(m_settings, now)},
        {"calls", m_calls.load()},
        {"ok", m_ok.load()},
        {"errors", m_errors.load()},
        {"timeouts", m_timeouts.load()},
        {"rejected", m_rejected.load()},
        {"breaker_opens", m_breaker.opens()},
        {"settings", idpSettingsToJson(m_settings)},
    };
}

} // namespace sluice::booking
