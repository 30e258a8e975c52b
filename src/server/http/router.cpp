// Route table and response helpers. Matching is a linear scan over a few dozen routes comparing
// path segments: no allocation beyond the params vector the session reuses.
#include "server/http/router.h"

#include <boost/beast/http/field.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cctype>

namespace sluice::http {
namespace {
std::vector<std::string> splitPattern(std::string_view p) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < p.size()) {
        if (p[i] == '/') {
            ++i;
            continue;
        }
        std::size_t j = p.find('/', i);
        if (j == std::string_view::npos) j = p.size();
        out.emplace_back(p.substr(i, j - i));
        i = j;
    }
    return out;
}

// Matches path segments against a route's segments without allocating.
bool matchSegments(const Route& r, std::string_view path, std::vector<std::string_view>& params) {
    params.clear();
    std::size_t i = 0, seg = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        std::size_t j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        if (seg >= r.segments.size()) return false;
        std::string_view part = path.substr(i, j - i);
        const std::string& want = r.segments[seg];
        if (want == "{}")
            params.push_back(part);
        else if (want != part)
            return false;
        ++seg;
        i = j;
    }
    return seg == r.segments.size();
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
} // namespace

std::string percentDecode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int hi = hexValue(s[i + 1]);
            int lo = hexValue(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
    return out;
}

std::optional<std::string> RequestContext::queryParam(std::string_view key) const {
    std::string_view q = query;
    while (!q.empty()) {
        std::size_t amp = q.find('&');
        std::string_view pair = q.substr(0, amp);
        std::size_t eq = pair.find('=');
        std::string_view k = pair.substr(0, eq);
        if (k == key) return percentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        q.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

std::string_view RequestContext::header(std::string_view name) const {
    auto it = req.find(name);
    return it == req.end() ? std::string_view{} : std::string_view(it->value());
}

std::string_view RequestContext::bearerToken() const {
    std::string_view h = header("Authorization");
    constexpr std::string_view kPrefix = "Bearer ";
    if (h.size() <= kPrefix.size()) return {};
    for (std::size_t i = 0; i < kPrefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(h[i])) !=
            std::tolower(static_cast<unsigned char>(kPrefix[i])))
            return {};
    h.remove_prefix(kPrefix.size());
    while (!h.empty() && h.front() == ' ')
        h.remove_prefix(1);
    while (!h.empty() && h.back() == ' ')
        h.remove_suffix(1);
    return h;
}

Route& Router::addRoute(Verb method, std::string pattern) {
    auto r = std::make_unique<Route>();
    r->method = method;
    r->segments = splitPattern(pattern);
    r->pattern = std::move(pattern);
    r->index = m_routes.size();
    m_routes.push_back(std::move(r));
    return *m_routes.back();
}

void Router::add(Verb method, std::string pattern, SyncHandler h, RouteOptions o) {
    auto& r = addRoute(method, std::move(pattern));
    r.sync = std::move(h);
    r.options = o;
}

void Router::addAsync(Verb method, std::string pattern, AsyncHandler h, RouteOptions o) {
    auto& r = addRoute(method, std::move(pattern));
    r.async = std::move(h);
    r.options = o;
}

void Router::addRaw(Verb method, std::string pattern, RawHandler raw, SyncHandler fallback,
                    RouteOptions o) {
    auto& r = addRoute(method, std::move(pattern));
    r.raw = std::move(raw);
    r.sync = std::move(fallback);
    r.options = o;
}

void Router::addUpgrade(std::string pattern, UpgradeHandler h, RouteOptions o) {
    auto& r = addRoute(Verb::get, std::move(pattern));
    r.upgrade = std::move(h);
    r.options = o;
}

Router::Match Router::match(Verb method, std::string_view path,
                            std::vector<std::string_view>& params) const {
    Match m;
    for (const auto& r : m_routes) {
        if (!matchSegments(*r, path, params)) continue;
        if (r->method == method || (method == Verb::head && r->method == Verb::get)) {
            m.route = r.get();
            return m;
        }
        m.pathKnown = true;
    }
    params.clear();
    return m;
}

Response makeResponse(const Request& req, Status status, std::string body,
                      std::string_view contentType) {
    Response res{status, req.version()};
    res.set(bhttp::field::server, "sluice");
    res.set(bhttp::field::content_type, contentType);
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

Response jsonResponse(const Request& req, Status status, const JsonValue& body) {
    return makeResponse(req, status, boost::json::serialize(body));
}

Response errorResponse(const Request& req, Status status, std::string_view code,
                       std::string_view message) {
    boost::json::object err;
    err["code"] = code;
    err["message"] = message;
    boost::json::object root;
    root["error"] = std::move(err);
    Response res = jsonResponse(req, status, root);
    res.set(bhttp::field::cache_control, "no-store");
    return res;
}

std::optional<JsonObject> parseJsonObjectBody(const Request& req, std::optional<Response>& error) {
    auto ct = req[bhttp::field::content_type];
    if (!ct.empty() && ct.find("json") == std::string_view::npos) {
        error = errorResponse(req, Status::unsupported_media_type, "unsupported_media_type",
                              "the body must be JSON (Content-Type: application/json)");
        return std::nullopt;
    }
    boost::system::error_code ec;
    JsonValue v = boost::json::parse(req.body(), ec);
    if (ec) {
        error = errorResponse(req, Status::bad_request, "malformed_json",
                              "the body is not valid JSON: " + ec.message());
        return std::nullopt;
    }
    if (!v.is_object()) {
        error = errorResponse(req, Status::bad_request, "malformed_json",
                              "the body must be a JSON object");
        return std::nullopt;
    }
    return std::move(v.as_object());
}

} // namespace sluice::http
