// Pure logic of sluice-surge, without a server: the latency histogram, the fairness measures
// (checked against brute force), scenario parsing, the population model and the virtual
// citizen's state machine driven by scripted replies (happy path, lost-place detection,
// bypass counting, Retry-After, idempotent retries, oversell in the report, proof of work at
// join: real solves, one per ticket, none for a held ticket, the ticket farm, the report's
// screening section).
#include "common/pow.h"
#include "surge/fairness.h"
#include "surge/histogram.h"
#include "surge/machine.h"
#include "surge/report.h"
#include "surge/scenario.h"

#include <QtTest>

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace sluice::surge;

namespace {

constexpr int64_t kSec = 1'000'000'000;
constexpr int64_t kOpens = 1000 * kSec;

Scenario quietScenario() {
    Scenario s;
    s.refresher = s.multiWindow = s.abandoner = s.ineligible = 0;
    s.pollJitter = 0;
    s.pollMinS = 1;
    s.pollMaxS = 10;
    s.thinkMinS = s.thinkMaxS = 0;
    return s;
}

WorldConfig config() {
    WorldConfig c;
    c.cohort = "53-54";
    c.opensNs = kOpens;
    c.runId = "test";
    c.seed = 1;
    return c;
}

struct Driver {
    explicit Driver(World& world) : w(world) {}
    World& w;
    RequestSpec req;

    // Builds the action's request (must produce one) and feeds the reply; returns follow-ups.
    std::vector<Action> reply(const Action& a, int64_t at, int status, const std::string& body,
                              double retryAfter = -1, TransportError err = TransportError::None) {
        std::vector<Action> extra;
        if (!w.build(a, at, req, extra)) return {};
        Reply r;
        r.status = status;
        r.body = body;
        r.retryAfterS = retryAfter;
        r.error = err;
        std::vector<Action> next;
        w.onReply(a, req, at + 1'000'000, r, next);
        return next;
    }
};

// A proof-of-work challenge object (GET .../challenge), or a join's 403 carrying one.
std::string challengeBody(int bits, const std::string& challenge, const std::string& code = "") {
    namespace json = boost::json;
    json::object ch{{"cohort", "53-54"},
                    {"required", bits > 0},
                    {"bits", bits},
                    {"challenge", challenge},
                    {"expires_at", "x"}};
    if (code.empty()) return json::serialize(ch);
    return json::serialize(
        json::object{{"error", json::object{{"code", code}, {"message", "m"}}}, {"challenge", ch}});
}

std::string ticketBody(const std::string& ticket, int position) {
    return boost::json::serialize(
        boost::json::object{{"ticket", ticket}, {"state", "queued"}, {"position", position}});
}

const Action* find(const std::vector<Action>& v, Step s) {
    for (const auto& a : v)
        if (a.step == s) return &a;
    return nullptr;
}

} // namespace

class TestSurgeLogic : public QObject {
    Q_OBJECT
private slots:
    void histogramQuantiles() {
        LatencyHistogram h;
        QCOMPARE(h.quantile(0.5), int64_t{0});
        for (int64_t v = 1; v <= 100'000; ++v)
            h.record(v);
        QCOMPARE(h.count(), uint64_t{100'000});
        for (double q : {0.5, 0.9, 0.99, 0.999}) {
            const double want = q * 100'000;
            const double got = static_cast<double>(h.quantile(q));
            QVERIFY2(std::abs(got - want) / want < 0.02, qPrintable(QString::number(got)));
        }
        QCOMPARE(h.quantile(1.0), int64_t{100'000});
        // Bucket edges are increasing and every value lands at or below its bucket's edge.
        for (int b = 1; b < LatencyHistogram::kBuckets; ++b)
            QVERIFY(LatencyHistogram::upperEdge(b) > LatencyHistogram::upperEdge(b - 1));
        std::mt19937_64 rng(3);
        for (int i = 0; i < 100'000; ++i) {
            const auto v = static_cast<int64_t>(rng() % (int64_t{1} << 36));
            const int b = LatencyHistogram::bucketOf(v);
            QVERIFY(v <= LatencyHistogram::upperEdge(b));
            QVERIFY(b == 0 || v > LatencyHistogram::upperEdge(b - 1));
        }
        LatencyHistogram other;
        other.record(5'000'000);
        h.merge(other);
        QCOMPARE(h.max(), int64_t{5'000'000});
    }

    void inversionsMatchBruteForce() {
        std::mt19937_64 rng(11);
        for (int round = 0; round < 50; ++round) {
            const std::size_t n = 1 + rng() % 300;
            std::vector<uint64_t> v(n);
            for (auto& x : v)
                x = rng() % 1000;
            uint64_t brute = 0;
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t j = i + 1; j < n; ++j)
                    brute += v[i] > v[j];
            QCOMPARE(countInversions(v), brute);
        }
        QCOMPARE(countInversions({1, 2, 3}), uint64_t{0});
        QCOMPARE(countInversions({3, 2, 1}), uint64_t{3});
    }

    void fifoInversionsHonourHappensBefore() {
        // Strictly sequential joins in order: none. Swapped positions: one.
        std::vector<JoinObservation> seq{{0, 10, 1}, {20, 30, 2}, {40, 50, 3}};
        QCOMPARE(countFifoInversions(seq), uint64_t{0});
        seq[0].position = 3;
        seq[2].position = 1;
        QCOMPARE(countFifoInversions(seq), uint64_t{3});
        // Overlapping in flight: no defined order, never counted.
        std::vector<JoinObservation> overlap{{0, 100, 2}, {10, 90, 1}};
        QCOMPARE(countFifoInversions(overlap), uint64_t{0});
        // Against brute force on random intervals.
        std::mt19937_64 rng(5);
        for (int round = 0; round < 40; ++round) {
            const std::size_t n = 2 + rng() % 200;
            std::vector<JoinObservation> v(n);
            std::vector<uint64_t> pos(n);
            std::iota(pos.begin(), pos.end(), 1);
            std::shuffle(pos.begin(), pos.end(), rng);
            for (std::size_t i = 0; i < n; ++i) {
                v[i].sentNs = static_cast<int64_t>(rng() % 10'000);
                v[i].answeredNs = v[i].sentNs + 1 + static_cast<int64_t>(rng() % 500);
                v[i].position = pos[i];
            }
            uint64_t brute = 0;
            for (const auto& a : v)
                for (const auto& b : v)
                    brute += a.answeredNs < b.sentNs && a.position > b.position;
            QCOMPARE(countFifoInversions(v), brute);
        }
    }

    void spearman() {
        std::vector<double> x(1000), y(1000);
        std::iota(x.begin(), x.end(), 0.0);
        y = x;
        QVERIFY(std::abs(spearmanRho(x, y) - 1.0) < 1e-9);
        std::reverse(y.begin(), y.end());
        QVERIFY(std::abs(spearmanRho(x, y) + 1.0) < 1e-9);
        std::mt19937_64 rng(9);
        std::vector<double> big(20'000), shuffled(20'000);
        std::iota(big.begin(), big.end(), 0.0);
        shuffled = big;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        QVERIFY(std::abs(spearmanRho(big, shuffled)) < 0.05);
        QCOMPARE(spearmanRho({1, 2}, {2, 1}), 0.0); // too few points
    }

    void scenarioFiles() {
        for (const char* name : {"july-19-2021.json", "demo.json"}) {
            const auto s =
                Scenario::load(std::string(SLUICE_SOURCE_DIR) + "/resources/scenarios/" + name);
            QVERIFY(!s.name.empty());
            QCOMPARE(s.cohort, std::string("53-54"));
        }
        const auto july = Scenario::load(std::string(SLUICE_SOURCE_DIR) +
                                         "/resources/scenarios/july-19-2021.json");
        QCOMPARE(july.citizens, uint64_t{1'505'074});
        QVERIFY(july.bots.total() > 0 && july.refresher > 0 && july.multiWindow > 0 &&
                july.abandoner > 0);
    }

    void scenarioErrorsNameTheField() {
        auto fails = [](const std::string& text, const std::string& needle) {
            try {
                Scenario::parse(text, "s.json");
            } catch (const ScenarioError& e) {
                return std::string(e.what()).find(needle) != std::string::npos;
            }
            return false;
        };
        QVERIFY(fails("{", "not valid JSON"));
        QVERIFY(fails(R"({"citizens": "many"})", "citizens"));
        QVERIFY(fails(R"({"arrivals": {"spike_share": 2}})", "arrivals.spike_share"));
        QVERIFY(
            fails(R"({"arrivals": {"pre_opening_share": 0.6, "spike_share": 0.6}})", "exceed 1"));
        QVERIFY(fails(R"({"behaviour": {"refresher": 0.7, "abandoner": 0.5}})", "more than 1"));
        QVERIFY(fails(R"({"polling": {"min_s": 5, "max_s": 1}})", "polling.max_s"));
        QVERIFY(fails(R"({"behaviour": {"bots": {"forged": -1}}})", "behaviour.bots.forged"));
    }

    void populationShape() {
        Scenario s;
        s.preOpeningShare = 0.3;
        s.spikeShare = 0.5;
        s.spikeS = 60;
        s.tailTauS = 600;
        s.tailS = 3600;
        s.refresher = 0.1;
        s.multiWindow = 0.05;
        s.abandoner = 0.05;
        s.bots = {0.01, 0.01, 0.01, 0.01, 0};
        const ArrivalWindow w{-600'000, -300};
        const auto a = buildPopulation(s, 100'000, 42, w);
        const auto b = buildPopulation(s, 100'000, 42, w);
        const auto c = buildPopulation(s, 100'000, 43, w);
        QCOMPARE(a.size(), std::size_t{100'000});
        QVERIFY(std::equal(
            a.begin(), a.end(), b.begin(), [](const CitizenPlan& x, const CitizenPlan& y) {
                return x.arriveMs == y.arriveMs && x.kind == y.kind && x.windows == y.windows;
            }));
        bool differs = false;
        for (std::size_t i = 0; i < a.size() && !differs; ++i)
            differs = a[i].arriveMs != c[i].arriveMs;
        QVERIFY(differs);
        QVERIFY(std::is_sorted(a.begin(), a.end(), [](const CitizenPlan& x, const CitizenPlan& y) {
            return x.arriveMs < y.arriveMs;
        }));
        std::size_t pre = 0, spike = 0, tail = 0, refreshers = 0, multi = 0, bots = 0, early = 0;
        for (const auto& p : a) {
            QVERIFY(p.arriveMs >= w.preFromMs && p.arriveMs <= 3'660'000);
            if (p.arriveMs < 0)
                ++pre;
            else if (p.arriveMs < 60'000)
                ++spike;
            else
                ++tail;
            refreshers += p.kind == Kind::Refresher;
            multi += p.kind == Kind::MultiWindow;
            bots += isBot(p.kind);
            if (p.kind == Kind::BotEarly) {
                ++early;
                QVERIFY(p.arriveMs < 0); // the 2021 trick: on the page before the opening
            }
            if (p.kind == Kind::MultiWindow)
                QVERIFY(p.windows >= s.windowsMin && p.windows <= s.windowsMax);
        }
        auto near = [](std::size_t n, double want) {
            return std::abs(static_cast<double>(n) / 100'000 - want) < 0.01;
        };
        QVERIFY(near(pre + early / 2, 0.3) ||
                near(pre, 0.3 + 0.01 * 0.5)); // early bots move before
        QVERIFY(near(spike, 0.5) || std::abs(static_cast<double>(spike) / 100'000 - 0.5) < 0.02);
        QVERIFY(tail > 15'000);
        QVERIFY(near(refreshers, 0.1));
        QVERIFY(near(multi, 0.05));
        QVERIFY(near(bots, 0.04));
        // The spike is front-loaded: more in its first quarter than in its last.
        std::size_t first = 0, last = 0;
        for (const auto& p : a) {
            first += p.arriveMs >= 0 && p.arriveMs < 15'000;
            last += p.arriveMs >= 45'000 && p.arriveMs < 60'000;
        }
        QVERIFY(first > 3 * last);
        // Already open: no pre-opening window, nobody arrives before the opening.
        const auto open = buildPopulation(s, 10'000, 1, ArrivalWindow{});
        QVERIFY(std::all_of(open.begin(), open.end(),
                            [](const CitizenPlan& p) { return p.arriveMs >= 0; }));
    }

    void citizenHappyPath() {
        const Scenario s = quietScenario();
        std::vector<CitizenPlan> plans(2);
        plans[0].arriveMs = 10;
        plans[1].arriveMs = 20;
        World w(s, config(), plans);
        Driver d(w);
        // Citizen 0: joins after the opening, is served, becomes the auditor (stock snapshot).
        std::vector<Action> out;
        w.arrive(0, w.arrivalNs(0), out);
        QCOMPARE(out.size(), std::size_t{1});
        QCOMPARE(out[0].step, Step::Join);
        auto next = d.reply(out[0], out[0].atNs, 201,
                            R"({"ticket":"T0","cohort":"53-54","state":"queued","position":1})");
        QCOMPARE(d.req.target, std::string("/v1/queue/53-54/join"));
        QVERIFY(d.req.post);
        QCOMPARE(next.size(), std::size_t{1});
        QCOMPARE(w.counters().tickets, uint64_t{1});
        auto poll = next[0];
        next = d.reply(poll, poll.atNs, 200,
                       R"({"state":"open","issued":2,"serving":1,"rate_per_s":10})");
        const Action* admit = find(next, Step::Admit);
        QVERIFY(admit);
        next = d.reply(*admit, admit->atNs, 200,
                       R"({"admission_token":"TOK0","expires_at":"x","position":1})");
        QCOMPARE(d.req.ticket, std::string("T0"));
        QCOMPARE(w.counters().admitted, uint64_t{1});
        const Action* snap = find(next, Step::Snapshot);
        QVERIFY(snap);
        next = d.reply(
            *snap, snap->atNs, 200,
            R"({"clinics":[{"id":"C1","name":"n","region":"서울특별시","district":"d","date":"2026-11-23","remaining":1}],"total":1})");
        QCOMPARE(d.req.bearer, std::string("TOK0"));
        QVERIFY(w.initialSnapshotDone());
        QCOMPARE(w.outcome(0), Outcome::Auditor);

        // Citizen 1: served, verifies, lists, reserves.
        out.clear();
        w.arrive(1, w.arrivalNs(1), out);
        next = d.reply(out[0], out[0].atNs, 201,
                       R"({"ticket":"T1","cohort":"53-54","state":"queued","position":2})");
        // A position poll saying nobody is ahead leads to admission.
        Action pos = next[0];
        pos.step = Step::Position;
        next = d.reply(pos, pos.atNs, 200, R"({"state":"served","ahead":0,"position":2})");
        admit = find(next, Step::Admit);
        QVERIFY(admit);
        next = d.reply(*admit, admit->atNs, 200, R"({"admission_token":"TOK1","position":2})");
        const Action* verify = find(next, Step::Verify);
        QVERIFY(verify);
        next = d.reply(*verify, verify->atNs, 200, R"({"person_id":"P1"})");
        QCOMPARE(d.req.bearer, std::string("TOK1"));
        QVERIFY(d.req.body.find("birth_date") != std::string::npos);
        QVERIFY(d.req.body.find("\"196") != std::string::npos); // born 1967 or 1968
        const Action* list = find(next, Step::List);
        QVERIFY(list);
        next = d.reply(
            *list, list->atNs, 200,
            R"({"clinics":[{"id":"C1","region":"서울특별시","date":"2026-11-23","remaining":1}]})");
        QVERIFY(d.req.target.find("region=%EC%84%9C") != std::string::npos);
        QVERIFY(d.req.target.find("date=2026-11-23") != std::string::npos);
        const Action* reserve = find(next, Step::Reserve);
        QVERIFY(reserve);
        // A timeout, then the retry carries the same Idempotency-Key and body.
        next = d.reply(*reserve, reserve->atNs, 0, "", -1, TransportError::Timeout);
        const std::string key = d.req.idempotencyKey, body = d.req.body;
        QVERIFY(!key.empty());
        QVERIFY(body.find("\"clinic_id\":\"C1\"") != std::string::npos);
        QCOMPARE(next.size(), std::size_t{1});
        QCOMPARE(next[0].step, Step::Reserve);
        next =
            d.reply(next[0], next[0].atNs, 201, R"({"reservation_id":"R1","status":"confirmed"})");
        QCOMPARE(d.req.idempotencyKey, key);
        QCOMPARE(d.req.body, body);
        QCOMPARE(w.outcome(1), Outcome::Booked);
        QCOMPARE(w.counters().booked, uint64_t{1});
        QVERIFY(w.allDone());
        QCOMPARE(w.stock().at("C1|2026-11-23").confirmed, int64_t{1});
        QCOMPARE(w.counters().lostPlaces, uint64_t{0});
        QCOMPARE(w.errors().at("timeout"), uint64_t{1});
    }

    void lostPlacesAreDetected() {
        const Scenario s = quietScenario();
        std::vector<CitizenPlan> plans(4);
        World w(s, config(), plans);
        Driver d(w);
        auto joined = [&](uint32_t i, uint64_t position) {
            std::vector<Action> out;
            w.arrive(i, kOpens + 1, out);
            auto next = d.reply(
                out[0], out[0].atNs, 201,
                "{\"ticket\":\"T" + std::to_string(i) +
                    "\",\"state\":\"queued\",\"position\":" + std::to_string(position) + "}");
            Action a = next.at(0);
            return a;
        };
        // 0: the position of a ticket changes.
        Action a = joined(0, 100);
        a.step = Step::Position;
        d.reply(a, a.atNs, 200, R"({"state":"queued","ahead":50,"position":120})");
        QCOMPARE(w.counters().lostPlaces, uint64_t{1});
        // 1: people ahead grows.
        a = joined(1, 200);
        a.step = Step::Position;
        auto next = d.reply(a, a.atNs, 200, R"({"state":"queued","ahead":50,"position":200})");
        QCOMPARE(w.counters().lostPlaces, uint64_t{1});
        a = next.at(0);
        a.step = Step::Position;
        d.reply(a, a.atNs, 200, R"({"state":"queued","ahead":80,"position":200})");
        QCOMPARE(w.counters().lostPlaces, uint64_t{2});
        // 2: a refresh with the ticket yields another ticket (the 2021 bounce).
        a = joined(2, 300);
        a.step = Step::RejoinWithTicket;
        d.reply(a, a.atNs, 200, R"({"ticket":"OTHER","state":"queued","position":900})");
        QCOMPARE(d.req.ticket, std::string("T2"));
        QCOMPARE(w.counters().lostPlaces, uint64_t{3});
        // 3: admission refused as expired while the citizen kept asking.
        a = joined(3, 400);
        a.step = Step::Admit;
        d.reply(a, a.atNs, 410, R"({"error":{"code":"place_expired","message":"m"}})");
        QCOMPARE(w.counters().lostPlaces, uint64_t{4});
        QCOMPARE(w.lostReasons().size(), std::size_t{4});
    }

    void soldOutIsNotALostPlace() {
        const Scenario s = quietScenario();
        World w(s, config(), std::vector<CitizenPlan>(1));
        Driver d(w);
        std::vector<Action> out;
        w.arrive(0, kOpens + 1, out);
        auto next =
            d.reply(out[0], out[0].atNs, 201, R"({"ticket":"T","state":"queued","position":5})");
        Action a = next.at(0);
        a.step = Step::Admit;
        d.reply(a, a.atNs, 410, R"({"error":{"code":"sold_out","message":"none left"}})");
        QCOMPARE(w.counters().lostPlaces, uint64_t{0});
        QCOMPARE(w.outcome(0), Outcome::SoldOut);
    }

    void retryAfterIsHonoured() {
        const Scenario s = quietScenario();
        World w(s, config(), std::vector<CitizenPlan>(1));
        Driver d(w);
        std::vector<Action> out;
        w.arrive(0, kOpens + 1, out);
        const int64_t at = out[0].atNs;
        auto next = d.reply(out[0], at, 503, R"({"error":{"code":"busy"}})", 2.0);
        QCOMPARE(next.size(), std::size_t{1});
        QCOMPARE(next[0].step, Step::Join);
        QVERIFY(next[0].atNs >= at + 2 * kSec);
        QCOMPARE(w.errors().at("overload_503"), uint64_t{1});
    }

    void botsCountBypasses() {
        Scenario s = quietScenario();
        s.botAttempts = 1;
        std::vector<CitizenPlan> plans(2);
        plans[0].kind = Kind::BotNoToken;
        plans[1].kind = Kind::BotNoToken;
        World w(s, config(), plans);
        Driver d(w);
        for (uint32_t i = 0; i < 2; ++i) {
            std::vector<Action> out;
            w.arrive(i, kOpens + 1, out);
            Action a = out.at(0);
            for (int call = 0; call < 3; ++call) {
                // Bot 0 is always refused; bot 1's second call is (wrongly) let through.
                const int status = i == 1 && call == 1 ? 200 : 401;
                auto next = d.reply(a, a.atNs, status, R"({"error":{"code":"bypass_no_token"}})");
                QVERIFY(d.req.bearer.empty());
                if (call < 2) a = next.at(0);
            }
            QCOMPARE(w.outcome(i), Outcome::BotDone);
        }
        QCOMPARE(w.counters().bypassAttempts, uint64_t{6});
        QCOMPARE(w.counters().bypassSuccesses, uint64_t{1});
        QCOMPARE(w.counters().waiting, uint64_t{0});
    }

    void proofOfWorkIsSolvedOncePerTicket() {
        // The worked example of docs/api.md: 12 bits of "sluice-example" take 6,897 hashes.
        const std::string refusal = challengeBody(12, "sluice-example", "pow_required");
        Scenario s = quietScenario();
        s.refresher = 1; // re-joins with its ticket every 5th poll
        World w(s, config(), std::vector<CitizenPlan>(1, CitizenPlan{0, Kind::Refresher}));
        Driver d(w);
        std::vector<Action> out;
        w.arrive(0, kOpens + 1, out);
        QCOMPARE(out.at(0).step, Step::Join);
        auto next = d.reply(out[0], out[0].atNs, 403, refusal);
        QVERIFY(d.req.pow.empty());
        QCOMPARE(next.size(), std::size_t{1});
        const Action join = next[0];
        QCOMPARE(join.step, Step::Join);
        QVERIFY(join.pow != kNone);
        QVERIFY(join.atNs >= out[0].atNs); // after the refusal and the solve
        // A 503 keeps the work: the retry carries the same header.
        next = d.reply(join, join.atNs, 503, R"({"error":{"code":"busy"}})", 0.1);
        QCOMPARE(d.req.pow, std::string("sluice-example:6896"));
        QCOMPARE(next.at(0).pow, join.pow);
        next = d.reply(next[0], next[0].atNs, 201, ticketBody("T0", 1));
        QCOMPARE(d.req.pow, std::string("sluice-example:6896"));
        QVERIFY(sluice::powSolves("sluice-example", "6896", 12));
        QCOMPARE(w.powSolves().size(), std::size_t{1});
        QCOMPARE(w.powSolves()[0].hashes, uint64_t{6897});
        QCOMPARE(int(w.powSolves()[0].bits), 12);
        QVERIFY(w.powSolves()[0].cpuNs > 0);
        QCOMPARE(w.powRefusals().at("pow_required"), uint64_t{1});
        QCOMPARE(w.powBitsSeen().at(12), uint64_t{1});
        QVERIFY(w.ticketViews().at(0).paid);
        // Polls until the 5th, a refresh presenting the ticket: no work carried, none solved.
        Action a = next.at(0);
        for (int i = 0; i < 10 && a.step != Step::RejoinWithTicket; ++i) {
            next = d.reply(a, a.atNs, 200, R"({"state":"open","issued":9,"serving":0})");
            a = next.at(0);
        }
        QCOMPARE(a.step, Step::RejoinWithTicket);
        next = d.reply(a, a.atNs, 200, R"({"ticket":"T0","state":"queued","position":1})");
        QCOMPARE(d.req.ticket, std::string("T0"));
        QVERIFY(d.req.pow.empty());
        QCOMPARE(w.powSolves().size(), std::size_t{1});
        QCOMPARE(w.counters().lostPlaces, uint64_t{0});
        // A server asking a held ticket for work has not honoured it: a lost place.
        a = next.at(0);
        a.step = Step::RejoinWithTicket;
        d.reply(a, a.atNs, 403, refusal);
        QCOMPARE(w.counters().lostPlaces, uint64_t{1});
        QCOMPARE(w.lostReasons().at("rejoin_asked_for_work"), uint64_t{1});
        QCOMPARE(w.powSolves().size(), std::size_t{1});
    }

    void refusedWorkIsRedoneAndBounded() {
        const std::string reused = challengeBody(4, "next-one", "pow_reused");
        Scenario s = quietScenario();
        s.maxRetries = 2;
        WorldConfig cfg = config();
        cfg.powPrefetch = true; // a page that knows: the challenge first
        cfg.powMaxBits = 16;
        World w(s, cfg, std::vector<CitizenPlan>(2));
        Driver d(w);
        std::vector<Action> out;
        w.arrive(0, kOpens + 1, out);
        QCOMPARE(out.at(0).step, Step::Challenge);
        auto next = d.reply(out[0], out[0].atNs, 200, challengeBody(4, "first"));
        QCOMPARE(d.req.target, std::string("/v1/queue/53-54/challenge"));
        QVERIFY(!d.req.post);
        QCOMPARE(w.challengesFetched(), uint64_t{1});
        Action a = next.at(0);
        QCOMPARE(a.step, Step::Join);
        // The work is refused as reused: the citizen solves the next challenge, and gives up
        // after max_retries such refusals.
        for (int i = 0; i < 3; ++i) {
            next = d.reply(a, a.atNs, 403, reused);
            QVERIFY(d.req.pow.rfind(i == 0 ? "first:" : "next-one:", 0) == 0);
            if (i < 2) a = next.at(0);
        }
        QVERIFY(next.empty());
        QCOMPARE(w.outcome(0), Outcome::Failed);
        QCOMPARE(w.errors().at("gave_up_pow"), uint64_t{1});
        QCOMPARE(w.powRefusals().at("pow_reused"), uint64_t{3});
        QCOMPARE(w.powSolves().size(), std::size_t{3});
        // A challenge harder than --pow-max-bits is not attempted.
        out.clear();
        w.arrive(1, kOpens + 1, out);
        next = d.reply(out.at(0), out[0].atNs, 200, challengeBody(17, "hard"));
        QVERIFY(next.empty());
        QCOMPARE(w.outcome(1), Outcome::Failed);
        QCOMPARE(w.errors().at("pow_over_max_bits"), uint64_t{1});
        QCOMPARE(w.powSolves().size(), std::size_t{3});
        // Screening off: the challenge says so, and the join carries nothing.
        World off(s, cfg, std::vector<CitizenPlan>(1));
        Driver d2(off);
        out.clear();
        off.arrive(0, kOpens + 1, out);
        next = d2.reply(out.at(0), out[0].atNs, 200, challengeBody(0, ""));
        QCOMPARE(next.at(0).step, Step::Join);
        QCOMPARE(next[0].pow, kNone);
    }

    void ticketFarmPaysPerTicket() {
        Scenario s = quietScenario();
        s.bots.farm = 1;
        s.farmTickets = 4;
        // The population puts farms in the pre-queue, like the early bots.
        const auto pop = buildPopulation(s, 50, 7, ArrivalWindow{-60'000, -300});
        QVERIFY(std::all_of(pop.begin(), pop.end(), [](const CitizenPlan& p) {
            return p.kind == Kind::BotFarm && p.arriveMs < 0;
        }));
        QVERIFY(Scenario::parse(R"({"behaviour":{"bots":{"farm":0.01},"farm_tickets":50}})", "s")
                    .farmTickets == 50);

        std::vector<CitizenPlan> plans(2);
        plans[1].kind = Kind::BotFarm;
        World w(s, config(), plans);
        Driver d(w);
        // The honest citizen pays once.
        std::vector<Action> out;
        w.arrive(0, kOpens + 1, out);
        auto next = d.reply(out.at(0), out[0].atNs, 403, challengeBody(6, "c0", "pow_required"));
        next = d.reply(next.at(0), next[0].atNs, 201, ticketBody("H", 1));
        // The farm: refused once, then it fetches a challenge before each new join.
        out.clear();
        w.arrive(1, kOpens + 2, out);
        QCOMPARE(out.at(0).step, Step::Join);
        next = d.reply(out[0], out[0].atNs, 403, challengeBody(6, "c1", "pow_required"));
        for (int n = 0; n < 4; ++n) {
            Action join = next.at(0);
            QCOMPARE(join.step, Step::Join);
            QVERIFY(join.pow != kNone);
            next = d.reply(join, join.atNs, 201, ticketBody("F" + std::to_string(n), n + 2));
            QVERIFY(d.req.ticket.empty()); // never presents a held ticket
            QVERIFY(!d.req.pow.empty());
            if (n < 3) {
                QCOMPARE(next.at(0).step, Step::Challenge);
                next =
                    d.reply(next[0], next[0].atNs, 200, challengeBody(6, "f" + std::to_string(n)));
            }
        }
        QVERIFY(next.empty());
        QCOMPARE(w.outcome(1), Outcome::BotDone);
        QCOMPARE(w.powSolves().size(), std::size_t{5});
        QCOMPARE(w.challengesFetched(), uint64_t{3});

        RunMeta meta;
        meta.opensNs = kOpens;
        meta.firstRequestNs = kOpens;
        meta.lastReplyNs = kOpens + kSec;
        meta.endNs = meta.lastReplyNs;
        meta.powBitsAtStart = 6;
        meta.browserHashesPerS = 1000;
        const auto rep = buildReport(w, meta);
        const auto& sc = rep.json.at("screening").as_object();
        QCOMPARE(sc.at("joins_refused").at("pow_required").to_number<int64_t>(), int64_t{2});
        QCOMPARE(sc.at("joins_refused").at("pow_reused").to_number<int64_t>(), int64_t{0});
        QCOMPARE(sc.at("solves").to_number<int64_t>(), int64_t{5});
        QCOMPARE(sc.at("challenges_by_bits").at("6").to_number<int64_t>(), int64_t{5});
        const auto& h = sc.at("honest").as_object();
        QCOMPARE(h.at("solves").to_number<int64_t>(), int64_t{1});
        QCOMPARE(h.at("tickets_paid").to_number<int64_t>(), int64_t{1});
        QCOMPARE(h.at("tickets_without_work").to_number<int64_t>(), int64_t{0});
        QCOMPARE(h.at("citizens_without_ticket").to_number<int64_t>(), int64_t{0});
        QCOMPARE(h.at("hashes").to_number<uint64_t>(), w.powSolves()[0].hashes);
        const auto& farm = sc.at("bots").at("by_kind").at("bot_farm").as_object();
        QCOMPARE(farm.at("tickets").to_number<int64_t>(), int64_t{4});
        QCOMPARE(farm.at("tickets_paid").to_number<int64_t>(), int64_t{4});
        QCOMPARE(farm.at("solves").to_number<int64_t>(), int64_t{4});
        QCOMPARE(farm.at("tickets_per_bot").at("max").to_number<int64_t>(), int64_t{4});
        uint64_t farmHashes = 0;
        for (std::size_t i = 1; i < 5; ++i)
            farmHashes += w.powSolves()[i].hashes;
        QCOMPARE(farm.at("hashes").to_number<uint64_t>(), farmHashes);
        QVERIFY(sc.at("browser_model").at("label").as_string().starts_with("model"));
        QVERIFY(rep.summary.find("screening: proof of work 6 bits") != std::string::npos);
        QVERIFY(rep.summary.find("bot_farm: 1 bots bought 4 tickets") != std::string::npos);
        QVERIFY(rep.summary.find("MODEL, not measured") != std::string::npos);
        QCOMPARE(rep.json.at("invariants_ok").as_bool(), true);
    }

    void reportFlagsOversellAndInversions() {
        const Scenario s = quietScenario();
        std::vector<CitizenPlan> plans(3);
        World w(s, config(), plans);
        Driver d(w);
        // Three citizens join in sequence; the server hands out positions out of order.
        std::vector<Action> waits;
        const uint64_t positions[3] = {1, 3, 2};
        for (uint32_t i = 0; i < 3; ++i) {
            std::vector<Action> out;
            w.arrive(i, kOpens + static_cast<int64_t>(i) * kSec, out);
            auto next = d.reply(
                out[0], out[0].atNs, 201,
                "{\"ticket\":\"T" + std::to_string(i) +
                    "\",\"state\":\"queued\",\"position\":" + std::to_string(positions[i]) + "}");
            waits.push_back(next.at(0));
        }
        // Everyone is admitted; citizen 0 audits a stock of one dose; 1 and 2 both get it.
        std::vector<Action> booking;
        for (uint32_t i = 0; i < 3; ++i) {
            Action a = waits[i];
            a.step = Step::Admit;
            auto next =
                d.reply(a, a.atNs, 200, "{\"admission_token\":\"K" + std::to_string(i) + "\"}");
            if (i == 0) {
                d.reply(
                    next.at(0), next.at(0).atNs, 200,
                    R"({"clinics":[{"id":"C9","region":"r","date":"2026-11-23","remaining":1}],"total":1})");
            } else {
                booking.push_back(next.at(0));
            }
        }
        for (auto a : booking) {
            auto next = d.reply(a, a.atNs, 200, R"({"person_id":"P"})");
            next = d.reply(
                next.at(0), next.at(0).atNs, 200,
                R"({"clinics":[{"id":"C9","region":"r","date":"2026-11-23","remaining":1}]})");
            d.reply(next.at(0), next.at(0).atNs, 201, R"({"reservation_id":"R"})");
        }
        QCOMPARE(w.counters().booked, uint64_t{2});
        RunMeta meta;
        meta.opensNs = kOpens;
        meta.firstRequestNs = kOpens;
        meta.lastReplyNs = kOpens + 10 * kSec;
        meta.endNs = meta.lastReplyNs;
        const auto rep = buildReport(w, meta);
        QCOMPARE(rep.json.at("oversold_clinics").to_number<int64_t>(), int64_t{1});
        QCOMPARE(rep.json.at("fifo_inversions").to_number<int64_t>(), int64_t{1});
        QCOMPARE(rep.json.at("booked").to_number<int64_t>(), int64_t{2});
        QCOMPARE(rep.json.at("invariants_ok").as_bool(), false);
        QCOMPARE(rep.exitCode, int(ExitInvariantBroken));
        QVERIFY(rep.summary.find("FAIL") != std::string::npos);
        for (const char* key :
             {"citizens", "lost_places", "bypass_successes", "prequeue_rank_correlation",
              "requests_per_s", "latency_ms", "errors", "time_to_admit_all_s"})
            QVERIFY2(rep.json.contains(key), key);
    }
};

QTEST_GUILESS_MAIN(TestSurgeLogic)
#include "tst_surge_logic.moc"
