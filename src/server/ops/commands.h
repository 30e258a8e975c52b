// Operator commands as pure logic: the list of operations, the role each needs, argument
// checks with messages a person can read, and the two-person rule's "is this dangerous?".
// No I/O: the current cohort figures are passed in.
#pragma once
#include "common/ops_schema.h"
#include "server/ops/ops_config.h"
#include "server/ops/ops_store.h"
#include "server/queue/queue_service.h"

#include <boost/json/object.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace sluice::ops {

inline constexpr std::size_t kMaxNoticeChars = 500;
inline constexpr std::size_t kMaxAlertKey = 200;
inline constexpr int64_t kMaxMaxActive = 100'000'000;

bool isKnownOp(const std::string& op);
Role requiredRole(const std::string& op);

// A command frame taken apart; `error` set when the frame itself is malformed.
struct CommandFrame {
    std::string id, op;
    boost::json::object args;
    std::string error; // "" when well formed
};
CommandFrame parseCommandFrame(const boost::json::object& frame);

struct Refusal {
    std::string code;    // nack code: invalid_args, unknown_cohort, unknown_op, ...
    std::string message; // a sentence for people
};

// Checks arguments against the current cohorts. nullopt when the command may run.
std::optional<Refusal> validateCommand(const std::string& op, const boost::json::object& args,
                                       const std::vector<queue::CohortView>& cohorts);

// Two-person rule: a reason ("raises the rate of 53-54 from 100 to 500, more than 2x") when the
// command needs a second operator's approval, nullopt otherwise (or when the rule is off).
// `lowestRecentCeiling`: the lowest rate ceiling the cohort had within the rule's window (NaN:
// none recorded), so that raising in steps below the factor still needs approval once the
// steps add up past it.
std::optional<std::string> dangerReason(const std::string& op, const boost::json::object& args,
                                        const std::vector<queue::CohortView>& cohorts,
                                        const TwoPersonRule& rule,
                                        double lowestRecentCeiling = std::nan(""));

// Number of UTF-8 code points (for length limits a person understands).
std::size_t utf8Length(std::string_view s);
// Compact number text for messages: 100 -> "100", 2.5 -> "2.5".
std::string numberText(double v);

} // namespace sluice::ops
