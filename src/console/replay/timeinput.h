// Typed times for the replay timeline: "20:15", "20:15:30" (local time on the recording's
// days), "2021-07-19 20:15[:30]" (local), an RFC 3339 time, or an offset from the start of the
// recording ("+90s", "+12:30", "+1:02:03"). Pure.
#pragma once
#include <QString>

#include <optional>

namespace sluice::console::replay {

// The time in unix ms, or nothing when the text is not a time. A bare clock time means the
// first such local time at or after the recording's start (a recording across midnight works).
std::optional<qint64> parseTimeInput(const QString& text, qint64 startMs, qint64 endMs);

} // namespace sluice::console::replay
