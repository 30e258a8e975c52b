// The live data source: a WebSocket to the server's ops stream (/v1/ops/stream), the operator's
// token in the upgrade request, automatic reconnect with backoff and jitter, resume with
// ?since=<last seq>, and link-loss detection (a QElapsedTimer checked by a 1 s timer).
// Never shows a box: problems surface as state and a LinkStatus with the cause for the banner.
// A refused or revoked token (close 1008) is not retried: the operator needs a new token.
#pragma once
#include "console/transport/backoff.h"
#include "console/transport/datasource.h"
#include "console/transport/tlstrust.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace sluice::console {

class LiveSource : public DataSource {
    Q_OBJECT
public:
    // `baseUrl` is the server's base URL (http://host:port); the stream URL is derived.
    LiveSource(const QUrl& baseUrl, const QString& token, QObject* parent = nullptr);
    ~LiveSource() override;

    static QUrl streamUrl(const QUrl& baseUrl, qint64 sinceSeq);

    void open() override;
    void close() override;
    State state() const override { return m_state; }
    QString description() const override { return m_baseUrl.toString(); }
    bool isLive() const override { return true; }
    void requestSnapshot() override;
    LinkStatus linkStatus() const override { return m_status; }
    // Which certificates an https:// server may show (default: the system's CA store); the
    // next connection uses it.
    void setTlsTrust(const TlsTrust& trust) { m_tls = trust; }
    const TlsTrust& tlsTrust() const { return m_tls; }
    // A new token (after a refusal): the next open() uses it.
    void setToken(const QString& token) { m_token = token.trimmed(); }
    const QUrl& baseUrl() const { return m_baseUrl; }
    const QString& token() const { return m_token; }

    // Link loss: no frame for this long means the link is considered lost (the socket is
    // aborted and a reconnect scheduled). Tests shorten it.
    void setLinkLossThresholdMs(int ms) { m_linkLossMs = ms; }
    void setBackoff(const Backoff& b) { m_backoff = b; }
    int reconnectAttempts() const { return m_backoff.attempts(); }
    qint64 lastSeq() const { return m_lastSeq; }
    int connectCount() const { return m_connectCount; }

protected:
    bool sendCommandFrame(const QString& id, const QString& op, const QJsonObject& args) override;

private:
    void connectNow();
    void setState(State s);
    void scheduleReconnect(LinkStatus::Problem problem, const QString& detail, int httpStatus = 0);
    void setProblem(LinkStatus::Problem problem, const QString& detail, int httpStatus = 0);
    void stopForToken(LinkStatus::Problem problem, const QString& detail);
    void onSocketError(QAbstractSocket::SocketError error);
    void onTextMessage(const QString& text);
    void onDisconnected();
    void checkLink();

    QUrl m_baseUrl;
    QString m_token;
    QWebSocket* m_socket = nullptr;
    State m_state = State::Disconnected;
    Backoff m_backoff;
    QTimer m_reconnectTimer;
    QTimer m_linkTimer;
    QElapsedTimer m_sinceLastFrame;
    bool m_upgraded = false; // the current socket got through the WebSocket upgrade
    int m_linkLossMs = 5000;
    qint64 m_lastSeq = -1;
    bool m_wanted = false;
    int m_connectCount = 0;
    LinkStatus m_status;
    QElapsedTimer m_attempt;       // since the current connection attempt began
    bool m_serverStopping = false; // the server announced server_stopping
    QString m_sslDetail;
    TlsTrust m_tls;
};

} // namespace sluice::console
