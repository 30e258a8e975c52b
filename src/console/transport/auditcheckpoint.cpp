// Fetching and parsing the audit checkpoint (see auditcheckpoint.h).
#include "console/transport/auditcheckpoint.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

namespace sluice::console {

std::optional<AuditCheckpoint> parseAuditCheckpoint(const QByteArray& body, QString* error) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error) *error = QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    AuditCheckpoint c;
    c.row = o.value(QStringLiteral("row")).toInteger(-1);
    c.hash = o.value(QStringLiteral("hash")).toString();
    c.atMs = o.value(QStringLiteral("at_ms")).toInteger(-1);
    c.node = o.value(QStringLiteral("node")).toString();
    c.mac = o.value(QStringLiteral("mac")).toString();
    c.json = body;
    QString what;
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("sluice-audit-checkpoint/1"))
        what = QStringLiteral("unknown format");
    else if (c.row < 0)
        what = QStringLiteral("no row");
    else if (c.row > 0 && !hex64.match(c.hash).hasMatch())
        what = QStringLiteral("no hash");
    else if (c.atMs < 0)
        what = QStringLiteral("no time");
    else if (!hex64.match(c.mac).hasMatch())
        what = QStringLiteral("no signature");
    if (!what.isEmpty()) {
        if (error) *error = what;
        return std::nullopt;
    }
    return c;
}

AuditCheckpointFetcher::AuditCheckpointFetcher(QObject* parent) : QObject(parent) {}

QUrl AuditCheckpointFetcher::checkpointUrl(const QUrl& baseUrl) {
    QUrl u = baseUrl;
    QString path = u.path();
    if (path.endsWith(QLatin1Char('/'))) path.chop(1);
    u.setPath(path + QStringLiteral("/v1/ops/audit/checkpoint"));
    u.setQuery(QString());
    return u;
}

void AuditCheckpointFetcher::fetch(const QUrl& baseUrl, const QString& token, const TlsTrust& tls) {
    if (busy()) return;
    m_sslDetail.clear();
    QUrl url = checkpointUrl(baseUrl);
    // The console's URL may name the stream's scheme (ws://, wss://).
    if (url.scheme() == QLatin1String("wss")) url.setScheme(QStringLiteral("https"));
    if (url.scheme() == QLatin1String("ws")) url.setScheme(QStringLiteral("http"));
    QNetworkRequest req(url);
    if (url.scheme() == QLatin1String("https")) req.setSslConfiguration(tls.configuration());
    req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    req.setTransferTimeout(10'000);
    m_reply = m_nam.get(req);
    QNetworkReply* reply = m_reply;
    // The same rule as the stream's (tlstrust.h), checked before the request is sent.
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply, tls](const QList<QSslError>& errors) {
                QString why;
                if (tls.accepts(errors, reply->sslConfiguration().peerCertificate(), &why))
                    reply->ignoreSslErrors();
                else
                    m_sslDetail = why;
            });
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && status == 0) {
            emit failed(m_sslDetail.isEmpty() ? reply->errorString() : m_sslDetail);
            m_sslDetail.clear();
            return;
        }
        if (status != 200) {
            const QString message = QJsonDocument::fromJson(body)
                                        .object()
                                        .value(QStringLiteral("error"))
                                        .toObject()
                                        .value(QStringLiteral("message"))
                                        .toString();
            emit failed(QStringLiteral("HTTP %1%2")
                            .arg(status)
                            .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message));
            return;
        }
        QString error;
        if (auto c = parseAuditCheckpoint(body, &error))
            emit fetched(*c);
        else
            emit failed(error);
    });
}

} // namespace sluice::console
