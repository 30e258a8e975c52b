// Parses ops-stream JSON into typed frames. Anything malformed (missing or wrong-typed required
// fields, wrong-typed optional fields) is rejected with one line naming the field, e.g.
// "tick: cohorts[2].waiting: expected a number"; the caller reports it and skips the frame.
// Unknown frame types are rejected the same way (forward compatibility: skipped, not fatal).
#pragma once
#include "console/model/frames.h"

#include <QByteArray>

namespace sluice::console {

struct ParseResult {
    std::optional<Frame> frame;
    QString error; // empty when frame is set
};

ParseResult parseFrame(const QJsonObject& json);
ParseResult parseFrame(const QByteArray& text);

// RFC 3339 text to unix ms; 0 when empty or invalid.
qint64 parseTimeMs(const QString& text);

} // namespace sluice::console
