// The audit log's signed anchor (GET /v1/ops/audit/checkpoint, docs/operators.md): fetched
// with the operator's token, shown in the console's status bar and saved to a file that an
// operator keeps outside the server (`sluice-server audit verify --checkpoint FILE`).
#pragma once
#include "console/transport/tlstrust.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <optional>

class QNetworkReply;

namespace sluice::console {

struct AuditCheckpoint {
    qint64 row = 0;  // the newest audit row (0: an empty log)
    QString hash;    // its chain hash (hex)
    qint64 atMs = 0; // when the server signed it
    QString node;    // the server node
    QString mac;     // HMAC under the data folder's audit key
    QByteArray json; // the answer as the server sent it: what is saved
};

// Parses the server's answer; nullopt with `error` set when it is not a checkpoint.
std::optional<AuditCheckpoint> parseAuditCheckpoint(const QByteArray& body, QString* error);

class AuditCheckpointFetcher : public QObject {
    Q_OBJECT
public:
    explicit AuditCheckpointFetcher(QObject* parent = nullptr);
    // One request at a time: a fetch while one is running is ignored.
    void fetch(const QUrl& baseUrl, const QString& token, const TlsTrust& tls = {});
    bool busy() const { return !m_reply.isNull(); }
    static QUrl checkpointUrl(const QUrl& baseUrl);

signals:
    void fetched(const sluice::console::AuditCheckpoint& checkpoint);
    void failed(const QString& message);

private:
    QNetworkAccessManager m_nam;
    QPointer<QNetworkReply> m_reply;
    QString m_sslDetail; // why the last certificate was refused
};

} // namespace sluice::console
