// The console's session (see consolesession.h).
#include "console/model/consolesession.h"

#include "console/model/frameparser.h"

#include <QDateTime>

namespace sluice::console {

ConsoleSession::ConsoleSession(QObject* parent) : QObject(parent) {
    m_thresholds = Thresholds::defaults();
    if (m_thresholds.has("clinic_remaining"))
        m_clinics.setLowStockRule(m_thresholds.rule("clinic_remaining"));
    m_checkTimer.setInterval(1000);
    connect(&m_checkTimer, &QTimer::timeout, this, &ConsoleSession::reevaluate);
    m_checkTimer.start();
}

ConsoleSession::~ConsoleSession() = default;

void ConsoleSession::setThresholds(const Thresholds& t) {
    m_thresholds = t;
    if (t.has("clinic_remaining")) m_clinics.setLowStockRule(t.rule("clinic_remaining"));
    emit updated();
}

void ConsoleSession::setSource(DataSource* source) {
    if (m_source) m_source->disconnect(this);
    m_source = source;
    resetHistory();
    if (source) {
        connect(source, &DataSource::frameReceived, this, &ConsoleSession::handleFrame);
        connect(source, &DataSource::stateChanged, this, &ConsoleSession::onStateChanged);
        connect(source, &DataSource::statusMessage, this, &ConsoleSession::statusMessage);
        connect(source, &DataSource::undecodableMessage, this, [this](const QString& why) {
            ++m_malformed;
            m_lastMalformed = why;
            logLocal(QStringLiteral("warning"), tr("Undecodable message skipped: %1").arg(why));
            emit malformedFrame(why);
        });
        connect(source, &DataSource::historyReset, this, &ConsoleSession::resetHistory);
        m_lastState = source->state();
    }
    reevaluate();
    emit connectionStateChanged(connectionState());
}

void ConsoleSession::resetHistory() {
    m_state.clear();
    m_metrics.clear();
    m_hasPrevErrors = false;
    m_rates = {};
    m_awaitingSnapshot = false;
    m_sinceFrame.invalidate();
    emit cohortsChanged();
    emit noticesChanged();
    emit approvalsChanged();
    emit updated();
}

DataSource::State ConsoleSession::connectionState() const {
    return m_source ? m_source->state() : DataSource::State::Disconnected;
}

qint64 ConsoleSession::msSinceLastFrame() const {
    return m_sinceFrame.isValid() ? m_sinceFrame.elapsed() : -1;
}

void ConsoleSession::logLocal(const QString& severity, const QString& message) {
    m_log.append(LogEntry{QDateTime::currentMSecsSinceEpoch(), -1, severity,
                          QStringLiteral("console"), QString(), message});
}

void ConsoleSession::onStateChanged(DataSource::State s) {
    const DataSource::State before = m_lastState;
    m_lastState = s;
    if (s == DataSource::State::Connected && before != DataSource::State::Connected) {
        // A new connection: the figures on screen are old until the hello says what follows.
        if (before != DataSource::State::Stalled) m_awaitingSnapshot = m_state.hasSnapshot();
        if (before != DataSource::State::Disconnected && before != DataSource::State::Connecting)
            logLocal(QStringLiteral("info"), tr("Connection restored"));
        else
            logLocal(QStringLiteral("info"), tr("Connected to %1").arg(m_source->description()));
        // Commands still waiting for an answer go out again under their original id; the
        // server runs each at most once and repeats its original answer.
        for (const auto& c : m_commands.pending())
            m_source->resendCommand(c.id, c.op, c.args);
    } else if (before == DataSource::State::Connected && s != DataSource::State::Connected) {
        logLocal(QStringLiteral("warning"), tr("Connection lost"));
    }
    reevaluate();
    emit connectionStateChanged(s);
}

void ConsoleSession::handleFrame(const QJsonObject& json, qint64 receivedAtMs) {
    ParseResult parsed = parseFrame(json);
    if (!parsed.frame) {
        ++m_malformed;
        m_lastMalformed = parsed.error;
        logLocal(QStringLiteral("warning"), tr("Malformed frame skipped: %1").arg(parsed.error));
        emit malformedFrame(parsed.error);
        return;
    }
    m_sinceFrame.start();
    const Frame& f = *parsed.frame;
    if (f.kind == Frame::Kind::Ack || f.kind == Frame::Kind::Nack) {
        m_commands.answer(f.answer, receivedAtMs);
        if (!f.answer.accepted)
            logLocal(QStringLiteral("warning"),
                     tr("Command %1 refused: %2").arg(f.answer.op, f.answer.message));
        reevaluate();
        return;
    }
    const ApplyResult r = m_state.apply(f);
    if (f.kind == Frame::Kind::Hello) {
        // A new connection: unless the server replays what was missed, the figures on screen
        // are old until its snapshot arrives.
        m_awaitingSnapshot = f.hello.resumeMode != QLatin1String("replay");
        emit helloReceived();
        reevaluate();
        return;
    }
    if (r.status != ApplyResult::Status::Applied) {
        reevaluate();
        return;
    }
    if (r.gap) {
        ++m_gaps;
        logLocal(QStringLiteral("warning"), tr("Frames missed (seq gap); asking for a snapshot"));
        if (m_source) m_source->requestSnapshot();
    }
    if (f.kind == Frame::Kind::Snapshot) {
        m_awaitingSnapshot = false;
        m_clinics.setAll(f.clinics);
        m_hasPrevErrors = false;
    } else if (!r.clinicChanges.isEmpty()) {
        m_clinics.applyChanges(r.clinicChanges);
    }
    if (r.cohortsChanged) {
        m_cohorts.setCohorts(m_state.cohorts());
        emit cohortsChanged();
    }
    if (f.kind == Frame::Kind::Event) {
        m_log.appendEvent(f.event);
        const QString& kind = f.event.kind;
        if (kind == QLatin1String("approval_granted")) {
            m_commands.approvalOutcome(f.event.data.value("command_id").toString(), true,
                                       f.event.message, receivedAtMs);
        } else if (kind == QLatin1String("approval_expired")) {
            m_commands.approvalOutcome(f.event.data.value("command_id").toString(), false,
                                       f.event.message, receivedAtMs);
        }
    } else {
        recordMetrics(f);
    }
    if (r.noticesChanged) emit noticesChanged();
    if (r.approvalsChanged) emit approvalsChanged();
    reevaluate();
    emit updated();
}

void ConsoleSession::recordMetrics(const Frame& f) {
    const qint64 t = f.serverTimeMs > 0 ? f.serverTimeMs : QDateTime::currentMSecsSinceEpoch();
    const Headline h = m_state.headline();
    for (const auto& c : f.cohorts)
        m_metrics.add(QStringLiteral("queue:") + c.id, t, double(c.waiting));
    m_metrics.add(QStringLiteral("rate:actual"), t, h.actualRate);
    m_metrics.add(QStringLiteral("rate:ceiling"), t, h.rateCeiling);
    double p50 = 0, p99 = 0;
    for (const auto& l : f.latency) {
        p50 = qMax(p50, l.p50);
        p99 = qMax(p99, l.p99);
    }
    m_metrics.add(QStringLiteral("latency:p50"), t, p50);
    m_metrics.add(QStringLiteral("latency:p99"), t, p99);

    if (!f.hasErrors) return;
    const ErrorCounters& e = f.errors;
    if (m_hasPrevErrors && t > m_prevErrorsMs) {
        const double dt = (t - m_prevErrorsMs) / 1000.0;
        const ErrorCounters& p = m_prevErrors;
        auto rate = [dt](qint64 now, qint64 before) {
            return now >= before ? (now - before) / dt : -1.0;
        };
        ErrorRates r;
        r.http4xx = rate(e.total4xx(), p.total4xx());
        r.http5xx = rate(e.total5xx(), p.total5xx());
        r.bypass = rate(e.totalBypass(), p.totalBypass());
        r.identity = rate(e.idpTimeouts + e.idpErrors, p.idpTimeouts + p.idpErrors);
        r.conflicts = rate(e.bookingConflicts, p.bookingConflicts);
        r.soldOut = rate(e.soldOut, p.soldOut);
        r.overload = rate(e.overloadRejections, p.overloadRejections);
        // A counter that went down means the server restarted: no rate for this interval.
        const bool sane = r.http4xx >= 0 && r.http5xx >= 0 && r.bypass >= 0 && r.identity >= 0 &&
                          r.conflicts >= 0 && r.soldOut >= 0 && r.overload >= 0;
        if (sane) {
            double requests = 0;
            for (const auto v : f.requestRate)
                requests += v;
            r.errorPercent = requests > 0 ? 100.0 * (r.http5xx + r.overload) / requests : 0.0;
            r.valid = true;
            m_rates = r;
            m_metrics.add(QStringLiteral("errors:4xx"), t, r.http4xx);
            m_metrics.add(QStringLiteral("errors:5xx"), t, r.http5xx);
            m_metrics.add(QStringLiteral("errors:bypass"), t, r.bypass);
            m_metrics.add(QStringLiteral("errors:identity"), t, r.identity);
            m_metrics.add(QStringLiteral("errors:conflicts"), t, r.conflicts);
            m_metrics.add(QStringLiteral("errors:sold_out"), t, r.soldOut);
            m_metrics.add(QStringLiteral("errors:overload"), t, r.overload);
        }
    }
    m_prevErrors = e;
    m_prevErrorsMs = t;
    m_hasPrevErrors = true;
}

void ConsoleSession::reevaluate() {
    const DataSource::State s = connectionState();
    bool stale = !m_source || s != DataSource::State::Connected || !m_state.hasSnapshot() ||
                 m_awaitingSnapshot;
    if (!stale && m_source->isLive()) {
        const int tick = m_state.hasHello() ? m_state.hello().tickIntervalMs : 500;
        const int limit = m_staleAfterMs > 0 ? m_staleAfterMs : qMax(3000, 3 * tick);
        stale = !m_sinceFrame.isValid() || m_sinceFrame.elapsed() > limit;
    }
    if (stale != m_stale) {
        m_stale = stale;
        m_clinics.setStale(stale);
        m_cohorts.setStale(stale);
        emit staleChanged(stale);
    }
    const QString role = m_state.hello().role;
    const bool canAct = m_source && m_source->acceptsCommands() &&
                        s == DataSource::State::Connected && m_state.hasSnapshot() &&
                        !m_awaitingSnapshot &&
                        (role == QLatin1String("operator") || role == QLatin1String("admin"));
    if (canAct != m_canAct) {
        m_canAct = canAct;
        emit canActChanged(canAct);
    }
}

QString ConsoleSession::sendCommand(const QString& op, const QJsonObject& args,
                                    const QString& description) {
    QString id;
    if (m_source && m_canAct) id = m_source->sendCommand(op, args);
    m_commands.track(id, op, args, description, QDateTime::currentMSecsSinceEpoch());
    logLocal(id.isEmpty() ? QStringLiteral("warning") : QStringLiteral("info"),
             id.isEmpty() ? tr("Not sent (not connected or not allowed): %1").arg(description)
                          : tr("Sent %1: %2").arg(id, description));
    return id;
}

} // namespace sluice::console
