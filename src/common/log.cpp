// Line logger: whole lines written with one fwrite so threads do not interleave.
#include "common/log.h"

#include "common/timeutil.h"

#include <atomic>
#include <cstdio>

namespace sluice {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::Info)};
const char* name(LogLevel l) {
    switch (l) {
    case LogLevel::Debug:
        return "DEBUG";
    case LogLevel::Info:
        return "INFO";
    case LogLevel::Warn:
        return "WARN";
    case LogLevel::Error:
        return "ERROR";
    }
    return "?";
}
} // namespace

void setLogLevel(LogLevel level) {
    g_level = static_cast<int>(level);
}

void logLine(LogLevel level, const std::string& message) {
    if (static_cast<int>(level) < g_level.load()) return;
    std::string line = formatRfc3339(nowUnixMs());
    line += ' ';
    line += name(level);
    line += ' ';
    line += message;
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
}
} // namespace sluice
