// The live WebSocket data source (see livesource.h).
#include "console/transport/livesource.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QWebSocket>

namespace sluice::console {

namespace {
constexpr char kStreamPath[] = "/v1/ops/stream";
}

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
    setState(State::Connecting);
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
    emit statusMessage({});
}

void LiveSource::connectNow() {
    if (!m_wanted) return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    QWebSocket* socket = m_socket;
    connect(socket, &QWebSocket::connected, this, [this] {
        ++m_connectCount;
        m_sinceLastFrame.start();
        setState(State::Connected);
        emit statusMessage({});
    });
    connect(socket, &QWebSocket::disconnected, this, &LiveSource::onDisconnected);
    connect(socket, &QWebSocket::textMessageReceived, this, &LiveSource::onTextMessage);
    // Qt 6.4: errorOccurred does not exist yet; the `error` overload does.
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError) {
                if (socket != m_socket) return;
                scheduleReconnect(socket->errorString());
            });
    QNetworkRequest request(streamUrl(m_baseUrl, m_lastSeq));
    if (!m_token.isEmpty()) request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    socket->open(request);
}

void LiveSource::setState(State s) {
    if (s == m_state) return;
    m_state = s;
    emit stateChanged(s);
}

void LiveSource::scheduleReconnect(const QString& why) {
    if (!m_wanted) return;
    if (m_reconnectTimer.isActive()) return;
    if (m_socket) {
        QWebSocket* old = m_socket;
        m_socket = nullptr;
        old->disconnect(this);
        old->abort();
        old->deleteLater();
    }
    const int delay = m_backoff.nextDelayMs();
    setState(State::Reconnecting);
    emit statusMessage(tr("Connection lost (%1). Reconnecting in %2 s (attempt %3).")
                           .arg(why.isEmpty() ? tr("closed") : why)
                           .arg(QString::number(delay / 1000.0, 'f', 1))
                           .arg(m_backoff.attempts()));
    m_reconnectTimer.start(delay);
}

void LiveSource::onDisconnected() {
    QString why;
    if (m_socket) {
        why = m_socket->closeReason();
        if (why.isEmpty() && m_socket->error() != QAbstractSocket::UnknownSocketError)
            why = m_socket->errorString();
    }
    scheduleReconnect(why);
}

void LiveSource::onTextMessage(const QString& text) {
    m_sinceLastFrame.start();
    if (m_state != State::Connected) {
        setState(State::Connected);
        emit statusMessage({});
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
    if (seq.isDouble()) {
        const qint64 s = qint64(seq.toDouble());
        const QString type = frame.value(QStringLiteral("type")).toString();
        // A snapshot states the seq it is current to (it may be lower after a server restart).
        if (type == QLatin1String("snapshot") || s > m_lastSeq) m_lastSeq = s;
    }
    emit frameReceived(frame, QDateTime::currentMSecsSinceEpoch());
}

void LiveSource::checkLink() {
    if (!m_wanted || !m_socket) return;
    if (m_state != State::Connected && m_state != State::Stalled) return;
    if (m_sinceLastFrame.isValid() && m_sinceLastFrame.elapsed() > m_linkLossMs) {
        setState(State::Stalled);
        scheduleReconnect(tr("no data for %1 s").arg(m_sinceLastFrame.elapsed() / 1000));
    }
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
