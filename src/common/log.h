// Minimal line logger to stderr: "2021-07-19T11:00:00.000Z INFO message". Thread-safe.
#pragma once
#include <sstream>
#include <string>

namespace sluice {
enum class LogLevel { Debug, Info, Warn, Error };
void logLine(LogLevel level, const std::string& message);
void setLogLevel(LogLevel level);
template <typename... Args> void logf(LogLevel level, Args&&... args) {
    std::ostringstream os;
    (os << ... << args);
    logLine(level, os.str());
}
#define SLUICE_INFO(...) ::sluice::logf(::sluice::LogLevel::Info, __VA_ARGS__)
#define SLUICE_WARN(...) ::sluice::logf(::sluice::LogLevel::Warn, __VA_ARGS__)
#define SLUICE_ERROR(...) ::sluice::logf(::sluice::LogLevel::Error, __VA_ARGS__)
} // namespace sluice
