// sluice-surge: replays a cohort opening (millions of virtual citizens, refresh storms,
// queue-jumping bots) against a sluice-server on this machine and reports throughput, latency,
// fairness and the invariants. Usage and exit codes: --help and docs/surge.md.
#include "surge/runner.h"

#include <boost/json/serialize.hpp>

#include <sys/resource.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

namespace {

const char* kUsage = R"(usage: sluice-surge --target http://127.0.0.1:PORT --scenario FILE [options]

  --target URL            the server (loopback only)
  --scenario FILE         a scenario, e.g. resources/scenarios/july-19-2021.json
  --scale X               multiply the scenario's citizens by X (default 1)
  --citizens N            exactly N citizens (instead of --scale)
  --time-scale X          multiply the scenario's durations by X (default 1)
  --cohort ID             the cohort to drive (default: the scenario's); waits for its opening
  --report FILE.json      write the JSON report there
  --duration-limit S      stop after S seconds in all (default 1800)
  --seed N                fix the population and behaviour (default: random)
  --connections N         keep-alive connections for the waiting room (default 256)
  --booking-connections N keep-alive connections for the booking calls (default 512)
  --open-spread S         pre-queue windows look again within S s after the opening (default 5)
  --pow-prefetch          fetch the proof-of-work challenge before every new-ticket join (as a
                          page that knows the cohort screens); otherwise a citizen learns it from
                          its first refusal
  --pow-max-bits N        solve challenges of at most N bits (default 20, at most 28); solving
                          runs in the surge's one thread, so keep the cohort's pow_bits small
  --browser-hashes-per-s R  add a model of a browser's solving time at R hashes/s to the report
                          (labelled as a model; the measured figures are the surge's own)
  --quiet                 no progress line
  --help, --version

exit codes: 0 all invariants hold; 1 an invariant is broken (lost place, successful bypass,
oversold clinic, FIFO inversion); 2 bad usage or scenario; 3 cannot run (server unreachable,
no such cohort, cohort closed); 4 the duration limit ended the run early.
)";

bool number(const char* text, double& out) {
    char* end = nullptr;
    out = std::strtod(text, &end);
    return end && *end == '\0' && end != text;
}

} // namespace

int main(int argc, char** argv) {
    using namespace sluice::surge;
    Options opt;
    std::string targetUrl;
    auto fail = [](const std::string& msg) {
        std::cerr << "sluice-surge: " << msg << "\n(see --help)\n";
        return static_cast<int>(ExitUsage);
    };
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](const char* name) -> const char* {
            if (i + 1 >= argc) return nullptr;
            (void)name;
            return argv[++i];
        };
        double d = 0;
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        } else if (a == "--version") {
            std::cout << "sluice-surge " << SLUICE_VERSION << "\n";
            return 0;
        } else if (a == "--quiet") {
            opt.quiet = true;
        } else if (a == "--pow-prefetch") {
            opt.powPrefetch = true;
        } else if (a == "--target" || a == "--scenario" || a == "--report" || a == "--cohort") {
            const char* v = value(a.c_str());
            if (!v) return fail(a + " needs a value");
            if (a == "--target")
                targetUrl = v;
            else if (a == "--scenario")
                opt.scenarioPath = v;
            else if (a == "--report")
                opt.reportPath = v;
            else
                opt.cohort = std::string(v);
        } else if (a == "--scale" || a == "--time-scale" || a == "--duration-limit" ||
                   a == "--seed" || a == "--connections" || a == "--booking-connections" ||
                   a == "--citizens" || a == "--open-spread" || a == "--pow-max-bits" ||
                   a == "--browser-hashes-per-s") {
            const char* v = value(a.c_str());
            if (!v || !number(v, d)) return fail(a + " needs a number");
            if (a == "--scale") {
                if (!(d > 0 && d <= 100)) return fail("--scale must be in (0, 100]");
                opt.scale = d;
            } else if (a == "--time-scale") {
                if (!(d > 0 && d <= 100)) return fail("--time-scale must be in (0, 100]");
                opt.timeScale = d;
            } else if (a == "--duration-limit") {
                if (!(d > 0 && d <= 7 * 86400))
                    return fail("--duration-limit must be in (0, 604800] seconds");
                opt.durationLimitS = d;
            } else if (a == "--seed") {
                if (d < 0) return fail("--seed must be a non-negative integer");
                opt.seed = std::strtoull(v, nullptr, 10);
            } else if (a == "--connections" || a == "--booking-connections") {
                if (!(d >= 1 && d <= 10000)) return fail(a + " must be in [1, 10000]");
                (a == "--connections" ? opt.connections : opt.bookingConnections) =
                    static_cast<int>(d);
            } else if (a == "--pow-max-bits") {
                if (!(d >= 0 && d <= 28 && d == std::floor(d)))
                    return fail("--pow-max-bits must be a whole number in [0, 28]");
                opt.powMaxBits = static_cast<int>(d);
            } else if (a == "--browser-hashes-per-s") {
                if (!(d > 0 && d <= 1e12)) return fail("--browser-hashes-per-s must be > 0");
                opt.browserHashesPerS = d;
            } else if (a == "--citizens") {
                if (!(d >= 1 && d <= 1e8)) return fail("--citizens must be in [1, 100000000]");
                opt.citizens = static_cast<uint64_t>(d);
            } else {
                if (!(d >= 0 && d <= 3600))
                    return fail("--open-spread must be in [0, 3600] seconds");
                opt.openSpreadS = d;
            }
        } else {
            return fail("unknown argument " + a);
        }
    }
    if (targetUrl.empty()) return fail("--target is required");
    if (opt.scenarioPath.empty()) return fail("--scenario is required");
    if (auto why = parseTarget(targetUrl, opt.host, opt.port); !why.empty()) return fail(why);
    // Many keep-alive connections: lift the soft limit on open files to the hard one.
    if (rlimit rl{}; getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    Report report;
    try {
        report = runSurge(opt, std::cerr);
    } catch (const ScenarioError& e) {
        std::cerr << "sluice-surge: " << e.what() << "\n";
        return ExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "sluice-surge: " << e.what() << "\n";
        return ExitCannotRun;
    }
    std::cout << report.summary << std::flush;
    if (!opt.reportPath.empty()) {
        std::ofstream f(opt.reportPath, std::ios::binary | std::ios::trunc);
        f << boost::json::serialize(report.json) << "\n";
        if (!f) {
            std::cerr << "sluice-surge: cannot write the report to " << opt.reportPath << "\n";
            return ExitCannotRun;
        }
    }
    return report.exitCode;
}
