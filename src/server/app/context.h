// What the server's modules are given at construction, and the narrow interfaces between
// modules (the ops stream reads booking through BookingFacade, never its internals).
#pragma once
#include "common/signed_codec.h"
#include "server/app/config.h"
#include "server/http/router.h"
#include "server/metrics/registry.h"

#include <boost/asio/io_context.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sluice {
namespace store {
class Writer;
}
namespace queue {
class QueueService;
class NoticeBoard;
} // namespace queue

// Stock of one clinic as the control room sees it.
struct ClinicStock {
    std::string id, name, region, district;
    int64_t remainingToday = 0;  // doses left on the current service day
    int64_t remainingWindow = 0; // doses left over the whole booking window
    int64_t reservedLastMinute = 0;
};

// Implemented by the booking module; read by the ops stream. Thread-safe.
class BookingFacade {
public:
    virtual ~BookingFacade() = default;
    // Every clinic; `version` receives the stock version the answer is current to.
    virtual std::vector<ClinicStock> stockSnapshot(uint64_t* version) const = 0;
    // Only clinics whose stock changed after `sinceVersion`.
    virtual std::vector<ClinicStock> stockChangedSince(uint64_t sinceVersion,
                                                       uint64_t* version) const = 0;
    // Identity-provider drill settings (latency, error rate, outage). Returns "" when applied,
    // else a person-readable reason; fills old and new values for the audit log.
    virtual std::string setIdentityProvider(const boost::json::object& args,
                                            boost::json::value* oldValue,
                                            boost::json::value* newValue) = 0;
    // {"breaker": "closed"|"open"|"half_open", "timeouts": N, "errors": N, ...}
    virtual boost::json::object identityProviderState() const = 0;
};

struct AppContext {
    const ServerConfig& config;
    http::Router& router;
    metrics::Registry& metrics;
    store::Writer& writer; // the single group-commit writer (data-dir/sluice.db)
    std::shared_ptr<const SignedCodec> codec;
    queue::QueueService& queue;
    queue::NoticeBoard& notices;
    boost::asio::io_context& control; // one thread: timers and module housekeeping
    std::string dbPath;               // for read-only connections (WAL allows them alongside)
};

} // namespace sluice
