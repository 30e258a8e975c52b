// The replay data source (see replaysource.h).
#include "console/replay/replaysource.h"

#include "console/recording/recordingformat.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMetaEnum>

#include <memory>

namespace sluice::console::replay {

using namespace sluice::console::recording;

namespace {
ReplayClock::Now defaultWallClock() {
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return timer->elapsed(); };
}
} // namespace

ReplaySource::ReplaySource(const QString& path, QObject* parent)
    : DataSource(parent), m_path(path), m_clock(defaultWallClock()) {
    m_timer.setInterval(50);
    connect(&m_timer, &QTimer::timeout, this, &ReplaySource::advance);
    m_primeTimer.setSingleShot(true);
    m_primeTimer.setInterval(300);
    connect(&m_primeTimer, &QTimer::timeout, this, [this] {
        if (m_reader.isOpen() && m_primeMs > 0) rebuildAt(m_position, m_primeMs);
    });
}

ReplaySource::~ReplaySource() = default;

void ReplaySource::setWallClock(ReplayClock::Now now) {
    const qint64 pos = m_clock.position();
    const double speed = m_clock.speed();
    const qint64 start = m_clock.startMs(), end = m_clock.endMs();
    m_clock = ReplayClock(std::move(now));
    m_clock.setRange(start, end);
    m_clock.setSpeed(speed);
    m_clock.seek(pos);
}

QString ReplaySource::description() const {
    return QCoreApplication::translate("Replay", "Recording %1").arg(QFileInfo(m_path).fileName());
}

void ReplaySource::setState(State s) {
    if (s == m_state) return;
    m_state = s;
    emit stateChanged(s);
}

void ReplaySource::open() {
    if (m_reader.isOpen()) return;
    if (!m_reader.open(m_path)) {
        m_error = m_reader.errorString();
        setState(State::Disconnected);
        emit statusMessage(m_error);
        return;
    }
    m_error.clear();
    m_clock.setRange(m_reader.startMs(), m_reader.endMs());
    setState(State::Connected);
    seek(firstSnapshotMs());
}

void ReplaySource::close() {
    pause();
    m_primeTimer.stop();
    m_reader.close();
    setState(State::Disconnected);
}

qint64 ReplaySource::firstSnapshotMs() {
    // Start where there is something to show: the first snapshot (or keyframe) of the file.
    qint64 limit = m_reader.firstId() + 2000;
    if (!m_reader.keyframes().empty()) limit = qMin(limit, m_reader.keyframes().front().frameId);
    for (const RecordedFrame& f : m_reader.readFrames(0, limit))
        if (f.kind == QLatin1String("snapshot")) return f.recvMs;
    if (!m_reader.keyframes().empty()) return m_reader.keyframes().front().recvMs;
    return m_reader.startMs();
}

void ReplaySource::applyLink(const QJsonObject& link) {
    if (link.isEmpty()) {
        setState(State::Connected);
        return;
    }
    bool ok = false;
    const QByteArray key = link.value("state").toString().toLatin1();
    const int v = QMetaEnum::fromType<State>().keyToValue(key.constData(), &ok);
    const State s = ok ? State(v) : State::Connected;
    const QString message = link.value("message").toString();
    setState(s);
    if (s == State::Connected)
        emit statusMessage(QString());
    else
        emit statusMessage(
            message.isEmpty()
                ? QCoreApplication::translate("Replay", "In the recording: %1.").arg(stateName(s))
                : QCoreApplication::translate("Replay", "In the recording: %1 (%2).")
                      .arg(stateName(s), message));
}

void ReplaySource::deliverUpTo(qint64 frameId) {
    // In chunks: a long span never holds every decoded row in memory at once.
    constexpr qint64 kChunk = 4096;
    while (m_cursor < frameId && m_reader.isOpen()) {
        const qint64 to = qMin(frameId, m_cursor + kChunk);
        for (const RecordedFrame& f : m_reader.readFrames(m_cursor, to)) {
            m_delivering = f.recvMs; // the console's own log rows get the recorded time
            if (f.kind == QLatin1String(kKindLink))
                applyLink(f.body);
            else if (f.kind != QLatin1String(kKindCommand) && f.kind != QLatin1String(kKindNote))
                emit frameReceived(f.body, f.recvMs);
        }
        m_delivering = 0;
        m_cursor = to;
    }
}

void ReplaySource::rebuildAt(qint64 tMs, qint64 primeMs) {
    ++m_rebuilds;
    const qint64 target = m_reader.frameIdAt(tMs);
    emit historyReset();
    m_cursor = 0;
    const qint64 primeTarget = qMin(target, m_reader.frameIdAt(tMs - primeMs));
    State linkBefore = m_state;
    if (const Keyframe* k = m_reader.keyframeAtOrBefore(primeTarget)) {
        KeyframeContent c;
        m_delivering = k->recvMs;
        if (m_reader.readKeyframe(*k, &c)) {
            applyLink(c.link);
            if (!c.hello.isEmpty()) emit frameReceived(c.hello, k->recvMs);
            if (!c.snapshot.isEmpty()) emit frameReceived(c.snapshot, k->recvMs);
            m_cursor = k->frameId;
        }
    }
    if (m_cursor == 0 && linkBefore != State::Connected) setState(State::Connected);
    deliverUpTo(target);
    m_delivering = 0;
}

void ReplaySource::setPosition(qint64 ms) {
    if (ms == m_position) return;
    m_position = ms;
    emit positionChanged(ms);
}

void ReplaySource::seek(qint64 tMs) {
    if (!m_reader.isOpen()) return;
    tMs = qBound(m_reader.startMs(), tMs, m_reader.endMs());
    m_clock.seek(tMs);
    const qint64 target = m_reader.frameIdAt(tMs);
    if (target >= m_cursor && m_cursor > 0 && target - m_cursor <= m_forwardLimit)
        deliverUpTo(target);
    else if (target != m_cursor || m_cursor == 0) {
        rebuildAt(tMs, m_deferPrime ? 0 : m_primeMs);
        if (m_deferPrime && m_primeMs > 0) m_primeTimer.start();
    }
    setPosition(tMs);
}

void ReplaySource::catchUp() {
    if (!m_reader.isOpen()) return;
    const qint64 t = m_clock.position();
    deliverUpTo(m_reader.frameIdAt(t));
    setPosition(t);
}

void ReplaySource::advance() {
    if (!m_reader.isOpen()) return;
    catchUp();
    if (m_clock.isPlaying() && m_clock.atEnd()) {
        pause();
        emit finished();
    }
}

void ReplaySource::play() {
    if (!m_reader.isOpen() || m_clock.isPlaying()) return;
    if (m_clock.atEnd()) seek(m_reader.startMs());
    m_clock.play();
    m_timer.start();
    emit playingChanged(true);
}

void ReplaySource::pause() {
    if (!m_clock.isPlaying()) return;
    catchUp();
    m_clock.pause();
    m_timer.stop();
    emit playingChanged(false);
}

void ReplaySource::togglePlay() {
    if (m_clock.isPlaying())
        pause();
    else
        play();
}

void ReplaySource::setSpeed(double speed) {
    m_clock.setSpeed(speed);
}

const QList<ReplaySource::Step>& ReplaySource::steps() {
    if (m_stepsBuilt) return m_steps;
    m_stepsBuilt = true;
    for (const Marker& m : m_reader.markers()) {
        if (!m_steps.isEmpty() && m.recvMs - m_steps.last().lastMs <= kStepGapMs) {
            Step& s = m_steps.last();
            s.lastMs = m.recvMs;
            // The most telling category wins: an alert over an action over a link change.
            if (m.category == Marker::Category::Alert ||
                (m.category == Marker::Category::Action && s.category == Marker::Category::Link))
                s.category = m.category;
            if (!m.text.isEmpty() && !s.texts.contains(m.text)) s.texts.append(m.text);
            continue;
        }
        m_steps.append(Step{m.recvMs, m.recvMs, m.category,
                            m.text.isEmpty() ? QStringList() : QStringList{m.text}});
    }
    return m_steps;
}

bool ReplaySource::stepToNextMarker() {
    // One press, one action: to the end of the next moment, so all of it is applied.
    for (const Step& s : steps())
        if (s.firstMs > m_position) {
            seek(s.lastMs);
            return true;
        }
    return false;
}

bool ReplaySource::stepToPreviousMarker() {
    const QList<Step>& all = steps();
    for (auto it = all.crbegin(); it != all.crend(); ++it)
        if (it->lastMs < m_position) {
            seek(it->lastMs);
            return true;
        }
    return false;
}

} // namespace sluice::console::replay
