// Composition root of sluice-server. Start order: data folder and keys, storage, the waiting
// room's recovery, modules, routes, listen, threads. Stop in reverse, so every acknowledged
// write is on disk before the process exits.
#include "server/app/app.h"

#include "common/log.h"
#include "common/signed_codec.h"
#include "server/app/context.h"
#include "server/app/data_dir.h"
#include "server/http/server.h"
#include "server/http/tls.h"
#include "server/metrics/process_metrics.h"
#include "server/queue/queue_service.h"
#include "server/store/writer.h"
// booking: includes
#include "server/booking/booking_service.h"
// ops: includes
#include "server/ops/ops_service.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/json/object.hpp>

#include <csignal>
#include <thread>

namespace sluice {

namespace {
void logTls(const char* what, const http::TlsFiles& files) {
    const std::string fp = http::certificateFingerprintSha256(files.certificateFile);
    SLUICE_INFO(what, ": certificate ", files.certificateFile, " (SHA-256 ", fp, ")");
}
} // namespace

struct App::Impl {
    // First member, so destroyed last: modules' timers and handlers refer to it.
    boost::asio::io_context control{1};
    ServerConfig config;
    metrics::Registry metrics;
    http::Router router;
    std::unique_ptr<store::Writer> writer;
    std::shared_ptr<const SignedCodec> codec;
    queue::NoticeBoard notices;
    std::unique_ptr<queue::QueueService> queue;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
        controlWork;
    std::thread controlThread;
    std::unique_ptr<http::HttpServer> server;
    std::unique_ptr<AppContext> ctx;
    // booking: members
    std::unique_ptr<booking::BookingService> booking;
    // ops: members
    std::unique_ptr<ops::OpsService> ops;
    std::atomic<bool> ready{false};
    bool started = false, stopped = false;

    explicit Impl(ServerConfig c) : config(std::move(c)) {}
};

App::App(ServerConfig config) : m_impl(std::make_unique<Impl>(std::move(config))) {}

App::~App() {
    stop();
}

void App::start() {
    auto& d = *m_impl;
    // Signals go to the thread that waits for them, not to the io threads started below.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    prepareDataDir(d.config.dataDir);
    const DataDirFiles files = dataDirFiles(d.config.dataDir);
    checkDataSetIntact(files);
    tightenDataFiles(files); // folders made by an older version, or by hand
    // Claim the port first: "port in use" is reported before any work is done.
    d.server = std::make_unique<http::HttpServer>(d.config.http, d.router, d.metrics);
    d.server->bind();
    if (d.config.tls) {
        const http::TlsFiles tlsFiles = resolvedTlsFiles(d.config);
        d.server->setTlsContext(http::makeServerTlsContext(tlsFiles));
        logTls("TLS on", tlsFiles);
    }
    auto keys = std::make_shared<KeyRing>(KeyRing::loadOrCreate(files.keys));
    d.codec = std::make_shared<SignedCodec>(keys);
    const std::string& dbPath = files.database;
    d.writer =
        std::make_unique<store::Writer>(store::Writer::Options{dbPath, store::Sync::Full, 512, {}});
    {
        store::Writer* w = d.writer.get();
        d.metrics.gauge("sluice_store_queue_depth",
                        "Jobs waiting for the storage writer (not yet in a transaction)", "",
                        [w] { return double(w->queueDepth()); });
        d.metrics.counterFn("sluice_store_jobs_total", "Jobs committed by the storage writer", "",
                            [w] { return double(w->jobs()); });
        d.metrics.counterFn("sluice_store_batches_total",
                            "Transactions (group commits) of the storage writer", "",
                            [w] { return double(w->batches()); });
    }
    d.queue =
        std::make_unique<queue::QueueService>(d.config, d.codec, *d.writer, d.metrics, d.notices);
    d.queue->recover();
    d.ctx = std::make_unique<AppContext>(AppContext{
        d.config, d.router, d.metrics, *d.writer, d.codec, *d.queue, d.notices, d.control, dbPath});
    // booking: construct
    d.booking = std::make_unique<booking::BookingService>(*d.ctx);
    // ops: construct
    d.ops = std::make_unique<ops::OpsService>(*d.ctx, d.booking.get());

    using http::Verb;
    d.router.add(Verb::get, "/healthz", [](http::RequestContext& ctx) {
        return http::jsonResponse(ctx.req, http::Status::ok, boost::json::object{{"status", "ok"}});
    });
    d.router.add(Verb::get, "/readyz", [impl = m_impl.get()](http::RequestContext& ctx) {
        const bool started = impl->ready.load();
        const bool storage = impl->writer && impl->writer->healthy();
        const bool ready = started && storage;
        auto res = http::jsonResponse(ctx.req,
                                      ready ? http::Status::ok : http::Status::service_unavailable,
                                      boost::json::object{{"status", ready     ? "ready"
                                                                     : started ? "storage_failing"
                                                                               : "starting"}});
        if (!ready) res.set(http::bhttp::field::retry_after, "1");
        return res;
    });
    metrics::registerProcessMetrics(
        d.metrics, SLUICE_VERSION, d.config.nodeId, [impl = m_impl.get()] {
            return impl->ready.load() && impl->writer && impl->writer->healthy();
        });
    d.router.add(Verb::get, "/metrics", [impl = m_impl.get()](http::RequestContext& ctx) {
        return http::makeResponse(ctx.req, http::Status::ok, impl->metrics.renderPrometheus(),
                                  "text/plain; version=0.0.4");
    });
    d.queue->registerRoutes(d.router);
    // booking: routes
    d.booking->registerRoutes(d.router);
    // ops: routes
    d.ops->registerRoutes(d.router);

    d.controlWork.emplace(boost::asio::make_work_guard(d.control));
    d.controlThread = std::thread([&d] {
        for (;;) {
            try {
                d.control.run();
                return;
            } catch (const std::exception& e) {
                SLUICE_ERROR("control thread: ", e.what());
            }
        }
    });
    d.queue->start(d.control);
    // booking: start
    d.booking->start();
    // ops: start
    d.ops->start();
    d.server->start();
    d.started = true;
    d.ready = true;
    SLUICE_INFO("sluice-server ", SLUICE_VERSION, " listening on ", d.config.http.host, ":",
                d.server->port(), " with ", d.server->threads(), " threads, data in ",
                d.config.dataDir);
}

uint16_t App::port() const {
    return m_impl->server ? m_impl->server->port() : 0;
}

bool App::reloadTls() {
    auto& d = *m_impl;
    if (!d.config.tls || !d.server) return false;
    const http::TlsFiles files = resolvedTlsFiles(d.config);
    try {
        d.server->setTlsContext(http::makeServerTlsContext(files));
    } catch (const std::exception& e) {
        SLUICE_ERROR("TLS reload failed, the previous certificate stays in use: ", e.what());
        return false;
    }
    logTls("TLS reloaded", files);
    return true;
}

void App::runUntilSignalled() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    for (;;) {
        int sig = 0;
        sigwait(&set, &sig);
        if (sig == SIGHUP) {
            if (m_impl->config.tls)
                reloadTls();
            else
                SLUICE_INFO("SIGHUP received: nothing to reload (no server.tls)");
            continue;
        }
        SLUICE_INFO("signal ", sig, " received: stopping");
        break;
    }
    stop();
}

void App::stop() {
    auto& d = *m_impl;
    // Also undoes a start() that failed half-way: stop whatever exists.
    if (d.stopped || (!d.started && !d.server)) return;
    d.stopped = true;
    d.ready = false;
    // ops: stop (first, so consoles get the server_stopping event and a clean close frame)
    if (d.ops) d.ops->stop();
    if (d.server) d.server->stop();
    // booking: stop
    if (d.booking) d.booking->stop();
    if (d.queue) d.queue->shutdown();
    d.controlWork.reset();
    d.control.stop();
    if (d.controlThread.joinable()) d.controlThread.join();
    if (d.writer) d.writer->flush();
    if (d.started) SLUICE_INFO("sluice-server stopped cleanly");
}

} // namespace sluice
