// What an alert says, in the current language: the sentence ("50–52세 일시 중지 — 7,834명 대기
// 중"), what it concerns (a cohort, the clinics, the link) and a title from the key alone (for
// acknowledgements from other consoles). Pure functions; cohort labels through a lookup.
#pragma once
#include "console/alerts/alertengine.h"
#include "console/model/eventtext.h"

namespace sluice::console {

QString alertText(const QString& rule, const QString& subject, const QJsonObject& facts,
                  const LabelLookup& label);
inline QString alertText(const Alert& a, const LabelLookup& label) {
    return alertText(a.rule, a.subject, a.facts, label);
}
// The cohort's label, or "all clinics", "identity provider", "link to the server", …
QString alertSubjectText(const QString& rule, const QString& subject, const LabelLookup& label);
// A short title from the stable key alone: "50–52세: paused while people wait".
QString alertTitleForKey(const QString& key, const LabelLookup& label);
QString alertSeverityText(AlertSeverity s);

} // namespace sluice::console
