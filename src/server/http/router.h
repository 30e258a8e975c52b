// Routing of HTTP requests to handlers by method and path pattern ("/v1/queue/{}/join"), and
// the response helpers every handler uses (JSON bodies, JSON errors).
#pragma once
#include "server/http/stream.h"
#include "server/http/types.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::http {

class Session;

// Everything a handler may read about one request. References stay valid until the handler
// returns (sync) or until the Responder is used (async): copy what you keep beyond that.
struct RequestContext {
    Request& req;
    std::string_view path;                // without the query string
    std::string_view query;               // after '?', may be empty
    std::vector<std::string_view> params; // one per "{}" in the pattern
    std::string peer;                     // "ip:port"
    int64_t receivedAtMonoMs = 0;

    std::string_view param(std::size_t i) const { return params.at(i); }
    std::optional<std::string> queryParam(std::string_view key) const; // percent-decoded
    std::string_view header(std::string_view name) const;              // empty when absent
    // "Bearer xyz" -> "xyz"; empty when the header is missing or not a bearer token.
    std::string_view bearerToken() const;
};

// One-shot handle to answer an async request from any thread.
class Responder {
public:
    Responder() = default;
    explicit Responder(std::shared_ptr<Session> s) : m_session(std::move(s)) {}
    void send(Response&& res);
    explicit operator bool() const { return m_session != nullptr; }

private:
    std::shared_ptr<Session> m_session;
};

using SyncHandler = std::function<Response(RequestContext&)>;
// Returns a complete, pre-serialized HTTP/1.1 keep-alive response (status line, headers, body)
// shared by many requests, written as is: no copy, no allocation. nullptr: use the fallback.
using RawHandler = std::function<std::shared_ptr<const std::string>(RequestContext&)>;
using AsyncHandler = std::function<void(RequestContext&, Responder)>;
// Takes over the connection for a WebSocket upgrade request.
using UpgradeHandler = std::function<void(Stream&& stream, Request&& req, std::string peer)>;

struct RouteOptions {
    bool sheddable = false; // answered 503 + Retry-After while the event loop is overloaded
    // Carries an operator's token: refused (403 tls_required) over plain HTTP unless the peer
    // is on this machine, where a TLS-terminating proxy or the operator's own shell sits.
    bool operatorCredentials = false;
    // While this returns true (the route's back end holds all the work it should queue), the
    // route is answered 503 busy + Retry-After at once, before its handler runs. Called on the
    // HTTP thread for every request of the route: it must be cheap and thread-safe.
    std::function<bool()> busy = nullptr;
};

struct Route {
    Verb method;
    std::string pattern;
    std::vector<std::string> segments; // "{}" for a parameter
    SyncHandler sync;
    RawHandler raw; // tried first when set; `sync` answers when it returns nullptr
    AsyncHandler async;
    UpgradeHandler upgrade;
    RouteOptions options;
    std::size_t index = 0; // dense id for metrics
};

class Router {
public:
    void add(Verb method, std::string pattern, SyncHandler h, RouteOptions o = {});
    void addAsync(Verb method, std::string pattern, AsyncHandler h, RouteOptions o = {});
    void addRaw(Verb method, std::string pattern, RawHandler raw, SyncHandler fallback,
                RouteOptions o = {});
    void addUpgrade(std::string pattern, UpgradeHandler h, RouteOptions o = {});

    struct Match {
        const Route* route = nullptr;
        bool pathKnown = false; // some route has this path with another method (405)
    };
    // Fills params on success.
    Match match(Verb method, std::string_view path, std::vector<std::string_view>& params) const;
    const std::vector<std::unique_ptr<Route>>& routes() const { return m_routes; }

private:
    Route& addRoute(Verb method, std::string pattern);
    std::vector<std::unique_ptr<Route>> m_routes;
};

// ---- response helpers ----
Response makeResponse(const Request& req, Status status, std::string body,
                      std::string_view contentType = "application/json");
Response jsonResponse(const Request& req, Status status, const JsonValue& body);
// {"error": {"code": code, "message": message}}
Response errorResponse(const Request& req, Status status, std::string_view code,
                       std::string_view message);
// Parses a JSON object body; on failure sets `error` to a ready 400/415 answer.
std::optional<JsonObject> parseJsonObjectBody(const Request& req, std::optional<Response>& error);
std::string percentDecode(std::string_view s);

} // namespace sluice::http
