// Parsing and range checks of the "ops" config section (docs/ops-protocol.md, Configuration).
#include "server/ops/ops_config.h"

#include "server/app/config.h"

#include <cmath>

namespace sluice::ops {

namespace {
double ranged(const boost::json::object& o, const char* key, double fallback, double lo, double hi,
              const std::string& where) {
    double v = optionalNumber(o, key, fallback, where);
    if (!std::isfinite(v) || v < lo || v > hi)
        throw ConfigError("config: " + where + "." + key + ": must be between " +
                          std::to_string(static_cast<int64_t>(lo)) + " and " +
                          std::to_string(static_cast<int64_t>(hi)));
    return v;
}
} // namespace

OpsConfig parseOpsConfig(const boost::json::object& root) {
    OpsConfig c;
    auto it = root.find("ops");
    if (it == root.end() || it->value().is_null()) return c;
    if (!it->value().is_object()) throw ConfigError("config: ops: expected an object");
    const auto& o = it->value().get_object();
    const std::string w = "ops";
    c.tickMs = static_cast<int>(ranged(o, "tick_ms", c.tickMs, 50, 10'000, w));
    c.historyFrames = static_cast<std::size_t>(ranged(o, "history_frames", 4096, 16, 1e6, w));
    c.sendQueueFrames = static_cast<std::size_t>(ranged(o, "send_queue_frames", 256, 4, 65536, w));
    c.stallTimeoutMs =
        static_cast<int>(ranged(o, "stall_timeout_ms", c.stallTimeoutMs, 500, 600'000, w));
    c.authTimeoutMs =
        static_cast<int>(ranged(o, "auth_timeout_ms", c.authTimeoutMs, 100, 600'000, w));
    c.resyncLimit = static_cast<int>(ranged(o, "resync_limit", c.resyncLimit, 1, 1000, w));
    c.resyncWindowMs =
        static_cast<int>(ranged(o, "resync_window_ms", c.resyncWindowMs, 100, 3'600'000, w));
    c.rememberedCommands =
        static_cast<std::size_t>(ranged(o, "remembered_commands", 10'000, 100, 1e7, w));
    c.socketSendBufferBytes =
        static_cast<int>(ranged(o, "socket_send_buffer_bytes", 0, 0, 64 * 1024 * 1024, w));
    c.commandRatePerS = ranged(o, "command_rate_per_s", c.commandRatePerS, 0.1, 10'000, w);
    c.commandBurst = ranged(o, "command_burst", c.commandBurst, 1, 100'000, w);
    c.failedLoginAuditsPerMinute = static_cast<int>(
        ranged(o, "failed_login_audits_per_minute", c.failedLoginAuditsPerMinute, 0, 10'000, w));
    if (auto b = o.find("accept_broken_audit"); b != o.end()) {
        if (!b->value().is_bool())
            throw ConfigError("config: ops.accept_broken_audit: expected true or false");
        c.acceptBrokenAudit = b->value().get_bool();
    }
    if (auto t = o.find("two_person_rule"); t != o.end() && !t->value().is_null()) {
        if (!t->value().is_object())
            throw ConfigError("config: ops.two_person_rule: expected an object");
        const auto& tp = t->value().get_object();
        const std::string tw = "ops.two_person_rule";
        if (auto e = tp.find("enabled"); e != tp.end()) {
            if (!e->value().is_bool())
                throw ConfigError("config: ops.two_person_rule.enabled: expected true or false");
            c.twoPerson.enabled = e->value().get_bool();
        }
        c.twoPerson.rateFactor = ranged(tp, "rate_factor", 2.0, 1.0, 1e6, tw);
        c.twoPerson.approvalTimeoutS =
            static_cast<int64_t>(ranged(tp, "approval_timeout_s", 120, 1, 86'400, tw));
        c.twoPerson.rateWindowS =
            static_cast<int64_t>(ranged(tp, "rate_window_s", 600, 0, 86'400, tw));
    }
    return c;
}

} // namespace sluice::ops
