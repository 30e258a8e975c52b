// Builds the surge report (JSON and human summary) from what the World observed.
#include "surge/report.h"

#include "surge/fairness.h"

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace sluice::surge {

namespace json = boost::json;

namespace {

double round3(double v) {
    return std::round(v * 1000.0) / 1000.0;
}

// This process's peak resident memory (VmHWM) in KiB, 0 when unknown.
long selfPeakRssKb() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    return 0;
}

} // namespace

Report buildReport(const World& world, const RunMeta& meta) {
    Report rep;
    auto& j = rep.json;
    const auto& c = world.counters();
    const double runS =
        std::max(1e-3, static_cast<double>(meta.lastReplyNs - meta.firstRequestNs) / 1e9);

    // Fairness.
    std::vector<JoinObservation> fifo;
    std::vector<double> preArrival, prePosition;
    uint64_t postTickets = 0, preTickets = 0;
    for (const auto& t : world.ticketViews()) {
        if (t.bot || t.position == 0) continue;
        if (t.prequeue) {
            ++preTickets;
            preArrival.push_back(static_cast<double>(t.sentNs));
            prePosition.push_back(static_cast<double>(t.position));
        } else {
            ++postTickets;
            fifo.push_back({t.sentNs, t.answeredNs, t.position});
        }
    }
    const uint64_t inversions = countFifoInversions(std::move(fifo));
    const double rho = spearmanRho(preArrival, prePosition);

    // Oversell: a (clinic, date) with more confirmations than it had, or below zero on the server.
    std::set<std::string> oversoldClinics;
    uint64_t mismatches = 0, checkedEntries = 0, initialDoses = 0;
    for (const auto& [key, e] : world.stock()) {
        const bool finalKnown = e.finalRemaining != StockEntry::kUnknown;
        if (e.initial >= 0) {
            ++checkedEntries;
            initialDoses += static_cast<uint64_t>(e.initial);
        }
        if ((e.initial >= 0 && e.confirmed > e.initial) || (finalKnown && e.finalRemaining < 0))
            oversoldClinics.insert(e.clinicId);
        if (e.initial >= 0 && finalKnown && e.initial - e.finalRemaining != e.confirmed)
            ++mismatches;
    }

    j["scenario"] = meta.scenario;
    j["target"] = meta.target;
    j["cohort"] = meta.cohort;
    j["run_id"] = meta.runId;
    j["seed"] = meta.seed;
    j["scale"] = meta.scale;
    j["time_scale"] = meta.timeScale;
    j["citizens"] = world.size();
    j["arrived"] = c.arrived;
    j["tickets"] = world.ticketCount();
    j["admitted"] = c.admitted;
    j["booked"] = c.booked;
    j["abandoned"] = c.abandoned;
    j["sold_out"] = c.soldOut;
    j["not_eligible"] = c.notEligible;
    j["failed"] = c.failed;
    const auto outcomes = world.outcomeCounts();
    json::object byOutcome;
    for (std::size_t i = 1; i < outcomes.size(); ++i)
        if (outcomes[i]) byOutcome[outcomeName(static_cast<Outcome>(i))] = outcomes[i];
    j["outcomes"] = byOutcome;
    json::object kinds;
    {
        std::map<std::string, uint64_t> k;
        for (uint32_t i = 0; i < world.size(); ++i)
            ++k[kindName(world.plan(i).kind)];
        for (const auto& [n, v] : k)
            kinds[n] = v;
    }
    j["kinds"] = kinds;

    // Invariants.
    j["lost_places"] = c.lostPlaces;
    json::object lost;
    for (const auto& [k, v] : world.lostReasons())
        lost[k] = v;
    j["lost_place_reasons"] = lost;
    j["bypass_attempts"] = c.bypassAttempts;
    j["bypass_successes"] = c.bypassSuccesses;
    j["bypass_rejected"] = c.bypassRejected;
    json::object byKind, successByKind, serverCounted;
    for (const auto& [k, v] : world.bypassByKind())
        byKind[k] = v;
    for (const auto& [k, v] : world.bypassSuccessByKind())
        successByKind[k] = v;
    for (const auto& [k, v] : meta.serverBypassCounted)
        serverCounted[k] = v;
    j["bypass_attempts_by_kind"] = byKind;
    j["bypass_successes_by_kind"] = successByKind;
    j["server_bypass_attempts_total"] = serverCounted;
    j["oversold_clinics"] = oversoldClinics.size();
    j["stock_entries_checked"] = checkedEntries;
    j["stock_initial_doses"] = initialDoses;
    j["stock_mismatches"] = mismatches;
    j["fifo_inversions"] = inversions;
    j["fifo_tickets"] = postTickets;
    j["admission_order_violations"] = c.admissionOrderViolations;
    j["prequeue_tickets"] = preTickets;
    j["prequeue_rank_correlation"] = round3(rho);
    j["fairness_seed_sha256"] = meta.fairnessSeedSha256;
    j["fairness_seed"] = meta.fairnessSeed;
    j["fairness_seed_verified"] = meta.fairnessSeedVerified;

    // Throughput and latency.
    json::object rps, peak, counts, latency;
    const auto& routeCounts = world.routeRequests();
    for (std::size_t r = 0; r < kRouteCount; ++r) {
        if (routeCounts[r] == 0) continue;
        const char* name = routeName(static_cast<Route>(r));
        counts[name] = routeCounts[r];
        rps[name] = std::round(static_cast<double>(routeCounts[r]) / runS * 10) / 10;
        const auto& h = world.latency()[r];
        json::object l;
        l["p50"] = round3(static_cast<double>(h.quantile(0.5)) / 1000.0);
        l["p99"] = round3(static_cast<double>(h.quantile(0.99)) / 1000.0);
        l["p999"] = round3(static_cast<double>(h.quantile(0.999)) / 1000.0);
        l["max"] = round3(static_cast<double>(h.max()) / 1000.0);
        latency[name] = l;
    }
    for (const auto& [k, v] : meta.peakRequestsPerS)
        peak[k] = v;
    rps["total"] = std::round(static_cast<double>(c.requests) / runS * 10) / 10;
    j["requests"] = counts;
    j["requests_total"] = c.requests;
    j["status_cache_hits"] = c.cacheHits;
    j["requests_per_s"] = rps;
    j["peak_requests_per_s"] = peak;
    j["latency_ms"] = latency;
    json::object errors;
    uint64_t errorTotal = 0;
    for (const auto& [k, v] : world.errors()) {
        errors[k] = v;
        errorTotal += v;
    }
    j["errors"] = errors;
    const bool admittedAny = world.lastAdmitNs() > 0;
    j["time_to_admit_all_s"] =
        admittedAny
            ? json::value(round3(static_cast<double>(world.lastAdmitNs() - meta.opensNs) / 1e9))
            : json::value(nullptr);
    j["duration_s"] = round3(static_cast<double>(meta.endNs - meta.startNs) / 1e9);
    j["load_duration_s"] = round3(runS);
    j["duration_limit_hit"] = meta.durationLimitHit;
    j["final_cohort_state"] = meta.finalState;
    j["surge_peak_rss_kb"] = selfPeakRssKb();

    const bool invariantsOk = c.lostPlaces == 0 && c.bypassSuccesses == 0 &&
                              oversoldClinics.empty() && inversions == 0 &&
                              c.admissionOrderViolations == 0;
    j["invariants_ok"] = invariantsOk;
    rep.exitCode = !invariantsOk           ? ExitInvariantBroken
                   : meta.durationLimitHit ? ExitIncomplete
                                           : ExitOk;
    j["exit_code"] = rep.exitCode;

    std::ostringstream s;
    char buf[256];
    s << "sluice-surge report: " << meta.scenario << " against " << meta.target << ", cohort "
      << meta.cohort << "\n";
    std::snprintf(
        buf, sizeof buf,
        "  citizens %llu (tickets %llu)  admitted %llu  booked %llu  abandoned %llu  sold out %llu"
        "  failed %llu\n",
        static_cast<unsigned long long>(world.size()),
        static_cast<unsigned long long>(world.ticketCount()),
        static_cast<unsigned long long>(c.admitted), static_cast<unsigned long long>(c.booked),
        static_cast<unsigned long long>(c.abandoned), static_cast<unsigned long long>(c.soldOut),
        static_cast<unsigned long long>(c.failed));
    s << buf;
    if (admittedAny) {
        std::snprintf(buf, sizeof buf,
                      "  last eligible citizen admitted %.1f s after the opening\n",
                      static_cast<double>(world.lastAdmitNs() - meta.opensNs) / 1e9);
        s << buf;
    }
    auto mark = [](bool ok) { return ok ? "ok  " : "FAIL"; };
    std::snprintf(buf, sizeof buf, "  [%s] lost places            %llu\n", mark(c.lostPlaces == 0),
                  static_cast<unsigned long long>(c.lostPlaces));
    s << buf;
    std::snprintf(buf, sizeof buf, "  [%s] successful bypasses    %llu of %llu attempts\n",
                  mark(c.bypassSuccesses == 0), static_cast<unsigned long long>(c.bypassSuccesses),
                  static_cast<unsigned long long>(c.bypassAttempts));
    s << buf;
    std::snprintf(buf, sizeof buf, "  [%s] oversold clinics       %zu (%llu clinic-days checked)\n",
                  mark(oversoldClinics.empty()), oversoldClinics.size(),
                  static_cast<unsigned long long>(checkedEntries));
    s << buf;
    std::snprintf(buf, sizeof buf,
                  "  [%s] FIFO inversions        %llu among %llu post-opening tickets\n",
                  mark(inversions == 0 && c.admissionOrderViolations == 0),
                  static_cast<unsigned long long>(inversions + c.admissionOrderViolations),
                  static_cast<unsigned long long>(postTickets));
    s << buf;
    std::snprintf(buf, sizeof buf,
                  "         pre-queue rank correlation %.3f over %llu tickets (0 = fair shuffle)\n",
                  rho, static_cast<unsigned long long>(preTickets));
    s << buf;
    std::snprintf(buf, sizeof buf, "  requests %llu, %.0f/s on average; errors %llu\n",
                  static_cast<unsigned long long>(c.requests),
                  static_cast<double>(c.requests) / runS,
                  static_cast<unsigned long long>(errorTotal));
    s << buf;
    s << "  route              req/s    p50 ms    p99 ms  p99.9 ms\n";
    for (std::size_t r = 0; r < kRouteCount; ++r) {
        if (routeCounts[r] == 0) continue;
        const auto& h = world.latency()[r];
        std::snprintf(buf, sizeof buf, "  %-16s %7.0f %9.2f %9.2f %9.2f\n",
                      routeName(static_cast<Route>(r)), static_cast<double>(routeCounts[r]) / runS,
                      static_cast<double>(h.quantile(0.5)) / 1000.0,
                      static_cast<double>(h.quantile(0.99)) / 1000.0,
                      static_cast<double>(h.quantile(0.999)) / 1000.0);
        s << buf;
    }
    if (!world.errors().empty()) {
        s << "  errors:";
        for (const auto& [k, v] : world.errors())
            s << " " << k << "=" << v;
        s << "\n";
    }
    std::snprintf(buf, sizeof buf, "  surge peak memory %.1f MiB\n",
                  static_cast<double>(selfPeakRssKb()) / 1024.0);
    s << buf;
    if (meta.durationLimitHit)
        s << "  the duration limit ended the run before every citizen finished\n";
    s << (invariantsOk ? "  invariants hold\n" : "  INVARIANT BROKEN\n");
    rep.summary = s.str();
    return rep;
}

} // namespace sluice::surge
