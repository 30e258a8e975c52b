// Exports (see export.h).
#include "console/replay/export.h"

#include "console/model/metricstore.h"
#include "console/recording/recordingformat.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QFile>
#include <QPixmap>
#include <QSaveFile>
#include <QWidget>

namespace sluice::console::replay {

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString q = text;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

namespace {
bool writeFile(const QString& path, const QByteArray& data, QString* error) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        if (error) *error = f.errorString();
        return false;
    }
    return true;
}
} // namespace

bool exportSeriesCsv(const MetricStore& metrics, qint64 t0Ms, qint64 t1Ms, const QString& path,
                     QString* error) {
    QByteArray out = "metric,time,time_ms,value\r\n";
    for (const QString& key : metrics.keys()) {
        const MetricSeries* s = metrics.series(key);
        if (!s) continue;
        const auto& raw = s->raw();
        for (qsizetype i = 0; i < raw.size(); ++i) {
            const Sample& p = raw.at(i);
            if (p.tMs < t0Ms || p.tMs > t1Ms) continue;
            out += csvField(key).toUtf8() + ',' + recording::formatTimeUtc(p.tMs).toUtf8() + ',' +
                   QByteArray::number(p.tMs) + ',' + QByteArray::number(p.value, 'g', 12) + "\r\n";
        }
    }
    return writeFile(path, out, error);
}

bool exportTableCsv(const QAbstractItemModel& model, const QString& path, QString* error) {
    QByteArray out = "\xEF\xBB\xBF";
    QStringList header;
    for (int c = 0; c < model.columnCount(); ++c)
        header.append(csvField(model.headerData(c, Qt::Horizontal).toString()));
    out += header.join(QLatin1Char(',')).toUtf8() + "\r\n";
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < model.columnCount(); ++c) {
            // The event log gives full dates and the recorded times for exports.
            const QModelIndex i = model.index(r, c);
            const QVariant full = i.data(Qt::UserRole + 100);
            row.append(csvField(full.isValid() ? full.toString() : i.data().toString()));
        }
        out += row.join(QLatin1Char(',')).toUtf8() + "\r\n";
    }
    return writeFile(path, out, error);
}

bool exportWidgetPng(QWidget* widget, const QString& path, QString* error) {
    if (!widget) return false;
    const QPixmap pm = widget->grab();
    if (pm.isNull() || !pm.save(path, "PNG")) {
        if (error) *error = QCoreApplication::translate("Replay", "could not write the image");
        return false;
    }
    return true;
}

} // namespace sluice::console::replay
