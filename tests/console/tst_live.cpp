// The console against a REAL sluice-server process on 127.0.0.1 (offscreen): connect and show
// the snapshot, receive ticks, send every command through the views and see its ack, the
// two-person rule with a second console approving, a viewer's actions disabled, link loss on a
// frozen server (SIGSTOP) detected by the link timer, and kill -9 + restart on the same port:
// the console shows disconnected/stale, reconnects by itself and resumes.
#include "consoletestserver.h"

#include "console/model/consolesession.h"
#include "console/transport/livesource.h"
#include "console/views/approvalspanel.h"
#include "console/views/auditcheckpointview.h"
#include "console/views/cohortpanel.h"
#include "console/views/drillpanel.h"
#include "console/views/languagemanager.h"
#include "console/views/mainwindow.h"
#include "console/views/noticespanel.h"
#include "console/views/profilestore.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <csignal>
#include <memory>

using namespace sluice::console;
using namespace sluice::console::testing;
using sluice::test::ServerProcess;

namespace {
// One console: session, live source and main window, confirming every action.
struct Console {
    ConsoleSession session;
    ProfileStore profiles;
    std::unique_ptr<MainWindow> window;
    LiveSource* live = nullptr;

    Console(LanguageManager* lang, const QString& baseUrl, const QString& token) {
        window = std::make_unique<MainWindow>(&session, lang, &profiles);
        window->setConfirmer([](const QString&, const QString&) { return true; });
        live = new LiveSource(QUrl(baseUrl), token);
        live->setBackoff(Backoff(200, 1500, 2.0, 0.5));
        live->setLinkLossThresholdMs(2000); // shortened for tests (default 5 s)
        session.setStaleAfterMs(1500);
        window->setSource(live);
        window->show();
    }
    bool ready(int ms = 15'000) {
        return QTest::qWaitFor(
            [this] { return session.state().hasSnapshot() && !session.isStale(); }, ms);
    }
    TrackedCommand::Status status(const QString& id) const {
        const TrackedCommand* c = const_cast<ConsoleSession&>(session).commands()->find(id);
        return c ? c->status : TrackedCommand::Status::NotSent;
    }
    QString detail(const QString& id) const {
        const TrackedCommand* c = const_cast<ConsoleSession&>(session).commands()->find(id);
        return c ? c->detail : QString();
    }
    QString lastSentId() const {
        auto* t = const_cast<ConsoleSession&>(session).commands();
        return t->count() > 0 ? t->at(0).id : QString();
    }
    QString cohortState(const QString& id) const {
        const CohortFigures* c = session.state().cohort(id);
        return c ? c->state : QString();
    }
};
} // namespace

class TestLive : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> m_server;
    QString m_kim, m_lee, m_park;
    LanguageManager* m_lang = nullptr;

    QString base() const { return m_server->baseUrl(); }
    // Waits for a command's final answer (not Pending).
    static bool settled(Console& c, const QString& id, int ms = 10'000) {
        return QTest::qWaitFor([&] { return c.status(id) != TrackedCommand::Status::Pending; }, ms);
    }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void snapshotAndTicks();
    void everyCommandAcked();
    void twoPersonRuleApprovedBySecondConsole();
    void viewerActionsDisabled();
    void badTokenShownInBanner();
    void frozenServerDetectedByLinkTimer();
    void killRestartReconnectsAndResumes();
    void auditCheckpointShownAndSaved();
};

void TestLive::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName("SluiceTest");
    QApplication::setApplicationName("tst_console_live");
    m_lang = new LanguageManager(this);
    m_lang->setLanguage("en");
    m_server = std::make_unique<ServerProcess>(
        ServerProcess::Options{kConsoleTestConfig, {}, 2, {}, false});
    m_kim = addOperator(*m_server, "kim", "operator");
    m_lee = addOperator(*m_server, "lee", "operator");
    m_park = addOperator(*m_server, "park", "viewer");
    QVERIFY(!m_kim.isEmpty() && !m_lee.isEmpty() && !m_park.isEmpty());
    QVERIFY2(m_server->start(), m_server->output().constData());
}

void TestLive::cleanupTestCase() {
    if (m_server && m_server->running()) m_server->terminate();
}

void TestLive::snapshotAndTicks() {
    Console c(m_lang, base(), m_kim);
    QVERIFY2(c.ready(), qPrintable(c.window->banner()->text()));
    QCOMPARE(c.session.state().hello().operatorName, QStringLiteral("kim"));
    QCOMPARE(c.session.state().hello().role, QStringLiteral("operator"));
    QCOMPARE(c.session.cohortModel()->rowCount(), 2);
    QVERIFY(c.session.state().cohort("53-54"));
    QCOMPARE(c.session.clinicModel()->rowCount(), c.session.state().clinics().size());
    QVERIFY(c.window->connectionLabel()->text().contains(stateName(DataSource::State::Connected)));
    QVERIFY(c.session.canAct());
    // Ticks keep coming at the server's interval.
    const qint64 seq0 = c.session.state().seq();
    QTRY_VERIFY_WITH_TIMEOUT(c.session.state().seq() >= seq0 + 4, 5000);
    QVERIFY(c.session.metrics().series("queue:53-54"));
    QVERIFY(c.session.metrics().series("queue:53-54")->raw().size() >= 4);
    QCOMPARE(c.session.malformedCount(), 0);
    QCOMPARE(c.session.gapCount(), 0);
}

void TestLive::everyCommandAcked() {
    Console c(m_lang, base(), m_kim);
    QVERIFY(c.ready());
    CohortPanel* p = c.window->cohorts();
    p->selectCohort("53-54");
    QTRY_VERIFY(p->pauseButton()->isEnabled());

    p->pauseButton()->click();
    QString id = c.lastSentId();
    QVERIFY(!id.isEmpty());
    QVERIFY(settled(c, id));
    QCOMPARE(c.status(id), TrackedCommand::Status::Done);
    QTRY_COMPARE(c.cohortState("53-54"), QStringLiteral("paused"));
    QTRY_VERIFY(p->resumeButton()->isEnabled());

    p->resumeButton()->click();
    id = c.lastSentId();
    QVERIFY(settled(c, id));
    QCOMPARE(c.status(id), TrackedCommand::Status::Done);
    QTRY_COMPARE(c.cohortState("53-54"), QStringLiteral("open"));

    p->rateSpin()->setValue(80); // lowering is never dangerous
    p->rateButton()->click();
    id = c.lastSentId();
    QVERIFY(settled(c, id));
    QCOMPARE(c.status(id), TrackedCommand::Status::Done);
    QTRY_COMPARE(c.session.state().cohort("53-54")->rateCeiling, 80.0);

    p->maxActiveSpin()->setValue(1500);
    p->maxActiveButton()->click();
    id = c.lastSentId();
    QVERIFY(settled(c, id));
    QCOMPARE(c.status(id), TrackedCommand::Status::Done);
    QTRY_COMPARE(c.session.state().cohort("53-54")->maxActive, qint64(1500));

    p->modeCombo()->setCurrentIndex(1);
    p->modeButton()->click();
    id = c.lastSentId();
    QVERIFY(settled(c, id));
    QCOMPARE(c.status(id), TrackedCommand::Status::Done);
    QTRY_COMPARE(c.session.state().cohort("53-54")->mode, QStringLiteral("automatic"));
    p->modeCombo()->setCurrentIndex(0);
    p->modeButton()->click();
    QVERIFY(settled(c, c.lastSentId()));

    // The identity-provider drill: done when the booking module is there, else refused with
    // the server's reason (never left pending).
    c.window->drill()->applyButton()->click();
    id = c.lastSentId();
    QVERIFY(settled(c, id));
    QVERIFY2(c.status(id) == TrackedCommand::Status::Done, qPrintable(c.detail(id)));

    // A refused command shows the server's reason.
    p->rateSpin()->setMaximum(1e9);
    p->rateSpin()->setValue(1e8);
    p->rateButton()->click();
    id = c.lastSentId();
    QVERIFY(settled(c, id));
    QCOMPARE(c.status(id), TrackedCommand::Status::Refused);
    QVERIFY(!c.detail(id).isEmpty());

    NoticesPanel* n = c.window->notices();
    n->koreanEdit()->setPlainText(
        QStringLiteral("본인인증이 지연되고 있습니다. 대기 순서는 유지됩니다."));
    n->englishEdit()->setPlainText(QStringLiteral("Identity checks are slow. Your place is kept."));
    QVERIFY(n->postButton()->isEnabled());
    n->postButton()->click();
    id = c.lastSentId();
    QVERIFY(settled(c, id));
    QCOMPARE(c.status(id), TrackedCommand::Status::Done);
    QTRY_COMPARE(n->noticeList()->topLevelItemCount(), 1);
    QCOMPARE(n->noticeList()->topLevelItem(0)->text(3),
             QStringLiteral("본인인증이 지연되고 있습니다. 대기 순서는 유지됩니다."));
    n->noticeList()->setCurrentItem(n->noticeList()->topLevelItem(0));
    n->retractButton()->click();
    id = c.lastSentId();
    QVERIFY(settled(c, id));
    QCOMPARE(c.status(id), TrackedCommand::Status::Done);
    QTRY_COMPARE(n->noticeList()->topLevelItemCount(), 0);
}

void TestLive::twoPersonRuleApprovedBySecondConsole() {
    Console kim(m_lang, base(), m_kim);
    Console lee(m_lang, base(), m_lee);
    QVERIFY(kim.ready());
    QVERIFY(lee.ready());
    CohortPanel* p = kim.window->cohorts();
    p->selectCohort("50-52");
    QTRY_VERIFY(p->rateButton()->isEnabled());
    const double before = kim.session.state().cohort("50-52")->rateCeiling;
    p->rateSpin()->setValue(before * 5); // more than 2x: dangerous
    p->rateButton()->click();
    const QString id = kim.lastSentId();
    QVERIFY(settled(kim, id));
    QCOMPARE(kim.status(id), TrackedCommand::Status::AwaitingApproval);
    // kim sees it but cannot approve it; lee can.
    QTreeWidget* kimList = kim.window->approvals()->approvals();
    QTRY_COMPARE(kimList->topLevelItemCount(), 1);
    kimList->setCurrentItem(kimList->topLevelItem(0));
    QVERIFY(!kim.window->approvals()->approveButton()->isEnabled());
    QTreeWidget* leeList = lee.window->approvals()->approvals();
    QTRY_COMPARE(leeList->topLevelItemCount(), 1);
    leeList->setCurrentItem(leeList->topLevelItem(0));
    QVERIFY(lee.window->approvals()->approveButton()->isEnabled());
    lee.window->approvals()->approveButton()->click();
    const QString approveId = lee.lastSentId();
    QVERIFY(settled(lee, approveId));
    QVERIFY2(lee.status(approveId) == TrackedCommand::Status::Done,
             qPrintable(lee.detail(approveId)));
    // kim's command ran: done, the ceiling changed, the list emptied on both consoles.
    QTRY_COMPARE(kim.status(id), TrackedCommand::Status::Done);
    QTRY_COMPARE(kim.session.state().cohort("50-52")->rateCeiling, before * 5);
    QTRY_COMPARE(kimList->topLevelItemCount(), 0);
    QTRY_COMPARE(leeList->topLevelItemCount(), 0);
}

void TestLive::viewerActionsDisabled() {
    Console c(m_lang, base(), m_park);
    QVERIFY(c.ready());
    QCOMPARE(c.session.role(), QStringLiteral("viewer"));
    QVERIFY(!c.session.canAct());
    c.window->cohorts()->selectCohort("53-54");
    QVERIFY(!c.window->cohorts()->pauseButton()->isEnabled());
    QVERIFY(!c.window->cohorts()->rateButton()->isEnabled());
    QVERIFY(!c.window->drill()->applyButton()->isEnabled());
    c.window->notices()->koreanEdit()->setPlainText("안내");
    c.window->notices()->englishEdit()->setPlainText("Notice");
    QVERIFY(!c.window->notices()->postButton()->isEnabled());
    QVERIFY(c.window->banner()->text().contains("viewer"));
    QVERIFY(c.window->requestCommand("pause_cohort", {{"cohort", "53-54"}}, "pause", "sure?")
                .isEmpty());
    // Even a command forced through the source is refused by the server.
    const QString id = c.live->sendCommand("pause_cohort", {{"cohort", "53-54"}});
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
        c.session.eventLog()->rowCount() > 0 || c.session.eventLog()->pendingCount() > 0, 5000);
    QTRY_COMPARE(c.cohortState("53-54"), QStringLiteral("open"));
}

void TestLive::badTokenShownInBanner() {
    Console c(m_lang, base(), "not-a-token");
    QTRY_VERIFY_WITH_TIMEOUT(
        c.window->banner()->isVisible() && !c.window->banner()->text().isEmpty(), 10'000);
    QVERIFY(!c.session.state().hasSnapshot());
    QVERIFY(!c.session.canAct());
    // One clear sentence, a way to enter a new token, and no endless retry.
    QTRY_VERIFY_WITH_TIMEOUT(c.window->banner()->text().contains("refused the operator token"),
                             10'000);
    QVERIFY(c.window->newTokenButton()->isVisible());
    QCOMPARE(c.live->state(), DataSource::State::Disconnected);
    const int connects = c.live->connectCount();
    QTest::qWait(2000);
    QCOMPARE(c.live->connectCount(), connects);
    // It never looked connected, so the log has no "connection restored".
    c.session.eventLog()->flush();
    for (int r = 0; r < c.session.eventLog()->rowCount(); ++r)
        QVERIFY(c.session.eventLog()->entry(r).kind != QLatin1String(local_kind::Restored));
}

void TestLive::frozenServerDetectedByLinkTimer() {
    Console c(m_lang, base(), m_kim);
    QVERIFY(c.ready());
    const int connects = c.live->connectCount();
    QCOMPARE(::kill(pid_t(m_server->pid()), SIGSTOP), 0);
    // The socket stays open, but frames stop: the link timer notices within the threshold + 1 s.
    QTRY_VERIFY_WITH_TIMEOUT(c.session.isStale(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(c.live->state() != DataSource::State::Connected, 6000);
    QVERIFY(!c.session.canAct());
    QVERIFY(c.window->banner()->isVisible());
    // A frozen server: its own sentence and the time since the last frame.
    QTRY_VERIFY_WITH_TIMEOUT(c.window->banner()->text().contains("stopped answering"), 3000);
    QVERIFY(c.window->banner()->text().contains("No data for"));
    QCOMPARE(::kill(pid_t(m_server->pid()), SIGCONT), 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        c.live->state() == DataSource::State::Connected && !c.session.isStale(), 15'000);
    QVERIFY(c.live->connectCount() > connects);
    QVERIFY(c.session.canAct());
}

void TestLive::killRestartReconnectsAndResumes() {
    Console c(m_lang, base(), m_kim);
    QVERIFY(c.ready());
    c.window->clinics();
    const int clinics = c.session.clinicModel()->rowCount();
    const int connects = c.live->connectCount();
    m_server->kill9();
    QTRY_VERIFY_WITH_TIMEOUT(c.live->state() == DataSource::State::Reconnecting, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(c.session.isStale(), 3000);
    QVERIFY(!c.session.canAct());
    QTRY_VERIFY(c.window->banner()->isVisible());
    // The cause in one sentence, with the next attempt ("lost" at first, "no server" after).
    QTRY_VERIFY2(c.window->banner()->text().contains("attempt"),
                 qPrintable(c.window->banner()->text()));
    QVERIFY(!c.window->connectionLabel()->text().contains(stateName(DataSource::State::Connected)));
    // The last figures stay on screen, greyed.
    QVERIFY(c.session.clinicModel()->isStale());
    QCOMPARE(c.session.clinicModel()->rowCount(), clinics);
    // A few reconnect attempts fail while the server is down.
    QTRY_VERIFY_WITH_TIMEOUT(c.live->reconnectAttempts() >= 2, 10'000);
    QVERIFY2(m_server->restart(), m_server->output().right(2000).constData());
    QTRY_VERIFY_WITH_TIMEOUT(
        c.live->state() == DataSource::State::Connected && !c.session.isStale(), 20'000);
    QVERIFY(c.live->connectCount() > connects);
    QVERIFY(c.window->banner()->isHidden());
    QVERIFY(c.session.canAct());
    // Resumed: ticks flow again after the new snapshot.
    const qint64 seq = c.session.state().seq();
    QStringList timeline;
    const bool flowing = QTest::qWaitFor(
        [&] {
            timeline.append(QString("seq=%1 connects=%2 state=%3 stale=%4 mode=%5")
                                .arg(c.session.state().seq())
                                .arg(c.live->connectCount())
                                .arg(int(c.live->state()))
                                .arg(c.session.isStale())
                                .arg(c.session.state().hello().resumeMode));
            return c.session.state().seq() >= seq + 3;
        },
        5000);
    QVERIFY2(flowing, qPrintable(QString("from seq %1:\n").arg(seq) + timeline.join('\n')));
    QCOMPARE(c.session.clinicModel()->rowCount(), clinics);
    QCOMPARE(c.session.malformedCount(), 0);
    // And commands work on the new connection.
    c.window->cohorts()->selectCohort("53-54");
    QTRY_VERIFY(c.window->cohorts()->maxActiveButton()->isEnabled());
    c.window->cohorts()->maxActiveSpin()->setValue(1200);
    c.window->cohorts()->maxActiveButton()->click();
    const QString id = c.lastSentId();
    QVERIFY(settled(c, id));
    QCOMPARE(c.status(id), TrackedCommand::Status::Done);
}

// The audit log's signed anchor in the status bar, refreshed, and saved to a file
// that the server's own `audit verify --checkpoint` accepts.
void TestLive::auditCheckpointShownAndSaved() {
    if (!m_server->running()) QVERIFY2(m_server->start(), m_server->output().constData());
    Console c(m_lang, base(), m_kim);
    QVERIFY(c.ready());
    AuditCheckpointView* a = c.window->auditCheckpoint();
    QVERIFY(a->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(a->checkpoint().has_value(), 10'000);
    const qint64 row0 = a->checkpoint()->row;
    QVERIFY2(a->text().contains(QStringLiteral("#%1").arg(row0)), qPrintable(a->text()));

    // An operator action adds an audit row; the next refresh shows the new head.
    CohortPanel* p = c.window->cohorts();
    p->selectCohort("50-52");
    QTRY_VERIFY(p->rateButton()->isEnabled());
    p->rateSpin()->setValue(p->rateSpin()->value() - 5); // lowering needs no approval
    p->rateButton()->click();
    const QString id = c.lastSentId();
    QVERIFY(settled(c, id));
    QCOMPARE(c.status(id), TrackedCommand::Status::Done);
    a->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(a->checkpoint()->row > row0, 10'000);
    QVERIFY2(a->text().contains(a->checkpoint()->hash.left(10)), qPrintable(a->text()));
    QVERIFY(a->toolTip().contains(a->checkpoint()->mac));

    QTemporaryDir dir;
    const QString path = dir.filePath("checkpoint.json");
    QString error;
    QVERIFY2(a->saveTo(path, &error), qPrintable(error));
    const sluice::test::CliResult ok = m_server->cli({"audit", "verify", "--checkpoint", path});
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.out + ok.err));
    // A file changed by hand is not a checkpoint the server signed.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray forged = f.readAll();
    f.close();
    const QByteArray hash = a->checkpoint()->hash.toLatin1();
    forged.replace(hash, QByteArray(hash.size(), '0'));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(forged);
    f.close();
    QVERIFY(m_server->cli({"audit", "verify", "--checkpoint", path}).exitCode != 0);

    // A replay (no source) hides it; a refused token says it is unavailable.
    c.window->setSource(nullptr);
    QVERIFY(!a->isVisible());
    Console bad(m_lang, base(), QStringLiteral("not-a-valid-token"));
    AuditCheckpointView* b = bad.window->auditCheckpoint();
    QTRY_VERIFY_WITH_TIMEOUT(!b->lastError().isEmpty(), 10'000);
    QVERIFY(!b->checkpoint());
    QVERIFY(b->lastError().contains("401"));
    QVERIFY2(b->text().contains(QStringLiteral("unavailable")), qPrintable(b->text()));
}

QTEST_MAIN(TestLive)
#include "tst_live.moc"
