// Beast HTTP sessions: read with limits and a deadline, route, answer (now or later through a
// Responder), keep alive. One io_context and one acceptor per thread (SO_REUSEPORT): a
// connection lives on the thread that accepted it and never needs a strand.
#include "server/http/server.h"

#include "common/log.h"
#include "common/timeutil.h"

#include <boost/asio/socket_base.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <optional>

namespace sluice::http {

namespace {
constexpr std::array<int, 20> kTrackedCodes = {200, 201, 204, 304, 400, 401, 403, 404, 405, 409,
                                               410, 413, 415, 422, 423, 429, 431, 500, 503, 504};

using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;
} // namespace

struct RouteMetrics {
    std::array<metrics::Counter*, 600> byCode{};
    metrics::Counter* other = nullptr;
    metrics::Histogram* latency = nullptr;
    void count(int code) {
        auto* c = (code >= 0 && code < 600) ? byCode[code] : nullptr;
        (c ? c : other)->inc();
    }
};

struct HttpServer::Shared {
    const Router& router;
    metrics::Registry& metrics;
    ServerOptions options;
    std::vector<std::unique_ptr<ThreadLoad>> loads;
    std::vector<RouteMetrics> routeMetrics; // by route index
    RouteMetrics unmatched;
    metrics::Counter* shed = nullptr;
    metrics::Counter* busy = nullptr;
    metrics::Counter* refusedConnections = nullptr;
    metrics::Counter* tlsHandshakeFailures = nullptr;
    metrics::Counter* plainRefused = nullptr;
    std::atomic<bool> stopping{false};
    AtomicSharedPtr<SslContext> tls; // null: plain HTTP only

    Shared(const Router& r, metrics::Registry& m, ServerOptions o)
        : router(r), metrics(m), options(std::move(o)) {
        shed = &metrics.counter("sluice_http_shed_total",
                                "Requests answered 503 because the event loop was overloaded");
        busy = &metrics.counter("sluice_http_busy_total",
                                "Requests answered 503 busy at once because their route's back "
                                "end was full (e.g. the storage writer's queue)");
        refusedConnections = &metrics.counter(
            "sluice_http_refused_connections_total",
            "Connections answered 503 and closed because a thread was at its connection cap");
        tlsHandshakeFailures =
            &metrics.counter("sluice_http_tls_handshake_failures_total",
                             "TLS connections closed because their handshake failed or timed out");
        plainRefused = &metrics.counter(
            "sluice_http_plain_refused_total",
            "Plain-HTTP requests refused (redirected or 403) because they need TLS");
    }

    // Called at start(), once every route is registered.
    void buildRouteMetrics() {
        auto make = [&](const std::string& route) {
            RouteMetrics rm;
            for (int code : kTrackedCodes)
                rm.byCode[code] = &metrics.counter(
                    "sluice_http_requests_total", "HTTP requests by route and status code",
                    "route=\"" + route + "\",code=\"" + std::to_string(code) + "\"");
            rm.other = &metrics.counter("sluice_http_requests_total",
                                        "HTTP requests by route and status code",
                                        "route=\"" + route + "\",code=\"other\"");
            rm.latency = &metrics.histogram("sluice_http_request_duration_seconds",
                                            "Time from a request read to its answer written",
                                            "route=\"" + route + "\"");
            return rm;
        };
        for (const auto& r : router.routes())
            routeMetrics.push_back(make(r->pattern));
        unmatched = make("unmatched");
    }
};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, HttpServer::Shared& shared, int thread)
        : m_stream(TcpStream(std::move(socket))), m_shared(shared), m_thread(thread) {
        boost::system::error_code ec;
        auto ep = m_stream.tcp().socket().remote_endpoint(ec);
        if (!ec) {
            m_peer = ep.address().to_string() + ":" + std::to_string(ep.port());
            const auto a = ep.address();
            m_loopback = a.is_loopback() ||
                         (a.is_v6() && a.to_v6().is_v4_mapped() &&
                          asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).is_loopback());
        }
        m_shared.loads[m_thread]->connections.fetch_add(1, std::memory_order_relaxed);
        m_params.reserve(4);
    }
    ~Session() { m_shared.loads[m_thread]->connections.fetch_sub(1, std::memory_order_relaxed); }

    void start() {
        m_tls = m_shared.tls.load();
        if (!m_tls) return doRead(true);
        // TLS or not is read from the first bytes; what was read stays in m_buffer for the
        // handshake or the HTTP parser.
        m_stream.tcp().expires_after(std::chrono::milliseconds(m_shared.options.readTimeoutMs));
        beast::async_detect_ssl(m_stream.tcp(), m_buffer,
                                [self = shared_from_this()](beast::error_code ec, bool isTls) {
                                    if (ec) return self->close();
                                    if (!isTls) return self->doRead(true);
                                    self->handshake();
                                });
    }

    // Called on the session's own thread (Responder posts here).
    void write(Response&& res) {
        m_res = std::move(res);
        if (m_route)
            m_shared.routeMetrics[m_route->index].count(m_res.result_int());
        else
            m_shared.unmatched.count(m_res.result_int());
        m_close = !m_res.keep_alive() || m_shared.stopping.load(std::memory_order_relaxed);
        serialize();
        // A client that stops reading cannot hold the connection (and its memory) forever.
        m_stream.tcp().expires_after(std::chrono::milliseconds(m_shared.options.readTimeoutMs));
        asio::async_write(
            m_stream, asio::buffer(m_out),
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onWrite(ec); });
    }

    asio::any_io_executor executor() { return m_stream.get_executor(); }

private:
    void handshake() {
        m_stream.startTls(std::move(m_tls));
        m_stream.tls().async_handshake(
            asio::ssl::stream_base::server, m_buffer.data(),
            // Boost 1.74's buffered async_handshake checks its handler against the unbuffered
            // signature void(error_code); the default argument satisfies that check, and the
            // call that really happens passes the bytes used.
            [self = shared_from_this()](beast::error_code ec, std::size_t used = 0) {
                if (ec) {
                    self->m_shared.tlsHandshakeFailures->inc();
                    return self->close();
                }
                self->m_buffer.consume(used);
                self->doRead(true);
            });
    }

    // A shared, pre-serialized response: written without a copy, kept alive until written.
    void writeRaw(std::shared_ptr<const std::string> bytes, int code = 200) {
        m_shared.routeMetrics[m_route->index].count(code);
        m_close = m_shared.stopping.load(std::memory_order_relaxed);
        m_rawOut = std::move(bytes);
        m_stream.tcp().expires_after(std::chrono::milliseconds(m_shared.options.readTimeoutMs));
        asio::async_write(m_stream, asio::buffer(*m_rawOut),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              self->m_rawOut.reset();
                              self->onWrite(ec);
                          });
    }

    // The whole response in one reused buffer, written with one send: Beast's serializer walks
    // nested buffer views per write and cost about 16k instructions per response here
    // (callgrind), this about 1k. docs/performance.md has the before and after.
    void serialize() {
        m_out.clear();
        m_out += m_res.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
        char code[8];
        std::snprintf(code, sizeof code, "%u ", m_res.result_int());
        m_out += code;
        m_out += bhttp::obsolete_reason(m_res.result());
        m_out += "\r\n";
        for (const auto& f : m_res) {
            auto name = f.name();
            if (name == bhttp::field::content_length || name == bhttp::field::transfer_encoding)
                continue;
            m_out += f.name_string();
            m_out += ": ";
            m_out += f.value();
            m_out += "\r\n";
        }
        m_out += "Content-Length: ";
        m_out += std::to_string(m_res.body().size());
        m_out += "\r\n\r\n";
        if (m_req.method() != Verb::head) m_out += m_res.body();
    }

    void doRead(bool first) {
        m_parser.emplace();
        m_parser->body_limit(m_shared.options.bodyLimit);
        m_parser->header_limit(static_cast<std::uint32_t>(m_shared.options.headerLimit));
        m_stream.tcp().expires_after(std::chrono::milliseconds(
            first ? m_shared.options.readTimeoutMs : m_shared.options.idleTimeoutMs));
        // The header first: its framing is checked before any body byte is read, and a client
        // that sent "Expect: 100-continue" is told to go on.
        bhttp::async_read_header(
            m_stream, m_buffer, *m_parser,
            [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                self->onHeader(ec, bytes);
            });
    }

    void onHeader(beast::error_code ec, std::size_t headerBytes) {
        if (ec) return onReadError(ec);
        // Beast enforces header_limit only while the header's end is not in the buffer yet, so
        // a header that arrives whole passes at any size; the limit must not depend on how the
        // bytes were split into segments (found by fuzz_http_request).
        if (headerBytes > m_shared.options.headerLimit)
            return onReadError(bhttp::error::header_limit);
        const auto& h = m_parser->get();
        // RFC 9112 6.3: a Transfer-Encoding whose final coding is not chunked cannot be framed,
        // and one beside a Content-Length is a smuggling attempt; either is 400 and a close.
        if (h.find(bhttp::field::transfer_encoding) != h.end()) {
            if (!m_parser->chunked())
                return failFast(
                    Status::bad_request, "bad_framing",
                    "Transfer-Encoding must end in chunked; the server decodes no other "
                    "transfer coding");
            if (h.find(bhttp::field::content_length) != h.end())
                return failFast(Status::bad_request, "bad_framing",
                                "Transfer-Encoding and Content-Length may not both be sent");
        }
        if (m_parser->is_done()) return onRead({});
        if (h.version() == 11 && beast::iequals(h[bhttp::field::expect], "100-continue")) {
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            asio::async_write(m_stream, asio::buffer(kContinue.data(), kContinue.size()),
                              [self = shared_from_this()](beast::error_code wec, std::size_t) {
                                  if (wec) return self->close();
                                  self->readBody();
                              });
            return;
        }
        readBody();
    }

    void readBody() {
        bhttp::async_read(
            m_stream, m_buffer, *m_parser,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onRead(ec); });
    }

    void onReadError(beast::error_code ec) {
        if (ec == bhttp::error::body_limit)
            return failFast(Status::payload_too_large, "body_too_large",
                            "the request body is larger than the server accepts");
        if (ec == bhttp::error::header_limit)
            return failFast(Status::request_header_fields_too_large, "headers_too_large",
                            "the request headers are larger than the server accepts");
        // A request that cannot be parsed (bad framing, two Content-Lengths, a bad chunk size,
        // garbage) is told so before the close; a client that left or timed out is not.
        if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
            ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message)
            return failFast(Status::bad_request, "bad_request",
                            std::string("the request is not valid HTTP/1.1: ") + ec.message());
        close(); // end of stream, timeout, reset
    }

    void onRead(beast::error_code ec) {
        if (ec) return onReadError(ec);
        m_req = m_parser->release();
        m_startUs = nowUs();
        dispatch();
    }

    void failFast(Status status, std::string_view code, std::string_view message) {
        Request req;
        req.version(11);
        req.keep_alive(false);
        m_route = nullptr;
        m_linger = true;
        write(errorResponse(req, status, code, message));
    }

    // Plain HTTP from another machine. An operator token that crossed the network in clear
    // text is refused, never redirected, with or without TLS configured: a redirect would teach
    // the client that sending it that way works. Otherwise, on a server with TLS whose
    // configuration says TLS only: a redirect for what a browser fetches by address, 403 for the
    // rest (a body sent in clear has been exposed already; repeating it is the client's choice).
    bool refusePlain() {
        if (m_stream.secure() || m_loopback) return false;
        if (m_route && m_route->options.operatorCredentials) {
            m_shared.plainRefused->inc();
            write(errorResponse(
                m_req, Status::forbidden, "tls_required",
                "operator tokens are accepted over https:// (wss://) only, or from this machine"));
            return true;
        }
        if (!m_tls || m_shared.options.plainHttp != PlainHttp::Loopback) return false;
        m_shared.plainRefused->inc();
        const auto method = m_req.method();
        const std::string_view host = m_req[bhttp::field::host];
        if ((method == Verb::get || method == Verb::head) && !host.empty() &&
            host.find_first_of(" \t\r\n/") == std::string_view::npos) {
            Response res = makeResponse(m_req, Status::permanent_redirect, "");
            res.set(bhttp::field::location,
                    "https://" + std::string(host) + std::string(m_req.target()));
            res.keep_alive(false);
            write(std::move(res));
            return true;
        }
        write(errorResponse(m_req, Status::forbidden, "tls_required",
                            "this server accepts requests from other machines over https:// only"));
        return true;
    }

    void dispatch() {
        std::string_view target = m_req.target();
        std::size_t q = target.find('?');
        std::string_view path = target.substr(0, q);
        std::string_view query =
            q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
        auto match = m_shared.router.match(m_req.method(), path, m_params);
        m_route = match.route;
        if (refusePlain()) return;
        if (!m_route) {
            if (match.pathKnown)
                return write(errorResponse(m_req, Status::method_not_allowed, "method_not_allowed",
                                           "this path does not accept " +
                                               std::string(m_req.method_string())));
            return write(errorResponse(m_req, Status::not_found, "not_found",
                                       "no such endpoint: " + std::string(path)));
        }
        if (m_route->upgrade) {
            if (!beast::websocket::is_upgrade(m_req))
                return write(errorResponse(m_req, Status::upgrade_required, "upgrade_required",
                                           "this endpoint speaks WebSocket only"));
            m_stream.tcp().expires_never();
            m_route->upgrade(std::move(m_stream), std::move(m_req), m_peer);
            return; // the connection now belongs to the upgrade handler
        }
        if (m_route->options.sheddable &&
            m_shared.loads[m_thread]->lagMs.load(std::memory_order_relaxed) >
                m_shared.options.overloadLagMs) {
            m_shared.shed->inc();
            Response res =
                errorResponse(m_req, Status::service_unavailable, "overloaded",
                              "the server is busy; your place is kept, try again shortly");
            res.set(bhttp::field::retry_after, std::to_string(m_shared.options.retryAfterS));
            return write(std::move(res));
        }
        if (m_route->options.busy && m_route->options.busy()) return writeBusy();
        RequestContext ctx{m_req, path, query, m_params, m_peer, m_startUs / 1000};
        try {
            if (m_route->raw && m_req.keep_alive() && m_req.version() == 11 &&
                m_req.method() != Verb::head) {
                if (auto bytes = m_route->raw(ctx)) return writeRaw(std::move(bytes));
            }
            if (m_route->sync) {
                write(m_route->sync(ctx));
            } else {
                m_route->async(ctx, Responder(shared_from_this()));
            }
        } catch (const std::exception& e) {
            SLUICE_ERROR("handler for ", m_route->pattern, " failed: ", e.what());
            write(errorResponse(m_req, Status::internal_server_error, "internal_error",
                                "the server could not answer this request"));
        }
    }

    // 503 busy + Retry-After for a route whose back end is full. Under overload this is most of
    // what the server sends, so a keep-alive HTTP/1.1 connection gets one shared pre-serialized
    // answer: no handler, no JSON, no post to another queue.
    void writeBusy();

    void onWrite(beast::error_code ec) {
        if (m_route) {
            int64_t us = nowUs() - m_startUs;
            m_shared.routeMetrics[m_route->index].latency->observeUs(
                static_cast<uint64_t>(us < 0 ? 0 : us));
        }
        if (ec) return close();
        if (m_close) return m_linger ? lingerClose() : close();
        m_res = {};
        m_route = nullptr;
        doRead(false);
    }

    // TLS connections are closed without waiting for the peer's close_notify: every answer is
    // framed by its Content-Length, so a truncation cannot pass for a complete one.
    void close() {
        beast::error_code ignored;
        m_stream.tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
        m_stream.tcp().close();
    }

    // After an error answer to a request whose rest is still arriving: stop sending, read and
    // drop what comes for up to a second, then close, so the client's unread bytes do not turn
    // the close into a reset that destroys the answer before the client has read it.
    void lingerClose() {
        beast::error_code ignored;
        m_stream.tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
        m_stream.tcp().expires_after(std::chrono::seconds(1)); // once: a trickle cannot extend it
        drain();
    }
    void drain() {
        m_buffer.clear();
        m_stream.async_read_some(m_buffer.prepare(4096),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     if (ec) return self->m_stream.tcp().close();
                                     self->drain();
                                 });
    }

    static int64_t nowUs() {
        using namespace std::chrono;
        return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
    }

    Stream m_stream;
    HttpServer::Shared& m_shared;
    int m_thread;
    std::string m_peer;
    bool m_loopback = false;
    std::shared_ptr<SslContext> m_tls; // the context this connection was accepted under
    beast::flat_buffer m_buffer;
    std::optional<bhttp::request_parser<bhttp::string_body>> m_parser;
    Request m_req;
    Response m_res;
    std::string m_out; // serialized response; capacity kept across requests
    std::shared_ptr<const std::string> m_rawOut;
    std::vector<std::string_view> m_params;
    const Route* m_route = nullptr;
    int64_t m_startUs = 0;
    bool m_close = false;
    bool m_linger = false;
};

namespace {
constexpr std::string_view kBusyMessage =
    "the server is busy with earlier requests; this one was not processed, try again shortly";
const auto kBusyRaw = [] {
    const std::string body =
        "{\"error\":{\"code\":\"busy\",\"message\":\"" + std::string(kBusyMessage) + "\"}}";
    return std::make_shared<const std::string>(
        "HTTP/1.1 503 Service Unavailable\r\nServer: sluice\r\nContent-Type: "
        "application/json\r\nCache-Control: no-store\r\nRetry-After: 1\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body);
}();
} // namespace

void Session::writeBusy() {
    m_shared.busy->inc();
    if (m_req.keep_alive() && m_req.version() == 11 && m_req.method() != Verb::head)
        return writeRaw(kBusyRaw, 503);
    Response res = errorResponse(m_req, Status::service_unavailable, "busy", kBusyMessage);
    res.set(bhttp::field::retry_after, "1");
    write(std::move(res));
}

void Responder::send(Response&& res) {
    if (!m_session) return;
    auto session = std::move(m_session);
    asio::post(session->executor(),
               [session, res = std::move(res)]() mutable { session->write(std::move(res)); });
}

namespace {
const std::string kTooManyConnections = [] {
    std::string body = "{\"error\":{\"code\":\"overloaded\",\"message\":\"too many connections; "
                       "try again shortly\"}}";
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: "
           "2\r\n"
           "Connection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}();

struct Acceptor : std::enable_shared_from_this<Acceptor> {
    tcp::acceptor acceptor;
    HttpServer::Shared& shared;
    int thread;
    Acceptor(asio::io_context& ctx, HttpServer::Shared& s, int t)
        : acceptor(ctx), shared(s), thread(t) {}

    void accept() {
        acceptor.async_accept([self = shared_from_this()](beast::error_code ec,
                                                          tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !self->acceptor.is_open()) return;
            if (!ec) {
                socket.set_option(tcp::no_delay(true), ec);
                if (self->shared.loads[self->thread]->connections.load(std::memory_order_relaxed) >=
                    self->shared.options.maxConnectionsPerThread) {
                    self->shared.refusedConnections->inc();
                    auto sock = std::make_shared<tcp::socket>(std::move(socket));
                    asio::async_write(*sock, asio::buffer(kTooManyConnections),
                                      [sock](beast::error_code, std::size_t) {
                                          beast::error_code ignored;
                                          sock->shutdown(tcp::socket::shutdown_both, ignored);
                                      });
                } else {
                    std::make_shared<Session>(std::move(socket), self->shared, self->thread)
                        ->start();
                }
            }
            self->accept();
        });
    }
};

// Measures how late a periodic timer fires: the event loop's queueing delay.
struct LagMonitor : std::enable_shared_from_this<LagMonitor> {
    asio::steady_timer timer;
    ThreadLoad& load;
    std::chrono::steady_clock::time_point expected;
    HttpServer::Shared& shared;
    LagMonitor(asio::io_context& ctx, ThreadLoad& l, HttpServer::Shared& s)
        : timer(ctx), load(l), shared(s) {}
    void arm() {
        expected = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
        timer.expires_at(expected);
        timer.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (ec || self->shared.stopping) return;
            auto late = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - self->expected)
                            .count();
            self->load.lagMs.store(static_cast<int>(late), std::memory_order_relaxed);
            self->arm();
        });
    }
};
} // namespace

struct HttpServer::AcceptorSet {
    std::vector<std::shared_ptr<Acceptor>> acceptors;
};

HttpServer::HttpServer(ServerOptions options, const Router& router, metrics::Registry& metrics)
    : m_options(std::move(options)) {
    if (m_options.threads <= 0) {
        unsigned hc = std::thread::hardware_concurrency();
        m_options.threads = hc ? static_cast<int>(hc) : 1;
    }
    m_shared = std::make_shared<Shared>(router, metrics, m_options);
    m_acceptorSet = std::make_shared<AcceptorSet>();
    for (int i = 0; i < m_options.threads; ++i) {
        m_contexts.push_back(std::make_unique<asio::io_context>(1));
        m_shared->loads.push_back(std::make_unique<ThreadLoad>());
    }
}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::bind() {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(m_options.host, ec);
    if (ec) throw std::runtime_error("cannot listen on " + m_options.host + ": not an IP address");
    uint16_t port = m_options.port;
    auto& acceptors = m_acceptorSet->acceptors;
    for (int i = 0; i < threads(); ++i) {
        auto a = std::make_shared<Acceptor>(*m_contexts[i], *m_shared, i);
        tcp::endpoint ep(address, port);
        a->acceptor.open(ep.protocol(), ec);
        if (!ec) a->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) a->acceptor.set_option(ReusePort(true), ec);
        if (!ec) a->acceptor.bind(ep, ec);
        if (!ec) a->acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
            std::string why =
                ec == asio::error::address_in_use ? "the port is already in use" : ec.message();
            throw std::runtime_error("cannot listen on " + m_options.host + ":" +
                                     std::to_string(port) + ": " + why);
        }
        if (port == 0) port = a->acceptor.local_endpoint().port(); // others join the same port
        acceptors.push_back(a);
    }
    m_port = port;
}

void HttpServer::start() {
    m_shared->buildRouteMetrics();
    auto& acceptors = m_acceptorSet->acceptors;
    for (auto& a : acceptors)
        a->accept();
    for (int i = 0; i < threads(); ++i) {
        std::make_shared<LagMonitor>(*m_contexts[i], *m_shared->loads[i], *m_shared)->arm();
        m_threads.emplace_back([ctx = m_contexts[i].get()] {
            for (;;) {
                try {
                    ctx->run();
                    return;
                } catch (const std::exception& e) {
                    SLUICE_ERROR("io thread: ", e.what());
                }
            }
        });
    }
}

void HttpServer::stop() {
    if (!m_shared || m_shared->stopping.exchange(true)) return;
    auto& acceptors = m_acceptorSet->acceptors;
    for (std::size_t i = 0; i < acceptors.size(); ++i) {
        auto a = acceptors[i];
        asio::post(*m_contexts[i], [a] {
            beast::error_code ignored;
            a->acceptor.close(ignored);
        });
    }
    for (auto& c : m_contexts)
        c->stop();
    for (auto& t : m_threads)
        if (t.joinable()) t.join();
    m_threads.clear();
    acceptors.clear();
}

void HttpServer::setTlsContext(std::shared_ptr<SslContext> context) {
    m_shared->tls.store(std::move(context));
}

bool HttpServer::tlsEnabled() const {
    return m_shared->tls.load() != nullptr;
}

bool HttpServer::overloaded(int thread) const {
    return m_shared->loads.at(thread)->lagMs.load() > m_options.overloadLagMs;
}

} // namespace sluice::http
