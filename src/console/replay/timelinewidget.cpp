// The replay timeline (see timelinewidget.h).
#include "console/replay/timelinewidget.h"

#include "console/model/eventlogmodel.h"
#include "console/replay/replaysource.h"
#include "console/replay/timeinput.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

namespace sluice::console::replay {

namespace {
constexpr double kSpeeds[] = {0.5, 1, 2, 5, 10, 30, 60};
QColor markerColour(Marker::Category c) {
    switch (c) {
    case Marker::Category::Alert:
        return QColor(200, 30, 30);
    case Marker::Category::Link:
        return QColor(110, 110, 110);
    case Marker::Category::Action:
        break;
    }
    return QColor(30, 90, 200);
}
} // namespace

MarkerStrip::MarkerStrip(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setMinimumHeight(12);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void MarkerStrip::setSource(ReplaySource* source) {
    m_source = source;
    update();
}

int MarkerStrip::xOf(qint64 ms) const {
    if (!m_source || m_source->endMs() <= m_source->startMs()) return 0;
    const int margin = 8; // roughly the slider handle's half width
    const double f =
        double(ms - m_source->startMs()) / double(m_source->endMs() - m_source->startMs());
    return margin + int(f * (width() - 2 * margin));
}

void MarkerStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    if (!m_source) return;
    // One mark per moment (an action's command, answer and events together).
    for (const ReplaySource::Step& s : m_source->steps()) {
        const int x = xOf(s.firstMs);
        p.fillRect(QRect(x - 1, 1, qMax(3, xOf(s.lastMs) - x + 2), height() - 2),
                   markerColour(s.category));
    }
}

int MarkerStrip::markerAt(int x) const {
    if (!m_source) return -1;
    int best = -1, bestDist = 5;
    const auto& ms = m_source->steps();
    for (int i = 0; i < ms.size(); ++i) {
        const int d = qAbs(xOf(ms[i].firstMs) - x);
        if (d < bestDist) {
            bestDist = d;
            best = i;
        }
    }
    return best;
}

bool MarkerStrip::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip && m_source) {
        auto* he = static_cast<QHelpEvent*>(e);
        const int i = markerAt(he->pos().x());
        if (i >= 0) {
            const ReplaySource::Step& m = m_source->steps().at(i);
            QToolTip::showText(he->globalPos(),
                               formatLocalTime(m.firstMs, true) + QStringLiteral("  ") +
                                   m.texts.join(QStringLiteral("\n")),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(e);
}

void MarkerStrip::mousePressEvent(QMouseEvent* e) {
    const int i = markerAt(int(e->position().x()));
    if (i >= 0 && m_source) emit markerClicked(m_source->steps().at(i).lastMs);
}

TimelineWidget::TimelineWidget(ReplaySource* source, QWidget* parent)
    : QWidget(parent), m_source(source) {
    setObjectName(QStringLiteral("replayTimeline"));
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(4, 2, 4, 2);
    v->setSpacing(2);
    auto* row = new QHBoxLayout;
    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("replayBadge"));
    m_badge->setAutoFillBackground(true);
    m_badge->setMargin(3);
    QPalette bp = m_badge->palette();
    bp.setColor(QPalette::Window, QColor(170, 20, 20));
    bp.setColor(QPalette::WindowText, Qt::white);
    m_badge->setPalette(bp);
    // Large, red, and not only "재생" (which also reads as "play"): "재생 / REPLAY".
    QFont bf = m_badge->font();
    bf.setBold(true);
    bf.setPointSizeF(bf.pointSizeF() * 1.7);
    m_badge->setFont(bf);
    m_badge->setMargin(6);
    m_time = new QLabel(this);
    m_time->setObjectName(QStringLiteral("replayTime"));
    QFont tf = m_time->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.4);
    m_time->setFont(tf);
    m_prev = new QToolButton(this);
    m_prev->setIcon(style()->standardIcon(QStyle::SP_MediaSkipBackward));
    m_play = new QToolButton(this);
    m_play->setObjectName(QStringLiteral("replayPlay"));
    m_next = new QToolButton(this);
    m_next->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    m_speedLabel = new QLabel(this);
    m_speed = new QComboBox(this);
    m_speed->setObjectName(QStringLiteral("replaySpeed"));
    for (double s : kSpeeds)
        m_speed->addItem(QStringLiteral("%1×").arg(s), s);
    m_speed->setCurrentIndex(1);
    m_goTo = new QLineEdit(this);
    m_goTo->setObjectName(QStringLiteral("replayGoTo"));
    m_goTo->setMaximumWidth(190);
    m_goTo->setClearButtonEnabled(true);
    row->addWidget(m_badge);
    row->addWidget(m_time);
    row->addSpacing(12);
    row->addWidget(m_prev);
    row->addWidget(m_play);
    row->addWidget(m_next);
    row->addWidget(m_speedLabel);
    row->addWidget(m_speed);
    row->addStretch(1);
    row->addWidget(m_goTo);
    v->addLayout(row);
    m_markers = new MarkerStrip(this);
    m_markers->setSource(source);
    v->addWidget(m_markers);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("replaySlider"));
    m_slider->setRange(0, kSliderSteps);
    m_slider->setPageStep(kSliderSteps / 100);
    v->addWidget(m_slider);

    m_seekTimer.setSingleShot(true);
    m_seekTimer.setInterval(40);
    connect(&m_seekTimer, &QTimer::timeout, this, &TimelineWidget::seekFromSlider);
    connect(m_slider, &QSlider::valueChanged, this, [this] {
        if (!m_seekTimer.isActive()) m_seekTimer.start();
    });
    connect(m_slider, &QSlider::sliderReleased, this, &TimelineWidget::seekFromSlider);
    connect(m_goTo, &QLineEdit::returnPressed, this, &TimelineWidget::seekTyped);
    connect(m_markers, &MarkerStrip::markerClicked, this, [this](qint64 ms) {
        if (m_source) m_source->seek(ms);
    });
    // Space plays or pauses, Alt+Left/Right step one action back or forward.
    auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this);
    auto* back = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Left), this);
    auto* forward = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Right), this);
    for (QShortcut* sc : {space, back, forward})
        sc->setContext(Qt::WindowShortcut);
    connect(space, &QShortcut::activated, m_play, &QToolButton::click);
    connect(back, &QShortcut::activated, m_prev, &QToolButton::click);
    connect(forward, &QShortcut::activated, m_next, &QToolButton::click);
    if (source) {
        connect(m_play, &QToolButton::clicked, source, &ReplaySource::togglePlay);
        connect(m_prev, &QToolButton::clicked, source, &ReplaySource::stepToPreviousMarker);
        connect(m_next, &QToolButton::clicked, source, &ReplaySource::stepToNextMarker);
        connect(m_speed, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this](int i) {
            if (m_source) m_source->setSpeed(m_speed->itemData(i).toDouble());
        });
        connect(source, &ReplaySource::positionChanged, this, &TimelineWidget::onPosition);
        connect(source, &ReplaySource::playingChanged, this, [this] { retranslate(); });
        connect(source, &DataSource::stateChanged, this, [this] {
            m_markers->update();
            onPosition(m_source ? m_source->position() : 0);
        });
    }
    retranslate();
    onPosition(source ? source->position() : 0);
}

QString TimelineWidget::timeText() const {
    return m_time->text();
}

void TimelineWidget::retranslate() {
    m_badge->setText(tr("REPLAY"));
    m_speedLabel->setText(tr("Speed"));
    m_goTo->setPlaceholderText(tr("Go to time (20:15:30, +5:00)"));
    m_prev->setToolTip(tr("Previous event (Alt+Left)"));
    m_next->setToolTip(tr("Next event (Alt+Right)"));
    const bool playing = m_source && m_source->isPlaying();
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setToolTip(playing ? tr("Pause") : tr("Play"));
    m_markers->setToolTip(QString());
    m_slider->setToolTip(tr("Recording time: drag to seek. Markers: blue operator actions, red "
                            "alerts, grey connection changes."));
    onPosition(m_source ? m_source->position() : 0);
}

void TimelineWidget::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

qint64 TimelineWidget::sliderToMs(int v) const {
    if (!m_source) return 0;
    return m_source->startMs() +
           qint64(double(m_source->endMs() - m_source->startMs()) * v / kSliderSteps);
}

int TimelineWidget::msToSlider(qint64 ms) const {
    if (!m_source || m_source->endMs() <= m_source->startMs()) return 0;
    return int(double(ms - m_source->startMs()) * kSliderSteps /
               double(m_source->endMs() - m_source->startMs()));
}

void TimelineWidget::onPosition(qint64 ms) {
    if (!m_source || !m_source->isOpen()) {
        m_time->setText(tr("no recording open"));
        return;
    }
    m_time->setText(
        tr("%1 (%2 of %3)")
            .arg(formatLocalTime(ms, true),
                 QStringLiteral("%1:%2")
                     .arg((ms - m_source->startMs()) / 60'000)
                     .arg((ms - m_source->startMs()) / 1000 % 60, 2, 10, QLatin1Char('0')),
                 QStringLiteral("%1:%2")
                     .arg((m_source->endMs() - m_source->startMs()) / 60'000)
                     .arg((m_source->endMs() - m_source->startMs()) / 1000 % 60, 2, 10,
                          QLatin1Char('0'))));
    if (!m_slider->isSliderDown()) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(msToSlider(ms));
    }
}

void TimelineWidget::seekFromSlider() {
    m_seekTimer.stop();
    if (m_source) m_source->seek(sliderToMs(m_slider->value()));
}

void TimelineWidget::seekTyped() {
    if (!m_source) return;
    const auto t = parseTimeInput(m_goTo->text(), m_source->startMs(), m_source->endMs());
    if (!t) {
        m_goTo->setToolTip(tr("Not a time: %1").arg(m_goTo->text()));
        m_goTo->selectAll();
        return;
    }
    m_goTo->setToolTip(QString());
    m_source->seek(*t);
}

} // namespace sluice::console::replay
