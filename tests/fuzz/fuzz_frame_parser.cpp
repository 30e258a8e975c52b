// What the console does with text from the ops stream (src/console/model/frameparser.h):
//  - the whole input as one WebSocket text message: parseFrame(QByteArray), and parseFrame on
//    the object the live source hands the session (QJsonDocument -> QJsonObject); both must
//    agree, and a rejected frame always comes with a reason;
//  - the input as one frame per line: each parsed and applied in order to a DashboardState
//    (snapshot, ticks, events, acks), its headline figures computed, events rendered as the
//    event log shows them;
//  - the resulting state written as a keyframe (recording::snapshotFromState) must parse and
//    rebuild the same state: that is what a replay shows for the moment.
#include "console/model/dashboardstate.h"
#include "console/model/eventtext.h"
#include "console/model/frameparser.h"
#include "console/recording/recordingformat.h"
#include "fuzz/fuzz_support.h"
#include "replay/statecompare.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace {
using namespace sluice::console;

void quiet(QtMsgType, const QMessageLogContext&, const QString&) {}

ParseResult parseChecked(const QByteArray& text) {
    ParseResult r = parseFrame(text);
    FUZZ_CHECK(r.frame.has_value() != !r.error.isEmpty(), "frame %s, error '%s'",
               r.frame ? "set" : "unset", qPrintable(r.error));
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &err);
    if (err.error == QJsonParseError::NoError && doc.isObject()) {
        const ParseResult viaObject = parseFrame(doc.object());
        FUZZ_CHECK(viaObject.frame.has_value() == r.frame.has_value() && viaObject.error == r.error,
                   "text and object parses differ: '%s' vs '%s'", qPrintable(r.error),
                   qPrintable(viaObject.error));
    }
    return r;
}

void apply(DashboardState& state, const Frame& f) {
    (void)state.apply(f);
    (void)state.headline();
    if (f.kind == Frame::Kind::Event) {
        const LabelLookup label = [](const QString& id) { return id; };
        (void)eventKindName(f.event.kind);
        (void)renderEvent(f.event.kind, f.event.data, QStringLiteral("kim"), QString(), label);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    qInstallMessageHandler(quiet);
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray text(reinterpret_cast<const char*>(data), qsizetype(size));
    DashboardState whole;
    if (ParseResult r = parseChecked(text); r.frame) apply(whole, *r.frame);

    DashboardState state;
    int lines = 0;
    for (const QByteArray& line : text.split('\n')) {
        if (line.trimmed().isEmpty() || ++lines > 64) continue;
        if (ParseResult r = parseChecked(line); r.frame) apply(state, *r.frame);
    }

    for (const DashboardState* s : {&whole, &state}) {
        if (!s->hasSnapshot()) continue;
        const QJsonObject keyframe = sluice::console::recording::snapshotFromState(*s);
        const ParseResult p = parseFrame(keyframe);
        FUZZ_CHECK(p.frame.has_value(), "a keyframe does not parse: %s", qPrintable(p.error));
        DashboardState rebuilt;
        rebuilt.apply(*p.frame);
        const QString diff = testing::describeDifference(*s, rebuilt);
        FUZZ_CHECK(diff.isEmpty(), "the keyframe rebuilds another state: %s\n  keyframe: %s",
                   qPrintable(diff),
                   QJsonDocument(keyframe).toJson(QJsonDocument::Compact).constData());
    }
    return 0;
}
