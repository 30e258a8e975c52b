// The replay timeline: a "REPLAY" badge and the recording's time always visible, play/pause,
// speed 0.5x to 60x, a slider over the whole recording with markers for operator actions,
// alerts and disconnections (hover for what happened), previous/next event, and a typed time.
// The slider maps recording time onto integer steps and is moved by playback with its signals
// blocked (PlotJuggler); dragging seeks through a coalescing timer.
#pragma once
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSlider;
class QToolButton;

namespace sluice::console::replay {

class ReplaySource;

// The strip of markers above the slider.
class MarkerStrip : public QWidget {
    Q_OBJECT
public:
    explicit MarkerStrip(QWidget* parent = nullptr);
    void setSource(ReplaySource* source);
    QSize sizeHint() const override { return {400, 12}; }

signals:
    void markerClicked(qint64 ms);

protected:
    void paintEvent(QPaintEvent* e) override;
    bool event(QEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;

private:
    int markerAt(int x) const;
    int xOf(qint64 ms) const;
    QPointer<ReplaySource> m_source;
};

class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSliderSteps = 100'000;

    explicit TimelineWidget(ReplaySource* source, QWidget* parent = nullptr);

    QString timeText() const;
    QLabel* timeLabel() const { return m_time; }
    QSlider* slider() const { return m_slider; }

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    void onPosition(qint64 ms);
    void seekFromSlider();
    void seekTyped();
    qint64 sliderToMs(int v) const;
    int msToSlider(qint64 ms) const;

    QPointer<ReplaySource> m_source;
    QLabel* m_badge;
    QLabel* m_time;
    QToolButton* m_play;
    QToolButton* m_prev;
    QToolButton* m_next;
    QComboBox* m_speed;
    QLabel* m_speedLabel;
    QLineEdit* m_goTo;
    QSlider* m_slider;
    MarkerStrip* m_markers;
    QTimer m_seekTimer;
};

} // namespace sluice::console::replay
