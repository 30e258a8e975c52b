// Replays that cannot be mistaken for live, in the real main window (offscreen): a red frame, a
// large REPLAY badge, no "connected", ages in recorded time; the console's own rows and the
// exports carry the recorded time, not the time of the replay; alerts are evaluated on the
// replayed ticks (and do not ring); next/previous event step one action (its command, answer
// and events together); a click on a timeline row seeks there; the window still fits 1280×720.
#include "console/model/consolesession.h"
#include "console/recording/recordingformat.h"
#include "console/recording/recordingwriter.h"
#include "console/recording/syntheticrecording.h"
#include "console/replay/recordingcontroller.h"
#include "console/replay/replaysource.h"
#include "console/views/alertnotifier.h"
#include "console/views/eventlogpanel.h"
#include "console/views/languagemanager.h"
#include "console/views/mainwindow.h"
#include "console/views/profilestore.h"
#include "console/views/scenario.h"

#include <QApplication>
#include <QFrame>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace sluice::console;
using namespace sluice::console::recording;
using namespace sluice::console::replay;

namespace {
constexpr qint64 kStart = 1626692400000; // 2021-07-19T11:00:00Z
QJsonObject tickAt(qint64 seq, qint64 t, const QString& state) {
    return QJsonObject{{"type", "tick"},
                       {"seq", seq},
                       {"server_time", formatTimeUtc(t)},
                       {"interval_ms", 500},
                       {"cohorts", QJsonArray{QJsonObject{
                                       {"id", "c0"},
                                       {"label", QJsonObject{{"ko", "c0세"}, {"en", "Ages c0"}}},
                                       {"state", state},
                                       {"closed_reason", ""},
                                       {"issued", 2000},
                                       {"serving", 1000},
                                       {"waiting", 1000},
                                       {"prequeue_size", 0},
                                       {"rate_ceiling", 100.0},
                                       {"max_rate", 4000.0},
                                       {"actual_rate", state == "open" ? 99.0 : 0.0},
                                       {"max_active", 100},
                                       {"active", 10},
                                       {"mode", "manual"},
                                       {"eta_last_s", 10.0},
                                       {"paused_for_incident", false},
                                       {"opens", formatTimeUtc(kStart)},
                                       {"birth_year_from", 1960},
                                       {"birth_year_to", 1961}}}},
                       {"clinics", QJsonArray{}},
                       {"stock_version", 1},
                       {"errors", QJsonObject{}},
                       {"latency_ms", QJsonObject{}},
                       {"request_rate", QJsonObject{}}};
}
QJsonObject eventAt(qint64 seq, qint64 t, const QString& kind, const QJsonObject& data) {
    return QJsonObject{{"type", "event"},   {"seq", seq},         {"server_time", formatTimeUtc(t)},
                       {"kind", kind},      {"severity", "info"}, {"message", kind},
                       {"operator", "kim"}, {"data", data}};
}
} // namespace

class TestIncident : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    LanguageManager* m_lang = nullptr;
    QString m_synthetic, m_actions;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("SluiceTest");
        QApplication::setApplicationName("tst_replay_incident");
        QSettings().clear();
        m_lang = new LanguageManager(this);
        m_lang->setLanguage("en");
        m_synthetic = m_dir.filePath("synthetic.sluicerec");
        SyntheticOptions o;
        o.durationMs = 4 * 60'000;
        o.clinics = 40;
        QVERIFY(writeSyntheticRecording(m_synthetic, o).ok);
        // Two operator actions, each a command row, its events and its answer within a second.
        m_actions = m_dir.filePath("actions.sluicerec");
        RecordingWriter w;
        QVERIFY(w.create(m_actions, {{"source", "test"}}, {}));
        QList<RecordedItem> items;
        items.append({kStart, kKindLink, QJsonObject{{"state", "Connected"}, {"message", ""}}});
        items.append({kStart, "hello",
                      QJsonObject{{"type", "hello"},
                                  {"protocol", 1},
                                  {"operator", QJsonObject{{"name", "kim"}, {"role", "operator"}}},
                                  {"tick_interval_ms", 500}}});
        QJsonObject snap = tickAt(1, kStart, "open");
        snap["type"] = "snapshot";
        snap["notices"] = QJsonArray{};
        snap["pending_approvals"] = QJsonArray{};
        items.append({kStart + 1, "snapshot", snap});
        qint64 seq = 1;
        for (qint64 t = kStart + 500; t <= kStart + 60'000; t += 500) {
            const bool paused = t >= kStart + 20'500 && t < kStart + 40'500;
            items.append({t, "tick", tickAt(++seq, t, paused ? "paused" : "open")});
            if (t == kStart + 20'000 || t == kStart + 40'000) {
                const QString op = t == kStart + 20'000 ? "pause_cohort" : "resume_cohort";
                items.append(
                    {t + 10, kKindCommand,
                     QJsonObject{
                         {"id", "c-1"}, {"op", op}, {"description", op}, {"status", "Pending"}}});
                items.append({t + 300, "event",
                              eventAt(++seq, t + 300, "operator_action",
                                      {{"op", op}, {"args", QJsonObject{{"cohort", "c0"}}}})});
                items.append({t + 400, "event",
                              eventAt(++seq, t + 400,
                                      op == "pause_cohort" ? "cohort_paused" : "cohort_resumed",
                                      {{"cohort", "c0"}, {"old", "running"}, {"new", "paused"}})});
                items.append(
                    {t + 450, kKindCommand,
                     QJsonObject{
                         {"id", "c-1"}, {"op", op}, {"description", op}, {"status", "Done"}}});
            }
        }
        QVERIFY2(w.write(items), qPrintable(w.errorString()));
        QVERIFY(w.finish(kStart + 60'000));
    }

    void cannotBeMistakenForLive() {
        ConsoleSession session;
        ProfileStore profiles;
        MainWindow w(&session, m_lang, &profiles);
        w.show();
        QVERIFY(w.openRecording(m_synthetic));
        QVERIFY(w.replayFrame()->styleSheet().contains("#c62828"));
        QCOMPARE(w.modeLabel()->text(), QStringLiteral("REPLAY"));
        QCOMPARE(w.modeLabel()->palette().color(QPalette::Window), QColor(198, 40, 40));
        QVERIFY2(!w.connectionLabel()->text().contains(stateName(DataSource::State::Connected)),
                 qPrintable(w.connectionLabel()->text()));
        QVERIFY(w.windowTitle().startsWith("REPLAY"));
        auto* badge = w.findChild<QLabel*>("replayBadge");
        QVERIFY(badge && badge->isVisible());
        QVERIFY(badge->font().pointSizeF() >= 1.6 * QApplication::font().pointSizeF());
        // Ages in recorded time: paused, the age does not grow with the wall clock.
        auto* r = w.recording()->replay();
        r->seek(r->startMs() + 60'000);
        const QString age = w.lastUpdateLabel()->text();
        QVERIFY2(age.contains("before the playhead"), qPrintable(age));
        QTest::qWait(2100);
        QCOMPARE(w.lastUpdateLabel()->text(), age);
        // Fits a 1280×720 screen with the timeline.
        QVERIFY2(w.minimumSizeHint().height() <= 690,
                 qPrintable(QString::number(w.minimumSizeHint().height())));
    }

    void recordedTimeOnEveryRowAndExport() {
        ConsoleSession session;
        ProfileStore profiles;
        MainWindow w(&session, m_lang, &profiles);
        w.show();
        QVERIFY(w.openRecording(m_synthetic));
        auto* r = w.recording()->replay();
        r->seek(r->endMs());
        session.eventLog()->flush();
        int local = 0;
        for (int i = 0; i < session.eventLog()->rowCount(); ++i) {
            const LogEntry& e = session.eventLog()->entry(i);
            if (!e.local || e.kind == QLatin1String(local_kind::SourceSeparator)) continue;
            ++local;
            QVERIFY2(e.timeMs >= r->startMs() && e.timeMs <= r->endMs(),
                     qPrintable(QString("%1 at %2").arg(e.kind).arg(e.timeMs)));
        }
        QVERIFY(local > 0); // the recorded connection loss at least
        const QString csv = m_dir.filePath("log.csv");
        w.recording()->exportEventLogCsv(csv);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        const QString day = QDateTime::fromMSecsSinceEpoch(r->endMs()).toString("yyyy-MM-dd");
        QVERIFY2(text.count(day) >= 3, qPrintable(text.left(400)));
        QVERIFY(!text.contains(QDate::currentDate().toString(Qt::ISODate) + " "));
    }

    void nextEventStepsOneAction() {
        ConsoleSession session;
        ProfileStore profiles;
        MainWindow w(&session, m_lang, &profiles);
        w.show();
        QVERIFY(w.openRecording(m_actions));
        auto* r = w.recording()->replay();
        QVERIFY(r->markers().size() >= 6);
        // The connection at the start, then one step per action (its command row, events and
        // answer within a second are one step, not four).
        QCOMPARE(r->steps().size(), 3);
        QCOMPARE(r->steps().at(1).category, Marker::Category::Action);
        QCOMPARE(r->steps().at(2).category, Marker::Category::Action);
        r->seek(r->startMs());
        QVERIFY(r->stepToNextMarker());
        QCOMPARE(r->position(), kStart + 20'450); // the whole first action applied
        // Its event is in the timeline already (the state itself follows with the next tick).
        session.eventLog()->flush();
        {
            QAbstractItemModel* m = w.eventLog()->table()->model();
            bool paused = false;
            for (int i = 0; i < m->rowCount(); ++i)
                paused |=
                    m->index(i, 0).data(EventLogModel::KindRole).toString() == "cohort_paused";
            QVERIFY(paused);
        }
        QVERIFY(r->stepToNextMarker());
        QCOMPARE(r->position(), kStart + 40'450);
        QVERIFY(!r->stepToNextMarker());
        QVERIFY(r->stepToPreviousMarker());
        QCOMPARE(r->position(), kStart + 20'450);
        // A click on a timeline row goes to its moment.
        r->seek(r->endMs());
        session.eventLog()->flush();
        QTableView* table = w.eventLog()->table();
        int row = -1;
        for (int i = 0; i < table->model()->rowCount(); ++i)
            if (table->model()->index(i, 0).data(EventLogModel::KindRole).toString() ==
                "cohort_paused")
                row = i;
        QVERIFY(row >= 0);
        table->scrollTo(table->model()->index(row, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualRect(table->model()->index(row, 4)).center());
        QCOMPARE(r->position(), kStart + 20'400);
    }

    void alertsShowInReplayWithoutRinging() {
        const QString path = m_dir.filePath("scene.sluicerec");
        QString error;
        QVERIFY2(writeScenarioRecording(ScenarioSource::Scene::Paused, path, &error, 3),
                 qPrintable(error));
        ConsoleSession session;
        ProfileStore profiles;
        MainWindow w(&session, m_lang, &profiles);
        int beeps = 0;
        w.notifier()->setBeeper([&beeps] { ++beeps; });
        w.show();
        QVERIFY(w.openRecording(path));
        auto* r = w.recording()->replay();
        r->seek(r->endMs() - 10'000);
        const Alert* a = session.alerts().find("cohort_paused_waiting:50-52");
        QVERIFY(a);
        QVERIFY(a->startedMs >= r->startMs() && a->startedMs <= r->endMs());
        QCOMPARE(beeps, 0);
        // Before the pause there is no alert.
        r->seek(r->startMs() + 30'000);
        QVERIFY(!session.alerts().find("cohort_paused_waiting:50-52"));
    }
};

QTEST_MAIN(TestIncident)
#include "tst_incident.moc"
