// Clinic stock table model and its filter proxy (see clinictablemodel.h).
#include "console/model/clinictablemodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>

namespace sluice::console {

ClinicTableModel::ClinicTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int ClinicTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ClinicTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClinicTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ClinicStock& c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return c.name.isEmpty() ? c.id : c.name;
        case Region:
            return c.region;
        case District:
            return c.district;
        case RemainingToday:
            return QLocale().toString(c.remainingToday);
        case RemainingWindow:
            return QLocale().toString(c.remainingWindow);
        case ReservedLastMinute:
            return QLocale().toString(c.reservedLastMinute);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Name:
            return c.name.isEmpty() ? c.id : c.name;
        case Region:
            return c.region;
        case District:
            return c.district;
        case RemainingToday:
            return c.remainingToday;
        case RemainingWindow:
            return c.remainingWindow;
        case ReservedLastMinute:
            return c.reservedLastMinute;
        }
        return {};
    case RegionRole:
        return c.region;
    case IdRole:
        return c.id;
    case SearchRole:
        return c.name + QLatin1Char('\n') + c.district + QLatin1Char('\n') + c.id;
    case LevelRole:
        return int(m_lowStock.evaluate(double(c.remainingWindow)));
    case Qt::TextAlignmentRole:
        if (index.column() >= RemainingToday) return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole: {
        const Level level = m_lowStock.evaluate(double(c.remainingWindow));
        if (level == Level::Red) return QBrush(QColor(255, 170, 170));
        if (level == Level::Amber) return QBrush(QColor(255, 226, 150));
        return {};
    }
    case Qt::ForegroundRole:
        if (m_stale) return QBrush(QColor(140, 140, 140));
        if (m_lowStock.evaluate(double(c.remainingWindow)) != Level::Normal)
            return QBrush(QColor(0, 0, 0));
        return {};
    case Qt::ToolTipRole:
        return tr("%1 (%2)\nDoses left today: %3, in the booking window: %4")
            .arg(c.name, c.id)
            .arg(c.remainingToday)
            .arg(c.remainingWindow);
    }
    return {};
}

QVariant ClinicTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Name:
        return tr("Clinic");
    case Region:
        return tr("Region");
    case District:
        return tr("District");
    case RemainingToday:
        return tr("Left today");
    case RemainingWindow:
        return tr("Left in window");
    case ReservedLastMinute:
        return tr("Booked/min");
    }
    return {};
}

void ClinicTableModel::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void ClinicTableModel::rebuildIndex() {
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowById.insert(m_rows.at(i).id, i);
}

void ClinicTableModel::emitRowsChanged(QList<int> rows) {
    if (rows.isEmpty()) return;
    std::sort(rows.begin(), rows.end());
    // One dataChanged per contiguous run of rows.
    int start = rows.first(), prev = rows.first();
    for (int i = 1; i <= rows.size(); ++i) {
        if (i < rows.size() && rows.at(i) == prev + 1) {
            prev = rows.at(i);
            continue;
        }
        emit dataChanged(index(start, 0), index(prev, ColumnCount - 1));
        if (i < rows.size()) start = prev = rows.at(i);
    }
}

void ClinicTableModel::setAll(const QList<ClinicStock>& clinics) {
    QHash<QString, const ClinicStock*> incoming;
    incoming.reserve(clinics.size());
    for (const auto& c : clinics)
        incoming.insert(c.id, &c);
    const int regionsBefore = int(m_regionCounts.size());

    // Remove clinics the snapshot no longer has, bottom-up in contiguous runs.
    QList<int> gone;
    for (int i = 0; i < m_rows.size(); ++i)
        if (!incoming.contains(m_rows.at(i).id)) gone.append(i);
    for (int i = int(gone.size()) - 1; i >= 0;) {
        int last = gone.at(i), first = last;
        while (i > 0 && gone.at(i - 1) == first - 1)
            first = gone.at(--i);
        --i;
        beginRemoveRows({}, first, last);
        for (int r = first; r <= last; ++r) {
            const QString& region = m_rows.at(r).region;
            if (--m_regionCounts[region] <= 0) m_regionCounts.remove(region);
        }
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    }
    if (!gone.isEmpty()) rebuildIndex();

    QList<int> changed;
    QList<ClinicStock> added;
    for (const auto& c : clinics) {
        const int row = m_rowById.value(c.id, -1);
        if (row < 0) {
            added.append(c);
        } else if (!(m_rows.at(row) == c)) {
            if (m_rows.at(row).region != c.region) {
                if (--m_regionCounts[m_rows.at(row).region] <= 0)
                    m_regionCounts.remove(m_rows.at(row).region);
                ++m_regionCounts[c.region];
            }
            m_rows[row] = c;
            changed.append(row);
        }
    }
    emitRowsChanged(changed);
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const auto& c : added) {
            m_rowById.insert(c.id, int(m_rows.size()));
            m_rows.append(c);
            ++m_regionCounts[c.region];
        }
        endInsertRows();
    }
    if (int(m_regionCounts.size()) != regionsBefore || !gone.isEmpty() || !added.isEmpty())
        emit regionsChanged();
}

void ClinicTableModel::applyChanges(const QList<ClinicStock>& changes) {
    QList<int> changed;
    QList<ClinicStock> added;
    bool regions = false;
    for (const auto& c : changes) {
        const int row = m_rowById.value(c.id, -1);
        if (row < 0) {
            added.append(c);
            continue;
        }
        ClinicStock& mine = m_rows[row];
        if (mine == c) continue;
        if (mine.region != c.region) {
            if (--m_regionCounts[mine.region] <= 0) m_regionCounts.remove(mine.region);
            ++m_regionCounts[c.region];
            regions = true;
        }
        mine = c;
        changed.append(row);
    }
    emitRowsChanged(changed);
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const auto& c : added) {
            m_rowById.insert(c.id, int(m_rows.size()));
            m_rows.append(c);
            ++m_regionCounts[c.region];
        }
        endInsertRows();
        regions = true;
    }
    if (regions) emit regionsChanged();
}

void ClinicTableModel::setStale(bool stale) {
    if (stale == m_stale) return;
    m_stale = stale;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1),
                         {Qt::ForegroundRole});
}

void ClinicTableModel::setLowStockRule(const ThresholdRule& rule) {
    m_lowStock = rule;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

QStringList ClinicTableModel::regions() const {
    QStringList out = m_regionCounts.keys();
    out.sort();
    return out;
}

ClinicFilterProxy::ClinicFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(ClinicTableModel::SortRole);
    setDynamicSortFilter(true);
    setSortLocaleAware(true);
}

void ClinicFilterProxy::setRegion(const QString& region) {
    if (region == m_region) return;
    m_region = region;
    invalidateFilter();
}

void ClinicFilterProxy::setSearchText(const QString& text) {
    const QString t = text.trimmed();
    if (t == m_search) return;
    m_search = t;
    invalidateFilter();
}

bool ClinicFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_region.isEmpty() && idx.data(ClinicTableModel::RegionRole).toString() != m_region)
        return false;
    if (!m_search.isEmpty() &&
        !idx.data(ClinicTableModel::SearchRole).toString().contains(m_search, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace sluice::console
