// The server's configuration: command line and the JSON config file (docs/configuration.md).
// Parsing reports the first problem as one line naming the field, e.g.
// "config.json: cohorts[1].opens: expected RFC 3339 time or +N[s|m|h]".
#pragma once
#include "server/http/server.h"
#include "server/http/tls.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sluice {

class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CohortConfig {
    std::string id;
    std::string labelKo, labelEn;
    int birthYearFrom = 0, birthYearTo = 0;
    int64_t prequeueOpensMs = 0; // absolute unix ms (relative specs resolved at start)
    int64_t opensMs = 0;
    double ratePerS = 100;         // the operator's ceiling
    double maxRatePerS = 0;        // upper bound operators may set; 0: 10x rate_per_s
    int64_t maxActive = 10'000;    // admitted sessions allowed in the booking zone at once
    int64_t sessionWindowS = 1200; // a served place stays claimable, and its token valid, this long
};

struct ServerConfig {
    http::ServerOptions http;
    // server.tls: when set, the port also speaks TLS (paths as written; resolved against
    // baseDir by tlsFiles()).
    std::optional<http::TlsFiles> tls;
    std::string dataDir;
    std::string configPath; // empty for --demo
    std::string baseDir;    // folder relative paths in the config resolve against
    std::vector<CohortConfig> cohorts;
    int controllerTickMs = 100;
    // server.write_queue_limit: with this many jobs waiting for the storage writer, reservations
    // and cancellations answer 503 busy + Retry-After at once instead of queueing. 512: one full
    // group-commit batch waits behind the one being committed.
    int writeQueueLimit = 512;
    int64_t startedAtMs = 0;
    std::string nodeId;
    // screening: abuse screening at join for every cohort until an operator changes a cohort's
    // (docs/security.md). 0 = off. trusted_proxies: peers whose X-Forwarded-For names the client.
    int powBits = 0;
    int joinsPerClientPerMin = 0;
    std::vector<std::string> trustedProxies;
    // The whole parsed document: modules read their own sections (booking: "clinics", "stock",
    // "identity_provider"; ops: "ops") and report errors through ConfigError themselves.
    boost::json::object root;
};

// The TLS files with relative paths resolved against the config's folder.
http::TlsFiles resolvedTlsFiles(const ServerConfig& cfg);

// Parses a config document. `nowMs` resolves relative times.
ServerConfig parseConfig(const std::string& text, const std::string& sourceName, int64_t nowMs);
ServerConfig loadConfigFile(const std::string& path, int64_t nowMs);
// The built-in demo configuration: the July 2021 cohorts opening within minutes of start.
std::string demoConfigText();

// Field helpers for modules parsing their own sections; `where` is the path for messages.
double requireNumber(const boost::json::object& o, const char* key, const std::string& where);
std::string requireString(const boost::json::object& o, const char* key, const std::string& where);
double optionalNumber(const boost::json::object& o, const char* key, double fallback,
                      const std::string& where);
std::string optionalString(const boost::json::object& o, const char* key, std::string fallback,
                           const std::string& where);

} // namespace sluice
