// The recording file format (docs/recording-format.md): one SQLite file per session with the
// tables meta, frames and keyframes. Constants, the schema, body encoding (compact JSON, zlib
// for large bodies), marker categories for the timeline, and the keyframe synthesis: a
// DashboardState written back as a snapshot frame the ordinary parser reads. Pure: no threads,
// no widgets.
#pragma once
#include "console/model/dashboardstate.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace sluice::console::recording {

inline constexpr char kFormatName[] = "sluice-recording";
// Version written by this console. Readers open every version up to kFormatVersion.
inline constexpr int kFormatVersion = 1;
// Recommended file suffix (any name opens).
inline constexpr char kFileSuffix[] = "sluicerec";

// Kinds of rows in `frames` that are not server frames: written by the console itself.
inline constexpr char kKindLink[] = "link"; // connection state change: {"state", "message"}
inline constexpr char kKindCommand[] =
    "command";                              // an operator action sent/answered by this console
inline constexpr char kKindNote[] = "note"; // recording started/stopped, informational

// Marker categories stored in frames.tag ('' = not a timeline marker).
inline constexpr char kTagAction[] = "action";
inline constexpr char kTagAlert[] = "alert";
inline constexpr char kTagLink[] = "link";

enum class Encoding { Json = 0, ZlibJson = 1 };

// The SQL that creates an empty version-1 recording.
QStringList schemaStatements();

// Compact JSON, compressed when larger than `compressAbove` bytes.
QByteArray encodeBody(const QJsonObject& body, Encoding* encoding, int compressAbove = 512);
// Inverse of encodeBody; false when the bytes cannot be decoded.
bool decodeBody(const QByteArray& bytes, int encoding, QJsonObject* out);

// The timeline category of a row: kTagAction, kTagAlert, kTagLink or empty.
QString markerTag(const QString& kind, const QJsonObject& body);

// RFC 3339 UTC with milliseconds, as the server writes it.
QString formatTimeUtc(qint64 unixMs);

// The whole DashboardState as a `snapshot` frame: parseFrame() reads it back and applying it to
// an empty state gives an equal state (cohorts, clinics, errors, latency, request rates,
// notices, approvals, identity provider, consoles, seq, server time).
QJsonObject snapshotFromState(const DashboardState& state);

} // namespace sluice::console::recording
