// The operations stream and operator commands: WebSocket /v1/ops/stream (hello, snapshot,
// tick, event, ack/nack; resume with ?since=), GET /v1/ops/audit, the two-person rule, notices
// (persisted, restored at start) and the hash-chained audit log. Ticks, commands and the
// stream's sequence live on the control thread (AppContext::control); sessions live on the
// HTTP thread that accepted them. See docs/ops-protocol.md.
#pragma once
#include "server/app/context.h"
#include "server/ops/ops_config.h"

#include <memory>

namespace sluice::ops {

class OpsService {
public:
    // Reads the "ops" config section (throws ConfigError), creates the ops tables and restores
    // persisted notices into ctx.notices. `booking` may be null (no clinics, no drills).
    OpsService(AppContext& ctx, BookingFacade* booking);
    ~OpsService();
    OpsService(const OpsService&) = delete;
    OpsService& operator=(const OpsService&) = delete;

    void registerRoutes(http::Router& router);
    // Starts ticks on ctx.control and takes queue events; emits "server_started".
    void start();
    // Emits "server_stopping", closes every console (1001 "server stopping"), stops ticks.
    void stop();

    const OpsConfig& config() const;
    std::size_t consoles() const;

    struct Core;

private:
    std::shared_ptr<Core> m_core;
    bool m_started = false;
    bool m_stopped = false;
};

} // namespace sluice::ops
