// Composition of the server: configuration, keys, storage, the waiting room, booking and the
// operations stream, wired to one router and one HTTP server.
#pragma once
#include "server/app/config.h"

#include <memory>

namespace sluice {

class App {
public:
    explicit App(ServerConfig config);
    ~App();
    // Binds and starts everything; throws std::runtime_error with a one-line reason.
    void start();
    // Blocks until SIGINT/SIGTERM, then stops cleanly. SIGHUP reloads the TLS files.
    void runUntilSignalled();
    // Rebuilds the TLS context from server.tls's files; connections accepted afterwards use
    // it. On a broken file: logs why, keeps the running certificate and returns false.
    bool reloadTls();
    void stop();
    uint16_t port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sluice
