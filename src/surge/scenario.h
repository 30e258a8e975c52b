// Scenario files (resources/scenarios/*.json) and the population model: who arrives when,
// and how each virtual citizen behaves. Pure and deterministic for a given seed.
#pragma once
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace sluice::surge {

class ScenarioError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct BotShares {
    double noToken = 0, forged = 0, replayed = 0, early = 0;
    double farm = 0; // ticket farms: many draws in the pre-queue, each bought by a fresh join
    double total() const { return noToken + forged + replayed + early + farm; }
};

struct Scenario {
    std::string name, description;
    std::string cohort = "53-54";
    uint64_t citizens = 1000;
    int birthYearFrom = 1967, birthYearTo = 1968; // used when the server does not say
    // Arrivals, seconds relative to the cohort's opening (before time_scale).
    double preOpeningShare = 0.3, preOpeningS = 600; // uniform-rising density before opening
    double spikeShare = 0.5, spikeS = 60;            // exponential burst right at the opening
    double tailTauS = 600, tailS = 3600;             // decaying tail after the spike
    double timeScale = 1.0;                          // multiplies every duration above
    // Behaviour shares (of all citizens; the rest are ordinary citizens).
    double refresher = 0.1, refresherRejoinWithoutTicket = 0.2;
    double multiWindow = 0.05;
    int windowsMin = 2, windowsMax = 10;
    double abandoner = 0.05, abandonAfterMinS = 10, abandonAfterMaxS = 600;
    double ineligible = 0.0;
    BotShares bots;
    int botAttempts = 3;
    int farmTickets = 20; // tickets each farm bot buys (fresh joins, no ticket held)
    // Polling.
    double pollMinS = 1, pollMaxS = 30, pollJitter = 0.3, refresherPollS = 0.5;
    int positionEvery = 4; // every Nth poll asks for the personal position
    // Booking.
    double thinkMinS = 0.2, thinkMaxS = 2.0;
    double requestTimeoutS = 10;
    int maxListAttempts = 5, maxRetries = 8;
    std::string date; // booking date to ask for; empty: any date offered
    int maxRequestsPerCitizen = 3000;

    // Parses a scenario document; throws ScenarioError naming the field on a bad value.
    static Scenario parse(const std::string& text, const std::string& sourceName);
    static Scenario load(const std::string& path);
};

enum class Kind : uint8_t {
    Normal,
    Refresher,
    MultiWindow,
    Abandoner,
    Ineligible,
    BotNoToken,
    BotForged,
    BotReplayed,
    BotEarly,
    BotFarm,
};
const char* kindName(Kind k);
inline bool isBot(Kind k) {
    return k >= Kind::BotNoToken;
}

// One citizen as planned by the population model (16 bytes).
struct CitizenPlan {
    int64_t arriveMs = 0; // relative to the opening (negative: before)
    Kind kind = Kind::Normal;
    uint8_t windows = 1;        // browser windows (multi-window users: several tickets)
    uint16_t abandonAfterS = 0; // abandoners leave after this long in line
};

// The arrival window actually available, in ms relative to the opening: pre-opening arrivals
// are squeezed into [preFromMs, preToMs] (empty when the cohort is already open).
struct ArrivalWindow {
    int64_t preFromMs = 0, preToMs = 0;
};

// Builds `count` citizens sorted by arrival time. Deterministic for (scenario, count, seed).
std::vector<CitizenPlan> buildPopulation(const Scenario& s, uint64_t count, uint64_t seed,
                                         const ArrivalWindow& window);

// Portable uniform double in [0,1) from a 64-bit engine (same sequence on every platform).
inline double unit(std::mt19937_64& rng) {
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

} // namespace sluice::surge
