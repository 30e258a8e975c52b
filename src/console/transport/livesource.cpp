// The live WebSocket data source (see livesource.h).
#include "console/transport/livesource.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslError>
#include <QSslSocket>
#include <QUrlQuery>
#include <QWebSocket>

namespace sluice::console {

namespace {
constexpr char kStreamPath[] = "/v1/ops/stream";
constexpr int kCloseGoingAway = 1001;       // server stopping
constexpr int kClosePolicyViolation = 1008; // bad, missing or revoked token
constexpr int kCloseTryAgainLater = 1013;   // too slow
} // namespace

LiveSource::LiveSource(const QUrl& baseUrl, const QString& token, QObject* parent)
    : DataSource(parent), m_baseUrl(baseUrl), m_token(token.trimmed()) {
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &LiveSource::connectNow);
    m_linkTimer.setInterval(1000);
    connect(&m_linkTimer, &QTimer::timeout, this, &LiveSource::checkLink);
}

LiveSource::~LiveSource() {
    m_wanted = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QUrl LiveSource::streamUrl(const QUrl& baseUrl, qint64 sinceSeq) {
    QUrl u = baseUrl;
    const QString scheme = baseUrl.scheme().toLower();
    u.setScheme(scheme == QLatin1String("https") || scheme == QLatin1String("wss") ? "wss" : "ws");
    QString path = baseUrl.path();
    while (path.endsWith('/'))
        path.chop(1);
    if (!path.endsWith(QLatin1String(kStreamPath))) path += QLatin1String(kStreamPath);
    u.setPath(path);
    QUrlQuery q;
    if (sinceSeq >= 0) q.addQueryItem(QStringLiteral("since"), QString::number(sinceSeq));
    u.setQuery(q);
    u.setFragment({});
    return u;
}

void LiveSource::open() {
    m_wanted = true;
    m_backoff.reset();
    m_linkTimer.start();
    m_status = LinkStatus{};
    setState(State::Connecting);
    setProblem(LinkStatus::Problem::Connecting, {});
    connectNow();
}

void LiveSource::close() {
    m_wanted = false;
    m_reconnectTimer.stop();
    m_linkTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    setState(State::Disconnected);
    m_status.retryAtMs = 0;
    setProblem(LinkStatus::Problem::None, {});
}

void LiveSource::connectNow() {
    if (!m_wanted) return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_status.retryAtMs = 0;
    m_sslDetail.clear();
    m_serverStopping = false;
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    QWebSocket* socket = m_socket;
    // The upgrade answered: frames follow (or a 1008 close for a refused token). The state
    // becomes Connected with the first frame, so a refused token never looks connected.
    connect(socket, &QWebSocket::connected, this, [this] {
        ++m_connectCount;
        m_upgraded = true;
        m_sinceLastFrame.start();
    });
    connect(socket, &QWebSocket::disconnected, this, &LiveSource::onDisconnected);
    connect(socket, &QWebSocket::textMessageReceived, this, &LiveSource::onTextMessage);
    // Inside the handshake, before the upgrade request (and the token) is written: the
    // certificate is accepted here or the connection ends. QWebSocket forwards the signal of
    // its own QSslSocket child, whose peer certificate is already known.
    connect(socket, &QWebSocket::sslErrors, this, [this, socket](const QList<QSslError>& errors) {
        if (socket != m_socket) return;
        auto* tls = socket->findChild<QSslSocket*>();
        QString why;
        if (tls && m_tls.accepts(errors, tls->peerCertificate(), &why)) {
            tls->ignoreSslErrors();
            return;
        }
        m_sslDetail = why;
    });
    // Qt 6.4: errorOccurred does not exist yet; the `error` overload does.
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError e) {
                if (socket != m_socket) return;
                onSocketError(e);
            });
    m_upgraded = false;
    QNetworkRequest request(streamUrl(m_baseUrl, m_lastSeq));
    if (request.url().scheme() == QLatin1String("wss"))
        socket->setSslConfiguration(m_tls.configuration());
    if (!m_token.isEmpty()) request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    m_attempt.start();
    socket->open(request);
}

void LiveSource::setState(State s) {
    if (s == m_state) return;
    m_state = s;
    emit stateChanged(s);
}

void LiveSource::setProblem(LinkStatus::Problem problem, const QString& detail, int httpStatus) {
    LinkStatus next = m_status;
    next.problem = problem;
    next.detail = detail;
    next.httpStatus = httpStatus;
    next.attempt = m_backoff.attempts();
    if (next == m_status) return;
    m_status = next;
    emit linkStatusChanged();
    // The banner text for the recording and for windows that only read statusMessage.
    const QString where = m_baseUrl.authority();
    emit statusMessage(linkStatusText(m_status, where, QDateTime::currentMSecsSinceEpoch()));
}

void LiveSource::onSocketError(QAbstractSocket::SocketError e) {
    const QString text = m_socket ? m_socket->errorString() : QString();
    using P = LinkStatus::Problem;
    // Qt reports a refused upgrade as "…Unhandled http status code: 404 (Not Found)."
    static const QRegularExpression http(QStringLiteral("http status code: (\\d+)"),
                                         QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = http.match(text);
    if (m.hasMatch()) {
        const int status = m.captured(1).toInt();
        if (status == 401 || status == 403) return stopForToken(P::TokenRefused, text);
        if (status == 404) return scheduleReconnect(P::NotFound, text, status);
        if (status == 502 || status == 503)
            return scheduleReconnect(P::ServerRestarting, text, status);
        return scheduleReconnect(P::HttpError, text, status);
    }
    switch (e) {
    case QAbstractSocket::ConnectionRefusedError:
    case QAbstractSocket::HostNotFoundError:
    case QAbstractSocket::NetworkError:
        return scheduleReconnect(m_serverStopping ? P::ServerRestarting : P::NoServer, text);
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return scheduleReconnect(P::Tls, m_sslDetail.isEmpty() ? text : m_sslDetail);
    case QAbstractSocket::SocketTimeoutError:
        return scheduleReconnect(P::Frozen, text);
    default:
        break;
    }
    if (!m_sslDetail.isEmpty()) return scheduleReconnect(P::Tls, m_sslDetail);
    scheduleReconnect(m_serverStopping ? P::ServerRestarting : P::Lost, text);
}

void LiveSource::stopForToken(LinkStatus::Problem problem, const QString& detail) {
    // Retrying a refused token cannot succeed and fills the audit trail: stop, ask for a new one.
    m_reconnectTimer.stop();
    if (m_socket) {
        QWebSocket* old = m_socket;
        m_socket = nullptr;
        old->disconnect(this);
        old->abort();
        old->deleteLater();
    }
    m_wanted = false;
    m_linkTimer.stop();
    m_status.retryAtMs = 0;
    setState(State::Disconnected);
    setProblem(problem, detail);
}

void LiveSource::scheduleReconnect(LinkStatus::Problem problem, const QString& detail,
                                   int httpStatus) {
    if (!m_wanted) return;
    if (m_reconnectTimer.isActive()) return;
    if (m_socket) {
        QWebSocket* old = m_socket;
        m_socket = nullptr;
        old->disconnect(this);
        old->abort();
        old->deleteLater();
    }
    // A frozen server stays "frozen" while reconnect attempts hang or fail the same way.
    if (m_status.problem == LinkStatus::Problem::Frozen &&
        (problem == LinkStatus::Problem::Lost || problem == LinkStatus::Problem::Frozen))
        problem = LinkStatus::Problem::Frozen;
    // A restarting server refuses connections for a moment: still "restarting".
    if (m_status.problem == LinkStatus::Problem::ServerRestarting &&
        problem == LinkStatus::Problem::NoServer)
        problem = LinkStatus::Problem::ServerRestarting;
    const int delay = m_backoff.nextDelayMs();
    setState(State::Reconnecting);
    m_status.retryAtMs = QDateTime::currentMSecsSinceEpoch() + delay;
    m_status.attempt = -1; // forces the change through setProblem
    setProblem(problem, detail, httpStatus);
    m_reconnectTimer.start(delay);
}

void LiveSource::onDisconnected() {
    if (!m_socket) return;
    const int code = int(m_socket->closeCode());
    const QString reason = m_socket->closeReason();
    using P = LinkStatus::Problem;
    if (code == kClosePolicyViolation) {
        const bool revoked = reason.contains(QLatin1String("revoked"), Qt::CaseInsensitive);
        return stopForToken(revoked ? P::TokenRevoked : P::TokenRefused, reason);
    }
    if (code == kCloseGoingAway || m_serverStopping)
        return scheduleReconnect(P::ServerRestarting, reason);
    if (code == kCloseTryAgainLater) return scheduleReconnect(P::TooSlow, reason);
    // A connection that never got through the upgrade (refused, unreachable, TLS) is not a
    // "lost" link: classify it by the socket error, whichever of the two signals came first.
    if (m_socket->error() != QAbstractSocket::UnknownSocketError && !m_upgraded)
        return onSocketError(m_socket->error());
    QString why = reason;
    if (why.isEmpty() && m_socket->error() != QAbstractSocket::UnknownSocketError)
        why = m_socket->errorString();
    scheduleReconnect(P::Lost, why);
}

void LiveSource::onTextMessage(const QString& text) {
    m_sinceLastFrame.start();
    m_status.lastFrameMs = QDateTime::currentMSecsSinceEpoch();
    if (m_state != State::Connected) {
        setState(State::Connected);
        m_status.retryAtMs = 0;
        setProblem(LinkStatus::Problem::None, {});
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        emit undecodableMessage(err.error != QJsonParseError::NoError ? err.errorString()
                                                                      : tr("not a JSON object"));
        return;
    }
    const QJsonObject frame = doc.object();
    // A frame arrived: the link is healthy again, so the next loss starts from a short delay.
    m_backoff.reset();
    const QJsonValue seq = frame.value(QStringLiteral("seq"));
    const QString type = frame.value(QStringLiteral("type")).toString();
    if (seq.isDouble()) {
        const qint64 s = qint64(seq.toDouble());
        // A snapshot states the seq it is current to (it may be lower after a server restart).
        if (type == QLatin1String("snapshot") || s > m_lastSeq) m_lastSeq = s;
    }
    if (type == QLatin1String("event") &&
        frame.value(QStringLiteral("kind")).toString() == QLatin1String("server_stopping"))
        m_serverStopping = true;
    emit frameReceived(frame, QDateTime::currentMSecsSinceEpoch());
}

void LiveSource::checkLink() {
    if (!m_wanted || !m_socket) return;
    if (m_state == State::Connected || m_state == State::Stalled) {
        if (m_sinceLastFrame.isValid() && m_sinceLastFrame.elapsed() > m_linkLossMs) {
            setState(State::Stalled);
            scheduleReconnect(LinkStatus::Problem::Frozen,
                              tr("no data for %1 s").arg(m_sinceLastFrame.elapsed() / 1000));
        }
        return;
    }
    // An attempt whose upgrade never completes: the port accepts, nobody answers (a stopped
    // process keeps its listening socket).
    if (m_attempt.isValid() && m_attempt.elapsed() > qMax(m_linkLossMs, 2000) &&
        !m_reconnectTimer.isActive())
        scheduleReconnect(LinkStatus::Problem::Frozen, tr("no answer to the connection request"));
}

bool LiveSource::sendCommandFrame(const QString& id, const QString& op, const QJsonObject& args) {
    if (!m_socket || m_state != State::Connected) return false;
    const QJsonObject frame{{"type", "command"}, {"id", id}, {"op", op}, {"args", args}};
    m_socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    return true;
}

void LiveSource::requestSnapshot() {
    if (!m_socket || m_state != State::Connected) return;
    m_socket->sendTextMessage(QStringLiteral("{\"type\":\"get_snapshot\"}"));
}

} // namespace sluice::console
