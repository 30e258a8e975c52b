// Compares two DashboardStates the way an on-call engineer would: cohort figures, the stock of
// every clinic, active notices, pending approvals, error counters and seq. Returns the first
// difference as a sentence, empty when they are equal.
#pragma once
#include "console/model/dashboardstate.h"

#include <QString>

namespace sluice::console::testing {

inline QString describeDifference(const DashboardState& a, const DashboardState& b) {
    if (a.hasSnapshot() != b.hasSnapshot())
        return QStringLiteral("hasSnapshot %1 vs %2").arg(a.hasSnapshot()).arg(b.hasSnapshot());
    if (a.seq() != b.seq()) return QStringLiteral("seq %1 vs %2").arg(a.seq()).arg(b.seq());
    if (a.cohorts().size() != b.cohorts().size())
        return QStringLiteral("%1 vs %2 cohorts").arg(a.cohorts().size()).arg(b.cohorts().size());
    for (int i = 0; i < a.cohorts().size(); ++i) {
        const CohortFigures &x = a.cohorts()[i], &y = b.cohorts()[i];
        if (!(x == y))
            return QStringLiteral("cohort %1: issued %2/%3 serving %4/%5 waiting %6/%7 state %8/%9 "
                                  "rate %10/%11")
                .arg(x.id)
                .arg(x.issued)
                .arg(y.issued)
                .arg(x.serving)
                .arg(y.serving)
                .arg(x.waiting)
                .arg(y.waiting)
                .arg(x.state, y.state)
                .arg(x.rateCeiling)
                .arg(y.rateCeiling);
    }
    if (a.clinics().size() != b.clinics().size())
        return QStringLiteral("%1 vs %2 clinics").arg(a.clinics().size()).arg(b.clinics().size());
    for (auto it = a.clinics().begin(); it != a.clinics().end(); ++it) {
        const auto other = b.clinics().constFind(it.key());
        if (other == b.clinics().cend()) return QStringLiteral("clinic %1 missing").arg(it.key());
        if (!(*other == *it))
            return QStringLiteral("clinic %1: today %2/%3 window %4/%5")
                .arg(it.key())
                .arg(it->remainingToday)
                .arg(other->remainingToday)
                .arg(it->remainingWindow)
                .arg(other->remainingWindow);
    }
    if (a.notices() != b.notices())
        return QStringLiteral("%1 vs %2 active notices (or different contents)")
            .arg(a.notices().size())
            .arg(b.notices().size());
    if (a.approvals() != b.approvals()) return QStringLiteral("pending approvals differ");
    if (!(a.errors() == b.errors())) return QStringLiteral("error counters differ");
    if (a.latency() != b.latency()) return QStringLiteral("latency differs");
    if (a.headline().dosesLeft != b.headline().dosesLeft)
        return QStringLiteral("doses left %1 vs %2")
            .arg(a.headline().dosesLeft)
            .arg(b.headline().dosesLeft);
    return {};
}

} // namespace sluice::console::testing
