// Test-time certificates (see test_pki.h).
#include "support/test_pki.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>

namespace sluice::test {

bool TestPki::openssl(const QStringList& args, const QString& dir) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(20'000) || p.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(args.join(' ')), p.readAll().constData());
        return false;
    }
    return true;
}

QByteArray TestPki::fingerprint(const QString& pemFile) {
    const auto certs = QSslCertificate::fromPath(pemFile);
    return certs.isEmpty() ? QByteArray()
                           : certs.first().digest(QCryptographicHash::Sha256).toHex();
}

bool TestPki::makeCa() {
    return openssl({"ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key"},
                   m_dir) &&
           openssl({"req", "-x509", "-new", "-key", "ca.key", "-sha256", "-days", "2", "-subj",
                    "/CN=Sluice test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign", "-out", "ca.pem"},
                   m_dir);
}

bool TestPki::makeServerCert(const QString& name, const QString& signer, const QString& extraIp) {
    QString san = QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost");
    if (!extraIp.isEmpty()) san += ",IP:" + extraIp;
    QFile ext(path(name + ".ext"));
    if (!ext.open(QIODevice::WriteOnly)) return false;
    ext.write((san + "\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n").toUtf8());
    ext.close();
    if (!openssl({"ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name + ".key"},
                 m_dir))
        return false;
    if (signer.isEmpty())
        return openssl({"req", "-x509", "-new", "-key", name + ".key", "-sha256", "-days", "2",
                        "-subj", "/CN=rogue", "-addext", san, "-out", name + ".pem"},
                       m_dir);
    return openssl({"req", "-new", "-key", name + ".key", "-subj", "/CN=localhost", "-out",
                    name + ".csr"},
                   m_dir) &&
           openssl({"x509", "-req", "-in", name + ".csr", "-CA", signer + ".pem", "-CAkey",
                    signer + ".key", "-CAcreateserial", "-days", "2", "-sha256", "-extfile",
                    name + ".ext", "-out", name + ".pem"},
                   m_dir);
}

} // namespace sluice::test
