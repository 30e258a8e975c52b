// Booking benchmark: starts sluice-server, prepares admitted and verified citizens through the
// waiting room, then measures durable reservations per second over HTTP with many keep-alive
// connections (each 201 is on disk, synchronous=FULL, group commit), and in the same run raw
// SQLite single-row commits per second with the same synchronous setting on the same disk.
// Prints both and their ratio: group commit should put the first well above the second.
//
//   bench_booking [--server PATH] [--reservations N] [--connections C] [--dir DIR] [--seconds S]
#include "booking_testlib.h"
#include "server/store/sqlite.h"

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace sluice::booktest;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
    std::string server;
    int reservations = 20'000;
    int connections = 128;
    std::string dir;
    double rawSeconds = 3.0;
};

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr,
                 "bench_booking: %s\nusage: bench_booking [--server PATH] [--reservations N] "
                 "[--connections C] [--dir DIR] [--seconds S]\n",
                 why);
    std::exit(2);
}

Args parseArgs(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string k = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value for " + k).c_str());
            return argv[++i];
        };
        if (k == "--server")
            a.server = value();
        else if (k == "--reservations")
            a.reservations = std::max(100, std::atoi(value().c_str()));
        else if (k == "--connections")
            a.connections = std::max(1, std::atoi(value().c_str()));
        else if (k == "--dir")
            a.dir = value();
        else if (k == "--seconds")
            a.rawSeconds = std::max(0.5, std::atof(value().c_str()));
        else if (k == "--help" || k == "-h")
            usage("help");
        else
            usage(("unknown argument " + k).c_str());
    }
    if (a.server.empty()) {
        const char* env = std::getenv("SLUICE_SERVER_BIN");
        fs::path beside = fs::path(argv[0]).parent_path() / "sluice-server";
        a.server = env                  ? env
                   : fs::exists(beside) ? beside.string()
                                        : std::string(SLUICE_SERVER_BIN);
    }
    return a;
}

uint16_t freePort() {
    // Ask the kernel: bind port 0 on a throwaway socket.
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(s);
    return ntohs(addr.sin_port);
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * double(v.size())))];
}

// Raw SQLite: one row per transaction, WAL, synchronous=FULL, for `seconds`.
double rawCommitsPerSecond(const std::string& path, double seconds) {
    sluice::store::Db db(path, sluice::store::Sync::Full);
    db.exec("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    sluice::store::Stmt ins(db, "INSERT INTO t(v) VALUES(?1)");
    const auto t0 = Clock::now();
    int64_t n = 0;
    while (std::chrono::duration<double>(Clock::now() - t0).count() < seconds) {
        db.exec("BEGIN IMMEDIATE");
        ins.bind(
            1, std::string_view("reservation-sized row of about sixty bytes, like the real ones"));
        ins.run();
        ins.reset();
        db.exec("COMMIT");
        ++n;
    }
    return double(n) / std::chrono::duration<double>(Clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
    Args a = parseArgs(argc, argv);
    std::signal(SIGPIPE, SIG_IGN);
    const fs::path root =
        a.dir.empty() ? fs::temp_directory_path() / ("bench_booking-" + std::to_string(::getpid()))
                      : fs::path(a.dir);
    fs::create_directories(root / "data");
    // 200 clinics x 1 date with enough doses that nothing sells out during the run.
    std::vector<Slot> slots;
    const int perClinic = a.reservations / 200 + 10;
    for (int c = 0; c < 200; ++c)
        slots.push_back({"B" + std::to_string(c), testDate(2), perClinic});
    writeDataSet(root.string(), slots, 10);
    ConfigOptions o;
    o.dataDir = root.string();
    o.maxActive = 10'000'000;
    o.ratePerS = 1'000'000;
    std::ofstream(root / "config.json") << makeConfig(o);
    const uint16_t port = freePort();

    const pid_t pid = ::fork();
    if (pid == 0) {
        const std::string listen = "127.0.0.1:" + std::to_string(port);
        const std::string data = (root / "data").string(), config = (root / "config.json").string();
        std::freopen((root / "server.log").c_str(), "w", stdout);
        std::freopen((root / "server.log").c_str(), "a", stderr);
        ::execl(a.server.c_str(), a.server.c_str(), "--listen", listen.c_str(), "--data-dir",
                data.c_str(), "--config", config.c_str(), "--threads", "2",
                static_cast<char*>(nullptr));
        std::perror("exec sluice-server");
        std::_Exit(127);
    }
    auto stopServer = [&] {
        ::kill(pid, SIGTERM);
        int st = 0;
        ::waitpid(pid, &st, 0);
    };
    bool ready = false;
    for (int i = 0; i < 200 && !ready; ++i) {
        Req r;
        r.target = "/readyz";
        r.timeoutMs = 500;
        ready = request(port, r).status == 200;
        if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!ready) {
        std::fprintf(stderr, "bench_booking: %s did not become ready (see %s)\n", a.server.c_str(),
                     (root / "server.log").c_str());
        stopServer();
        return 1;
    }
    std::printf("server %s, data in %s\n", a.server.c_str(), (root / "data").c_str());

    // Preparation (not timed): admitted tokens and verified persons.
    std::vector<Citizen> cs;
    std::string error;
    auto t0 = Clock::now();
    if (!admitCitizens(port, "53-54", a.reservations, 64, cs, error, 300'000) ||
        !verifyCitizens(
            port, cs, [](int i) { return i; }, 64, error)) {
        std::fprintf(stderr, "bench_booking: preparation failed: %s\n", error.c_str());
        stopServer();
        return 1;
    }
    std::printf("prepared %d admitted, verified citizens in %.1f s\n", a.reservations,
                std::chrono::duration<double>(Clock::now() - t0).count());

    // Timed: one reservation per citizen, all different keys, spread over the clinics.
    std::size_t next = 0;
    int created = 0, other = 0;
    std::vector<double> latency;
    latency.reserve(cs.size());
    t0 = Clock::now();
    runLoad(
        port, a.connections,
        [&](int) -> std::optional<Req> {
            if (next >= cs.size()) return std::nullopt;
            const std::size_t i = next++;
            Req r;
            r.method = "POST";
            r.target = "/v1/reservations";
            r.body =
                reservationBody(cs[i].personId, slots[i % slots.size()].clinicId, slots[0].date);
            r.headers = bearer(cs[i].token);
            r.headers.emplace_back("Idempotency-Key", "bench-" + std::to_string(i));
            return r;
        },
        [&](int, const Req&, Res&& r) {
            (r.status == 201 ? created : other)++;
            latency.push_back(r.latencyMs);
        });
    const double httpSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const double httpRate = created / httpSeconds;
    stopServer();

    const double rawRate = rawCommitsPerSecond((root / "raw.db").string(), a.rawSeconds);
    std::printf(
        "\nreservations over HTTP: %d created (%d other answers) in %.2f s with %d connections\n",
        created, other, httpSeconds, a.connections);
    std::printf("  latency p50 %.2f ms, p99 %.2f ms\n", percentile(latency, 0.5),
                percentile(latency, 0.99));
    std::printf("durable reservations/s (HTTP, group commit, synchronous=FULL): %.0f\n", httpRate);
    std::printf("raw SQLite single-row commits/s (WAL, synchronous=FULL, same disk): %.0f\n",
                rawRate);
    std::printf("ratio reservations / raw commits: %.2f\n", rawRate > 0 ? httpRate / rawRate : 0.0);
    if (a.dir.empty()) fs::remove_all(root);
    return other == 0 ? 0 : 1;
}
