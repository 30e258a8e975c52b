// A message an operator's console sends on the ops stream, taken apart the way the server does:
// JSON text -> object with a "type" (StreamSession::handleMessage) -> parseCommandFrame ->
// isKnownOp / requiredRole -> validateCommand against a fixed list of cohorts -> dangerReason
// under the two-person rule (with and without a recorded lowest ceiling), and for
// set_identity_provider the identity provider's update of its settings.
// Every frame is taken apart whatever its "type", so the fuzzer need not find "command" first.
#include "fuzz/fuzz_support.h"
#include "server/booking/identity_provider.h"
#include "server/ops/commands.h"

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>

#include <cmath>

namespace {
using namespace sluice;
namespace json = boost::json;

const std::vector<queue::CohortView>& cohorts() {
    static const std::vector<queue::CohortView> list = [] {
        std::vector<queue::CohortView> v(4);
        v[0].id = "55-59";
        v[0].state = queue::CohortState::Open;
        v[0].rateCeiling = 400;
        v[0].maxRate = 4000;
        v[0].maxActive = 5000;
        v[0].mode = queue::AdmissionMode::Automatic;
        v[1].id = "53-54";
        v[1].state = queue::CohortState::Paused;
        v[1].rateCeiling = 0;
        v[1].maxRate = 4000;
        v[1].maxActive = 5000;
        v[1].pausedForIncident = true;
        v[2].id = "50-52";
        v[2].state = queue::CohortState::Prequeue;
        v[2].rateCeiling = 1e-300;
        v[2].maxRate = 1e308;
        v[2].maxActive = 0;
        v[3].id = "18-49";
        v[3].state = queue::CohortState::Closed;
        v[3].closedReason = "sold_out";
        v[3].rateCeiling = 800;
        v[3].maxRate = 8000;
        v[3].maxActive = 10000;
        return v;
    }();
    return list;
}

constexpr int64_t kNowMs = 1'626'660'000'000;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    boost::system::error_code ec;
    json::value v = json::parse(fuzz::asText(data, size), ec);
    if (ec || !v.is_object()) return 0;
    const json::object& frame = v.get_object();
    ops::CommandFrame c = ops::parseCommandFrame(frame);
    if (!c.error.empty()) {
        FUZZ_CHECK(c.op.empty() || !c.id.empty(), "an op without an id");
        return 0;
    }
    FUZZ_CHECK(!c.id.empty() && c.id.size() <= 128, "command id of %zu bytes", c.id.size());
    const bool known = ops::isKnownOp(c.op);
    if (known) (void)ops::requiredRole(c.op);
    const auto refusal = ops::validateCommand(c.op, c.args, cohorts());
    FUZZ_CHECK(known || (refusal && refusal->code == "unknown_op"), "unknown op %s accepted",
               c.op.c_str());
    if (refusal) {
        FUZZ_CHECK(!refusal->code.empty() && !refusal->message.empty(), "empty refusal");
        return 0;
    }
    for (bool enabled : {true, false}) {
        ops::TwoPersonRule rule;
        rule.enabled = enabled;
        for (double lowest : {std::nan(""), 0.0, 50.0, 1e300}) {
            auto reason = ops::dangerReason(c.op, c.args, cohorts(), rule, lowest);
            FUZZ_CHECK(enabled || !reason, "dangerous with the rule off: %s", reason->c_str());
            FUZZ_CHECK(!reason || !reason->empty(), "an empty reason");
        }
    }
    if (c.op == ops::op::SetIdentityProvider) {
        static boost::asio::io_context timers; // never run
        booking::IdentityProvider idp(timers, {}, [] { return kNowMs; });
        json::value oldValue, newValue;
        (void)idp.update(c.args, &oldValue, &newValue);
    }
    return 0;
}
