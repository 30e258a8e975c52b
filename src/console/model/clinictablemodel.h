// Every clinic's stock as a table. Updated in place from stock deltas (dataChanged on the
// changed rows only; rows inserted or removed in batches), never reset, so the view keeps its
// scroll position, sort and the operator's selection. Low stock is highlighted; stale data
// is greyed.
#pragma once
#include "console/model/frames.h"
#include "console/model/thresholds.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSortFilterProxyModel>

namespace sluice::console {

class ClinicTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name,
        Region,
        District,
        RemainingToday,
        RemainingWindow,
        ReservedLastMinute,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, RegionRole, IdRole, SearchRole, LevelRole };

    explicit ClinicTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    // A snapshot: existing rows updated in place, new clinics appended, absent ones removed.
    void setAll(const QList<ClinicStock>& clinics);
    // A tick's delta: only the listed clinics changed (unknown ones are appended).
    void applyChanges(const QList<ClinicStock>& changes);
    void setStale(bool stale);
    bool isStale() const { return m_stale; }
    // Low stock: remaining_window (what citizens can still book) at or below amber/red.
    void setLowStockRule(const ThresholdRule& rule);

    int rowOf(const QString& id) const { return m_rowById.value(id, -1); }
    const ClinicStock& clinic(int row) const { return m_rows.at(row); }
    QStringList regions() const;
    // Header texts after a language switch.
    void retranslate();

signals:
    void regionsChanged();

private:
    void emitRowsChanged(QList<int> rows);
    void rebuildIndex();

    QList<ClinicStock> m_rows;
    QHash<QString, int> m_rowById;
    QHash<QString, int> m_regionCounts;
    ThresholdRule m_lowStock{20, 0, false};
    bool m_stale = false;
};

// Sort and filter for the clinic table: by region (exact, empty = all) and search text (name,
// district, id; case-insensitive).
class ClinicFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ClinicFilterProxy(QObject* parent = nullptr);
    void setRegion(const QString& region);
    void setSearchText(const QString& text);
    QString region() const { return m_region; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_region, m_search;
};

} // namespace sluice::console
