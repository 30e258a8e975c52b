// The virtual-citizen state machine: arrive -> join -> poll status/position -> admit -> verify
// identity -> list clinics -> reserve (same Idempotency-Key on retries) -> done, plus the
// misbehaving kinds (refreshers, multi-window users, abandoners, bots) and the invariant checks.
#include "surge/machine.h"

#include "common/pow.h"

#include <boost/json.hpp>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace sluice::surge {

namespace json = boost::json;

const char* routeName(Route r) {
    switch (r) {
    case Route::Cohorts:
        return "cohorts";
    case Route::Join:
        return "join";
    case Route::Challenge:
        return "challenge";
    case Route::Status:
        return "status";
    case Route::Position:
        return "position";
    case Route::Admit:
        return "admit";
    case Route::Verify:
        return "identity_verify";
    case Route::Clinics:
        return "clinics";
    case Route::Reserve:
        return "reservations";
    case Route::Fairness:
        return "fairness";
    case Route::Metrics:
        return "metrics";
    case Route::Bot:
        return "bot";
    case Route::Count:
        break;
    }
    return "?";
}

const char* transportErrorName(TransportError e) {
    switch (e) {
    case TransportError::None:
        return "none";
    case TransportError::Connect:
        return "connect";
    case TransportError::Timeout:
        return "timeout";
    case TransportError::Reset:
        return "connection_reset";
    case TransportError::Protocol:
        return "protocol";
    }
    return "?";
}

const char* outcomeName(Outcome o) {
    switch (o) {
    case Outcome::None:
        return "none";
    case Outcome::Booked:
        return "booked";
    case Outcome::Abandoned:
        return "abandoned";
    case Outcome::SoldOut:
        return "sold_out";
    case Outcome::NotEligible:
        return "not_eligible";
    case Outcome::Failed:
        return "failed";
    case Outcome::BotDone:
        return "bot_done";
    case Outcome::Auditor:
        return "auditor";
    case Outcome::Unfinished:
        return "unfinished";
    }
    return "?";
}

namespace {

json::object parseObject(std::string_view body) {
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec || !v.is_object()) return {};
    return std::move(v.as_object());
}

std::string getString(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// -1 when absent or not a number.
double getNumber(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_number() ? v->to_number<double>() : -1.0;
}

uint64_t getCount(const json::object& o, std::string_view key) {
    const double d = getNumber(o, key);
    return d > 0 ? static_cast<uint64_t>(std::llround(d)) : 0;
}

std::string errorCode(std::string_view body) {
    const auto o = parseObject(body);
    if (const auto* e = o.if_contains("error"); e && e->is_object())
        return getString(e->as_object(), "code");
    return {};
}

std::string urlEncode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : s) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            out.push_back(static_cast<char>(ch));
        } else {
            out.push_back('%');
            out.push_back(hex[ch >> 4]);
            out.push_back(hex[ch & 15]);
        }
    }
    return out;
}

bool is2xx(int s) {
    return s >= 200 && s < 300;
}

Route routeOf(const Action& a) {
    switch (a.step) {
    case Step::Join:
    case Step::RejoinWithTicket:
        return Route::Join;
    case Step::Challenge:
        return Route::Challenge;
    case Step::Status:
        return Route::Status;
    case Step::Position:
        return Route::Position;
    case Step::Admit:
        return Route::Admit;
    case Step::Verify:
        return Route::Verify;
    case Step::List:
    case Step::Snapshot:
        return Route::Clinics;
    case Step::Reserve:
        return Route::Reserve;
    case Step::BotCall:
    case Step::BotWait:
        return Route::Bot;
    }
    return Route::Bot;
}

constexpr int kMaxOverloadRetries = 200;

// The refusals of abuse screening's proof of work (docs/api.md).
bool isPowCode(std::string_view code) {
    return code == "pow_required" || code == "pow_invalid" || code == "pow_reused";
}

// A challenge object: {"cohort", "required", "bits", "challenge", "expires_at"}.
struct ChallengeView {
    bool required = false;
    int bits = -1;
    std::string text;
};
ChallengeView readChallenge(const json::object& o) {
    ChallengeView v;
    if (const auto* r = o.if_contains("required"); r && r->is_bool()) v.required = r->as_bool();
    const double bits = getNumber(o, "bits");
    if (bits >= 0 && bits <= 256) v.bits = static_cast<int>(bits);
    v.text = getString(o, "challenge");
    return v;
}

int64_t threadCpuNs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace

World::World(const Scenario& scenario, WorldConfig config, std::vector<CitizenPlan> plans)
    : m_s(scenario), m_config(std::move(config)), m_rng(m_config.seed * 0x9E3779B97F4A7C15ULL + 7) {
    m_citizens.resize(plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i)
        m_citizens[i].plan = plans[i];
    m_tickets.reserve(plans.size() + plans.size() / 8);
}

double World::uniform(double lo, double hi) {
    return lo + (hi - lo) * unit(m_rng);
}

int64_t World::jitter(double seconds) {
    const double j = m_s.pollJitter;
    const double s = seconds * (1.0 + j * (2.0 * unit(m_rng) - 1.0));
    return static_cast<int64_t>(std::max(0.0, s) * 1e9);
}

std::string_view World::ticketText(uint32_t t) const {
    if (t == kNone || t >= m_tickets.size()) return {};
    return std::string_view(m_arena).substr(m_tickets[t].textOff, m_tickets[t].textLen);
}

uint32_t World::addTicket(uint32_t citizen, std::string_view text, int64_t sentNs,
                          int64_t answeredNs) {
    Ticket t;
    t.sentNs = sentNs;
    t.answeredNs = answeredNs;
    t.citizen = citizen;
    t.textOff = m_arena.size();
    t.textLen = static_cast<uint16_t>(std::min<std::size_t>(text.size(), 65535));
    m_arena.append(text.substr(0, t.textLen));
    const auto idx = static_cast<uint32_t>(m_tickets.size());
    t.next = m_citizens[citizen].firstTicket;
    m_citizens[citizen].firstTicket = idx;
    m_tickets.push_back(t);
    ++m_counters.tickets;
    return idx;
}

uint32_t World::findTicket(uint32_t citizen, std::string_view text) const {
    for (uint32_t t = m_citizens[citizen].firstTicket; t != kNone; t = m_tickets[t].next)
        if (ticketText(t) == text) return t;
    return kNone;
}

uint32_t World::newSession(uint32_t citizen) {
    uint32_t idx;
    if (!m_freeSessions.empty()) {
        idx = m_freeSessions.back();
        m_freeSessions.pop_back();
        m_sessions[idx] = Session{};
    } else {
        idx = static_cast<uint32_t>(m_sessions.size());
        m_sessions.emplace_back();
    }
    m_sessions[idx].inUse = true;
    m_citizens[citizen].session = idx;
    return idx;
}

void World::endSession(uint32_t citizen) {
    auto& c = m_citizens[citizen];
    if (c.session == kNone) return;
    m_sessions[c.session] = Session{};
    m_freeSessions.push_back(c.session);
    c.session = kNone;
}

void World::finish(uint32_t citizen, Outcome o) {
    auto& c = m_citizens[citizen];
    if (c.phase == Phase::Done) return;
    if (c.phase == Phase::Waiting && !isBot(c.plan.kind)) --m_counters.waiting;
    c.phase = Phase::Done;
    c.outcome = o;
    ++m_counters.done;
    switch (o) {
    case Outcome::Booked:
        ++m_counters.booked;
        break;
    case Outcome::Abandoned:
        ++m_counters.abandoned;
        break;
    case Outcome::SoldOut:
        ++m_counters.soldOut;
        break;
    case Outcome::NotEligible:
        ++m_counters.notEligible;
        break;
    case Outcome::Failed:
        ++m_counters.failed;
        break;
    default:
        break;
    }
    if (citizen != m_auditor) endSession(citizen);
}

void World::markLost(uint32_t citizen, const char* reason) {
    auto& c = m_citizens[citizen];
    ++m_lostReasons[reason];
    if (c.lost) return;
    c.lost = true;
    ++m_counters.lostPlaces;
}

void World::abandonRest() {
    for (uint32_t i = 0; i < m_citizens.size(); ++i) {
        auto& c = m_citizens[i];
        if (c.phase == Phase::NotArrived) {
            c.phase = Phase::Waiting;
            if (!isBot(c.plan.kind)) ++m_counters.waiting;
        }
        if (c.phase != Phase::Done) finish(i, Outcome::Unfinished);
    }
}

std::string World::personBody(uint32_t citizen) const {
    const auto& c = m_citizens[citizen];
    // Deterministic per (run, citizen): a plausible birth date inside the cohort, or outside it
    // for the ineligible share.
    uint64_t h = (static_cast<uint64_t>(citizen) + 1) * 0x9E3779B97F4A7C15ULL ^ m_config.seed;
    h ^= h >> 31;
    int year;
    if (c.plan.kind == Kind::Ineligible) {
        year = m_config.birthYearFrom - 1 - static_cast<int>(h % 5);
    } else {
        const int span = m_config.birthYearTo - m_config.birthYearFrom + 1;
        year = m_config.birthYearFrom + static_cast<int>(h % static_cast<uint64_t>(span));
    }
    const int month = 1 + static_cast<int>((h >> 8) % 12);
    const int day = 1 + static_cast<int>((h >> 16) % 28);
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    char phone[24];
    std::snprintf(phone, sizeof phone, "010-%04u-%04u", static_cast<unsigned>((h >> 24) % 10000),
                  static_cast<unsigned>(citizen % 10000));
    json::object o;
    o["name"] = "Surge Citizen " + m_config.runId + "-" + std::to_string(citizen);
    o["birth_date"] = date;
    o["phone"] = phone;
    return json::serialize(o);
}

std::string World::forge(const std::string& token) {
    std::string t = token;
    if (t.empty()) return "forged";
    // Flip one character (a base64url symbol for another): a one-byte change of the payload
    // or the MAC.
    const std::size_t i = static_cast<std::size_t>(unit(m_rng) * static_cast<double>(t.size()));
    const char ch = t[std::min(i, t.size() - 1)];
    t[std::min(i, t.size() - 1)] = ch == 'A' ? 'B' : 'A';
    return t;
}

void World::recordAdmitted(uint64_t position, int64_t nowNs) {
    const uint64_t prev = m_admittedMax.empty() ? 0 : m_admittedMax.back().second;
    m_admittedMax.emplace_back(nowNs, std::max(prev, position));
}

void World::readStatus(std::string_view body, int64_t) {
    const auto o = parseObject(body);
    const std::string state = getString(o, "state");
    if (!state.empty()) m_statusState = state;
    if (o.contains("serving")) m_serving = std::max(m_serving, getCount(o, "serving"));
    if (o.contains("issued")) m_issued = std::max(m_issued, getCount(o, "issued"));
    const double rate = getNumber(o, "rate_per_s");
    if (rate >= 0) m_rate = rate;
}

// ---- arrival --------------------------------------------------------------------------------

void World::arrive(uint32_t i, int64_t nowNs, std::vector<Action>& out) {
    auto& c = m_citizens[i];
    if (c.phase != Phase::NotArrived) return;
    c.phase = Phase::Waiting;
    ++m_counters.arrived;
    const Kind k = c.plan.kind;
    if (!isBot(k)) ++m_counters.waiting;
    switch (k) {
    case Kind::BotNoToken:
        out.push_back({nowNs, i, kNone, Step::BotCall, 0});
        return;
    case Kind::BotForged:
    case Kind::BotReplayed:
        out.push_back({nowNs, i, kNone, Step::BotWait, 0});
        return;
    default:
        break;
    }
    out.push_back({nowNs, i, kNone, freshJoin(i), 0});
    // More windows: each opened a little after the previous one.
    int64_t t = nowNs;
    for (int w = 1; w < c.plan.windows; ++w) {
        t += static_cast<int64_t>(uniform(0.3, 3.0) * 1e9);
        out.push_back({t, i, kNone, freshJoin(i), 0});
    }
}

// ---- building requests ----------------------------------------------------------------------

bool World::build(const Action& a, int64_t nowNs, RequestSpec& req, std::vector<Action>& out) {
    auto& c = m_citizens[a.citizen];
    const bool waitingStep = a.step == Step::Join || a.step == Step::RejoinWithTicket ||
                             a.step == Step::Challenge || a.step == Step::Status ||
                             a.step == Step::Position || a.step == Step::Admit;
    const bool bookingStep =
        a.step == Step::Verify || a.step == Step::List || a.step == Step::Reserve;
    // A join that will not be sent frees its solved work.
    auto moot = [&] {
        releasePow(a.pow);
        return false;
    };
    if (c.phase == Phase::Done && a.step != Step::Snapshot) return moot();
    if (waitingStep && c.phase != Phase::Waiting && !isBot(c.plan.kind)) return moot();
    if (bookingStep && c.phase != Phase::Booking) return false;
    if (waitingStep && c.plan.kind == Kind::Abandoner &&
        nowNs >=
            arrivalNs(a.citizen) + static_cast<int64_t>(c.plan.abandonAfterS) * 1'000'000'000) {
        finish(a.citizen, Outcome::Abandoned);
        return moot();
    }
    if (++c.requests > m_s.maxRequestsPerCitizen && a.step != Step::Snapshot) {
        error("request_budget_exhausted");
        finish(a.citizen, Outcome::Failed);
        return moot();
    }
    req = RequestSpec{};
    req.route = routeOf(a);
    const std::string queue = "/v1/queue/" + urlEncode(m_config.cohort);
    Session* s = c.session != kNone ? &m_sessions[c.session] : nullptr;
    switch (a.step) {
    case Step::Join:
        req.post = true;
        req.target = queue + "/join";
        if (a.pow != kNone && a.pow < m_powHeaders.size()) req.pow = m_powHeaders[a.pow];
        return true;
    case Step::Challenge:
        req.target = queue + "/challenge";
        return true;
    case Step::RejoinWithTicket:
        req.post = true;
        req.target = queue + "/join";
        req.ticket = std::string(ticketText(a.ticket));
        return true;
    case Step::Status:
        if (nowNs < m_statusCacheUntilNs) {
            // Cache-Control: max-age honoured: the shared status body is still fresh, so the
            // browser (or a cache in front) answers without asking the server.
            --c.requests;
            ++m_counters.cacheHits;
            afterStatus(a, nowNs, out);
            return false;
        }
        req.target = queue + "/status";
        return true;
    case Step::Position:
        req.target = queue + "/position";
        req.ticket = std::string(ticketText(a.ticket));
        return true;
    case Step::Admit:
        req.post = true;
        req.target = queue + "/admit";
        req.ticket = std::string(ticketText(a.ticket));
        return true;
    case Step::Verify:
        req.post = true;
        req.target = "/v1/identity/verify";
        req.bearer = s->token;
        req.body = personBody(a.citizen);
        return true;
    case Step::List: {
        if (m_snapshot == SnapshotState::InFlight) {
            --c.requests;
            out.push_back({nowNs + 200'000'000, a.citizen, a.ticket, Step::List, a.arg});
            return false;
        }
        if (s->region.empty() && !m_stockKeys.empty()) {
            const auto& key = m_stockKeys[static_cast<std::size_t>(
                unit(m_rng) * static_cast<double>(m_stockKeys.size()))];
            const auto& e = m_stock.at(key);
            s->region = e.region;
            s->date = m_s.date.empty() ? e.date : m_s.date;
        }
        req.target = "/v1/clinics";
        std::string sep = "?";
        if (!s->region.empty()) {
            req.target += sep + "region=" + urlEncode(s->region);
            sep = "&";
        }
        if (!s->date.empty()) req.target += sep + "date=" + urlEncode(s->date);
        req.bearer = s->token;
        return true;
    }
    case Step::Reserve: {
        req.post = true;
        req.target = "/v1/reservations";
        req.bearer = s->token;
        req.idempotencyKey = "surge-" + m_config.runId + "-" + std::to_string(a.citizen) + "-" +
                             std::to_string(s->keySeq);
        json::object o;
        o["person_id"] = s->personId;
        o["clinic_id"] = s->clinicId;
        o["date"] = s->date;
        o["dose"] = 1;
        req.body = json::serialize(o);
        return true;
    }
    case Step::Snapshot:
        req.target = snapshotTarget(a.ticket);
        req.bearer = m_auditorToken;
        return true;
    case Step::BotWait: {
        --c.requests;
        const bool have =
            c.plan.kind == Kind::BotForged ? !m_liveTokens.empty() : !m_consumedTokens.empty();
        if (have) {
            out.push_back({nowNs, a.citizen, kNone, Step::BotCall, 0});
        } else if (a.arg < 250) {
            out.push_back({nowNs + 1'000'000'000 + jitter(1.0), a.citizen, kNone, Step::BotWait,
                           static_cast<uint8_t>(a.arg + 1)});
        } else {
            ++m_errors["bot_found_no_token"];
            finish(a.citizen, Outcome::BotDone);
        }
        return false;
    }
    case Step::BotCall: {
        const Kind k = c.plan.kind;
        int call = a.arg % 3;
        if (k == Kind::BotEarly) {
            // 0: admit before the opening; 1: book with the ticket as a token; 2: verify so.
            if (a.arg == 0 && nowNs >= m_config.opensNs - 1'000'000'000) {
                --c.requests;
                out.push_back({nowNs, a.citizen, a.ticket, Step::BotCall, 1});
                return false;
            }
            if (a.arg == 0) {
                req.post = true;
                req.target = queue + "/admit";
                req.ticket = std::string(ticketText(a.ticket));
                return true;
            }
            call = a.arg == 1 ? 2 : 0;
            req.bearer = std::string(ticketText(a.ticket));
        } else if (k == Kind::BotForged) {
            req.bearer = forge(m_liveTokens[static_cast<std::size_t>(
                unit(m_rng) * static_cast<double>(m_liveTokens.size()))]);
        } else if (k == Kind::BotReplayed) {
            req.bearer = m_consumedTokens[static_cast<std::size_t>(
                unit(m_rng) * static_cast<double>(m_consumedTokens.size()))];
        }
        if (call == 0) {
            req.post = true;
            req.target = "/v1/identity/verify";
            req.body = personBody(a.citizen);
        } else if (call == 1) {
            req.target = "/v1/clinics";
            if (!m_stockKeys.empty())
                req.target += "?region=" + urlEncode(m_stock.at(m_stockKeys.front()).region);
        } else {
            req.post = true;
            req.target = "/v1/reservations";
            req.idempotencyKey = "surge-bot-" + m_config.runId + "-" + std::to_string(a.citizen) +
                                 "-" + std::to_string(a.arg);
            json::object o;
            o["person_id"] = "bot-" + std::to_string(a.citizen);
            o["clinic_id"] =
                m_stockKeys.empty() ? std::string("any") : m_stock.at(m_stockKeys.front()).clinicId;
            o["date"] = m_stockKeys.empty() ? std::string("2021-07-26")
                                            : m_stock.at(m_stockKeys.front()).date;
            o["dose"] = 1;
            req.body = json::serialize(o);
        }
        return true;
    }
    }
    return false;
}

// ---- scheduling helpers -----------------------------------------------------------------------

void World::waitMore(const Action& a, int64_t nowNs, std::vector<Action>& out, double etaS) {
    auto& c = m_citizens[a.citizen];
    if (c.phase != Phase::Waiting) return;
    if (a.ticket == kNone || a.ticket >= m_tickets.size()) return;
    auto& t = m_tickets[a.ticket];
    ++t.polls;
    const bool openish = cohortOpen() || nowNs >= m_config.opensNs;
    const Kind k = c.plan.kind;
    // Before the opening the page counts down and everyone looks again just after it.
    if (!openish) {
        const double untilOpen = static_cast<double>(m_config.opensNs - nowNs) / 1e9;
        const double base = k == Kind::Refresher
                                ? m_s.refresherPollS
                                : std::clamp(untilOpen / 2, m_s.pollMinS, m_s.pollMaxS);
        const int64_t next = nowNs + jitter(base);
        if (next >= m_config.opensNs - static_cast<int64_t>(m_s.pollMinS * 1e9)) {
            const int64_t at =
                m_config.opensNs + static_cast<int64_t>(uniform(0.05, m_config.openSpreadS) * 1e9);
            out.push_back({at, a.citizen, a.ticket, Step::Position, 0});
        } else {
            const Step step =
                (k == Kind::Refresher && t.polls % 5 == 0) ? Step::RejoinWithTicket : Step::Status;
            out.push_back({next, a.citizen, a.ticket, step, 0});
        }
        return;
    }
    double base;
    if (k == Kind::Refresher) {
        base = m_s.refresherPollS;
    } else if (etaS >= 0) {
        base = std::clamp(etaS / 2, m_s.pollMinS, m_s.pollMaxS);
    } else if (t.position > 0 && m_rate > 0) {
        const double ahead =
            t.position > m_serving ? static_cast<double>(t.position - m_serving) : 0.0;
        base = std::clamp(ahead / m_rate / 2, m_s.pollMinS, m_s.pollMaxS);
    } else {
        base = m_s.pollMinS;
    }
    Step step;
    if (t.position == 0) {
        step = Step::Position;
    } else if (k == Kind::Refresher && t.polls % 5 == 0) {
        step = Step::RejoinWithTicket;
    } else if (k == Kind::Refresher && !c.rejoinedFresh && t.polls % 7 == 3 &&
               unit(m_rng) < m_s.refresherRejoinWithoutTicket) {
        c.rejoinedFresh = true; // cleared the cookie: a new window with a new ticket
        out.push_back({nowNs + jitter(base), a.citizen, kNone, freshJoin(a.citizen), 0});
        step = Step::Status;
    } else if (t.polls % static_cast<unsigned>(m_s.positionEvery) == 0) {
        step = Step::Position;
    } else {
        step = Step::Status;
    }
    out.push_back({nowNs + jitter(base), a.citizen, a.ticket, step, 0});
}

void World::retry(const Action& a, int64_t nowNs, const Reply& r, std::vector<Action>& out,
                  double fallbackS) {
    auto& c = m_citizens[a.citizen];
    double delay;
    if (r.status == 503 || r.status == 429) {
        delay = (r.retryAfterS > 0 ? r.retryAfterS : 1.0) * uniform(1.0, 1.5);
        if (a.arg >= kMaxOverloadRetries) {
            error(std::string("gave_up_") + routeName(routeOf(a)));
            releasePow(a.pow);
            finish(a.citizen, Outcome::Failed);
            return;
        }
    } else {
        if (++c.retries > m_s.maxRetries) {
            error(std::string("gave_up_") + routeName(routeOf(a)));
            releasePow(a.pow);
            finish(a.citizen, Outcome::Failed);
            return;
        }
        delay = fallbackS * std::pow(2.0, std::min<int>(c.retries - 1, 5)) * uniform(0.5, 1.5);
    }
    Action n = a;
    n.atNs = nowNs + static_cast<int64_t>(delay * 1e9);
    n.arg = static_cast<uint8_t>(std::min(a.arg + 1, 255));
    out.push_back(n);
}

void World::afterAdmitted(uint32_t citizen, int64_t nowNs, std::vector<Action>& out) {
    auto& c = m_citizens[citizen];
    if (c.phase != Phase::Waiting) return;
    --m_counters.waiting;
    ++m_counters.admitted;
    c.phase = Phase::Booking;
    if (m_firstAdmitNs == 0) m_firstAdmitNs = nowNs;
    m_lastAdmitNs = nowNs;
    auto& s = m_sessions[c.session];
    if (m_liveTokens.size() >= 64) m_liveTokens.pop_front();
    m_liveTokens.push_back(s.token);
    if (m_snapshot == SnapshotState::None) {
        // The first admitted citizen audits: lists the stock before anyone books, and again
        // at the end, and books nothing.
        m_auditor = citizen;
        m_auditorToken = s.token;
        m_snapshot = SnapshotState::InFlight;
        out.push_back({nowNs, citizen, 0, Step::Snapshot, 0});
        return;
    }
    out.push_back({nowNs + static_cast<int64_t>(uniform(m_s.thinkMinS, m_s.thinkMaxS) * 1e9),
                   citizen, kNone, Step::Verify, 0});
}

std::string World::snapshotTarget(uint32_t offset) const {
    std::string t =
        "/v1/clinics?limit=" + std::to_string(kSnapshotPage) + "&offset=" + std::to_string(offset);
    if (!m_s.date.empty()) t += "&date=" + urlEncode(m_s.date);
    return t;
}

int64_t World::parseClinics(std::string_view body, bool initial, bool final) {
    const auto o = parseObject(body);
    const auto* list = o.if_contains("clinics");
    if (!list || !list->is_array()) return -1;
    for (const auto& v : list->as_array()) {
        if (!v.is_object()) continue;
        const auto& c = v.as_object();
        StockEntry e;
        e.clinicId = getString(c, "id");
        if (e.clinicId.empty() && c.contains("id") && c.at("id").is_number())
            e.clinicId = std::to_string(c.at("id").to_number<int64_t>());
        e.date = getString(c, "date");
        e.region = getString(c, "region");
        const double rem = getNumber(c, "remaining");
        const std::string key = e.clinicId + "|" + e.date;
        auto it = m_stock.find(key);
        if (it == m_stock.end()) {
            it = m_stock.emplace(key, e).first;
            if (initial) m_stockKeys.push_back(key);
        }
        if (initial && it->second.initial < 0) it->second.initial = static_cast<int64_t>(rem);
        if (final) it->second.finalRemaining = static_cast<int64_t>(rem);
    }
    const double total = getNumber(o, "total");
    return total >= 0 ? static_cast<int64_t>(total) : static_cast<int64_t>(list->as_array().size());
}

// ---- replies ----------------------------------------------------------------------------------

void World::onReply(const Action& a, const RequestSpec& req, int64_t nowNs, const Reply& r,
                    std::vector<Action>& out) {
    const auto route = static_cast<std::size_t>(req.route);
    ++m_routeRequests[route];
    ++m_counters.requests;
    m_latency[route].record(std::max<int64_t>(0, nowNs - a.atNs) / 1000);
    if (r.error != TransportError::None)
        error(transportErrorName(r.error));
    else if (r.status == 503 || r.status == 429)
        error("overload_" + std::to_string(r.status));
    else if (r.status >= 500)
        error("http_" + std::to_string(r.status));

    auto& c = m_citizens[a.citizen];
    if (c.phase == Phase::Done && a.step != Step::Snapshot) {
        releasePow(a.pow);
        return;
    }
    if (is2xx(r.status)) c.retries = 0;
    const bool transport = r.error != TransportError::None;
    const bool overload = r.status == 503 || r.status == 429;
    const bool closed = m_statusState == "closed";

    switch (a.step) {
    case Step::Join:
    case Step::RejoinWithTicket: {
        if (transport || overload || r.status >= 500) {
            retry(a, nowNs, r, out); // the same work: a join that drew nothing did not spend it
            return;
        }
        if (!is2xx(r.status)) {
            const auto code = errorCode(r.body);
            if (closed || code.find("closed") != std::string::npos ||
                code.find("sold") != std::string::npos) {
                releasePow(a.pow);
                finish(a.citizen, Outcome::SoldOut);
                return;
            }
            if (r.status == 403 && isPowCode(code)) {
                ++m_powRefusals[code];
                if (a.step == Step::RejoinWithTicket) {
                    // A held ticket never needs work: asking for it means the server no longer
                    // honours the ticket.
                    markLost(a.citizen, "rejoin_asked_for_work");
                    finish(a.citizen, Outcome::Failed);
                    return;
                }
                c.knowsPow = true;
                if (a.pow != kNone) {
                    // Work was carried and refused (reused, expired, too easy now): solve the
                    // next challenge, a bounded number of times.
                    releasePow(a.pow);
                    if (++c.retries > m_s.maxRetries) {
                        error("gave_up_pow");
                        finish(a.citizen, Outcome::Failed);
                        return;
                    }
                }
                const auto body = parseObject(r.body);
                const auto* chv = body.if_contains("challenge");
                const ChallengeView ch =
                    chv && chv->is_object() ? readChallenge(chv->as_object()) : ChallengeView{};
                if (ch.bits >= 0) ++m_powBitsSeen[ch.bits];
                if (ch.text.empty() || ch.bits < 0) {
                    error("pow_refusal_without_challenge");
                    Action n = a;
                    n.pow = kNone;
                    retry(n, nowNs, r, out, 1.0);
                    return;
                }
                if (!solveAndJoin(a, ch.text, ch.bits, nowNs, out)) {
                    error("pow_over_max_bits");
                    finish(a.citizen, Outcome::Failed);
                }
                return;
            }
            if (a.step == Step::RejoinWithTicket &&
                (r.status == 401 || r.status == 403 || r.status == 410)) {
                markLost(a.citizen, "rejoin_ticket_rejected");
                finish(a.citizen, Outcome::Failed);
                return;
            }
            error("join_" + std::to_string(r.status));
            retry(a, nowNs, r, out, 1.0);
            return;
        }
        const auto o = parseObject(r.body);
        const std::string text = getString(o, "ticket");
        const std::string state = getString(o, "state");
        if (text.empty()) {
            error("join_without_ticket");
            retry(a, nowNs, r, out, 1.0);
            return;
        }
        const bool paid = a.pow != kNone;
        releasePow(a.pow);
        uint32_t t;
        if (a.step == Step::RejoinWithTicket) {
            t = a.ticket;
            if (text != ticketText(a.ticket)) {
                // A refresh must give back the same ticket: anything else is a lost place.
                markLost(a.citizen, "rejoin_new_ticket");
                t = addTicket(a.citizen, text, a.atNs, nowNs);
                m_tickets[t].prequeue = state == "prequeue";
            }
        } else {
            t = findTicket(a.citizen, text);
            if (t == kNone) {
                t = addTicket(a.citizen, text, a.atNs, nowNs);
                m_tickets[t].prequeue = state == "prequeue";
                m_tickets[t].paid = paid;
            }
        }
        const uint64_t pos = getCount(o, "position");
        if (pos > 0 && state != "prequeue") {
            auto& tk = m_tickets[t];
            if (std::getenv("SLUICE_SURGE_DEBUG"))
                std::fprintf(stderr, "join: citizen %u ticket %u sent %.3f answered %.3f %s\n",
                             a.citizen, t, static_cast<double>(a.atNs - m_config.opensNs) / 1e9,
                             static_cast<double>(nowNs - m_config.opensNs) / 1e9,
                             std::string(r.body.substr(r.body.size() > 60 ? r.body.size() - 60 : 0))
                                 .c_str());
            if (tk.position == 0)
                tk.position = pos;
            else if (tk.position != pos)
                markLost(a.citizen, "rejoin_position_changed");
        }
        if (c.plan.kind == Kind::BotEarly) {
            out.push_back({nowNs, a.citizen, t, Step::BotCall, 0});
            return;
        }
        if (c.plan.kind == Kind::BotFarm) {
            // Another draw at once, never presenting the tickets it holds: each one is new.
            if (countTickets(a.citizen) < static_cast<uint32_t>(m_s.farmTickets))
                out.push_back({nowNs, a.citizen, kNone, freshJoin(a.citizen), 0});
            else
                finish(a.citizen, Outcome::BotDone);
            return;
        }
        waitMore({a.atNs, a.citizen, t, a.step, 0}, nowNs, out);
        return;
    }
    case Step::Challenge: {
        if (transport || overload || r.status >= 500) {
            retry(a, nowNs, r, out);
            return;
        }
        if (!is2xx(r.status)) {
            // No challenge to be had: join without; a refusal carries one.
            error("challenge_" + std::to_string(r.status));
            out.push_back({nowNs, a.citizen, kNone, Step::Join, 0});
            return;
        }
        ++m_challengesFetched;
        const ChallengeView ch = readChallenge(parseObject(r.body));
        if (ch.bits >= 0) ++m_powBitsSeen[ch.bits];
        if (!ch.required || ch.bits <= 0 || ch.text.empty()) {
            out.push_back({nowNs, a.citizen, kNone, Step::Join, 0}); // no work asked
            return;
        }
        if (!solveAndJoin(a, ch.text, ch.bits, nowNs, out)) {
            error("pow_over_max_bits");
            finish(a.citizen, Outcome::Failed);
        }
        return;
    }
    case Step::Status: {
        if (transport || overload || r.status >= 500) {
            retry(a, nowNs, r, out);
            return;
        }
        if (!is2xx(r.status)) {
            error("status_" + std::to_string(r.status));
            retry(a, nowNs, r, out, 1.0);
            return;
        }
        readStatus(r.body, nowNs);
        if (r.maxAgeS > 0) { // a shared cache in front (or the browser's) keeps it this long
            m_statusCacheUntilNs = nowNs + static_cast<int64_t>(r.maxAgeS * 1e9);
        }
        afterStatus(a, nowNs, out);
        return;
    }
    case Step::Position:
    case Step::Admit: {
        if (transport || overload || r.status >= 500) {
            retry(a, nowNs, r, out);
            return;
        }
        auto& t = m_tickets[a.ticket];
        const auto o = parseObject(r.body);
        if (r.status == 401 || r.status == 403 || r.status == 404 || r.status == 410) {
            const auto code = errorCode(r.body);
            if (closed || code.find("closed") != std::string::npos ||
                code.find("sold") != std::string::npos) {
                finish(a.citizen, Outcome::SoldOut);
                return;
            }
            // The server no longer honours a ticket it issued: the 2021 bounce.
            markLost(a.citizen,
                     a.step == Step::Admit ? "admit_ticket_rejected" : "position_ticket_rejected");
            error(std::string(a.step == Step::Admit ? "admit_" : "position_") +
                  std::to_string(r.status));
            finish(a.citizen, Outcome::Failed);
            return;
        }
        const std::string state = getString(o, "state");
        if (state == "expired" || state == "gone" || state == "reset" || state == "invalid") {
            markLost(a.citizen, "told_place_gone");
            finish(a.citizen, Outcome::Failed);
            return;
        }
        if (state == "closed" || state == "sold_out") {
            finish(a.citizen, Outcome::SoldOut);
            return;
        }
        const uint64_t pos = getCount(o, "position");
        if (pos > 0) {
            if (t.position == 0) {
                if (std::getenv("SLUICE_SURGE_DEBUG"))
                    std::fprintf(stderr,
                                 "pos: citizen %u ticket %u step %d sent %.3f answered %.3f %.*s\n",
                                 a.citizen, a.ticket, static_cast<int>(a.step),
                                 static_cast<double>(a.atNs - m_config.opensNs) / 1e9,
                                 static_cast<double>(nowNs - m_config.opensNs) / 1e9,
                                 static_cast<int>(r.body.size()), r.body.data());
                t.position = pos;
            } else if (t.position != pos) {
                if (std::getenv("SLUICE_SURGE_DEBUG"))
                    std::fprintf(
                        stderr,
                        "lost: citizen %u ticket %u step %d status %d had %llu now %llu: %.*s\n",
                        a.citizen, a.ticket, static_cast<int>(a.step), r.status,
                        static_cast<unsigned long long>(t.position),
                        static_cast<unsigned long long>(pos), static_cast<int>(r.body.size()),
                        r.body.data());
                markLost(a.citizen, "position_changed");
            }
        }
        const double aheadD = getNumber(o, "ahead");
        if (aheadD >= 0) {
            const auto ahead = static_cast<uint32_t>(std::min(aheadD, 4e9));
            if (t.lastAhead != 0xffffffffu && ahead > t.lastAhead && state != "prequeue")
                markLost(a.citizen, "ahead_increased");
            if (state != "prequeue") t.lastAhead = ahead;
        }
        if (a.step == Step::Admit && is2xx(r.status)) {
            const std::string token = getString(o, "admission_token");
            if (token.empty()) {
                error("admit_without_token");
                retry(a, nowNs, r, out, 1.0);
                return;
            }
            if (t.position > 0) recordAdmitted(t.position, nowNs);
            if (c.phase != Phase::Waiting) // another window of this citizen got in first
                return;
            const uint32_t s = newSession(a.citizen);
            m_sessions[s].token = token;
            m_sessions[s].ticket = a.ticket;
            afterAdmitted(a.citizen, nowNs, out);
            return;
        }
        if (a.step == Step::Admit && r.status == 409) {
            // Not yet. Nobody after us may have been admitted before we asked.
            if (t.position > 0 && !m_admittedMax.empty()) {
                auto it = std::lower_bound(m_admittedMax.begin(), m_admittedMax.end(),
                                           std::make_pair(a.atNs, uint64_t{0}));
                if (it != m_admittedMax.begin() && std::prev(it)->second > t.position)
                    ++m_counters.admissionOrderViolations;
            }
            const double eta = getNumber(o, "eta_p50_s");
            waitMore(a, nowNs, out, eta);
            return;
        }
        if (r.status == 423) { // paused: keep the place, look again later
            waitMore(a, nowNs, out, m_s.pollMaxS);
            return;
        }
        if (!is2xx(r.status)) {
            error(std::string(a.step == Step::Admit ? "admit_" : "position_") +
                  std::to_string(r.status));
            retry(a, nowNs, r, out, 1.0);
            return;
        }
        // A position answer: ask for admission once nobody is ahead.
        if (aheadD == 0 && t.position > 0 && state != "prequeue" && state != "scheduled" &&
            (cohortOpen() || nowNs >= m_config.opensNs)) {
            out.push_back({nowNs, a.citizen, a.ticket, Step::Admit, 0});
            return;
        }
        waitMore(a, nowNs, out, getNumber(o, "eta_p50_s"));
        return;
    }
    case Step::Snapshot: {
        if (m_snapshot == SnapshotState::InFlight) {
            const int64_t total = is2xx(r.status) ? parseClinics(r.body, true, false) : -1;
            if (total >= 0) {
                const uint64_t next = uint64_t{a.ticket} + kSnapshotPage;
                if (next < static_cast<uint64_t>(total) && next < 200'000'000) { // next page
                    out.push_back(
                        {nowNs, a.citizen, static_cast<uint32_t>(next), Step::Snapshot, 0});
                    return;
                }
                m_snapshot = SnapshotState::Done;
            } else if ((transport || overload) && a.arg < 20) {
                Action n = a;
                n.atNs = nowNs + 500'000'000;
                n.arg = static_cast<uint8_t>(a.arg + 1);
                out.push_back(n);
                return;
            } else {
                error("stock_snapshot_failed_" + std::to_string(r.status));
                m_snapshot = SnapshotState::Failed;
            }
            finish(a.citizen, Outcome::Auditor);
        }
        return;
    }
    case Step::Verify: {
        auto& s = m_sessions[c.session];
        if (transport || overload || r.status >= 500) {
            retry(a, nowNs, r, out);
            return;
        }
        if (!is2xx(r.status)) {
            error("verify_" + std::to_string(r.status));
            finish(a.citizen, Outcome::Failed);
            return;
        }
        const auto o = parseObject(r.body);
        s.personId = getString(o, "person_id");
        if (s.personId.empty()) {
            error("verify_without_person_id");
            finish(a.citizen, Outcome::Failed);
            return;
        }
        out.push_back({nowNs + static_cast<int64_t>(uniform(m_s.thinkMinS, m_s.thinkMaxS) * 1e9),
                       a.citizen, kNone, Step::List, 0});
        return;
    }
    case Step::List: {
        auto& s = m_sessions[c.session];
        if (transport || overload || r.status >= 500) {
            retry(a, nowNs, r, out);
            return;
        }
        if (!is2xx(r.status)) {
            error("clinics_" + std::to_string(r.status));
            finish(a.citizen, Outcome::Failed);
            return;
        }
        const auto o = parseObject(r.body);
        std::vector<std::pair<std::string, std::string>> open;
        if (const auto* list = o.if_contains("clinics"); list && list->is_array()) {
            for (const auto& v : list->as_array()) {
                if (!v.is_object()) continue;
                const auto& cl = v.as_object();
                if (getNumber(cl, "remaining") > 0) {
                    std::string id = getString(cl, "id");
                    if (id.empty() && cl.contains("id") && cl.at("id").is_number())
                        id = std::to_string(cl.at("id").to_number<int64_t>());
                    open.emplace_back(std::move(id), getString(cl, "date"));
                }
            }
        }
        if (open.empty()) {
            if (++s.listAttempts >= m_s.maxListAttempts) {
                finish(a.citizen, Outcome::SoldOut);
                return;
            }
            s.region.clear(); // try elsewhere
            out.push_back(
                {nowNs + static_cast<int64_t>(uniform(m_s.thinkMinS, m_s.thinkMaxS) * 1e9),
                 a.citizen, kNone, Step::List, 0});
            return;
        }
        const auto& pick =
            open[static_cast<std::size_t>(unit(m_rng) * static_cast<double>(open.size()))];
        s.clinicId = pick.first;
        if (!pick.second.empty()) s.date = pick.second;
        out.push_back({nowNs + static_cast<int64_t>(uniform(m_s.thinkMinS, m_s.thinkMaxS) * 1e9),
                       a.citizen, kNone, Step::Reserve, 0});
        return;
    }
    case Step::Reserve: {
        auto& s = m_sessions[c.session];
        if (transport || overload || r.status >= 500) {
            retry(a, nowNs, r, out); // same Idempotency-Key, same body
            return;
        }
        if (is2xx(r.status)) {
            const std::string key = s.clinicId + "|" + s.date;
            auto it = m_stock.find(key);
            if (it == m_stock.end()) {
                StockEntry e;
                e.clinicId = s.clinicId;
                e.date = s.date;
                it = m_stock.emplace(key, e).first;
            }
            ++it->second.confirmed;
            if (m_consumedTokens.size() >= 64) m_consumedTokens.pop_front();
            m_consumedTokens.push_back(s.token);
            if (c.plan.kind == Kind::Ineligible) {
                ++m_counters.bypassSuccesses;
                ++m_bypassSuccessByKind["ineligible_booked"];
            }
            finish(a.citizen, Outcome::Booked);
            return;
        }
        const auto code = errorCode(r.body);
        if (r.status == 409) {
            if (code.find("progress") != std::string::npos ||
                code.find("in_flight") != std::string::npos) {
                retry(a, nowNs, r, out, 0.3); // the first attempt is still running
                return;
            }
            if (code.find("duplicate") != std::string::npos ||
                code.find("already") != std::string::npos) {
                error("reserve_duplicate");
                finish(a.citizen, Outcome::Failed);
                return;
            }
            // Sold out at that clinic: list again, new key for the new choice.
            ++s.keySeq;
            s.region.clear();
            if (++s.listAttempts >= m_s.maxListAttempts) {
                finish(a.citizen, Outcome::SoldOut);
                return;
            }
            out.push_back(
                {nowNs + static_cast<int64_t>(uniform(m_s.thinkMinS, m_s.thinkMaxS) * 1e9),
                 a.citizen, kNone, Step::List, 0});
            return;
        }
        if ((r.status == 422 && code == "not_eligible") ||
            (r.status == 403 && code == "bypass_other_cohort")) {
            // Born outside this cohort (or inside another one's): refused, as it should be.
            if (c.plan.kind != Kind::Ineligible) error("reserve_422_not_eligible");
            finish(a.citizen,
                   c.plan.kind == Kind::Ineligible ? Outcome::NotEligible : Outcome::Failed);
            return;
        }
        if ((r.status == 404 || r.status == 422) && code != "idempotency_key_reused") {
            // The slot is not offered (any more): choose again.
            error("reserve_" + std::to_string(r.status) + (code.empty() ? "" : "_" + code));
            ++s.keySeq;
            s.region.clear();
            if (++s.listAttempts >= m_s.maxListAttempts) {
                finish(a.citizen, Outcome::Failed);
                return;
            }
            out.push_back(
                {nowNs + static_cast<int64_t>(uniform(m_s.thinkMinS, m_s.thinkMaxS) * 1e9),
                 a.citizen, kNone, Step::List, 0});
            return;
        }
        error("reserve_" + std::to_string(r.status) + (code.empty() ? "" : "_" + code));
        finish(a.citizen, Outcome::Failed);
        return;
    }
    case Step::BotCall: {
        std::string kind;
        switch (c.plan.kind) {
        case Kind::BotNoToken:
            kind = "no_token";
            break;
        case Kind::BotForged:
            kind = "forged";
            break;
        case Kind::BotReplayed:
            kind = "replayed";
            break;
        default:
            kind = a.arg == 0 ? "early_admit" : "early_ticket_as_token";
            break;
        }
        ++m_counters.bypassAttempts;
        ++m_bypassByKind[kind];
        if (is2xx(r.status)) {
            ++m_counters.bypassSuccesses;
            ++m_bypassSuccessByKind[kind];
        }
        if (r.status == 401 || r.status == 403) ++m_counters.bypassRejected;
        const int total = c.plan.kind == Kind::BotEarly ? 3 : 3 * m_s.botAttempts;
        if (a.arg + 1 < total)
            out.push_back({nowNs + static_cast<int64_t>(uniform(0.2, 1.0) * 1e9), a.citizen,
                           a.ticket, Step::BotCall, static_cast<uint8_t>(a.arg + 1)});
        else
            finish(a.citizen, Outcome::BotDone);
        return;
    }
    case Step::BotWait:
        return;
    }
}

void World::afterStatus(const Action& a, int64_t nowNs, std::vector<Action>& out) {
    if (m_statusState == "closed") {
        finish(a.citizen, Outcome::SoldOut);
        return;
    }
    const auto& t = m_tickets[a.ticket];
    if (m_statusState == "open" && t.position > 0 && m_serving >= t.position) {
        out.push_back({nowNs, a.citizen, a.ticket, Step::Admit, 0});
        return;
    }
    waitMore(a, nowNs, out);
}

bool World::buildFinalSnapshot(RequestSpec& req, uint32_t offset) const {
    if (m_auditorToken.empty() || m_snapshot != SnapshotState::Done) return false;
    req = RequestSpec{};
    req.route = Route::Clinics;
    req.target = snapshotTarget(offset);
    req.bearer = m_auditorToken;
    return true;
}

int64_t World::onFinalSnapshot(const Reply& reply) {
    const int64_t total = is2xx(reply.status) ? parseClinics(reply.body, false, true) : -1;
    if (total < 0) error("final_stock_snapshot_failed_" + std::to_string(reply.status));
    return total;
}

std::vector<World::TicketView> World::ticketViews() const {
    std::vector<TicketView> v;
    v.reserve(m_tickets.size());
    for (const auto& t : m_tickets)
        v.push_back({t.sentNs, t.answeredNs, t.position, t.prequeue,
                     isBot(m_citizens[t.citizen].plan.kind), t.citizen, t.paid});
    return v;
}

// ---- proof of work ----------------------------------------------------------------------------

Step World::freshJoin(uint32_t citizen) const {
    return m_config.powPrefetch || m_citizens[citizen].knowsPow ? Step::Challenge : Step::Join;
}

bool World::solveAndJoin(const Action& a, const std::string& challenge, int bits, int64_t nowNs,
                         std::vector<Action>& out) {
    if (bits > std::min(m_config.powMaxBits, sluice::kMaxPowBits)) return false;
    // Genuine work, the same computation as the browser's (the server checks the result), in
    // this thread: the event loop waits meanwhile, which the report states.
    const int64_t cpu0 = threadCpuNs();
    const auto wall0 = std::chrono::steady_clock::now();
    PowSolve rec;
    const std::string solution = sluice::powSolve(challenge, bits, &rec.hashes);
    rec.wallNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                     std::chrono::steady_clock::now() - wall0)
                     .count();
    rec.cpuNs = threadCpuNs() - cpu0;
    rec.citizen = a.citizen;
    rec.bits = static_cast<uint8_t>(bits);
    m_powSolves.push_back(rec);

    uint32_t slot;
    if (!m_freePow.empty()) {
        slot = m_freePow.back();
        m_freePow.pop_back();
    } else {
        slot = static_cast<uint32_t>(m_powHeaders.size());
        m_powHeaders.emplace_back();
    }
    m_powHeaders[slot] = challenge + ":" + solution;
    Action join{nowNs + rec.wallNs, a.citizen, kNone, Step::Join, 0};
    join.pow = slot;
    out.push_back(join);
    return true;
}

void World::releasePow(uint32_t slot) {
    // A slot in use is never empty: releasing one twice is harmless.
    if (slot == kNone || slot >= m_powHeaders.size() || m_powHeaders[slot].empty()) return;
    m_powHeaders[slot].clear();
    m_freePow.push_back(slot);
}

uint32_t World::countTickets(uint32_t citizen) const {
    uint32_t n = 0;
    for (uint32_t t = m_citizens[citizen].firstTicket; t != kNone; t = m_tickets[t].next)
        ++n;
    return n;
}

std::vector<uint64_t> World::outcomeCounts() const {
    std::vector<uint64_t> n(static_cast<std::size_t>(Outcome::Unfinished) + 1, 0);
    for (const auto& c : m_citizens)
        ++n[static_cast<std::size_t>(c.outcome)];
    return n;
}

} // namespace sluice::surge
