// Operator command checks (see commands.h).
#include "server/ops/commands.h"

#include "common/pow.h"

#include <cmath>
#include <cstdio>

namespace sluice::ops {

namespace json = boost::json;

namespace {
const std::string_view kOps[] = {op::PauseCohort,      op::ResumeCohort,        op::SetRate,
                                 op::SetMaxActive,     op::SetAdmissionMode,    op::PostNotice,
                                 op::RetractNotice,    op::SetIdentityProvider, op::Approve,
                                 op::AcknowledgeAlert, op::SetScreening};

const queue::CohortView* findCohort(const std::vector<queue::CohortView>& cohorts,
                                    std::string_view id) {
    for (const auto& c : cohorts)
        if (c.id == id) return &c;
    return nullptr;
}

Refusal invalid(std::string message) {
    return {"invalid_args", std::move(message)};
}

std::string cohortList(const std::vector<queue::CohortView>& cohorts) {
    std::string s;
    for (const auto& c : cohorts)
        s += (s.empty() ? "" : ", ") + c.id;
    return s;
}

// Requires args.cohort naming a known cohort ("*" allowed when allowAll).
std::optional<Refusal> checkCohort(const json::object& args,
                                   const std::vector<queue::CohortView>& cohorts, bool allowAll,
                                   const queue::CohortView** out) {
    auto it = args.find("cohort");
    if (it == args.end() || !it->value().is_string())
        return invalid(allowAll
                           ? "cohort is required: a cohort id or \"*\" for all cohorts"
                           : "cohort is required: the id of a cohort, e.g. \"" +
                                 (cohorts.empty() ? std::string("53-54") : cohorts[0].id) + "\"");
    std::string_view id = it->value().get_string();
    if (allowAll && id == "*") return std::nullopt;
    const auto* c = findCohort(cohorts, id);
    if (!c)
        return Refusal{"unknown_cohort", "there is no cohort \"" + std::string(id) +
                                             "\"; known cohorts: " + cohortList(cohorts)};
    if (out) *out = c;
    return std::nullopt;
}

std::optional<double> number(const json::object& args, const char* key) {
    auto it = args.find(key);
    if (it == args.end() || !it->value().is_number()) return std::nullopt;
    return it->value().to_number<double>();
}
} // namespace

std::string numberText(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::size_t utf8Length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool isKnownOp(const std::string& opName) {
    for (auto o : kOps)
        if (opName == o) return true;
    return false;
}

Role requiredRole(const std::string&) {
    return Role::Operator;
}

CommandFrame parseCommandFrame(const json::object& frame) {
    CommandFrame c;
    auto id = frame.find("id");
    if (id == frame.end() || !id->value().is_string()) {
        c.error = "a command needs an \"id\" string chosen by the console";
        return c;
    }
    c.id = std::string(id->value().get_string());
    if (c.id.empty() || c.id.size() > 128) {
        c.error = "the command id must be 1 to 128 characters long";
        return c;
    }
    auto opIt = frame.find("op");
    if (opIt == frame.end() || !opIt->value().is_string()) {
        c.error = "a command needs an \"op\" string, e.g. \"pause_cohort\"";
        return c;
    }
    c.op = std::string(opIt->value().get_string());
    auto args = frame.find("args");
    if (args != frame.end() && !args->value().is_null()) {
        if (!args->value().is_object()) {
            c.error = "\"args\" must be a JSON object";
            return c;
        }
        c.args = args->value().get_object();
    }
    return c;
}

std::optional<Refusal> validateCommand(const std::string& opName, const json::object& args,
                                       const std::vector<queue::CohortView>& cohorts) {
    if (!isKnownOp(opName)) {
        std::string list;
        for (auto o : kOps)
            list += (list.empty() ? "" : ", ") + std::string(o);
        return Refusal{"unknown_op", "unknown command \"" + opName + "\"; known commands: " + list};
    }
    const queue::CohortView* c = nullptr;
    if (opName == op::PauseCohort) {
        if (auto r = checkCohort(args, cohorts, false, &c)) return r;
        if (auto it = args.find("incident"); it != args.end() && !it->value().is_bool())
            return invalid("incident must be true or false");
        return std::nullopt;
    }
    if (opName == op::ResumeCohort) return checkCohort(args, cohorts, false, &c);
    if (opName == op::SetRate) {
        if (auto r = checkCohort(args, cohorts, false, &c)) return r;
        auto rate = number(args, "rate_per_s");
        double maxRate = c->maxRate;
        std::string range = "rate_per_s must be between 0 and " + numberText(maxRate) +
                            " (the configured maximum for cohort " + c->id + ")";
        if (!rate) return invalid(range + "; it is missing or not a number");
        if (!std::isfinite(*rate) || *rate < 0 || *rate > maxRate)
            return invalid(range + "; got " + numberText(*rate));
        return std::nullopt;
    }
    if (opName == op::SetMaxActive) {
        if (auto r = checkCohort(args, cohorts, false, &c)) return r;
        auto it = args.find("max_active");
        std::string range =
            "max_active must be a whole number between 0 and " + std::to_string(kMaxMaxActive);
        if (it == args.end() || !it->value().is_number())
            return invalid(range + "; it is missing or not a number");
        double v = it->value().to_number<double>();
        if (!std::isfinite(v) || v != std::floor(v) || v < 0 || v > double(kMaxMaxActive))
            return invalid(range + "; got " + numberText(v));
        return std::nullopt;
    }
    if (opName == op::SetScreening) {
        if (auto r = checkCohort(args, cohorts, false, &c)) return r;
        bool any = false;
        for (auto [key, max] : {std::pair{"pow_bits", double(kMaxPowBits)},
                                std::pair{"joins_per_client_per_min", 100'000.0}}) {
            auto it = args.find(key);
            if (it == args.end()) continue;
            any = true;
            std::string range =
                std::string(key) + " must be a whole number between 0 (off) and " + numberText(max);
            if (!it->value().is_number()) return invalid(range + "; it is not a number");
            double v = it->value().to_number<double>();
            if (!std::isfinite(v) || v != std::floor(v) || v < 0 || v > max)
                return invalid(range + "; got " + numberText(v));
        }
        if (!any) return invalid("give pow_bits, joins_per_client_per_min or both");
        return std::nullopt;
    }
    if (opName == op::SetAdmissionMode) {
        if (auto r = checkCohort(args, cohorts, false, &c)) return r;
        auto it = args.find("mode");
        if (it == args.end() || !it->value().is_string() ||
            (it->value().get_string() != "manual" && it->value().get_string() != "automatic"))
            return invalid("mode must be \"manual\" or \"automatic\"");
        return std::nullopt;
    }
    if (opName == op::PostNotice) {
        if (auto r = checkCohort(args, cohorts, true, &c)) return r;
        auto sev = args.find("severity");
        if (sev == args.end() || !sev->value().is_string() ||
            (sev->value().get_string() != "info" && sev->value().get_string() != "warning" &&
             sev->value().get_string() != "critical"))
            return invalid("severity must be \"info\", \"warning\" or \"critical\"");
        auto text = args.find("text");
        if (text == args.end() || !text->value().is_object())
            return invalid("text must be an object with Korean and English text: {\"ko\": \"...\", "
                           "\"en\": \"...\"}");
        const auto& t = text->value().get_object();
        for (const char* lang : {"ko", "en"}) {
            auto l = t.find(lang);
            std::string which = std::string(lang) == "ko" ? "Korean" : "English";
            if (l == t.end() || !l->value().is_string() || l->value().get_string().empty())
                return invalid("text." + std::string(lang) + " (the " + which +
                               " text) is required and may not be empty");
            std::string_view s = l->value().get_string();
            if (utf8Length(s) > kMaxNoticeChars)
                return invalid("text." + std::string(lang) + " is longer than " +
                               std::to_string(kMaxNoticeChars) + " characters");
        }
        return std::nullopt;
    }
    if (opName == op::RetractNotice) {
        auto it = args.find("notice_id");
        if (it == args.end() || !it->value().is_number())
            return invalid("notice_id is required: the id of an active notice");
        double v = it->value().to_number<double>();
        if (!std::isfinite(v) || v < 1 || v != std::floor(v))
            return invalid("notice_id must be a positive whole number");
        return std::nullopt;
    }
    if (opName == op::SetIdentityProvider) {
        if (args.empty())
            return invalid(
                "set_identity_provider needs at least one of latency_ms, error_rate, outage");
        return std::nullopt; // the booking module checks the values
    }
    if (opName == op::AcknowledgeAlert) {
        auto it = args.find("alert");
        if (it == args.end() || !it->value().is_string() || it->value().get_string().empty() ||
            it->value().get_string().size() > kMaxAlertKey)
            return invalid("alert is required: the alert's key, 1 to " +
                           std::to_string(kMaxAlertKey) + " bytes");
        if (auto n = args.find("note"); n != args.end() && !n->value().is_null()) {
            if (!n->value().is_string() || utf8Length(n->value().get_string()) > kMaxNoticeChars)
                return invalid("note must be a text of at most " + std::to_string(kMaxNoticeChars) +
                               " characters");
        }
        return std::nullopt;
    }
    if (opName == op::Approve) {
        auto it = args.find("command_id");
        if (it == args.end() || !it->value().is_string() || it->value().get_string().empty())
            return invalid("command_id is required: the id of the command waiting for approval");
        if (auto rb = args.find("requested_by"); rb != args.end() && !rb->value().is_string())
            return invalid("requested_by must be an operator name");
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::string> dangerReason(const std::string& opName, const json::object& args,
                                        const std::vector<queue::CohortView>& cohorts,
                                        const TwoPersonRule& rule, double lowestRecentCeiling) {
    if (!rule.enabled) return std::nullopt;
    auto cohortIt = args.find("cohort");
    if (cohortIt == args.end() || !cohortIt->value().is_string()) return std::nullopt;
    const auto* c = findCohort(cohorts, cohortIt->value().get_string());
    if (!c) return std::nullopt;
    if (opName == op::SetRate) {
        auto rate = number(args, "rate_per_s");
        if (!rate) return std::nullopt;
        const bool stepped =
            std::isfinite(lowestRecentCeiling) && lowestRecentCeiling < c->rateCeiling;
        const double base = stepped ? lowestRecentCeiling : c->rateCeiling;
        bool raises = base <= 0 ? *rate > 0 : *rate > base * rule.rateFactor;
        if (raises)
            return "raises the rate of " + c->id + " from " + numberText(base) +
                   (stepped ? " (its lowest in the last " + std::to_string(rule.rateWindowS) +
                                  " s; now " + numberText(c->rateCeiling) + ")"
                            : std::string()) +
                   " to " + numberText(*rate) + ", more than " + numberText(rule.rateFactor) + "x";
        return std::nullopt;
    }
    if (opName == op::ResumeCohort && c->pausedForIncident)
        return "resumes " + c->id + ", which was paused for an incident";
    return std::nullopt;
}

} // namespace sluice::ops
