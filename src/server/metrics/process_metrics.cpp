// Process figures from /proc/self (see process_metrics.h).
#include "server/metrics/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <dirent.h>

namespace sluice::metrics {
namespace {

// Fields 14 (utime), 15 (stime), 22 (starttime), 23 (vsize), 24 (rss) of /proc/self/stat.
struct Stat {
    double cpuSeconds = 0, startTimeSeconds = 0, virtualBytes = 0, residentBytes = 0;
};

double bootTimeSeconds() {
    static const double boot = [] {
        double t = 0;
        if (FILE* f = std::fopen("/proc/stat", "r")) {
            char line[256];
            while (std::fgets(line, sizeof line, f))
                if (std::strncmp(line, "btime ", 6) == 0) t = std::atof(line + 6);
            std::fclose(f);
        }
        return t;
    }();
    return boot;
}

Stat readStat() {
    Stat s;
    FILE* f = std::fopen("/proc/self/stat", "r");
    if (!f) return s;
    char buf[1024];
    const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    buf[n] = '\0';
    const char* p = std::strrchr(buf, ')'); // the command name may hold spaces
    if (!p) return s;
    unsigned long long v[22] = {};
    // After ")": state (field 3), then fields 4.. as numbers.
    char state = 0;
    if (std::sscanf(p + 1,
                    " %c %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu "
                    "%llu %llu %llu %llu %llu %llu %llu %llu",
                    &state, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9],
                    &v[10], &v[11], &v[12], &v[13], &v[14], &v[15], &v[16], &v[17], &v[18], &v[19],
                    &v[20]) < 22)
        return s;
    // v[k] is field k + 4.
    const double tick = static_cast<double>(::sysconf(_SC_CLK_TCK));
    s.cpuSeconds = static_cast<double>(v[10] + v[11]) / tick;
    s.startTimeSeconds = bootTimeSeconds() + static_cast<double>(v[18]) / tick;
    s.virtualBytes = static_cast<double>(v[19]);
    s.residentBytes = static_cast<double>(v[20]) * static_cast<double>(::sysconf(_SC_PAGESIZE));
    return s;
}

double openFds() {
    DIR* d = ::opendir("/proc/self/fd");
    if (!d) return 0;
    double n = 0;
    while (dirent* e = ::readdir(d))
        if (e->d_name[0] != '.') ++n;
    ::closedir(d);
    return n - 1; // the directory stream's own descriptor
}

std::string escape(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}
} // namespace

void registerProcessMetrics(Registry& r, const std::string& version, const std::string& node,
                            std::function<bool()> ready) {
    r.counterFn("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", {},
                [] { return readStat().cpuSeconds; });
    r.gauge("process_resident_memory_bytes", "Resident memory size in bytes.", {},
            [] { return readStat().residentBytes; });
    r.gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", {},
            [] { return readStat().virtualBytes; });
    r.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
            {}, [] { return readStat().startTimeSeconds; });
    r.gauge("process_open_fds", "Number of open file descriptors.", {}, [] { return openFds(); });
    r.gauge("process_max_fds", "Maximum number of open file descriptors.", {}, [] {
        rlimit l{};
        return ::getrlimit(RLIMIT_NOFILE, &l) == 0 ? static_cast<double>(l.rlim_cur) : 0.0;
    });
    r.gauge("sluice_build_info", "Always 1; the labels name the build and the node",
            "version=\"" + escape(version) + "\",node=\"" + escape(node) + "\"",
            [] { return 1.0; });
    r.gauge("sluice_ready", "1 while /readyz answers 200 (started, storage committing), else 0", {},
            [ready = std::move(ready)] { return ready() ? 1.0 : 0.0; });
}

} // namespace sluice::metrics
