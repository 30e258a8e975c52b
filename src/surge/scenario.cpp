// Scenario parsing and the population model (arrival schedule, behaviour mix).
#include "surge/scenario.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace sluice::surge {

namespace json = boost::json;

const char* kindName(Kind k) {
    switch (k) {
    case Kind::Normal:
        return "normal";
    case Kind::Refresher:
        return "refresher";
    case Kind::MultiWindow:
        return "multi_window";
    case Kind::Abandoner:
        return "abandoner";
    case Kind::Ineligible:
        return "ineligible";
    case Kind::BotNoToken:
        return "bot_no_token";
    case Kind::BotForged:
        return "bot_forged";
    case Kind::BotReplayed:
        return "bot_replayed";
    case Kind::BotEarly:
        return "bot_early";
    case Kind::BotFarm:
        return "bot_farm";
    }
    return "?";
}

namespace {

struct Reader {
    const std::string& source;
    double num(const json::object& o, const char* key, double fallback, const std::string& where,
               double lo, double hi) const {
        const auto* v = o.if_contains(key);
        if (!v) return fallback;
        if (!v->is_number())
            throw ScenarioError(source + ": " + where + key + ": expected a number");
        const double d = v->to_number<double>();
        if (!(d >= lo && d <= hi) || !std::isfinite(d)) {
            std::ostringstream m;
            m << source << ": " << where << key << ": " << d << " is outside [" << lo << ", " << hi
              << "]";
            throw ScenarioError(m.str());
        }
        return d;
    }
    std::string str(const json::object& o, const char* key, std::string fallback,
                    const std::string& where) const {
        const auto* v = o.if_contains(key);
        if (!v) return fallback;
        if (!v->is_string())
            throw ScenarioError(source + ": " + where + key + ": expected a string");
        return std::string(v->as_string());
    }
    const json::object* obj(const json::object& o, const char* key,
                            const std::string& where) const {
        const auto* v = o.if_contains(key);
        if (!v) return nullptr;
        if (!v->is_object())
            throw ScenarioError(source + ": " + where + key + ": expected an object");
        return &v->as_object();
    }
};

} // namespace

Scenario Scenario::parse(const std::string& text, const std::string& source) {
    boost::system::error_code ec;
    json::value doc = json::parse(text, ec);
    if (ec) throw ScenarioError(source + ": not valid JSON: " + ec.message());
    if (!doc.is_object()) throw ScenarioError(source + ": expected a JSON object at the top");
    const auto& o = doc.as_object();
    const Reader r{source};
    Scenario s;
    s.name = r.str(o, "name", "", "");
    s.description = r.str(o, "description", "", "");
    s.cohort = r.str(o, "cohort", s.cohort, "");
    s.citizens = static_cast<uint64_t>(r.num(o, "citizens", 1000, "", 1, 1e9));
    s.birthYearFrom =
        static_cast<int>(r.num(o, "birth_year_from", s.birthYearFrom, "", 1900, 2100));
    s.birthYearTo = static_cast<int>(r.num(o, "birth_year_to", s.birthYearTo, "", 1900, 2100));
    s.timeScale = r.num(o, "time_scale", 1.0, "", 1e-4, 100);
    if (s.birthYearTo < s.birthYearFrom)
        throw ScenarioError(source + ": birth_year_to is before birth_year_from");
    if (const auto* a = r.obj(o, "arrivals", "")) {
        const std::string w = "arrivals.";
        s.preOpeningShare = r.num(*a, "pre_opening_share", s.preOpeningShare, w, 0, 1);
        s.preOpeningS = r.num(*a, "pre_opening_s", s.preOpeningS, w, 0, 86400);
        s.spikeShare = r.num(*a, "spike_share", s.spikeShare, w, 0, 1);
        s.spikeS = r.num(*a, "spike_s", s.spikeS, w, 0.001, 86400);
        s.tailTauS = r.num(*a, "tail_tau_s", s.tailTauS, w, 0.001, 86400);
        s.tailS = r.num(*a, "tail_s", s.tailS, w, 0, 86400);
        if (s.preOpeningShare + s.spikeShare > 1.0 + 1e-9)
            throw ScenarioError(source + ": arrivals: pre_opening_share + spike_share exceed 1");
    }
    if (const auto* b = r.obj(o, "behaviour", "")) {
        const std::string w = "behaviour.";
        s.refresher = r.num(*b, "refresher", s.refresher, w, 0, 1);
        s.refresherRejoinWithoutTicket =
            r.num(*b, "refresher_rejoin_without_ticket", s.refresherRejoinWithoutTicket, w, 0, 1);
        s.multiWindow = r.num(*b, "multi_window", s.multiWindow, w, 0, 1);
        s.windowsMin = static_cast<int>(r.num(*b, "windows_min", s.windowsMin, w, 1, 50));
        s.windowsMax = static_cast<int>(r.num(*b, "windows_max", s.windowsMax, w, 1, 50));
        s.abandoner = r.num(*b, "abandoner", s.abandoner, w, 0, 1);
        s.abandonAfterMinS = r.num(*b, "abandon_after_min_s", s.abandonAfterMinS, w, 0, 65535);
        s.abandonAfterMaxS = r.num(*b, "abandon_after_max_s", s.abandonAfterMaxS, w, 0, 65535);
        s.ineligible = r.num(*b, "ineligible", s.ineligible, w, 0, 1);
        s.botAttempts = static_cast<int>(r.num(*b, "bot_attempts", s.botAttempts, w, 1, 100));
        s.farmTickets = static_cast<int>(r.num(*b, "farm_tickets", s.farmTickets, w, 1, 1000));
        if (const auto* bots = r.obj(*b, "bots", w)) {
            const std::string wb = w + "bots.";
            s.bots.noToken = r.num(*bots, "no_token", 0, wb, 0, 1);
            s.bots.forged = r.num(*bots, "forged", 0, wb, 0, 1);
            s.bots.replayed = r.num(*bots, "replayed", 0, wb, 0, 1);
            s.bots.early = r.num(*bots, "early", 0, wb, 0, 1);
            s.bots.farm = r.num(*bots, "farm", 0, wb, 0, 1);
        }
        if (s.windowsMax < s.windowsMin)
            throw ScenarioError(source + ": behaviour.windows_max is below windows_min");
        if (s.abandonAfterMaxS < s.abandonAfterMinS)
            throw ScenarioError(source + ": behaviour.abandon_after_max_s is below the min");
        const double sum =
            s.refresher + s.multiWindow + s.abandoner + s.ineligible + s.bots.total();
        if (sum > 1.0 + 1e-9)
            throw ScenarioError(source + ": behaviour: the shares add up to more than 1");
    }
    if (const auto* p = r.obj(o, "polling", "")) {
        const std::string w = "polling.";
        s.pollMinS = r.num(*p, "min_s", s.pollMinS, w, 0.05, 3600);
        s.pollMaxS = r.num(*p, "max_s", s.pollMaxS, w, 0.05, 3600);
        s.pollJitter = r.num(*p, "jitter", s.pollJitter, w, 0, 0.9);
        s.refresherPollS = r.num(*p, "refresher_s", s.refresherPollS, w, 0.01, 3600);
        s.positionEvery =
            static_cast<int>(r.num(*p, "position_every", s.positionEvery, w, 1, 1000));
        if (s.pollMaxS < s.pollMinS) throw ScenarioError(source + ": polling.max_s is below min_s");
    }
    if (const auto* b = r.obj(o, "booking", "")) {
        const std::string w = "booking.";
        s.thinkMinS = r.num(*b, "think_min_s", s.thinkMinS, w, 0, 600);
        s.thinkMaxS = r.num(*b, "think_max_s", s.thinkMaxS, w, 0, 600);
        s.requestTimeoutS = r.num(*b, "request_timeout_s", s.requestTimeoutS, w, 0.1, 600);
        s.maxListAttempts =
            static_cast<int>(r.num(*b, "max_list_attempts", s.maxListAttempts, w, 1, 100));
        s.maxRetries = static_cast<int>(r.num(*b, "max_retries", s.maxRetries, w, 0, 1000));
        s.date = r.str(*b, "date", "", w);
        s.maxRequestsPerCitizen = static_cast<int>(
            r.num(*b, "max_requests_per_citizen", s.maxRequestsPerCitizen, w, 10, 60000));
        if (s.thinkMaxS < s.thinkMinS)
            throw ScenarioError(source + ": booking.think_max_s is below think_min_s");
    }
    return s;
}

Scenario Scenario::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ScenarioError(path + ": cannot read the scenario file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), path);
}

std::vector<CitizenPlan> buildPopulation(const Scenario& s, uint64_t count, uint64_t seed,
                                         const ArrivalWindow& window) {
    std::mt19937_64 rng(seed ^ 0x5eed5011ULL);
    std::vector<CitizenPlan> out;
    out.reserve(count);
    const double ts = s.timeScale;
    const bool havePre = window.preToMs > window.preFromMs;
    const double preShare = havePre ? s.preOpeningShare : 0.0;
    const double spikeShare = havePre ? s.spikeShare : s.spikeShare + s.preOpeningShare;
    const double spikeMs = s.spikeS * ts * 1000.0;
    const double tailMs = s.tailS * ts * 1000.0;
    const double tauMs = s.tailTauS * ts * 1000.0;
    const double botShare = s.bots.total();

    for (uint64_t i = 0; i < count; ++i) {
        CitizenPlan c;
        // Arrival.
        const double u = unit(rng);
        double t = 0;
        if (u < preShare) {
            // Density rising towards the opening: t = from + (to-from) * sqrt(v).
            const double v = std::sqrt(unit(rng));
            t = static_cast<double>(window.preFromMs) +
                static_cast<double>(window.preToMs - window.preFromMs) * v;
        } else if (u < preShare + spikeShare || tailMs <= 0) {
            // Exponential burst with mean spike/4, truncated to the spike.
            const double mean = spikeMs / 4.0;
            do {
                t = -mean * std::log(1.0 - unit(rng));
            } while (t >= spikeMs);
        } else {
            // Decaying tail after the spike, truncated to its length.
            const double cut = 1.0 - std::exp(-tailMs / tauMs);
            t = spikeMs - tauMs * std::log(1.0 - unit(rng) * cut);
        }
        c.arriveMs = static_cast<int64_t>(std::llround(t));
        // Behaviour.
        double k = unit(rng);
        auto take = [&k](double share) {
            if (k < share) return true;
            k -= share;
            return false;
        };
        if (take(s.refresher))
            c.kind = Kind::Refresher;
        else if (take(s.multiWindow))
            c.kind = Kind::MultiWindow;
        else if (take(s.abandoner))
            c.kind = Kind::Abandoner;
        else if (take(s.ineligible))
            c.kind = Kind::Ineligible;
        else if (k < botShare) {
            if (take(s.bots.noToken))
                c.kind = Kind::BotNoToken;
            else if (take(s.bots.forged))
                c.kind = Kind::BotForged;
            else if (take(s.bots.replayed))
                c.kind = Kind::BotReplayed;
            else if (s.bots.farm <= 0 || take(s.bots.early)) // (rounding: never a farm at 0)
                c.kind = Kind::BotEarly;
            else
                c.kind = Kind::BotFarm;
        }
        if (c.kind == Kind::MultiWindow) {
            const int span = s.windowsMax - s.windowsMin + 1;
            c.windows = static_cast<uint8_t>(s.windowsMin + static_cast<int>(unit(rng) * span));
        }
        if (c.kind == Kind::Abandoner) {
            const double a =
                s.abandonAfterMinS + (s.abandonAfterMaxS - s.abandonAfterMinS) * unit(rng);
            c.abandonAfterS = static_cast<uint16_t>(std::clamp(a * ts, 1.0, 65535.0));
        }
        if ((c.kind == Kind::BotEarly || c.kind == Kind::BotFarm) && havePre) {
            // The 2021 trick: be on the page before the opening (a farm buys its draws in the
            // pre-queue, where every ticket is one more chance at a good shuffled place).
            c.arriveMs = window.preFromMs +
                         static_cast<int64_t>(
                             unit(rng) * static_cast<double>(window.preToMs - window.preFromMs));
        }
        out.push_back(c);
    }
    std::stable_sort(out.begin(), out.end(), [](const CitizenPlan& a, const CitizenPlan& b) {
        return a.arriveMs < b.arriveMs;
    });
    return out;
}

} // namespace sluice::surge
