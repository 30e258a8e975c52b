// Opening and replaying a recording file (src/console/replay/recordingreader.h). The reader
// takes a path, so every input becomes a file in a private temporary folder:
//  - an input that starts with the SQLite header is written as it is (a damaged or hostile
//    SQLite file);
//  - any other input is a script that builds a recording with SQLite, one line per statement,
//    so the fuzzer reaches what is inside a well-formed database (rows a writer would never
//    write) rather than SQLite's own page checks:
//        schema MASK                  leave out the schema statements whose bit is set
//        meta KEY VALUE               a meta row (none: format and version 1 are written)
//        frame ID RECV KIND TAG ENC BODY
//        key FRAME_ID RECV ENC BODY   a keyframe
//    KIND and TAG "-" mean empty; ENC is the encoding column, or "z" for BODY compressed the
//    way the writer compresses (encoding 1); BODY is the rest of the line.
// Then everything a replay does: the indexes, markers, every keyframe, frames by range, the
// state at several instants.
#include "console/recording/recordingformat.h"
#include "console/replay/recordingreader.h"
#include "fuzz/fuzz_support.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <cstdlib>
#include <limits>
#include <memory>

namespace {
using namespace sluice::console;

void quiet(QtMsgType, const QMessageLogContext&, const QString&) {}

QString g_path;

struct Stmt {
    sqlite3_stmt* s = nullptr;
    Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s, nullptr); }
    ~Stmt() { sqlite3_finalize(s); }
};

QByteArray field(QList<QByteArray>& parts) {
    return parts.isEmpty() ? QByteArray() : parts.takeFirst();
}
qint64 number(QList<QByteArray>& parts) {
    return std::strtoll(field(parts).constData(), nullptr, 10);
}
QByteArray word(QList<QByteArray>& parts) {
    QByteArray w = field(parts);
    return w == "-" ? QByteArray() : w;
}
// The rest of the line after `n` space-separated words.
QByteArray rest(const QByteArray& line, int n) {
    qsizetype at = 0;
    for (int i = 0; i < n && at >= 0; ++i) {
        at = line.indexOf(' ', at);
        if (at >= 0) ++at;
    }
    return at < 0 ? QByteArray() : line.mid(at);
}
void bindBody(sqlite3_stmt* s, int col, int encCol, const QByteArray& enc, const QByteArray& body) {
    QByteArray bytes = body;
    int encoding = enc.toInt();
    if (enc == "z") {
        bytes = qCompress(body, 1);
        encoding = int(recording::Encoding::ZlibJson);
    }
    sqlite3_bind_int(s, encCol, encoding);
    sqlite3_bind_blob(s, col, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
}

void buildRecording(const QByteArray& script) {
    sqlite3* db = nullptr;
    if (sqlite3_open(g_path.toLocal8Bit().constData(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return;
    }
    sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr,
                 nullptr);
    const QList<QByteArray> lines = script.split('\n');
    unsigned skip = 0;
    for (const QByteArray& line : lines)
        if (line.startsWith("schema ")) skip = line.mid(7).toUInt();
    const QStringList schema = recording::schemaStatements();
    for (int i = 0; i < schema.size(); ++i)
        if (!(skip & (1u << i)))
            sqlite3_exec(db, schema[i].toUtf8().constData(), nullptr, nullptr, nullptr);
    bool meta = false;
    int rows = 0;
    Stmt addMeta(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
    Stmt addFrame(db, "INSERT OR REPLACE INTO frames(id, recv_ms, server_ms, seq, kind, tag, "
                      "encoding, body) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    Stmt addKey(db, "INSERT OR REPLACE INTO keyframes(frame_id, recv_ms, encoding, body) "
                    "VALUES(?, ?, ?, ?)");
    for (const QByteArray& line : lines) {
        if (++rows > 256) break;
        QList<QByteArray> parts = line.split(' ');
        const QByteArray verb = field(parts);
        if (verb == "meta" && addMeta.s) {
            meta = true;
            const QByteArray key = field(parts), value = rest(line, 2);
            sqlite3_reset(addMeta.s);
            sqlite3_bind_text(addMeta.s, 1, key.constData(), int(key.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(addMeta.s, 2, value.constData(), int(value.size()), SQLITE_TRANSIENT);
            sqlite3_step(addMeta.s);
        } else if (verb == "frame" && addFrame.s) {
            const qint64 id = number(parts), recv = number(parts);
            const QByteArray kind = word(parts), tag = word(parts), enc = field(parts);
            sqlite3_reset(addFrame.s);
            sqlite3_bind_int64(addFrame.s, 1, id);
            sqlite3_bind_int64(addFrame.s, 2, recv);
            sqlite3_bind_int64(addFrame.s, 3, recv);
            sqlite3_bind_int64(addFrame.s, 4, id);
            sqlite3_bind_text(addFrame.s, 5, kind.constData(), int(kind.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(addFrame.s, 6, tag.constData(), int(tag.size()), SQLITE_TRANSIENT);
            bindBody(addFrame.s, 8, 7, enc, rest(line, 6));
            sqlite3_step(addFrame.s);
        } else if (verb == "key" && addKey.s) {
            const qint64 id = number(parts), recv = number(parts);
            const QByteArray enc = field(parts);
            sqlite3_reset(addKey.s);
            sqlite3_bind_int64(addKey.s, 1, id);
            sqlite3_bind_int64(addKey.s, 2, recv);
            bindBody(addKey.s, 4, 3, enc, rest(line, 4));
            sqlite3_step(addKey.s);
        }
    }
    if (!meta && addMeta.s) {
        sqlite3_exec(db,
                     "INSERT INTO meta VALUES('format', 'sluice-recording'); "
                     "INSERT INTO meta VALUES('format_version', '1')",
                     nullptr, nullptr, nullptr);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

void replayAll(replay::RecordingReader& r) {
    (void)r.meta();
    (void)r.endedCleanly();
    (void)r.markers();
    const qint64 start = r.startMs(), end = r.endMs();
    FUZZ_CHECK(r.frameCount() > 0 && start <= end, "opened with %lld frames, %lld..%lld",
               static_cast<long long>(r.frameCount()), static_cast<long long>(start),
               static_cast<long long>(end));
    int n = 0;
    for (const auto& k : r.keyframes()) {
        if (++n > 16) break;
        replay::KeyframeContent c;
        (void)r.readKeyframe(k, &c);
        (void)r.keyframeAtOrBefore(k.frameId);
    }
    (void)r.readFrames(0, r.lastId());
    (void)r.readFrames(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
    (void)r.readFrames(r.firstId(), r.firstId() + 3);
    const qint64 mid = start / 2 + end / 2;
    for (qint64 t : {std::numeric_limits<qint64>::min(), start - 1, start, mid, end,
                     std::numeric_limits<qint64>::max()}) {
        const qint64 id = r.frameIdAt(t);
        if (id)
            FUZZ_CHECK(r.recvMsOf(id) <= t, "row %lld is after %lld", static_cast<long long>(id),
                       static_cast<long long>(t));
        (void)r.keyframeAtOrBefore(id);
    }
    for (qint64 t : {start, mid, end}) {
        DashboardState s = r.stateAt(t);
        (void)s.headline();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    qInstallMessageHandler(quiet);
    static QCoreApplication app(*argc, *argv);
    // /dev/shm when there is one: a file per input, and no disk to wear.
    const QString base =
        QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
    static QTemporaryDir dir(base + QStringLiteral("/sluice-fuzz-recording-XXXXXX"));
    if (!dir.isValid()) std::abort();
    g_path = dir.filePath(QStringLiteral("input.sluicerec"));
    return 0;
}

static void removeFiles() {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
        QFile::remove(g_path + QLatin1String(suffix));
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    removeFiles();
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    if (input.startsWith(QByteArray("SQLite format 3\0", 16))) {
        QFile f(g_path);
        if (!f.open(QIODevice::WriteOnly) || f.write(input) != input.size()) std::abort();
    } else {
        buildRecording(input);
    }
    replay::RecordingReader reader;
    if (reader.open(g_path)) {
        replayAll(reader);
    } else {
        FUZZ_CHECK(reader.error() != replay::RecordingReader::Error::None &&
                       !reader.errorString().isEmpty(),
                   "refused without a reason");
        FUZZ_CHECK(!reader.isOpen(), "refused but open");
    }
    reader.close();
    removeFiles();
    return 0;
}
