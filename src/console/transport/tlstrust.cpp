// Trusting a server's TLS certificate (see tlstrust.h).
#include "console/transport/tlstrust.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

namespace sluice::console {

namespace {
// What a fingerprint pin stands in for: the questions a CA would answer (who signed it, is it
// for this name). Time validity, revocation and broken signatures are not among them.
bool pinExcuses(QSslError::SslError e) {
    switch (e) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::HostNameMismatch:
        return true;
    default:
        return false;
    }
}
} // namespace

std::optional<QByteArray> TlsTrust::parsePin(const QString& text) {
    QString hex = text.trimmed();
    if (hex.startsWith(QLatin1String("sha256"), Qt::CaseInsensitive)) {
        // `openssl x509 -fingerprint -sha256` prints "sha256 Fingerprint=AB:CD:…".
        const int eq = hex.indexOf(QLatin1Char('='));
        if (eq >= 0) hex = hex.mid(eq + 1);
    }
    hex.remove(QLatin1Char(':'));
    hex.remove(QLatin1Char(' '));
    if (hex.size() != 64) return std::nullopt;
    for (const QChar c : hex)
        if (!c.isDigit() && !(c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f')))
            return std::nullopt;
    return QByteArray::fromHex(hex.toLatin1());
}

QString TlsTrust::fingerprint(const QSslCertificate& cert) {
    return QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

std::optional<TlsTrust> TlsTrust::load(const QString& caFile, const QString& pin, QString* error) {
    TlsTrust t;
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return std::nullopt;
    };
    if (!caFile.isEmpty()) {
        QFile f(caFile);
        if (!f.open(QIODevice::ReadOnly))
            return fail(QCoreApplication::translate("TlsTrust", "cannot read the CA file %1: %2")
                            .arg(caFile, f.errorString()));
        t.m_cas = QSslCertificate::fromData(f.readAll(), QSsl::Pem);
        if (t.m_cas.isEmpty())
            return fail(
                QCoreApplication::translate("TlsTrust", "the CA file %1 holds no PEM certificate")
                    .arg(caFile));
        t.m_caFile = QFileInfo(caFile).absoluteFilePath();
    }
    if (!pin.trimmed().isEmpty()) {
        const auto digest = parsePin(pin);
        if (!digest)
            return fail(QCoreApplication::translate(
                            "TlsTrust",
                            "not a SHA-256 certificate fingerprint: %1 (expected 64 hex digits, "
                            "as `openssl x509 -noout -fingerprint -sha256 -in CERT` prints them)")
                            .arg(pin));
        t.m_pin = *digest;
    }
    return t;
}

QSslConfiguration TlsTrust::configuration() const {
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setProtocol(QSsl::TlsV1_2OrLater);
    c.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_pin.isEmpty())
        c.setCaCertificates({}); // every handshake reaches accepts(): the pin decides
    else if (!m_cas.isEmpty())
        c.setCaCertificates(m_cas);
    return c;
}

bool TlsTrust::accepts(const QList<QSslError>& errors, const QSslCertificate& peer,
                       QString* why) const {
    auto refuse = [why](const QString& text) {
        if (why) *why = text;
        return false;
    };
    if (m_pin.isEmpty()) {
        QStringList parts;
        for (const QSslError& e : errors)
            if (!parts.contains(e.errorString())) parts.append(e.errorString());
        QString text = parts.join(QStringLiteral("; "));
        if (!peer.isNull())
            text +=
                QLatin1String(" — ") +
                QCoreApplication::translate("TlsTrust", "certificate %1, issued by %2, SHA-256 %3")
                    .arg(peer.subjectDisplayName(), peer.issuerDisplayName(), fingerprint(peer));
        return refuse(text);
    }
    if (peer.isNull())
        return refuse(QCoreApplication::translate("TlsTrust", "the server showed no certificate"));
    if (peer.digest(QCryptographicHash::Sha256) != m_pin)
        return refuse(
            QCoreApplication::translate(
                "TlsTrust", "the server's certificate (SHA-256 %1) is not the pinned one (%2)")
                .arg(fingerprint(peer), QString::fromLatin1(m_pin.toHex(':').toUpper())));
    for (const QSslError& e : errors)
        if (!pinExcuses(e.error()))
            return refuse(
                QCoreApplication::translate("TlsTrust", "the pinned certificate is not usable: %1")
                    .arg(e.errorString()));
    return true;
}

} // namespace sluice::console
