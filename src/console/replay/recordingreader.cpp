// Opens and reads a recording file (see recordingreader.h).
#include "console/replay/recordingreader.h"

#include "console/model/frameparser.h"
#include "console/recording/recordingformat.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>

namespace sluice::console::replay {

using namespace sluice::console::recording;

struct RecordingReader::Db {
    QString name;
    QSqlDatabase db;
    std::unique_ptr<QSqlQuery> frames, keyframe;
};

RecordingReader::RecordingReader() = default;
RecordingReader::~RecordingReader() {
    close();
}

bool RecordingReader::isOpen() const {
    return m_db != nullptr;
}

bool RecordingReader::fail(Error code, const QString& message) {
    m_errorCode = code;
    m_error = message;
    close();
    return false;
}

void RecordingReader::close() {
    if (!m_db) return;
    const QString name = m_db->name;
    m_db->frames.reset();
    m_db->keyframe.reset();
    m_db->db.close();
    m_db.reset();
    QSqlDatabase::removeDatabase(name);
}

bool RecordingReader::open(const QString& path) {
    close();
    m_path = path;
    m_error.clear();
    m_errorCode = Error::None;
    m_meta.clear();
    m_ids.clear();
    m_recv.clear();
    m_keyframes.clear();
    m_markers.clear();
    m_skipped = 0;
    const QString name = QFileInfo(path).fileName();
    QFile f(path);
    if (!f.exists())
        return fail(Error::NotFound, QCoreApplication::translate(
                                         "Replay", "Cannot open %1: the file does not exist.")
                                         .arg(path));
    if (!f.open(QIODevice::ReadOnly))
        return fail(Error::Unreadable, QCoreApplication::translate("Replay", "Cannot open %1: %2.")
                                           .arg(path, f.errorString()));
    const QByteArray header = f.read(16);
    f.close();
    if (header != QByteArray("SQLite format 3\0", 16))
        return fail(Error::NotSqlite,
                    QCoreApplication::translate(
                        "Replay", "%1 is not a Sluice recording (it is not an SQLite database).")
                        .arg(name));

    m_db = std::make_unique<Db>();
    m_db->name = QStringLiteral("sluice-replay-") + QUuid::createUuid().toString(QUuid::Id128);
    m_db->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_db->name);
    m_db->db.setDatabaseName(path);
    if (!m_db->db.open())
        return fail(Error::Unreadable, QCoreApplication::translate("Replay", "Cannot open %1: %2.")
                                           .arg(name, m_db->db.lastError().text()));
    QSqlQuery q(m_db->db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'")))
        return fail(Error::Damaged, QCoreApplication::translate(
                                        "Replay", "%1 is damaged and cannot be replayed (%2).")
                                        .arg(name, q.lastError().text()));
    if (!q.next())
        return fail(
            Error::Foreign,
            QCoreApplication::translate(
                "Replay", "%1 is not a Sluice recording (an SQLite database of another kind).")
                .arg(name));
    if (!q.exec(QStringLiteral("SELECT key, value FROM meta")))
        return fail(Error::Damaged, QCoreApplication::translate(
                                        "Replay", "%1 is damaged and cannot be replayed (%2).")
                                        .arg(name, q.lastError().text()));
    while (q.next())
        m_meta.insert(q.value(0).toString(), q.value(1).toString());
    if (m_meta.value(QStringLiteral("format")) != QLatin1String(kFormatName))
        return fail(
            Error::Foreign,
            QCoreApplication::translate(
                "Replay", "%1 is not a Sluice recording (an SQLite database of another kind).")
                .arg(name));
    bool ok = false;
    m_version = m_meta.value(QStringLiteral("format_version")).toInt(&ok);
    const int minReader =
        m_meta.value(QStringLiteral("min_reader_version"), QStringLiteral("1")).toInt();
    if (!ok || m_version < 1)
        return fail(Error::Damaged, QCoreApplication::translate(
                                        "Replay", "%1 is damaged and cannot be replayed (%2).")
                                        .arg(name, QStringLiteral("format_version")));
    if (minReader > kFormatVersion)
        return fail(Error::TooNew,
                    QCoreApplication::translate(
                        "Replay",
                        "%1 was recorded by a newer console (recording format %2); "
                        "this console reads formats up to %3. Update the console to replay it.")
                        .arg(name)
                        .arg(m_version)
                        .arg(kFormatVersion));
    if (!load()) return false;
    if (m_recv.empty())
        return fail(
            Error::Empty,
            QCoreApplication::translate("Replay", "%1 contains no recorded frames.").arg(name));
    return true;
}

bool RecordingReader::load() {
    const QString name = QFileInfo(m_path).fileName();
    auto damaged = [&](const QSqlQuery& q) {
        return fail(Error::Damaged, QCoreApplication::translate(
                                        "Replay", "%1 is damaged and cannot be replayed (%2).")
                                        .arg(name, q.lastError().text()));
    };
    QSqlQuery q(m_db->db);
    q.setForwardOnly(true);
    // The receive-time index covers (recv_ms, id): the time index loads without touching the
    // frame bodies. Receive times never decrease with the id (the writer guarantees it).
    if (!q.exec(QStringLiteral("SELECT count(*) FROM frames")) || !q.next()) return damaged(q);
    const qint64 n = q.value(0).toLongLong();
    m_ids.reserve(size_t(n));
    m_recv.reserve(size_t(n));
    if (!q.exec(QStringLiteral(
            "SELECT id, recv_ms FROM frames INDEXED BY frames_recv ORDER BY recv_ms, id")))
        return damaged(q);
    while (q.next()) {
        m_ids.push_back(q.value(0).toLongLong());
        m_recv.push_back(q.value(1).toLongLong());
    }
    if (q.lastError().isValid()) return damaged(q);
    if (!std::is_sorted(m_ids.begin(), m_ids.end())) {
        // Not written by RecordingWriter: order by id and keep receive times monotonic.
        std::vector<std::pair<qint64, qint64>> rows;
        for (size_t i = 0; i < m_ids.size(); ++i)
            rows.emplace_back(m_ids[i], m_recv[i]);
        std::sort(rows.begin(), rows.end());
        qint64 last = 0;
        for (size_t i = 0; i < rows.size(); ++i) {
            m_ids[i] = rows[i].first;
            last = qMax(last, rows[i].second);
            m_recv[i] = last;
        }
    }
    if (!q.exec(QStringLiteral("SELECT frame_id, recv_ms FROM keyframes ORDER BY frame_id")))
        return damaged(q);
    while (q.next())
        m_keyframes.push_back(Keyframe{q.value(0).toLongLong(), q.value(1).toLongLong()});
    if (!q.exec(QStringLiteral("SELECT id, recv_ms, kind, tag, encoding, body FROM frames WHERE "
                               "tag <> '' ORDER BY id")))
        return damaged(q);
    while (q.next()) {
        Marker m;
        m.frameId = q.value(0).toLongLong();
        m.recvMs = q.value(1).toLongLong();
        const QString tag = q.value(3).toString();
        m.category = tag == QLatin1String(kTagAlert)  ? Marker::Category::Alert
                     : tag == QLatin1String(kTagLink) ? Marker::Category::Link
                                                      : Marker::Category::Action;
        QJsonObject body;
        if (!decodeBody(q.value(5).toByteArray(), q.value(4).toInt(), &body)) continue;
        const QString kind = q.value(2).toString();
        if (kind == QLatin1String(kKindLink)) {
            m.kind = kind;
            m.text = body.value("state").toString();
            const QString msg = body.value("message").toString();
            if (!msg.isEmpty()) m.text += QStringLiteral(": ") + msg;
        } else if (kind == QLatin1String(kKindCommand)) {
            m.kind = kind;
            m.text = QStringLiteral("%1 — %2").arg(body.value("description").toString(),
                                                   body.value("status").toString());
            const QString detail = body.value("detail").toString();
            if (!detail.isEmpty()) m.text += QStringLiteral(" (") + detail + ')';
        } else {
            m.kind = body.value("kind").toString();
            m.text = body.value("message").toString();
        }
        m_markers.append(m);
    }
    m_db->frames = std::make_unique<QSqlQuery>(m_db->db);
    m_db->frames->setForwardOnly(true);
    m_db->keyframe = std::make_unique<QSqlQuery>(m_db->db);
    m_db->keyframe->setForwardOnly(true);
    if (!m_db->frames->prepare(QStringLiteral("SELECT id, recv_ms, kind, encoding, body FROM "
                                              "frames WHERE id > ? AND id <= ? ORDER BY id")) ||
        !m_db->keyframe->prepare(
            QStringLiteral("SELECT encoding, body FROM keyframes WHERE frame_id = ?")))
        return damaged(*m_db->frames);
    return true;
}

qint64 RecordingReader::frameIdAt(qint64 tMs) const {
    const auto it = std::upper_bound(m_recv.begin(), m_recv.end(), tMs);
    if (it == m_recv.begin()) return 0;
    return m_ids[size_t(it - m_recv.begin()) - 1];
}

qint64 RecordingReader::recvMsOf(qint64 frameId) const {
    const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), frameId);
    if (it == m_ids.end() || *it != frameId) return 0;
    return m_recv[size_t(it - m_ids.begin())];
}

const Keyframe* RecordingReader::keyframeAtOrBefore(qint64 frameId) const {
    const auto it = std::upper_bound(m_keyframes.begin(), m_keyframes.end(), frameId,
                                     [](qint64 id, const Keyframe& k) { return id < k.frameId; });
    if (it == m_keyframes.begin()) return nullptr;
    return &*(it - 1);
}

bool RecordingReader::readKeyframe(const Keyframe& k, KeyframeContent* out) {
    if (!m_db) return false;
    QSqlQuery& q = *m_db->keyframe;
    q.bindValue(0, k.frameId);
    if (!q.exec() || !q.next()) return false;
    QJsonObject body;
    const bool ok = decodeBody(q.value(1).toByteArray(), q.value(0).toInt(), &body);
    q.finish();
    if (!ok) return false;
    out->hello = body.value("hello").toObject();
    out->snapshot = body.value("snapshot").toObject();
    out->link = body.value("link").toObject();
    return true;
}

QList<RecordedFrame> RecordingReader::readFrames(qint64 afterId, qint64 toId) {
    QList<RecordedFrame> out;
    if (!m_db || toId <= afterId) return out;
    QSqlQuery& q = *m_db->frames;
    q.bindValue(0, afterId);
    q.bindValue(1, toId);
    if (!q.exec()) return out;
    while (q.next()) {
        RecordedFrame f;
        f.id = q.value(0).toLongLong();
        f.recvMs = q.value(1).toLongLong();
        f.kind = q.value(2).toString();
        if (!decodeBody(q.value(4).toByteArray(), q.value(3).toInt(), &f.body)) {
            ++m_skipped;
            continue;
        }
        out.append(std::move(f));
    }
    q.finish();
    return out;
}

DashboardState RecordingReader::stateAt(qint64 tMs) {
    DashboardState state;
    const qint64 target = frameIdAt(tMs);
    if (target == 0) return state;
    qint64 from = 0;
    if (const Keyframe* k = keyframeAtOrBefore(target)) {
        KeyframeContent c;
        if (readKeyframe(*k, &c)) {
            for (const QJsonObject& o : {c.hello, c.snapshot}) {
                if (o.isEmpty()) continue;
                if (const ParseResult p = parseFrame(o); p.frame) state.apply(*p.frame);
            }
            from = k->frameId;
        }
    }
    for (const RecordedFrame& f : readFrames(from, target)) {
        if (f.kind == QLatin1String(kKindLink) || f.kind == QLatin1String(kKindCommand) ||
            f.kind == QLatin1String(kKindNote))
            continue;
        if (const ParseResult p = parseFrame(f.body); p.frame) state.apply(*p.frame);
    }
    return state;
}

} // namespace sluice::console::replay
