// Threshold evaluation for the headline tiles: each metric turns amber or red at configurable
// levels. Defaults come from resources/console/thresholds.json; operators override them in the
// settings file. Pure logic, no widgets.
#pragma once
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace sluice::console {

enum class Level { Normal, Amber, Red };

struct ThresholdRule {
    double amber = 0;
    double red = 0;
    // true: a larger value is worse (error rate); false: a smaller value is worse (doses left).
    bool higherIsWorse = true;

    Level evaluate(double value) const;
};

class Thresholds {
public:
    // Parses {"metric": {"amber": x, "red": y, "higher_is_worse": true}, ...}. Entries with
    // missing or wrong-typed fields are skipped and named in `errors`.
    static Thresholds fromJson(const QJsonObject& o, QStringList* errors = nullptr);
    // The defaults compiled into the console's resources.
    static Thresholds defaults();

    void set(const QString& metric, const ThresholdRule& rule) { m_rules.insert(metric, rule); }
    // These rules with `overrides` replacing the metrics it names.
    Thresholds mergedWith(const Thresholds& overrides) const;
    bool has(const QString& metric) const { return m_rules.contains(metric); }
    ThresholdRule rule(const QString& metric) const { return m_rules.value(metric); }
    // Normal for metrics without a rule.
    Level evaluate(const QString& metric, double value) const;
    QJsonObject toJson() const;

private:
    QHash<QString, ThresholdRule> m_rules;
};

} // namespace sluice::console
