// Charts (see chartspanel.h).
#include "console/views/chartspanel.h"

#include "console/model/consolesession.h"
#include "console/model/eventtext.h"

#include <QComboBox>
#include <QCursor>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <cmath>

namespace sluice::console {

namespace {
constexpr qint64 kWindows[] = {5 * 60'000, 3600'000, 24 * 3600'000};
constexpr int kHighlightMs = 8000;
const QColor kActionColour(120, 40, 140); // purple: no series uses it
} // namespace

// A chart view that draws the overlay (operator actions, the shared crosshair, the moment
// picked in the timeline) in its foreground and reports the time under the mouse.
class MarkedChartView : public QChartView {
public:
    MarkedChartView(QChart* chart, ChartsPanel* panel, ChartsPanel::ChartId id)
        : QChartView(chart, panel), m_panel(panel), m_id(id) {
        setMouseTracking(true);
        viewport()->setMouseTracking(true);
    }

protected:
    void drawForeground(QPainter* p, const QRectF& rect) override {
        QChartView::drawForeground(p, rect);
        qint64 t0 = 0, t1 = 0;
        if (!m_panel->timeRange(m_id, &t0, &t1)) return;
        const QRectF plot = m_panel->plotRect(m_id);
        const auto xOf = [&](qint64 t) {
            return plot.left() + plot.width() * double(t - t0) / double(t1 - t0);
        };
        p->save();
        // Operator actions: a dotted line and a small triangle at the top of the plot.
        QPen dotted(kActionColour, 1, Qt::DotLine);
        for (const EventInfo& e : m_panel->m_session->actionMarks()) {
            if (e.timeMs < t0 || e.timeMs > t1) continue;
            const double x = xOf(e.timeMs);
            p->setPen(dotted);
            p->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            const QPointF tri[] = {{x - 4, plot.top()}, {x + 4, plot.top()}, {x, plot.top() + 6}};
            p->setPen(Qt::NoPen);
            p->setBrush(kActionColour);
            p->drawPolygon(tri, 3);
        }
        const qint64 h = m_panel->highlightedMs();
        if (h >= t0 && h <= t1) {
            p->setPen(QPen(QColor(230, 159, 0), 3));
            p->drawLine(QPointF(xOf(h), plot.top()), QPointF(xOf(h), plot.bottom()));
        }
        const qint64 c = m_panel->crosshairMs();
        if (c >= t0 && c <= t1) {
            p->setPen(QPen(QColor(90, 90, 90), 1));
            p->drawLine(QPointF(xOf(c), plot.top()), QPointF(xOf(c), plot.bottom()));
        }
        p->restore();
    }
    void mouseMoveEvent(QMouseEvent* e) override {
        QChartView::mouseMoveEvent(e);
        qint64 t0 = 0, t1 = 0;
        const QPointF at = mapToScene(e->position().toPoint());
        const QRectF plot = m_panel->plotRect(m_id);
        if (!m_panel->timeRange(m_id, &t0, &t1) || !plot.contains(at)) {
            m_panel->setCrosshair(-1);
            QToolTip::hideText();
            return;
        }
        const qint64 t = t0 + qint64(double(t1 - t0) * (at.x() - plot.left()) / plot.width());
        m_panel->setCrosshair(t);
        QToolTip::showText(e->globalPosition().toPoint(), m_panel->hoverText(m_id, t), this);
    }
    void leaveEvent(QEvent* e) override {
        QChartView::leaveEvent(e);
        m_panel->setCrosshair(-1);
    }

private:
    ChartsPanel* m_panel;
    ChartsPanel::ChartId m_id;
};

ChartsPanel::ChartsPanel(ConsoleSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    auto* bar = new QHBoxLayout;
    m_windowLabel = new QLabel(this);
    m_window = new QComboBox(this);
    m_window->setObjectName(QStringLiteral("chartWindow"));
    m_window->addItems({QString(), QString(), QString()});
    bar->addWidget(m_windowLabel);
    bar->addWidget(m_window);
    bar->addStretch(1);
    grid->addLayout(bar, 0, 0, 1, 2);
    const QString prefixes[ChartCount] = {QStringLiteral("queue:"), QStringLiteral("rate:"),
                                          QStringLiteral("errors:"), QStringLiteral("latency:")};
    for (int i = 0; i < ChartCount; ++i) {
        Chart& c = m_charts[i];
        c.prefix = prefixes[i];
        c.chart = new QChart();
        c.chart->setAnimationOptions(QChart::NoAnimation);
        c.chart->legend()->setAlignment(Qt::AlignBottom);
        QFont legendFont = c.chart->legend()->font();
        legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
        c.chart->legend()->setFont(legendFont);
        c.chart->setMargins(QMargins(4, 4, 4, 4));
        c.x = new QDateTimeAxis(c.chart);
        c.x->setTickCount(6);
        c.y = new QValueAxis(c.chart);
        c.y->setLabelFormat(QStringLiteral("%.0f"));
        c.y->setTickCount(5);
        c.x->setGridLineColor(QColor(225, 225, 225));
        c.y->setGridLineColor(QColor(225, 225, 225));
        c.chart->addAxis(c.x, Qt::AlignBottom);
        c.chart->addAxis(c.y, Qt::AlignLeft);
        m_views[i] = new MarkedChartView(c.chart, this, ChartId(i));
        m_views[i]->setObjectName(QStringLiteral("chart%1").arg(i));
        // Antialiasing costs more than it gives at 4 Hz with thousands of points.
        m_views[i]->setRenderHint(QPainter::Antialiasing, false);
        m_views[i]->setMinimumSize(240, 110);
        grid->addWidget(m_views[i], 1 + i / 2, i % 2);
    }
    m_charts[Latency].y->setLabelFormat(QStringLiteral("%.1f"));
    m_charts[ErrorRates].y->setLabelFormat(QStringLiteral("%.1f"));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ChartsPanel::refresh);
    m_highlightTimer.setSingleShot(true);
    connect(&m_highlightTimer, &QTimer::timeout, this, [this] {
        m_highlightMs = -1;
        updateOverlays();
    });
    connect(m_window, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
            [this] { refresh(); });
    connect(session, &ConsoleSession::updated, this, &ChartsPanel::scheduleRefresh);
    connect(session, &ConsoleSession::historyCleared, this, &ChartsPanel::clearSeries);
    connect(session, &ConsoleSession::staleChanged, this, [this](bool stale) {
        m_stale = stale;
        retranslate();
    });
    retranslate();
}

qint64 ChartsPanel::windowMs() const {
    return kWindows[qBound(0, m_window->currentIndex(), 2)];
}
void ChartsPanel::setWindowIndex(int index) {
    m_window->setCurrentIndex(qBound(0, index, 2));
}
int ChartsPanel::windowIndex() const {
    return m_window->currentIndex();
}

void ChartsPanel::retranslate() {
    m_windowLabel->setText(tr("Window"));
    m_window->setItemText(0, tr("5 min"));
    m_window->setItemText(1, tr("1 h"));
    m_window->setItemText(2, tr("24 h"));
    const QString titles[ChartCount] = {tr("Queue depth per cohort"), tr("Admission rate (per s)"),
                                        tr("Errors by kind (per s)"),
                                        tr("Request latency, slowest route (ms)")};
    for (int i = 0; i < ChartCount; ++i) {
        m_charts[i].chart->setTitle(m_stale ? tr("%1 — stale").arg(titles[i]) : titles[i]);
        m_charts[i].chart->setTitleBrush(m_stale ? QBrush(QColor(140, 140, 140))
                                                 : QBrush(QColor(20, 20, 20)));
        for (auto it = m_charts[i].seriesByKey.begin(); it != m_charts[i].seriesByKey.end(); ++it)
            it->series->setName(seriesName(it.key()));
    }
}

void ChartsPanel::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

void ChartsPanel::showEvent(QShowEvent* e) {
    QWidget::showEvent(e);
    scheduleRefresh();
}

QString ChartsPanel::seriesName(const QString& key) const {
    if (key.startsWith(QLatin1String("queue:"))) {
        const QString id = key.mid(6);
        for (const auto& c : m_session->state().cohorts())
            if (c.id == id) {
                const bool ko = QLocale().language() == QLocale::Korean;
                const QString label = ko ? c.labelKo : c.labelEn;
                return label.isEmpty() ? id : label;
            }
        return id;
    }
    if (key == QLatin1String("rate:actual")) return tr("admitted");
    if (key == QLatin1String("rate:ceiling")) return tr("ceiling");
    // Short: seven names share one legend line at 1366 px (the title says "errors per second").
    if (key == QLatin1String("errors:4xx")) return tr("4xx");
    if (key == QLatin1String("errors:5xx")) return tr("5xx");
    if (key == QLatin1String("errors:bypass")) return tr("bypass");
    if (key == QLatin1String("errors:identity")) return tr("identity");
    if (key == QLatin1String("errors:conflicts")) return tr("conflicts");
    if (key == QLatin1String("errors:sold_out")) return tr("sold out");
    if (key == QLatin1String("errors:overload")) return tr("overload");
    if (key == QLatin1String("latency:p50")) return tr("p50");
    if (key == QLatin1String("latency:p99")) return tr("p99");
    return key;
}

QColor ChartsPanel::seriesColour(const QString& key) const {
    // Okabe–Ito: distinct for the common forms of colour blindness; yellow darkened for white.
    static const QColor palette[] = {
        QColor(0, 114, 178),   QColor(230, 159, 0),  QColor(0, 158, 115), QColor(213, 94, 0),
        QColor(204, 121, 167), QColor(86, 180, 233), QColor(160, 140, 0), QColor(0, 0, 0)};
    static const struct {
        const char* key;
        int colour;
    } fixed[] = {{"rate:actual", 0},     {"errors:5xx", 3},      {"errors:overload", 0},
                 {"errors:bypass", 4},   {"errors:identity", 6}, {"errors:conflicts", 2},
                 {"errors:sold_out", 1}, {"latency:p50", 2},     {"latency:p99", 3}};
    for (const auto& f : fixed)
        if (key == QLatin1String(f.key)) return palette[f.colour];
    if (key == QLatin1String("rate:ceiling")) return QColor(90, 90, 90);
    if (key == QLatin1String("errors:4xx")) return QColor(150, 150, 150);
    // Cohorts: in the order they appear.
    int i = 0;
    for (const auto& c : m_session->state().cohorts()) {
        if (QLatin1String("queue:") + c.id == key) return palette[i % 8];
        ++i;
    }
    return palette[qHash(key) % 8];
}

QLineSeries* ChartsPanel::ensureSeries(Chart& c, const QString& key) {
    auto it = c.seriesByKey.find(key);
    if (it != c.seriesByKey.end()) return it->series;
    auto* s = new QLineSeries(c.chart);
    s->setUseOpenGL(false);
    s->setName(seriesName(key));
    c.chart->addSeries(s);
    s->attachAxis(c.x);
    s->attachAxis(c.y);
    QPen pen(seriesColour(key));
    pen.setWidthF(key == QLatin1String("errors:4xx") ? 1.0 : 2.0);
    if (key == QLatin1String("rate:ceiling")) {
        // The configured ceiling: a thin dashed line, never the most eye-catching thing.
        pen.setWidthF(1.0);
        pen.setStyle(Qt::DashLine);
    }
    s->setPen(pen);
    c.seriesByKey.insert(key, SeriesSlot{s});
    return s;
}

void ChartsPanel::clearSeries() {
    for (Chart& c : m_charts) {
        for (auto it = c.seriesByKey.begin(); it != c.seriesByKey.end(); ++it) {
            c.chart->removeSeries(it->series);
            delete it->series;
        }
        c.seriesByKey.clear();
    }
    m_crosshairMs = -1;
    m_highlightMs = -1;
    m_highlightTimer.stop();
}

void ChartsPanel::updateOverlays() {
    for (QChartView* v : m_views)
        v->viewport()->update();
}

void ChartsPanel::setCrosshair(qint64 ms) {
    if (ms == m_crosshairMs) return;
    m_crosshairMs = ms;
    updateOverlays();
}

void ChartsPanel::highlightMoment(qint64 ms) {
    m_highlightMs = ms;
    m_highlightTimer.start(kHighlightMs);
    updateOverlays();
}

QRectF ChartsPanel::plotRect(ChartId id) const {
    const QChart* c = m_charts[id].chart;
    return c->mapToScene(c->plotArea()).boundingRect();
}

bool ChartsPanel::timeRange(ChartId id, qint64* t0, qint64* t1) const {
    const QDateTimeAxis* x = m_charts[id].x;
    *t0 = x->min().toMSecsSinceEpoch();
    *t1 = x->max().toMSecsSinceEpoch();
    return *t1 > *t0 && plotRect(id).width() > 1;
}

int ChartsPanel::visibleActionMarks(ChartId id) const {
    qint64 t0 = 0, t1 = 0;
    if (!timeRange(id, &t0, &t1)) return 0;
    int n = 0;
    for (const EventInfo& e : m_session->actionMarks())
        n += e.timeMs >= t0 && e.timeMs <= t1;
    return n;
}

QString ChartsPanel::hoverText(ChartId id, qint64 ms) const {
    QStringList lines{QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"))};
    const Chart& c = m_charts[id];
    QStringList keys = c.seriesByKey.keys();
    keys.sort();
    for (const QString& key : keys) {
        const QLineSeries* s = c.seriesByKey.value(key).series;
        const QList<QPointF> pts = s->points();
        // The last point at or before the time (the points are in time order).
        auto it = std::upper_bound(pts.cbegin(), pts.cend(), double(ms),
                                   [](double t, const QPointF& p) { return t < p.x(); });
        if (it == pts.cbegin()) continue;
        const double v = std::prev(it)->y();
        lines.append(QStringLiteral("%1: %2").arg(s->name(), formatNumber(v, v < 10 ? 2 : 0)));
    }
    // Operator actions within 2 % of the window of the time.
    qint64 t0 = 0, t1 = 0;
    if (timeRange(id, &t0, &t1)) {
        const qint64 near = (t1 - t0) / 50;
        const auto label = [this](const QString& cohort) { return m_session->cohortLabel(cohort); };
        for (const EventInfo& e : m_session->actionMarks())
            if (qAbs(e.timeMs - ms) <= near)
                lines.append(QStringLiteral("▼ %1 %2").arg(
                    QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("HH:mm:ss")),
                    renderEvent(e.kind, e.data, e.operatorName, e.message, label)));
    }
    return lines.join(QLatin1Char('\n'));
}

QStringList ChartsPanel::seriesKeys(ChartId id) const {
    return m_charts[id].seriesByKey.keys();
}

void ChartsPanel::scheduleRefresh() {
    if (m_timer.isActive()) return;
    // No point redrawing faster than one pixel's worth of time: a 1 h window over ~500 px
    // moves a pixel every 7 s. Between the minimum interval and 2 s.
    const int pixels = qMax(100, int(m_charts[QueueDepth].chart->plotArea().width()));
    const int perPixelMs = int(windowMs() / pixels);
    m_timer.start(qBound(m_minIntervalMs, perPixelMs, qMax(m_minIntervalMs, 2000)));
}

void ChartsPanel::refresh() {
    m_timer.stop();
    const qint64 t1 = m_session->metrics().latestTimeMs();
    if (t1 <= 0) return;
    for (int i = 0; i < ChartCount; ++i)
        refreshChart(ChartId(i), t1);
}

bool ChartsPanel::refreshChart(ChartId id, qint64 t1) {
    QChartView* view = m_views[id];
    // Hidden charts cost almost full price in Qt Charts: skip them entirely.
    // The view's own visible region is covered by its viewport child; ask the viewport.
    if (!view->isVisible() || view->window()->isMinimized() ||
        view->viewport()->visibleRegion().isEmpty())
        return false;
    Chart& c = m_charts[id];
    const qint64 window = windowMs();
    const qint64 t0 = t1 - window;
    const int pixels = qMax(50, int(c.chart->plotArea().width()));
    double lo = 0, hi = 1;
    bool changed = false;
    for (const QString& key : m_session->metrics().keys(c.prefix)) {
        const MetricSeries* ms = m_session->metrics().series(key);
        QLineSeries* s = ensureSeries(c, key);
        SeriesSlot& slot = c.seriesByKey[key];
        if (slot.version != ms->version() || slot.t1 != t1 || slot.window != window ||
            slot.pixels != pixels) {
            const QList<QPointF> points = ms->window(t0, t1, pixels);
            s->replace(points);
            slot.lo = slot.hi = points.isEmpty() ? 0 : points.first().y();
            for (const QPointF& p : points) {
                slot.lo = qMin(slot.lo, p.y());
                slot.hi = qMax(slot.hi, p.y());
            }
            ++m_replaceCount;
            slot.version = ms->version();
            slot.t1 = t1;
            slot.window = window;
            slot.pixels = pixels;
            changed = true;
        }
        lo = qMin(lo, slot.lo);
        hi = qMax(hi, slot.hi);
    }
    if (!changed) return false;
    // Time ticks on round minutes (round hours for 24 h): the axis spans whole tick intervals
    // around the window.
    const qint64 tickMs = window <= 5 * 60'000 ? 60'000
                          : window <= 3600'000 ? 10 * 60'000
                                               : 4 * 3600'000;
    const qint64 offset = QDateTime::fromMSecsSinceEpoch(t1).offsetFromUtc() * 1000LL;
    const qint64 a0 = (t0 + offset) / tickMs * tickMs - offset;
    const qint64 a1 = ((t1 + offset + tickMs - 1) / tickMs) * tickMs - offset;
    c.x->setRange(QDateTime::fromMSecsSinceEpoch(a0), QDateTime::fromMSecsSinceEpoch(a1));
    c.x->setTickCount(int(qBound(qint64(2), (a1 - a0) / tickMs + 1, qint64(13))));
    c.x->setFormat(tickMs >= 3600'000 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm"));
    // Round tick values (1, 2, 5 × 10^n) from zero, with headroom; integers for counts.
    const double top = qMax(hi * 1.05, lo + 1e-9);
    const double raw = top / 4;
    const double mag = std::pow(10.0, std::floor(std::log10(qMax(1e-9, raw))));
    double step = mag;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    if (id == QueueDepth || id == AdmissionRate) step = qMax(1.0, std::ceil(step));
    c.y->setRange(qMin(0.0, lo), step * 4);
    c.y->setTickCount(5);
    c.y->setLabelFormat(step >= 1 && std::floor(step) == step ? QStringLiteral("%.0f")
                                                              : QStringLiteral("%.1f"));
    return true;
}

int ChartsPanel::pointCount(ChartId id, const QString& seriesKey) const {
    const auto it = m_charts[id].seriesByKey.constFind(seriesKey);
    return it == m_charts[id].seriesByKey.cend() ? -1 : int(it->series->count());
}

} // namespace sluice::console
