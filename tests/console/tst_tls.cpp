// The console over TLS against a REAL sluice-server speaking https/wss with certificates made at
// test time by the `openssl` command: connecting with the agency's CA file, refusing a server the
// system store does not trust with a clear banner, connecting to a pinned certificate whoever
// signed it, refusing a certificate that is not the pinned one inside the handshake so that a
// man in the middle (a QSslServer with another certificate of the same CA) never reads the
// operator token, the audit checkpoint fetched under the same rules, and bad --ca-file and
// --pin-sha256 values refused with one sentence.
#include "consoletestserver.h"
#include "support/test_pki.h"

#include "console/model/consolesession.h"
#include "console/transport/auditcheckpoint.h"
#include "console/transport/livesource.h"
#include "console/transport/tlstrust.h"
#include "console/views/auditcheckpointview.h"
#include "console/views/commandline.h"
#include "console/views/languagemanager.h"
#include "console/views/mainwindow.h"
#include "console/views/profilestore.h"

#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace sluice::console;
using namespace sluice::console::testing;
using sluice::test::ServerProcess;
using sluice::test::TestPki;

namespace {

TlsTrust trust(const QString& caFile, const QString& pin) {
    QString error;
    const auto t = TlsTrust::load(caFile, pin, &error);
    if (!t) qWarning("TlsTrust::load: %s", qPrintable(error));
    return t.value_or(TlsTrust{});
}

// The window as main() builds it: the trust first, then connectTo().
struct Console {
    ConsoleSession session;
    ProfileStore profiles;
    std::unique_ptr<MainWindow> window;

    Console(LanguageManager* lang, const QString& url, const QString& token, const TlsTrust& t) {
        window = std::make_unique<MainWindow>(&session, lang, &profiles);
        window->setTlsTrust(t);
        window->connectTo(QUrl(url), token);
        window->show();
    }
    LiveSource* live() const { return qobject_cast<LiveSource*>(window->source()); }
    bool ready(int ms = 15'000) {
        return QTest::qWaitFor([this] { return session.state().hasSnapshot(); }, ms);
    }
};

// A man in the middle: a TLS server with a certificate of its own that records every byte a
// client sends it after the handshake.
struct Impostor {
    QSslServer server;
    QByteArray received;
    int handshakes = 0;

    bool listen(const QString& certFile, const QString& keyFile) {
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        const auto certs = QSslCertificate::fromPath(certFile);
        QFile key(keyFile);
        if (certs.isEmpty() || !key.open(QIODevice::ReadOnly)) return false;
        c.setLocalCertificate(certs.first());
        c.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
        c.setPeerVerifyMode(QSslSocket::VerifyNone);
        server.setSslConfiguration(c);
        QObject::connect(&server, &QTcpServer::pendingConnectionAvailable, &server, [this] {
            while (QTcpSocket* s = server.nextPendingConnection()) {
                ++handshakes;
                QObject::connect(s, &QIODevice::readyRead, s,
                                 [this, s] { received += s->readAll(); });
            }
        });
        return server.listen(QHostAddress::LocalHost);
    }
    QString url() const { return QString("https://127.0.0.1:%1").arg(server.serverPort()); }
};

} // namespace

class TestConsoleTls : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<ServerProcess> m_server;
    LanguageManager* m_lang = nullptr;
    QString m_token;

    QString https() const { return QString("https://127.0.0.1:%1").arg(m_server->port()); }
    QString pinOf(const QString& pem) const {
        return QString::fromLatin1(TestPki::fingerprint(m_pki->path(pem)));
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("SluiceTest");
        QApplication::setApplicationName("tst_console_tls");
        m_lang = new LanguageManager(this);
        m_lang->setLanguage("en");
        QVERIFY(m_dir.isValid());
        QVERIFY(QSslSocket::supportsSsl());
        m_pki = std::make_unique<TestPki>(m_dir.path());
        QVERIFY(m_pki->makeCa());
        QVERIFY(m_pki->makeServerCert("server"));
        QVERIFY(m_pki->makeServerCert("impostor")); // same CA, another key
        QJsonObject cfg = QJsonDocument::fromJson(kConsoleTestConfig).object();
        cfg.insert("server",
                   QJsonObject{{"tls", QJsonObject{{"certificate_file", m_pki->path("server.pem")},
                                                   {"key_file", m_pki->path("server.key")}}}});
        ServerProcess::Options o;
        o.config = QJsonDocument(cfg).toJson(QJsonDocument::Compact).toStdString();
        m_server = std::make_unique<ServerProcess>(o);
        m_token = addOperator(*m_server, "kim", "operator");
        QVERIFY(!m_token.isEmpty());
        QVERIFY2(m_server->start(), m_server->output().constData());
    }

    void cleanupTestCase() {
        if (m_server && m_server->running()) m_server->terminate();
    }

    void connectsWithTheAgencyCa() {
        Console c(m_lang, https(), m_token, trust(m_pki->path("ca.pem"), {}));
        QCOMPARE(LiveSource::streamUrl(c.live()->baseUrl(), -1).scheme(), QStringLiteral("wss"));
        QVERIFY2(c.ready(), qPrintable(c.window->banner()->text()));
        QCOMPARE(c.session.state().hello().operatorName, QStringLiteral("kim"));
        // The audit anchor comes over https under the same trust.
        AuditCheckpointView* a = c.window->auditCheckpoint();
        QTRY_VERIFY2_WITH_TIMEOUT(a->checkpoint().has_value(), qPrintable(a->lastError()), 10'000);
    }

    void untrustedCertificateIsAClearError() {
        // The system store does not know the test CA: no connection, a red banner that says
        // why and which certificate was shown, never "connected".
        Console c(m_lang, https(), m_token, TlsTrust{});
        QTRY_COMPARE_WITH_TIMEOUT(c.live()->linkStatus().problem, LinkStatus::Problem::Tls, 10'000);
        const QString banner = c.window->banner()->text();
        QVERIFY2(banner.contains("secure connection") && banner.contains("Sluice test CA") &&
                     banner.contains(TlsTrust::fingerprint(
                         QSslCertificate::fromPath(m_pki->path("server.pem")).first())),
                 qPrintable(banner));
        QVERIFY(!c.session.state().hasSnapshot());
        QVERIFY(c.window->bannerFrame()->isVisible());
    }

    void pinnedCertificateConnectsWithoutItsCa() {
        // Only the pin: the CA is not known to the console at all.
        Console c(m_lang, https(), m_token, trust({}, pinOf("server.pem")));
        QVERIFY2(c.ready(), qPrintable(c.window->banner()->text()));
        AuditCheckpointView* a = c.window->auditCheckpoint();
        QTRY_VERIFY2_WITH_TIMEOUT(a->checkpoint().has_value(), qPrintable(a->lastError()), 10'000);
    }

    void anotherCertificateNeverSeesTheToken() {
        Impostor mitm;
        QVERIFY(mitm.listen(m_pki->path("impostor.pem"), m_pki->path("impostor.key")));
        {
            // Control: trusting the CA alone, the impostor (same CA, valid name) is believed and
            // reads the upgrade request with the token, so this test can see a leak.
            Console c(m_lang, mitm.url(), m_token, trust(m_pki->path("ca.pem"), {}));
            QTRY_VERIFY_WITH_TIMEOUT(mitm.received.contains(m_token.toUtf8()), 10'000);
        }
        mitm.received.clear();
        mitm.handshakes = 0;
        Console c(m_lang, mitm.url(), m_token,
                  trust(m_pki->path("ca.pem"), pinOf("server.pem").toUpper()));
        QTRY_COMPARE_WITH_TIMEOUT(c.live()->linkStatus().problem, LinkStatus::Problem::Tls, 10'000);
        const QString banner = c.window->banner()->text();
        QVERIFY2(banner.contains("not the pinned one"), qPrintable(banner));
        QTest::qWait(500);
        QCOMPARE(mitm.received, QByteArray());
        QCOMPARE(mitm.handshakes, 0);
        // The checkpoint request is held to the same pin.
        AuditCheckpointFetcher fetcher;
        QSignalSpy failed(&fetcher, &AuditCheckpointFetcher::failed);
        fetcher.fetch(QUrl(mitm.url()), m_token, trust({}, pinOf("server.pem")));
        QVERIFY(failed.wait(10'000));
        QVERIFY2(failed.first().first().toString().contains("not the pinned one"),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(mitm.received, QByteArray());
    }

    void badTrustSettingsAreRefusedWithOneSentence() {
        QString error;
        QVERIFY(!TlsTrust::load(m_dir.filePath("missing.pem"), {}, &error));
        QVERIFY2(error.contains("missing.pem"), qPrintable(error));
        QFile junk(m_dir.filePath("junk.pem"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a certificate\n");
        junk.close();
        QVERIFY(!TlsTrust::load(junk.fileName(), {}, &error));
        QVERIFY2(error.contains("no PEM certificate"), qPrintable(error));
        QVERIFY(!TlsTrust::load({}, "12:34", &error));
        QVERIFY2(error.contains("64 hex digits"), qPrintable(error));
        // Every spelling openssl and people use for the same fingerprint.
        const QString hex = pinOf("server.pem");
        const QString colons = QString::fromLatin1(QByteArray::fromHex(hex.toLatin1()).toHex(':'));
        for (const QString& spelling :
             {hex, hex.toUpper(), colons.toUpper(), "sha256 Fingerprint=" + colons.toUpper()})
            QCOMPARE(TlsTrust::parsePin(spelling).value_or(QByteArray()).toHex(), hex.toLatin1());
        const CommandLine bad = parseCommandLine({"sluice-console", "--pin-sha256", "abc"});
        QVERIFY2(bad.error.contains("--pin-sha256"), qPrintable(bad.error));
        const CommandLine good = parseCommandLine(
            {"sluice-console", "--connect", https(), "--ca-file", "ca.pem", "--pin-sha256", hex});
        QVERIFY2(good.error.isEmpty(), qPrintable(good.error));
        QCOMPARE(good.caFile, QStringLiteral("ca.pem"));
        QCOMPARE(good.pinSha256, hex);
    }
};

QTEST_MAIN(TestConsoleTls)
#include "tst_tls.moc"
