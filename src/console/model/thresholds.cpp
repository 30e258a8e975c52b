// Threshold evaluation (see thresholds.h).
#include "console/model/thresholds.h"

#include <QFile>
#include <QJsonDocument>

#include <cmath>

namespace sluice::console {

Level ThresholdRule::evaluate(double value) const {
    if (std::isnan(value)) return Level::Normal;
    if (higherIsWorse) {
        if (value >= red) return Level::Red;
        if (value >= amber) return Level::Amber;
    } else {
        if (value <= red) return Level::Red;
        if (value <= amber) return Level::Amber;
    }
    return Level::Normal;
}

Thresholds Thresholds::fromJson(const QJsonObject& o, QStringList* errors) {
    Thresholds t;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonObject r = it.value().toObject();
        if (!it.value().isObject() || !r.value("amber").isDouble() || !r.value("red").isDouble()) {
            if (errors) errors->append(it.key() + QStringLiteral(": expected {amber, red}"));
            continue;
        }
        ThresholdRule rule;
        rule.amber = r.value("amber").toDouble();
        rule.red = r.value("red").toDouble();
        rule.higherIsWorse = r.value("higher_is_worse").toBool(true);
        t.m_rules.insert(it.key(), rule);
    }
    return t;
}

Thresholds Thresholds::defaults() {
    QFile f(QStringLiteral(":/console/thresholds.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return fromJson(QJsonDocument::fromJson(f.readAll()).object());
}

Thresholds Thresholds::mergedWith(const Thresholds& overrides) const {
    Thresholds out = *this;
    for (auto it = overrides.m_rules.cbegin(); it != overrides.m_rules.cend(); ++it)
        out.m_rules.insert(it.key(), it.value());
    return out;
}

Level Thresholds::evaluate(const QString& metric, double value) const {
    const auto it = m_rules.constFind(metric);
    return it == m_rules.cend() ? Level::Normal : it->evaluate(value);
}

QJsonObject Thresholds::toJson() const {
    QJsonObject o;
    for (auto it = m_rules.cbegin(); it != m_rules.cend(); ++it)
        o.insert(it.key(), QJsonObject{{"amber", it->amber},
                                       {"red", it->red},
                                       {"higher_is_worse", it->higherIsWorse}});
    return o;
}

} // namespace sluice::console
