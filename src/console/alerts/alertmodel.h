// The alert list as a table model for the alerts panel: severity, since when (time of day and
// how long), what it concerns, the alert's text and who acknowledged it when. Most severe first.
// Text is rendered when shown, so it follows a language switch.
#pragma once
#include "console/alerts/alertengine.h"
#include "console/model/eventtext.h"

#include <QAbstractTableModel>

namespace sluice::console {

class AlertListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Severity, Since, Concerns, Text, Acknowledged, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 1, SeverityRole, AcknowledgedRole };

    explicit AlertListModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    // The engine's active alerts at `nowMs` (durations are computed against it).
    void setAlerts(const QList<Alert>& alerts, qint64 nowMs);
    const Alert* alert(int row) const;
    int rowOf(const QString& key) const;
    void setLabelLookup(LabelLookup lookup) { m_label = std::move(lookup); }
    QString ackText(const Alert& a) const;
    void retranslate();

private:
    QList<Alert> m_rows;
    qint64 m_nowMs = 0;
    LabelLookup m_label;
};

} // namespace sluice::console
