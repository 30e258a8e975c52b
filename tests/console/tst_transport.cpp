// The live source's causes, against in-process servers on 127.0.0.1 (Qt's own pattern): no
// server, a wrong URL (HTTP 404), a refused token (close 1008: no retry), a revoked token, a
// server restarting (close 1001), a frozen server (no frames), and one sentence per cause.
#include "console/transport/livesource.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QtTest>

using namespace sluice::console;
using P = LinkStatus::Problem;

namespace {
QUrl baseOf(quint16 port) {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}
// A WebSocket server that does `onConnect` with each new connection.
struct WsServer {
    QWebSocketServer server{QStringLiteral("test"), QWebSocketServer::NonSecureMode};
    QList<QWebSocket*> sockets;
    std::function<void(QWebSocket*)> onConnect;
    WsServer() {
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QWebSocketServer::newConnection, [this] {
            while (QWebSocket* s = server.nextPendingConnection()) {
                sockets.append(s);
                if (onConnect) onConnect(s);
            }
        });
    }
    ~WsServer() { qDeleteAll(sockets); }
};
} // namespace

class TestTransport : public QObject {
    Q_OBJECT
private slots:
    void noServer() {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        LiveSource s(baseOf(port), "t");
        s.open();
        QTRY_COMPARE(s.linkStatus().problem, P::NoServer);
        QCOMPARE(s.state(), DataSource::State::Reconnecting);
        QVERIFY(s.linkStatus().retryAtMs > 0);
        QVERIFY(linkStatusText(s.linkStatus(), "127.0.0.1", QDateTime::currentMSecsSinceEpoch())
                    .contains("No server answers"));
    }
    void wrongUrl() {
        // Something answers HTTP, but not the ops stream.
        QTcpServer http;
        QVERIFY(http.listen(QHostAddress::LocalHost, 0));
        connect(&http, &QTcpServer::newConnection, this, [&http] {
            QTcpSocket* c = http.nextPendingConnection();
            connect(c, &QTcpSocket::readyRead, c, [c] {
                c->readAll();
                c->write(
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                c->disconnectFromHost();
            });
        });
        LiveSource s(baseOf(http.serverPort()), "t");
        s.open();
        QTRY_COMPARE(s.linkStatus().problem, P::NotFound);
        QCOMPARE(s.linkStatus().httpStatus, 404);
        const QString text =
            linkStatusText(s.linkStatus(), "127.0.0.1", QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(text.contains("HTTP 404") && !text.contains("QWebSocketPrivate"),
                 qPrintable(text));
    }
    void refusedTokenIsNotRetried_data() {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("problem");
        QTest::newRow("refused") << "invalid operator token" << int(P::TokenRefused);
        QTest::newRow("revoked") << "operator token revoked" << int(P::TokenRevoked);
    }
    void refusedTokenIsNotRetried() {
        QFETCH(QString, reason);
        QFETCH(int, problem);
        WsServer ws;
        int connections = 0;
        ws.onConnect = [&](QWebSocket* s) {
            ++connections;
            s->close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
        };
        LiveSource s(baseOf(ws.server.serverPort()), "bad");
        QSignalSpy states(&s, &DataSource::stateChanged);
        s.open();
        QTRY_COMPARE(int(s.linkStatus().problem), problem);
        QCOMPARE(s.state(), DataSource::State::Disconnected);
        QVERIFY(s.linkStatus().needsNewToken());
        QTest::qWait(1500); // a retry would have happened by now
        QCOMPARE(connections, 1);
        // Never "connected": a refused token is not a connection.
        for (const auto& args : states)
            QVERIFY(args.at(0).value<DataSource::State>() != DataSource::State::Connected);
    }
    void serverRestartingAndFrozen() {
        WsServer ws;
        ws.onConnect = [](QWebSocket* s) {
            s->sendTextMessage(R"({"type":"hello","protocol":1})");
        };
        LiveSource s(baseOf(ws.server.serverPort()), "t");
        s.setLinkLossThresholdMs(600);
        s.open();
        QTRY_COMPARE(s.state(), DataSource::State::Connected);
        QCOMPARE(s.linkStatus().problem, P::None);
        QVERIFY(s.linkStatus().lastFrameMs > 0);
        // Nothing more arrives: frozen, with the time since the last frame.
        QTRY_COMPARE_WITH_TIMEOUT(s.linkStatus().problem, P::Frozen, 4000);
        const QString text =
            linkStatusText(s.linkStatus(), "127.0.0.1", s.linkStatus().lastFrameMs + 17'000);
        QVERIFY2(text.contains("stopped answering") && text.contains("No data for 17 s"),
                 qPrintable(text));
        // It comes back (the hello again), then says it is stopping and closes 1001.
        QTRY_COMPARE_WITH_TIMEOUT(s.state(), DataSource::State::Connected, 5000);
        ws.onConnect = nullptr;
        QWebSocket* last = ws.sockets.last();
        last->close(QWebSocketProtocol::CloseCodeGoingAway, "server stopping");
        QTRY_COMPARE(s.linkStatus().problem, P::ServerRestarting);
        QCOMPARE(s.state(), DataSource::State::Reconnecting);
    }
    void oneSentencePerCause() {
        QSet<QString> seen;
        for (P p : {P::Connecting, P::NoServer, P::NotFound, P::HttpError, P::Tls, P::TokenRefused,
                    P::TokenRevoked, P::ServerRestarting, P::Frozen, P::TooSlow, P::Lost}) {
            LinkStatus s;
            s.problem = p;
            s.httpStatus = 500;
            const QString text = linkStatusText(s, "host:8080", 0);
            QVERIFY(!text.isEmpty());
            QVERIFY2(!seen.contains(text), qPrintable(text));
            seen.insert(text);
        }
        LinkStatus none;
        QVERIFY(linkStatusText(none, "x", 0).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
