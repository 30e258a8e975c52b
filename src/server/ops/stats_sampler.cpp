// Metrics to tick figures (see stats_sampler.h).
#include "server/ops/stats_sampler.h"

#include <cmath>

namespace sluice::ops {

namespace json = boost::json;

std::string labelValue(std::string_view labels, std::string_view key) {
    std::size_t pos = 0;
    while (pos < labels.size()) {
        std::size_t eq = labels.find('=', pos);
        if (eq == std::string_view::npos) break;
        std::string_view k = labels.substr(pos, eq - pos);
        if (eq + 1 >= labels.size() || labels[eq + 1] != '"') break;
        std::string value;
        std::size_t i = eq + 2;
        for (; i < labels.size() && labels[i] != '"'; ++i) {
            if (labels[i] == '\\' && i + 1 < labels.size()) ++i;
            value.push_back(labels[i]);
        }
        if (k == key) return value;
        pos = i + 1;
        if (pos < labels.size() && labels[pos] == ',') ++pos;
    }
    return {};
}

bool isBookingRoute(std::string_view route) {
    return route.starts_with("/v1/reservations") || route.starts_with("/v1/identity") ||
           route.starts_with("/v1/clinics");
}

namespace {
double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}

} // namespace

StatsSampler::Sample StatsSampler::sample(int64_t nowMonoMs) {
    Sample s;
    double elapsedS = m_lastMs ? double(nowMonoMs - m_lastMs) / 1000.0 : 0;
    m_lastMs = nowMonoMs;

    struct RouteCounts {
        uint64_t total = 0, c4xx = 0, c5xx = 0, c409 = 0, c503 = 0;
    };
    std::map<std::string, RouteCounts> routes;
    for (const auto& [labels, v] : m_registry.counterValues(kHttpRequests)) {
        std::string route = labelValue(labels, "route");
        std::string code = labelValue(labels, "code");
        auto& rc = routes[route];
        rc.total += v;
        if (code.size() == 3 && code[0] == '4') rc.c4xx += v;
        if (code.size() == 3 && code[0] == '5') rc.c5xx += v;
        if (code == "409") rc.c409 += v;
        if (code == "503") rc.c503 += v;
    }

    json::object http;
    uint64_t conflicts = 0, overload = 0, bookingTotalDelta = 0, booking5xxDelta = 0;
    metrics::Histogram::Snapshot bookingHist;
    for (const auto& [route, rc] : routes) {
        if (rc.total == 0) continue;
        json::object e;
        e["4xx"] = rc.c4xx;
        e["5xx"] = rc.c5xx;
        http[route] = std::move(e);
        overload += rc.c503;
        if (route.starts_with("/v1/reservations")) conflicts += rc.c409;

        uint64_t prevTotal = m_lastTotals[route];
        uint64_t delta = rc.total >= prevTotal ? rc.total - prevTotal : 0;
        m_lastTotals[route] = rc.total;
        if (elapsedS > 0) s.requestRate[route] = round2(double(delta) / elapsedS);

        if (const auto* h = m_registry.findHistogram(kHttpDuration, "route=\"" + route + "\"")) {
            auto snap = h->snapshot();
            auto d = snap - m_lastHist[route];
            m_lastHist[route] = snap;
            if (d.count > 0) {
                json::object q;
                q["p50"] = round2(d.quantileMs(0.50));
                q["p95"] = round2(d.quantileMs(0.95));
                q["p99"] = round2(d.quantileMs(0.99));
                s.latencyMs[route] = std::move(q);
                if (isBookingRoute(route)) {
                    for (std::size_t i = 0; i < d.counts.size(); ++i)
                        bookingHist.counts[i] += d.counts[i];
                    bookingHist.count += d.count;
                    bookingHist.sumUs += d.sumUs;
                }
            }
        }
        if (isBookingRoute(route)) {
            uint64_t prev5 = m_lastBooking5xx[route];
            booking5xxDelta += rc.c5xx >= prev5 ? rc.c5xx - prev5 : 0;
            m_lastBooking5xx[route] = rc.c5xx;
            bookingTotalDelta += delta;
        }
    }
    for (const auto& [labels, v] : m_registry.counterValues(kHttpRefused))
        overload += v;

    json::object bypass;
    for (const auto& [labels, v] : m_registry.counterValues(kBypassAttempts)) {
        std::string kind = labelValue(labels, "kind");
        if (kind.empty()) kind = "other";
        bypass[kind] = v + (bypass.contains(kind) ? bypass[kind].to_number<uint64_t>() : 0);
    }

    // The booking module counts reservations by outcome (sluice_reservations_total{result}).
    uint64_t soldOut = 0, bookingConflicts = 0;
    for (const auto& [labels, v] : m_registry.counterValues(kReservations)) {
        std::string result = labelValue(labels, "result");
        if (result == "sold_out") soldOut += v;
        if (result == "already_reserved" || result == "key_reused" || result == "token_consumed")
            bookingConflicts += v;
    }

    s.errors["http"] = std::move(http);
    s.errors["bypass"] = std::move(bypass);
    s.errors["booking_conflicts"] = bookingConflicts ? bookingConflicts : conflicts;
    s.errors["sold_out"] = soldOut;
    s.errors["overload_rejections"] = overload;

    s.bookingRequests = bookingTotalDelta;
    s.bookingP99Ms = bookingHist.count ? bookingHist.quantileMs(0.99) : 0;
    s.bookingErrorRate =
        bookingTotalDelta ? double(booking5xxDelta) / double(bookingTotalDelta) : 0;
    return s;
}

} // namespace sluice::ops
