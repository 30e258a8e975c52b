// Load client, test data and database checks for the booking suites (see booking_testlib.h).
#include "booking_testlib.h"

// GCC 12 warns about coroutine frames allocated and freed by Asio's own operators (a known
// false positive of -Wmismatched-new-delete with awaitable<>).
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include "server/booking/clinic_data.h"
#include "server/store/sqlite.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <set>
#include <sstream>

namespace sluice::booktest {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

std::string Res::header(const std::string& lower) const {
    auto it = headers.find(lower);
    return it == headers.end() ? std::string() : it->second;
}

namespace {
json::value parseOrNull(const std::string& body) {
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    return ec ? json::value() : v;
}
} // namespace

std::string Res::errorCode() const {
    json::value v = parseOrNull(body);
    if (auto* o = v.if_object())
        if (auto* e = o->if_contains("error"))
            if (auto* eo = e->if_object())
                if (auto* c = eo->if_contains("code"))
                    if (c->is_string()) return std::string(c->as_string());
    return {};
}

std::string Res::field(const char* key) const {
    json::value v = parseOrNull(body);
    if (auto* o = v.if_object())
        if (auto* f = o->if_contains(key))
            if (f->is_string()) return std::string(f->as_string());
    return {};
}

namespace {

asio::awaitable<void> connectionLoop(tcp::endpoint ep, int conn,
                                     const std::function<std::optional<Req>(int)>& next,
                                     const std::function<void(int, const Req&, Res&&)>& done) {
    auto ex = co_await asio::this_coro::executor;
    std::optional<beast::tcp_stream> stream;
    beast::flat_buffer buffer;
    for (;;) {
        std::optional<Req> req = next(conn);
        if (!req) break;
        if (req->delayMs > 0) {
            asio::steady_timer pause(ex, std::chrono::milliseconds(req->delayMs));
            co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        Res res;
        const auto t0 = std::chrono::steady_clock::now();
        const auto timeout = std::chrono::milliseconds(req->timeoutMs);
        do {
            if (!stream) {
                stream.emplace(ex);
                buffer.clear();
                stream->expires_after(timeout);
                auto [ec] = co_await stream->async_connect(ep, asio::as_tuple(asio::use_awaitable));
                if (ec) {
                    res.error = "connect: " + ec.message();
                    res.timedOut = ec == beast::error::timeout;
                    stream.reset();
                    break;
                }
            }
            bhttp::request<bhttp::string_body> r{bhttp::string_to_verb(req->method), req->target,
                                                 11};
            r.set(bhttp::field::host, "127.0.0.1");
            for (const auto& [k, v] : req->headers)
                r.set(k, v);
            if (!req->body.empty() && r[bhttp::field::content_type].empty())
                r.set(bhttp::field::content_type, "application/json");
            r.body() = req->body;
            r.keep_alive(true);
            r.prepare_payload();
            stream->expires_after(timeout);
            auto [wec, wn] =
                co_await bhttp::async_write(*stream, r, asio::as_tuple(asio::use_awaitable));
            (void)wn;
            if (wec) {
                res.error = "write: " + wec.message();
                res.timedOut = wec == beast::error::timeout;
                stream.reset();
                break;
            }
            bhttp::response_parser<bhttp::string_body> parser;
            parser.body_limit(64 * 1024 * 1024);
            auto [rec, rn] = co_await bhttp::async_read(*stream, buffer, parser,
                                                        asio::as_tuple(asio::use_awaitable));
            (void)rn;
            if (rec) {
                res.error = "read: " + rec.message();
                res.timedOut = rec == beast::error::timeout;
                stream.reset();
                break;
            }
            auto msg = parser.release();
            res.status = static_cast<int>(msg.result_int());
            res.body = std::move(msg.body());
            for (const auto& f : msg) {
                std::string name(f.name_string());
                for (auto& c : name)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                res.headers[name] = std::string(f.value());
            }
            if (!msg.keep_alive()) stream.reset();
        } while (false);
        res.latencyMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        done(conn, *req, std::move(res));
    }
    if (stream) {
        boost::system::error_code ec;
        stream->socket().shutdown(tcp::socket::shutdown_both, ec);
    }
}

} // namespace

void runLoad(uint16_t port, int connections, const std::function<std::optional<Req>(int)>& next,
             const std::function<void(int, const Req&, Res&&)>& done) {
    asio::io_context io{1};
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
    for (int i = 0; i < connections; ++i)
        asio::co_spawn(io, connectionLoop(ep, i, next, done), asio::detached);
    io.run();
}

Res request(uint16_t port, Req req) {
    Res out;
    bool sent = false;
    runLoad(
        port, 1,
        [&](int) -> std::optional<Req> {
            if (sent) return std::nullopt;
            sent = true;
            return req;
        },
        [&](int, const Req&, Res&& r) { out = std::move(r); });
    return out;
}

// ---- data set and configuration ----

std::string testDate(int plusDays) {
    const auto today = booking::parseDate(
        booking::koreaDate(std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count()));
    return booking::formatDate(*today + plusDays);
}

void writeDataSet(const std::string& dir, const std::vector<Slot>& hot, int64_t reserveDoses) {
    std::set<std::string> clinicIds;
    for (const auto& s : hot)
        clinicIds.insert(s.clinicId);
    std::ofstream c(dir + "/clinics.csv");
    c << "id,name,region,district,lat,lon\n";
    int i = 0;
    for (const auto& id : clinicIds) {
        ++i;
        c << id << ",\"Test Clinic " << i << "\",서울특별시,강남구,37.5," << (127.0 + i * 0.01)
          << "\n";
    }
    c << "RESERVE,Reserve Clinic,부산광역시,해운대구,35.16,129.16\n";
    std::ofstream s(dir + "/stock.csv");
    s << "clinic_id,date,doses\n";
    for (const auto& slot : hot)
        s << slot.clinicId << "," << slot.date << "," << slot.doses << "\n";
    s << "RESERVE," << testDate(13) << "," << reserveDoses << "\n";
}

std::string makeConfig(const ConfigOptions& o) {
    json::array cohorts;
    cohorts.push_back(json::object{{"id", "53-54"},
                                   {"label", json::object{{"ko", "53–54세"}, {"en", "Ages 53–54"}}},
                                   {"birth_year_from", 1967},
                                   {"birth_year_to", 1968},
                                   {"prequeue_opens", "-2m"},
                                   {"opens", "-1m"},
                                   {"rate_per_s", o.ratePerS},
                                   {"max_active", o.maxActive},
                                   {"session_window_s", o.sessionWindowS}});
    if (o.secondCohort)
        cohorts.push_back(
            json::object{{"id", "18-49"},
                         {"label", json::object{{"ko", "18–49세"}, {"en", "Ages 18–49"}}},
                         {"birth_year_from", 1972},
                         {"birth_year_to", 2003},
                         {"prequeue_opens", "-2m"},
                         {"opens", "-1m"},
                         {"rate_per_s", o.ratePerS},
                         {"max_active", o.maxActive},
                         {"session_window_s", o.sessionWindowS}});
    json::object root{{"cohorts", std::move(cohorts)},
                      {"identity_provider", json::parse(o.idpJson)}};
    if (o.writeQueueLimit > 0)
        root["server"] = json::object{{"write_queue_limit", o.writeQueueLimit}};
    if (!o.dataDir.empty()) {
        root["clinics"] = o.dataDir + "/clinics.csv";
        root["stock"] = o.dataDir + "/stock.csv";
    }
    return json::serialize(root);
}

Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

std::string identityBody(int identity, const std::string& birthDate) {
    char phone[32];
    std::snprintf(phone, sizeof phone, "010-%04d-%04d", (identity / 10000) % 10000,
                  identity % 10000);
    return json::serialize(json::object{{"name", "Citizen " + std::to_string(identity)},
                                        {"birth_date", birthDate},
                                        {"phone", phone}});
}

std::string reservationBody(const std::string& personId, const std::string& clinicId,
                            const std::string& date, int dose) {
    return json::serialize(json::object{
        {"person_id", personId}, {"clinic_id", clinicId}, {"date", date}, {"dose", dose}});
}

bool admitCitizens(uint16_t port, const std::string& cohort, int n, int connections,
                   std::vector<Citizen>& out, std::string& error, int timeoutMs) {
    out.assign(static_cast<std::size_t>(n), Citizen{});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    // Phase 1: join.
    int nextJoin = 0;
    int failures = 0;
    std::deque<uint64_t> retryJoins; // shed with 503: ask again shortly
    runLoad(
        port, connections,
        [&](int) -> std::optional<Req> {
            if (failures > 0 || std::chrono::steady_clock::now() > deadline) return std::nullopt;
            Req r;
            r.method = "POST";
            r.target = "/v1/queue/" + cohort + "/join";
            if (!retryJoins.empty()) {
                r.tag = retryJoins.front();
                r.delayMs = 50;
                retryJoins.pop_front();
            } else if (nextJoin < n) {
                r.tag = static_cast<uint64_t>(nextJoin++);
            } else {
                return std::nullopt;
            }
            return r;
        },
        [&](int, const Req& q, Res&& r) {
            if (r.status == 503) {
                retryJoins.push_back(q.tag);
                return;
            }
            if (r.status != 200 && r.status != 201) {
                ++failures;
                error = "join: " + std::to_string(r.status) + " " + r.body + r.error;
                return;
            }
            out[q.tag].ticket = r.field("ticket");
        });
    if (failures) return false;
    for (const auto& c : out)
        if (c.ticket.empty()) {
            error = "join: not every citizen got a ticket in time";
            return false;
        }
    // Phase 2: admit, polling while the waiting room has not reached the ticket yet.
    std::deque<std::pair<uint64_t, bool>> pending; // citizen, asked before
    for (int i = 0; i < n; ++i)
        pending.emplace_back(static_cast<uint64_t>(i), false);
    int outstanding = n;
    runLoad(
        port, connections,
        [&](int) -> std::optional<Req> {
            if (pending.empty() || failures > 0 || std::chrono::steady_clock::now() > deadline)
                return std::nullopt;
            Req r;
            r.method = "POST";
            r.target = "/v1/queue/" + cohort + "/admit";
            r.tag = pending.front().first;
            r.delayMs = pending.front().second ? 20 : 0;
            pending.pop_front();
            r.headers = {{"X-Sluice-Ticket", out[r.tag].ticket}};
            return r;
        },
        [&](int, const Req& q, Res&& r) {
            if (r.status == 200) {
                out[q.tag].token = r.field("admission_token");
                json::value v = parseOrNull(r.body);
                if (auto* o = v.if_object())
                    if (auto* p = o->if_contains("position"); p && p->is_number())
                        out[q.tag].position = p->to_number<uint64_t>();
                --outstanding;
            } else if (r.status == 409 || r.status == 429 || r.status == 503) {
                pending.emplace_back(q.tag, true); // not yet served: ask again shortly
            } else {
                ++failures;
                error = "admit: " + std::to_string(r.status) + " " + r.body + r.error;
            }
        });
    if (outstanding > 0 && error.empty())
        error = std::to_string(outstanding) + " citizens not admitted in time";
    return outstanding == 0;
}

bool verifyCitizens(uint16_t port, std::vector<Citizen>& citizens,
                    const std::function<int(int)>& identityOf, int connections, std::string& error,
                    const std::string& birthDate) {
    // Work list: citizen index and whether it is a retry. A 503 (load shedding, a slow identity
    // provider) is what a real client meets too: wait a little and ask again.
    std::deque<std::pair<std::size_t, bool>> pending;
    for (std::size_t i = 0; i < citizens.size(); ++i)
        pending.emplace_back(i, false);
    int failures = 0, retries = 0;
    runLoad(
        port, connections,
        [&](int) -> std::optional<Req> {
            if (pending.empty() || failures > 0) return std::nullopt;
            const auto [i, retry] = pending.front();
            pending.pop_front();
            Req r;
            r.method = "POST";
            r.target = "/v1/identity/verify";
            r.tag = i;
            r.delayMs = retry ? 50 : 0;
            r.body = identityBody(identityOf(static_cast<int>(i)), birthDate);
            r.headers = bearer(citizens[i].token);
            return r;
        },
        [&](int, const Req& q, Res&& r) {
            if (r.status == 503 && ++retries < 100'000) {
                pending.emplace_back(q.tag, true);
                return;
            }
            if (r.status != 200) {
                ++failures;
                error = "verify: " + std::to_string(r.status) + " " + r.body + r.error;
                return;
            }
            citizens[q.tag].personId = r.field("person_id");
        });
    return failures == 0;
}

// ---- database checks ----

DbState readDb(const std::string& dbPath) {
    DbState s;
    store::Db db(dbPath, store::Sync::Full, true);
    // SQLite 3.40.1 (Debian 12) reports "NULL value in T.C" for a NOT NULL column of a WITHOUT
    // ROWID table declared before a primary-key column even when no such NULL exists (the
    // queue's served_history has that shape). Such a line is checked with a real query and
    // dropped only when the column holds no NULL; every other line counts.
    {
        std::vector<std::string> problems;
        store::Stmt q(db, "PRAGMA integrity_check(1000)");
        while (q.step()) {
            const std::string line = q.text(0);
            if (line == "ok") continue;
            const std::string prefix = "NULL value in ";
            if (line.rfind(prefix, 0) == 0) {
                const std::string tc = line.substr(prefix.size());
                const auto dot = tc.find('.');
                if (dot != std::string::npos && tc.find_first_of("\"'; ") == std::string::npos) {
                    store::Stmt n(db, "SELECT count(*) FROM \"" + tc.substr(0, dot) +
                                          "\" WHERE \"" + tc.substr(dot + 1) + "\" IS NULL");
                    if (n.step() && n.int64(0) == 0) continue;
                }
            }
            problems.push_back(line);
        }
        s.integrity = "ok";
        if (!problems.empty()) {
            s.integrity.clear();
            for (const auto& p : problems)
                s.integrity += (s.integrity.empty() ? "" : "; ") + p;
        }
    }
    {
        store::Stmt q(db, "SELECT clinic_id, date, initial, remaining FROM stock");
        while (q.step())
            s.stock[{q.text(0), q.text(1)}] = {q.int64(2), q.int64(3)};
    }
    {
        store::Stmt q(db, "SELECT id, person_id, clinic_id, date, status, dose FROM reservations");
        while (q.step())
            s.reservations[q.text(0)] =
                DbReservation{q.text(0), q.text(1), q.text(2),
                              q.text(3), q.text(4), static_cast<int>(q.int64(5))};
    }
    {
        store::Stmt q(db, "SELECT scope, status, body FROM idempotency_keys");
        while (q.step())
            s.keys[q.text(0)] = {static_cast<int>(q.int64(1)), q.text(2)};
    }
    return s;
}

std::vector<std::string> checkInvariants(const DbState& db) {
    std::vector<std::string> problems;
    if (db.integrity != "ok") problems.push_back("integrity_check: " + db.integrity);
    std::map<std::pair<std::string, std::string>, int64_t> confirmed;
    std::map<std::pair<std::string, int>, int> perPerson;
    for (const auto& [id, r] : db.reservations) {
        if (r.status == "confirmed") {
            ++confirmed[{r.clinicId, r.date}];
            if (++perPerson[{r.personId, r.dose}] > 1)
                problems.push_back("person " + r.personId +
                                   " holds more than one active reservation for dose " +
                                   std::to_string(r.dose));
        }
    }
    for (const auto& [slot, v] : db.stock) {
        const auto [initial, remaining] = v;
        const int64_t c = confirmed.count(slot) ? confirmed.at(slot) : 0;
        if (remaining < 0) problems.push_back(slot.first + " " + slot.second + ": negative stock");
        if (c > initial)
            problems.push_back(slot.first + " " + slot.second + ": oversold (" + std::to_string(c) +
                               " > " + std::to_string(initial) + ")");
        if (remaining + c != initial)
            problems.push_back(slot.first + " " + slot.second + ": remaining " +
                               std::to_string(remaining) + " + confirmed " + std::to_string(c) +
                               " != initial " + std::to_string(initial));
    }
    for (const auto& [slot, c] : confirmed)
        if (!db.stock.count(slot))
            problems.push_back("reservation for unknown slot " + slot.first + " " + slot.second);
    return problems;
}

std::string sanitizerReport(const std::string& output) {
    for (const char* marker :
         {"ERROR: AddressSanitizer", "runtime error:", "ERROR: LeakSanitizer"}) {
        const auto at = output.find(marker);
        if (at != std::string::npos) {
            const auto start = output.rfind('\n', at);
            return output.substr(start == std::string::npos ? 0 : start + 1, 600);
        }
    }
    return {};
}

double metricValue(const std::string& text, const std::string& series) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
    }
    return -1;
}

} // namespace sluice::booktest
