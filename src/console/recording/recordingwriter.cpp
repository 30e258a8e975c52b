// Writes a recording file (see recordingwriter.h).
#include "console/recording/recordingwriter.h"

#include "console/model/frameparser.h"
#include "console/recording/recordingformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QUuid>
#include <QVariant>

namespace sluice::console::recording {

struct RecordingWriter::Db {
    QString name;
    QSqlDatabase db;
    std::unique_ptr<QSqlQuery> insertFrame, insertKeyframe, insertMeta;
};

RecordingWriter::RecordingWriter() = default;
RecordingWriter::~RecordingWriter() {
    close();
}

bool RecordingWriter::isOpen() const {
    return m_db != nullptr;
}

bool RecordingWriter::fail(const QString& what, const QString& detail) {
    m_error = detail.isEmpty() ? what : what + QStringLiteral(": ") + detail;
    return false;
}

bool RecordingWriter::exec(const QString& sql) {
    QSqlQuery q(m_db->db);
    if (!q.exec(sql)) return fail(sql.section(QLatin1Char(' '), 0, 1), q.lastError().text());
    return true;
}

bool RecordingWriter::create(const QString& path, const QMap<QString, QString>& meta,
                             const Options& options) {
    close();
    m_error.clear();
    m_options = options;
    m_path = path;
    const QFileInfo info(path);
    if (info.exists() && info.size() > 0)
        return fail(QCoreApplication::translate("Recording", "The recording file already exists"),
                    path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QCoreApplication::translate("Recording", "Cannot create the recordings folder"),
                    info.absolutePath());

    m_db = std::make_unique<Db>();
    m_db->name = QStringLiteral("sluice-rec-") + QUuid::createUuid().toString(QUuid::Id128);
    m_db->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_db->name);
    m_db->db.setDatabaseName(path);
    if (!m_db->db.open()) {
        const QString e = m_db->db.lastError().text();
        close();
        return fail(QCoreApplication::translate("Recording", "Cannot create the recording file"),
                    path + QStringLiteral(" (") + e + ')');
    }
    bool ok = exec(QStringLiteral("PRAGMA journal_mode=WAL")) &&
              exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    if (ok && options.maxPageCount > 0)
        ok = exec(QStringLiteral("PRAGMA max_page_count=%1").arg(options.maxPageCount));
    if (ok) ok = exec(QStringLiteral("BEGIN"));
    for (const QString& s : schemaStatements())
        if (ok) ok = exec(s);
    if (ok) {
        m_db->insertFrame = std::make_unique<QSqlQuery>(m_db->db);
        m_db->insertKeyframe = std::make_unique<QSqlQuery>(m_db->db);
        m_db->insertMeta = std::make_unique<QSqlQuery>(m_db->db);
        ok = m_db->insertFrame->prepare(
                 QStringLiteral("INSERT INTO frames(recv_ms, server_ms, seq, kind, tag, encoding, "
                                "body) VALUES (?,?,?,?,?,?,?)")) &&
             m_db->insertKeyframe->prepare(QStringLiteral(
                 "INSERT INTO keyframes(frame_id, recv_ms, encoding, body) VALUES (?,?,?,?)")) &&
             m_db->insertMeta->prepare(
                 QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)"));
        if (!ok) fail(QStringLiteral("prepare"), m_db->insertFrame->lastError().text());
    }
    if (ok) {
        m_pendingMeta.insert(QStringLiteral("format"), QString::fromLatin1(kFormatName));
        m_pendingMeta.insert(QStringLiteral("format_version"), QString::number(kFormatVersion));
        m_pendingMeta.insert(QStringLiteral("min_reader_version"), QStringLiteral("1"));
        m_pendingMeta.insert(QStringLiteral("created_at"),
                             formatTimeUtc(QDateTime::currentMSecsSinceEpoch()));
        m_pendingMeta.insert(QStringLiteral("created_by"),
                             QStringLiteral("sluice-console ") +
                                 QCoreApplication::applicationVersion());
        m_pendingMeta.insert(QStringLiteral("host"), QSysInfo::machineHostName());
        m_pendingMeta.insert(QStringLiteral("keyframe_every"),
                             QString::number(options.keyframeEvery));
        for (auto it = meta.begin(); it != meta.end(); ++it)
            m_pendingMeta.insert(it.key(), it.value());
        ok = writeMeta() && exec(QStringLiteral("COMMIT"));
    }
    if (!ok) {
        const QString e = m_error;
        close();
        QFile::remove(path);
        m_error = e;
    }
    return ok;
}

void RecordingWriter::setMeta(const QString& key, const QString& value) {
    m_pendingMeta.insert(key, value);
}

bool RecordingWriter::writeMeta() {
    for (auto it = m_pendingMeta.begin(); it != m_pendingMeta.end(); ++it) {
        m_db->insertMeta->bindValue(0, it.key());
        // A hello without node_id or server_version (an older server) gives a null QString,
        // which Qt binds as NULL: store an empty value instead of failing the whole batch.
        m_db->insertMeta->bindValue(1, it.value().isNull() ? QStringLiteral("") : it.value());
        if (!m_db->insertMeta->exec())
            return fail(QStringLiteral("meta"), m_db->insertMeta->lastError().text());
    }
    m_pendingMeta.clear();
    return true;
}

bool RecordingWriter::writeKeyframe(qint64 frameId, qint64 recvMs) {
    QJsonObject k;
    k.insert("hello", m_lastHello.isEmpty() ? QJsonValue() : QJsonValue(m_lastHello));
    k.insert("snapshot",
             m_state.hasSnapshot() ? QJsonValue(snapshotFromState(m_state)) : QJsonValue());
    k.insert("link", m_link);
    Encoding enc;
    const QByteArray body = encodeBody(k, &enc);
    QSqlQuery& q = *m_db->insertKeyframe;
    q.bindValue(0, frameId);
    q.bindValue(1, recvMs);
    q.bindValue(2, int(enc));
    q.bindValue(3, body);
    if (!q.exec()) return fail(QStringLiteral("keyframe"), q.lastError().text());
    ++m_keyframes;
    m_sinceKeyframe = 0;
    return true;
}

bool RecordingWriter::write(const QList<RecordedItem>& batch) {
    if (!m_db)
        return fail(QCoreApplication::translate("Recording", "The recording is not open"), {});
    if (batch.isEmpty() && m_pendingMeta.isEmpty()) return true;
    if (!exec(QStringLiteral("BEGIN"))) return false;
    bool ok = true;
    qint64 written = 0;
    for (const RecordedItem& item : batch) {
        // Receive times never go backwards in a file, even if the wall clock does.
        const qint64 recv = qMax(item.recvMs, m_lastRecvMs);
        qint64 serverMs = 0, seq = -1;
        bool broadcast = false;
        if (item.kind == QLatin1String(kKindLink)) {
            m_link = item.body;
        } else if (item.kind != QLatin1String(kKindCommand) &&
                   item.kind != QLatin1String(kKindNote)) {
            const ParseResult parsed = parseFrame(item.body);
            if (parsed.frame) {
                serverMs = parsed.frame->serverTimeMs;
                seq = parsed.frame->seq;
                const ApplyResult r = m_state.apply(*parsed.frame);
                broadcast = r.status == ApplyResult::Status::Applied &&
                            (parsed.frame->kind == Frame::Kind::Tick ||
                             parsed.frame->kind == Frame::Kind::Event);
                if (parsed.frame->kind == Frame::Kind::Hello) {
                    m_lastHello = item.body;
                    const HelloInfo& h = parsed.frame->hello;
                    m_pendingMeta.insert(QStringLiteral("node_id"), h.nodeId);
                    m_pendingMeta.insert(QStringLiteral("server_version"), h.serverVersion);
                    m_pendingMeta.insert(QStringLiteral("operator"), h.operatorName);
                    m_pendingMeta.insert(QStringLiteral("role"), h.role);
                    m_pendingMeta.insert(QStringLiteral("protocol"), QString::number(h.protocol));
                }
            }
        }
        Encoding enc;
        const QByteArray body = encodeBody(item.body, &enc);
        QSqlQuery& q = *m_db->insertFrame;
        q.bindValue(0, recv);
        q.bindValue(1, serverMs);
        q.bindValue(2, seq);
        q.bindValue(3, item.kind.isEmpty() ? QStringLiteral("") : item.kind);
        const QString tag = markerTag(item.kind, item.body);
        q.bindValue(4, tag.isEmpty() ? QStringLiteral("") : tag); // never NULL
        q.bindValue(5, int(enc));
        q.bindValue(6, body);
        if (!q.exec()) {
            ok = fail(QCoreApplication::translate("Recording", "Cannot write to the recording"),
                      q.lastError().text());
            break;
        }
        m_lastRecvMs = recv;
        ++written;
        if (broadcast && ++m_sinceKeyframe >= m_options.keyframeEvery && m_state.hasSnapshot()) {
            ok = writeKeyframe(q.lastInsertId().toLongLong(), recv);
            if (!ok) break;
        }
    }
    if (ok && !m_pendingMeta.isEmpty()) ok = writeMeta();
    if (ok) ok = exec(QStringLiteral("COMMIT"));
    if (!ok) {
        const QString e = m_error;
        QSqlQuery(m_db->db).exec(QStringLiteral("ROLLBACK"));
        m_error = e;
        return false;
    }
    m_frames += written;
    return true;
}

bool RecordingWriter::finish(qint64 endedAtMs) {
    if (!m_db) return false;
    setMeta(QStringLiteral("ended_at"), formatTimeUtc(endedAtMs));
    setMeta(QStringLiteral("frame_count"), QString::number(m_frames));
    const bool ok = write({}) && exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    close();
    return ok;
}

void RecordingWriter::close() {
    if (!m_db) return;
    const QString name = m_db->name;
    m_db->insertFrame.reset();
    m_db->insertKeyframe.reset();
    m_db->insertMeta.reset();
    m_db->db.close();
    m_db.reset();
    QSqlDatabase::removeDatabase(name);
}

} // namespace sluice::console::recording
