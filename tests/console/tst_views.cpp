// The views on a scripted data source (offscreen): tiles and tables show the snapshot, charts
// get decimated series and skip hidden charts, actions follow the role and the link, commands
// need confirmation and show pending until their ack, the banner and status bar report a lost
// link and stale data, the language switches at run time, the layout is restored, profiles keep
// the token out of the settings file, and the command line is parsed.
#include "console/model/consolesession.h"
#include "console/transport/livesource.h"
#include "console/views/approvalspanel.h"
#include "console/views/chartspanel.h"
#include "console/views/clinicpanel.h"
#include "console/views/cohortpanel.h"
#include "console/views/commandline.h"
#include "console/views/drillpanel.h"
#include "console/views/eventlogpanel.h"
#include "console/views/languagemanager.h"
#include "console/views/mainwindow.h"
#include "console/views/noticespanel.h"
#include "console/views/profilestore.h"
#include "console/views/tilespanel.h"
#include "fakesource.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTreeWidget>
#include <QtTest>

#include <sys/stat.h>

using namespace sluice::console;
using sluice::console::testing::FakeSource;

namespace {
QJsonObject fixture(const QString& name) {
    QFile f(QStringLiteral(SLUICE_FIXTURES_DIR "/ops/") + name + ".json");
    if (!f.open(QIODevice::ReadOnly)) qFatal("missing fixture %s", qPrintable(name));
    return QJsonDocument::fromJson(f.readAll()).object();
}
QJsonObject hello(const QString& role, const QString& name = "kim") {
    QJsonObject h = fixture("hello");
    h["operator"] = QJsonObject{{"name", name}, {"role", role}};
    return h;
}
// A snapshot with `cohorts` cohorts and `clinics` clinics built from the fixture's first ones.
QJsonObject bigSnapshot(int cohorts, int clinics) {
    QJsonObject s = fixture("snapshot");
    const QJsonObject c0 = s["cohorts"].toArray().at(0).toObject();
    QJsonArray cs;
    for (int i = 0; i < cohorts; ++i) {
        QJsonObject c = c0;
        c["id"] = QStringLiteral("c%1").arg(i);
        c["waiting"] = 1000 * (i + 1);
        cs.append(c);
    }
    s["cohorts"] = cs;
    const QJsonObject k0 = s["clinics"].toArray().at(0).toObject();
    QJsonArray ks;
    for (int i = 0; i < clinics; ++i) {
        QJsonObject k = k0;
        k["id"] = QStringLiteral("k%1").arg(i);
        k["name"] = QStringLiteral("보건소 %1").arg(i);
        k["region"] = i % 2 ? "부산" : "서울";
        k["remaining_window"] = i % 50;
        ks.append(k);
    }
    s["clinics"] = ks;
    return s;
}
QJsonObject tick(const QJsonObject& snapshot, qint64 seq, qint64 ms, int waitingDelta) {
    QJsonObject t = fixture("tick");
    t["seq"] = seq;
    t["server_time"] = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    QJsonArray cs = snapshot["cohorts"].toArray();
    for (int i = 0; i < cs.size(); ++i) {
        QJsonObject c = cs.at(i).toObject();
        c["waiting"] = c["waiting"].toInteger() + waitingDelta * (i + 1);
        cs.replace(i, c);
    }
    t["cohorts"] = cs;
    t["clinics"] = QJsonArray{};
    return t;
}
// The console's command frames use the server's wire names: every argument of the server's
// command fixture (tests/fixtures/ops/command_<op>.json) is there with the same JSON type.
QString mismatchWithFixture(const FakeSource::Sent& sent) {
    const QJsonObject want = fixture("command_" + sent.op).value("args").toObject();
    for (auto it = want.begin(); it != want.end(); ++it) {
        const QJsonValue got = sent.args.value(it.key());
        if (got.type() != it.value().type()) return sent.op + "." + it.key();
        if (it.value().isObject())
            for (const QString& k : it.value().toObject().keys())
                if (got.toObject().value(k).type() != it.value().toObject().value(k).type())
                    return sent.op + "." + it.key() + "." + k;
    }
    return {};
}

} // namespace

class TestViews : public QObject {
    Q_OBJECT
    LanguageManager* m_lang = nullptr;

    struct Fixture {
        FakeSource* src;
        ConsoleSession session;
        ProfileStore profiles;
        std::unique_ptr<MainWindow> window;
        QStringList confirmations;
        bool answer = true;
        Fixture(LanguageManager* lang) : src(new FakeSource) {
            window = std::make_unique<MainWindow>(&session, lang, &profiles);
            window->setConfirmer([this](const QString&, const QString& text) {
                confirmations.append(text);
                return answer;
            });
            window->setSource(src); // the window owns it
            window->show();
            if (!QTest::qWaitForWindowExposed(window.get())) qWarning("window not exposed");
        }
    };

private slots:
    void initTestCase();
    void snapshotFillsTilesAndTables();
    void chartsDecimateAndSkipHidden();
    void actionsFollowRoleAndLink();
    void commandsConfirmedAndTracked();
    void everyActionPanelSendsItsCommand();
    void approvalsList();
    void bannerAndStaleness();
    void languageSwitchAtRunTime();
    void layoutRestored();
    void profilesKeepTokenOutOfSettings();
    void commandLine();
};

void TestViews::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName("SluiceTest");
    QApplication::setApplicationName("tst_console_views");
    QSettings().clear();
    m_lang = new LanguageManager(this);
    QVERIFY(m_lang->setLanguage("en"));
}

void TestViews::snapshotFillsTilesAndTables() {
    Fixture f(m_lang);
    f.src->push(hello("operator"));
    const QJsonObject snap = bigSnapshot(3, 200);
    f.src->push(snap);
    f.window->saveScreenshot(QDir::temp().filePath("tst_console_views.png")); // flushes refreshes
    QCOMPARE(f.window->tiles()->tile(TilesPanel::Waiting)->valueText(),
             QLocale().toString(1000 + 2000 + 3000));
    QCOMPARE(f.window->clinics()->table()->model()->rowCount(), 200);
    QCOMPARE(f.window->cohorts()->table()->model()->rowCount(), 3);
    // Region filter and search in the panel.
    f.window->clinics()->regionCombo()->setCurrentIndex(
        f.window->clinics()->regionCombo()->findData("부산"));
    QCOMPARE(f.window->clinics()->table()->model()->rowCount(), 100);
    f.window->clinics()->searchEdit()->setText("보건소 19");
    QCOMPARE(f.window->clinics()->table()->model()->rowCount(),
             6); // 19, 191, 193, ..., 199 among odd
    // Doses-left tile (the booking window's stock) turns red/amber by threshold: sum of i % 50.
    qint64 doses = 0;
    for (int i = 0; i < 200; ++i)
        doses += i % 50;
    QCOMPARE(f.window->tiles()->tile(TilesPanel::DosesLeft)->valueText(),
             QLocale().toString(doses));
    QCOMPARE(f.window->tiles()->tile(TilesPanel::DosesLeft)->level(),
             f.session.thresholds().evaluate("doses_left", double(doses)));
}

void TestViews::chartsDecimateAndSkipHidden() {
    Fixture f(m_lang);
    f.src->push(hello("viewer"));
    const QJsonObject snap = bigSnapshot(2, 10);
    f.src->push(snap);
    const qint64 t0 = f.session.state().serverTimeMs();
    // 20 minutes of 4 Hz ticks: 4800 samples per series.
    for (int i = 1; i <= 4800; ++i)
        f.session.handleFrame(tick(snap, snap["seq"].toInteger() + i, t0 + i * 250, i % 97), 0);
    ChartsPanel* charts = f.window->charts();
    charts->setWindowIndex(1); // 1 h: all 4800 samples are in the window
    charts->refresh();
    const int shown = charts->pointCount(ChartsPanel::QueueDepth, "queue:c0");
    const int pixels = int(charts->chartView(ChartsPanel::QueueDepth)->chart()->plotArea().width());
    QVERIFY2(shown > 0 && shown <= 2 * qMax(50, pixels) + 2,
             qPrintable(QString("%1 points for %2 px").arg(shown).arg(pixels)));
    QVERIFY(shown < 4800);
    // Nothing new: a refresh replaces nothing.
    const int replaced = charts->replaceCount();
    charts->refresh();
    QCOMPARE(charts->replaceCount(), replaced);
    // Hidden charts are not updated.
    f.window->centralWidget()->hide();
    f.session.handleFrame(tick(snap, snap["seq"].toInteger() + 4801, t0 + 4801 * 250, 5), 0);
    charts->refresh();
    QCOMPARE(charts->replaceCount(), replaced);
    f.window->centralWidget()->show();
    charts->refresh();
    QVERIFY(charts->replaceCount() > replaced);
    // Updates are coalesced: many frames, one scheduled refresh.
    charts->setMinRefreshIntervalMs(100);
    const int before = charts->replaceCount();
    for (int i = 4802; i < 4832; ++i)
        f.session.handleFrame(tick(snap, snap["seq"].toInteger() + i, t0 + i * 250, 1), 0);
    QTRY_VERIFY_WITH_TIMEOUT(charts->replaceCount() > before, 3000); // 1 h window: within 2 s
    QTest::qWait(100);
    const int series = int(f.session.metrics().keys().size());
    QVERIFY2(
        charts->replaceCount() - before <= series,
        qPrintable(
            QString("%1 replaces for %2 series").arg(charts->replaceCount() - before).arg(series)));
}

void TestViews::actionsFollowRoleAndLink() {
    for (const QString role : {"viewer", "operator"}) {
        Fixture f(m_lang);
        f.src->push(hello(role));
        f.src->push(fixture("snapshot"));
        f.window->cohorts()->selectCohort("53-54");
        const bool can = role == "operator";
        QCOMPARE(f.window->cohorts()->pauseButton()->isEnabled(), can);
        QCOMPARE(f.window->cohorts()->rateButton()->isEnabled(), can);
        QCOMPARE(f.window->drill()->applyButton()->isEnabled(), can);
        f.window->notices()->koreanEdit()->setPlainText("안내");
        f.window->notices()->englishEdit()->setPlainText("Notice");
        QCOMPARE(f.window->notices()->postButton()->isEnabled(), can);
        // A lost link disables everything.
        f.src->setState(DataSource::State::Reconnecting);
        QVERIFY(!f.window->cohorts()->pauseButton()->isEnabled());
        QVERIFY(!f.window->cohorts()->rateButton()->isEnabled());
        QVERIFY(!f.window->notices()->postButton()->isEnabled());
        QVERIFY(f.window->requestCommand("pause_cohort", {{"cohort", "53-54"}}, "pause", "sure?")
                    .isEmpty());
        QVERIFY(f.src->sent.isEmpty());
    }
}

void TestViews::commandsConfirmedAndTracked() {
    Fixture f(m_lang);
    f.src->push(hello("operator"));
    f.src->push(fixture("snapshot"));
    f.window->cohorts()->selectCohort("53-54");
    f.answer = false;
    f.window->cohorts()->pauseButton()->click();
    QCOMPARE(f.confirmations.size(), 1);
    QVERIFY(f.src->sent.isEmpty()); // cancelled: nothing sent
    f.answer = true;
    f.window->cohorts()->pauseButton()->click();
    QCOMPARE(f.src->sent.size(), 1);
    QCOMPARE(f.src->sent.at(0).op, QStringLiteral("pause_cohort"));
    QCOMPARE(f.src->sent.at(0).args.value("cohort").toString(), QStringLiteral("53-54"));
    QCOMPARE(mismatchWithFixture(f.src->sent.at(0)), QString());
    const QString id = f.src->sent.at(0).id;
    QTableView* actions = f.window->approvals()->actions();
    QCOMPARE(actions->model()->index(0, CommandTracker::Status).data().toString(),
             CommandTracker::statusText(TrackedCommand::Status::Pending));
    QJsonObject nack = fixture("nack");
    nack["id"] = id;
    f.src->push(nack);
    QCOMPARE(actions->model()->index(0, CommandTracker::Status).data().toString(),
             CommandTracker::statusText(TrackedCommand::Status::Refused));
    QCOMPARE(actions->model()->index(0, CommandTracker::Detail).data().toString(),
             fixture("nack")["message"].toString());
}

void TestViews::everyActionPanelSendsItsCommand() {
    Fixture f(m_lang);
    f.src->push(hello("operator"));
    QJsonObject snap = fixture("snapshot");
    f.src->push(snap);
    CohortPanel* c = f.window->cohorts();
    c->selectCohort("53-54");
    c->rateSpin()->setValue(250);
    c->rateButton()->click();
    c->maxActiveSpin()->setValue(5000);
    c->maxActiveButton()->click();
    c->modeCombo()->setCurrentIndex(1);
    c->modeButton()->click();
    QCOMPARE(c->powBitsSpin()->value(), 0); // the snapshot's: off
    c->powBitsSpin()->setValue(16);
    c->joinLimitSpin()->setValue(60);
    c->screeningButton()->click();
    QVERIFY2(f.confirmations.last().contains("65,536") || f.confirmations.last().contains("65536"),
             qPrintable(f.confirmations.last()));
    f.window->drill()->applyButton()->click();
    f.window->notices()->koreanEdit()->setPlainText("본인인증 지연");
    f.window->notices()->englishEdit()->setPlainText("Identity checks are slow");
    f.window->notices()->postButton()->click();
    f.window->notices()->noticeList()->setCurrentItem(
        f.window->notices()->noticeList()->topLevelItem(0));
    f.window->notices()->retractButton()->click();
    QStringList ops;
    for (const auto& s : f.src->sent)
        ops.append(s.op);
    QCOMPARE(ops, (QStringList{"set_rate", "set_max_active", "set_admission_mode", "set_screening",
                               "set_identity_provider", "post_notice", "retract_notice"}));
    QCOMPARE(f.src->sent.at(0).args.value("rate_per_s").toDouble(), 250.0);
    QCOMPARE(f.src->sent.at(1).args.value("max_active").toInt(), 5000);
    QCOMPARE(f.src->sent.at(2).args.value("mode").toString(), QStringLiteral("automatic"));
    QCOMPARE(f.src->sent.at(3).args.value("pow_bits").toInt(), 16);
    QCOMPARE(f.src->sent.at(3).args.value("joins_per_client_per_min").toInt(), 60);
    QCOMPARE(f.src->sent.at(5).args.value("text").toObject().value("ko").toString(),
             QStringLiteral("본인인증 지연"));
    QCOMPARE(f.src->sent.at(5).args.value("cohort").toString(), QStringLiteral("*"));
    QCOMPARE(f.src->sent.at(6).args.value("notice_id").toInteger(),
             snap["notices"].toArray().at(0)["id"].toInteger());
    QCOMPARE(f.confirmations.size(), 7); // every one of them changes what citizens see
    for (const auto& sent : f.src->sent)
        QCOMPARE(mismatchWithFixture(sent), QString());
}

void TestViews::approvalsList() {
    for (const QString me : {"kim", "lee"}) {
        Fixture f(m_lang);
        f.src->push(hello("operator", me));
        f.src->push(fixture("snapshot")); // one approval requested by kim
        QTreeWidget* list = f.window->approvals()->approvals();
        QCOMPARE(list->topLevelItemCount(), 1);
        list->setCurrentItem(list->topLevelItem(0));
        // kim cannot approve kim's own command; lee can.
        QCOMPARE(f.window->approvals()->approveButton()->isEnabled(), me == "lee");
        if (me == "lee") {
            f.window->approvals()->approveButton()->click();
            QCOMPARE(f.src->sent.size(), 1);
            QCOMPARE(f.src->sent.at(0).op, QStringLiteral("approve"));
            QCOMPARE(mismatchWithFixture(f.src->sent.at(0)), QString());
            QCOMPARE(
                f.src->sent.at(0).args.value("command_id").toString(),
                fixture("snapshot")["pending_approvals"].toArray().at(0)["command_id"].toString());
        }
        QJsonObject granted = fixture("event_approval_granted");
        granted["seq"] = f.session.state().seq() + 1;
        f.src->push(granted);
        QCOMPARE(list->topLevelItemCount(), 0);
    }
}

void TestViews::bannerAndStaleness() {
    Fixture f(m_lang);
    f.session.setStaleAfterMs(400);
    f.src->push(hello("operator"));
    f.src->push(fixture("snapshot"));
    QTRY_VERIFY(f.window->lastUpdateLabel()->text().contains("last update"));
    QVERIFY(f.window->banner()->isHidden());
    f.src->setState(DataSource::State::Reconnecting);
    emit f.src->statusMessage("Connection lost (refused). Reconnecting in 2.0 s (attempt 3).");
    QVERIFY(f.window->banner()->isVisible());
    QVERIFY(f.window->banner()->text().contains("Reconnecting"));
    QVERIFY(
        f.window->connectionLabel()->text().contains(stateName(DataSource::State::Reconnecting)));
    QVERIFY(f.session.isStale());
    QVERIFY(f.session.clinicModel()->isStale());
    QVERIFY(!f.window->tiles()->tile(TilesPanel::Waiting)->valueText().isEmpty()); // last values
                                                                                   // stay shown
    f.src->setState(DataSource::State::Connected);
    emit f.src->statusMessage(QString());
    QVERIFY(f.session.isStale()); // a new connection: old figures until the hello says more
    QJsonObject h = hello("operator");
    h["resume"] = QJsonObject{{"from_seq", f.session.state().seq()}, {"mode", "replay"}};
    f.src->push(h);
    f.src->push(tick(fixture("snapshot"), f.session.state().seq() + 1,
                     f.session.state().serverTimeMs() + 500, 1));
    QVERIFY(!f.session.isStale());
    QVERIFY(f.window->banner()->isHidden());
    // Connected but silent: stale after the threshold, with the age shown.
    QTRY_VERIFY_WITH_TIMEOUT(f.session.isStale(), 3000);
    QTRY_VERIFY_WITH_TIMEOUT(f.window->banner()->isVisible(), 3000);
    QVERIFY(f.window->banner()->text().contains("stale"));
}

void TestViews::languageSwitchAtRunTime() {
    Fixture f(m_lang);
    f.src->push(hello("operator"));
    f.src->push(fixture("snapshot"));
    QVERIFY(m_lang->setLanguage("ko"));
    QTRY_COMPARE(f.window->menuBar()->actions().at(0)->text(), QStringLiteral("파일(&F)"));
    QVERIFY(f.window->windowTitle().startsWith(QStringLiteral("Sluice 운영 콘솔")));
    QCOMPARE(f.window->clinics()->table()->model()->headerData(0, Qt::Horizontal).toString(),
             QStringLiteral("의료기관"));
    QCOMPARE(f.window->cohorts()->pauseButton()->text(), QStringLiteral("일시 중지…"));
    // Cohort labels follow the language too.
    QCOMPARE(f.window->cohorts()->table()->model()->index(0, 0).data().toString(),
             fixture("snapshot")["cohorts"].toArray().at(0)["label"]["ko"].toString());
    QVERIFY(m_lang->setLanguage("en"));
    QTRY_COMPARE(f.window->menuBar()->actions().at(0)->text(), QStringLiteral("&File"));
    QCOMPARE(f.window->cohorts()->table()->model()->index(0, 0).data().toString(),
             fixture("snapshot")["cohorts"].toArray().at(0)["label"]["en"].toString());
    QVERIFY(!m_lang->setLanguage("fr"));
}

void TestViews::layoutRestored() {
    int width = 0;
    {
        Fixture f(m_lang);
        f.src->push(fixture("snapshot"));
        f.window->findChild<QDockWidget*>("noticesDock")->hide();
        f.window->clinics()->table()->horizontalHeader()->resizeSection(0, 333);
        width = f.window->clinics()->table()->horizontalHeader()->sectionSize(0);
        f.window->charts()->setWindowIndex(2);
        f.window->close(); // saves
    }
    Fixture g(m_lang);
    g.window->restoreLayout();
    QVERIFY(g.window->findChild<QDockWidget*>("noticesDock")->isHidden());
    QCOMPARE(g.window->clinics()->table()->horizontalHeader()->sectionSize(0), width);
    QCOMPARE(g.window->charts()->windowIndex(), 2);
    QSettings().clear();
}

void TestViews::profilesKeepTokenOutOfSettings() {
    QTemporaryDir dir;
    QSettings settings(dir.filePath("profiles.ini"), QSettings::IniFormat);
    ProfileStore store(&settings, TokenVault(dir.filePath("tokens")));
    const QString token = "op_secret_token_1234567890";
    QVERIFY(store.save("상황실", QUrl("http://127.0.0.1:8080"), token));
    QCOMPARE(store.names(), QStringList{"상황실"});
    QCOMPARE(store.token("상황실"), token);
    settings.sync();
    QFile ini(dir.filePath("profiles.ini"));
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY2(!ini.readAll().contains(token.toUtf8()), "the token is in the profile file");
    const QString path = store.vault().pathFor(store.profile("상황실").tokenRef);
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    // Saving without a token keeps the old one; forgetting removes the file.
    QVERIFY(store.save("상황실", QUrl("http://127.0.0.1:9090"), QString()));
    QCOMPARE(store.token("상황실"), token);
    QVERIFY(store.save("상황실", QUrl("http://127.0.0.1:9090"), QString(), true));
    QVERIFY(store.token("상황실").isEmpty());
    QVERIFY(!QFile::exists(path));
    store.remove("상황실");
    QVERIFY(store.names().isEmpty());
    QVERIFY(!store.save("", QUrl("http://x"), "t"));
}

void TestViews::commandLine() {
    CommandLine c =
        parseCommandLine({"sluice-console", "--connect", "http://127.0.0.1:8080", "--token-file",
                          "/tmp/t", "--screenshot", "a.png", "--after", "2.5", "--lang", "ko"});
    QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
    QCOMPARE(c.connectUrl, QUrl("http://127.0.0.1:8080"));
    QCOMPARE(c.tokenFile, QStringLiteral("/tmp/t"));
    QCOMPARE(c.screenshotFile, QStringLiteral("a.png"));
    QCOMPARE(c.afterS, 2.5);
    QCOMPARE(c.lang, QStringLiteral("ko"));
    QVERIFY(parseCommandLine({"sluice-console", "--help"}).helpShown);
    QVERIFY(parseCommandLine({"sluice-console", "--version"}).versionShown);
    QVERIFY(parseCommandLine({"sluice-console", "--help"}).helpText.contains("--connect"));
    QVERIFY(!parseCommandLine({"sluice-console", "--lang", "fr"}).error.isEmpty());
    QVERIFY(!parseCommandLine({"sluice-console", "--connect", "not a url"}).error.isEmpty());
    QVERIFY(!parseCommandLine({"sluice-console", "--after", "-1"}).error.isEmpty());
    QVERIFY(!parseCommandLine({"sluice-console", "--bogus"}).error.isEmpty());
    QVERIFY(!parseCommandLine({"sluice-console", "extra"}).error.isEmpty());
    // The stream URL is derived from the base URL, with the resume point.
    QCOMPARE(LiveSource::streamUrl(QUrl("http://127.0.0.1:8080"), -1),
             QUrl("ws://127.0.0.1:8080/v1/ops/stream"));
    QCOMPARE(LiveSource::streamUrl(QUrl("https://ops.example.kr/sluice/"), 42),
             QUrl("wss://ops.example.kr/sluice/v1/ops/stream?since=42"));
}

QTEST_MAIN(TestViews)
#include "tst_views.moc"
