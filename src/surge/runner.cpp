// The surge engine: connection pool, open-loop scheduler, progress line, pre- and post-run
// checks against the server (cohort, stock snapshot, bypass counters, fairness seed).
#include "surge/runner.h"

#include "common/base64url.h"
#include "common/crypto.h"
#include "common/timeutil.h"
#include "surge/machine.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <ostream>
#include <queue>
#include <stdexcept>
#include <thread>

namespace sluice::surge {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {

int64_t steadyNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double parseDelaySeconds(std::string_view v) {
    try {
        return std::stod(std::string(v));
    } catch (...) {
        return -1;
    }
}

double parseMaxAge(std::string_view cc) {
    const auto p = cc.find("max-age=");
    if (p == std::string_view::npos) return -1;
    return parseDelaySeconds(cc.substr(p + 8));
}

// One keep-alive connection; one request in flight at a time.
struct Conn {
    explicit Conn(asio::io_context& ioc) : stream(ioc) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    bhttp::request<bhttp::string_body> req;
    std::optional<bhttp::response_parser<bhttp::string_body>> parser;
    Action action;
    RequestSpec spec;
    bool connected = false, reused = false;
    int resent = 0;
    std::function<void(Conn&, const Reply&)> done;
};

class Pool {
public:
    Pool(asio::io_context& ioc, tcp::endpoint ep, std::string host, double timeoutS)
        : m_ioc(ioc), m_ep(ep), m_host(std::move(host)),
          m_timeout(std::chrono::milliseconds(static_cast<int64_t>(timeoutS * 1000))) {}

    void send(Conn& c) {
        fill(c.req, c.spec);
        c.resent = 0;
        start(c);
    }
    void stop() { m_stopping = true; }
    bool stopping() const { return m_stopping; }

private:
    void fill(bhttp::request<bhttp::string_body>& req, const RequestSpec& s) {
        req = {};
        req.version(11);
        req.method(s.post ? bhttp::verb::post : bhttp::verb::get);
        req.target(s.target);
        req.set(bhttp::field::host, m_host);
        req.set(bhttp::field::user_agent, "sluice-surge");
        if (!s.ticket.empty()) req.set("X-Sluice-Ticket", s.ticket);
        if (!s.bearer.empty()) req.set(bhttp::field::authorization, "Bearer " + s.bearer);
        if (!s.idempotencyKey.empty()) req.set("Idempotency-Key", s.idempotencyKey);
        if (!s.pow.empty()) req.set("X-Sluice-Pow", s.pow);
        if (s.post) {
            if (!s.body.empty()) req.set(bhttp::field::content_type, "application/json");
            req.body() = s.body;
        }
        req.keep_alive(true);
        req.prepare_payload();
    }

    void start(Conn& c) {
        if (c.connected) {
            c.reused = true;
            write(c);
            return;
        }
        c.reused = false;
        c.buffer.clear();
        c.stream.expires_after(m_timeout);
        c.stream.async_connect(m_ep, [this, &c](beast::error_code ec) {
            if (ec) {
                fail(c, ec, TransportError::Connect);
                return;
            }
            c.connected = true;
            beast::error_code ignored;
            c.stream.socket().set_option(tcp::no_delay(true), ignored);
            write(c);
        });
    }

    void write(Conn& c) {
        c.stream.expires_after(m_timeout);
        bhttp::async_write(c.stream, c.req, [this, &c](beast::error_code ec, std::size_t) {
            if (ec) {
                fail(c, ec, TransportError::Reset);
                return;
            }
            c.parser.emplace();
            c.parser->body_limit(64u << 20);
            c.parser->header_limit(64u << 10);
            bhttp::async_read(
                c.stream, c.buffer, *c.parser, [this, &c](beast::error_code ec2, std::size_t) {
                    if (ec2) {
                        fail(c, ec2, TransportError::Reset);
                        return;
                    }
                    auto& res = c.parser->get();
                    Reply r;
                    r.status = static_cast<int>(res.result_int());
                    r.body = res.body();
                    if (auto it = res.find(bhttp::field::retry_after); it != res.end())
                        r.retryAfterS = parseDelaySeconds(it->value());
                    if (auto it = res.find(bhttp::field::cache_control); it != res.end())
                        r.maxAgeS = parseMaxAge(it->value());
                    if (!res.keep_alive()) close(c);
                    c.done(c, r);
                });
        });
    }

    void close(Conn& c) {
        beast::error_code ignored;
        c.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        c.stream.socket().close(ignored);
        c.connected = false;
        c.buffer.clear();
    }

    void fail(Conn& c, beast::error_code ec, TransportError kind) {
        const bool staleKeepAlive =
            c.reused && c.resent == 0 && kind != TransportError::Connect &&
            (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
             ec == asio::error::connection_reset || ec == asio::error::broken_pipe) &&
            (!c.parser || !c.parser->got_some());
        close(c);
        if (m_stopping) {
            Reply r;
            r.error = TransportError::Reset;
            c.done(c, r);
            return;
        }
        if (staleKeepAlive) { // the server closed an idle keep-alive connection: send again once
            c.resent = 1;
            start(c);
            return;
        }
        Reply r;
        r.error = ec == beast::error::timeout ? TransportError::Timeout : kind;
        if (kind == TransportError::Reset &&
            ec.category() == beast::error_code(bhttp::error::body_limit).category() &&
            ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message)
            r.error = TransportError::Protocol;
        c.done(c, r);
    }

    asio::io_context& m_ioc;
    tcp::endpoint m_ep;
    std::string m_host;
    std::chrono::milliseconds m_timeout;
    bool m_stopping = false;
};

struct Fetched {
    int status = 0;
    std::string body;
    TransportError error = TransportError::None;
};

// A single request outside the main loop (before and after it), blocking.
Fetched fetch(asio::io_context& ioc, Pool& pool, const RequestSpec& spec) {
    Conn c(ioc);
    Fetched out;
    c.spec = spec;
    c.done = [&out](Conn&, const Reply& r) {
        out.status = r.status;
        out.body = std::string(r.body);
        out.error = r.error;
    };
    pool.send(c);
    ioc.restart();
    ioc.run();
    beast::error_code ignored;
    c.stream.socket().close(ignored);
    return out;
}

RequestSpec get(std::string target, Route route = Route::Cohorts) {
    RequestSpec s;
    s.route = route;
    s.target = std::move(target);
    return s;
}

struct CohortInfo {
    bool found = false;
    std::string state;
    int64_t prequeueOpensMs = 0, opensMs = 0;
    int birthYearFrom = 0, birthYearTo = 0;
    std::vector<std::string> ids;
};

int64_t timeField(const json::object& o, std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
        const auto* v = o.if_contains(k);
        if (!v) continue;
        if (v->is_string())
            if (auto t = parseRfc3339(std::string(v->as_string()))) return *t;
        if (v->is_number()) return v->to_number<int64_t>();
    }
    return 0;
}

CohortInfo readCohort(const std::string& body, const std::string& id) {
    CohortInfo info;
    boost::system::error_code ec;
    json::value doc = json::parse(body, ec);
    if (ec) return info;
    const json::array* list = nullptr;
    if (doc.is_array())
        list = &doc.as_array();
    else if (doc.is_object() && doc.as_object().contains("cohorts") &&
             doc.as_object().at("cohorts").is_array())
        list = &doc.as_object().at("cohorts").as_array();
    if (!list) return info;
    for (const auto& v : *list) {
        if (!v.is_object()) continue;
        const auto& o = v.as_object();
        const auto* idv = o.if_contains("id");
        if (!idv || !idv->is_string()) continue;
        info.ids.emplace_back(idv->as_string());
        if (idv->as_string() != id) continue;
        info.found = true;
        if (const auto* s = o.if_contains("state"); s && s->is_string())
            info.state = std::string(s->as_string());
        info.prequeueOpensMs = timeField(o, {"prequeue_opens", "prequeue_opens_at"});
        info.opensMs = timeField(o, {"opens", "opens_at"});
        if (const auto* b = o.if_contains("birth_year_from"); b && b->is_number())
            info.birthYearFrom = b->to_number<int>();
        if (const auto* b = o.if_contains("birth_year_to"); b && b->is_number())
            info.birthYearTo = b->to_number<int>();
    }
    return info;
}

std::map<std::string, double> readBypassCounters(const std::string& text) {
    std::map<std::string, double> out;
    std::size_t pos = 0;
    const std::string prefix = "sluice_bypass_attempts_total{";
    while ((pos = text.find(prefix, pos)) != std::string::npos) {
        const auto end = text.find('\n', pos);
        const std::string line =
            text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        pos += prefix.size();
        const auto k = line.find("kind=\"");
        const auto close = line.find('}');
        if (k == std::string::npos || close == std::string::npos) continue;
        const auto kEnd = line.find('"', k + 6);
        const std::string kind = line.substr(k + 6, kEnd - k - 6);
        try {
            out[kind] += std::stod(line.substr(close + 1));
        } catch (...) {
        }
    }
    return out;
}

// The server's sluice_queue_join_refused_total{cohort="C",reason="R"} for one cohort, by reason.
std::map<std::string, double> readJoinRefusals(const std::string& text, const std::string& cohort) {
    std::map<std::string, double> out;
    const std::string prefix = "sluice_queue_join_refused_total{";
    const std::string label = "cohort=\"" + cohort + "\"";
    for (std::size_t pos = 0; (pos = text.find(prefix, pos)) != std::string::npos;) {
        const auto end = text.find('\n', pos);
        const std::string line =
            text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        pos += prefix.size();
        const auto close = line.find('}');
        const auto r = line.find("reason=\"");
        if (close == std::string::npos || r == std::string::npos || r > close ||
            line.find(label) > close)
            continue;
        const auto rEnd = line.find('"', r + 8);
        if (rEnd == std::string::npos) continue;
        try {
            out[line.substr(r + 8, rEnd - r - 8)] += std::stod(line.substr(close + 1));
        } catch (...) {
        }
    }
    return out;
}

} // namespace

std::string parseTarget(const std::string& url, std::string& host, uint16_t& port) {
    std::string rest = url;
    if (rest.rfind("http://", 0) == 0)
        rest = rest.substr(7);
    else if (rest.find("://") != std::string::npos)
        return "only http:// targets are supported";
    while (!rest.empty() && rest.back() == '/')
        rest.pop_back();
    std::string h, p;
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        if (close == std::string::npos) return "bad IPv6 address in the target";
        h = rest.substr(1, close - 1);
        if (close + 1 < rest.size() && rest[close + 1] == ':') p = rest.substr(close + 2);
    } else {
        const auto colon = rest.rfind(':');
        h = colon == std::string::npos ? rest : rest.substr(0, colon);
        if (colon != std::string::npos) p = rest.substr(colon + 1);
    }
    if (h == "localhost") h = "127.0.0.1";
    boost::system::error_code ec;
    const auto addr = asio::ip::make_address(h, ec);
    if (ec) return "the target host must be an IP address or localhost: " + h;
    if (!addr.is_loopback())
        return "the surge only drives a server on this machine (loopback), not " + h;
    long n = 80;
    if (!p.empty()) {
        try {
            std::size_t used = 0;
            n = std::stol(p, &used);
            if (used != p.size()) return "bad port in the target: " + p;
        } catch (...) {
            return "bad port in the target: " + p;
        }
    }
    if (n < 1 || n > 65535) return "port out of range in the target: " + p;
    host = h;
    port = static_cast<uint16_t>(n);
    return {};
}

Report runSurge(const Options& opt, std::ostream& progress) {
    Scenario scenario = Scenario::load(opt.scenarioPath);
    scenario.timeScale *= opt.timeScale;
    const std::string cohort = opt.cohort.value_or(scenario.cohort);
    const uint64_t count = opt.citizens.value_or(std::max<uint64_t>(
        1,
        static_cast<uint64_t>(std::llround(static_cast<double>(scenario.citizens) * opt.scale))));
    const uint64_t seed = opt.seed != 0 ? opt.seed : (randomU64() | 1);
    const int64_t startNs = steadyNs();
    const int64_t deadlineNs = startNs + static_cast<int64_t>(opt.durationLimitS * 1e9);
    const std::string target = "http://" + opt.host + ":" + std::to_string(opt.port);

    asio::io_context ioc(1);
    const tcp::endpoint ep(asio::ip::make_address(opt.host), opt.port);
    Pool pool(ioc, ep, opt.host + ":" + std::to_string(opt.port), scenario.requestTimeoutS);

    // The cohort: wait for its pre-queue if it is not open yet.
    CohortInfo info;
    for (;;) {
        const auto f = fetch(ioc, pool, get("/v1/cohorts"));
        if (f.status != 200) {
            if (steadyNs() >= deadlineNs || f.error == TransportError::None)
                throw std::runtime_error(target + ": GET /v1/cohorts failed (" +
                                         (f.status ? "HTTP " + std::to_string(f.status)
                                                   : std::string(transportErrorName(f.error))) +
                                         ")");
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            continue;
        }
        info = readCohort(f.body, cohort);
        if (!info.found) {
            std::string known;
            for (const auto& id : info.ids)
                known += (known.empty() ? "" : ", ") + id;
            throw std::runtime_error("the server has no cohort \"" + cohort +
                                     "\" (it has: " + known + ")");
        }
        if (info.state == "closed")
            throw std::runtime_error("cohort " + cohort + " is already closed");
        if (info.state != "scheduled") break;
        const int64_t untilPre = info.prequeueOpensMs - nowUnixMs();
        if (!opt.quiet) {
            char line[160];
            std::snprintf(line, sizeof line, "waiting for the pre-queue of %s to open in %.0f s\n",
                          cohort.c_str(), static_cast<double>(untilPre) / 1000.0);
            progress << line << std::flush;
        }
        if (steadyNs() >= deadlineNs)
            throw std::runtime_error("the duration limit passed before cohort " + cohort +
                                     " opened its pre-queue");
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::clamp<int64_t>(untilPre, 200, 1000)));
    }

    // Clocks: the server states times in Unix ms, the engine runs on the steady clock.
    const int64_t nowMs = nowUnixMs();
    const int64_t nowNs = steadyNs();
    const bool alreadyOpen =
        info.state == "open" || info.state == "paused" || info.opensMs <= nowMs;
    int64_t opensNs = alreadyOpen ? nowNs : nowNs + (info.opensMs - nowMs) * 1'000'000;
    ArrivalWindow window;
    if (!alreadyOpen) {
        const int64_t untilOpenMs = info.opensMs - nowMs;
        const int64_t preFromAvail = -(untilOpenMs - 300);
        const int64_t preFromPre =
            info.prequeueOpensMs ? -(info.opensMs - info.prequeueOpensMs - 300) : preFromAvail;
        const auto preWanted =
            -static_cast<int64_t>(scenario.preOpeningS * scenario.timeScale * 1000.0);
        window.preFromMs = std::max({preFromAvail, preFromPre, preWanted});
        window.preToMs = -300;
    }
    WorldConfig wc;
    wc.cohort = cohort;
    wc.opensNs = opensNs;
    wc.birthYearFrom = info.birthYearFrom ? info.birthYearFrom : scenario.birthYearFrom;
    wc.birthYearTo = info.birthYearTo ? info.birthYearTo : scenario.birthYearTo;
    wc.seed = seed;
    wc.openSpreadS = opt.openSpreadS;
    wc.powPrefetch = opt.powPrefetch;
    wc.powMaxBits = opt.powMaxBits;
    {
        char id[24];
        std::snprintf(id, sizeof id, "%08llx",
                      static_cast<unsigned long long>(
                          (seed * 0x9E3779B97F4A7C15ULL ^ static_cast<uint64_t>(nowMs)) >> 32));
        wc.runId = id;
    }
    // About a quarter of a megabyte of histograms plus the population: on the heap.
    auto worldPtr =
        std::make_unique<World>(scenario, wc, buildPopulation(scenario, count, seed, window));
    World& world = *worldPtr;

    RunMeta meta;
    meta.scenario = scenario.name.empty() ? opt.scenarioPath : scenario.name;
    meta.target = target;
    meta.cohort = cohort;
    meta.runId = wc.runId;
    meta.seed = seed;
    meta.scale = opt.citizens ? static_cast<double>(count) / static_cast<double>(scenario.citizens)
                              : opt.scale;
    meta.timeScale = scenario.timeScale;
    meta.startNs = startNs;
    meta.opensNs = opensNs;
    meta.browserHashesPerS = opt.browserHashesPerS;
    {
        // The cohort's screening as the run starts (an older server has no such endpoint).
        const auto f =
            fetch(ioc, pool, get("/v1/queue/" + cohort + "/challenge", Route::Challenge));
        boost::system::error_code ec;
        const auto v = f.status == 200 ? json::parse(f.body, ec) : json::value();
        if (!ec && v.is_object())
            if (const auto* b = v.as_object().if_contains("bits"); b && b->is_number())
                meta.powBitsAtStart = b->to_number<int>();
    }
    if (!opt.quiet) {
        const std::string pow =
            meta.powBitsAtStart > 0
                ? ", proof of work " + std::to_string(meta.powBitsAtStart) + " bits at join"
                : std::string();
        char line[256];
        std::snprintf(line, sizeof line,
                      "surge: %llu citizens against %s, cohort %s %s, seed %llu%s\n",
                      static_cast<unsigned long long>(count), target.c_str(), cohort.c_str(),
                      alreadyOpen ? "(already open: arrivals start now)" : "",
                      static_cast<unsigned long long>(seed), pow.c_str());
        progress << line << std::flush;
    }

    // ---- the main loop ----------------------------------------------------------------------
    // Two lanes of connections: the waiting room's quick calls, and the booking zone's slower
    // ones (the identity provider takes tens to hundreds of ms), so that slow booking calls
    // never hold up the waiting room's polls (head-of-line blocking a browser would not have).
    // Within a lane, steps that move a citizen forward (join, admit, booking) go before polls
    // when the surge cannot send everything on time; latency still counts from the planned time.
    struct Lane {
        std::vector<Conn*> idle;
        std::deque<Action> urgent, pending;
        std::size_t size() const { return urgent.size() + pending.size(); }
    };
    auto isPoll = [](const Action& a) {
        return a.step == Step::Status || a.step == Step::Position;
    };
    std::array<Lane, 2> lanes;
    auto laneOf = [](const Action& a) -> std::size_t {
        return a.step == Step::Verify || a.step == Step::List || a.step == Step::Reserve ||
                       a.step == Step::Snapshot
                   ? 1
                   : 0;
    };
    std::vector<std::unique_ptr<Conn>> conns;
    std::priority_queue<Action, std::vector<Action>, std::greater<Action>> heap;
    std::vector<Action> out;
    uint32_t cursor = 0;
    int inFlight = 0;
    std::array<uint64_t, kRouteCount> secondCounts{};
    std::map<std::string, uint64_t> peak;
    int64_t nextProgressNs = steadyNs() + 1'000'000'000;
    uint64_t lastRequests = 0;
    bool finished = false;

    auto schedule = [&](std::vector<Action>& v) {
        for (const auto& a : v)
            heap.push(a);
        v.clear();
    };
    std::function<void()> pump = [&] {
        for (auto& lane : lanes) {
            while (!lane.idle.empty() && lane.size() > 0 && !pool.stopping()) {
                auto& q = lane.urgent.empty() ? lane.pending : lane.urgent;
                const Action a = q.front();
                q.pop_front();
                Conn* c = lane.idle.back();
                const bool ok = world.build(a, steadyNs(), c->spec, out);
                schedule(out);
                if (!ok) continue;
                lane.idle.pop_back();
                c->action = a;
                ++inFlight;
                if (meta.firstRequestNs == 0) meta.firstRequestNs = steadyNs();
                pool.send(*c);
            }
        }
    };
    auto onReply = [&](Conn& c, const Reply& r) {
        --inFlight;
        const int64_t now = steadyNs();
        meta.lastReplyNs = now;
        if (pool.stopping()) {
            return;
        }
        ++secondCounts[static_cast<std::size_t>(c.spec.route)];
        const std::size_t lane = laneOf(c.action);
        world.onReply(c.action, c.spec, now, r, out);
        schedule(out);
        lanes[lane].idle.push_back(&c);
        pump();
    };
    for (std::size_t lane = 0; lane < lanes.size(); ++lane) {
        const int n = std::max(1, lane == 0 ? opt.connections : opt.bookingConnections);
        for (int i = 0; i < n; ++i) {
            conns.push_back(std::make_unique<Conn>(ioc));
            conns.back()->done = onReply;
            lanes[lane].idle.push_back(conns.back().get());
        }
    }

    asio::steady_timer tick(ioc);
    std::function<void()> onTick = [&] {
        const int64_t now = steadyNs();
        while (cursor < world.size() && world.arrivalNs(cursor) <= now) {
            world.arrive(cursor, world.arrivalNs(cursor), out);
            schedule(out);
            ++cursor;
        }
        while (!heap.empty() && heap.top().atNs <= now) {
            auto& lane = lanes[laneOf(heap.top())];
            if (heap.top().step ==
                Step::Snapshot) // the auditor's stock pages gate every reservation
                lane.urgent.push_front(heap.top());
            else
                (isPoll(heap.top()) ? lane.pending : lane.urgent).push_back(heap.top());
            heap.pop();
        }
        pump();
        if (now >= nextProgressNs) {
            nextProgressNs += 1'000'000'000;
            const auto& k = world.counters();
            for (std::size_t r = 0; r < kRouteCount; ++r) {
                auto& p = peak[routeName(static_cast<Route>(r))];
                p = std::max(p, secondCounts[r]);
                secondCounts[r] = 0;
            }
            if (!opt.quiet) {
                const double rel = static_cast<double>(now - opensNs) / 1e9;
                char line[320];
                std::snprintf(
                    line, sizeof line,
                    "T%+6.0fs %-8s arrived %llu/%llu  waiting %llu  admitted %llu  booked %llu  "
                    "serving %llu/%llu  req/s %llu  queued %zu  lost %llu  bypass %llu/%llu\n",
                    rel, world.lastStatusState().c_str(),
                    static_cast<unsigned long long>(k.arrived),
                    static_cast<unsigned long long>(world.size()),
                    static_cast<unsigned long long>(k.waiting),
                    static_cast<unsigned long long>(k.admitted),
                    static_cast<unsigned long long>(k.booked),
                    static_cast<unsigned long long>(world.lastServing()),
                    static_cast<unsigned long long>(world.lastIssued()),
                    static_cast<unsigned long long>(k.requests - lastRequests),
                    lanes[0].size() + lanes[1].size(),
                    static_cast<unsigned long long>(k.lostPlaces),
                    static_cast<unsigned long long>(k.bypassSuccesses),
                    static_cast<unsigned long long>(k.bypassAttempts));
                progress << line << std::flush;
            }
            lastRequests = k.requests;
        }
        if (cursor == world.size() && world.allDone() && inFlight == 0) {
            finished = true;
            return;
        }
        if (now >= deadlineNs) {
            meta.durationLimitHit = true;
            world.abandonRest();
            pool.stop();
            for (auto& c : conns) {
                beast::error_code ignored;
                c->stream.socket().close(ignored);
            }
            return;
        }
        tick.expires_after(std::chrono::milliseconds(1));
        tick.async_wait([&](beast::error_code ec) {
            if (!ec) onTick();
        });
    };
    ioc.restart();
    onTick();
    ioc.run();
    (void)finished;
    for (auto& c : conns) {
        beast::error_code ignored;
        c->stream.socket().close(ignored);
    }
    conns.clear();

    // ---- after the run ----------------------------------------------------------------------
    Pool after(ioc, ep, opt.host + ":" + std::to_string(opt.port), 30);
    RequestSpec snap;
    for (uint32_t offset = 0; world.buildFinalSnapshot(snap, offset);
         offset += World::kSnapshotPage) {
        const auto f = fetch(ioc, after, snap);
        Reply r;
        r.status = f.status;
        r.body = f.body;
        r.error = f.error;
        const int64_t total = world.onFinalSnapshot(r);
        if (total < 0 || offset + World::kSnapshotPage >= static_cast<uint64_t>(total)) break;
    }
    {
        const auto f = fetch(ioc, after, get("/metrics", Route::Metrics));
        if (f.status == 200) {
            meta.serverBypassCounted = readBypassCounters(f.body);
            meta.serverJoinRefused = readJoinRefusals(f.body, cohort);
        }
    }
    {
        const auto f =
            fetch(ioc, after, get("/v1/cohorts/" + cohort + "/fairness", Route::Fairness));
        if (f.status == 200) {
            boost::system::error_code ec;
            auto v = json::parse(f.body, ec);
            if (!ec && v.is_object()) {
                const auto& o = v.as_object();
                if (const auto* s = o.if_contains("seed_sha256"); s && s->is_string())
                    meta.fairnessSeedSha256 = std::string(s->as_string());
                if (const auto* s = o.if_contains("seed"); s && s->is_string())
                    meta.fairnessSeed = std::string(s->as_string());
                if (!meta.fairnessSeed.empty()) {
                    if (auto bytes = hexDecode(meta.fairnessSeed)) {
                        std::string h = sha256Hex(*bytes), want = meta.fairnessSeedSha256;
                        for (auto& ch : want)
                            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                        meta.fairnessSeedVerified = h == want;
                    }
                }
            }
        }
    }
    {
        const auto f = fetch(ioc, after, get("/v1/queue/" + cohort + "/status", Route::Status));
        if (f.status == 200) {
            boost::system::error_code ec;
            auto v = json::parse(f.body, ec);
            if (!ec && v.is_object())
                if (const auto* s = v.as_object().if_contains("state"); s && s->is_string())
                    meta.finalState = std::string(s->as_string());
        }
    }
    meta.endNs = steadyNs();
    if (meta.lastReplyNs == 0) meta.lastReplyNs = meta.endNs;
    if (meta.firstRequestNs == 0) meta.firstRequestNs = startNs;
    meta.peakRequestsPerS = peak;
    for (auto it = meta.peakRequestsPerS.begin(); it != meta.peakRequestsPerS.end();)
        it = it->second == 0 ? meta.peakRequestsPerS.erase(it) : std::next(it);
    return buildReport(world, meta);
}

} // namespace sluice::surge
