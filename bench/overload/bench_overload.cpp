// Overload benchmark (issue 11): starts sluice-server pinned to one core with one HTTP thread,
// measures the capacity C of durable reservations (POST /v1/reservations, closed loop, the best
// of a few concurrencies), then offers load on a fixed schedule (open loop) at 0.5x, 1x, 2x, 5x
// and 10x C for a fixed time each. For every step it prints offered and sent requests/s,
// goodput (201/s) and its ratio to C, rejections/s (503 with Retry-After; a 503 without one is
// counted apart as a defect), rejection and success latency p50/p99, other answers, client
// timeouts and errors, and the server's resident memory (VmRSS) and CPU at the end of the step.
//
// Exit code 0 only when, at 10x, goodput >= 90 % of C, rejections answer with p99 < 5 ms
// (every step), no 503 lacks Retry-After and nothing was lost to timeouts; 1 otherwise, 2 for
// bad arguments, 3 when the run itself could not be carried out (preparation failed, the
// generator ran out of prepared citizens). A benchmark program, not a test.
//
//   bench_overload [--server PATH] [--steps 0.5,1,2,5,10] [--step-seconds 10]
//                  [--capacity-connections 64,256,1024] [--capacity-seconds 5]
//                  [--connections 512] [--max-connections 8192] [--timeout-ms 5000]
//                  [--server-cpu 0] [--client-cpu 1] [--threads 1] [--dir DIR]
//
// The load generator is one thread with non-blocking sockets and epoll: request k of a step is
// handed to an idle keep-alive connection at t0 + k/R whatever the answers do; when every
// connection is busy a new one is opened, up to --max-connections (beyond that the request is
// counted as "unsent", a sign that the server holds requests instead of answering). Latency is
// measured from that moment (connect time included for a new connection) to the last byte of
// the answer. Each request carries its own prepared admission token (single use) and a
// verified person (doses 1-3 of one person are three reservations); a token whose request was
// answered 503 goes back to the pool, since nothing was stored.
#include "booking_testlib.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sstream>
#include <string>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace sluice::booktest;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// ---------------------------------------------------------------- arguments

struct Args {
    std::string server;
    std::string dir;
    std::vector<double> steps{0.5, 1, 2, 5, 10};
    double stepSeconds = 10;
    std::vector<int> capacityConnections{64, 256, 1024};
    double capacitySeconds = 5;
    int connections = 512;
    int maxConnections = 8192;
    int timeoutMs = 5000;
    int serverCpu = 0;
    int clientCpu = 1;
    int threads = 1;
};

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr,
                 "bench_overload: %s\nusage: bench_overload [--server PATH] [--steps 0.5,1,2,5,10] "
                 "[--step-seconds S] [--capacity-connections 64,256,1024] [--capacity-seconds S] "
                 "[--connections N] [--max-connections N] [--timeout-ms MS] [--server-cpu N] "
                 "[--client-cpu N] [--threads N] [--dir DIR]\n",
                 why);
    std::exit(2);
}

template <typename T> std::vector<T> parseList(const std::string& s) {
    std::vector<T> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(static_cast<T>(std::atof(item.c_str())));
    return out;
}

Args parseArgs(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value for " + k).c_str());
            return argv[++i];
        };
        if (k == "--server")
            a.server = value();
        else if (k == "--dir")
            a.dir = value();
        else if (k == "--steps")
            a.steps = parseList<double>(value());
        else if (k == "--step-seconds")
            a.stepSeconds = std::atof(value().c_str());
        else if (k == "--capacity-connections")
            a.capacityConnections = parseList<int>(value());
        else if (k == "--capacity-seconds")
            a.capacitySeconds = std::atof(value().c_str());
        else if (k == "--connections")
            a.connections = std::atoi(value().c_str());
        else if (k == "--max-connections")
            a.maxConnections = std::atoi(value().c_str());
        else if (k == "--timeout-ms")
            a.timeoutMs = std::atoi(value().c_str());
        else if (k == "--server-cpu")
            a.serverCpu = std::atoi(value().c_str());
        else if (k == "--client-cpu")
            a.clientCpu = std::atoi(value().c_str());
        else if (k == "--threads")
            a.threads = std::atoi(value().c_str());
        else if (k == "--help" || k == "-h")
            usage("help");
        else
            usage(("unknown argument " + k).c_str());
    }
    // Everything bounded: at most 10 minutes per step, at most 20 steps, sane connection counts.
    if (a.steps.empty() || a.steps.size() > 20) usage("--steps: 1 to 20 multipliers");
    for (double m : a.steps)
        if (!(m > 0 && m <= 100)) usage("--steps: multipliers in (0, 100]");
    if (!(a.stepSeconds >= 1 && a.stepSeconds <= 600)) usage("--step-seconds: 1..600");
    if (!(a.capacitySeconds >= 2 && a.capacitySeconds <= 600))
        usage("--capacity-seconds: 2..600");
    if (a.capacityConnections.empty()) usage("--capacity-connections: at least one");
    for (int c : a.capacityConnections)
        if (c < 1 || c > 16384) usage("--capacity-connections: 1..16384");
    if (a.maxConnections < 1 || a.maxConnections > 16384) usage("--max-connections: 1..16384");
    a.connections = std::clamp(a.connections, 1, a.maxConnections);
    if (a.timeoutMs < 100 || a.timeoutMs > 60'000) usage("--timeout-ms: 100..60000");
    if (a.threads < 1 || a.threads > 64) usage("--threads: 1..64");
    if (a.server.empty()) {
        const char* env = std::getenv("SLUICE_SERVER_BIN");
        const fs::path beside = fs::path(argv[0]).parent_path() / "sluice-server";
        a.server = env                  ? env
                   : fs::exists(beside) ? beside.string()
                                        : std::string(SLUICE_SERVER_BIN);
    }
    return a;
}

// ---------------------------------------------------------------- small helpers

uint16_t freePort() {
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

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}
double millis(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<float>& v, double q) {
    if (v.empty()) return 0;
    const auto k = std::min(v.size() - 1, static_cast<std::size_t>(q * double(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

// A field of /proc/PID/status in kB ("VmRSS", "VmHWM"), -1 when unreadable.
long procStatusKb(pid_t pid, const char* field) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    const std::string prefix = std::string(field) + ":";
    while (std::getline(in, line))
        if (line.rfind(prefix, 0) == 0) return std::atol(line.c_str() + prefix.size());
    return -1;
}

// utime + stime of a process in seconds, -1 when unreadable.
double procCpuSeconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = s.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream f(s.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && (f >> field); ++i) // fields 14 and 15: utime, stime
        if (i == 14 || i == 15) ticks += std::atof(field.c_str());
    return ticks / double(::sysconf(_SC_CLK_TCK));
}

std::string loadAverage() {
    double l[3] = {0, 0, 0};
    if (::getloadavg(l, 3) != 3) return "?";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f %.2f %.2f", l[0], l[1], l[2]);
    return buf;
}

std::string utcNow() {
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", std::gmtime(&t));
    return buf;
}

bool pinTo(pid_t pid, int cpu) {
    if (cpu < 0) return true;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return ::sched_setaffinity(pid, sizeof set, &set) == 0;
}

// ---------------------------------------------------------------- the load generator

// One answer (or failure) of one request.
struct Completion {
    int phase = 0;
    uint32_t unit = 0;
    Clock::time_point issuedAt, doneAt;
    int status = 0;           // 0: no answer (see error)
    bool retryAfter = false;  // a non-empty Retry-After header
    const char* error = "";   // "timeout", "connect", "closed", "io", "parse"
};

// Many keep-alive HTTP/1.1 connections on one thread, non-blocking sockets and epoll. Requests
// are fully serialized by the caller; answers must carry Content-Length (the server's do).
class Generator {
public:
    Generator(uint16_t port, int maxConnections, int timeoutMs,
              std::function<void(const Completion&)> onDone)
        : m_maxConnections(maxConnections), m_timeout(std::chrono::milliseconds(timeoutMs)),
          m_onDone(std::move(onDone)) {
        m_addr.sin_family = AF_INET;
        m_addr.sin_port = htons(port);
        m_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        m_conns.reserve(static_cast<std::size_t>(maxConnections));
    }
    ~Generator() {
        for (auto& c : m_conns)
            if (c.fd >= 0) ::close(c.fd);
        ::close(m_epoll);
    }

    int open() const { return m_open; }
    int busy() const { return m_busy; }
    bool hasIdle() {
        while (!m_idle.empty() && !usable(m_idle.back()))
            m_idle.pop_back();
        return !m_idle.empty();
    }

    // Opens connections until `n` are open and idle (bounded by `deadline`).
    void preopen(int n, Clock::time_point deadline) {
        while (m_open < std::min(n, m_maxConnections) && Clock::now() < deadline)
            if (openConnection() < 0) break;
        while (connecting() > 0 && Clock::now() < deadline)
            poll(5);
    }

    // Hands a request to an idle connection, or to a new one; false when every allowed
    // connection is busy (or a new one could not even be created).
    bool issue(std::string&& request, uint32_t unit, int phase) {
        int slot = -1;
        if (hasIdle()) {
            slot = m_idle.back();
            m_idle.pop_back();
        } else if (m_open < m_maxConnections) {
            slot = openConnection();
        }
        if (slot < 0) return false;
        Conn& c = m_conns[static_cast<std::size_t>(slot)];
        c.busy = true;
        ++m_busy;
        c.out = std::move(request);
        c.outOff = 0;
        c.unit = unit;
        c.phase = phase;
        c.issuedAt = Clock::now();
        if (!c.connecting) flush(slot);
        return true;
    }

    // Waits up to timeoutMs for socket events and handles them; fails requests that have
    // waited past the timeout.
    void poll(int timeoutMs) {
        epoll_event events[256];
        const int n = ::epoll_wait(m_epoll, events, 256, timeoutMs);
        for (int i = 0; i < n; ++i)
            onEvent(static_cast<int>(events[i].data.u32), events[i].events);
        const auto now = Clock::now();
        if (now - m_lastSweep > std::chrono::milliseconds(20)) {
            m_lastSweep = now;
            for (std::size_t s = 0; s < m_conns.size(); ++s) {
                Conn& c = m_conns[s];
                if (c.fd >= 0 && c.busy && now - c.issuedAt > m_timeout)
                    fail(static_cast<int>(s), "timeout");
            }
        }
    }

private:
    struct Conn {
        int fd = -1;
        bool connecting = false;
        bool busy = false;
        bool wantOut = false;
        std::string out;
        std::size_t outOff = 0;
        std::string in;
        Clock::time_point issuedAt;
        uint32_t unit = 0;
        int phase = 0;
    };

    bool usable(int slot) const {
        const Conn& c = m_conns[static_cast<std::size_t>(slot)];
        return c.fd >= 0 && !c.busy && !c.connecting;
    }
    int connecting() const {
        int n = 0;
        for (const auto& c : m_conns)
            n += c.fd >= 0 && c.connecting;
        return n;
    }

    int openConnection() {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) return -1;
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(fd, reinterpret_cast<const sockaddr*>(&m_addr), sizeof m_addr) != 0 &&
            errno != EINPROGRESS) {
            ::close(fd);
            return -1;
        }
        int slot;
        if (!m_freeSlots.empty()) {
            slot = m_freeSlots.back();
            m_freeSlots.pop_back();
        } else {
            slot = static_cast<int>(m_conns.size());
            m_conns.emplace_back();
        }
        Conn& c = m_conns[static_cast<std::size_t>(slot)];
        c = Conn{};
        c.fd = fd;
        c.connecting = true;
        c.wantOut = true;
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT;
        ev.data.u32 = static_cast<uint32_t>(slot);
        ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
        ++m_open;
        return slot;
    }

    void setWantOut(int slot, bool want) {
        Conn& c = m_conns[static_cast<std::size_t>(slot)];
        if (c.wantOut == want) return;
        c.wantOut = want;
        epoll_event ev{};
        ev.events = EPOLLIN | (want ? EPOLLOUT : 0u);
        ev.data.u32 = static_cast<uint32_t>(slot);
        ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
    }

    void closeConnection(int slot) {
        Conn& c = m_conns[static_cast<std::size_t>(slot)];
        if (c.fd < 0) return;
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        if (c.busy) --m_busy;
        c = Conn{};
        --m_open;
        m_freeSlots.push_back(slot);
    }

    void fail(int slot, const char* why) {
        Conn& c = m_conns[static_cast<std::size_t>(slot)];
        if (c.busy) {
            Completion d;
            d.phase = c.phase;
            d.unit = c.unit;
            d.issuedAt = c.issuedAt;
            d.doneAt = Clock::now();
            d.error = why;
            closeConnection(slot);
            m_onDone(d);
            return;
        }
        closeConnection(slot);
    }

    void flush(int slot) {
        Conn& c = m_conns[static_cast<std::size_t>(slot)];
        while (c.outOff < c.out.size()) {
            const ssize_t n =
                ::send(c.fd, c.out.data() + c.outOff, c.out.size() - c.outOff, MSG_NOSIGNAL);
            if (n > 0) {
                c.outOff += static_cast<std::size_t>(n);
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                setWantOut(slot, true);
                return;
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else {
                return fail(slot, "io");
            }
        }
        setWantOut(slot, false);
    }

    void onEvent(int slot, uint32_t events) {
        Conn& c = m_conns[static_cast<std::size_t>(slot)];
        if (c.fd < 0) return;
        if (c.connecting) {
            if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) return;
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err != 0 || (events & EPOLLERR)) return fail(slot, "connect");
            c.connecting = false;
            if (c.busy)
                flush(slot);
            else {
                setWantOut(slot, false);
                m_idle.push_back(slot);
            }
            return;
        }
        if ((events & EPOLLOUT) && c.busy && c.outOff < c.out.size()) {
            flush(slot);
            if (c.fd < 0) return;
        }
        if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) readSome(slot);
    }

    void readSome(int slot) {
        Conn& c = m_conns[static_cast<std::size_t>(slot)];
        char buf[16384];
        for (;;) {
            const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
            if (n > 0) {
                c.in.append(buf, static_cast<std::size_t>(n));
                if (static_cast<std::size_t>(n) < sizeof buf) break;
            } else if (n == 0) {
                // The peer closed: an answer that is complete is handled first.
                parse(slot);
                return fail(slot, "closed");
            } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
                break;
            } else if (errno == EINTR) {
                continue;
            } else {
                return fail(slot, "io");
            }
        }
        parse(slot);
    }

    static bool iequalsPrefix(std::string_view line, std::string_view name) {
        if (line.size() <= name.size() || line[name.size()] != ':') return false;
        for (std::size_t i = 0; i < name.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
        return true;
    }

    // Completes the answer at the front of the connection's input, if it is all there.
    void parse(int slot) {
        Conn& c = m_conns[static_cast<std::size_t>(slot)];
        if (c.fd < 0 || c.in.empty()) return;
        if (!c.busy) return fail(slot, "parse"); // bytes nobody asked for
        const auto headerEnd = c.in.find("\r\n\r\n");
        if (headerEnd == std::string::npos) return;
        const std::string_view head(c.in.data(), headerEnd);
        if (head.size() < 12 || head.substr(0, 5) != "HTTP/") return fail(slot, "parse");
        const int status = std::atoi(std::string(head.substr(9, 3)).c_str());
        std::size_t contentLength = 0;
        bool retryAfter = false, closeAfter = false;
        std::size_t pos = head.find("\r\n");
        while (pos != std::string_view::npos && pos < head.size()) {
            const std::size_t start = pos + 2;
            const std::size_t end = std::min(head.find("\r\n", start), head.size());
            const std::string_view line = head.substr(start, end - start);
            auto value = [&](std::size_t nameLen) {
                std::string_view v = line.substr(nameLen + 1);
                while (!v.empty() && v.front() == ' ')
                    v.remove_prefix(1);
                return v;
            };
            if (iequalsPrefix(line, "content-length"))
                contentLength = static_cast<std::size_t>(
                    std::atoll(std::string(value(14)).c_str()));
            else if (iequalsPrefix(line, "retry-after"))
                retryAfter = !value(11).empty();
            else if (iequalsPrefix(line, "connection"))
                closeAfter = value(10).find("close") != std::string_view::npos;
            pos = end;
        }
        const std::size_t total = headerEnd + 4 + contentLength;
        if (c.in.size() < total) return;
        if (c.in.size() > total) return fail(slot, "parse"); // no pipelining here
        Completion d;
        d.phase = c.phase;
        d.unit = c.unit;
        d.issuedAt = c.issuedAt;
        d.doneAt = Clock::now();
        d.status = status;
        d.retryAfter = retryAfter;
        c.in.clear();
        c.busy = false;
        --m_busy;
        if (closeAfter)
            closeConnection(slot);
        else
            m_idle.push_back(slot);
        m_onDone(d);
    }

    sockaddr_in m_addr{};
    int m_epoll = -1;
    int m_maxConnections;
    Clock::duration m_timeout;
    std::function<void(const Completion&)> m_onDone;
    std::vector<Conn> m_conns;
    std::vector<int> m_idle;      // may hold stale slots; checked when taken
    std::vector<int> m_freeSlots; // closed slots to reuse
    int m_open = 0;
    int m_busy = 0;
    Clock::time_point m_lastSweep = Clock::now();
};

// ---------------------------------------------------------------- citizens and requests

struct Unit {
    std::string token, personId;
    int dose = 1;
};

struct Pool {
    uint16_t port = 0;
    std::vector<Unit> units;
    std::deque<uint32_t> free;
    int nextIdentity = 1;
    std::string error;

    // Prepares admitted tokens and verified persons until `want` units are free (not timed).
    bool topUp(std::size_t want) {
        if (free.size() >= want) return true;
        const int n = static_cast<int>(want - free.size());
        std::vector<Citizen> cs;
        if (!admitCitizens(port, "53-54", n, 64, cs, error, 600'000)) return false;
        // One verified person per three tokens: doses 1, 2 and 3 are three reservations.
        std::vector<Citizen> persons(cs.begin(), cs.begin() + (n + 2) / 3);
        const int base = nextIdentity;
        if (!verifyCitizens(
                port, persons, [base](int i) { return base + i; }, 64, error))
            return false;
        nextIdentity += static_cast<int>(persons.size());
        for (int i = 0; i < n; ++i) {
            free.push_back(static_cast<uint32_t>(units.size()));
            units.push_back(Unit{std::move(cs[static_cast<std::size_t>(i)].token),
                                 persons[static_cast<std::size_t>(i / 3)].personId, i % 3 + 1});
        }
        return true;
    }
};

// The whole HTTP/1.1 request, serialized once per send.
std::string reservationRequest(const Unit& u, const std::string& clinic, const std::string& date,
                               uint64_t key) {
    const std::string body = reservationBody(u.personId, clinic, date, u.dose);
    std::string r;
    r.reserve(512 + u.token.size());
    r += "POST /v1/reservations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ";
    r += u.token;
    r += "\r\nIdempotency-Key: overload-";
    r += std::to_string(key);
    r += "\r\nContent-Type: application/json\r\nContent-Length: ";
    r += std::to_string(body.size());
    r += "\r\n\r\n";
    r += body;
    return r;
}

// Per-phase counts.
struct Stats {
    int64_t issued = 0, sent = 0, unsent = 0, noUnit = 0;
    int64_t ok = 0, okInWindow = 0, rejected = 0, rejectedNoRetryAfter = 0, other = 0;
    int64_t timeouts = 0, errors = 0, late = 0;
    std::map<int, int64_t> otherCodes;
    std::map<std::string, int64_t> errorKinds;
    std::vector<float> okLatency, rejectLatency, scheduleLag;
    Clock::time_point windowStart, windowEnd;
};

// What the server says about itself (/metrics), -1 where missing.
struct ServerMetrics {
    double queueDepth = -1, jobs = -1, batches = -1, busy = -1, shed = -1;
};

ServerMetrics readServerMetrics(uint16_t port) {
    Req r;
    r.target = "/metrics";
    r.timeoutMs = 5000;
    const Res res = request(port, r);
    ServerMetrics m;
    if (res.status != 200) return m;
    m.queueDepth = metricValue(res.body, "sluice_store_queue_depth");
    m.jobs = metricValue(res.body, "sluice_store_jobs_total");
    m.batches = metricValue(res.body, "sluice_store_batches_total");
    m.busy = metricValue(res.body, "sluice_http_busy_total");
    m.shed = metricValue(res.body, "sluice_http_shed_total");
    return m;
}

// Jobs per group commit between two readings, "?" when the server does not say.
std::string jobsPerBatch(const ServerMetrics& a, const ServerMetrics& b) {
    if (a.jobs < 0 || b.jobs < 0 || b.batches <= a.batches) return "?";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", (b.jobs - a.jobs) / (b.batches - a.batches));
    return buf;
}

pid_t g_server = -1;

void stopServer() {
    if (g_server <= 0) return;
    ::kill(g_server, SIGTERM);
    int st = 0;
    for (int i = 0; i < 200; ++i) { // up to 10 s, then SIGKILL
        if (::waitpid(g_server, &st, WNOHANG) == g_server) {
            g_server = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(g_server, SIGKILL);
    ::waitpid(g_server, &st, 0);
    g_server = -1;
}

extern "C" void onSignal(int sig) {
    if (g_server > 0) {
        ::kill(g_server, SIGKILL);
        ::waitpid(g_server, nullptr, 0);
    }
    std::_Exit(128 + sig);
}

} // namespace

int main(int argc, char** argv) {
    Args a = parseArgs(argc, argv);
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    // Thousands of sockets on both sides: raise the descriptor limit (inherited by the server).
    rlimit nofile{};
    if (::getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
        nofile.rlim_cur = nofile.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &nofile);
        const auto cap = static_cast<long>(nofile.rlim_cur) - 256;
        if (a.maxConnections > cap) a.maxConnections = static_cast<int>(std::max(64L, cap));
    }

    const fs::path root =
        a.dir.empty() ? fs::temp_directory_path() / ("bench_overload-" + std::to_string(::getpid()))
                      : fs::path(a.dir);
    fs::create_directories(root / "data");
    // 200 clinics on one date with doses enough that nothing sells out: every reservation does
    // the full durable path (checks, stock decrement, insert, stored answer, fsync).
    std::vector<Slot> slots;
    for (int c = 0; c < 200; ++c)
        slots.push_back({"B" + std::to_string(c), testDate(2), 1'000'000});
    writeDataSet(root.string(), slots, 10);
    ConfigOptions o;
    o.dataDir = root.string();
    o.maxActive = 100'000'000;
    o.ratePerS = 1'000'000;
    o.sessionWindowS = 86'400; // tokens prepared at the start stay valid for the whole run
    o.secondCohort = false;
    std::ofstream(root / "config.json") << makeConfig(o);
    const uint16_t port = freePort();

    const pid_t pid = ::fork();
    if (pid == 0) {
        pinTo(0, a.serverCpu); // as `taskset -c N`: every thread of the server on that core
        const std::string listen = "127.0.0.1:" + std::to_string(port);
        const std::string data = (root / "data").string(), config = (root / "config.json").string();
        const std::string threads = std::to_string(a.threads);
        std::freopen((root / "server.log").c_str(), "w", stdout);
        std::freopen((root / "server.log").c_str(), "a", stderr);
        ::execl(a.server.c_str(), a.server.c_str(), "--listen", listen.c_str(), "--data-dir",
                data.c_str(), "--config", config.c_str(), "--threads", threads.c_str(),
                static_cast<char*>(nullptr));
        std::perror("exec sluice-server");
        std::_Exit(127);
    }
    g_server = pid;
    if (!pinTo(0, a.clientCpu))
        std::fprintf(stderr, "bench_overload: could not pin the generator to cpu %d\n",
                     a.clientCpu);
    auto fail = [&](const std::string& why) {
        std::fprintf(stderr, "bench_overload: %s (server log: %s)\n", why.c_str(),
                     (root / "server.log").c_str());
        stopServer();
        return 3;
    };
    bool ready = false;
    for (int i = 0; i < 200 && !ready; ++i) {
        Req r;
        r.target = "/readyz";
        r.timeoutMs = 500;
        ready = request(port, r).status == 200;
        if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!ready) return fail(a.server + " did not become ready");
    std::printf("bench_overload %s\nserver %s (pid %d, --threads %d, cpu %d), generator cpu %d, "
                "data in %s\nload average at start: %s\n",
                utcNow().c_str(), a.server.c_str(), pid, a.threads, a.serverCpu, a.clientCpu,
                (root / "data").c_str(), loadAverage().c_str());

    Pool pool;
    pool.port = port;
    std::vector<Stats> phases;
    uint64_t nextKey = 0;
    std::size_t nextSlot = 0;
    auto onDone = [&](const Completion& d) {
        Stats& s = phases[static_cast<std::size_t>(d.phase)];
        const float ms = static_cast<float>(millis(d.doneAt - d.issuedAt));
        if (d.status == 0) {
            if (std::string_view(d.error) == "timeout")
                ++s.timeouts;
            else
                ++s.errors;
            ++s.errorKinds[d.error];
            return; // the unit's fate is unknown: not reused
        }
        if (d.status == 201) {
            ++s.ok;
            if (d.doneAt >= s.windowStart && d.doneAt <= s.windowEnd)
                ++s.okInWindow;
            else
                ++s.late;
            s.okLatency.push_back(ms);
            return;
        }
        if (d.status == 503) {
            ++s.rejected;
            if (!d.retryAfter) ++s.rejectedNoRetryAfter;
            s.rejectLatency.push_back(ms);
            pool.free.push_front(d.unit); // nothing was stored: the token is still good
            return;
        }
        ++s.other;
        ++s.otherCodes[d.status];
    };
    Generator gen(port, a.maxConnections, a.timeoutMs, onDone);
    const std::string date = slots[0].date;
    // Sends one request of phase `p`; false when no connection could take it.
    auto sendOne = [&](int p) {
        Stats& s = phases[static_cast<std::size_t>(p)];
        if (pool.free.empty()) {
            ++s.noUnit;
            return false;
        }
        const uint32_t u = pool.free.front();
        pool.free.pop_front();
        const std::string& clinic = slots[nextSlot++ % slots.size()].clinicId;
        if (!gen.issue(reservationRequest(pool.units[u], clinic, date, nextKey++), u, p)) {
            pool.free.push_front(u);
            ++s.unsent;
            return false;
        }
        ++s.sent;
        return true;
    };
    auto drain = [&] {
        const auto until = Clock::now() + std::chrono::milliseconds(a.timeoutMs + 1000);
        while (gen.busy() > 0 && Clock::now() < until)
            gen.poll(5);
    };

    // ---- capacity: closed loop, the best of the given concurrencies ----
    double capacity = 0;
    int capacityConnections = 0;
    std::printf("\ncapacity (closed loop: each connection sends its next reservation when the "
                "last is answered; %.0f s each, the first second not counted)\n",
                a.capacitySeconds);
    double estimate = 2000;
    // One closed-loop run with `conns` connections: reservations/s, or -1 when preparing failed.
    auto closedLoop = [&](int conns) -> double {
        const std::size_t want =
            static_cast<std::size_t>(estimate * 2.0 * a.capacitySeconds) + 4u * conns + 5000;
        auto p0 = Clock::now();
        if (!pool.topUp(want)) return -1;
        const double prepS = seconds(Clock::now() - p0);
        const int p = static_cast<int>(phases.size());
        phases.emplace_back();
        gen.preopen(conns, Clock::now() + std::chrono::seconds(10));
        Stats& s = phases.back();
        const auto t0 = Clock::now();
        s.windowStart = t0 + std::chrono::seconds(1);
        s.windowEnd = t0 + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(a.capacitySeconds));
        const ServerMetrics m0 = readServerMetrics(port);
        const double cpu0 = procCpuSeconds(pid);
        int inFlight = 0;
        while (Clock::now() < s.windowEnd) {
            // Every idle connection gets its next request at once, up to `conns` in flight.
            inFlight = gen.busy();
            while (inFlight < conns && gen.hasIdle() && !pool.free.empty()) {
                if (!sendOne(p)) break;
                ++inFlight;
            }
            gen.poll(1);
        }
        const long rss = procStatusKb(pid, "VmRSS");
        const double cpu = procCpuSeconds(pid) - cpu0;
        const ServerMetrics m1 = readServerMetrics(port);
        drain();
        const double windowS = seconds(s.windowEnd - s.windowStart);
        const double rate = double(s.okInWindow) / windowS;
        std::printf("  %5d connections: %8.0f reservations/s (p50 %.1f ms, p99 %.1f ms), other %lld, "
                    "errors %lld, server CPU %.0f %% of a core, RSS %.1f MiB, %s jobs per group "
                    "commit (prepared in %.1f s)\n",
                    conns, rate, percentile(s.okLatency, 0.5), percentile(s.okLatency, 0.99),
                    static_cast<long long>(s.other + s.rejected),
                    static_cast<long long>(s.errors + s.timeouts), 100 * cpu / a.capacitySeconds,
                    rss / 1024.0, jobsPerBatch(m0, m1).c_str(), prepS);
        if (s.noUnit > 0) std::printf("  (ran out of prepared citizens: the figure is low)\n");
        estimate = std::max(estimate, rate);
        return rate;
    };
    for (int conns : a.capacityConnections) {
        const double rate = closedLoop(conns);
        if (rate < 0) return fail("preparation failed: " + pool.error);
        if (rate > capacity) {
            capacity = rate;
            capacityConnections = conns;
        }
    }
    if (capacity <= 0) return fail("no reservation succeeded while measuring capacity");
    std::printf("C = %.0f reservations/s (closed loop, %d connections)\n", capacity,
                capacityConnections);

    // ---- open-loop steps ----
    struct Row {
        double mult, offered, sentRate, goodput, rejectedRate;
        double rejP50, rejP99, okP50, okP99, lagP99;
        int64_t noRetryAfter, other, timeouts, errors, unsent, noUnit, late;
        long rssKb;
        double cpuPct, queueDepth;
        std::string otherDetail;
    };
    std::vector<Row> rows;
    for (double mult : a.steps) {
        const double rate = mult * capacity;
        const double expected = std::min(rate, 3.0 * capacity) * a.stepSeconds;
        auto p0 = Clock::now();
        if (!pool.topUp(static_cast<std::size_t>(expected * 1.1) + 2u * a.connections + 5000))
            return fail("preparation failed: " + pool.error);
        const double prepS = seconds(Clock::now() - p0);
        std::this_thread::sleep_for(std::chrono::seconds(1)); // let the server settle
        gen.preopen(a.connections, Clock::now() + std::chrono::seconds(10));
        const int p = static_cast<int>(phases.size());
        phases.emplace_back();
        Stats& s = phases.back();
        std::printf("step %4.1fx C: %.0f requests/s for %.0f s (%zu citizens prepared in %.1f s)\n",
                    mult, rate, a.stepSeconds, pool.free.size(), prepS);
        const auto t0 = Clock::now();
        const auto end = t0 + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(a.stepSeconds));
        s.windowStart = t0;
        s.windowEnd = end;
        const ServerMetrics m0 = readServerMetrics(port);
        const double cpu0 = procCpuSeconds(pid);
        const double perRequest = 1.0 / rate;
        int64_t k = 0;
        for (auto now = t0; now < end; now = Clock::now()) {
            // Requests due by now on the fixed schedule, whatever the answers have done.
            const auto due = static_cast<int64_t>(seconds(now - t0) * rate);
            for (; k < due; ++k) {
                ++s.issued;
                s.scheduleLag.push_back(static_cast<float>(
                    millis(now - t0) - 1000.0 * perRequest * static_cast<double>(k)));
                sendOne(p);
            }
            const double untilNext = 1000.0 * perRequest * static_cast<double>(k) - millis(now - t0);
            gen.poll(untilNext >= 1.0 ? 1 : 0);
        }
        const long rss = procStatusKb(pid, "VmRSS");
        const double cpu = procCpuSeconds(pid) - cpu0;
        const int busyAtEnd = gen.busy();
        const ServerMetrics m1 = readServerMetrics(port);
        drain();
        Row r{};
        r.mult = mult;
        r.offered = double(s.issued) / a.stepSeconds;
        r.sentRate = double(s.sent) / a.stepSeconds;
        r.goodput = double(s.okInWindow) / a.stepSeconds;
        r.rejectedRate = double(s.rejected) / a.stepSeconds;
        r.rejP50 = percentile(s.rejectLatency, 0.5);
        r.rejP99 = percentile(s.rejectLatency, 0.99);
        r.okP50 = percentile(s.okLatency, 0.5);
        r.okP99 = percentile(s.okLatency, 0.99);
        r.lagP99 = percentile(s.scheduleLag, 0.99);
        r.noRetryAfter = s.rejectedNoRetryAfter;
        r.other = s.other;
        r.timeouts = s.timeouts;
        r.errors = s.errors;
        r.unsent = s.unsent;
        r.noUnit = s.noUnit;
        r.late = s.late;
        r.rssKb = rss;
        r.cpuPct = 100 * cpu / a.stepSeconds;
        r.queueDepth = m1.queueDepth;
        for (const auto& [code, n] : s.otherCodes)
            r.otherDetail += " " + std::to_string(code) + "x" + std::to_string(n);
        for (const auto& [kind, n] : s.errorKinds)
            r.otherDetail += " " + kind + "x" + std::to_string(n);
        rows.push_back(r);
        std::printf("step %4.1fx C: offered %.0f/s, sent %.0f/s, goodput %.0f/s (%.3f C), rejected "
                    "%.0f/s (p50 %.2f ms, p99 %.2f ms), ok p50 %.1f ms p99 %.1f ms, 503 without "
                    "Retry-After %lld, other %lld, timeouts %lld, errors %lld, unsent %lld, "
                    "answered after the step %lld, in flight at the end %d, connections %d, "
                    "schedule lag p99 %.2f ms, server RSS %.1f MiB, server CPU %.0f %%, writer "
                    "queue at the end %.0f, %s jobs per group commit, 503 busy %.0f, shed "
                    "%.0f%s\n",
                    mult, r.offered, r.sentRate, r.goodput, r.goodput / capacity, r.rejectedRate,
                    r.rejP50, r.rejP99, r.okP50, r.okP99, static_cast<long long>(r.noRetryAfter),
                    static_cast<long long>(r.other), static_cast<long long>(r.timeouts),
                    static_cast<long long>(r.errors), static_cast<long long>(r.unsent),
                    static_cast<long long>(r.late), busyAtEnd, gen.open(), r.lagP99,
                    rss / 1024.0, r.cpuPct, m1.queueDepth, jobsPerBatch(m0, m1).c_str(),
                    m1.busy - m0.busy, m1.shed - m0.shed, r.otherDetail.c_str());
        if (r.noUnit > 0)
            std::printf("  ran out of prepared citizens %lld times: the step is not valid\n",
                        static_cast<long long>(r.noUnit));
    }
    // The same closed loop again: reservations get slower as the tables grow (random keys), so
    // the capacity after the steps shows how much of a step's ratio is that drift.
    std::printf("capacity after the steps:\n");
    const double capacityAfter = closedLoop(capacityConnections);
    if (capacityAfter < 0) return fail("preparation failed: " + pool.error);
    const long hwm = procStatusKb(pid, "VmHWM");
    std::string metrics;
    {
        Req r;
        r.target = "/metrics";
        r.timeoutMs = 5000;
        metrics = request(port, r).body;
    }
    stopServer();

    // ---- summary ----
    std::printf("\n%s, load average at the end: %s, C = %.0f reservations/s (%.0f after the "
                "steps, %.2f C)\n\n",
                utcNow().c_str(), loadAverage().c_str(), capacity, capacityAfter,
                capacityAfter / capacity);
    std::printf("| offered | offered req/s | goodput/s | goodput / C | rejected/s (503 + "
                "Retry-After) | rejection p50 / p99 | success p50 / p99 | 503 without Retry-After "
                "| other / timeouts / unsent | server RSS | writer queue |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (const auto& r : rows)
        std::printf("| %.1f× C | %.0f | %.0f | %.2f | %.0f | %.2f / %.2f ms | %.1f / %.1f ms | %lld "
                    "| %lld / %lld / %lld | %.1f MiB | %.0f |\n",
                    r.mult, r.offered, r.goodput, r.goodput / capacity, r.rejectedRate, r.rejP50,
                    r.rejP99, r.okP50, r.okP99, static_cast<long long>(r.noRetryAfter),
                    static_cast<long long>(r.other + r.errors), static_cast<long long>(r.timeouts),
                    static_cast<long long>(r.unsent), r.rssKb / 1024.0, r.queueDepth);
    std::printf("\nserver peak RSS (VmHWM) %.1f MiB; sluice_http_shed_total %.0f\n", hwm / 1024.0,
                metricValue(metrics, "sluice_http_shed_total"));

    // ---- verdict ----
    int failures = 0;
    bool invalid = false;
    auto check = [&](bool ok, const std::string& what) {
        std::printf("%s %s\n", ok ? "PASS" : "FAIL", what.c_str());
        failures += !ok;
    };
    const Row* top = nullptr;
    for (const auto& r : rows)
        if (!top || r.mult > top->mult) top = &r;
    char buf[256];
    std::snprintf(buf, sizeof buf, "goodput at %.1fx C = %.3f C (target >= 0.90)", top->mult,
                  top->goodput / capacity);
    check(top->goodput >= 0.9 * capacity, buf);
    double worstRejP99 = 0;
    int64_t noRa = 0, lost = 0, unsent = 0;
    for (const auto& r : rows) {
        worstRejP99 = std::max(worstRejP99, r.rejP99);
        noRa += r.noRetryAfter;
        lost += r.timeouts + r.errors;
        unsent += r.unsent;
        invalid = invalid || r.noUnit > 0;
    }
    std::snprintf(buf, sizeof buf, "rejection latency p99, worst step = %.2f ms (target < 5 ms)",
                  worstRejP99);
    check(worstRejP99 < 5.0, buf);
    check(noRa == 0, "every 503 carries Retry-After (" + std::to_string(noRa) + " without)");
    check(lost == 0,
          "no request timed out or lost its connection (" + std::to_string(lost) + " did)");
    check(unsent == 0, "the generator always had a connection to send on (" +
                           std::to_string(unsent) + " requests unsent)");
    if (a.dir.empty()) fs::remove_all(root);
    if (invalid) {
        std::printf("INVALID: the generator ran out of prepared citizens\n");
        return 3;
    }
    std::printf("RESULT %s\n", failures == 0 ? "PASS" : "FAIL");
    return failures == 0 ? 0 : 1;
}
