// The HTTP/1.1 server: one io_context and one SO_REUSEPORT acceptor per thread, so the hot
// paths share nothing but the atomics they touch. Sessions enforce header and body limits,
// read and idle timeouts, and a per-thread connection cap; when a thread's event loop lags,
// sheddable routes are answered 503 with Retry-After at once.
#pragma once
#include "common/atomic_shared_ptr.h"
#include "server/http/router.h"
#include "server/http/stream.h"
#include "server/metrics/registry.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace sluice::http {

// What plain HTTP may still do on a server that has TLS.
enum class PlainHttp {
    Any,      // everything (behind a proxy on another machine that terminates TLS)
    Loopback, // only from this machine; others get a redirect to https:// (GET, HEAD) or 403
};

struct ServerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 8080;
    int threads = 0;                    // 0: one per core
    std::size_t bodyLimit = 64 * 1024;  // 413 beyond
    std::size_t headerLimit = 8 * 1024; // 431 beyond
    int readTimeoutMs = 10'000;         // a request must arrive within this
    int idleTimeoutMs = 30'000;         // keep-alive connections idle longer are closed
    int maxConnectionsPerThread = 20'000;
    int overloadLagMs = 200; // event-loop lag that counts as overload
    int retryAfterS = 2;
    PlainHttp plainHttp = PlainHttp::Loopback; // applies once a TLS context is set
};

struct ThreadLoad {
    std::atomic<int> connections{0};
    std::atomic<int> lagMs{0};
};

class HttpServer {
public:
    HttpServer(ServerOptions options, const Router& router, metrics::Registry& metrics);
    ~HttpServer();
    // Binds every acceptor; throws std::runtime_error("cannot listen on HOST:PORT: reason").
    void bind();  // may come before routes are registered
    void start(); // starts the threads; the router must be complete by now
    void stop();  // stops accepting and joins the threads
    uint16_t port() const { return m_port; }
    int threads() const { return static_cast<int>(m_contexts.size()); }
    asio::io_context& context(int i) { return *m_contexts.at(i); }
    bool overloaded(int thread) const;
    // Turns TLS on (connections whose first bytes are a TLS ClientHello are served over TLS),
    // or replaces the certificate: connections accepted afterwards use the new context, open
    // ones keep theirs. Any thread.
    void setTlsContext(std::shared_ptr<SslContext> context);
    bool tlsEnabled() const;

    struct Shared; // per-server state sessions see
    struct AcceptorSet;

private:
    ServerOptions m_options;
    uint16_t m_port = 0;
    // Declared before the contexts: sessions still queued in a context refer to it when the
    // context is destroyed.
    std::shared_ptr<Shared> m_shared;
    std::vector<std::unique_ptr<asio::io_context>> m_contexts;
    std::vector<std::thread> m_threads;
    std::shared_ptr<AcceptorSet> m_acceptorSet;
};

} // namespace sluice::http
