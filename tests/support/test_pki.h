// A small PKI made at test time with the `openssl` command (no certificate is committed): a test
// CA, server certificates it signs (or self-signed ones) for 127.0.0.1 and localhost, and their
// SHA-256 fingerprints. Used by the server's and the console's TLS suites.
#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace sluice::test {

class TestPki {
public:
    explicit TestPki(QString dir) : m_dir(std::move(dir)) {}

    // One line of the openssl command in `dir`; false (its output in a warning) when it fails.
    static bool openssl(const QStringList& args, const QString& dir);
    // The SHA-256 fingerprint of the first certificate of a PEM file, lower-case hex ("" if none).
    static QByteArray fingerprint(const QString& pemFile);

    // ca.key and ca.pem: a CA certificate valid for two days.
    bool makeCa();
    // NAME.key and NAME.pem for 127.0.0.1, localhost and `extraIp` (if any), signed by `signer`
    // (its .key and .pem in the folder), or self-signed (CN=rogue) when `signer` is empty.
    bool makeServerCert(const QString& name, const QString& signer = QStringLiteral("ca"),
                        const QString& extraIp = {});
    QString path(const QString& name) const { return m_dir + QLatin1Char('/') + name; }

private:
    QString m_dir;
};

} // namespace sluice::test
