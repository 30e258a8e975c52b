// Which TLS certificates the console trusts for https:// (wss://) servers. By default the
// system's CA store, as a browser would. `--ca-file FILE` (or a profile's CA file) replaces it
// with the agency's own CA(s), as `curl --cacert` does. `--pin-sha256 FINGERPRINT` accepts
// exactly one certificate, the one with that SHA-256 fingerprint (as
// `openssl x509 -noout -fingerprint -sha256` prints it), whoever signed it and whatever name it
// carries — a fingerprint binds tighter than any CA — but an expired or not yet valid one is
// still refused. The check runs inside the TLS handshake, before the operator token is sent, so
// a wrong certificate never sees the token. Pure apart from reading the CA file.
#pragma once
#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

#include <optional>

namespace sluice::console {

class TlsTrust {
public:
    // Reads the CA file (PEM, one or more certificates) and parses the pin; either may be
    // empty. nullopt with `error` set (one sentence naming the file or the value) on failure.
    static std::optional<TlsTrust> load(const QString& caFile, const QString& pin, QString* error);
    // "AB:CD:…" or "abcd…" (64 hex digits, colons and spaces ignored); nullopt when not that.
    static std::optional<QByteArray> parsePin(const QString& text);
    // The SHA-256 fingerprint of `cert` as openssl prints it: "AB:CD:…".
    static QString fingerprint(const QSslCertificate& cert);

    bool isDefault() const { return m_caFile.isEmpty() && m_pin.isEmpty(); }
    const QString& caFile() const { return m_caFile; }
    const QByteArray& pin() const { return m_pin; }

    // The configuration for a socket or request to an https:// server. With a pin the CA store
    // is empty, so the handshake always stops at sslErrors, where accepts() decides.
    QSslConfiguration configuration() const;
    // Called from an sslErrors handler with the server's own (leaf) certificate: true when the
    // handshake may go on (a pin that `peer` matches, and no error a pin cannot excuse).
    // Otherwise false and `why` says what is wrong in one sentence.
    bool accepts(const QList<QSslError>& errors, const QSslCertificate& peer, QString* why) const;

    bool operator==(const TlsTrust&) const = default;

private:
    QString m_caFile;
    QList<QSslCertificate> m_cas;
    QByteArray m_pin; // 32 bytes, or empty
};

} // namespace sluice::console
