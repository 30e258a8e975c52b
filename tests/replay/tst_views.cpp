// Replay and recording in the real main window (offscreen): File → Open recording drives the very
// same dashboard (tiles, charts, clinic table, cohorts, log) with a REPLAY marker and the
// recording's time always visible and every action disabled; the timeline seeks; exports write
// PNG and CSV; a refused file shows its reason in the banner and status bar, never a box; live
// sessions are recorded to the app-data folder, and a recording that cannot be written warns in
// the status bar while the live source carries on.
#include "console/model/consolesession.h"
#include "console/recording/recorder.h"
#include "console/recording/syntheticrecording.h"
#include "console/replay/recordingcontroller.h"
#include "console/replay/recordingreader.h"
#include "console/replay/replaysource.h"
#include "console/replay/timelinewidget.h"
#include "console/views/clinicpanel.h"
#include "console/views/cohortpanel.h"
#include "console/views/languagemanager.h"
#include "console/views/mainwindow.h"
#include "console/views/profilestore.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace sluice::console;
using namespace sluice::console::recording;
using namespace sluice::console::replay;

class TestViews : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_recording;
    LanguageManager* m_lang = nullptr;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("SluiceTest");
        QApplication::setApplicationName("tst_replay_views");
        QSettings().clear();
        m_lang = new LanguageManager(this);
        m_lang->setLanguage("en");
        QVERIFY(m_dir.isValid());
        m_recording = m_dir.filePath("incident.sluicerec");
        SyntheticOptions o;
        o.durationMs = 6 * 60'000;
        o.clinics = 150;
        o.eventEvery = 20;
        const SyntheticResult r = writeSyntheticRecording(m_recording, o);
        QVERIFY2(r.ok, qPrintable(r.error));
    }

    void openRecordingDrivesTheDashboard() {
        ConsoleSession session;
        ProfileStore profiles;
        MainWindow w(&session, m_lang, &profiles);
        w.show();
        QVERIFY(w.openRecording(m_recording));
        auto* replay = qobject_cast<ReplaySource*>(w.source());
        QVERIFY(replay && replay->isOpen());
        QVERIFY(!replay->isLive());
        QVERIFY(session.state().hasSnapshot());
        QCOMPARE(session.clinicModel()->rowCount(), 150);
        QVERIFY(session.cohortModel()->rowCount() > 0);
        // REPLAY marker and the recording's time, always visible.
        TimelineWidget* t = w.recording()->timeline();
        QVERIFY(t && t->isVisible());
        QVERIFY(w.findChild<QLabel*>("replayBadge")->isVisible());
        QCOMPARE(w.findChild<QLabel*>("replayBadge")->text(), QStringLiteral("REPLAY"));
        QVERIFY2(t->timeText().contains("2021"), qPrintable(t->timeText()));
        QVERIFY2(w.recording()->recordingLabel()->text().contains("2021"),
                 qPrintable(w.recording()->recordingLabel()->text()));
        // Every action disabled.
        QVERIFY(!session.canAct());
        for (QAbstractButton* b : w.cohorts()->findChildren<QAbstractButton*>())
            if (b->isVisible()) QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
        // The slider seeks; the time shown follows; the log shows the replayed events.
        const QString before = t->timeText();
        t->slider()->setValue(TimelineWidget::kSliderSteps * 3 / 4);
        QTRY_VERIFY(replay->position() > replay->startMs() + 4 * 60'000);
        QTRY_VERIFY(t->timeText() != before);
        session.eventLog()->flush();
        QVERIFY(session.eventLog()->rowCount() > 0);
        QVERIFY(replay->stepToNextMarker());
        // Playing moves the playhead.
        replay->setSpeed(60);
        const qint64 p0 = replay->position();
        replay->play();
        QTRY_VERIFY(replay->position() > p0 + 5000);
        replay->pause();
        // Exports.
        const QString png = m_dir.filePath("charts.png"), series = m_dir.filePath("series.csv"),
                      log = m_dir.filePath("log.csv");
        w.recording()->exportChartsPng(png);
        w.recording()->exportSeriesCsv(series);
        w.recording()->exportEventLogCsv(log);
        QVERIFY(QImage(png).width() > 100);
        QFile s(series);
        QVERIFY(s.open(QIODevice::ReadOnly));
        const QByteArray csv = s.readAll();
        QVERIFY(csv.startsWith("metric,time,time_ms,value"));
        QVERIFY(csv.count('\n') > 20);
        QFile l(log);
        QVERIFY(l.open(QIODevice::ReadOnly));
        QVERIFY(l.readAll().count('\n') >= 2);
        QVERIFY(QApplication::activeModalWidget() == nullptr);
    }

    void refusedFileNeverShowsABox() {
        ConsoleSession session;
        ProfileStore profiles;
        MainWindow w(&session, m_lang, &profiles);
        w.show();
        const QString junk = m_dir.filePath("junk.sluicerec");
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("definitely not sqlite");
        f.close();
        QVERIFY(!w.openRecording(junk));
        QVERIFY(QApplication::activeModalWidget() == nullptr);
        QVERIFY2(w.statusBar()->currentMessage().contains("not a Sluice recording"),
                 qPrintable(w.statusBar()->currentMessage()));
        QTRY_VERIFY(w.banner()->isVisible());
        QVERIFY(w.banner()->text().contains("not a Sluice recording"));
        QVERIFY(!w.recording()->timeline() || !w.recording()->timeline()->isVisible());
    }

    void liveSessionIsRecorded() {
        QSettings().setValue("recording/folder", m_dir.filePath("recordings"));
        ConsoleSession session;
        ProfileStore profiles;
        MainWindow w(&session, m_lang, &profiles);
        w.show();
        w.connectTo(QUrl("http://127.0.0.1:1"), "token"); // nothing listens: reconnects, recorded
        Recorder* rec = w.recording()->recorder();
        QVERIFY(rec && rec->isRecording());
        QVERIFY(rec->path().startsWith(m_dir.filePath("recordings")));
        QVERIFY(w.recording()->recordingLabel()->text().contains("REC"));
        QTRY_VERIFY(rec->framesWritten() >= 2);
        const QString path = rec->path();
        w.setSource(nullptr);
        RecordingReader r;
        QVERIFY2(r.open(path), qPrintable(r.errorString()));
        QVERIFY(r.endedCleanly());
        QCOMPARE(r.meta().value("source"), QStringLiteral("http://127.0.0.1:1"));
        QSettings().remove("recording/folder");
    }

    void unwritableRecordingWarnsAndLiveCarriesOn() {
        const QString blocker = m_dir.filePath("blocker");
        QFile b(blocker);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.close();
        QSettings().setValue("recording/folder", blocker + "/recordings"); // its parent is a file
        ConsoleSession session;
        ProfileStore profiles;
        MainWindow w(&session, m_lang, &profiles);
        w.show();
        w.connectTo(QUrl("http://127.0.0.1:1"), "token");
        QVERIFY(w.source() && w.source()->isLive());
        QTRY_VERIFY(w.statusBar()->currentMessage().contains("Recording stopped"));
        QVERIFY(w.recording()->recordingLabel()->text().contains("not recording"));
        QVERIFY(QApplication::activeModalWidget() == nullptr);
        QVERIFY(w.source()->state() != DataSource::State::Disconnected); // still trying to connect
        QSettings().remove("recording/folder");
    }
};

QTEST_MAIN(TestViews)
#include "tst_views.moc"
