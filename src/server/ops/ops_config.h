// The "ops" section of the server's config file: tick interval, history and send-queue bounds,
// the two-person rule. Parsed once at start; errors name the field (ConfigError).
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

namespace sluice::ops {

struct TwoPersonRule {
    bool enabled = false;
    double rateFactor = 2.0; // set_rate above ceiling x factor needs approval
    int64_t approvalTimeoutS = 120;
    // Raises in steps add up: the factor is measured from the lowest ceiling the cohort had
    // within this window (unapproved changes only), not from the current one.
    int64_t rateWindowS = 600;
};

struct OpsConfig {
    int tickMs = 500;
    std::size_t historyFrames = 4096;
    std::size_t sendQueueFrames = 256;
    int stallTimeoutMs = 10'000; // a socket that accepts nothing this long is dropped
    int authTimeoutMs = 10'000;  // the first-message auth must arrive within this
    int resyncLimit = 3;         // resyncs within resyncWindowMs before "too slow"
    int resyncWindowMs = 30'000;
    std::size_t rememberedCommands = 10'000;
    int socketSendBufferBytes = 0; // SO_SNDBUF of console sockets; 0: the system's default
    TwoPersonRule twoPerson;
    bool acceptBrokenAudit = false; // serve although the audit chain does not verify
    // Commands per operator (all their consoles together): a token bucket refilled at
    // commandRatePerS up to commandBurst. Beyond it commands are refused as rate_limited
    // without an audit row each (one row marks the start of a limited stretch).
    double commandRatePerS = 10;
    double commandBurst = 20;
    // Refused stream logins written to the audit log, at most this many per minute (the rest
    // are counted and the count is written with the next row).
    int failedLoginAuditsPerMinute = 10;
};

// Reads root["ops"] (absent: defaults). Throws sluice::ConfigError("config: ops.tick_ms: ...").
OpsConfig parseOpsConfig(const boost::json::object& root);

} // namespace sluice::ops
