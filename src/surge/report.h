// The surge's report: invariants, fairness, throughput and latency, as JSON and as a short
// human summary, and the exit code they imply.
#pragma once
#include "surge/machine.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace sluice::surge {

// Exit codes of sluice-surge (docs/surge.md).
enum ExitCode : int {
    ExitOk = 0,
    ExitInvariantBroken = 1, // lost places, successful bypasses, oversold clinics, FIFO inversions
    ExitUsage = 2,           // bad command line or scenario
    ExitCannotRun = 3,       // target unreachable, no such cohort, cohort already closed
    ExitIncomplete = 4,      // the duration limit ended the run before everyone finished
};

struct RunMeta {
    std::string scenario, target, cohort, runId;
    uint64_t seed = 0;
    double scale = 1, timeScale = 1;
    int64_t startNs = 0, opensNs = 0, endNs = 0; // steady clock
    int64_t firstRequestNs = 0, lastReplyNs = 0;
    bool durationLimitHit = false;
    std::map<std::string, double> serverBypassCounted; // from /metrics, by kind
    std::map<std::string, uint64_t> peakRequestsPerS;  // by route, highest one-second count
    std::string fairnessSeedSha256, fairnessSeed;
    bool fairnessSeedVerified = false;
    std::string finalState;
    // Abuse screening: the cohort's proof-of-work bits when the run started (-1 unknown), the
    // server's sluice_queue_join_refused_total for the cohort by reason, and the hash rate
    // the report's browser model assumes (0: no model).
    int powBitsAtStart = -1;
    std::map<std::string, double> serverJoinRefused;
    double browserHashesPerS = 0;
};

struct Report {
    boost::json::object json;
    std::string summary;
    int exitCode = ExitOk;
};

Report buildReport(const World& world, const RunMeta& meta);

} // namespace sluice::surge
