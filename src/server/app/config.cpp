// Config file parsing. Every error names the file and the field: operators fix configs at
// 19:55 before an opening, and "invalid config" alone would cost them minutes.
#include "server/app/config.h"

#include "common/pow.h"
#include "common/timeutil.h"

#include <boost/asio/ip/address.hpp>
#include <boost/json/parse.hpp>

#include <cctype>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace sluice {
namespace json = boost::json;

namespace {
[[noreturn]] void fail(const std::string& where, const std::string& why) {
    throw ConfigError(where + ": " + why);
}
const json::value* find(const json::object& o, const char* key) {
    auto it = o.find(key);
    return it == o.end() ? nullptr : &it->value();
}
std::string join(const std::string& where, const char* key) {
    return where.empty() ? std::string(key) : where + "." + key;
}
int64_t requireTime(const json::object& o, const char* key, const std::string& where,
                    int64_t nowMs) {
    std::string s = requireString(o, key, where);
    auto t = parseTimeSpec(s, nowMs);
    if (!t)
        fail(join(where, key),
             "expected an RFC 3339 time or +N[s|m|h] relative to start, got \"" + s + "\"");
    return *t;
}
} // namespace

double requireNumber(const json::object& o, const char* key, const std::string& where) {
    const json::value* v = find(o, key);
    if (!v) fail(join(where, key), "missing");
    if (!v->is_number()) fail(join(where, key), "expected a number");
    return v->to_number<double>();
}

std::string requireString(const json::object& o, const char* key, const std::string& where) {
    const json::value* v = find(o, key);
    if (!v) fail(join(where, key), "missing");
    if (!v->is_string()) fail(join(where, key), "expected a string");
    return std::string(v->as_string());
}

double optionalNumber(const json::object& o, const char* key, double fallback,
                      const std::string& where) {
    return find(o, key) ? requireNumber(o, key, where) : fallback;
}

std::string optionalString(const json::object& o, const char* key, std::string fallback,
                           const std::string& where) {
    return find(o, key) ? requireString(o, key, where) : fallback;
}

ServerConfig parseConfig(const std::string& text, const std::string& sourceName, int64_t nowMs) {
    ServerConfig cfg;
    cfg.startedAtMs = nowMs;
    boost::system::error_code ec;
    json::value doc = json::parse(text, ec);
    try {
        if (ec) fail("", "not valid JSON (" + ec.message() + ")");
        if (!doc.is_object()) fail("", "the top level must be a JSON object");
        cfg.root = doc.as_object();
        const json::value* cohorts = find(cfg.root, "cohorts");
        if (!cohorts) fail("cohorts", "missing: the config must list at least one cohort");
        if (!cohorts->is_array() || cohorts->as_array().empty())
            fail("cohorts", "expected a non-empty array");
        std::set<std::string> ids;
        std::size_t i = 0;
        for (const auto& item : cohorts->as_array()) {
            std::string where = "cohorts[" + std::to_string(i++) + "]";
            if (!item.is_object()) fail(where, "expected an object");
            const auto& o = item.as_object();
            CohortConfig c;
            c.id = requireString(o, "id", where);
            if (c.id.empty() || c.id.size() > 32) fail(where + ".id", "must be 1 to 32 characters");
            for (char ch : c.id)
                if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_'))
                    fail(where + ".id", "may contain only letters, digits, '-' and '_'");
            if (!ids.insert(c.id).second)
                fail(where + ".id", "duplicate cohort id \"" + c.id + "\"");
            const json::value* label = find(o, "label");
            if (label) {
                if (label->is_string()) {
                    c.labelKo = c.labelEn = std::string(label->as_string());
                } else if (label->is_object()) {
                    c.labelKo = optionalString(label->as_object(), "ko", c.id, where + ".label");
                    c.labelEn =
                        optionalString(label->as_object(), "en", c.labelKo, where + ".label");
                } else {
                    fail(where + ".label", "expected {\"ko\": ..., \"en\": ...} or a string");
                }
            } else {
                c.labelKo = c.labelEn = c.id;
            }
            double from = requireNumber(o, "birth_year_from", where);
            double to = requireNumber(o, "birth_year_to", where);
            if (from < 1900 || from > 2100 || from != std::floor(from))
                fail(where + ".birth_year_from", "expected a year");
            if (to < from || to > 2100 || to != std::floor(to))
                fail(where + ".birth_year_to", "expected a year not before birth_year_from");
            c.birthYearFrom = static_cast<int>(from);
            c.birthYearTo = static_cast<int>(to);
            c.opensMs = requireTime(o, "opens", where, nowMs);
            c.prequeueOpensMs = find(o, "prequeue_opens")
                                    ? requireTime(o, "prequeue_opens", where, nowMs)
                                    : c.opensMs;
            if (c.prequeueOpensMs > c.opensMs)
                fail(where + ".prequeue_opens", "must not be after opens");
            c.ratePerS = requireNumber(o, "rate_per_s", where);
            if (!(c.ratePerS > 0) || c.ratePerS > 1e7)
                fail(where + ".rate_per_s", "must be above 0 and at most 10000000");
            c.maxRatePerS = optionalNumber(o, "max_rate_per_s", c.ratePerS * 10, where);
            if (c.maxRatePerS < c.ratePerS)
                fail(where + ".max_rate_per_s", "must be at least rate_per_s");
            double maxActive = requireNumber(o, "max_active", where);
            if (maxActive < 1 || maxActive > 1e9 || maxActive != std::floor(maxActive))
                fail(where + ".max_active", "must be a whole number of at least 1");
            c.maxActive = static_cast<int64_t>(maxActive);
            double window = optionalNumber(o, "session_window_s", 1200, where);
            if (window < 1 || window > 86400)
                fail(where + ".session_window_s", "must be between 1 and 86400 seconds");
            c.sessionWindowS = static_cast<int64_t>(window);
            cfg.cohorts.push_back(std::move(c));
        }
        if (const json::value* server = find(cfg.root, "server")) {
            if (!server->is_object()) fail("server", "expected an object");
            const auto& s = server->as_object();
            cfg.controllerTickMs =
                static_cast<int>(optionalNumber(s, "controller_tick_ms", 100, "server"));
            if (cfg.controllerTickMs < 10 || cfg.controllerTickMs > 5000)
                fail("server.controller_tick_ms", "must be between 10 and 5000");
            cfg.http.bodyLimit = static_cast<std::size_t>(
                optionalNumber(s, "body_limit_bytes", double(cfg.http.bodyLimit), "server"));
            cfg.http.readTimeoutMs = static_cast<int>(
                optionalNumber(s, "read_timeout_ms", cfg.http.readTimeoutMs, "server"));
            cfg.http.idleTimeoutMs = static_cast<int>(
                optionalNumber(s, "idle_timeout_ms", cfg.http.idleTimeoutMs, "server"));
            cfg.http.maxConnectionsPerThread = static_cast<int>(optionalNumber(
                s, "max_connections_per_thread", cfg.http.maxConnectionsPerThread, "server"));
            cfg.http.overloadLagMs = static_cast<int>(
                optionalNumber(s, "overload_lag_ms", cfg.http.overloadLagMs, "server"));
            const double writeQueueLimit =
                optionalNumber(s, "write_queue_limit", cfg.writeQueueLimit, "server");
            if (writeQueueLimit < 1 || writeQueueLimit > 1e6 ||
                writeQueueLimit != std::floor(writeQueueLimit))
                fail("server.write_queue_limit", "must be a whole number from 1 to 1000000");
            cfg.writeQueueLimit = static_cast<int>(writeQueueLimit);
            if (cfg.http.bodyLimit < 1024) fail("server.body_limit_bytes", "must be at least 1024");
            if (cfg.http.readTimeoutMs < 100)
                fail("server.read_timeout_ms", "must be at least 100");
            if (cfg.http.idleTimeoutMs < 100)
                fail("server.idle_timeout_ms", "must be at least 100");
            if (const json::value* tls = find(s, "tls")) {
                if (!tls->is_object())
                    fail("server.tls", "expected {\"certificate_file\": ..., \"key_file\": ...}");
                const auto& t = tls->as_object();
                http::TlsFiles files;
                files.certificateFile = requireString(t, "certificate_file", "server.tls");
                files.keyFile = requireString(t, "key_file", "server.tls");
                if (files.certificateFile.empty())
                    fail("server.tls.certificate_file", "must name a PEM file");
                if (files.keyFile.empty()) fail("server.tls.key_file", "must name a PEM file");
                const std::string plain = optionalString(t, "plain_http", "loopback", "server.tls");
                if (plain == "loopback")
                    cfg.http.plainHttp = http::PlainHttp::Loopback;
                else if (plain == "any")
                    cfg.http.plainHttp = http::PlainHttp::Any;
                else
                    fail("server.tls.plain_http", "expected \"loopback\" or \"any\"");
                cfg.tls = std::move(files);
            }
        }
        if (const json::value* screening = find(cfg.root, "screening")) {
            if (!screening->is_object()) fail("screening", "expected an object");
            const auto& s = screening->as_object();
            const double bits = optionalNumber(s, "pow_bits", 0, "screening");
            if (bits < 0 || bits > kMaxPowBits || bits != std::floor(bits))
                fail("screening.pow_bits",
                     "must be a whole number between 0 (off) and " + std::to_string(kMaxPowBits));
            cfg.powBits = static_cast<int>(bits);
            const double joins = optionalNumber(s, "joins_per_client_per_min", 0, "screening");
            if (joins < 0 || joins > 100'000 || joins != std::floor(joins))
                fail("screening.joins_per_client_per_min",
                     "must be a whole number between 0 (off) and 100000");
            cfg.joinsPerClientPerMin = static_cast<int>(joins);
            if (const json::value* proxies = find(s, "trusted_proxies")) {
                if (!proxies->is_array())
                    fail("screening.trusted_proxies", "expected an array of IP addresses");
                for (const json::value& p : proxies->as_array()) {
                    boost::system::error_code ec;
                    const auto a =
                        p.is_string()
                            ? boost::asio::ip::make_address(std::string(p.as_string()), ec)
                            : boost::asio::ip::address();
                    if (!p.is_string() || ec)
                        fail("screening.trusted_proxies",
                             "expected IP addresses like \"127.0.0.1\"");
                    cfg.trustedProxies.push_back(a.to_string()); // as peers are written
                }
            }
        }
    } catch (const ConfigError& e) {
        throw ConfigError(sourceName + ": " + e.what());
    }
    return cfg;
}

http::TlsFiles resolvedTlsFiles(const ServerConfig& cfg) {
    http::TlsFiles files = cfg.tls.value_or(http::TlsFiles{});
    auto resolve = [&](std::string& path) {
        if (!path.empty() && path.front() != '/' && !cfg.baseDir.empty())
            path = cfg.baseDir + "/" + path;
    };
    resolve(files.certificateFile);
    resolve(files.keyFile);
    return files;
}

ServerConfig loadConfigFile(const std::string& path, int64_t nowMs) {
    std::ifstream in(path);
    if (!in) throw ConfigError(path + ": cannot read the config file");
    std::stringstream ss;
    ss << in.rdbuf();
    ServerConfig cfg = parseConfig(ss.str(), path, nowMs);
    cfg.configPath = path;
    auto slash = path.find_last_of('/');
    cfg.baseDir = slash == std::string::npos ? "." : path.substr(0, slash);
    return cfg;
}

std::string demoConfigText() {
    // The July 2021 schedule compressed into minutes: a newcomer sees a pre-queue open at once,
    // the first cohort open after 90 s, the next ones every few minutes.
    return R"({
  "cohorts": [
    {"id": "55-59", "label": {"ko": "55–59세", "en": "Ages 55–59"},
     "birth_year_from": 1962, "birth_year_to": 1966,
     "prequeue_opens": "+0s", "opens": "+90s", "rate_per_s": 400, "max_active": 5000},
    {"id": "53-54", "label": {"ko": "53–54세", "en": "Ages 53–54"},
     "birth_year_from": 1967, "birth_year_to": 1968,
     "prequeue_opens": "+2m", "opens": "+4m", "rate_per_s": 400, "max_active": 5000},
    {"id": "50-52", "label": {"ko": "50–52세", "en": "Ages 50–52"},
     "birth_year_from": 1969, "birth_year_to": 1971,
     "prequeue_opens": "+5m", "opens": "+7m", "rate_per_s": 400, "max_active": 5000},
    {"id": "18-49", "label": {"ko": "18–49세", "en": "Ages 18–49"},
     "birth_year_from": 1972, "birth_year_to": 2003,
     "prequeue_opens": "+8m", "opens": "+10m", "rate_per_s": 800, "max_active": 10000}
  ]
})";
}

} // namespace sluice
