// TLS on the one port (issue 11): a real sluice-server with a certificate made at test time by
// the `openssl` command, real TLS clients (Qt's QSslSocket, QNetworkAccessManager, QWebSocket,
// `openssl s_client`): https and wss work against the test CA, TLS 1.1 and non-forward-secret
// ciphers are refused, SIGHUP swaps the certificate (a broken one keeps the old), bad files stop
// the start with one clear line, and an operator token never crosses plain HTTP except from
// loopback.
#include "ops_test_client.h"
#include "support/server_process.h"
#include "support/test_pki.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>

using namespace sluice::test;

namespace {

// The first IPv4 address of this machine that is not loopback ("" when it has none).
QString nonLoopbackAddress() {
    for (const QHostAddress& a : QNetworkInterface::allAddresses())
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback()) return a.toString();
    return {};
}

struct Answer {
    int status = 0;
    QByteArray head, body;
};

// One raw HTTP/1.1 exchange over plain TCP: the status line and headers exactly as sent.
Answer rawHttp(const QString& host, uint16_t port, const QByteArray& request) {
    QTcpSocket s;
    s.connectToHost(host, port);
    Answer a;
    if (!s.waitForConnected(5000)) return a;
    s.write(request);
    QByteArray all;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000) {
        if (!s.waitForReadyRead(200) && s.state() != QAbstractSocket::ConnectedState) break;
        all += s.readAll();
        const int end = all.indexOf("\r\n\r\n");
        if (end < 0) continue;
        a.head = all.left(end);
        const QByteArray lengthKey = "\ncontent-length:";
        const int cl = a.head.toLower().indexOf(lengthKey);
        const int length =
            cl < 0 ? 0 : a.head.mid(cl + lengthKey.size()).split('\r').first().trimmed().toInt();
        if (all.size() >= end + 4 + length) {
            a.body = all.mid(end + 4, length);
            break;
        }
    }
    const QList<QByteArray> first = a.head.split('\r').value(0).split(' ');
    a.status = first.value(1).toInt();
    return a;
}

} // namespace

class TstTls : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_caFile, m_extra; // m_extra: the non-loopback address (may be empty)
    std::unique_ptr<ServerProcess> m_server;
    QString m_token;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    // A key and a certificate for 127.0.0.1, localhost and this machine's address, signed by
    // the test CA (or self-signed when `signer` is empty).
    bool makeServerCert(const QString& name, const QString& signer = QStringLiteral("ca")) {
        return TestPki(m_dir.path()).makeServerCert(name, signer, m_extra);
    }

    // kOpsTestConfig with server.tls added.
    static std::string configWithTls(const QString& cert, const QString& key,
                                     const char* plainHttp = "loopback") {
        QJsonObject cfg = QJsonDocument::fromJson(kOpsTestConfig).object();
        QJsonObject tls{{"certificate_file", cert},
                        {"key_file", key},
                        {"plain_http", QString::fromLatin1(plainHttp)}};
        cfg.insert("server", QJsonObject{{"tls", tls}});
        return QJsonDocument(cfg).toJson(QJsonDocument::Compact).toStdString();
    }

    QSslConfiguration trustingTestCa() const {
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        c.setCaCertificates(QSslCertificate::fromPath(m_caFile));
        return c;
    }

    // SHA-256 of the certificate a fresh TLS connection is shown ("" if the handshake fails).
    QByteArray presentedFingerprint(uint16_t port) {
        QSslSocket s;
        s.setSslConfiguration(trustingTestCa());
        s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        if (!s.waitForEncrypted(5000)) return {};
        return s.peerCertificate().digest(QCryptographicHash::Sha256).toHex();
    }
    static QByteArray fileFingerprint(const QString& pem) { return TestPki::fingerprint(pem); }

    // `openssl s_client` with extra options; true when a TLS session was established.
    bool sClientConnects(uint16_t port, const QStringList& extra) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("openssl"),
                QStringList{"s_client", "-connect", QString("127.0.0.1:%1").arg(port), "-brief",
                            "-CAfile", m_caFile} +
                    extra);
        p.closeWriteChannel();
        if (!p.waitForFinished(15'000)) {
            p.kill();
            p.waitForFinished();
            return false;
        }
        const QByteArray out = p.readAll();
        return p.exitCode() == 0 && out.contains("CONNECTION ESTABLISHED");
    }

    static std::pair<int, QByteArray> httpsGet(const QUrl& url, const QSslConfiguration& ssl,
                                               const QByteArray& token = {}) {
        QNetworkAccessManager nam;
        QNetworkRequest req(url);
        req.setSslConfiguration(ssl);
        if (!token.isEmpty()) req.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply* reply = nam.get(req);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QByteArray body = reply->error() == QNetworkReply::NoError || status > 0
                              ? reply->readAll()
                              : reply->errorString().toUtf8();
        reply->deleteLater();
        return {status, body};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QFAIL("the openssl command is missing (scripts/install-deps.sh installs it)");
        QVERIFY(QSslSocket::supportsSsl());
        m_extra = nonLoopbackAddress();
        QVERIFY(TestPki(m_dir.path()).makeCa());
        m_caFile = path("ca.pem");
        QVERIFY(makeServerCert("server"));
        QVERIFY(makeServerCert("second"));
        QVERIFY(makeServerCert("rogue", QString()));
        // The served files are copies, so the reload test can replace them in place.
        QVERIFY(QFile::copy(path("server.pem"), path("live.pem")));
        QVERIFY(QFile::copy(path("server.key"), path("live.key")));

        ServerProcess::Options o;
        o.config = configWithTls(path("live.pem"), path("live.key"));
        o.listenHost = QStringLiteral("0.0.0.0");
        m_server = std::make_unique<ServerProcess>(o);
        QVERIFY2(m_server->start(), m_server->output().constData());
        QTRY_VERIFY_WITH_TIMEOUT(m_server->output().contains("TLS on: certificate"), 5000);
        QVERIFY2(m_server->output().contains(fileFingerprint(path("server.pem")).toUpper()) ||
                     m_server->output().contains(fileFingerprint(path("server.pem"))),
                 "the start log names the certificate's SHA-256 fingerprint");
        m_token = addOperator(*m_server, "tina", "operator");
        QVERIFY(!m_token.isEmpty());
    }

    void httpsAndWssAgainstTheTestCa() {
        const QString base = QString("https://127.0.0.1:%1").arg(m_server->port());
        auto [status, body] = httpsGet(QUrl(base + "/v1/queue/53-54/status"), trustingTestCa());
        QCOMPARE(status, 200);
        QVERIFY2(body.contains("\"serving\""), body.constData());
        // Without the test CA the certificate is not trusted: no answer at all.
        auto [untrusted, err] = httpsGet(QUrl(base + "/v1/queue/53-54/status"),
                                         QSslConfiguration::defaultConfiguration());
        QCOMPARE(untrusted, 0);
        QVERIFY(!err.isEmpty());
        // The operator's audit endpoint and stream over TLS.
        auto [audit, auditBody] =
            httpsGet(QUrl(base + "/v1/ops/audit"), trustingTestCa(), m_token.toUtf8());
        QCOMPARE(audit, 200);
        OpsClient console;
        console.ws.setSslConfiguration(trustingTestCa());
        QNetworkRequest req(
            QUrl(QString("wss://127.0.0.1:%1/v1/ops/stream").arg(m_server->port())));
        req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        console.ws.open(req);
        QVERIFY(console.waitConnected());
        QVERIFY(console.waitFrames(1));
        QCOMPARE(console.frames.front().value("type").toString(), QString("hello"));
        console.ws.close();
        // Plain HTTP from loopback still works (the readiness probe used it).
        auto local = rawHttp("127.0.0.1", m_server->port(),
                             "GET /v1/queue/53-54/status HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(local.status, 200);
    }

    void oldProtocolsAndWeakCiphersAreRefused() {
        const uint16_t port = m_server->port();
        QVERIFY(sClientConnects(port, {"-tls1_3"})); // control
        QVERIFY(sClientConnects(port, {"-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"}));
        QVERIFY(!sClientConnects(port, {"-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"}));
        QVERIFY(!sClientConnects(port, {"-tls1_2", "-cipher", "AES128-SHA"})); // no forward secrecy
        QVERIFY(!sClientConnects(port, {"-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA"})); // CBC
        // A client that speaks garbage after a ClientHello-looking byte is counted and closed.
        QTcpSocket s;
        s.connectToHost("127.0.0.1", port);
        QVERIFY(s.waitForConnected(3000));
        s.write(QByteArray("\x16\x03\x01\x00\x05hello", 10));
        QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            metricValue(rawHttp("127.0.0.1", port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
                            .body.toStdString(),
                        "sluice_http_tls_handshake_failures_total") >= 1,
            5000);
    }

    void plainHttpFromElsewhereIsRedirectedOrRefused() {
        if (m_extra.isEmpty()) QSKIP("this machine has no non-loopback IPv4 address");
        const uint16_t port = m_server->port();
        auto get = rawHttp(m_extra, port,
                           "GET /v1/queue/53-54/status?x=1 HTTP/1.1\r\nHost: " + m_extra.toUtf8() +
                               ":" + QByteArray::number(port) + "\r\n\r\n");
        QCOMPARE(get.status, 308);
        QVERIFY2(get.head.contains("https://" + m_extra.toUtf8() + ":" + QByteArray::number(port) +
                                   "/v1/queue/53-54/status?x=1"),
                 get.head.constData());
        auto post = rawHttp(m_extra, port,
                            "POST /v1/queue/53-54/join HTTP/1.1\r\nHost: x\r\nContent-Length: "
                            "2\r\n\r\n{}");
        QCOMPARE(post.status, 403);
        QVERIFY2(post.body.contains("tls_required"), post.body.constData());
        // The same address over TLS is served.
        auto [status, body] =
            httpsGet(QUrl(QString("https://%1:%2/v1/queue/53-54/status").arg(m_extra).arg(port)),
                     trustingTestCa());
        QCOMPARE(status, 200);
    }

    // With or without TLS configured, an operator token is only taken over TLS or loopback.
    void operatorTokensNeedTlsAwayFromLoopback() {
        if (m_extra.isEmpty()) QSKIP("this machine has no non-loopback IPv4 address");
        ServerProcess::Options o;
        o.config = kOpsTestConfig; // no TLS at all
        o.listenHost = QStringLiteral("0.0.0.0");
        ServerProcess plain(o);
        QVERIFY2(plain.start(), plain.output().constData());
        const QString token = addOperator(plain, "pat", "operator");
        QVERIFY(!token.isEmpty());
        const std::pair<ServerProcess*, QString> servers[] = {{&plain, token},
                                                              {m_server.get(), m_token}};
        for (const auto& [server, serverToken] : servers) {
            const QByteArray auth = "Authorization: Bearer " + serverToken.toUtf8() + "\r\n";
            const QByteArray audit = "GET /v1/ops/audit HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n";
            const QByteArray upgrade =
                "GET /v1/ops/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: "
                "Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: "
                "13\r\n" +
                auth + "\r\n";
            const uint16_t port = server->port();
            auto remoteAudit = rawHttp(m_extra, port, audit);
            QCOMPARE(remoteAudit.status, 403);
            QVERIFY2(remoteAudit.body.contains("tls_required"), remoteAudit.body.constData());
            QCOMPARE(rawHttp(m_extra, port, upgrade).status, 403);
            // Loopback is trusted: the same requests are served there.
            QCOMPARE(rawHttp("127.0.0.1", port, audit).status, 200);
            QCOMPARE(rawHttp("127.0.0.1", port, upgrade).status, 101);
        }
        // Citizens' plain HTTP is untouched when TLS is not configured.
        QCOMPARE(
            rawHttp(m_extra, plain.port(), "GET /v1/queue/53-54/status HTTP/1.1\r\nHost: x\r\n\r\n")
                .status,
            200);
    }

    void sighupReloadsTheCertificate() {
        const uint16_t port = m_server->port();
        QCOMPARE(presentedFingerprint(port), fileFingerprint(path("server.pem")));
        // Replace the files in place and send SIGHUP: new connections see the new certificate.
        QVERIFY(QFile::remove(path("live.pem")) && QFile::remove(path("live.key")));
        QVERIFY(QFile::copy(path("second.pem"), path("live.pem")));
        QVERIFY(QFile::copy(path("second.key"), path("live.key")));
        QCOMPARE(::kill(static_cast<pid_t>(m_server->pid()), SIGHUP), 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_server->output().contains("TLS reloaded"), 5000);
        QCOMPARE(presentedFingerprint(port), fileFingerprint(path("second.pem")));
        // A broken certificate file: the reload fails loudly, the previous one stays in use.
        {
            QFile f(path("live.pem"));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        }
        QCOMPARE(::kill(static_cast<pid_t>(m_server->pid()), SIGHUP), 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_server->output().contains("TLS reload failed, the previous certificate stays in use"),
            5000);
        QCOMPARE(presentedFingerprint(port), fileFingerprint(path("second.pem")));
        // A key that does not belong to the certificate is refused the same way.
        QVERIFY(QFile::remove(path("live.pem")));
        QVERIFY(QFile::copy(path("server.pem"), path("live.pem")));
        const int failuresBefore = m_server->output().count("TLS reload failed");
        QCOMPARE(::kill(static_cast<pid_t>(m_server->pid()), SIGHUP), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->output().count("TLS reload failed"), failuresBefore + 1,
                                  5000);
        QCOMPARE(presentedFingerprint(port), fileFingerprint(path("second.pem")));
        QVERIFY(m_server->running());
    }

    void aRogueCertificateIsNotTrusted() {
        // A server presenting a self-signed certificate for the same names fails verification.
        ServerProcess::Options o;
        o.config = configWithTls(path("rogue.pem"), path("rogue.key"));
        ServerProcess rogue(o);
        QVERIFY2(rogue.start(), rogue.output().constData());
        QCOMPARE(presentedFingerprint(rogue.port()), QByteArray());
        auto [status, err] =
            httpsGet(QUrl(QString("https://127.0.0.1:%1/v1/queue/53-54/status").arg(rogue.port())),
                     trustingTestCa());
        QCOMPARE(status, 0);
    }

    void badFilesStopTheStartWithOneLine() {
        auto startWith = [&](const QString& cert, const QString& key) {
            QFile cfg(path("bad.json"));
            cfg.open(QIODevice::WriteOnly | QIODevice::Truncate);
            cfg.write(QByteArray::fromStdString(configWithTls(cert, key)));
            cfg.close();
            return ServerProcess::runServerBinary({"--config", path("bad.json"), "--data-dir",
                                                   path("bad-data"), "--listen", "127.0.0.1:0"},
                                                  10'000);
        };
        auto oneLine = [](const CliResult& r, const QString& needle) {
            QCOMPARE(r.exitCode, 1);
            const QString err = r.err.trimmed();
            QVERIFY2(!err.contains('\n'), qPrintable(err));
            QVERIFY2(err.contains(needle), qPrintable(err + " lacks " + needle));
        };
        oneLine(startWith(path("missing.pem"), path("server.key")), "missing.pem");
        oneLine(startWith(path("server.pem"), path("missing.key")), "missing.key");
        oneLine(startWith(path("server.pem"), path("second.key")),
                "does not belong to the certificate");
        oneLine(startWith(path("server.ext"), path("server.key")), "server.ext");
        QFile cfg(path("bad.json"));
        QVERIFY(cfg.open(QIODevice::WriteOnly | QIODevice::Truncate));
        cfg.write(QByteArray::fromStdString(
            configWithTls(path("server.pem"), path("server.key"), "sometimes")));
        cfg.close();
        oneLine(ServerProcess::runServerBinary(
                    {"--config", path("bad.json"), "--data-dir", path("bad-data")}, 10'000),
                "server.tls.plain_http");
    }

    void cleanupTestCase() {
        if (m_server) QVERIFY(m_server->terminate());
    }
};

QTEST_MAIN(TstTls)
#include "tst_tls.moc"
