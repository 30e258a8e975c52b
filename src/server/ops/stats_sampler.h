// Turns the process metrics (HTTP requests and latency histograms by route, bypass attempts,
// booking counters) into the error counters, request rates and latency percentiles of a tick,
// and the booking health that drives automatic admission. Reads only the metrics registry;
// called on the control thread once per tick.
#pragma once
#include "server/metrics/registry.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sluice::ops {

// Metric names read from the registry (registered by the HTTP server and the booking module).
inline constexpr const char* kHttpRequests = "sluice_http_requests_total";
inline constexpr const char* kHttpDuration = "sluice_http_request_duration_seconds";
inline constexpr const char* kHttpRefused = "sluice_http_refused_connections_total";
inline constexpr const char* kBypassAttempts = "sluice_bypass_attempts_total";
inline constexpr const char* kReservations = "sluice_reservations_total";

// "route=\"/v1/x\",code=\"200\"", "code" -> "200"; "" when absent.
std::string labelValue(std::string_view labels, std::string_view key);
// Routes whose latency and errors count as "booking" for automatic admission.
bool isBookingRoute(std::string_view route);

class StatsSampler {
public:
    explicit StatsSampler(const metrics::Registry& registry) : m_registry(registry) {}

    struct Sample {
        boost::json::object
            errors; // http, bypass, booking_conflicts, sold_out, overload_rejections
        boost::json::object latencyMs;   // route -> {p50, p95, p99} over the interval
        boost::json::object requestRate; // route -> requests/s over the interval
        double bookingP99Ms = 0;
        double bookingErrorRate = 0;
        uint64_t bookingRequests = 0; // in the interval
    };
    // Reads every counter and histogram and compares with the previous call.
    Sample sample(int64_t nowMonoMs);

private:
    const metrics::Registry& m_registry;
    int64_t m_lastMs = 0;
    std::map<std::string, uint64_t> m_lastTotals;                   // route -> requests
    std::map<std::string, uint64_t> m_lastBooking5xx;               // route -> 5xx
    std::map<std::string, metrics::Histogram::Snapshot> m_lastHist; // route -> snapshot
};

} // namespace sluice::ops
