// The incident timeline's text: every server event kind rendered from its kind and data in the
// current language (Korean templates for every kind of docs/ops-protocol.md), operator actions as
// sentences ("kim: 50–52세 입장 속도 400 → 60/초"), the console's own rows from a kind and
// arguments (so they too follow a language switch). Rendered when shown, never stored as text.
// Pure functions; the cohort labels come from a lookup the caller passes.
#pragma once
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <functional>

namespace sluice::console {

// Cohort id -> label in the current language (the id itself when unknown).
using LabelLookup = std::function<QString(const QString& cohortId)>;

// True when the interface language (the default locale) is Korean.
bool koreanUi();

// A short translated name of an event kind ("rate_changed" -> "입장 속도 변경").
QString eventKindName(const QString& kind);
// A server event as one line in the current language; `message` is the server's own line, used
// for kinds this console does not know.
QString renderEvent(const QString& kind, const QJsonObject& data, const QString& operatorName,
                    const QString& message, const LabelLookup& label);
// An operator action as a sentence without the actor: "50–52세 입장 속도 400 → 60/초". `oldValue`
// and `newValue` may be undefined (not known yet).
QString describeCommand(const QString& op, const QJsonObject& args, const QJsonValue& oldValue,
                        const QJsonValue& newValue, const LabelLookup& label);
// The console's own log rows (kinds "console.*"): text from the kind and its arguments.
QString renderLocal(const QString& kind, const QJsonObject& args, const LabelLookup& label);
// A figure as the console shows it: thousands separators, no ".0".
QString formatNumber(double v, int maxDecimals = 1);
// Translated identity-provider breaker state.
QString breakerText(const QString& breaker);

// Console row kinds.
namespace local_kind {
inline constexpr char Connected[] = "console.connected";
inline constexpr char Restored[] = "console.restored";
inline constexpr char Lost[] = "console.lost";
inline constexpr char Malformed[] = "console.malformed";
inline constexpr char Undecodable[] = "console.undecodable";
inline constexpr char Gap[] = "console.gap";
inline constexpr char Sent[] = "console.sent";
inline constexpr char NotSent[] = "console.not_sent";
inline constexpr char Refused[] = "console.refused";
inline constexpr char AlertRaised[] = "console.alert_raised";
inline constexpr char AlertCleared[] = "console.alert_cleared";
inline constexpr char AlertAckLocal[] = "console.alert_ack_local";
inline constexpr char SourceSeparator[] = "console.source";
inline constexpr char DateSeparator[] = "console.date";
} // namespace local_kind

} // namespace sluice::console
