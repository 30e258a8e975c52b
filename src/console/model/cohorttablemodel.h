// The cohorts panel's table: state, issued, serving, waiting, rate ceiling and actual rate,
// max active and active sessions, mode and the ETA of the last in line. Updated in place.
#pragma once
#include "console/model/frames.h"

#include <QAbstractTableModel>

namespace sluice::console {

class CohortTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Cohort,
        State,
        Issued,
        Serving,
        Waiting,
        RateCeiling,
        ActualRate,
        MaxActive,
        Active,
        Mode,
        EtaLast,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1 };

    explicit CohortTableModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void setCohorts(const QList<CohortFigures>& cohorts);
    void setStale(bool stale);
    void setKorean(bool korean);
    void retranslate();
    const CohortFigures* cohort(int row) const;
    int rowOf(const QString& id) const;

private:
    QList<CohortFigures> m_rows;
    bool m_stale = false;
    bool m_korean = true;
};

// Translated names of cohort states, modes and severities.
QString cohortStateText(const QString& state);
// The state with its reason: "paused (incident)", "closed (sold out)".
QString cohortStateLabel(const CohortFigures& c);
QString modeText(const QString& mode);
QString severityText(const QString& severity);
// "1 h 02 min", "45 s"; "—" when unknown.
QString formatDuration(std::optional<double> seconds);

} // namespace sluice::console
