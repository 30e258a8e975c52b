// Builds the surge report (JSON and human summary) from what the World observed.
#include "surge/report.h"

#include "surge/fairness.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
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

// Mean and exact order statistics (nearest rank) of measured values; zeros when empty.
struct Spread {
    double mean = 0, p50 = 0, p99 = 0, max = 0;
};
Spread spreadOf(std::vector<double> v) {
    Spread s;
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    auto rank = [&v](double q) {
        const auto n = static_cast<double>(v.size());
        const auto i = static_cast<std::size_t>(std::max(1.0, std::ceil(q * n))) - 1;
        return v[std::min(i, v.size() - 1)];
    };
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    s.p50 = rank(0.5);
    s.p99 = rank(0.99);
    s.max = v.back();
    return s;
}
json::object spreadJson(const Spread& s, double digits) {
    auto r = [digits](double v) { return std::round(v * digits) / digits; };
    return json::object{
        {"mean", r(s.mean)}, {"p50", r(s.p50)}, {"p99", r(s.p99)}, {"max", r(s.max)}};
}

// What proof of work cost one group of citizens (honest ones, bots, one bot kind).
struct PowCost {
    uint64_t citizens = 0, payers = 0, solves = 0, hashes = 0, tickets = 0, paidTickets = 0;
    double cpuMs = 0;
    std::vector<double> hashesPerSolve, cpuMsPerSolve;
    std::map<uint32_t, uint64_t> ticketsByCitizen; // bot kinds only
    Spread hashSpread, cpuSpread;

    void finish() {
        hashSpread = spreadOf(hashesPerSolve);
        cpuSpread = spreadOf(cpuMsPerSolve);
    }
    // Work spent per ticket it bought: every solve counts, also a solve whose join then failed.
    double hashesPerTicket() const {
        return paidTickets ? static_cast<double>(hashes) / static_cast<double>(paidTickets) : 0;
    }
    double cpuMsPerTicket() const {
        return paidTickets ? cpuMs / static_cast<double>(paidTickets) : 0;
    }
    json::object toJson() const {
        json::object o;
        o["citizens"] = citizens;
        o["citizens_who_solved"] = payers;
        o["solves"] = solves;
        o["tickets"] = tickets;
        o["tickets_paid"] = paidTickets;
        o["tickets_without_work"] = tickets - paidTickets;
        o["hashes"] = hashes;
        o["cpu_ms"] = round3(cpuMs);
        o["hashes_per_ticket"] =
            paidTickets ? json::value(std::round(hashesPerTicket())) : json::value(nullptr);
        o["cpu_ms_per_ticket"] =
            paidTickets ? json::value(round3(cpuMsPerTicket())) : json::value(nullptr);
        o["per_solve"] = json::object{{"hashes", spreadJson(hashSpread, 1)},
                                      {"cpu_ms", spreadJson(cpuSpread, 1000)}};
        return o;
    }
};

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
    const auto tickets = world.ticketViews();
    for (const auto& t : tickets) {
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

    // Abuse screening: what the proof of work cost, as measured by the surge's own solves.
    PowCost honest, bots;
    std::map<std::string, PowCost> botKinds;
    std::vector<bool> solved(world.size(), false);
    uint64_t honestWithoutTicket = 0;
    for (uint32_t i = 0; i < world.size(); ++i) {
        if (world.phase(i) == Phase::NotArrived) continue;
        const Kind k = world.plan(i).kind;
        if (isBot(k)) {
            ++bots.citizens;
            ++botKinds[kindName(k)].citizens;
        } else {
            ++honest.citizens;
            if (!world.hasTicket(i) && world.outcome(i) != Outcome::Abandoned)
                ++honestWithoutTicket;
        }
    }
    int64_t stallNs = 0, stallMaxNs = 0;
    for (const auto& p : world.powSolves()) {
        const Kind k = world.plan(p.citizen).kind;
        const double cpuMs = static_cast<double>(p.cpuNs) / 1e6;
        const bool firstSolve = !solved[p.citizen];
        solved[p.citizen] = true;
        for (PowCost* g :
             {isBot(k) ? &bots : &honest, isBot(k) ? &botKinds[kindName(k)] : nullptr}) {
            if (!g) continue;
            ++g->solves;
            g->payers += firstSolve;
            g->hashes += p.hashes;
            g->cpuMs += cpuMs;
            g->hashesPerSolve.push_back(static_cast<double>(p.hashes));
            g->cpuMsPerSolve.push_back(cpuMs);
        }
        stallNs += p.wallNs;
        stallMaxNs = std::max(stallMaxNs, p.wallNs);
    }
    for (const auto& t : tickets) {
        PowCost& g = t.bot ? bots : honest;
        ++g.tickets;
        g.paidTickets += t.paid;
        if (t.bot) { // tickets per bot, by kind
            PowCost& kind = botKinds[kindName(world.plan(t.citizen).kind)];
            ++kind.tickets;
            kind.paidTickets += t.paid;
            ++kind.ticketsByCitizen[t.citizen];
        }
    }
    honest.finish();
    bots.finish();
    for (auto& [name, g] : botKinds)
        g.finish();
    {
        json::object sc;
        sc["measured"] = "every figure below but browser_model was measured in this run: the "
                         "surge's own SHA-256 solves (OpenSSL, its one thread; CPU time of that "
                         "thread) and the server's answers";
        sc["pow_bits_at_start"] =
            meta.powBitsAtStart >= 0 ? json::value(meta.powBitsAtStart) : json::value(nullptr);
        json::object bitsSeen;
        for (const auto& [b, n] : world.powBitsSeen())
            bitsSeen[std::to_string(b)] = n;
        sc["challenges_by_bits"] = bitsSeen;
        json::object refused, serverRefused;
        for (const char* code : {"pow_required", "pow_invalid", "pow_reused"}) {
            const auto it = world.powRefusals().find(code);
            refused[code] = it == world.powRefusals().end() ? 0 : it->second;
        }
        for (const auto& [k, v] : meta.serverJoinRefused)
            serverRefused[k] = v;
        sc["joins_refused"] = refused;
        sc["server_joins_refused_total"] = serverRefused;
        sc["challenges_fetched"] = world.challengesFetched();
        sc["solves"] = world.powSolves().size();
        sc["solve_stall_ms"] = json::object{{"total", round3(static_cast<double>(stallNs) / 1e6)},
                                            {"max", round3(static_cast<double>(stallMaxNs) / 1e6)}};
        auto h = honest.toJson();
        h["citizens_without_ticket"] = honestWithoutTicket;
        sc["honest"] = h;
        auto b = bots.toJson();
        json::object kindsJson;
        for (const auto& [name, g] : botKinds) {
            if (g.tickets == 0 && g.solves == 0) continue; // bots that never join
            auto kj = g.toJson();
            uint64_t most = 0;
            for (const auto& [ci, n] : g.ticketsByCitizen)
                most = std::max(most, n);
            const double per =
                g.citizens ? static_cast<double>(g.tickets) / static_cast<double>(g.citizens) : 0;
            kj["tickets_per_bot"] = json::object{{"mean", round3(per)}, {"max", most}};
            kj["hashes_per_bot"] =
                g.citizens
                    ? std::round(static_cast<double>(g.hashes) / static_cast<double>(g.citizens))
                    : 0.0;
            kj["cpu_ms_per_bot"] =
                g.citizens ? round3(g.cpuMs / static_cast<double>(g.citizens)) : 0.0;
            kindsJson[name] = kj;
        }
        b["by_kind"] = kindsJson;
        sc["bots"] = b;
        if (meta.browserHashesPerS > 0) {
            const double hps = meta.browserHashesPerS;
            json::object m;
            m["label"] = "model, not measured: the measured hashes divided by an assumed rate";
            m["assumed_hashes_per_s"] = hps;
            m["honest_ms_per_ticket"] = round3(honest.hashesPerTicket() / hps * 1000);
            m["honest_ms_per_solve_p50"] = round3(honest.hashSpread.p50 / hps * 1000);
            m["honest_ms_per_solve_p99"] = round3(honest.hashSpread.p99 / hps * 1000);
            m["bot_ms_per_ticket"] = round3(bots.hashesPerTicket() / hps * 1000);
            json::object perBot;
            for (const auto& [name, g] : botKinds)
                if (g.citizens && g.hashes)
                    perBot[name] = round3(static_cast<double>(g.hashes) /
                                          static_cast<double>(g.citizens) / hps);
            m["seconds_per_bot_at_that_rate"] = perBot;
            sc["browser_model"] = m;
        }
        j["screening"] = sc;
    }

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
    const bool screened = !world.powSolves().empty() || !world.powRefusals().empty() ||
                          meta.powBitsAtStart > 0 || botKinds.count(kindName(Kind::BotFarm));
    if (screened) {
        std::string bitsText;
        for (const auto& [b, n] : world.powBitsSeen())
            bitsText +=
                (bitsText.empty() ? "" : ", ") + std::to_string(b) + " bits x" + std::to_string(n);
        std::snprintf(buf, sizeof buf,
                      "  screening: proof of work %d bits at the start; challenges seen: %s\n",
                      std::max(0, meta.powBitsAtStart),
                      bitsText.empty() ? "none" : bitsText.c_str());
        s << buf;
        auto refusedOf = [&](const char* code) -> unsigned long long {
            const auto it = world.powRefusals().find(code);
            return it == world.powRefusals().end() ? 0 : it->second;
        };
        auto serverOf = [&](const char* code) {
            const auto it = meta.serverJoinRefused.find(code);
            return it == meta.serverJoinRefused.end() ? 0.0 : it->second;
        };
        std::snprintf(buf, sizeof buf,
                      "    joins refused: pow_required %llu, pow_invalid %llu, pow_reused %llu "
                      "(server counted %.0f, %.0f, %.0f); challenges fetched %llu\n",
                      refusedOf("pow_required"), refusedOf("pow_invalid"), refusedOf("pow_reused"),
                      serverOf("pow_required"), serverOf("pow_invalid"), serverOf("pow_reused"),
                      static_cast<unsigned long long>(world.challengesFetched()));
        s << buf;
        s << "    measured (the surge's own SHA-256 solves, CPU time of its thread):\n"
             "              solves  tickets unpaid   hashes/solve mean    p50     p99"
             "   CPU ms/solve mean   p50    p99   hashes/ticket  CPU ms/ticket\n";
        auto row = [&](const char* name, const PowCost& g) {
            std::snprintf(buf, sizeof buf,
                          "    %-8s %8llu %8llu %6llu %18.0f %6.0f %7.0f %18.3f %5.3f %6.3f %15.0f "
                          "%14.3f\n",
                          name, static_cast<unsigned long long>(g.solves),
                          static_cast<unsigned long long>(g.tickets),
                          static_cast<unsigned long long>(g.tickets - g.paidTickets),
                          g.hashSpread.mean, g.hashSpread.p50, g.hashSpread.p99, g.cpuSpread.mean,
                          g.cpuSpread.p50, g.cpuSpread.p99, g.hashesPerTicket(),
                          g.cpuMsPerTicket());
            s << buf;
        };
        row("honest", honest);
        row("bots", bots);
        for (const auto& [name, g] : botKinds) {
            if (g.tickets == 0) continue;
            uint64_t most = 0;
            for (const auto& [ci, n] : g.ticketsByCitizen)
                most = std::max(most, n);
            std::snprintf(
                buf, sizeof buf,
                "    %s: %llu bots bought %llu tickets (%.1f per bot, at most %llu), "
                "%llu hashes and %.1f ms CPU in all\n",
                name.c_str(), static_cast<unsigned long long>(g.citizens),
                static_cast<unsigned long long>(g.tickets),
                g.citizens ? static_cast<double>(g.tickets) / static_cast<double>(g.citizens) : 0.0,
                static_cast<unsigned long long>(most), static_cast<unsigned long long>(g.hashes),
                g.cpuMs);
            s << buf;
        }
        std::snprintf(buf, sizeof buf,
                      "    honest citizens without a ticket %llu; solving held the surge's event "
                      "loop %.1f ms in all (longest %.2f ms)\n",
                      static_cast<unsigned long long>(honestWithoutTicket),
                      static_cast<double>(stallNs) / 1e6, static_cast<double>(stallMaxNs) / 1e6);
        s << buf;
        if (meta.browserHashesPerS > 0) {
            const double hps = meta.browserHashesPerS;
            std::snprintf(buf, sizeof buf,
                          "    MODEL, not measured: a browser at an assumed %.0f hashes/s would "
                          "spend %.1f ms per honest ticket (p99 solve %.1f ms); bots run native "
                          "code: their measured CPU is above\n",
                          hps, honest.hashesPerTicket() / hps * 1000,
                          honest.hashSpread.p99 / hps * 1000);
            s << buf;
        }
    }
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
