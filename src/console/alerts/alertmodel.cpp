// The alert list model (see alertmodel.h).
#include "console/alerts/alertmodel.h"

#include "console/alerts/alerttext.h"
#include "console/model/cohorttablemodel.h"
#include "console/model/eventlogmodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace sluice::console {

AlertListModel::AlertListModel(QObject* parent) : QAbstractTableModel(parent) {}

int AlertListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}
int AlertListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

const Alert* AlertListModel::alert(int row) const {
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int AlertListModel::rowOf(const QString& key) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).key == key) return i;
    return -1;
}

QString AlertListModel::ackText(const Alert& a) const {
    switch (a.ack) {
    case Alert::Ack::None:
        return tr("not acknowledged");
    case Alert::Ack::Pending:
        return tr("acknowledging…");
    case Alert::Ack::Server:
        return a.ackNote.isEmpty()
                   ? tr("%1 at %2").arg(a.ackBy, formatLocalTime(a.ackAtMs))
                   : tr("%1 at %2: %3").arg(a.ackBy, formatLocalTime(a.ackAtMs), a.ackNote);
    case Alert::Ack::Local:
        return tr("%1 at %2 (this console only)").arg(a.ackBy, formatLocalTime(a.ackAtMs));
    }
    return {};
}

QVariant AlertListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Alert& a = m_rows.at(index.row());
    const bool critical = a.severity == AlertSeverity::Critical;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Severity:
            return alertSeverityText(a.severity);
        case Since: {
            const double s = double(qMax<qint64>(0, m_nowMs - a.startedMs)) / 1000.0;
            return tr("%1 (%2)").arg(formatLocalTime(a.startedMs), formatDuration(s));
        }
        case Concerns:
            return alertSubjectText(a.rule, a.subject, m_label);
        case Text:
            return alertText(a, m_label);
        case Acknowledged:
            return ackText(a);
        }
    } else if (role == KeyRole) {
        return a.key;
    } else if (role == SeverityRole) {
        return critical ? QStringLiteral("critical") : QStringLiteral("warning");
    } else if (role == AcknowledgedRole) {
        return a.acknowledged();
    } else if (role == Qt::BackgroundRole) {
        if (a.acknowledged()) return QBrush(QColor(238, 238, 238));
        return QBrush(critical ? QColor(255, 190, 190) : QColor(255, 230, 160));
    } else if (role == Qt::ForegroundRole) {
        return QBrush(a.acknowledged() ? QColor(70, 70, 70) : QColor(20, 20, 20));
    } else if (role == Qt::FontRole && !a.acknowledged() && index.column() != Acknowledged) {
        QFont f;
        f.setBold(critical);
        return f;
    }
    return {};
}

QVariant AlertListModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Severity:
        return tr("Severity");
    case Since:
        return tr("Since");
    case Concerns:
        return tr("Concerns");
    case Text:
        return tr("Alert");
    case Acknowledged:
        return tr("Acknowledged");
    }
    return {};
}

void AlertListModel::setAlerts(const QList<Alert>& alerts, qint64 nowMs) {
    m_nowMs = nowMs;
    bool sameKeys = alerts.size() == m_rows.size();
    for (int i = 0; sameKeys && i < alerts.size(); ++i)
        sameKeys = alerts.at(i).key == m_rows.at(i).key;
    if (!sameKeys) {
        beginResetModel();
        m_rows = alerts;
        endResetModel();
        return;
    }
    m_rows = alerts;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void AlertListModel::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

} // namespace sluice::console
