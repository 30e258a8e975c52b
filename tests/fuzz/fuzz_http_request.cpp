// The bytes a client sends on one connection, read and routed the way the server's Session
// does (src/server/http/server.cpp), without sockets:
//  - Beast's request_parser with the server's header and body limits (ServerOptions defaults),
//    header first (http::read_header), the framing checks of Session::onHeader
//    (Transfer-Encoding must end in chunked, not beside Content-Length), then the body;
//    request after request while the connection is kept alive (pipelining);
//  - each request routed by Router::match over the server's route table, then what handlers
//    read from it: path parameters, query parameters (percent-decoded), headers, the bearer
//    token, the ticket codec on X-Sluice-Ticket and Authorization, the JSON body of POST
//    routes, the clinics date filter, and the error answers that echo the path and method.
// The connection is read twice: all bytes at once, and in pieces of 1..16 bytes (a socket
// hands over what has arrived). Both reads must see the same requests, and refuse the
// connection after the same one.
#include "common/ops_schema.h"
#include "common/signed_codec.h"
#include "fuzz/fuzz_support.h"
#include "server/booking/clinic_data.h"
#include "server/http/router.h"
#include "server/http/server.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace {
using namespace sluice;
using namespace sluice::http;
namespace asio = boost::asio;

// Hands out the connection's bytes: at most `piece` per read (0: as many as asked for).
class PieceStream {
public:
    PieceStream(std::string_view bytes, uint64_t seed, bool pieces)
        : m_bytes(bytes), m_state(seed | 1), m_pieces(pieces) {}

    template <class MutableBufferSequence>
    std::size_t read_some(const MutableBufferSequence& buffers, boost::system::error_code& ec) {
        ec = {};
        if (m_pos == m_bytes.size()) {
            ec = asio::error::eof;
            return 0;
        }
        std::size_t n = std::min(asio::buffer_size(buffers), m_bytes.size() - m_pos);
        if (m_pieces) n = std::min<std::size_t>(n, 1 + next() % 16);
        n = asio::buffer_copy(buffers, asio::buffer(m_bytes.data() + m_pos, n));
        m_pos += n;
        return n;
    }
    template <class MutableBufferSequence>
    std::size_t read_some(const MutableBufferSequence& buffers) {
        boost::system::error_code ec;
        std::size_t n = read_some(buffers, ec);
        if (ec) throw boost::system::system_error(ec);
        return n;
    }

private:
    uint64_t next() { // xorshift64
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return m_state;
    }
    std::string_view m_bytes;
    std::size_t m_pos = 0;
    uint64_t m_state;
    bool m_pieces;
};

// The server's routes (registerRoutes in app/app.cpp, queue/queue_service.cpp,
// booking/booking_service.cpp, ops/ops_service.cpp); the handlers are never called.
const Router& serverRouter() {
    static const Router router = [] {
        Router r;
        auto sync = [](RequestContext& ctx) { return makeResponse(ctx.req, Status::ok, "{}"); };
        auto async = [](RequestContext&, Responder) {};
        r.add(Verb::get, "/healthz", sync);
        r.add(Verb::get, "/readyz", sync);
        r.add(Verb::get, "/metrics", sync);
        r.add(Verb::get, "/v1/cohorts", sync);
        r.add(Verb::get, "/v1/cohorts/{}/fairness", sync);
        r.add(Verb::post, "/v1/queue/{}/join", sync, {true});
        r.addRaw(Verb::get, "/v1/queue/{}/status",
                 [](RequestContext&) -> std::shared_ptr<const std::string> { return nullptr; },
                 sync, {true});
        r.add(Verb::get, "/v1/queue/{}/position", sync, {true});
        r.add(Verb::post, "/v1/queue/{}/admit", sync, {true});
        r.addAsync(Verb::post, "/v1/identity/verify", async, {.sheddable = true});
        r.add(Verb::get, "/v1/clinics", sync, {.sheddable = true});
        r.addAsync(Verb::post, "/v1/reservations", async);
        r.addAsync(Verb::get, "/v1/reservations/{}", async);
        r.addAsync(Verb::delete_, "/v1/reservations/{}", async);
        r.addUpgrade(std::string(ops::kStreamPath), [](Stream&&, Request&&, std::string) {});
        r.add(Verb::get, std::string(ops::kAuditPath), sync);
        r.add(Verb::get, "/v1/ops/audit/checkpoint", sync);
        return r;
    }();
    return router;
}

const SignedCodec& codec() {
    static const SignedCodec c = [] {
        auto ring = std::make_shared<KeyRing>();
        ring->add(1, std::string(32, 'a'));
        ring->add(2, std::string(32, 'b'));
        return SignedCodec(ring);
    }();
    return c;
}

// What handlers read from a routed request; properties the helpers promise are checked.
void readLikeHandlers(Request& req, std::string_view path, std::string_view query,
                      const Route& route, std::vector<std::string_view>& params) {
    std::size_t wanted = std::count(route.segments.begin(), route.segments.end(), "{}");
    FUZZ_CHECK(params.size() == wanted, "%zu params for %s", params.size(), route.pattern.c_str());
    for (auto p : params)
        FUZZ_CHECK(!p.empty() && p.find('/') == std::string_view::npos, "param '%.*s'",
                   int(p.size()), p.data());
    RequestContext ctx{req, path, query, params, "127.0.0.1:1", 0};
    for (std::size_t i = 0; i < params.size(); ++i)
        (void)ctx.param(i);
    for (const char* key : {"since", "limit", "offset", "region", "district", "available", "date"})
        (void)ctx.queryParam(key);
    if (auto date = ctx.queryParam("date")) (void)booking::parseDate(*date);
    (void)codec().decode(ctx.header("X-Sluice-Ticket"));
    std::string_view bearer = ctx.bearerToken();
    FUZZ_CHECK(bearer.empty() || (bearer.front() != ' ' && bearer.back() != ' '),
               "bearer token with spaces around it");
    (void)codec().decode(bearer);
    (void)ctx.header("Idempotency-Key");
    (void)ctx.header("X-Sluice-Manage-Key");
    if (route.method == Verb::post) {
        std::optional<Response> error;
        auto body = parseJsonObjectBody(req, error);
        FUZZ_CHECK(body.has_value() != error.has_value(), "body and error both %s",
                   body ? "set" : "unset");
    }
    Response ok = makeResponse(req, Status::ok, "{}");
    FUZZ_CHECK(ok.keep_alive() == req.keep_alive(), "keep-alive not carried to the answer");
}

// Session::dispatch up to the handler call. False when the connection is handed over.
bool dispatch(Request& req) {
    std::string_view target = req.target();
    std::size_t q = target.find('?');
    std::string_view path = target.substr(0, q);
    std::string_view query =
        q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
    std::vector<std::string_view> params;
    auto match = serverRouter().match(req.method(), path, params);
    if (!match.route) {
        if (match.pathKnown)
            (void)errorResponse(req, Status::method_not_allowed, "method_not_allowed",
                                "this path does not accept " + std::string(req.method_string()));
        else
            (void)errorResponse(req, Status::not_found, "not_found",
                                "no such endpoint: " + std::string(path));
        return true;
    }
    if (match.route->upgrade) {
        if (!boost::beast::websocket::is_upgrade(req)) {
            (void)errorResponse(req, Status::upgrade_required, "upgrade_required",
                                "this endpoint speaks WebSocket only");
            return true;
        }
        return false;
    }
    readLikeHandlers(req, path, query, *match.route, params);
    return true;
}

// Session::failFast: the error answer before the close.
void failFast(Status status, std::string_view code, std::string_view message) {
    Request req;
    req.version(11);
    req.keep_alive(false);
    (void)errorResponse(req, status, code, message);
}

// Session::onReadError's choice of answer. Which error a malformed request gets may depend on
// how its bytes arrived (Beast parses a header as far as it can when it comes whole, but waits
// for its end when it comes in pieces: "bad line ending" then, "partial message" now); only that
// it is refused is compared.
void onReadError(boost::system::error_code ec, std::string& log) {
    log += "refused\n";
    if (ec == bhttp::error::body_limit)
        return failFast(Status::payload_too_large, "body_too_large", "too large");
    if (ec == bhttp::error::header_limit)
        return failFast(Status::request_header_fields_too_large, "headers_too_large", "too large");
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message)
        return failFast(Status::bad_request, "bad_request",
                        std::string("the request is not valid HTTP/1.1: ") + ec.message());
}

// Reads the connection as the server would; returns what it saw, one line per request.
std::string readConnection(std::string_view bytes, bool pieces) {
    const ServerOptions limits;
    PieceStream stream(bytes, fuzz::hashOf(bytes), pieces);
    boost::beast::flat_buffer buffer;
    std::string log;
    for (int n = 0; n < 32; ++n) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.body_limit(limits.bodyLimit);
        parser.header_limit(static_cast<std::uint32_t>(limits.headerLimit));
        boost::system::error_code ec;
        const std::size_t headerBytes = bhttp::read_header(stream, buffer, parser, ec);
        if (!ec && headerBytes > limits.headerLimit) ec = bhttp::error::header_limit;
        if (ec) {
            onReadError(ec, log);
            break;
        }
        const auto& h = parser.get();
        if (h.find(bhttp::field::transfer_encoding) != h.end() &&
            (!parser.chunked() || h.find(bhttp::field::content_length) != h.end())) {
            log += "refused\n";
            failFast(Status::bad_request, "bad_framing", "bad framing");
            break;
        }
        if (!parser.is_done()) bhttp::read(stream, buffer, parser, ec);
        if (ec) {
            onReadError(ec, log);
            break;
        }
        Request req = parser.release();
        log += std::string(req.method_string()) + " " + std::string(req.target()) + " " +
               std::to_string(req.version()) + " ka=" + std::to_string(req.keep_alive()) +
               " fields=" + std::to_string(std::distance(req.begin(), req.end())) +
               " body=" + std::to_string(req.body().size()) + ":" +
               std::to_string(fuzz::hashOf(req.body())) + "\n";
        if (!dispatch(req)) break; // handed over to the WebSocket upgrade
        if (!req.keep_alive()) break;
    }
    return log;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes = fuzz::asText(data, size);
    const std::string whole = readConnection(bytes, false);
    const std::string inPieces = readConnection(bytes, true);
    FUZZ_CHECK(whole == inPieces, "read at once:\n%s\nread in pieces:\n%s", whole.c_str(),
               inPieces.c_str());
    return 0;
}
