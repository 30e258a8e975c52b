// The console's session (see consolesession.h).
#include "console/model/consolesession.h"

#include "console/alerts/alerttext.h"
#include "console/model/frameparser.h"

#include <QDateTime>

namespace sluice::console {

ConsoleSession::ConsoleSession(QObject* parent) : QObject(parent) {
    m_thresholds = Thresholds::defaults();
    m_alertConfig = alertConfigFrom(m_thresholds);
    if (m_thresholds.has("clinic_remaining"))
        m_clinics.setLowStockRule(m_thresholds.rule("clinic_remaining"));
    const LabelLookup label = labelLookup();
    m_log.setLabelLookup(label);
    m_commands.setLabelLookup(label);
    m_alertModel.setLabelLookup(label);
    m_checkTimer.setInterval(1000);
    connect(&m_checkTimer, &QTimer::timeout, this, [this] {
        reevaluate();
        evaluateAlerts();
    });
    m_checkTimer.start();
}

ConsoleSession::~ConsoleSession() = default;

LabelLookup ConsoleSession::labelLookup() const {
    return [this](const QString& id) { return cohortLabel(id); };
}

QString ConsoleSession::cohortLabel(const QString& id) const {
    if (const CohortFigures* c = m_state.cohort(id)) {
        const QString label = koreanUi() ? c->labelKo : c->labelEn;
        if (!label.isEmpty()) return label;
    }
    return id;
}

qint64 ConsoleSession::nowMs() const {
    return m_source ? m_source->currentTimeMs() : QDateTime::currentMSecsSinceEpoch();
}

void ConsoleSession::setThresholds(const Thresholds& t) {
    m_thresholds = t;
    m_alertConfig = alertConfigFrom(t);
    if (t.has("clinic_remaining")) m_clinics.setLowStockRule(t.rule("clinic_remaining"));
    emit updated();
}

void ConsoleSession::setSource(DataSource* source) {
    if (m_source) m_source->disconnect(this);
    const bool changed = source != m_source.data();
    m_source = source;
    if (changed) {
        // One source at a time: nothing derived from the previous one stays on screen.
        m_clinics.setAll({});
        m_cohorts.setCohorts({});
        m_log.clear();
        m_commands.clear();
        m_hadData = false;
        m_lastFrameAtMs = 0;
    }
    resetHistory();
    if (source) {
        connect(source, &DataSource::frameReceived, this, &ConsoleSession::handleFrame);
        connect(source, &DataSource::stateChanged, this, &ConsoleSession::onStateChanged);
        connect(source, &DataSource::statusMessage, this, &ConsoleSession::statusMessage);
        connect(source, &DataSource::undecodableMessage, this, [this](const QString& why) {
            ++m_malformed;
            m_lastMalformed = why;
            logLocal(local_kind::Undecodable, QStringLiteral("warning"), {{"reason", why}});
            emit malformedFrame(why);
        });
        connect(source, &DataSource::historyReset, this, &ConsoleSession::resetHistory);
        m_lastState = source->state();
        if (changed) m_log.appendSourceSeparator(source->description(), nowMs());
    }
    if (changed) emit sourceReset();
    reevaluate();
    emit connectionStateChanged(connectionState());
}

void ConsoleSession::resetHistory() {
    m_state.clear();
    m_metrics.clear();
    m_actionMarks.clear();
    m_hasPrevErrors = false;
    m_rates = {};
    m_awaitingSnapshot = false;
    m_sinceFrame.invalidate();
    m_alerts.clear();
    m_alertModel.setAlerts({}, nowMs());
    emit historyCleared();
    emit alertsChanged();
    emit cohortsChanged();
    emit noticesChanged();
    emit approvalsChanged();
    emit updated();
}

DataSource::State ConsoleSession::connectionState() const {
    return m_source ? m_source->state() : DataSource::State::Disconnected;
}

qint64 ConsoleSession::msSinceLastFrame() const {
    if (!m_sinceFrame.isValid()) return -1;
    if (m_source && !m_source->isLive()) return qMax<qint64>(0, nowMs() - m_lastFrameAtMs);
    return m_sinceFrame.elapsed();
}

void ConsoleSession::logLocal(const char* kind, const QString& severity, const QJsonObject& args,
                              qint64 atMs) {
    m_log.appendLocal(QString::fromLatin1(kind), severity, args, atMs >= 0 ? atMs : nowMs());
}

void ConsoleSession::onStateChanged(DataSource::State s) {
    const DataSource::State before = m_lastState;
    m_lastState = s;
    if (s == DataSource::State::Connected && before != DataSource::State::Connected) {
        // A new connection: the figures on screen are old until the hello says what follows.
        if (before != DataSource::State::Stalled) m_awaitingSnapshot = m_state.hasSnapshot();
        if (m_source->isLive()) {
            if (before != DataSource::State::Disconnected &&
                before != DataSource::State::Connecting)
                logLocal(local_kind::Restored, QStringLiteral("info"));
            else
                logLocal(local_kind::Connected, QStringLiteral("info"),
                         {{"source", m_source->description()}});
        }
        // Commands still waiting for an answer go out again under their original id; the
        // server runs each at most once and repeats its original answer.
        for (const auto& c : m_commands.pending())
            m_source->resendCommand(c.id, c.op, c.args);
    } else if (before == DataSource::State::Connected && s != DataSource::State::Connected) {
        logLocal(local_kind::Lost, QStringLiteral("warning"));
    }
    reevaluate();
    evaluateAlerts();
    emit connectionStateChanged(s);
}

void ConsoleSession::onAnswer(const CommandAnswer& a) {
    const Alert* alert = m_alerts.findByCommand(a.id);
    if (!alert) return;
    const QString key = alert->key;
    const QString note = alert->ackNote;
    const QString by = operatorName().isEmpty() ? tr("this console") : operatorName();
    std::optional<AlertChange> c;
    if (a.accepted) {
        c = m_alerts.acknowledge(key, Alert::Ack::Server, by, note, nowMs());
    } else {
        // A server without acknowledge_alert (or one that refuses it): the acknowledgement stays
        // on this console, and the log says so.
        const QString reason = a.code == QLatin1String("unknown_op")
                                   ? tr("the server does not share acknowledgements")
                                   : (a.message.isEmpty() ? a.code : a.message);
        c = m_alerts.acknowledge(key, Alert::Ack::Local, by, note, nowMs());
        logLocal(local_kind::AlertAckLocal, QStringLiteral("info"),
                 {{"alert", key}, {"by", by}, {"reason", reason}});
    }
    if (c) publishAlertChanges({*c});
}

void ConsoleSession::handleFrame(const QJsonObject& json, qint64 receivedAtMs) {
    ParseResult parsed = parseFrame(json);
    if (!parsed.frame) {
        ++m_malformed;
        m_lastMalformed = parsed.error;
        logLocal(local_kind::Malformed, QStringLiteral("warning"), {{"reason", parsed.error}});
        emit malformedFrame(parsed.error);
        return;
    }
    m_sinceFrame.start();
    m_lastFrameAtMs = receivedAtMs > 0 ? receivedAtMs : QDateTime::currentMSecsSinceEpoch();
    Frame& f = *parsed.frame;
    if (f.kind == Frame::Kind::Ack || f.kind == Frame::Kind::Nack) {
        const TrackedCommand* tracked = m_commands.find(f.answer.id);
        m_commands.answer(f.answer, receivedAtMs);
        if (!f.answer.accepted && tracked)
            logLocal(local_kind::Refused, QStringLiteral("warning"),
                     {{"op", tracked->op}, {"args", tracked->args}, {"message", f.answer.message}});
        onAnswer(f.answer);
        reevaluate();
        return;
    }
    if (f.kind == Frame::Kind::Event) {
        // What the log needs to name things that the event itself only refers to by id.
        QJsonObject& d = f.event.data;
        const QString& kind = f.event.kind;
        if ((kind == QLatin1String("approval_granted") ||
             kind == QLatin1String("approval_expired")) &&
            !d.contains(QLatin1String("args"))) {
            for (const auto& a : m_state.approvals())
                if (a.commandId == d.value("command_id").toString()) d.insert("args", a.args);
        } else if (kind == QLatin1String("notice_retracted")) {
            const qint64 id = qint64(d.value("notice_id").toDouble());
            for (const auto& n : m_state.notices())
                if (n.id == id) d.insert("text_shown", koreanUi() ? n.textKo : n.textEn);
        }
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
        logLocal(local_kind::Gap, QStringLiteral("warning"));
        if (m_source) m_source->requestSnapshot();
    }
    if (f.kind == Frame::Kind::Snapshot) {
        m_awaitingSnapshot = false;
        m_hadData = true;
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
        m_log.appendEvent(f.event, receivedAtMs);
        const QString& kind = f.event.kind;
        if (kind == QLatin1String("operator_action") && f.event.timeMs > 0) {
            if (m_actionMarks.size() >= kMaxActionMarks) m_actionMarks.removeFirst();
            m_actionMarks.append(f.event);
        }
        if (kind == QLatin1String("approval_granted")) {
            m_commands.approvalOutcome(f.event.data.value("command_id").toString(), true,
                                       f.event.message, receivedAtMs);
        } else if (kind == QLatin1String("approval_expired")) {
            m_commands.approvalOutcome(f.event.data.value("command_id").toString(), false,
                                       f.event.message, receivedAtMs);
        } else if (kind == QLatin1String("alert_acknowledged")) {
            const QJsonObject& d = f.event.data;
            if (auto c = m_alerts.acknowledge(d.value("alert").toString(), Alert::Ack::Server,
                                              d.value("by").toString(), d.value("note").toString(),
                                              m_lastFrameAtMs))
                publishAlertChanges({*c});
        }
    } else {
        recordMetrics(f);
    }
    if (r.noticesChanged) emit noticesChanged();
    if (r.approvalsChanged) emit approvalsChanged();
    reevaluate();
    if (f.kind != Frame::Kind::Event) evaluateAlerts(m_lastFrameAtMs);
    emit updated();
}

void ConsoleSession::evaluateAlerts(qint64 atMs) {
    AlertInputs in;
    in.state = &m_state;
    in.ratesValid = m_rates.valid;
    in.errorPercent = m_rates.errorPercent;
    in.bypassPerS = m_rates.bypass;
    const bool live = !m_source || m_source->isLive();
    in.link.live = live;
    in.link.connected = m_source && connectionState() == DataSource::State::Connected;
    in.link.stale = m_stale && m_state.hasSnapshot();
    in.link.hadData = m_hadData;
    qint64 now = atMs;
    if (now < 0)
        now = live ? QDateTime::currentMSecsSinceEpoch()
                   : (m_lastFrameAtMs > 0 ? m_lastFrameAtMs : nowMs());
    const QList<AlertChange> changes = m_alerts.update(evaluateAlertRules(in, m_alertConfig), now);
    if (!changes.isEmpty()) {
        publishAlertChanges(changes);
    } else if (!m_alerts.alerts().isEmpty()) {
        // The durations shown move with time.
        m_alertModel.setAlerts(m_alerts.alerts(), now);
    }
}

void ConsoleSession::publishAlertChanges(const QList<AlertChange>& changes) {
    m_alertModel.setAlerts(m_alerts.alerts(), nowMs());
    for (const AlertChange& c : changes) {
        const Alert& a = c.alert;
        const QJsonObject args{
            {"rule", a.rule}, {"subject", a.subject}, {"key", a.key}, {"facts", a.facts}};
        const QString severity = a.severity == AlertSeverity::Critical ? QStringLiteral("critical")
                                                                       : QStringLiteral("warning");
        // Stamped with the alert's own time (recorded time in a replay).
        if (c.type == AlertChange::Type::Raised || c.type == AlertChange::Type::Escalated) {
            logLocal(local_kind::AlertRaised, severity, args,
                     c.type == AlertChange::Type::Raised ? a.startedMs : a.updatedMs);
            emit alertRaised(a);
        } else if (c.type == AlertChange::Type::Cleared) {
            logLocal(local_kind::AlertCleared, QStringLiteral("info"), args, a.updatedMs);
        }
        emit alertChanged(c);
    }
    emit alertsChanged();
}

bool ConsoleSession::acknowledgeAlert(const QString& key, const QString& note) {
    const Alert* a = m_alerts.find(key);
    if (!a || a->ack == Alert::Ack::Pending) return false;
    const QString by = operatorName().isEmpty() ? tr("this console") : operatorName();
    if (m_canAct) {
        QJsonObject args{{"alert", key}};
        if (!note.trimmed().isEmpty()) args.insert("note", note.trimmed());
        const QString id = sendCommand(QStringLiteral("acknowledge_alert"), args, QString());
        if (!id.isEmpty() && m_alerts.markPending(key, id, by, nowMs(), note.trimmed())) {
            m_alertModel.setAlerts(m_alerts.alerts(), nowMs());
            emit alertsChanged();
            return true;
        }
    }
    QString reason;
    if (!m_source)
        reason = tr("no data source");
    else if (!m_source->acceptsCommands())
        reason = tr("replay");
    else if (role() == QLatin1String("viewer"))
        reason = tr("viewers cannot send it");
    else
        reason = tr("not connected");
    if (auto c = m_alerts.acknowledge(key, Alert::Ack::Local, by, note.trimmed(), nowMs())) {
        logLocal(local_kind::AlertAckLocal, QStringLiteral("info"),
                 {{"alert", key}, {"by", by}, {"reason", reason}});
        publishAlertChanges({*c});
    }
    return true;
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
    // What the sentence shows but the server does not need: the notice's text for a retract.
    QJsonObject shown = args;
    if (op == QLatin1String("retract_notice")) {
        const qint64 nid = qint64(args.value("notice_id").toDouble());
        for (const auto& n : m_state.notices())
            if (n.id == nid) shown.insert("text_shown", koreanUi() ? n.textKo : n.textEn);
    }
    m_commands.track(id, op, args, description, nowMs(), shown);
    logLocal(id.isEmpty() ? local_kind::NotSent : local_kind::Sent,
             id.isEmpty() ? QStringLiteral("warning") : QStringLiteral("info"),
             {{"op", op}, {"args", shown}, {"by", operatorName()}});
    return id;
}

} // namespace sluice::console
