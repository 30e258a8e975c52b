// The waiting room. How the guarantees hold without per-waiter state or per-join disk writes:
//  * Issue numbers come from a per-cohort atomic counter, allowed only below a durable
//    "issue limit" reserved in blocks ahead of use; after a crash the counter restarts at the
//    limit, so no number is ever issued twice (unused numbers become empty places).
//  * At the opening the counter is closed for an instant, its value P (the pre-queue size) is
//    made durable, then issuance resumes at P: entries 0..P-1 take places perm(entry)+1 from
//    the seeded permutation, later numbers n take place n+1 (strict arrival order).
//  * `serving` is made durable before it is published, so it never moves backwards, and the
//    time each place was served is kept: a place's admission token is derived from it and is
//    the same every time it is asked for.
#include "server/queue/queue_service.h"

#include "common/atomic_shared_ptr.h"
#include "common/base64url.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "server/queue/admission_controller.h"
#include "server/queue/eta.h"
#include "server/queue/join_screen.h"
#include "server/queue/prequeue.h"
#include "server/queue/served_history.h"
#include "server/store/writer.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <cmath>
#include <future>
#include <mutex>
#include <unordered_map>

namespace sluice::queue {
namespace json = boost::json;
using http::Status;

const char* stateName(CohortState s) {
    switch (s) {
    case CohortState::Scheduled:
        return "scheduled";
    case CohortState::Prequeue:
        return "prequeue";
    case CohortState::Open:
        return "open";
    case CohortState::Paused:
        return "paused";
    case CohortState::Closed:
        return "closed";
    }
    return "unknown";
}

const char* modeName(AdmissionMode m) {
    return m == AdmissionMode::Automatic ? "automatic" : "manual";
}

namespace {
constexpr uint64_t kClosedBit = uint64_t(1) << 63;
constexpr uint64_t kMinBlock = 4096;
constexpr uint64_t kMaxBlock = uint64_t(1) << 20;

uint64_t fastNonce() {
    thread_local uint64_t state = randomU64();
    uint64_t z = (state += 0x9E3779B97F4A7C15ull); // splitmix64
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void appendJsonNumber(std::string& s, double v) {
    char buf[32];
    if (std::isfinite(v)) {
        std::snprintf(buf, sizeof buf, "%.1f", v);
        s += buf;
    } else {
        s += "null";
    }
}

// Admitted sessions not yet finished, sharded to keep the admit path off a global lock.
class ActiveSessions {
public:
    bool add(uint64_t position, int64_t expiresAtMs) {
        auto& sh = shard(position);
        std::lock_guard lock(sh.mutex);
        auto [it, inserted] = sh.map.emplace(position, expiresAtMs);
        if (inserted) m_count.fetch_add(1, std::memory_order_relaxed);
        return inserted;
    }
    void finish(uint64_t position) {
        auto& sh = shard(position);
        std::lock_guard lock(sh.mutex);
        if (sh.map.erase(position)) m_count.fetch_sub(1, std::memory_order_relaxed);
    }
    void sweep(int64_t nowMs) {
        for (auto& sh : m_shards) {
            std::lock_guard lock(sh.mutex);
            for (auto it = sh.map.begin(); it != sh.map.end();) {
                if (it->second <= nowMs) {
                    it = sh.map.erase(it);
                    m_count.fetch_sub(1, std::memory_order_relaxed);
                } else {
                    ++it;
                }
            }
        }
    }
    int64_t count() const { return m_count.load(std::memory_order_relaxed); }

private:
    struct alignas(64) Shard {
        std::mutex mutex;
        std::unordered_map<uint64_t, int64_t> map;
    };
    Shard& shard(uint64_t p) { return m_shards[(p * 0x9E3779B97F4A7C15ull) >> 60]; }
    std::array<Shard, 16> m_shards;
    std::atomic<int64_t> m_count{0};
};
} // namespace

class Cohort {
public:
    CohortConfig cfg;
    std::string seedHex, seedSha256;

    // Issuance.
    std::atomic<uint64_t> counter{0}; // kClosedBit while the opening is being made durable
    std::atomic<uint64_t> limit{0};   // durable: numbers below it may be issued
    std::atomic<bool> refillInFlight{false};
    std::atomic<uint64_t> lastBlock{kMinBlock}; // refill when half of it is left
    std::atomic<uint64_t> lastRefillCounter{0};
    std::atomic<int64_t> lastRefillMs{0};

    // Opening.
    std::atomic<bool> opened{false};
    std::atomic<bool> openingInFlight{false};
    std::atomic<uint64_t> prequeueSize{0};
    std::unique_ptr<PrequeuePermutation> perm; // set before `opened` is released

    // Serving.
    std::atomic<uint64_t> serving{0}; // durable and published
    ServedHistory history;
    std::atomic<bool> servingWriteInFlight{false};
    AdmissionController controller; // control thread only
    EtaEstimator eta;               // control thread only
    std::atomic<double> rateP50{-1}, rateP10{-1}, actualRate{0};
    int64_t lastAimdMs = 0;

    // Operator state.
    std::atomic<double> rateCeiling{0}, currentRate{0};
    std::atomic<int64_t> maxActive{0};
    std::atomic<int> mode{0};
    std::atomic<bool> paused{false}, pausedIncident{false}, soldOut{false};
    CohortState lastState = CohortState::Scheduled; // control thread only

    ActiveSessions active;
    AtomicSharedPtr<const std::string> statusBody;
    AtomicSharedPtr<const std::string> statusResponse; // whole HTTP answer

    metrics::Counter* joins = nullptr;
    metrics::Counter* rejoins = nullptr;
    metrics::Counter* admits = nullptr;

    // Abuse screening at join (join_screen.h); 0 = off.
    std::atomic<int> powBits{0}, joinsPerClientPerMin{0};
    metrics::Counter* powRequired = nullptr; // joins refused for a missing proof of work
    metrics::Counter* powInvalid = nullptr;  // ... a wrong, forged, expired or too easy one
    metrics::Counter* powReused = nullptr;   // ... a challenge that already bought a ticket
    metrics::Counter* joinLimited = nullptr; // ... over the per-client join limit

    uint64_t issued() const {
        uint64_t c = counter.load(std::memory_order_acquire) & ~kClosedBit;
        return std::min(c, limit.load(std::memory_order_acquire));
    }
    CohortState state(int64_t nowMs) const {
        if (soldOut.load(std::memory_order_relaxed)) return CohortState::Closed;
        if (nowMs < cfg.prequeueOpensMs) return CohortState::Scheduled;
        if (!opened.load(std::memory_order_acquire)) return CohortState::Prequeue;
        if (paused.load(std::memory_order_relaxed)) return CohortState::Paused;
        return CohortState::Open;
    }
    // 1-based place in line; 0 when unknown (pre-queue before the opening).
    uint64_t positionOf(uint64_t number) const {
        if (!opened.load(std::memory_order_acquire)) return 0;
        uint64_t p = prequeueSize.load(std::memory_order_relaxed);
        if (number < p) return perm->permute(number) + 1;
        return number + 1;
    }
};

struct QueueService::Impl {
    const ServerConfig& config;
    store::Writer& writer;
    metrics::Registry& metrics;
    NoticeBoard& notices;
    std::vector<std::unique_ptr<Cohort>> cohorts;
    std::unordered_map<std::string_view, Cohort*> byId;
    boost::asio::io_context* control = nullptr;
    std::unique_ptr<boost::asio::steady_timer> timer;
    std::function<int64_t(const std::string&)> stockProbe;
    std::function<void(QueueEvent)> eventSink;
    std::atomic<double> bookingLatencyP99{0}, bookingErrorRate{0};
    std::atomic<bool> stopping{false};
    AimdController aimd;
    SpentChallenges spentChallenges;
    ClientLimiter joinLimiter;

    Impl(const ServerConfig& c, store::Writer& w, metrics::Registry& m, NoticeBoard& n)
        : config(c), writer(w), metrics(m), notices(n) {}

    Cohort* find(std::string_view id) const {
        auto it = byId.find(id);
        return it == byId.end() ? nullptr : it->second;
    }

    void emit(std::string kind, json::object data) {
        if (!eventSink || !control) return;
        boost::asio::post(*control,
                          [this, kind = std::move(kind), data = std::move(data)]() mutable {
                              if (eventSink)
                                  eventSink(QueueEvent{std::move(kind), std::move(data)});
                          });
    }

    // ---- durability ----
    uint64_t blockFor(Cohort& c, int64_t nowMs) const {
        uint64_t used = c.counter.load() & ~kClosedBit;
        uint64_t since = used - std::min(used, c.lastRefillCounter.load());
        int64_t ms = std::max<int64_t>(1, nowMs - c.lastRefillMs.load());
        // About two seconds of the current join rate, within bounds.
        double perS = double(since) * 1000.0 / double(ms);
        return std::clamp<uint64_t>(static_cast<uint64_t>(perS * 2), kMinBlock, kMaxBlock);
    }

    void requestRefill(Cohort& c) {
        bool expected = false;
        if (!c.refillInFlight.compare_exchange_strong(expected, true)) return;
        int64_t now = nowUnixMs();
        uint64_t block = blockFor(c, now);
        c.lastBlock.store(block, std::memory_order_relaxed);
        uint64_t newLimit = c.limit.load() + block;
        std::string id = c.cfg.id;
        writer.submit(
            [id, newLimit](store::Db& db) {
                store::Stmt(db, "UPDATE cohort_state SET issue_limit = MAX(issue_limit, ?1) WHERE "
                                "cohort_id = ?2")
                    .bind(1, int64_t(newLimit))
                    .bind(2, id)
                    .run();
            },
            [&c, newLimit, now](std::exception_ptr e) {
                if (!e) {
                    uint64_t cur = c.limit.load();
                    while (cur < newLimit && !c.limit.compare_exchange_weak(cur, newLimit)) {
                    }
                    c.lastRefillCounter.store(c.counter.load() & ~kClosedBit);
                    c.lastRefillMs.store(now);
                }
                c.refillInFlight.store(false);
            });
    }

    // Returns the issued number, or nullopt when issuance must wait (opening in progress or
    // the durable limit not yet extended): the caller answers 503 + Retry-After.
    std::optional<uint64_t> issue(Cohort& c) {
        uint64_t w = c.counter.load(std::memory_order_relaxed);
        for (;;) {
            if (w & kClosedBit) return std::nullopt;
            uint64_t lim = c.limit.load(std::memory_order_acquire);
            // Refill at half a block left: at the current join rate that is about a second of
            // headroom for the fsync, so joins do not wait for the disk.
            if (w + c.lastBlock.load(std::memory_order_relaxed) / 2 >= lim) requestRefill(c);
            if (w >= lim) return std::nullopt;
            if (c.counter.compare_exchange_weak(w, w + 1, std::memory_order_acq_rel)) return w;
        }
    }

    void open(Cohort& c, int64_t nowMs) {
        bool expected = false;
        if (!c.openingInFlight.compare_exchange_strong(expected, true)) return;
        uint64_t p = c.counter.fetch_or(kClosedBit) & ~kClosedBit;
        uint64_t newLimit = p + kMinBlock;
        std::string id = c.cfg.id;
        writer.submit(
            [id, p, newLimit, nowMs](store::Db& db) {
                store::Stmt(db, "UPDATE cohort_state SET opened_at_ms = ?1, prequeue_size = ?2, "
                                "issue_limit = MAX(issue_limit, ?3) WHERE cohort_id = ?4")
                    .bind(1, nowMs)
                    .bind(2, int64_t(p))
                    .bind(3, int64_t(newLimit))
                    .bind(4, id)
                    .run();
            },
            [this, &c, p, newLimit, nowMs](std::exception_ptr e) {
                if (e) {
                    // Not durable: reopen issuance for the pre-queue and try again next tick.
                    c.counter.fetch_and(~kClosedBit);
                    c.openingInFlight.store(false);
                    SLUICE_ERROR("cohort ", c.cfg.id, ": could not record the opening; will retry");
                    return;
                }
                finishOpening(c, p, newLimit, nowMs, p);
                emit("cohort_opened",
                     {{"cohort", c.cfg.id}, {"prequeue_size", p}, {"seed", c.seedHex}});
                SLUICE_INFO("cohort ", c.cfg.id, " opened: ", p, " pre-queue entries shuffled");
            });
    }

    // `counterStart`: where issuance resumes (P at the opening; above the old limit on recovery).
    void finishOpening(Cohort& c, uint64_t p, uint64_t newLimit, int64_t nowMs,
                       uint64_t counterStart) {
        if (p > 0) c.perm = std::make_unique<PrequeuePermutation>(*hexDecode(c.seedHex), p);
        c.prequeueSize.store(p);
        uint64_t cur = c.limit.load();
        if (cur < newLimit) c.limit.store(newLimit);
        c.lastRefillCounter.store(counterStart);
        c.lastRefillMs.store(nowMs);
        // The control thread ticks the controller only once `opened` is visible: reset it first.
        c.controller.reset(c.serving.load(), nowMs);
        c.opened.store(true, std::memory_order_release);
        c.counter.store(counterStart, std::memory_order_release); // clears the closed bit
    }

    // ---- control loop ----
    void tick() {
        if (stopping || !timer) return;
        int64_t now = nowUnixMs();
        for (auto& cp : cohorts)
            tickCohort(*cp, now);
        timer->expires_after(std::chrono::milliseconds(config.controllerTickMs));
        timer->async_wait([this](boost::system::error_code ec) {
            if (!ec) tick();
        });
    }

    void tickCohort(Cohort& c, int64_t now) {
        if (!c.opened && now >= c.cfg.opensMs) open(c, now);
        std::optional<int64_t> stock;
        if (stockProbe) stock = stockProbe(c.cfg.id);
        bool soldOut = stock && *stock <= 0;
        if (soldOut != c.soldOut.load()) {
            c.soldOut.store(soldOut);
            if (soldOut) {
                emit("sold_out", {{"cohort", c.cfg.id}});
                SLUICE_WARN("cohort ", c.cfg.id, ": no doses left; admission stopped");
            }
        }
        if (c.opened.load(std::memory_order_acquire)) {
            if (c.mode.load() == int(AdmissionMode::Automatic) && now - c.lastAimdMs >= 1000) {
                c.lastAimdMs = now;
                c.currentRate.store(aimd.adjust(c.currentRate.load(), c.rateCeiling.load(),
                                                bookingLatencyP99.load(), bookingErrorRate.load()));
            }
            AdmissionInputs in;
            in.nowMs = now;
            in.issued = c.issued();
            in.active = c.active.count();
            in.ratePerS = c.currentRate.load();
            in.maxActive = c.maxActive.load();
            in.paused = c.paused.load() || soldOut;
            in.stockLeft = stock;
            uint64_t target = c.controller.tick(in);
            if (target > c.serving.load() && !c.servingWriteInFlight.exchange(true))
                persistServing(c, target, now);
            c.eta.sample(now, c.serving.load());
            c.rateP50.store(c.eta.rateP50().value_or(-1));
            c.rateP10.store(c.eta.rateP10().value_or(-1));
            c.actualRate.store(c.eta.currentRate());
        }
        if (now / 1000 != (now - config.controllerTickMs) / 1000) c.active.sweep(now);
        CohortState st = c.state(now);
        if (st != c.lastState) {
            emit("cohort_state",
                 {{"cohort", c.cfg.id}, {"from", stateName(c.lastState)}, {"to", stateName(st)}});
            c.lastState = st;
        }
        rebuildStatus(c, now);
    }

    void persistServing(Cohort& c, uint64_t target, int64_t now) {
        std::string id = c.cfg.id;
        writer.submit(
            [id, target, now](store::Db& db) {
                store::Stmt(
                    db,
                    "UPDATE cohort_state SET serving = ?1 WHERE cohort_id = ?2 AND serving < ?1")
                    .bind(1, int64_t(target))
                    .bind(2, id)
                    .run();
                store::Stmt(db, "INSERT OR IGNORE INTO served_history(cohort_id, time_ms, serving) "
                                "VALUES (?1, ?2, ?3)")
                    .bind(1, id)
                    .bind(2, now)
                    .bind(3, int64_t(target))
                    .run();
            },
            [&c, target, now](std::exception_ptr e) {
                if (!e) {
                    c.history.append(now, target); // before publishing: served places have a time
                    if (target > c.serving.load())
                        c.serving.store(target, std::memory_order_release);
                }
                c.servingWriteInFlight.store(false);
            });
    }

    std::optional<double> eta(const Cohort& c, uint64_t ahead, bool p90) const {
        if (ahead == 0) return 0.0;
        double p50 = c.rateP50.load(), p10 = c.rateP10.load();
        if (p50 <= 0) return std::nullopt;
        double rate = p90 ? std::max(p10, p50 / 4) : p50;
        return double(ahead) / rate;
    }

    void rebuildStatus(Cohort& c, int64_t now) {
        uint64_t issued = c.issued(), serving = std::min(c.serving.load(), issued);
        std::string s;
        s.reserve(512);
        s += "{\"cohort\":\"" + c.cfg.id + "\",\"state\":\"";
        s += stateName(c.state(now));
        s += "\",\"issued\":" + std::to_string(issued);
        s += ",\"serving\":" + std::to_string(serving);
        s += ",\"waiting\":" + std::to_string(issued - serving);
        s += ",\"rate_per_s\":";
        appendJsonNumber(s, c.actualRate.load());
        s += ",\"rate_ceiling_per_s\":";
        appendJsonNumber(s, c.rateCeiling.load());
        auto etaLast = eta(c, issued - serving, false);
        s += ",\"eta_last_s\":";
        if (etaLast)
            appendJsonNumber(s, *etaLast);
        else
            s += "null";
        s += ",\"prequeue_opens\":\"" + formatRfc3339(c.cfg.prequeueOpensMs) + "\"";
        s += ",\"opens\":\"" + formatRfc3339(c.cfg.opensMs) + "\"";
        s += ",\"updated_at\":\"" + formatRfc3339(now) + "\"";
        s += ",\"notices\":" + json::serialize(notices.forCohort(c.cfg.id)) + "}";
        std::string raw = "HTTP/1.1 200 OK\r\nServer: sluice\r\nContent-Type: application/json\r\n"
                          "Cache-Control: public, max-age=1\r\nContent-Length: " +
                          std::to_string(s.size()) + "\r\n\r\n" + s;
        c.statusResponse.store(std::make_shared<const std::string>(std::move(raw)));
        c.statusBody.store(std::make_shared<const std::string>(std::move(s)));
    }

    // ---- HTTP handlers ----
    struct TicketCheck {
        std::optional<Claims> claims;
        std::optional<http::Response> error;
    };

    TicketCheck checkTicket(http::RequestContext& ctx, Cohort& c, const SignedCodec& codec) {
        TicketCheck r;
        std::string_view text = ctx.header("X-Sluice-Ticket");
        if (text.empty()) {
            r.error = http::errorResponse(ctx.req, Status::unauthorized, "missing_ticket",
                                          "send your ticket in the X-Sluice-Ticket header");
            return r;
        }
        auto d = codec.decode(text);
        if (!d) {
            r.error = http::errorResponse(ctx.req, Status::unauthorized, "invalid_ticket",
                                          std::string("the ticket is not valid (") +
                                              codecErrorName(d.error) + ")");
            return r;
        }
        if (d.claims->kind != ClaimKind::Ticket) {
            r.error = http::errorResponse(ctx.req, Status::unauthorized, "invalid_ticket",
                                          "this is an admission token, not a waiting ticket");
            return r;
        }
        if (d.claims->cohort != c.cfg.id) {
            r.error = http::errorResponse(ctx.req, Status::forbidden, "wrong_cohort",
                                          "this ticket belongs to cohort " + d.claims->cohort);
            return r;
        }
        if (d.claims->number >= c.issued() + kMaxBlock) {
            r.error = http::errorResponse(ctx.req, Status::unauthorized, "invalid_ticket",
                                          "unknown ticket number");
            return r;
        }
        r.claims = std::move(d.claims);
        return r;
    }

    http::Response unknownCohort(http::RequestContext& ctx) {
        return http::errorResponse(ctx.req, Status::not_found, "unknown_cohort",
                                   "no cohort \"" + std::string(ctx.param(0)) + "\"");
    }

    http::Response ticketResponse(http::RequestContext& ctx, Cohort& c, const std::string& ticket,
                                  uint64_t number, Status status) {
        uint64_t pos = c.positionOf(number);
        std::string s;
        s.reserve(ticket.size() + 128);
        s += "{\"ticket\":\"" + ticket + "\",\"cohort\":\"" + c.cfg.id + "\",\"state\":\"";
        s += pos == 0 || number < c.prequeueSize.load() ? "prequeue" : "queued";
        s += "\",\"position\":";
        s += pos ? std::to_string(pos) : "null";
        s += "}";
        auto res = http::makeResponse(ctx.req, status, std::move(s));
        res.set(http::bhttp::field::cache_control, "no-store");
        return res;
    }

    // 403 with a fresh challenge, so the client can start solving without another request.
    http::Response powRefused(http::RequestContext& ctx, Cohort& c, const SignedCodec& codec,
                              PowRefusal r, int bits, int64_t now) {
        (r == PowRefusal::Missing  ? c.powRequired
         : r == PowRefusal::Reused ? c.powReused
                                   : c.powInvalid)
            ->inc();
        json::object o;
        o["error"] = json::object{{"code", powRefusalCode(r)}, {"message", powRefusalMessage(r)}};
        o["challenge"] = challengeObject(c, codec, bits, now);
        auto res = http::makeResponse(ctx.req, Status::forbidden, json::serialize(o));
        res.set(http::bhttp::field::cache_control, "no-store");
        return res;
    }

    json::object challengeObject(Cohort& c, const SignedCodec& codec, int bits, int64_t now) {
        json::object o;
        o["cohort"] = c.cfg.id;
        o["required"] = bits > 0;
        o["bits"] = bits;
        if (bits > 0) {
            o["challenge"] = makeChallenge(codec, c.cfg.id, bits, now);
            o["expires_at"] = formatRfc3339(now + kChallengeTtlMs);
        } else {
            o["challenge"] = nullptr;
            o["expires_at"] = nullptr;
        }
        return o;
    }

    http::Response challenge(http::RequestContext& ctx, const SignedCodec& codec) {
        Cohort* c = find(ctx.param(0));
        if (!c) return unknownCohort(ctx);
        const int64_t now = nowUnixMs();
        auto res =
            http::makeResponse(ctx.req, Status::ok,
                               json::serialize(challengeObject(*c, codec, c->powBits.load(), now)));
        res.set(http::bhttp::field::cache_control, "no-store");
        return res;
    }

    http::Response join(http::RequestContext& ctx, const SignedCodec& codec) {
        Cohort* c = find(ctx.param(0));
        if (!c) return unknownCohort(ctx);
        if (!ctx.req.body().empty()) { // optional client hints; must at least be valid JSON
            std::optional<http::Response> bad;
            if (!http::parseJsonObjectBody(ctx.req, bad)) return std::move(*bad);
        }
        int64_t now = nowUnixMs();
        CohortState st = c->state(now);
        if (st == CohortState::Scheduled)
            return http::errorResponse(ctx.req, Status::conflict, "not_open_yet",
                                       "the waiting room for this cohort opens at " +
                                           formatRfc3339(c->cfg.prequeueOpensMs));
        if (st == CohortState::Closed)
            return http::errorResponse(ctx.req, Status::gone, "closed",
                                       "no doses are left for this cohort");
        // A browser's other tabs and refreshes present the ticket they hold: same place.
        std::string_view held = ctx.header("X-Sluice-Ticket");
        if (!held.empty()) {
            auto d = codec.decode(held);
            if (d && d.claims->kind == ClaimKind::Ticket && d.claims->cohort == c->cfg.id) {
                c->rejoins->inc();
                return ticketResponse(ctx, *c, std::string(held), d.claims->number, Status::ok);
            }
        }
        // A new ticket: the cohort's screening, if any, first.
        std::optional<uint64_t> challengeNonce;
        if (const int bits = c->powBits.load(std::memory_order_relaxed); bits > 0) {
            uint64_t nonce = 0;
            const PowRefusal r = checkPow(codec, ctx.header("X-Sluice-Pow"), c->cfg.id, bits, now,
                                          config.startedAtMs, &nonce);
            if (r != PowRefusal::None) return powRefused(ctx, *c, codec, r, bits, now);
            challengeNonce = nonce;
        }
        if (const int perMin = c->joinsPerClientPerMin.load(std::memory_order_relaxed);
            perMin > 0) {
            const int64_t waitMs = joinLimiter.take(
                clientKey(ctx.peer, ctx.header("X-Forwarded-For"), config.trustedProxies), perMin,
                now);
            if (waitMs > 0) {
                c->joinLimited->inc();
                auto res = http::errorResponse(
                    ctx.req, Status::too_many_requests, "too_many_joins",
                    "too many new tickets from your address in the last minute; if you already "
                    "have one, join with it (X-Sluice-Ticket) to keep your place");
                res.set(http::bhttp::field::retry_after, std::to_string((waitMs + 999) / 1000));
                return res;
            }
        }
        // The limit passed: only now is the work spent (a refused join keeps it).
        if (challengeNonce && !spentChallenges.spend(*challengeNonce, now))
            return powRefused(ctx, *c, codec, PowRefusal::Reused, c->powBits.load(), now);
        auto n = issue(*c);
        if (!n) {
            // No ticket was drawn: the challenge stays good for the retry.
            if (challengeNonce) spentChallenges.release(*challengeNonce);
            auto res =
                http::errorResponse(ctx.req, Status::service_unavailable, "busy",
                                    "tickets are being issued very fast; try again in a moment");
            res.set(http::bhttp::field::retry_after, "1");
            return res;
        }
        c->joins->inc();
        Claims claims{ClaimKind::Ticket, c->cfg.id, *n, now, 0, fastNonce()};
        return ticketResponse(ctx, *c, codec.encode(claims), *n, Status::created);
    }

    http::Response status(http::RequestContext& ctx) {
        Cohort* c = find(ctx.param(0));
        if (!c) return unknownCohort(ctx);
        auto body = c->statusBody.load();
        auto res = http::makeResponse(ctx.req, Status::ok, *body);
        res.set(http::bhttp::field::cache_control, "public, max-age=1");
        return res;
    }

    http::Response position(http::RequestContext& ctx, const SignedCodec& codec) {
        Cohort* c = find(ctx.param(0));
        if (!c) return unknownCohort(ctx);
        auto t = checkTicket(ctx, *c, codec);
        if (t.error) return std::move(*t.error);
        int64_t now = nowUnixMs();
        json::object o;
        o["cohort"] = c->cfg.id;
        uint64_t pos = c->positionOf(t.claims->number);
        uint64_t serving = c->serving.load(std::memory_order_acquire);
        CohortState st = c->state(now);
        if (pos == 0) {
            o["state"] = "prequeue";
            o["ahead"] = nullptr;
            o["eta_p50_s"] = nullptr;
            o["eta_p90_s"] = nullptr;
            o["position"] = nullptr;
            o["opens_in_s"] = std::max<int64_t>(0, c->cfg.opensMs - now) / 1000.0;
        } else {
            o["position"] = pos;
            o["serving"] = serving;
            if (pos <= serving) {
                auto servedAt = c->history.servedAt(pos);
                bool expired = servedAt && now > *servedAt + c->cfg.sessionWindowS * 1000;
                o["state"] = expired ? "expired" : "served";
                o["ahead"] = 0;
                o["eta_p50_s"] = 0;
                o["eta_p90_s"] = 0;
                if (servedAt)
                    o["admit_until"] = formatRfc3339(*servedAt + c->cfg.sessionWindowS * 1000);
            } else {
                uint64_t ahead = pos - serving - 1;
                o["state"] = st == CohortState::Paused   ? "paused"
                             : st == CohortState::Closed ? "closed"
                                                         : "queued";
                o["ahead"] = ahead;
                auto p50 = eta(*c, ahead + 1, false), p90 = eta(*c, ahead + 1, true);
                o["eta_p50_s"] = p50 ? json::value(std::round(*p50)) : json::value(nullptr);
                o["eta_p90_s"] = p90 ? json::value(std::round(*p90)) : json::value(nullptr);
            }
        }
        o["notices"] = notices.forCohort(c->cfg.id);
        auto res = http::jsonResponse(ctx.req, Status::ok, o);
        res.set(http::bhttp::field::cache_control, "no-store");
        return res;
    }

    http::Response admit(http::RequestContext& ctx, const SignedCodec& codec) {
        Cohort* c = find(ctx.param(0));
        if (!c) return unknownCohort(ctx);
        auto t = checkTicket(ctx, *c, codec);
        if (t.error) return std::move(*t.error);
        int64_t now = nowUnixMs();
        CohortState st = c->state(now);
        uint64_t pos = c->positionOf(t.claims->number);
        uint64_t serving = c->serving.load(std::memory_order_acquire);
        auto waitAnswer = [&](Status status, const char* code, std::string message) {
            json::object o;
            o["error"] = {{"code", code}, {"message", std::move(message)}};
            if (pos) {
                uint64_t ahead = pos > serving ? pos - serving - 1 : 0;
                o["ahead"] = ahead;
                o["position"] = pos;
                auto p50 = eta(*c, ahead + 1, false), p90 = eta(*c, ahead + 1, true);
                o["eta_p50_s"] = p50 ? json::value(std::round(*p50)) : json::value(nullptr);
                o["eta_p90_s"] = p90 ? json::value(std::round(*p90)) : json::value(nullptr);
            }
            o["notices"] = notices.forCohort(c->cfg.id);
            auto res = http::jsonResponse(ctx.req, status, o);
            res.set(http::bhttp::field::cache_control, "no-store");
            return res;
        };
        if (pos == 0)
            return waitAnswer(Status::conflict, "not_open_yet",
                              "the cohort opens at " + formatRfc3339(c->cfg.opensMs) +
                                  "; your place is kept");
        if (pos > serving) {
            if (st == CohortState::Paused)
                return waitAnswer(Status::locked, "paused",
                                  "admission is paused; your place is kept");
            if (st == CohortState::Closed)
                return waitAnswer(Status::gone, "sold_out", "no doses are left for this cohort");
            return waitAnswer(Status::conflict, "not_yet_served",
                              "not your turn yet; your place is kept");
        }
        auto servedAt = c->history.servedAt(pos);
        if (!servedAt)
            servedAt = now; // served before history was kept (cannot happen after recovery)
        int64_t expires = *servedAt + c->cfg.sessionWindowS * 1000;
        if (now > expires)
            return waitAnswer(Status::gone, "place_expired",
                              "your turn came at " + formatRfc3339(*servedAt) +
                                  " and the window to book has ended");
        Claims token{
            ClaimKind::AdmissionToken, c->cfg.id, pos, *servedAt, expires, t.claims->nonce};
        if (c->active.add(pos, expires)) c->admits->inc();
        std::string s = "{\"admission_token\":\"" + codec.encode(token) + "\",\"expires_at\":\"" +
                        formatRfc3339(expires) + "\",\"cohort\":\"" + c->cfg.id +
                        "\",\"position\":" + std::to_string(pos) + "}";
        auto res = http::makeResponse(ctx.req, Status::ok, std::move(s));
        res.set(http::bhttp::field::cache_control, "no-store");
        return res;
    }

    http::Response fairness(http::RequestContext& ctx) {
        Cohort* c = find(ctx.param(0));
        if (!c) return unknownCohort(ctx);
        json::object o;
        o["cohort"] = c->cfg.id;
        o["algorithm"] = "sluice-prequeue-v1";
        o["seed_sha256"] = c->seedSha256;
        bool opened = c->opened.load(std::memory_order_acquire);
        o["seed"] = opened ? json::value(c->seedHex) : json::value(nullptr);
        o["prequeue_size"] = opened ? json::value(c->prequeueSize.load()) : json::value(nullptr);
        o["opens"] = formatRfc3339(c->cfg.opensMs);
        return http::jsonResponse(ctx.req, Status::ok, o);
    }

    http::Response listCohorts(http::RequestContext& ctx) {
        int64_t now = nowUnixMs();
        json::array arr;
        for (auto& cp : cohorts) {
            auto& c = *cp;
            arr.push_back({{"id", c.cfg.id},
                           {"label", {{"ko", c.cfg.labelKo}, {"en", c.cfg.labelEn}}},
                           {"birth_year_from", c.cfg.birthYearFrom},
                           {"birth_year_to", c.cfg.birthYearTo},
                           {"prequeue_opens", formatRfc3339(c.cfg.prequeueOpensMs)},
                           {"opens", formatRfc3339(c.cfg.opensMs)},
                           {"state", stateName(c.state(now))}});
        }
        auto res =
            http::jsonResponse(ctx.req, Status::ok, json::object{{"cohorts", std::move(arr)}});
        res.set(http::bhttp::field::cache_control, "public, max-age=1");
        return res;
    }

    // ---- operator commands ----
    void command(const std::string& cohort, Done done,
                 std::function<std::string(Cohort&, CommandResult&)> validate,
                 std::function<void(store::Db&, Cohort&)> persist,
                 std::function<void(Cohort&)> apply, std::string eventKind) {
        Cohort* c = find(cohort);
        CommandResult r;
        if (!c) {
            r.error = "unknown cohort \"" + cohort + "\"";
            return done(std::move(r));
        }
        std::string err = validate(*c, r);
        if (!err.empty()) {
            r.error = std::move(err);
            return done(std::move(r));
        }
        writer.submit(
            [c, persist](store::Db& db) { persist(db, *c); },
            [this, c, r, apply, done, eventKind](std::exception_ptr e) mutable {
                if (e) {
                    r.error = "could not store the change; nothing was changed";
                } else {
                    apply(*c);
                    r.ok = true;
                    emit(eventKind,
                         {{"cohort", c->cfg.id}, {"old", r.oldValue}, {"new", r.newValue}});
                    if (control)
                        boost::asio::post(*control, [this, c] { rebuildStatus(*c, nowUnixMs()); });
                }
                done(std::move(r));
            });
    }
};

QueueService::QueueService(const ServerConfig& config, std::shared_ptr<const SignedCodec> codec,
                           store::Writer& writer, metrics::Registry& metrics, NoticeBoard& notices)
    : m_impl(std::make_unique<Impl>(config, writer, metrics, notices)), m_codec(std::move(codec)) {
    for (const auto& cc : config.cohorts) {
        auto c = std::make_unique<Cohort>();
        c->cfg = cc;
        std::string labels = "cohort=\"" + cc.id + "\"";
        c->joins = &metrics.counter("sluice_queue_joins_total", "Tickets issued", labels);
        c->rejoins =
            &metrics.counter("sluice_queue_rejoins_total",
                             "Joins that presented a held ticket and kept their place", labels);
        c->admits =
            &metrics.counter("sluice_queue_admissions_total",
                             "Places admitted to the booking zone (first admit per place)", labels);
        auto refused = [&](const char* reason) {
            return &metrics.counter("sluice_queue_join_refused_total",
                                    "Joins refused by the abuse screening, by reason",
                                    labels + ",reason=\"" + reason + "\"");
        };
        c->powRequired = refused("pow_required");
        c->powInvalid = refused("pow_invalid");
        c->powReused = refused("pow_reused");
        c->joinLimited = refused("too_many_joins");
        c->powBits.store(config.powBits);
        c->joinsPerClientPerMin.store(config.joinsPerClientPerMin);
        Cohort* raw = c.get();
        metrics.gauge("sluice_queue_issued", "Places issued", labels,
                      [raw] { return double(raw->issued()); });
        metrics.gauge("sluice_queue_serving", "Places served", labels,
                      [raw] { return double(raw->serving.load()); });
        metrics.gauge("sluice_queue_waiting", "Places issued and not yet served", labels, [raw] {
            uint64_t i = raw->issued(), s = raw->serving.load();
            return double(i > s ? i - s : 0);
        });
        metrics.gauge("sluice_queue_active_sessions", "Admitted sessions in the booking zone",
                      labels, [raw] { return double(raw->active.count()); });
        metrics.gauge("sluice_queue_admission_rate", "Measured admissions per second", labels,
                      [raw] { return raw->actualRate.load(); });
        metrics.gauge("sluice_cohort_rate_ceiling",
                      "The operators' admission ceiling, admissions per second", labels,
                      [raw] { return raw->rateCeiling.load(); });
        metrics.gauge("sluice_cohort_max_active", "Sessions allowed in the booking zone at once",
                      labels, [raw] { return double(raw->maxActive.load()); });
        for (CohortState st : {CohortState::Scheduled, CohortState::Prequeue, CohortState::Open,
                               CohortState::Paused, CohortState::Closed})
            metrics.gauge("sluice_cohort_state", "1 for the cohort's current state, else 0",
                          labels + ",state=\"" + stateName(st) + "\"",
                          [raw, st] { return raw->state(nowUnixMs()) == st ? 1.0 : 0.0; });
        m_impl->byId[raw->cfg.id] = raw;
        m_impl->cohorts.push_back(std::move(c));
    }
}

QueueService::~QueueService() = default;

void QueueService::recover() {
    auto& impl = *m_impl;
    impl.writer.runSync([&](store::Db& db) {
        db.exec(R"(CREATE TABLE IF NOT EXISTS cohort_state (
            cohort_id TEXT PRIMARY KEY, seed_hex TEXT NOT NULL,
            prequeue_opens_ms INTEGER NOT NULL, opens_ms INTEGER NOT NULL,
            opened_at_ms INTEGER, prequeue_size INTEGER,
            issue_limit INTEGER NOT NULL, serving INTEGER NOT NULL DEFAULT 0,
            rate_ceiling REAL, max_active INTEGER, mode TEXT NOT NULL DEFAULT 'manual',
            paused INTEGER NOT NULL DEFAULT 0, paused_incident INTEGER NOT NULL DEFAULT 0,
            CHECK (serving >= 0 AND issue_limit >= 0)))");
        // The operators' abuse screening per cohort (NULL: the config's), added after the first
        // release: older data folders gain the columns here.
        bool hasScreening = false;
        {
            store::Stmt t(db, "SELECT 1 FROM pragma_table_info('cohort_state') "
                              "WHERE name = 'pow_bits'");
            hasScreening = t.step();
        }
        if (!hasScreening) {
            db.exec("ALTER TABLE cohort_state ADD COLUMN pow_bits INTEGER");
            db.exec("ALTER TABLE cohort_state ADD COLUMN joins_per_client_per_min INTEGER");
        }
        // Key columns first: SQLite 3.40's integrity_check misreports NULLs in a WITHOUT ROWID
        // table whose NOT NULL column is declared before a key column.
        db.exec(R"(CREATE TABLE IF NOT EXISTS served_history (
            cohort_id TEXT NOT NULL, serving INTEGER NOT NULL, time_ms INTEGER NOT NULL,
            PRIMARY KEY (cohort_id, serving)) WITHOUT ROWID)");
    });
    int64_t now = nowUnixMs();
    for (auto& cp : impl.cohorts) {
        Cohort& c = *cp;
        std::string id = c.cfg.id;
        bool found = false;
        uint64_t limit = 0, serving = 0;
        std::optional<uint64_t> prequeueSize;
        impl.writer.runSync([&](store::Db& db) {
            store::Stmt st(db, "SELECT seed_hex, prequeue_opens_ms, opens_ms, prequeue_size, "
                               "issue_limit, serving, "
                               "rate_ceiling, max_active, mode, paused, paused_incident, "
                               "pow_bits, joins_per_client_per_min FROM "
                               "cohort_state WHERE cohort_id = ?1");
            st.bind(1, id);
            if (st.step()) {
                found = true;
                c.seedHex = st.text(0);
                // Relative opening times were resolved at the cohort's first start: keep them.
                c.cfg.prequeueOpensMs = st.int64(1);
                c.cfg.opensMs = st.int64(2);
                if (!st.isNull(3)) prequeueSize = uint64_t(st.int64(3));
                limit = uint64_t(st.int64(4));
                serving = uint64_t(st.int64(5));
                if (!st.isNull(6)) c.cfg.ratePerS = st.real(6);
                if (!st.isNull(7)) c.cfg.maxActive = st.int64(7);
                c.mode.store(st.text(8) == "automatic" ? 1 : 0);
                c.paused.store(st.int64(9) != 0);
                c.pausedIncident.store(st.int64(10) != 0);
                if (!st.isNull(11)) c.powBits.store(int(st.int64(11)));
                if (!st.isNull(12)) c.joinsPerClientPerMin.store(int(st.int64(12)));
            } else {
                c.seedHex = hexEncode(randomBytes(32).data(), 32);
                store::Stmt(db, "INSERT INTO cohort_state(cohort_id, seed_hex, prequeue_opens_ms, "
                                "opens_ms, issue_limit) "
                                "VALUES (?1, ?2, ?3, ?4, 0)")
                    .bind(1, id)
                    .bind(2, c.seedHex)
                    .bind(3, c.cfg.prequeueOpensMs)
                    .bind(4, c.cfg.opensMs)
                    .run();
            }
            store::Stmt hs(db, "SELECT time_ms, serving FROM served_history WHERE cohort_id = ?1 "
                               "ORDER BY serving");
            hs.bind(1, id);
            while (hs.step())
                c.history.append(hs.int64(0), uint64_t(hs.int64(1)));
        });
        (void)found;
        c.seedSha256 = sha256Hex(*hexDecode(c.seedHex));
        serving = std::max(serving, c.history.lastServing());
        // Numbers below the old limit may have been handed out before a crash: start above it.
        uint64_t start = limit;
        if (prequeueSize) start = std::max(start, *prequeueSize);
        uint64_t newLimit = start + kMinBlock;
        impl.writer.runSync([&](store::Db& db) {
            store::Stmt(db, "UPDATE cohort_state SET issue_limit = ?1 WHERE cohort_id = ?2")
                .bind(1, int64_t(newLimit))
                .bind(2, id)
                .run();
        });
        c.counter.store(start);
        c.limit.store(newLimit);
        c.lastRefillCounter.store(start);
        c.lastRefillMs.store(now);
        c.serving.store(serving);
        c.controller.reset(serving, now);
        c.rateCeiling.store(c.cfg.ratePerS);
        c.currentRate.store(c.cfg.ratePerS);
        c.maxActive.store(c.cfg.maxActive);
        if (prequeueSize) impl.finishOpening(c, *prequeueSize, newLimit, now, start);
        c.lastState = c.state(now);
        impl.rebuildStatus(c, now);
        SLUICE_INFO("cohort ", id, ": ", c.opened ? "open" : "not yet open", ", issued up to ",
                    start, ", serving ", serving, ", opens ", formatRfc3339(c.cfg.opensMs));
    }
}

void QueueService::registerRoutes(http::Router& router) {
    auto* impl = m_impl.get();
    const SignedCodec* codec = m_codec.get();
    using http::Verb;
    router.add(Verb::get, "/v1/cohorts",
               [impl](http::RequestContext& ctx) { return impl->listCohorts(ctx); });
    router.add(Verb::get, "/v1/cohorts/{}/fairness",
               [impl](http::RequestContext& ctx) { return impl->fairness(ctx); });
    router.add(Verb::post, "/v1/queue/{}/join",
               [impl, codec](http::RequestContext& ctx) { return impl->join(ctx, *codec); },
               {true});
    router.add(Verb::get, "/v1/queue/{}/challenge",
               [impl, codec](http::RequestContext& ctx) { return impl->challenge(ctx, *codec); },
               {true});
    // The same answer for every waiter, rebuilt each tick: served pre-serialized.
    router.addRaw(
        Verb::get, "/v1/queue/{}/status",
        [impl](http::RequestContext& ctx) -> std::shared_ptr<const std::string> {
            Cohort* c = impl->find(ctx.param(0));
            return c ? c->statusResponse.load() : nullptr;
        },
        [impl](http::RequestContext& ctx) { return impl->status(ctx); }, {true});
    router.add(Verb::get, "/v1/queue/{}/position",
               [impl, codec](http::RequestContext& ctx) { return impl->position(ctx, *codec); },
               {true});
    router.add(Verb::post, "/v1/queue/{}/admit",
               [impl, codec](http::RequestContext& ctx) { return impl->admit(ctx, *codec); },
               {true});
}

void QueueService::start(boost::asio::io_context& control) {
    m_impl->control = &control;
    m_impl->timer = std::make_unique<boost::asio::steady_timer>(control);
    boost::asio::post(control, [impl = m_impl.get()] { impl->tick(); });
}

void QueueService::shutdown() {
    auto& impl = *m_impl;
    impl.stopping = true;
    // Retire the tick timer on its own thread while that thread still runs.
    if (impl.control && impl.timer && !impl.control->stopped()) {
        std::promise<void> done;
        auto f = done.get_future();
        boost::asio::post(*impl.control, [&impl, &done] {
            impl.timer.reset();
            done.set_value();
        });
        f.wait_for(std::chrono::seconds(5));
    }
    // Record the exact counters: a clean restart then continues without empty places.
    for (auto& cp : impl.cohorts) {
        uint64_t exact = cp->counter.load() & ~kClosedBit;
        std::string id = cp->cfg.id;
        try {
            impl.writer.runSync([&](store::Db& db) {
                store::Stmt(db, "UPDATE cohort_state SET issue_limit = ?1 WHERE cohort_id = ?2 AND "
                                "issue_limit >= ?1")
                    .bind(1, int64_t(exact))
                    .bind(2, id)
                    .run();
            });
        } catch (const std::exception& e) {
            SLUICE_WARN("cohort ", id, ": could not record the exact counter: ", e.what());
        }
    }
}

std::vector<CohortView> QueueService::views() const {
    std::vector<CohortView> out;
    int64_t now = nowUnixMs();
    for (auto& cp : m_impl->cohorts) {
        const Cohort& c = *cp;
        CohortView v;
        v.id = c.cfg.id;
        v.labelKo = c.cfg.labelKo;
        v.labelEn = c.cfg.labelEn;
        v.state = c.state(now);
        v.closedReason = c.soldOut.load() ? "sold_out" : "";
        v.issued = c.issued();
        v.serving = std::min(c.serving.load(), v.issued);
        v.waiting = v.issued - v.serving;
        if (c.opened.load()) v.prequeueSize = c.prequeueSize.load();
        v.rateCeiling = c.rateCeiling.load();
        v.maxRate = c.cfg.maxRatePerS;
        v.actualRate = c.actualRate.load();
        v.maxActive = c.maxActive.load();
        v.active = c.active.count();
        v.mode = static_cast<AdmissionMode>(c.mode.load());
        v.etaLastS = m_impl->eta(c, v.waiting, false);
        v.prequeueOpensMs = c.cfg.prequeueOpensMs;
        v.opensMs = c.cfg.opensMs;
        v.birthYearFrom = c.cfg.birthYearFrom;
        v.birthYearTo = c.cfg.birthYearTo;
        v.pausedForIncident = c.pausedIncident.load();
        v.powBits = c.powBits.load();
        v.joinsPerClientPerMin = c.joinsPerClientPerMin.load();
        out.push_back(std::move(v));
    }
    return out;
}

const CohortConfig* QueueService::cohortConfig(std::string_view id) const {
    Cohort* c = m_impl->find(id);
    return c ? &c->cfg : nullptr;
}

void QueueService::pause(const std::string& cohort, bool incident, Done done) {
    m_impl->command(
        cohort, std::move(done),
        [](Cohort& c, CommandResult& r) -> std::string {
            r.oldValue = c.paused.load() ? "paused" : "running";
            r.newValue = "paused";
            return "";
        },
        // The incident flag only ever goes up while paused: pausing a cohort paused for an
        // incident again without the flag must not clear it (that would let one operator
        // resume it without the second operator the two-person rule asks for). Only a resume
        // clears it.
        [incident](store::Db& db, Cohort& c) {
            store::Stmt(db, "UPDATE cohort_state SET paused = 1, "
                            "paused_incident = max(paused_incident * paused, ?1) "
                            "WHERE cohort_id = ?2")
                .bind(1, int64_t(incident))
                .bind(2, c.cfg.id)
                .run();
        },
        [incident](Cohort& c) {
            c.pausedIncident.store(incident || (c.paused.load() && c.pausedIncident.load()));
            c.paused.store(true);
        },
        "cohort_paused");
}

void QueueService::resume(const std::string& cohort, Done done) {
    m_impl->command(
        cohort, std::move(done),
        [](Cohort& c, CommandResult& r) -> std::string {
            if (!c.paused.load()) return "cohort " + c.cfg.id + " is not paused";
            r.oldValue = "paused";
            r.newValue = "running";
            return "";
        },
        [](store::Db& db, Cohort& c) {
            store::Stmt(
                db, "UPDATE cohort_state SET paused = 0, paused_incident = 0 WHERE cohort_id = ?1")
                .bind(1, c.cfg.id)
                .run();
        },
        [](Cohort& c) {
            c.paused.store(false);
            c.pausedIncident.store(false);
        },
        "cohort_resumed");
}

void QueueService::setRate(const std::string& cohort, double rate, Done done) {
    m_impl->command(
        cohort, std::move(done),
        [rate](Cohort& c, CommandResult& r) -> std::string {
            if (!(rate >= 0) || rate > c.cfg.maxRatePerS) {
                char buf[160];
                std::snprintf(buf, sizeof buf,
                              "rate must be between 0 and %.0f admissions per second",
                              c.cfg.maxRatePerS);
                return buf;
            }
            r.oldValue = c.rateCeiling.load();
            r.newValue = rate;
            return "";
        },
        [rate](store::Db& db, Cohort& c) {
            store::Stmt(db, "UPDATE cohort_state SET rate_ceiling = ?1 WHERE cohort_id = ?2")
                .bind(1, rate)
                .bind(2, c.cfg.id)
                .run();
        },
        [rate](Cohort& c) {
            c.rateCeiling.store(rate);
            if (c.mode.load() == int(AdmissionMode::Manual) || c.currentRate.load() > rate)
                c.currentRate.store(rate);
        },
        "rate_changed");
}

void QueueService::setMaxActive(const std::string& cohort, int64_t maxActive, Done done) {
    m_impl->command(
        cohort, std::move(done),
        [maxActive](Cohort& c, CommandResult& r) -> std::string {
            if (maxActive < 1 || maxActive > 1'000'000'000)
                return "max_active must be between 1 and 1000000000";
            r.oldValue = c.maxActive.load();
            r.newValue = maxActive;
            return "";
        },
        [maxActive](store::Db& db, Cohort& c) {
            store::Stmt(db, "UPDATE cohort_state SET max_active = ?1 WHERE cohort_id = ?2")
                .bind(1, maxActive)
                .bind(2, c.cfg.id)
                .run();
        },
        [maxActive](Cohort& c) { c.maxActive.store(maxActive); }, "max_active_changed");
}

void QueueService::setScreening(const std::string& cohort, std::optional<int> powBits,
                                std::optional<int> joinsPerClientPerMin, Done done) {
    auto next = [=](const Cohort& c) {
        return std::pair{powBits.value_or(c.powBits.load()),
                         joinsPerClientPerMin.value_or(c.joinsPerClientPerMin.load())};
    };
    auto object = [](std::pair<int, int> v) {
        return json::object{{"pow_bits", v.first}, {"joins_per_client_per_min", v.second}};
    };
    m_impl->command(
        cohort, std::move(done),
        [=](Cohort& c, CommandResult& r) -> std::string {
            const auto [bits, joins] = next(c);
            if (bits < 0 || bits > kMaxPowBits)
                return "pow_bits must be between 0 (off) and " + std::to_string(kMaxPowBits);
            if (joins < 0 || joins > 100'000)
                return "joins_per_client_per_min must be between 0 (off) and 100000";
            r.oldValue = object({c.powBits.load(), c.joinsPerClientPerMin.load()});
            r.newValue = object({bits, joins});
            return "";
        },
        [=](store::Db& db, Cohort& c) {
            const auto [bits, joins] = next(c);
            store::Stmt(db, "UPDATE cohort_state SET pow_bits = ?1, joins_per_client_per_min = ?2 "
                            "WHERE cohort_id = ?3")
                .bind(1, int64_t(bits))
                .bind(2, int64_t(joins))
                .bind(3, c.cfg.id)
                .run();
        },
        [=](Cohort& c) {
            const auto [bits, joins] = next(c);
            c.powBits.store(bits);
            c.joinsPerClientPerMin.store(joins);
        },
        "screening_changed");
}

void QueueService::setMode(const std::string& cohort, AdmissionMode mode, Done done) {
    m_impl->command(
        cohort, std::move(done),
        [mode](Cohort& c, CommandResult& r) -> std::string {
            r.oldValue = modeName(static_cast<AdmissionMode>(c.mode.load()));
            r.newValue = modeName(mode);
            return "";
        },
        [mode](store::Db& db, Cohort& c) {
            store::Stmt(db, "UPDATE cohort_state SET mode = ?1 WHERE cohort_id = ?2")
                .bind(1, std::string(modeName(mode)))
                .bind(2, c.cfg.id)
                .run();
        },
        [mode](Cohort& c) {
            c.mode.store(int(mode));
            if (mode == AdmissionMode::Manual) c.currentRate.store(c.rateCeiling.load());
        },
        "admission_mode_changed");
}

void QueueService::reportBookingHealth(double latencyP99Ms, double errorRate) {
    m_impl->bookingLatencyP99.store(latencyP99Ms);
    m_impl->bookingErrorRate.store(errorRate);
}

std::optional<AdmissionTokenInfo>
QueueService::verifyAdmissionToken(std::string_view token, int64_t nowMs, std::string& kind) const {
    if (token.empty()) {
        kind = "bypass_no_token";
        return std::nullopt;
    }
    auto d = m_codec->decode(token);
    Cohort* c = d ? m_impl->find(d.claims->cohort) : nullptr;
    // A waiting ticket is not an admission token; a token can only exist from the opening on.
    if (!d || d.claims->kind != ClaimKind::AdmissionToken || !c ||
        d.claims->issuedAtMs < c->cfg.opensMs) {
        kind = "bypass_forged";
        return std::nullopt;
    }
    if (nowMs >= d.claims->expiresAtMs) {
        kind = "bypass_expired";
        return std::nullopt;
    }
    AdmissionTokenInfo info;
    info.cohort = d.claims->cohort;
    info.position = d.claims->number;
    info.expiresAtMs = d.claims->expiresAtMs;
    info.tokenId = info.cohort + ":" + std::to_string(info.position);
    return info;
}

void QueueService::sessionFinished(const std::string& cohort, uint64_t position) {
    if (Cohort* c = m_impl->find(cohort)) c->active.finish(position);
}

namespace {
// Members the tick reads on the control thread: once that thread runs, they are set there
// too (a data race found by ThreadSanitizer: booking and ops wire them after the queue started).
template <class Impl, class T> void setOnControl(Impl* impl, T Impl::*member, T value) {
    if (!impl->control) {
        impl->*member = std::move(value);
        return;
    }
    boost::asio::post(*impl->control, [impl, member, v = std::move(value)]() mutable {
        impl->*member = std::move(v);
    });
}
} // namespace

void QueueService::setStockProbe(std::function<int64_t(const std::string&)> probe) {
    setOnControl(m_impl.get(), &Impl::stockProbe, std::move(probe));
}

void QueueService::setEventSink(std::function<void(QueueEvent)> sink) {
    setOnControl(m_impl.get(), &Impl::eventSink, std::move(sink));
}

void QueueService::refreshStatus() {
    if (!m_impl->control) return;
    boost::asio::post(*m_impl->control, [impl = m_impl.get()] {
        int64_t now = nowUnixMs();
        for (auto& c : impl->cohorts)
            impl->rebuildStatus(*c, now);
    });
}

} // namespace sluice::queue
