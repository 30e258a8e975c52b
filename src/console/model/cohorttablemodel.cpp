// The cohorts panel's table model (see cohorttablemodel.h).
#include "console/model/cohorttablemodel.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace sluice::console {

QString cohortStateText(const QString& state) {
    if (state == QLatin1String("scheduled"))
        return QCoreApplication::translate("Cohort", "scheduled");
    if (state == QLatin1String("prequeue"))
        return QCoreApplication::translate("Cohort", "pre-queue");
    if (state == QLatin1String("open")) return QCoreApplication::translate("Cohort", "open");
    if (state == QLatin1String("paused")) return QCoreApplication::translate("Cohort", "paused");
    if (state == QLatin1String("closed")) return QCoreApplication::translate("Cohort", "closed");
    return state;
}

QString cohortStateLabel(const CohortFigures& c) {
    const QString state = cohortStateText(c.state);
    if (c.state == QLatin1String("paused") && c.pausedForIncident)
        return QCoreApplication::translate("Cohort", "%1 (incident)").arg(state);
    if (c.state == QLatin1String("closed") && c.closedReason == QLatin1String("sold_out"))
        return QCoreApplication::translate("Cohort", "%1 (sold out)").arg(state);
    return state;
}

QString modeText(const QString& mode) {
    if (mode == QLatin1String("manual")) return QCoreApplication::translate("Cohort", "manual");
    if (mode == QLatin1String("automatic"))
        return QCoreApplication::translate("Cohort", "automatic");
    return mode;
}

QString severityText(const QString& severity) {
    if (severity == QLatin1String("info")) return QCoreApplication::translate("Cohort", "info");
    if (severity == QLatin1String("warning"))
        return QCoreApplication::translate("Cohort", "warning");
    if (severity == QLatin1String("critical"))
        return QCoreApplication::translate("Cohort", "critical");
    return severity;
}

QString formatDuration(std::optional<double> seconds) {
    if (!seconds || std::isnan(*seconds) || *seconds < 0) return QStringLiteral("—");
    const qint64 s = qint64(std::llround(*seconds));
    if (s < 60) return QCoreApplication::translate("Cohort", "%1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("Cohort", "%1 min %2 s").arg(s / 60).arg(s % 60);
    return QCoreApplication::translate("Cohort", "%1 h %2 min")
        .arg(s / 3600)
        .arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

CohortTableModel::CohortTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int CohortTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}
int CohortTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CohortTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CohortFigures& c = m_rows.at(index.row());
    const QLocale l;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Cohort: {
            const QString label = m_korean ? c.labelKo : c.labelEn;
            return label.isEmpty() ? c.id : label;
        }
        case State:
            return cohortStateLabel(c);
        case Issued:
            return l.toString(c.issued);
        case Serving:
            return l.toString(c.serving);
        case Waiting:
            return l.toString(c.waiting);
        case RateCeiling:
            return l.toString(c.rateCeiling, 'f', 1);
        case ActualRate:
            return l.toString(c.actualRate, 'f', 1);
        case MaxActive:
            return l.toString(c.maxActive);
        case Active:
            return l.toString(c.active);
        case Mode:
            return modeText(c.mode);
        case EtaLast:
            return formatDuration(c.etaLastS);
        }
    } else if (role == IdRole) {
        return c.id;
    } else if (role == Qt::TextAlignmentRole) {
        if (index.column() >= Issued && index.column() != Mode)
            return int(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::ForegroundRole) {
        if (m_stale) return QBrush(QColor(140, 140, 140));
        if (index.column() == State && c.state == QLatin1String("paused"))
            return QBrush(QColor(180, 0, 0));
    } else if (role == Qt::ToolTipRole && index.column() == Cohort) {
        return QStringLiteral("%1 (%2–%3)").arg(c.id).arg(c.birthYearFrom()).arg(c.birthYearTo());
    }
    return {};
}

QVariant CohortTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Cohort:
        return tr("Cohort");
    case State:
        return tr("State");
    case Issued:
        return tr("Issued");
    case Serving:
        return tr("Serving");
    case Waiting:
        return tr("Waiting");
    case RateCeiling:
        return tr("Rate ceiling/s");
    case ActualRate:
        return tr("Admitted/s");
    case MaxActive:
        return tr("Max active");
    case Active:
        return tr("Active");
    case Mode:
        return tr("Mode");
    case EtaLast:
        return tr("ETA last");
    }
    return {};
}

void CohortTableModel::setCohorts(const QList<CohortFigures>& cohorts) {
    bool sameIds = cohorts.size() == m_rows.size();
    for (int i = 0; sameIds && i < cohorts.size(); ++i)
        sameIds = cohorts.at(i).id == m_rows.at(i).id;
    if (!sameIds) {
        // The cohort list itself changed (a new server): a handful of rows, a reset is fine.
        beginResetModel();
        m_rows = cohorts;
        endResetModel();
        return;
    }
    for (int i = 0; i < cohorts.size(); ++i) {
        if (cohorts.at(i) == m_rows.at(i)) continue;
        m_rows[i] = cohorts.at(i);
        emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
    }
}

void CohortTableModel::setStale(bool stale) {
    if (stale == m_stale) return;
    m_stale = stale;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void CohortTableModel::setKorean(bool korean) {
    m_korean = korean;
    retranslate();
}

void CohortTableModel::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

const CohortFigures* CohortTableModel::cohort(int row) const {
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int CohortTableModel::rowOf(const QString& id) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id) return i;
    return -1;
}

} // namespace sluice::console
