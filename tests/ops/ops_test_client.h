// Test helpers for the operations stream: a QWebSocket console that records every frame, a
// raw-socket WebSocket client whose kernel buffers are tiny (to play a console that stops
// reading), and small helpers to start a server with operators.
#pragma once
#include "support/http_client.h"
#include "support/server_process.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>
#include <QWebSocket>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <optional>

namespace sluice::test {

inline QJsonObject parseObject(const QByteArray& bytes) {
    return QJsonDocument::fromJson(bytes).object();
}

// One console: connects, records frames with their arrival time, sends commands.
class OpsClient {
public:
    OpsClient() {
        QObject::connect(&ws, &QWebSocket::textMessageReceived, [this](const QString& m) {
            frames.push_back(parseObject(m.toUtf8()));
            arrivalsMs.push_back(clock.elapsed());
        });
        QObject::connect(&ws, &QWebSocket::connected, [this] { connected = true; });
        QObject::connect(&ws, &QWebSocket::disconnected, [this] { closed = true; });
        clock.start();
    }

    void open(uint16_t port, const QString& token, std::optional<qint64> since = {},
              bool header = true) {
        QString url = QString("ws://127.0.0.1:%1/v1/ops/stream").arg(port);
        if (since) url += QString("?since=%1").arg(*since);
        QNetworkRequest req{QUrl(url)};
        if (header && !token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        ws.open(req);
    }
    bool waitConnected(int ms = 5000) {
        return QTest::qWaitFor([&] { return connected || closed; }, ms) && connected;
    }
    bool waitClosed(int ms = 5000) {
        return QTest::qWaitFor([&] { return closed; }, ms);
    }
    bool waitFrames(int n, int ms = 5000) {
        return QTest::qWaitFor([&] { return frames.size() >= n; }, ms);
    }
    // First frame at index >= from matching pred.
    std::optional<QJsonObject> waitFor(const std::function<bool(const QJsonObject&)>& pred,
                                       int ms = 5000, int from = 0) {
        std::optional<QJsonObject> found;
        (void)QTest::qWaitFor(
            [&] {
                for (int i = from; i < frames.size(); ++i)
                    if (pred(frames[i])) {
                        found = frames[i];
                        return true;
                    }
                return false;
            },
            ms);
        return found;
    }
    std::optional<QJsonObject> waitType(const QString& type, int ms = 5000, int from = 0) {
        return waitFor([&](const QJsonObject& o) { return o["type"].toString() == type; }, ms,
                       from);
    }
    void sendJson(const QJsonObject& o) {
        ws.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    }
    // Sends a command and waits for its ack or nack.
    QJsonObject command(const QString& id, const QString& op, const QJsonObject& args,
                        int ms = 10'000) {
        int from = frames.size();
        sendJson(QJsonObject{{"type", "command"}, {"id", id}, {"op", op}, {"args", args}});
        auto a = waitFor(
            [&](const QJsonObject& o) {
                return (o["type"] == "ack" || o["type"] == "nack") && o["id"].toString() == id;
            },
            ms, from);
        return a.value_or(QJsonObject{{"type", "timeout"}});
    }
    QList<QJsonObject> ofType(const QString& type) const {
        QList<QJsonObject> out;
        for (const auto& f : frames)
            if (f["type"].toString() == type) out.push_back(f);
        return out;
    }
    qint64 lastSeq() const {
        qint64 s = -1;
        for (const auto& f : frames)
            if (f.contains("seq")) s = std::max<qint64>(s, f["seq"].toInteger());
        return s;
    }

    QWebSocket ws;
    QList<QJsonObject> frames;
    QList<qint64> arrivalsMs;
    QElapsedTimer clock;
    bool connected = false, closed = false;
};

// A WebSocket client on a socket with a tiny receive buffer that can stop reading at will.
class RawWsClient {
public:
    ~RawWsClient() { delete sock; }
    bool connectTo(uint16_t port, const QString& token, int rcvbuf = 4096) {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) return false;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(fd);
            return false;
        }
        sock = new QTcpSocket;
        if (!sock->setSocketDescriptor(fd)) return false;
        QByteArray req = "GET /v1/ops/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " +
                         token.toUtf8() + "\r\n\r\n";
        sock->write(req);
        sock->flush();
        QByteArray head;
        bool ok = QTest::qWaitFor(
            [&] {
                head += sock->read(1); // byte by byte: leave the frames in the socket
                while (sock->bytesAvailable() && !head.endsWith("\r\n\r\n"))
                    head += sock->read(1);
                return head.endsWith("\r\n\r\n");
            },
            5000);
        return ok && head.startsWith("HTTP/1.1 101");
    }
    // Stops reading: Qt keeps at most 1 KiB, then the tiny kernel buffers fill up.
    void stopReading() { sock->setReadBufferSize(1024); }
    // Reads complete frames for up to `ms` (or until `n` text frames were read).
    void readFor(int ms, int n = 1 << 30) {
        sock->setReadBufferSize(0);
        QElapsedTimer t;
        t.start();
        int got = 0;
        while (t.elapsed() < ms && got < n && !eof) {
            QTest::qWait(5);
            buffer += sock->readAll();
            if (sock->state() != QAbstractSocket::ConnectedState && sock->bytesAvailable() == 0)
                eof = true;
            while (parseOne())
                ++got;
        }
    }
    QList<QJsonObject> frames;
    bool eof = false;
    int closeCode = 0;
    QString closeReason;
    QTcpSocket* sock = nullptr;

private:
    bool parseOne() {
        if (buffer.size() < 2) return false;
        auto b0 = static_cast<unsigned char>(buffer[0]), b1 = static_cast<unsigned char>(buffer[1]);
        qint64 len = b1 & 0x7f;
        int off = 2;
        if (len == 126) {
            if (buffer.size() < 4) return false;
            len = (static_cast<unsigned char>(buffer[2]) << 8) |
                  static_cast<unsigned char>(buffer[3]);
            off = 4;
        } else if (len == 127) {
            if (buffer.size() < 10) return false;
            len = 0;
            for (int i = 0; i < 8; ++i)
                len = (len << 8) | static_cast<unsigned char>(buffer[2 + i]);
            off = 10;
        }
        if (buffer.size() < off + len) return false;
        QByteArray payload = buffer.mid(off, len);
        buffer.remove(0, off + len);
        int opcode = b0 & 0x0f;
        if (opcode == 1) frames.push_back(parseObject(payload));
        if (opcode == 8 && payload.size() >= 2) {
            closeCode = (static_cast<unsigned char>(payload[0]) << 8) |
                        static_cast<unsigned char>(payload[1]);
            closeReason = QString::fromUtf8(payload.mid(2));
        }
        return true;
    }
    QByteArray buffer;
};

// `sluice-server operator add NAME --role ROLE`; returns the token (last line) or "".
inline QString addOperator(const ServerProcess& server, const QString& name, const QString& role) {
    CliResult r = server.cli({"operator", "add", name, "--role", role});
    if (r.exitCode != 0)
        qWarning("operator add failed: %s %s", qPrintable(r.out), qPrintable(r.err));
    return r.exitCode == 0 ? r.lastLine().trimmed() : QString();
}

// Value of a Prometheus sample line `name{labels} value` (0 when absent).
inline double metricValue(const std::string& text, const std::string& series) {
    std::size_t pos = 0;
    while ((pos = text.find(series, pos)) != std::string::npos) {
        if (pos == 0 || text[pos - 1] == '\n') {
            std::size_t sp = pos + series.size();
            if (sp < text.size() && text[sp] == ' ') return std::stod(text.substr(sp + 1));
        }
        pos += series.size();
    }
    return 0;
}

inline const char* kOpsTestConfig =
    R"({"cohorts":[{"id":"53-54","label":{"ko":"53–54세","en":"Ages 53–54"},
 "birth_year_from":1967,"birth_year_to":1968,"prequeue_opens":"-1m","opens":"-1s",
 "rate_per_s":100,"max_active":1000}], "ops": {"tick_ms": 100, "history_frames": 64, "auth_timeout_ms": 1500}})";

} // namespace sluice::test
