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

    // One crosshair across the charts: the time under the mouse in any chart (server time,
    // ms; -1: none). Its tooltip text names the time and each series' value there.
    void setCrosshair(qint64 ms);
    qint64 crosshairMs() const { return m_crosshairMs; }
    QString hoverText(ChartId id, qint64 ms) const;
    // A moment picked in the timeline: a vertical line on every chart for a few seconds.
    void highlightMoment(qint64 ms);
    qint64 highlightedMs() const { return m_highlightMs; }
    // Operator actions drawn as markers in the chart's current time range (tests).
    int visibleActionMarks(ChartId id) const;
    // Where the overlay is drawn and the time range it maps (scene coordinates).
    QRectF plotRect(ChartId id) const;
    bool timeRange(ChartId id, qint64* t0, qint64* t1) const;

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
    void updateOverlays();
    friend class MarkedChartView;

    ConsoleSession* m_session;
    QComboBox* m_window;
    QLabel* m_windowLabel;
    QChartView* m_views[ChartCount] = {};
    Chart m_charts[ChartCount];
    QTimer m_timer;
    QTimer m_highlightTimer;
    qint64 m_crosshairMs = -1;
    qint64 m_highlightMs = -1;
    int m_replaceCount = 0;
    int m_minIntervalMs = 500;
    bool m_stale = false;
};

} // namespace sluice::console
