// The engine: one io_context thread, a pool of keep-alive HTTP/1.1 connections shared by all
// virtual citizens, an open-loop schedule (actions come due at their planned time and wait in
// one FIFO for a free connection, so latency counts from the planned time), the once-a-second
// progress line, and the checks before and after the run against the server.
#pragma once
#include "surge/report.h"
#include "surge/scenario.h"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace sluice::surge {

struct Options {
    std::string host = "127.0.0.1";
    uint16_t port = 8080;
    std::string scenarioPath;
    std::optional<std::string> cohort; // overrides the scenario's cohort
    double scale = 1.0;                // multiplies the scenario's citizens
    std::optional<uint64_t> citizens;  // exact count instead of scale
    double timeScale = 1.0;            // multiplies the scenario's durations
    std::string reportPath;
    double durationLimitS = 1800; // the whole run, waiting for the opening included
    uint64_t seed = 0;            // 0: random
    bool quiet = false;
    int connections = 256;        // keep-alive connections for the waiting room's calls
    int bookingConnections = 512; // and for the booking zone's (slower) calls
    double openSpreadS = 5;
    // Abuse screening (docs/surge.md): fetch the challenge before every new-ticket join, the
    // most bits solved, and the hash rate assumed for the report's browser model (0: none).
    bool powPrefetch = false;
    int powMaxBits = 20;
    double browserHashesPerS = 0;
};

// Parses "http://HOST:PORT"; only loopback hosts are accepted. Empty string on success,
// otherwise the reason.
std::string parseTarget(const std::string& url, std::string& host, uint16_t& port);

// Runs the whole surge. Throws std::runtime_error with a one-line reason when the run cannot
// start (scenario, target, cohort). Progress goes to `progress` unless quiet.
Report runSurge(const Options& options, std::ostream& progress);

} // namespace sluice::surge
