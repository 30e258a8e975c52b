// Charts over a selectable window (5 min, 1 h, 24 h): queue depth per cohort, admission rate
// actual vs ceiling, error rates by kind, request latency p50/p99. Fed from the metric store's
// ring buffers: a coalesced single-shot refresh timer, decimation to about two points per
// pixel, one replace() per series per refresh, nothing for charts that are hidden or whose data
// did not change. OpenGL stays off (it crashes the offscreen platform on Qt 6.4).
#pragma once
#include <QHash>
#include <QTimer>
#include <QWidget>

#include <QtCharts/QChartView>

class QComboBox;
class QLabel;
QT_BEGIN_NAMESPACE
class QLineSeries;
class QDateTimeAxis;
class QValueAxis;
QT_END_NAMESPACE

namespace sluice::console {

class ConsoleSession;

class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    enum ChartId { QueueDepth, AdmissionRate, ErrorRates, Latency, ChartCount };
    explicit ChartsPanel(ConsoleSession* session, QWidget* parent = nullptr);

    // Window length in ms (5 min, 1 h, 24 h).
    qint64 windowMs() const;
    void setWindowIndex(int index);
    int windowIndex() const;
    // Starts the refresh timer unless it is already running (coalescing).
    void scheduleRefresh();
    // Refreshes the visible charts now.
    void refresh();
    // The refresh interval is at least this (default 500 ms) and grows with the window.
    void setMinRefreshIntervalMs(int ms) { m_minIntervalMs = qMax(1, ms); }
    int replaceCount() const { return m_replaceCount; }
    QChartView* chartView(ChartId id) const { return m_views[id]; }
    // Points currently shown by a series (tests).
    int pointCount(ChartId id, const QString& seriesKey) const;
    // Keys of the series a chart has now (tests: nothing of a previous source remains).
    QStringList seriesKeys(ChartId id) const;
    // Drops every series (a new source, a replay seek): the next refresh starts from the store.
    void clearSeries();

protected:
    void changeEvent(QEvent* e) override;
    void showEvent(QShowEvent* e) override;

private:
    struct SeriesSlot {
        QLineSeries* series = nullptr;
        quint64 version = ~quint64(0);
        qint64 t1 = -1, window = -1;
        int pixels = -1;
        double lo = 0, hi = 0;
    };
    struct Chart {
        QChart* chart = nullptr;
        QDateTimeAxis* x = nullptr;
        QValueAxis* y = nullptr;
        QHash<QString, SeriesSlot> seriesByKey; // metric key -> series
        QString prefix;                         // metrics shown: keys with this prefix
    };
    QLineSeries* ensureSeries(Chart& c, const QString& key);
    QString seriesName(const QString& key) const;
    QColor seriesColour(const QString& key) const;
    void retranslate();
    bool refreshChart(ChartId id, qint64 t1);

    ConsoleSession* m_session;
    QComboBox* m_window;
    QLabel* m_windowLabel;
    QChartView* m_views[ChartCount] = {};
    Chart m_charts[ChartCount];
    QTimer m_timer;
    int m_replaceCount = 0;
    int m_minIntervalMs = 500;
    bool m_stale = false;
};

} // namespace sluice::console
