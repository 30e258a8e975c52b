// The ops service: stream hub (sequence, history, broadcast), ticks, commands with the
// two-person rule, notices and the audit log. Everything in Core runs on the control thread
// except the StreamHost entry points, which hand over to it, and the audit HTTP handler,
// which only reads the database. See ops_service.h and docs/ops-protocol.md.
#include "server/ops/ops_service.h"

#include "common/log.h"
#include "common/ops_schema.h"
#include "common/timeutil.h"
#include "server/ops/audit_checkpoint.h"
#include "server/ops/commands.h"
#include "server/ops/frame_history.h"
#include "server/ops/ops_store.h"
#include "server/ops/stats_sampler.h"
#include "server/ops/stream_session.h"
#include "server/queue/notices.h"
#include "server/queue/queue_service.h"
#include "server/store/writer.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <future>
#include <unordered_map>

#ifndef SLUICE_VERSION
#define SLUICE_VERSION "0.0.0"
#endif

namespace sluice::ops {

namespace asio = boost::asio;
namespace json = boost::json;
using CloseCode = boost::beast::websocket::close_code;

namespace {
// Every route that takes an operator's token: never over plain HTTP from another machine.
const http::RouteOptions kOperatorRoute{.operatorCredentials = true};

constexpr int kRevocationCheckMs = 2'000;

FramePtr frameOf(const json::object& o) {
    return std::make_shared<const std::string>(json::serialize(o));
}

json::value optionalNumber(const std::optional<double>& v) {
    return v ? json::value(std::round(*v * 10.0) / 10.0) : json::value(nullptr);
}

json::object cohortJson(const queue::CohortView& v) {
    json::object o;
    o["id"] = v.id;
    o["label"] = json::object{{"ko", v.labelKo}, {"en", v.labelEn}};
    o["state"] = queue::stateName(v.state);
    o["closed_reason"] = v.closedReason;
    o["issued"] = v.issued;
    o["serving"] = v.serving;
    o["waiting"] = v.waiting;
    o["prequeue_size"] = v.prequeueSize ? json::value(*v.prequeueSize) : json::value(nullptr);
    o["rate_ceiling"] = v.rateCeiling;
    o["max_rate"] = v.maxRate;
    o["actual_rate"] = std::round(v.actualRate * 100.0) / 100.0;
    o["max_active"] = v.maxActive;
    o["active"] = v.active;
    o["mode"] = queue::modeName(v.mode);
    o["eta_last_s"] = optionalNumber(v.etaLastS);
    o["paused_for_incident"] = v.pausedForIncident;
    o["pow_bits"] = v.powBits;
    o["joins_per_client_per_min"] = v.joinsPerClientPerMin;
    o["opens"] = formatRfc3339(v.opensMs);
    o["prequeue_opens"] = formatRfc3339(v.prequeueOpensMs);
    o["birth_year_from"] = v.birthYearFrom;
    o["birth_year_to"] = v.birthYearTo;
    return o;
}

json::object clinicJson(const ClinicStock& c) {
    json::object o;
    o["id"] = c.id;
    o["name"] = c.name;
    o["region"] = c.region;
    o["district"] = c.district;
    o["remaining_today"] = c.remainingToday;
    o["remaining_window"] = c.remainingWindow;
    o["reserved_last_minute"] = c.reservedLastMinute;
    return o;
}

json::object noticeJson(const queue::Notice& n) {
    json::object o;
    o["id"] = n.id;
    o["cohort"] = n.cohort;
    o["severity"] = n.severity;
    o["text"] = json::object{{"ko", n.textKo}, {"en", n.textEn}};
    o["posted_at"] = formatRfc3339(n.postedAtMs);
    o["posted_by"] = n.postedBy;
    return o;
}

std::string str(const json::object& o, const char* key) {
    if (auto it = o.find(key); it != o.end() && it->value().is_string())
        return std::string(it->value().get_string());
    if (auto it = o.find(key); it != o.end() && it->value().is_number())
        return numberText(it->value().to_number<double>());
    return {};
}

std::string describe(const std::string& opName, const json::object& args, const json::value& oldV,
                     const json::value& newV) {
    std::string s = opName;
    std::string cohort = str(args, "cohort");
    if (!cohort.empty()) s += " " + cohort;
    auto scalar = [](const json::value& v) -> std::string {
        const json::value* inner = &v;
        if (v.is_object() && v.get_object().size() == 1) inner = &v.get_object().begin()->value();
        if (inner->is_number()) return numberText(inner->to_number<double>());
        if (inner->is_string()) return std::string(inner->get_string());
        if (inner->is_bool()) return inner->get_bool() ? "true" : "false";
        return {};
    };
    std::string o = scalar(oldV), n = scalar(newV);
    if (!o.empty() || !n.empty()) s += " " + (o.empty() ? "?" : o) + " -> " + (n.empty() ? "?" : n);
    return s;
}

} // namespace

struct Pending {
    std::string key;
    CommandFrame cmd;
    OperatorInfo requester;
    std::string peer;
    int64_t requestedAtMs = 0, expiresAtMs = 0;
    std::string reason;
};

struct Conn {
    std::shared_ptr<StreamSession> session;
    OperatorInfo op;
    std::string tokenHash;
};

// One command being carried out: who answers whom, and what runs.
struct Exec {
    std::string answerKey;
    OperatorInfo actor;
    std::string peer;
    CommandFrame cmd;       // what runs
    CommandFrame answerCmd; // what is answered (the approve frame when approving)
    std::optional<Pending> approved;
};

struct OpsService::Core : StreamHost, std::enable_shared_from_this<Core> {
    AppContext& ctx;
    BookingFacade* booking;
    OpsConfig cfg;
    std::string auditKey; // signs audit checkpoints (DATA/audit-key)
    std::atomic<bool> alive{true};

    // ---- control thread only ----
    FrameHistory history;
    std::unordered_map<StreamSession*, Conn> conns;
    StatsSampler sampler;
    StatsSampler::Sample last;
    json::object idpState;
    std::string lastBreaker;
    uint64_t stockVersion = 0;
    std::unordered_map<std::string, FramePtr> answers;
    std::deque<std::string> answerOrder;
    std::unordered_map<std::string, std::vector<std::shared_ptr<StreamSession>>> inflight;
    std::vector<Pending> pending;
    std::unique_ptr<store::Db> readDb;
    std::unique_ptr<asio::steady_timer> timer;
    std::chrono::steady_clock::time_point nextTick;
    int64_t lastRevocationCheckMs = 0;
    // Command rate per operator name (cfg.commandRatePerS, cfg.commandBurst).
    struct Bucket {
        double tokens = 0;
        int64_t atMs = 0;
        bool limited = false; // inside a limited stretch (its start was audited)
    };
    std::unordered_map<std::string, Bucket> buckets;
    // Refused logins written to the audit log in the last minute, and those left out since.
    std::deque<int64_t> failedLoginAudits;
    int64_t failedLoginsNotAudited = 0;
    // Per cohort: (time, ceiling before the change) of set_rate changes made without a second
    // operator, for the two-person rule's window; an approved change starts it afresh.
    std::unordered_map<std::string, std::deque<std::pair<int64_t, double>>> rateSteps;
    FramePtr cachedSnapshot;
    uint64_t cachedSnapshotSeq = 0;
    int64_t cachedSnapshotAtMs = 0;
    int64_t lastBookingAlertMs = 0;

    // ---- any thread ----
    std::shared_ptr<std::atomic<int64_t>> consoleCount = std::make_shared<std::atomic<int64_t>>(0);
    metrics::Counter* resyncs;
    metrics::Counter* closedTooSlow;
    metrics::Counter* closedStalled;
    metrics::Counter* authFailed;
    metrics::Counter* cmdAccepted;
    metrics::Counter* cmdRefused;
    metrics::Counter* cmdPending;
    metrics::Counter* cmdDuplicate;
    metrics::Counter* cmdRateLimited;

    Core(AppContext& c, BookingFacade* b)
        : ctx(c), booking(b), cfg(parseOpsConfig(c.config.root)), history(cfg.historyFrames),
          sampler(c.metrics) {
        auto& m = ctx.metrics;
        resyncs = &m.counter("sluice_ops_resyncs_total",
                             "Consoles sent a fresh snapshot because their send queue overflowed");
        const char* dh = "Consoles disconnected by the server, by reason";
        closedTooSlow = &m.counter("sluice_ops_disconnects_total", dh, "reason=\"too_slow\"");
        closedStalled = &m.counter("sluice_ops_disconnects_total", dh, "reason=\"stalled\"");
        authFailed = &m.counter("sluice_ops_disconnects_total", dh, "reason=\"auth_failed\"");
        const char* ch = "Operator commands by result";
        cmdAccepted = &m.counter("sluice_ops_commands_total", ch, "result=\"accepted\"");
        cmdRefused = &m.counter("sluice_ops_commands_total", ch, "result=\"refused\"");
        cmdPending = &m.counter("sluice_ops_commands_total", ch, "result=\"pending_approval\"");
        cmdDuplicate = &m.counter("sluice_ops_commands_total", ch, "result=\"duplicate\"");
        cmdRateLimited = &m.counter("sluice_ops_commands_total", ch, "result=\"rate_limited\"");
        auto count = consoleCount;
        m.gauge("sluice_ops_consoles", "Consoles connected to the operations stream", "",
                [count] { return static_cast<double>(count->load()); });
    }

    // ================= StreamHost: any thread -> control =================
    template <typename F> void onControl(F&& f) {
        if (!alive.load()) return;
        asio::post(ctx.control, [self = shared_from_this(), f = std::forward<F>(f)]() mutable {
            if (self->alive.load()) f(*self);
        });
    }
    void onAuthenticate(std::shared_ptr<StreamSession> s, std::string token,
                        std::optional<uint64_t> since) override {
        if (!alive.load()) return s->closeNow(CloseCode::going_away, "server stopping");
        onControl([s = std::move(s), token = std::move(token), since](Core& c) mutable {
            c.join(std::move(s), token, since);
        });
    }
    void onCommand(std::shared_ptr<StreamSession> s, json::object frame) override {
        onControl([s = std::move(s), frame = std::move(frame)](Core& c) mutable {
            c.command(std::move(s), std::move(frame));
        });
    }
    void onSnapshotRequest(std::shared_ptr<StreamSession> s, bool) override {
        onControl([s = std::move(s)](Core& c) {
            if (!c.conns.count(s.get())) return;
            s->deliverSnapshot(c.snapshotFrame(), c.history.lastSeq());
        });
    }
    void onClosed(StreamSession* s) override {
        onControl([s](Core& c) {
            if (c.conns.erase(s)) c.consoleCount->store(static_cast<int64_t>(c.conns.size()));
        });
    }

    // ================= stream =================
    store::Db& db() {
        if (!readDb) readDb = std::make_unique<store::Db>(ctx.dbPath, store::Sync::Normal, true);
        return *readDb;
    }

    void join(std::shared_ptr<StreamSession> s, const std::string& token,
              std::optional<uint64_t> since) {
        std::string reason;
        std::optional<OperatorInfo> op;
        try {
            op = authenticate(db(), token, reason);
        } catch (const std::exception& e) {
            SLUICE_ERROR("ops: operator lookup failed: ", e.what());
            readDb.reset();
            reason = "operator lookup failed; try again";
        }
        if (!op) {
            authFailed->inc();
            SLUICE_WARN("ops: console from ", s->peer(), " refused: ", reason);
            auditFailedLogin(s->peer(), reason);
            return s->closeNow(CloseCode::policy_error, reason);
        }
        json::object hello;
        hello["type"] = "hello";
        hello["protocol"] = 1;
        hello["server_version"] = SLUICE_VERSION;
        hello["node_id"] = ctx.config.nodeId;
        hello["server_time"] = formatRfc3339(nowUnixMs());
        hello["operator"] = json::object{{"name", op->name}, {"role", roleName(op->role)}};
        hello["tick_interval_ms"] = cfg.tickMs;
        hello["two_person_rule"] =
            json::object{{"enabled", cfg.twoPerson.enabled},
                         {"rate_factor", cfg.twoPerson.rateFactor},
                         {"approval_timeout_s", cfg.twoPerson.approvalTimeoutS}};
        std::vector<FramePtr> frames;
        std::optional<std::vector<FramePtr>> replay;
        if (since) replay = history.after(*since);
        hello["resume"] =
            json::object{{"from_seq", since ? json::value(*since) : json::value(nullptr)},
                         {"mode", replay ? "replay" : "snapshot"}};
        frames.push_back(frameOf(hello));
        if (replay)
            for (auto& f : *replay)
                frames.push_back(std::move(f));
        else
            frames.push_back(snapshotFrame());
        conns[s.get()] = Conn{s, *op, tokenHash(token)};
        consoleCount->store(static_cast<int64_t>(conns.size()));
        s->deliverInitial(std::move(frames));
    }

    void broadcast(json::object frame) {
        uint64_t seq = history.lastSeq() + 1;
        frame["seq"] = seq;
        FramePtr f = frameOf(frame);
        history.push(f);
        for (auto& [p, c] : conns)
            c.session->deliverBroadcast(f, seq);
    }

    void emitEvent(const std::string& kind, const std::string& severity, const std::string& message,
                   const std::string& operatorName, json::object data) {
        json::object e;
        e["type"] = "event";
        e["seq"] = 0; // set by broadcast; keeps the key order of the fixtures
        e["server_time"] = formatRfc3339(nowUnixMs());
        e["kind"] = kind;
        e["severity"] = severity;
        e["message"] = message;
        e["operator"] = operatorName;
        e["data"] = std::move(data);
        broadcast(std::move(e));
    }

    json::array cohortsJson() {
        json::array a;
        for (const auto& v : ctx.queue.views())
            a.push_back(cohortJson(v));
        return a;
    }

    json::object errorsJson() const {
        json::object e = last.errors;
        json::object idp;
        for (const char* k : {"breaker", "timeouts", "errors"})
            if (auto it = idpState.find(k); it != idpState.end()) idp[k] = it->value();
        e["identity_provider"] = std::move(idp);
        return e;
    }

    json::object pendingJson(const Pending& p) const {
        json::object o;
        o["command_id"] = p.cmd.id;
        o["op"] = p.cmd.op;
        o["args"] = p.cmd.args;
        o["requested_by"] = p.requester.name;
        o["requested_at"] = formatRfc3339(p.requestedAtMs);
        o["expires_at"] = formatRfc3339(p.expiresAtMs);
        o["reason"] = p.reason;
        return o;
    }

    void refreshIdentityProvider() {
        if (!booking) return;
        try {
            idpState = booking->identityProviderState();
        } catch (const std::exception& e) {
            SLUICE_WARN("ops: identity provider state unavailable: ", e.what());
        }
    }

    // Snapshots asked for at the same seq (many consoles connecting or resyncing at once) share
    // one frame: it is serialised once, and nothing it reports from events can differ.
    FramePtr snapshotFrame() {
        if (cachedSnapshot && cachedSnapshotSeq == history.lastSeq() &&
            monotonicMs() - cachedSnapshotAtMs <= cfg.tickMs)
            return cachedSnapshot;
        cachedSnapshot = buildSnapshot();
        cachedSnapshotSeq = history.lastSeq();
        cachedSnapshotAtMs = monotonicMs();
        return cachedSnapshot;
    }

    FramePtr buildSnapshot() {
        refreshIdentityProvider();
        json::object o;
        o["type"] = "snapshot";
        o["seq"] = history.lastSeq();
        o["server_time"] = formatRfc3339(nowUnixMs());
        o["cohorts"] = cohortsJson();
        json::array clinics;
        uint64_t version = stockVersion;
        if (booking)
            for (const auto& c : booking->stockSnapshot(&version))
                clinics.push_back(clinicJson(c));
        o["clinics"] = std::move(clinics);
        o["stock_version"] = version;
        o["errors"] = errorsJson();
        o["latency_ms"] = last.latencyMs;
        o["request_rate"] = last.requestRate;
        json::array notices;
        for (const auto& n : *ctx.notices.all())
            notices.push_back(noticeJson(n));
        o["notices"] = std::move(notices);
        json::array approvals;
        for (const auto& p : pending)
            approvals.push_back(pendingJson(p));
        o["pending_approvals"] = std::move(approvals);
        o["identity_provider"] = idpState;
        o["consoles"] = conns.size();
        return frameOf(o);
    }

    // ================= ticks =================
    void tick() {
        int64_t nowMs = nowUnixMs();
        last = sampler.sample(monotonicMs());
        if (booking) {
            refreshIdentityProvider();
            std::string breaker = str(idpState, "breaker");
            if (!lastBreaker.empty() && breaker != lastBreaker)
                emitEvent("alert",
                          breaker == "open"     ? "critical"
                          : breaker == "closed" ? "info"
                                                : "warning",
                          "identity provider circuit breaker is " + breaker + " (was " +
                              lastBreaker + ")",
                          "",
                          json::object{{"alert", "identity_provider_breaker"},
                                       {"breaker", breaker},
                                       {"previous", lastBreaker}});
            lastBreaker = breaker;
        }
        ctx.queue.reportBookingHealth(last.bookingP99Ms, last.bookingErrorRate);
        if (last.bookingRequests >= 20 && last.bookingErrorRate > 0.05 &&
            nowMs - lastBookingAlertMs > 30'000) {
            lastBookingAlertMs = nowMs;
            emitEvent("alert", "warning",
                      "booking error rate " +
                          numberText(std::round(last.bookingErrorRate * 1000) / 10) +
                          "% over the last " + std::to_string(cfg.tickMs) + " ms",
                      "",
                      json::object{{"alert", "booking_errors"},
                                   {"error_rate", last.bookingErrorRate},
                                   {"requests", last.bookingRequests},
                                   {"p99_ms", last.bookingP99Ms}});
        }
        expireApprovals(nowMs);
        checkRevocations();

        json::object t;
        t["type"] = "tick";
        t["seq"] = 0;
        t["server_time"] = formatRfc3339(nowMs);
        t["interval_ms"] = cfg.tickMs;
        t["cohorts"] = cohortsJson();
        json::array clinics;
        if (booking) {
            uint64_t version = stockVersion;
            for (const auto& c : booking->stockChangedSince(stockVersion, &version))
                clinics.push_back(clinicJson(c));
            stockVersion = version;
        }
        t["clinics"] = std::move(clinics);
        t["stock_version"] = stockVersion;
        t["errors"] = errorsJson();
        t["latency_ms"] = last.latencyMs;
        t["request_rate"] = last.requestRate;
        broadcast(std::move(t));
    }

    void scheduleTick() {
        if (!timer || !alive.load()) return;
        auto interval = std::chrono::milliseconds(cfg.tickMs);
        auto now = std::chrono::steady_clock::now();
        nextTick += interval;
        if (nextTick < now) nextTick = now + interval; // fell behind: skip, never burst
        timer->expires_at(nextTick);
        timer->async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (ec || !self->alive.load()) return;
            try {
                self->tick();
            } catch (const std::exception& e) {
                SLUICE_ERROR("ops: tick failed: ", e.what());
            }
            self->scheduleTick();
        });
    }

    void checkRevocations() {
        int64_t now = monotonicMs();
        if (now - lastRevocationCheckMs < kRevocationCheckMs || conns.empty()) return;
        lastRevocationCheckMs = now;
        try {
            store::Stmt st(db(), "SELECT 1 FROM ops_operators WHERE name = ?1 AND token_hash = ?2 "
                                 "AND revoked_at_ms IS NULL");
            std::vector<StreamSession*> revoked;
            for (auto& [p, c] : conns) {
                st.reset();
                st.bind(1, std::string_view(c.op.name)).bind(2, std::string_view(c.tokenHash));
                if (!st.step()) revoked.push_back(p);
            }
            for (auto* p : revoked) {
                auto it = conns.find(p);
                it->second.session->closeNow(CloseCode::policy_error, "operator token revoked");
                conns.erase(it);
            }
            consoleCount->store(static_cast<int64_t>(conns.size()));
        } catch (const std::exception& e) {
            SLUICE_WARN("ops: revocation check failed: ", e.what());
            readDb.reset();
        }
    }

    // ================= commands =================
    static std::string keyOf(const std::string& operatorName, const std::string& id) {
        return operatorName + '\x1f' + id;
    }

    AuditRow row(const OperatorInfo& who, const std::string& peer, const CommandFrame& cmd,
                 const json::value& oldV, const json::value& newV, std::string result,
                 std::string detail) const {
        AuditRow r;
        r.atMs = nowUnixMs();
        r.operatorName = who.name;
        r.role = roleName(who.role);
        r.peer = peer;
        r.commandId = cmd.id;
        r.op = cmd.op;
        r.args = json::serialize(cmd.args);
        r.oldValue = json::serialize(oldV);
        r.newValue = json::serialize(newV);
        r.result = std::move(result);
        r.detail = std::move(detail);
        return r;
    }

    void auditOnly(std::vector<AuditRow> rows) {
        ctx.writer.submit(
            [rows = std::move(rows)](store::Db& d) mutable {
                for (auto& r : rows)
                    appendAudit(d, r);
            },
            [](std::exception_ptr e) {
                if (!e) return;
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& x) {
                    SLUICE_ERROR("ops: audit append failed: ", x.what());
                }
            });
    }

    // Appends the audit rows, remembers the answer, then sends it to everyone waiting for it.
    void answer(const std::string& key, const OperatorInfo& actor, const std::string& commandId,
                json::object frame, std::vector<AuditRow> rows,
                std::function<void(Core&, int64_t auditId)> after = {},
                std::function<void(store::Db&)> alsoWrite = {}) {
        struct Job {
            std::vector<AuditRow> rows;
            json::object frame;
            int64_t auditId = 0;
        };
        auto job = std::make_shared<Job>(Job{std::move(rows), std::move(frame), 0});
        std::string operatorName = actor.name;
        auto self = shared_from_this();
        ctx.writer.submit(
            [job, operatorName, commandId, alsoWrite = std::move(alsoWrite)](store::Db& d) {
                for (auto& r : job->rows)
                    appendAudit(d, r);
                if (alsoWrite) alsoWrite(d);
                if (!job->rows.empty()) job->auditId = job->rows.front().id;
                json::object stored = job->frame;
                if (job->auditId) stored["audit_id"] = job->auditId;
                if (!commandId.empty())
                    rememberAnswer(d, operatorName, commandId, json::serialize(stored),
                                   nowUnixMs());
            },
            [self, job, key, after = std::move(after)](std::exception_ptr e) mutable {
                if (e) {
                    job->auditId = 0;
                    try {
                        std::rethrow_exception(e);
                    } catch (const std::exception& x) {
                        SLUICE_ERROR("ops: audit append failed: ", x.what());
                    }
                }
                self->onControl([job, key, after = std::move(after)](Core& c) {
                    if (job->auditId) job->frame["audit_id"] = job->auditId;
                    c.finish(key, frameOf(job->frame));
                    if (after) after(c, job->auditId);
                });
            });
    }

    void finish(const std::string& key, FramePtr frame) {
        if (!answers.count(key)) {
            answers[key] = frame;
            answerOrder.push_back(key);
            while (answerOrder.size() > cfg.rememberedCommands) {
                answers.erase(answerOrder.front());
                answerOrder.pop_front();
            }
        }
        auto it = inflight.find(key);
        if (it == inflight.end()) return;
        for (auto& s : it->second)
            s->deliverDirect(frame);
        inflight.erase(it);
    }

    void refuse(const Exec& e, const std::string& code, const std::string& message,
                std::vector<AuditRow> extraRows = {}) {
        cmdRefused->inc();
        json::object n;
        n["type"] = "nack";
        n["id"] = e.answerCmd.id;
        n["op"] = e.answerCmd.op;
        n["code"] = code;
        n["message"] = message;
        std::vector<AuditRow> rows;
        rows.push_back(
            row(e.actor, e.peer, e.answerCmd, nullptr, nullptr, "refused", code + ": " + message));
        for (auto& r : extraRows)
            rows.push_back(std::move(r));
        answer(e.answerKey, e.actor, e.answerCmd.id, std::move(n), std::move(rows));
    }

    // A refused stream login, in the audit log: who tried from where. Bounded per minute so
    // that a flood of bad tokens cannot fill the disk through the audit log.
    void auditFailedLogin(const std::string& peer, const std::string& reason) {
        const int64_t now = nowUnixMs();
        while (!failedLoginAudits.empty() && failedLoginAudits.front() < now - 60'000)
            failedLoginAudits.pop_front();
        if (static_cast<int>(failedLoginAudits.size()) >= cfg.failedLoginAuditsPerMinute) {
            ++failedLoginsNotAudited;
            return;
        }
        failedLoginAudits.push_back(now);
        AuditRow r;
        r.atMs = now;
        r.operatorName = "";
        r.role = "";
        r.peer = peer;
        r.op = "login";
        r.result = "refused";
        r.detail = "stream login refused: " + reason;
        if (failedLoginsNotAudited > 0)
            r.detail += " (" + std::to_string(failedLoginsNotAudited) +
                        " more refused logins in the last minute were not written)";
        failedLoginsNotAudited = 0;
        auditOnly({std::move(r)});
    }

    // The token bucket per operator: whether one more command may run now, and whether this
    // refusal starts a limited stretch (audited once).
    enum class Admit { Run, Limited, LimitStarts };
    Admit takeCommandToken(const std::string& name) {
        const int64_t now = nowUnixMs();
        auto [it, fresh] = buckets.try_emplace(name);
        Bucket& b = it->second;
        if (fresh) {
            b.tokens = cfg.commandBurst;
            b.atMs = now;
        }
        b.tokens = std::min(cfg.commandBurst,
                            b.tokens + double(now - b.atMs) / 1000.0 * cfg.commandRatePerS);
        b.atMs = now;
        if (b.tokens >= 1.0) {
            b.tokens -= 1.0;
            b.limited = false;
            return Admit::Run;
        }
        if (b.limited) return Admit::Limited;
        b.limited = true;
        return Admit::LimitStarts;
    }

    void command(std::shared_ptr<StreamSession> s, json::object frame) {
        auto connIt = conns.find(s.get());
        if (connIt == conns.end()) return;
        const Conn& conn = connIt->second;
        CommandFrame cf = parseCommandFrame(frame);
        if (const Admit admit = takeCommandToken(conn.op.name); admit != Admit::Run) {
            cmdRateLimited->inc();
            if (admit == Admit::LimitStarts) { // one audit row, one log line per stretch
                SLUICE_WARN("ops: operator ", conn.op.name, " from ", s->peer(),
                            " sends commands faster than ", cfg.commandRatePerS, "/s");
                auditOnly(
                    {row(conn.op, s->peer(), cf, nullptr, nullptr, "rate_limited",
                         "more than " + std::to_string(cfg.commandRatePerS) +
                             " commands per second (burst " + std::to_string(cfg.commandBurst) +
                             "); further ones are refused without a row each")});
            }
            json::object n{{"type", "nack"},
                           {"id", cf.id},
                           {"op", cf.op},
                           {"code", "rate_limited"},
                           {"message", "too many commands from operator " + conn.op.name +
                                           "; wait a moment and send it again"}};
            return s->deliverDirect(frameOf(n));
        }
        if (!cf.error.empty()) {
            cmdRefused->inc();
            json::object n{{"type", "nack"},
                           {"id", cf.id},
                           {"op", cf.op},
                           {"code", "bad_frame"},
                           {"message", cf.error}};
            s->deliverDirect(frameOf(n));
            auditOnly({row(conn.op, s->peer(), cf, nullptr, nullptr, "refused",
                           "bad_frame: " + cf.error)});
            return;
        }
        std::string key = keyOf(conn.op.name, cf.id);
        if (auto a = answers.find(key); a != answers.end()) {
            cmdDuplicate->inc();
            s->deliverDirect(a->second);
            auditOnly({row(conn.op, s->peer(), cf, nullptr, nullptr, "duplicate",
                           "command id already used; the first answer was sent again")});
            return;
        }
        if (auto w = inflight.find(key); w != inflight.end()) {
            cmdDuplicate->inc();
            w->second.push_back(s);
            auditOnly({row(conn.op, s->peer(), cf, nullptr, nullptr, "duplicate",
                           "command id already in progress; answered with the first answer")});
            return;
        }
        inflight[key].push_back(s);
        Exec e{key, conn.op, s->peer(), cf, cf, std::nullopt};

        // The token is checked again here, not only every few seconds: a command sent right
        // after `operator revoke` is refused and the console closed at once.
        if (!tokenStillValid(connIt->second)) {
            refuse(e, "forbidden", "operator token revoked");
            s->closeNow(CloseCode::policy_error, "operator token revoked");
            conns.erase(s.get());
            consoleCount->store(static_cast<int64_t>(conns.size()));
            return;
        }

        if (conn.op.role < requiredRole(cf.op) && isKnownOp(cf.op))
            return refuse(
                e, "forbidden",
                "operator " + conn.op.name + " has the role " + roleName(conn.op.role) +
                    ", which may watch but not send commands; ask an admin for the operator role");
        auto views = ctx.queue.views();
        if (auto r = validateCommand(cf.op, cf.args, views)) return refuse(e, r->code, r->message);
        if (cf.op == op::Approve) return approve(std::move(e), views);
        if (auto danger = dangerReason(cf.op, cf.args, views, cfg.twoPerson,
                                       lowestRecentCeiling(str(cf.args, "cohort"))))
            return requestApproval(std::move(e), *danger);
        run(std::move(e));
    }

    bool tokenStillValid(const Conn& c) {
        try {
            store::Stmt st(db(), "SELECT 1 FROM ops_operators WHERE name = ?1 AND token_hash = ?2 "
                                 "AND revoked_at_ms IS NULL");
            st.bind(1, std::string_view(c.op.name)).bind(2, std::string_view(c.tokenHash));
            return st.step();
        } catch (const std::exception& x) {
            SLUICE_WARN("ops: token check failed: ", x.what());
            readDb.reset();
            return false; // fail closed: a command is refused rather than run unchecked
        }
    }

    double lowestRecentCeiling(const std::string& cohort) {
        auto it = rateSteps.find(cohort);
        if (it == rateSteps.end()) return std::nan("");
        const int64_t from = nowUnixMs() - cfg.twoPerson.rateWindowS * 1000;
        auto& steps = it->second;
        while (!steps.empty() && steps.front().first < from)
            steps.pop_front();
        double lowest = std::nan("");
        for (const auto& [at, ceiling] : steps)
            if (!(lowest <= ceiling)) lowest = ceiling;
        return lowest;
    }

    void requestApproval(Exec e, const std::string& reason) {
        cmdPending->inc();
        Pending p;
        p.key = e.answerKey;
        p.cmd = e.cmd;
        p.requester = e.actor;
        p.peer = e.peer;
        p.requestedAtMs = nowUnixMs();
        p.expiresAtMs = p.requestedAtMs + cfg.twoPerson.approvalTimeoutS * 1000;
        p.reason = reason;
        pending.push_back(p);
        json::object a;
        a["type"] = "ack";
        a["id"] = e.cmd.id;
        a["op"] = e.cmd.op;
        a["status"] = "pending_approval";
        a["result"] =
            json::object{{"reason", reason}, {"expires_at", formatRfc3339(p.expiresAtMs)}};
        std::vector<AuditRow> rows{
            row(e.actor, e.peer, e.cmd, nullptr, nullptr, "pending_approval", reason)};
        json::object data = pendingJson(p);
        std::string message = e.actor.name + " asks for approval: " +
                              describe(e.cmd.op, e.cmd.args, nullptr, nullptr) + " (" + reason +
                              ")";
        std::string name = e.actor.name;
        StoredApproval stored{p.key,
                              p.cmd.id,
                              p.cmd.op,
                              json::serialize(p.cmd.args),
                              p.requester.name,
                              roleName(p.requester.role),
                              p.peer,
                              p.requestedAtMs,
                              p.expiresAtMs,
                              p.reason};
        answer(
            e.answerKey, e.actor, e.cmd.id, std::move(a), std::move(rows),
            [data = std::move(data), message, name](Core& c, int64_t) mutable {
                c.emitEvent("approval_requested", "warning", message, name, std::move(data));
            },
            [stored = std::move(stored)](store::Db& d) { savePendingApproval(d, stored); });
    }

    void approve(Exec e, const std::vector<queue::CohortView>& views) {
        std::string target = str(e.cmd.args, "command_id");
        std::string requestedBy = str(e.cmd.args, "requested_by");
        std::vector<std::size_t> matches;
        for (std::size_t i = 0; i < pending.size(); ++i)
            if (pending[i].cmd.id == target &&
                (requestedBy.empty() || pending[i].requester.name == requestedBy))
                matches.push_back(i);
        if (matches.empty())
            return refuse(e, "not_found",
                          "no command with id \"" + target + "\" is waiting for approval");
        if (matches.size() > 1)
            return refuse(e, "invalid_args",
                          "several commands with id \"" + target +
                              "\" wait for approval; add requested_by to choose one");
        Pending p = pending[matches.front()];
        if (p.requester.name == e.actor.name)
            return refuse(e, "self_approval",
                          "you requested this command yourself; a second operator must approve it");
        if (nowUnixMs() > p.expiresAtMs) {
            expireApprovals(nowUnixMs());
            return refuse(e, "not_found", "command \"" + target + "\" expired without approval");
        }
        pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(matches.front()));
        forgetApproval(p.key);
        if (auto r = validateCommand(p.cmd.op, p.cmd.args, views))
            return refuse(e, r->code,
                          "cannot run " + p.requester.name + "'s " + p.cmd.op + ": " + r->message,
                          {row(p.requester, p.peer, p.cmd, nullptr, nullptr, "refused",
                               "approved by " + e.actor.name + " but invalid now: " + r->message)});
        Exec run2{e.answerKey, e.actor, e.peer, p.cmd, e.answerCmd, p};
        run(std::move(run2));
    }

    // The approval left the pending list (approved, refused or expired): its row goes too. The
    // writer is sequential, so the delete commits before anything the approval then writes.
    void forgetApproval(const std::string& key) {
        ctx.writer.submit([key](store::Db& d) { deletePendingApproval(d, key); },
                          [key](std::exception_ptr e) {
                              if (!e) return;
                              try {
                                  std::rethrow_exception(e);
                              } catch (const std::exception& x) {
                                  SLUICE_ERROR("ops: could not delete pending approval ", key, ": ",
                                               x.what());
                              }
                          });
    }

    void expireApprovals(int64_t nowMs) {
        for (auto it = pending.begin(); it != pending.end();) {
            if (nowMs <= it->expiresAtMs) {
                ++it;
                continue;
            }
            Pending p = std::move(*it);
            it = pending.erase(it);
            forgetApproval(p.key);
            std::string detail = "no second operator approved it within " +
                                 std::to_string(cfg.twoPerson.approvalTimeoutS) + " s";
            auditOnly({row(p.requester, p.peer, p.cmd, nullptr, nullptr, "expired", detail)});
            emitEvent("approval_expired", "warning",
                      p.requester.name + "'s " + p.cmd.op + " (" + p.cmd.id +
                          ") expired without approval",
                      p.requester.name,
                      json::object{{"command_id", p.cmd.id},
                                   {"op", p.cmd.op},
                                   {"requested_by", p.requester.name}});
        }
    }

    // Runs a validated command.
    void run(Exec e) {
        const std::string& o = e.cmd.op;
        const auto& args = e.cmd.args;
        auto self = shared_from_this();
        auto done = [self, e](queue::CommandResult r) mutable {
            self->onControl([e = std::move(e), r = std::move(r)](Core& c) mutable {
                c.completed(std::move(e), std::move(r), {}, {});
            });
        };
        std::string cohort = str(args, "cohort");
        if (o == op::PauseCohort) {
            bool incident = false;
            if (auto it = args.find("incident"); it != args.end() && it->value().is_bool())
                incident = it->value().get_bool();
            return ctx.queue.pause(cohort, incident, std::move(done));
        }
        if (o == op::ResumeCohort) return ctx.queue.resume(cohort, std::move(done));
        if (o == op::SetRate)
            return ctx.queue.setRate(cohort, args.at("rate_per_s").to_number<double>(),
                                     std::move(done));
        if (o == op::SetMaxActive)
            return ctx.queue.setMaxActive(
                cohort, static_cast<int64_t>(args.at("max_active").to_number<double>()),
                std::move(done));
        if (o == op::SetScreening) {
            auto whole = [&](const char* key) -> std::optional<int> {
                auto it = args.find(key);
                if (it == args.end()) return std::nullopt;
                return int(it->value().to_number<double>());
            };
            return ctx.queue.setScreening(cohort, whole("pow_bits"),
                                          whole("joins_per_client_per_min"), std::move(done));
        }
        if (o == op::SetAdmissionMode)
            return ctx.queue.setMode(cohort,
                                     str(args, "mode") == "automatic"
                                         ? queue::AdmissionMode::Automatic
                                         : queue::AdmissionMode::Manual,
                                     std::move(done));
        if (o == op::AcknowledgeAlert) {
            queue::CommandResult r;
            r.ok = true;
            r.newValue = json::value(str(args, "alert"));
            json::object data{{"alert", str(args, "alert")}, {"by", e.actor.name}};
            if (auto n = args.find("note"); n != args.end() && n->value().is_string())
                data["note"] = n->value();
            return completed(std::move(e), std::move(r), {},
                             [data = std::move(data)](Core& c) mutable {
                                 std::string by(data["by"].as_string());
                                 std::string message = by + " acknowledged alert " +
                                                       std::string(data["alert"].as_string());
                                 c.emitEvent(std::string(event::AlertAcknowledged), "info", message,
                                             by, std::move(data));
                             });
        }
        if (o == op::PostNotice) return postNotice(std::move(e));
        if (o == op::RetractNotice) return retractNotice(std::move(e));
        if (o == op::SetIdentityProvider) {
            if (!booking)
                return refuse(e, "unavailable",
                              "the booking module is not running on this server, so there is no "
                              "identity provider to drill");
            queue::CommandResult r;
            std::string why;
            try {
                why = booking->setIdentityProvider(args, &r.oldValue, &r.newValue);
            } catch (const std::exception& x) {
                why = std::string("the identity provider could not be changed: ") + x.what();
            }
            if (!why.empty()) return refuse(e, "invalid_args", why);
            r.ok = true;
            return completed(std::move(e), std::move(r), {}, {});
        }
        refuse(e, "unknown_op", "unknown command \"" + o + "\"");
    }

    void postNotice(Exec e) {
        const auto& args = e.cmd.args;
        queue::Notice n;
        n.cohort = str(args, "cohort");
        n.severity = str(args, "severity");
        const auto& text = args.at("text").get_object();
        n.textKo = std::string(text.at("ko").get_string());
        n.textEn = std::string(text.at("en").get_string());
        n.postedAtMs = nowUnixMs();
        n.postedBy = e.actor.name;
        n.id = ctx.notices.post(n);
        ctx.queue.refreshStatus();
        auto self = shared_from_this();
        ctx.writer.submit(
            [n](store::Db& d) { insertNotice(d, n); },
            [self, e = std::move(e), n](std::exception_ptr err) mutable {
                std::string why;
                if (err) {
                    try {
                        std::rethrow_exception(err);
                    } catch (const std::exception& x) {
                        why = x.what();
                    }
                }
                self->onControl([e = std::move(e), n, why](Core& c) mutable {
                    if (!why.empty()) {
                        c.ctx.notices.retract(n.id);
                        c.ctx.queue.refreshStatus();
                        return c.refuse(e, "internal", "the notice could not be stored: " + why);
                    }
                    queue::CommandResult r;
                    r.ok = true;
                    r.newValue = noticeJson(n);
                    json::object extra{{"notice_id", n.id}};
                    json::object notice = noticeJson(n);
                    std::string target = n.cohort == "*" ? "all cohorts" : n.cohort;
                    c.completed(std::move(e), std::move(r), std::move(extra),
                                [notice, target, n](Core& cc) {
                                    cc.emitEvent("notice_posted", n.severity,
                                                 n.postedBy + " posted notice " +
                                                     std::to_string(n.id) + " to " + target,
                                                 n.postedBy, json::object{{"notice", notice}});
                                });
                });
            });
    }

    void retractNotice(Exec e) {
        uint64_t id = static_cast<uint64_t>(e.cmd.args.at("notice_id").to_number<double>());
        queue::Notice removed;
        if (!ctx.notices.retract(id, &removed))
            return refuse(e, "not_found",
                          "there is no active notice with id " + std::to_string(id));
        ctx.queue.refreshStatus();
        auto self = shared_from_this();
        std::string by = e.actor.name;
        int64_t at = nowUnixMs();
        ctx.writer.submit([id, at, by](store::Db& d) { markNoticeRetracted(d, id, at, by); },
                          [self, e = std::move(e), removed, id](std::exception_ptr err) mutable {
                              if (err)
                                  SLUICE_ERROR("ops: storing the retraction of notice ", id,
                                               " failed");
                              self->onControl([e = std::move(e), removed, id](Core& c) mutable {
                                  queue::CommandResult r;
                                  r.ok = true;
                                  r.oldValue = noticeJson(removed);
                                  std::string by2 = e.actor.name;
                                  c.completed(std::move(e), std::move(r), {}, [id, by2](Core& cc) {
                                      cc.emitEvent("notice_retracted", "info",
                                                   by2 + " retracted notice " + std::to_string(id),
                                                   by2, json::object{{"notice_id", id}});
                                  });
                              });
                          });
    }

    // The outcome of a command that ran: ack or nack, audit, events.
    void completed(Exec e, queue::CommandResult r, json::object extra,
                   std::function<void(Core&)> extraEvent) {
        std::vector<AuditRow> rows;
        if (!r.ok) {
            std::vector<AuditRow> extraRows;
            if (e.approved)
                extraRows.push_back(
                    row(e.approved->requester, e.approved->peer, e.cmd, r.oldValue, r.newValue,
                        "refused", "approved by " + e.actor.name + " but refused: " + r.error));
            return refuse(e, "rejected",
                          r.error.empty() ? "the command could not be carried out" : r.error,
                          std::move(extraRows));
        }
        cmdAccepted->inc();
        if (e.cmd.op == op::SetRate) {
            auto& steps = rateSteps[str(e.cmd.args, "cohort")];
            if (e.approved)
                steps.clear();
            else if (r.oldValue.is_number())
                steps.emplace_back(nowUnixMs(), r.oldValue.to_number<double>());
        }
        json::object a;
        a["type"] = "ack";
        a["id"] = e.answerCmd.id;
        a["op"] = e.answerCmd.op;
        a["status"] = "done";
        json::object result{{"old_value", r.oldValue}, {"new_value", r.newValue}};
        for (auto& kv : extra)
            result[kv.key()] = kv.value();
        if (e.approved) {
            result["approved_command_id"] = e.cmd.id;
            result["approved_op"] = e.cmd.op;
            result["requested_by"] = e.approved->requester.name;
        }
        a["result"] = std::move(result);
        std::string detail = e.approved ? "ran " + e.approved->requester.name + "'s " + e.cmd.op +
                                              " (" + e.cmd.id + ")"
                                        : "";
        rows.push_back(
            row(e.actor, e.peer, e.answerCmd, r.oldValue, r.newValue, "accepted", detail));
        if (e.approved)
            rows.push_back(row(e.approved->requester, e.approved->peer, e.cmd, r.oldValue,
                               r.newValue, "approved", "approved by " + e.actor.name));
        std::string who = e.approved ? e.approved->requester.name : e.actor.name;
        std::string message = who + ": " + describe(e.cmd.op, e.cmd.args, r.oldValue, r.newValue);
        if (e.approved) message += " (approved by " + e.actor.name + ")";
        json::object data{{"command_id", e.cmd.id},
                          {"op", e.cmd.op},
                          {"args", e.cmd.args},
                          {"old_value", r.oldValue},
                          {"new_value", r.newValue}};
        if (e.approved) data["approved_by"] = e.actor.name;
        std::optional<json::object> granted;
        if (e.approved)
            granted = json::object{{"command_id", e.cmd.id}, {"op", e.cmd.op},
                                   {"requested_by", who},    {"approved_by", e.actor.name},
                                   {"result", "accepted"},   {"old_value", r.oldValue},
                                   {"new_value", r.newValue}};
        std::string approver = e.actor.name;
        std::string op = e.cmd.op;
        answer(e.answerKey, e.actor, e.answerCmd.id, std::move(a), std::move(rows),
               [data = std::move(data), message, who, granted, approver, op,
                extraEvent = std::move(extraEvent)](Core& c, int64_t auditId) mutable {
                   data["audit_id"] = auditId;
                   if (granted)
                       c.emitEvent("approval_granted", "info",
                                   approver + " approved " + who + "'s " + op, approver,
                                   std::move(*granted));
                   c.emitEvent("operator_action", "info", message, who, std::move(data));
                   if (extraEvent) extraEvent(c);
               });
    }

    // ================= queue events =================
    void queueEvent(queue::QueueEvent ev) {
        std::string cohort = str(ev.data, "cohort");
        std::string message = ev.kind;
        if (!cohort.empty()) message = "cohort " + cohort + ": " + ev.kind;
        std::string from = str(ev.data, "from"), to = str(ev.data, "to");
        if (!from.empty() || !to.empty()) message = "cohort " + cohort + ": " + from + " -> " + to;
        std::string oldV = str(ev.data, "old"), newV = str(ev.data, "new");
        if (!oldV.empty() || !newV.empty())
            message = "cohort " + cohort + ": " + ev.kind + " " + oldV + " -> " + newV;
        if (auto m = str(ev.data, "message"); !m.empty()) message = m;
        std::string severity = "info";
        if (ev.kind == "sold_out" || ev.kind == "cohort_paused" || to == "paused" || to == "closed")
            severity = "warning";
        emitEvent(ev.kind, severity, message, str(ev.data, "operator"), std::move(ev.data));
    }
};

// ================= OpsService =================

OpsService::OpsService(AppContext& ctx, BookingFacade* booking)
    : m_core(std::make_shared<Core>(ctx, booking)) {
    m_core->auditKey = loadOrCreateAuditKey(ctx.config.dataDir);
    std::vector<queue::Notice> notices;
    uint64_t nextId = 1;
    std::vector<RememberedAnswer> remembered;
    std::vector<StoredApproval> approvals;
    std::size_t limit = m_core->cfg.rememberedCommands;
    ctx.writer.runSync([&](store::Db& db) {
        ensureSchema(db);
        notices = loadActiveNotices(db, &nextId);
        remembered = loadAnswers(db, limit);
        approvals = loadPendingApprovals(db);
    });
    // Approvals asked for before a restart wait on; those that expired meanwhile expire on the
    // first tick, with their audit row and event, as if the server had never stopped.
    for (auto& a : approvals) {
        Pending p;
        p.key = a.answerKey;
        p.cmd.id = a.commandId;
        p.cmd.op = a.op;
        boost::system::error_code ec;
        json::value args = json::parse(a.argsJson, ec);
        if (ec || !args.is_object()) {
            SLUICE_WARN("ops: pending approval ", a.commandId,
                        " has unreadable arguments; dropped");
            continue;
        }
        p.cmd.args = std::move(args.as_object());
        p.requester.name = a.requester;
        p.requester.role = parseRole(a.role).value_or(Role::Operator);
        p.peer = a.peer;
        p.requestedAtMs = a.requestedAtMs;
        p.expiresAtMs = a.expiresAtMs;
        p.reason = a.reason;
        m_core->pending.push_back(std::move(p));
    }
    if (!approvals.empty())
        SLUICE_INFO("ops: ", m_core->pending.size(), " command(s) still wait for approval");
    if (!notices.empty() || nextId > 1) {
        // Keep ids unique even if the board already handed some out.
        for (const auto& n : *ctx.notices.all())
            nextId = std::max<uint64_t>(nextId, n.id + 1);
        ctx.notices.restore(std::move(notices), nextId);
    }
    for (auto& r : remembered) {
        std::string key = Core::keyOf(r.operatorName, r.commandId);
        m_core->answers[key] = std::make_shared<const std::string>(std::move(r.answerJson));
        m_core->answerOrder.push_back(std::move(key));
    }
}

OpsService::~OpsService() {
    stop();
}

const OpsConfig& OpsService::config() const {
    return m_core->cfg;
}
std::size_t OpsService::consoles() const {
    return static_cast<std::size_t>(m_core->consoleCount->load());
}

void OpsService::registerRoutes(http::Router& router) {
    std::weak_ptr<Core> weak = m_core;
    SessionLimits limits{m_core->cfg.sendQueueFrames, m_core->cfg.stallTimeoutMs,
                         m_core->cfg.authTimeoutMs, m_core->cfg.resyncLimit,
                         m_core->cfg.resyncWindowMs};
    SessionCounters counters{m_core->resyncs, m_core->closedTooSlow, m_core->closedStalled};
    router.addUpgrade(
        std::string(kStreamPath),
        [weak, limits, counters](http::Stream&& stream, http::Request&& req, std::string peer) {
            auto core = weak.lock();
            if (!core || !core->alive.load()) return; // the stream closes with it
            if (int bytes = core->cfg.socketSendBufferBytes; bytes > 0) {
                boost::system::error_code ignored;
                stream.tcp().socket().set_option(asio::socket_base::send_buffer_size(bytes),
                                                 ignored);
            }
            auto s = std::make_shared<StreamSession>(std::move(stream), std::move(peer), core,
                                                     limits, counters);
            s->start(std::move(req));
        },
        kOperatorRoute);
    std::string dbPath = m_core->ctx.dbPath;
    router.add(
        http::Verb::get, "/v1/ops/audit",
        [dbPath](http::RequestContext& rc) -> http::Response {
            std::string token(rc.bearerToken());
            try {
                store::Db db(dbPath, store::Sync::Normal, true);
                std::string reason;
                auto op = authenticate(db, token, reason);
                if (!op)
                    return http::errorResponse(rc.req, http::Status::unauthorized, "unauthorized",
                                               reason +
                                                   "; send Authorization: Bearer <operator token>");
                int64_t since = 0, limit = 500;
                auto num = [](const std::optional<std::string>& s, int64_t& out) {
                    if (!s) return true;
                    try {
                        std::size_t used = 0;
                        long long v = std::stoll(*s, &used);
                        if (used != s->size() || v < 0) return false;
                        out = v;
                        return true;
                    } catch (...) {
                        return false;
                    }
                };
                if (!num(rc.queryParam("since"), since))
                    return http::errorResponse(rc.req, http::Status::bad_request, "invalid_since",
                                               "since must be a non-negative audit row id");
                if (!num(rc.queryParam("limit"), limit) || limit < 1 || limit > 5000)
                    return http::errorResponse(rc.req, http::Status::bad_request, "invalid_limit",
                                               "limit must be between 1 and 5000");
                auto rows = readAudit(db, since, limit + 1);
                bool more = static_cast<int64_t>(rows.size()) > limit;
                if (more) rows.pop_back();
                json::array out;
                int64_t next = since;
                for (const auto& r : rows) {
                    out.push_back(auditRowToJson(r));
                    next = r.id;
                }
                json::object body{{"rows", std::move(out)}, {"next_since", next}, {"more", more}};
                auto res = http::jsonResponse(rc.req, http::Status::ok, body);
                res.set(http::bhttp::field::cache_control, "no-store");
                return res;
            } catch (const std::exception& e) {
                SLUICE_ERROR("ops: audit read failed: ", e.what());
                return http::errorResponse(rc.req, http::Status::service_unavailable, "unavailable",
                                           "the audit log cannot be read right now");
            }
        },
        kOperatorRoute);
    // The signed anchor of the audit log, for operators to keep outside the server.
    router.add(
        http::Verb::get, "/v1/ops/audit/checkpoint",
        [dbPath, key = m_core->auditKey,
         node = m_core->ctx.config.nodeId](http::RequestContext& rc) -> http::Response {
            std::string token(rc.bearerToken());
            try {
                store::Db db(dbPath, store::Sync::Normal, true);
                std::string reason;
                if (!authenticate(db, token, reason))
                    return http::errorResponse(rc.req, http::Status::unauthorized, "unauthorized",
                                               reason +
                                                   "; send Authorization: Bearer <operator token>");
                db.exec("BEGIN");
                AuditCheckpoint c = makeCheckpoint(db, key, nowUnixMs(), node);
                db.exec("COMMIT");
                auto res = http::jsonResponse(rc.req, http::Status::ok, checkpointToJson(c));
                res.set(http::bhttp::field::cache_control, "no-store");
                return res;
            } catch (const std::exception& e) {
                SLUICE_ERROR("ops: audit checkpoint failed: ", e.what());
                return http::errorResponse(rc.req, http::Status::service_unavailable, "unavailable",
                                           "the audit log cannot be read right now");
            }
        },
        kOperatorRoute);
}

void OpsService::start() {
    if (m_started) return;
    m_started = true;
    auto core = m_core;
    // The chain is checked before anything is served: a server must not add rows to a log
    // that was tampered with, and the operators must learn of it now, not at the next audit.
    {
        store::Db db(core->ctx.dbPath, store::Sync::Normal, true);
        db.exec("BEGIN");
        AuditVerdict v = verifyAudit(db);
        db.exec("COMMIT");
        if (!v.ok && !core->cfg.acceptBrokenAudit)
            throw std::runtime_error(
                "the audit log is broken at row " + std::to_string(v.brokenId) + ": " + v.reason +
                ". Keep the database for the investigation (sluice-server audit verify); to serve "
                "anyway, set ops.accept_broken_audit to true in the config");
        if (!v.ok)
            SLUICE_WARN("ops: serving with a broken audit log (row ", v.brokenId, ": ", v.reason,
                        ") because ops.accept_broken_audit is set");
    }
    std::weak_ptr<Core> weak = core;
    core->ctx.queue.setEventSink([weak](queue::QueueEvent ev) {
        if (auto c = weak.lock())
            c->onControl([ev = std::move(ev)](Core& cc) mutable { cc.queueEvent(std::move(ev)); });
    });
    asio::post(core->ctx.control, [core] {
        if (!core->alive.load()) return;
        core->timer = std::make_unique<asio::steady_timer>(core->ctx.control);
        core->nextTick = std::chrono::steady_clock::now();
        core->last = core->sampler.sample(monotonicMs()); // baseline for the first interval
        if (core->booking) { // the first tick carries changes only, not every clinic
            try {
                core->booking->stockSnapshot(&core->stockVersion);
            } catch (const std::exception& e) {
                SLUICE_WARN("ops: stock version unavailable: ", e.what());
            }
        }
        core->emitEvent(
            "server_started", "info",
            std::string("sluice-server ") + SLUICE_VERSION + " started on node " +
                core->ctx.config.nodeId,
            "",
            json::object{{"server_version", SLUICE_VERSION}, {"node_id", core->ctx.config.nodeId}});
        core->scheduleTick();
    });
}

void OpsService::stop() {
    if (m_stopped) return;
    m_stopped = true;
    auto core = m_core;
    if (!m_started) { // nothing runs on the control thread yet
        core->alive.store(false);
        return;
    }
    auto work = [core] {
        if (core->alive.load() && core->timer)
            core->emitEvent("server_stopping", "info", "sluice-server is stopping", "",
                            json::object{{"server_version", SLUICE_VERSION},
                                         {"node_id", core->ctx.config.nodeId}});
        core->alive.store(false);
        core->timer.reset();
        for (auto& [p, c] : core->conns)
            c.session->closeAfterQueued(CloseCode::going_away, "server stopping");
        core->conns.clear();
        core->consoleCount->store(0);
        core->inflight.clear();
        core->readDb.reset();
        core->cachedSnapshot.reset();
    };
    auto& control = core->ctx.control;
    if (control.get_executor().running_in_this_thread() || control.stopped()) {
        work();
        return;
    }
    auto done = std::make_shared<std::promise<void>>();
    auto fut = done->get_future();
    asio::post(control, [work, done] {
        work();
        done->set_value();
    });
    if (fut.wait_for(std::chrono::seconds(2)) != std::future_status::ready) {
        // The control loop is not running: nothing else touches the core now.
        core->alive.store(false);
        work();
    }
}

} // namespace sluice::ops
