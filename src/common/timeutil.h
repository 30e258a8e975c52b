// Clocks and time formats. Pure logic takes a Clock so tests control time.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

// Wall-clock milliseconds since the Unix epoch.
int64_t nowUnixMs();
// Monotonic milliseconds (steady_clock), for durations and tick arithmetic.
int64_t monotonicMs();

// RFC 3339 in UTC with milliseconds, e.g. 2021-07-19T11:00:00.000Z.
std::string formatRfc3339(int64_t unixMs);
// Accepts RFC 3339 with 'Z' or a numeric offset, optional fraction. nullopt when invalid.
std::optional<int64_t> parseRfc3339(std::string_view text);
// "+90s", "+5m", "+2h", "+0s", "-10s" relative to baseMs; or RFC 3339. nullopt when invalid.
std::optional<int64_t> parseTimeSpec(std::string_view text, int64_t baseMs);

} // namespace sluice
