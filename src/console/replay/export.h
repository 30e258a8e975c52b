// Exports from a replay (or a live session): the series of the charts' window as CSV, the
// event log (any table model) as CSV, and a widget (the charts) as PNG. Plain functions; the
// caller chooses the file and shows the outcome (no boxes here).
#pragma once
#include <QString>

class QAbstractItemModel;
class QWidget;

namespace sluice::console {
class MetricStore;
}

namespace sluice::console::replay {

// One row per sample: metric, time (RFC 3339 UTC), time_ms, value; samples in [t0Ms, t1Ms].
bool exportSeriesCsv(const MetricStore& metrics, qint64 t0Ms, qint64 t1Ms, const QString& path,
                     QString* error);
// The model's header and every row (display text), RFC 4180 quoting, UTF-8 with a BOM so
// spreadsheet programs read Korean correctly.
bool exportTableCsv(const QAbstractItemModel& model, const QString& path, QString* error);
bool exportWidgetPng(QWidget* widget, const QString& path, QString* error);
// RFC 4180 quoting of one field.
QString csvField(const QString& text);

} // namespace sluice::console::replay
