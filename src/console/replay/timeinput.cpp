// Typed times for the replay timeline (see timeinput.h).
#include "console/replay/timeinput.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTime>

namespace sluice::console::replay {

std::optional<qint64> parseTimeInput(const QString& input, qint64 startMs, qint64 /*endMs*/) {
    const QString text = input.trimmed();
    if (text.isEmpty()) return std::nullopt;
    if (text.startsWith(QLatin1Char('+'))) {
        const QString rest = text.mid(1);
        static const QRegularExpression secs(QStringLiteral("^(\\d+(?:\\.\\d+)?)s$"));
        if (const auto m = secs.match(rest); m.hasMatch())
            return startMs + qint64(m.captured(1).toDouble() * 1000);
        const QStringList parts = rest.split(QLatin1Char(':'));
        if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
        double total = 0;
        for (const QString& p : parts) {
            bool ok = false;
            const double v = p.toDouble(&ok);
            if (!ok || v < 0) return std::nullopt;
            total = total * 60 + v;
        }
        return startMs + qint64(total * 1000);
    }
    for (const char* f : {"HH:mm:ss.zzz", "HH:mm:ss", "HH:mm", "H:mm:ss", "H:mm"}) {
        const QTime t = QTime::fromString(text, QLatin1String(f));
        if (!t.isValid()) continue;
        const QDateTime start = QDateTime::fromMSecsSinceEpoch(startMs);
        QDateTime at(start.date(), t);
        if (at.toMSecsSinceEpoch() < startMs - 999) at = at.addDays(1);
        return at.toMSecsSinceEpoch();
    }
    for (const char* f : {"yyyy-MM-dd HH:mm:ss.zzz", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"}) {
        const QDateTime at = QDateTime::fromString(text, QLatin1String(f));
        if (at.isValid()) return at.toMSecsSinceEpoch();
    }
    QDateTime iso = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!iso.isValid()) iso = QDateTime::fromString(text, Qt::ISODate);
    if (iso.isValid()) return iso.toMSecsSinceEpoch();
    return std::nullopt;
}

} // namespace sluice::console::replay
