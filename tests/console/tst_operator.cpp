// What an operator sees and does, through the real main window (offscreen) on a scripted source:
// an alert raised (tiles red where it matters, the ETA tile says paused), acknowledged (sent as
// acknowledge_alert, who and when shown; kept locally when the server does not know the command)
// and cleared after its hold time; a source switch leaves nothing of the first source; the
// incident timeline's text in both languages for every event kind, re-rendered on a switch;
// confirmations with old → new and the people affected, the outcome where the operator is;
// the window fits 1366×768 and 1280×720; a frozen server is a red banner whose age ticks; a
// refused token asks for a new one; the wall mode, View → Reset layout, the documented
// shortcuts, the focus ring, Qt's own Korean.
#include "console/model/cohorttablemodel.h"
#include "console/model/consolesession.h"
#include "console/views/alertnotifier.h"
#include "console/views/alertspanel.h"
#include "console/views/chartspanel.h"
#include "console/views/cohortpanel.h"
#include "console/views/consolestyle.h"
#include "console/views/eventlogpanel.h"
#include "console/views/languagemanager.h"
#include "console/views/mainwindow.h"
#include "console/views/noticespanel.h"
#include "console/views/profilestore.h"
#include "console/views/resultline.h"
#include "console/views/tilespanel.h"
#include "console/views/wallview.h"
#include "fakesource.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTreeWidget>
#include <QtTest>

using namespace sluice::console;
using sluice::console::testing::FakeSource;

namespace {
QJsonObject fixture(const QString& name) {
    QFile f(QStringLiteral(SLUICE_FIXTURES_DIR "/ops/") + name + ".json");
    if (!f.open(QIODevice::ReadOnly)) qFatal("missing fixture %s", qPrintable(name));
    return QJsonDocument::fromJson(f.readAll()).object();
}
QJsonObject hello(const QString& role = "operator", const QString& name = "kim") {
    QJsonObject h = fixture("hello");
    h["operator"] = QJsonObject{{"name", name}, {"role", role}};
    h["resume"] = QJsonObject{{"from_seq", QJsonValue()}, {"mode", "snapshot"}};
    return h;
}
// A tick of the snapshot fixture's cohort with its state and figures changed.
QJsonObject tickWith(qint64 seq, const QString& state, qint64 waiting, double actual) {
    QJsonObject t = fixture("tick");
    t["seq"] = seq;
    QJsonObject c = t["cohorts"].toArray().at(0).toObject();
    c["state"] = state;
    c["waiting"] = waiting;
    c["actual_rate"] = actual;
    c["paused_for_incident"] = state == "paused";
    c["eta_last_s"] = 600;
    t["cohorts"] = QJsonArray{c};
    return t;
}
// The colour the widget is really drawn in (a palette that the style ignores would pass a
// palette check): a pixel of its own rendering, away from the text.
QColor windowColour(QWidget* w) {
    return w->grab().toImage().pixelColor(1, 1);
}
} // namespace

class TestOperator : public QObject {
    Q_OBJECT
    LanguageManager* m_lang = nullptr;

    struct Fixture {
        FakeSource* src;
        ConsoleSession session;
        ProfileStore profiles;
        std::unique_ptr<MainWindow> window;
        QStringList confirmations;
        int beeps = 0;
        Fixture(LanguageManager* lang) : src(new FakeSource) {
            window = std::make_unique<MainWindow>(&session, lang, &profiles);
            window->notifier()->setBeeper([this] { ++beeps; }); // never the real speaker
            window->setConfirmer([this](const QString&, const QString& text) {
                confirmations.append(text);
                return true;
            });
            window->setSource(src);
            window->show();
            if (!QTest::qWaitForWindowExposed(window.get())) qWarning("window not exposed");
        }
        void start(const QString& role = "operator") {
            src->push(hello(role));
            src->push(fixture("snapshot"));
        }
        QStringList logTexts() {
            session.eventLog()->flush();
            QStringList out;
            for (int r = 0; r < session.eventLog()->rowCount(); ++r)
                out.append(session.eventLog()->messageText(r));
            return out;
        }
    };

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("SluiceTest");
        QApplication::setApplicationName("tst_console_operator");
        QSettings().clear();
        m_lang = new LanguageManager(this);
        QVERIFY(m_lang->setLanguage("en"));
    }
    void alertRaisedAcknowledgedCleared();
    void unknownOpKeepsTheAcknowledgementLocal();
    void sourceSwitchLeavesNothing();
    void timelineTextInBothLanguages();
    void confirmationsShowOldToNew();
    void fitsSmallScreens();
    void frozenServerTicks();
    void refusedTokenAsksForANewOne();
    void wallModeAndResetLayout();
    void shortcutsAndFocusRing();
    void qtOwnTranslations();
    void chartsMarkActionsAndMoments();
};

void TestOperator::alertRaisedAcknowledgedCleared() {
    Fixture f(m_lang);
    f.start();
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    // All well: no alert, no red tile.
    f.src->pushAt(tickWith(1235, "open", 1'384'516, 388), t0);
    f.window->saveScreenshot(QDir::temp().filePath("tst_console_operator.png"));
    QVERIFY(f.session.alerts().alerts().isEmpty());
    QCOMPARE(f.window->tiles()->tile(TilesPanel::Admitted)->level(), Level::Normal);
    // 50-52 style incident: paused with people waiting.
    f.src->pushAt(tickWith(1236, "paused", 7834, 0), t0 + 500);
    f.window->saveScreenshot(QDir::temp().filePath("tst_console_operator.png"));
    QCOMPARE(f.session.alerts().alerts().size(), 1);
    const Alert a = f.session.alerts().alerts().at(0);
    QCOMPARE(a.key, QStringLiteral("cohort_paused_waiting:53-54"));
    QCOMPARE(a.severity, AlertSeverity::Critical);
    QCOMPARE(a.startedMs, t0 + 500);
    QCOMPARE(f.window->tiles()->tile(TilesPanel::Waiting)->level(), Level::Red);
    QCOMPARE(f.window->tiles()->tile(TilesPanel::Admitted)->level(), Level::Red);
    QCOMPARE(f.window->tiles()->tile(TilesPanel::EtaLast)->valueText(), QStringLiteral("paused"));
    QCOMPARE(f.window->alertsPanel()->table()->model()->rowCount(), 1);
    QVERIFY(f.window->alertsPanel()->table()->isVisible());
    QVERIFY(f.window->alertsPanel()->summary()->text().contains("1 critical"));
    QCOMPARE(f.window->notifier()->urgencyRequests(), 1);
    QCOMPARE(f.beeps, 1);
    QVERIFY(f.logTexts().join('\n').contains("paused for an incident: 7,834 people waiting"));
    {
        // The cohort table says why: "paused (incident)"; a sold-out close says "closed (sold
        // out)".
        QAbstractItemModel* m = f.window->cohorts()->table()->model();
        QString state;
        for (int r = 0; r < m->rowCount(); ++r)
            for (int c = 0; c < m->columnCount(); ++c)
                if (m->index(r, c).data().toString().startsWith("paused"))
                    state = m->index(r, c).data().toString();
        QCOMPARE(state, QStringLiteral("paused (incident)"));
        CohortFigures closed;
        closed.state = "closed";
        closed.closedReason = "sold_out";
        QCOMPARE(cohortStateLabel(closed), QStringLiteral("closed (sold out)"));
        closed.closedReason.clear();
        QCOMPARE(cohortStateLabel(closed), QStringLiteral("closed"));
    }

    // Acknowledge: sent to the server with the stable key and the note.
    f.window->alertsPanel()->noteEdit()->setText("incident call opened");
    QVERIFY(f.window->alertsPanel()->acknowledgeCurrent());
    QCOMPARE(f.src->sent.size(), 1);
    QCOMPARE(f.src->sent.at(0).op, QStringLiteral("acknowledge_alert"));
    // The same arguments, with the same types, as the protocol's fixture.
    const QJsonObject want{{"alert", a.key}, {"note", "incident call opened"}};
    QCOMPARE(f.src->sent.at(0).args, want);
    QCOMPARE(fixture("command_acknowledge_alert")["args"].toObject().keys(), want.keys());
    QCOMPARE(f.session.alerts().find(a.key)->ack, Alert::Ack::Pending);
    QJsonObject ack = fixture("ack");
    ack["id"] = f.src->sent.at(0).id;
    ack["op"] = "acknowledge_alert";
    f.src->pushAt(ack, t0 + 900);
    QCOMPARE(f.session.alerts().find(a.key)->ack, Alert::Ack::Server);
    QCOMPARE(f.session.alerts().find(a.key)->ackBy, QStringLiteral("kim"));
    // Another console's acknowledgement (the broadcast event) names its operator.
    QJsonObject ev = fixture("event_alert_acknowledged");
    ev["seq"] = 1237;
    ev["data"] = QJsonObject{{"alert", a.key}, {"by", "lee"}, {"note", "taking over"}};
    f.src->pushAt(ev, t0 + 1000);
    QCOMPARE(f.session.alerts().find(a.key)->ackBy, QStringLiteral("lee"));
    const QString ackCell =
        f.session.alertModel()->index(0, AlertListModel::Acknowledged).data().toString();
    QVERIFY2(ackCell.contains("lee") && ackCell.contains("taking over"), qPrintable(ackCell));
    QVERIFY(f.logTexts().join('\n').contains("lee acknowledged the alert"));

    // Resumed: the alert stays for its clear hold (3 s), then clears.
    f.src->pushAt(tickWith(1238, "open", 7834, 390), t0 + 1500);
    QCOMPARE(f.session.alerts().alerts().size(), 1);
    f.src->pushAt(tickWith(1239, "open", 7600, 390), t0 + 3000);
    QCOMPARE(f.session.alerts().alerts().size(), 1);
    f.src->pushAt(tickWith(1240, "open", 7400, 390), t0 + 5000);
    QVERIFY(f.session.alerts().alerts().isEmpty());
    QVERIFY(f.logTexts().join('\n').contains("alert over"));
    f.window->saveScreenshot(QDir::temp().filePath("tst_console_operator.png"));
    QCOMPARE(f.window->tiles()->tile(TilesPanel::Admitted)->level(), Level::Normal);
    QVERIFY(f.window->alertsPanel()->summary()->text().contains("No active alerts"));
}

void TestOperator::unknownOpKeepsTheAcknowledgementLocal() {
    Fixture f(m_lang);
    f.start();
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    f.src->pushAt(tickWith(1235, "paused", 100, 0), t0);
    QVERIFY(f.window->alertsPanel()->acknowledgeCurrent());
    QJsonObject nack = fixture("nack");
    nack["id"] = f.src->sent.at(0).id;
    nack["op"] = "acknowledge_alert";
    nack["code"] = "unknown_op";
    nack["message"] = "unknown op acknowledge_alert";
    f.src->pushAt(nack, t0 + 100);
    const Alert* a = f.session.alerts().find("cohort_paused_waiting:53-54");
    QVERIFY(a);
    QCOMPARE(a->ack, Alert::Ack::Local);
    QVERIFY(f.session.alertModel()
                ->index(0, AlertListModel::Acknowledged)
                .data()
                .toString()
                .contains("this console only"));
    QVERIFY(f.logTexts().join('\n').contains(
        "on this console only (the server does not share acknowledgements)"));
    // A viewer cannot send it: local at once, nothing sent.
    Fixture v(m_lang);
    v.start("viewer");
    v.src->pushAt(tickWith(1235, "paused", 100, 0), t0);
    QVERIFY(v.window->alertsPanel()->acknowledgeCurrent());
    QVERIFY(v.src->sent.isEmpty());
    QCOMPARE(v.session.alerts().alerts().at(0).ack, Alert::Ack::Local);
}

void TestOperator::sourceSwitchLeavesNothing() {
    Fixture f(m_lang);
    f.start();
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    for (int i = 1; i <= 20; ++i)
        f.src->pushAt(tickWith(1234 + i, i > 15 ? "paused" : "open", 50'000, 380), t0 + i * 500);
    QJsonObject ev = fixture("event");
    ev["seq"] = 1255;
    f.src->pushAt(ev, t0 + 10'500);
    f.window->cohorts()->selectCohort("53-54");
    f.window->cohorts()->incidentCheck()->setChecked(true);
    f.window->cohorts()->rateSpin()->setValue(60);
    f.window->cohorts()->rateButton()->click();
    f.window->notices()->koreanEdit()->setPlainText("안내");
    f.window->notices()->englishEdit()->setPlainText("Notice");
    f.window->eventLog()->filterEdit()->setText("kim");
    f.window->charts()->refresh();
    QVERIFY(f.window->charts()->seriesKeys(ChartsPanel::QueueDepth).contains("queue:53-54"));
    QVERIFY(!f.session.alerts().alerts().isEmpty());
    QVERIFY(f.session.commands()->count() > 0);

    auto* second = new FakeSource;
    f.window->setSource(second);
    f.session.eventLog()->flush();
    QCOMPARE(f.session.clinicModel()->rowCount(), 0);
    QCOMPARE(f.session.cohortModel()->rowCount(), 0);
    QCOMPARE(f.session.commands()->count(), 0);
    QVERIFY(f.session.alerts().alerts().isEmpty());
    QCOMPARE(f.session.alertModel()->rowCount(), 0);
    QCOMPARE(f.session.metrics().keys().size(), 0);
    for (int c = 0; c < ChartsPanel::ChartCount; ++c)
        QVERIFY(f.window->charts()->seriesKeys(ChartsPanel::ChartId(c)).isEmpty());
    // The log starts again with a dated separator (oldest row); only the new source's own
    // "connected" row may follow.
    const int rows = f.session.eventLog()->rowCount();
    QVERIFY2(rows >= 1 && rows <= 2, qPrintable(f.logTexts().join('\n')));
    QVERIFY(f.session.eventLog()->index(rows - 1, 0).data(EventLogModel::SeparatorRole).toBool());
    QVERIFY(f.session.eventLog()
                ->index(rows - 1, 0)
                .data()
                .toString()
                .startsWith(QDate::currentDate().toString(Qt::ISODate)));
    QVERIFY(f.session.eventLog()->messageText(rows - 1).contains("new data source"));
    for (const QString& line : f.logTexts())
        QVERIFY2(!line.contains("kim") && !line.contains("53") && !line.contains("alert"),
                 qPrintable(line));
    QVERIFY(f.window->cohorts()->selectedCohort().isEmpty());
    QVERIFY(!f.window->cohorts()->incidentCheck()->isChecked());
    QVERIFY(f.window->notices()->koreanEdit()->toPlainText().isEmpty());
    QVERIFY(f.window->eventLog()->filterEdit()->text().isEmpty());
    QVERIFY(f.window->cohorts()->resultLine()->isHidden());
    // The second server's cohort, and only it.
    second->push(hello());
    QJsonObject snap = fixture("snapshot");
    QJsonObject c = snap["cohorts"].toArray().at(0).toObject();
    c["id"] = "x9";
    snap["cohorts"] = QJsonArray{c};
    snap["seq"] = 5;
    second->push(snap);
    QJsonObject t = tickWith(6, "open", 10, 1);
    QJsonObject tc = t["cohorts"].toArray().at(0).toObject();
    tc["id"] = "x9";
    t["cohorts"] = QJsonArray{tc};
    second->push(t);
    f.window->charts()->refresh();
    QCOMPARE(f.window->charts()->seriesKeys(ChartsPanel::QueueDepth), QStringList{"queue:x9"});
    QCOMPARE(f.session.cohortModel()->rowCount(), 1);
}

void TestOperator::timelineTextInBothLanguages() {
    // Every event kind of docs/ops-protocol.md, rendered from its kind and data.
    const QList<QPair<QString, QJsonObject>> events = {
        {"operator_action", fixture("event")["data"].toObject()},
        {"approval_requested", fixture("event_approval_requested")["data"].toObject()},
        {"approval_granted", fixture("event_approval_granted")["data"].toObject()},
        {"approval_expired", fixture("event_approval_expired")["data"].toObject()},
        {"alert_acknowledged", fixture("event_alert_acknowledged")["data"].toObject()},
        {"notice_posted", fixture("event_notice_posted")["data"].toObject()},
        {"notice_retracted", fixture("event_notice_retracted")["data"].toObject()},
        {"cohort_state", fixture("event_cohort_state")["data"].toObject()},
        {"cohort_opened",
         QJsonObject{{"cohort", "53-54"}, {"prequeue_size", 300000}, {"seed", "9f2c"}}},
        {"sold_out", QJsonObject{{"cohort", "53-54"}}},
        {"cohort_paused", fixture("event_cohort_paused")["data"].toObject()},
        {"cohort_resumed", QJsonObject{{"cohort", "53-54"}, {"old", "paused"}, {"new", "running"}}},
        {"rate_changed", QJsonObject{{"cohort", "53-54"}, {"old", 400.0}, {"new", 60.0}}},
        {"max_active_changed", QJsonObject{{"cohort", "53-54"}, {"old", 10000}, {"new", 5000}}},
        {"admission_mode_changed",
         QJsonObject{{"cohort", "53-54"}, {"old", "manual"}, {"new", "automatic"}}},
        {"alert", fixture("event_alert")["data"].toObject()},
        {"alert", QJsonObject{{"alert", "booking_errors"},
                              {"error_rate", 0.08},
                              {"requests", 120},
                              {"p99_ms", 900}}},
        {"server_started", fixture("event_server_started")["data"].toObject()},
        {"server_stopping", QJsonObject{{"server_version", "0.1.0"}, {"node_id", "node-a1"}}},
    };
    const LabelLookup label = [](const QString& id) {
        return id == "53-54"
                   ? (koreanUi() ? QStringLiteral("53–54세") : QStringLiteral("Ages 53–54"))
                   : id;
    };
    QStringList en, ko;
    for (const auto& [kind, data] : events)
        en.append(renderEvent(kind, data, "kim", "RAW", label));
    QVERIFY(m_lang->setLanguage("ko"));
    for (const auto& [kind, data] : events) {
        ko.append(renderEvent(kind, data, "kim", "RAW", label));
        QVERIFY2(eventKindName(kind) != kind, qPrintable(kind));
    }
    QVERIFY(m_lang->setLanguage("en"));
    for (int i = 0; i < events.size(); ++i) {
        QVERIFY2(!en.at(i).isEmpty() && en.at(i) != "RAW", qPrintable(events.at(i).first));
        QVERIFY2(!ko.at(i).isEmpty() && ko.at(i) != "RAW", qPrintable(events.at(i).first));
        QVERIFY2(ko.at(i) != en.at(i), qPrintable(ko.at(i)));
        QVERIFY2(!ko.at(i).contains(events.at(i).first), qPrintable(ko.at(i)));
        // Korean text: at least one Hangul syllable.
        bool hangul = false;
        for (QChar ch : ko.at(i))
            hangul = hangul || (ch.unicode() >= 0xAC00 && ch.unicode() <= 0xD7A3);
        QVERIFY2(hangul, qPrintable(ko.at(i)));
    }
    QCOMPARE(en.at(0), QStringLiteral("kim: Ages 53–54 admission rate 400 → 600/s"));
    QCOMPARE(ko.at(0), QStringLiteral("kim: 53–54세 입장 속도 400 → 600/초"));

    // In the window: the rows follow a language switch, with the time of day first.
    Fixture f(m_lang);
    f.start();
    QJsonObject ev = fixture("event");
    ev["seq"] = 1235;
    f.src->push(ev);
    f.session.eventLog()->flush();
    const QAbstractItemModel* log = f.session.eventLog();
    QCOMPARE(log->index(0, EventLogModel::Message).data().toString(), en.at(0));
    QVERIFY(QRegularExpression("^\\d\\d:\\d\\d:\\d\\d$")
                .match(log->index(0, EventLogModel::Time).data().toString())
                .hasMatch());
    QVERIFY(m_lang->setLanguage("ko"));
    QCOMPARE(log->index(0, EventLogModel::Message).data().toString(), ko.at(0));
    QVERIFY(f.logTexts().join('\n').contains(QStringLiteral("연결")));
    QVERIFY(m_lang->setLanguage("en"));
}

void TestOperator::confirmationsShowOldToNew() {
    Fixture f(m_lang);
    f.start();
    CohortPanel* c = f.window->cohorts();
    c->selectCohort("53-54");
    c->rateSpin()->setValue(60);
    c->rateButton()->click();
    QCOMPARE(f.confirmations.size(), 1);
    QVERIFY2(f.confirmations.last().contains("from 400 to 60"), qPrintable(f.confirmations.last()));
    QVERIFY2(f.confirmations.last().contains("1,384,674 people"),
             qPrintable(f.confirmations.last()));
    // The outcome where the operator is: the cohort panel's line, no other panel raised.
    QVERIFY(c->isVisible());
    QVERIFY(c->resultLine()->isVisible());
    QVERIFY2(c->resultLine()->text().contains("Pending"), qPrintable(c->resultLine()->text()));
    QJsonObject ack = fixture("ack");
    ack["id"] = f.src->sent.last().id;
    ack["result"] = QJsonObject{{"old_value", 400.0}, {"new_value", 60.0}};
    f.src->push(ack);
    QVERIFY2(c->resultLine()->text().contains("Done: Ages 53–54 admission rate 400 → 60/s"),
             qPrintable(c->resultLine()->text()));
    QVERIFY(c->isVisible());
    // Pause: the incident flag and the people waiting.
    c->incidentCheck()->setChecked(true);
    c->pauseButton()->click();
    QVERIFY(f.confirmations.last().contains("1,384,674 people waiting"));
    QVERIFY(f.confirmations.last().contains("Marked as an incident"));
    // Notices: the composer clears after the server confirmed the post; retract names the text.
    NoticesPanel* n = f.window->notices();
    n->koreanEdit()->setPlainText("본인인증 지연");
    n->englishEdit()->setPlainText("Identity checks are slow");
    n->postButton()->click();
    QVERIFY(!n->postButton()->isEnabled()); // no second post while the first is pending
    QJsonObject posted = fixture("ack");
    posted["id"] = f.src->sent.last().id;
    posted["op"] = "post_notice";
    posted["result"] = QJsonObject{{"notice_id", 8}};
    f.src->push(posted);
    QVERIFY(n->koreanEdit()->toPlainText().isEmpty());
    QVERIFY(n->englishEdit()->toPlainText().isEmpty());
    n->noticeList()->setCurrentItem(n->noticeList()->topLevelItem(0));
    n->retractButton()->click();
    QVERIFY2(
        f.confirmations.last().contains("Identity checks are slow. Your place in line is kept."),
        qPrintable(f.confirmations.last()));
    // The actions table speaks sentences, never command ids.
    const QString action = f.session.commands()->index(3, CommandTracker::Action).data().toString();
    QCOMPARE(action, QStringLiteral("Ages 53–54 admission rate 400 → 60/s"));
    for (const QString& line : f.logTexts())
        QVERIFY2(!line.contains(f.src->sent.first().id), qPrintable(line));
}

void TestOperator::fitsSmallScreens() {
    Fixture f(m_lang);
    f.start();
    const QSize min = f.window->minimumSizeHint();
    QVERIFY2(min.width() <= 1280 && min.height() <= 690,
             qPrintable(QString("%1x%2").arg(min.width()).arg(min.height())));
    for (const QSize size : {QSize(1366, 768), QSize(1280, 720)}) {
        f.window->resize(size);
        QTest::qWait(50);
        QCOMPARE(f.window->size(), size);
        const QRect status = f.window->statusBar()->geometry();
        QVERIFY(status.bottom() < size.height() && status.height() > 0);
        QVERIFY(f.window->connectionLabel()->isVisible());
        QVERIFY(f.window->alertsPanel()->isVisible());
        for (QDockWidget* d : f.window->findChildren<QDockWidget*>())
            QVERIFY2(d->geometry().bottom() <= size.height(), qPrintable(d->objectName()));
    }
}

void TestOperator::frozenServerTicks() {
    Fixture f(m_lang);
    f.start();
    LinkStatus s;
    s.problem = LinkStatus::Problem::Frozen;
    s.lastFrameMs = QDateTime::currentMSecsSinceEpoch() - 17'000;
    s.attempt = 2;
    s.retryAtMs = QDateTime::currentMSecsSinceEpoch() + 60'000;
    f.src->setState(DataSource::State::Reconnecting);
    f.src->setLink(s);
    QVERIFY(f.window->bannerFrame()->isVisible());
    QCOMPARE(windowColour(f.window->bannerFrame()), QColor(198, 40, 40));
    const QString first = f.window->banner()->text();
    QVERIFY2(first.contains("stopped answering") && first.contains("No data for 17 s"),
             qPrintable(first));
    // The age ticks every second, without any frame. A 1 s timer with Qt's coarse slack may step
    // from 17 straight to 19 on a loaded machine, so any later second counts, but only a few.
    static const QRegularExpression age(QStringLiteral("No data for (\\d+) s"));
    auto shownAge = [&] { return age.match(f.window->banner()->text()).captured(1).toInt(); };
    QTRY_VERIFY_WITH_TIMEOUT(shownAge() > 17, 2500);
    QVERIFY2(shownAge() <= 20, qPrintable(f.window->banner()->text()));
    // Not connected after data: the link alert, critical.
    QTRY_VERIFY(f.session.alerts().find("link_lost") != nullptr);
    // A console that never had data says "connecting", amber.
    Fixture g(m_lang);
    LinkStatus c;
    c.problem = LinkStatus::Problem::Connecting;
    g.src->setState(DataSource::State::Connecting);
    g.src->setLink(c);
    QCOMPARE(windowColour(g.window->bannerFrame()), QColor(255, 214, 140));
}

void TestOperator::refusedTokenAsksForANewOne() {
    Fixture f(m_lang);
    LinkStatus s;
    s.problem = LinkStatus::Problem::TokenRefused;
    f.src->setState(DataSource::State::Disconnected);
    f.src->setLink(s);
    QVERIFY(f.window->banner()->text().contains("refused the operator token"));
    QVERIFY(f.window->newTokenButton()->isVisible());
    s.problem = LinkStatus::Problem::TokenRevoked;
    f.src->setLink(s);
    QVERIFY(f.window->banner()->text().contains("revoked"));
    s.problem = LinkStatus::Problem::NoServer;
    f.src->setLink(s);
    QVERIFY(!f.window->newTokenButton()->isVisible());
}

void TestOperator::wallModeAndResetLayout() {
    Fixture f(m_lang);
    f.start();
    f.src->pushAt(tickWith(1235, "paused", 7834, 0), QDateTime::currentMSecsSinceEpoch());
    f.window->setWallMode(true);
    QVERIFY(f.window->isWallMode());
    QVERIFY(f.window->wallView()->isVisible());
    QCOMPARE(f.window->wallView()->stripCount(), 1);
    QVERIFY2(f.window->wallView()->stripText(0).contains("7,834 waiting"),
             qPrintable(f.window->wallView()->stripText(0)));
    for (QDockWidget* d : f.window->findChildren<QDockWidget*>())
        QVERIFY(!d->isVisible());
    f.window->setWallMode(false);
    QVERIFY(!f.window->wallView()->isVisible());
    QVERIFY(f.window->findChild<QDockWidget*>("cohortsDock")->isVisible());
    f.window->findChild<QDockWidget*>("clinicsDock")->hide();
    f.window->findChild<QDockWidget*>("cohortsDock")->setFloating(true);
    f.window->resetLayout();
    QVERIFY(!f.window->findChild<QDockWidget*>("cohortsDock")->isFloating());
    QVERIFY(!f.window->findChild<QDockWidget*>("clinicsDock")->isHidden());
}

void TestOperator::shortcutsAndFocusRing() {
    Fixture f(m_lang);
    QStringList keys;
    for (const auto& [k, what] : f.window->shortcutList())
        keys.append(k);
    for (const char* k :
         {"Ctrl+K", "F11", "F1", "Ctrl+Shift+P", "Ctrl+Shift+R", "Ctrl+1", "Ctrl+2", "Space"})
        QVERIFY2(
            keys.contains(QKeySequence(QString::fromLatin1(k)).toString(QKeySequence::NativeText)),
            k);
    f.window->showShortcuts();
    auto* dialog = f.window->findChild<QDialog*>("shortcutsDialog");
    QVERIFY(dialog && dialog->isVisible());
    dialog->close();
    // The focus ring: a focused button is drawn with a 2 px ring in the focus colour.
    ConsoleStyle style;
    QPushButton b("OK");
    b.setStyle(&style);
    b.resize(100, 30);
    QStyleOptionButton o;
    o.initFrom(&b);
    o.state |= QStyle::State_HasFocus;
    o.text = b.text();
    QImage img(100, 30, QImage::Format_ARGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    style.drawControl(QStyle::CE_PushButton, &o, &p, &b);
    p.end();
    int ringPixels = 0;
    for (int x = 0; x < img.width(); ++x)
        if (QColor(img.pixel(x, 1)).blue() > 150 && QColor(img.pixel(x, 1)).red() < 80)
            ++ringPixels;
    QVERIFY2(ringPixels > 50, qPrintable(QString::number(ringPixels)));
}

void TestOperator::qtOwnTranslations() {
    if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + "/qtbase_ko.qm"))
        QSKIP("qt6-translations-l10n is not installed (scripts/install-deps.sh installs it)");
    QVERIFY(m_lang->setLanguage("ko"));
    // Standard buttons and dialogs: Qt's own catalogue.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("취소"));
    QVERIFY(m_lang->setLanguage("en"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
}

void TestOperator::chartsMarkActionsAndMoments() {
    Fixture f(m_lang);
    f.start();
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-60);
    const auto at = [&](int s) { return t0.addSecs(s).toString(Qt::ISODateWithMs); };
    for (int i = 0; i < 40; ++i) {
        QJsonObject t = tickWith(2000 + i, "open", 5000, 300 + i);
        t["server_time"] = at(i);
        f.src->push(t);
    }
    QJsonObject e = fixture("event");
    e["seq"] = 2100;
    e["server_time"] = at(20);
    f.src->push(e);
    ChartsPanel* charts = f.window->charts();
    charts->refresh();
    QCOMPARE(f.session.actionMarks().size(), 1);
    // The action is drawn on every chart whose range covers it.
    QCOMPARE(charts->visibleActionMarks(ChartsPanel::AdmissionRate), 1);
    QCOMPARE(charts->visibleActionMarks(ChartsPanel::QueueDepth), 1);
    // Hover: the time, the value of each series there, and the action nearby.
    const qint64 ms = t0.addSecs(20).toMSecsSinceEpoch();
    const QString hover = charts->hoverText(ChartsPanel::AdmissionRate, ms);
    QVERIFY2(hover.contains(QDateTime::fromMSecsSinceEpoch(ms).toString("HH:mm:ss")),
             qPrintable(hover));
    QVERIFY2(hover.contains("admitted: 320"), qPrintable(hover));
    QVERIFY2(hover.contains("kim"), qPrintable(hover));
    // One crosshair across the charts.
    charts->setCrosshair(ms);
    QCOMPARE(charts->crosshairMs(), ms);
    // A click on the action's timeline row marks its moment on the live charts.
    f.session.eventLog()->flush();
    QTableView* table = f.window->eventLog()->table();
    int row = -1;
    for (int i = 0; i < table->model()->rowCount(); ++i)
        if (table->model()->index(i, 0).data(EventLogModel::KindRole).toString() ==
            "operator_action")
            row = i;
    QVERIFY(row >= 0);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(table->model()->index(row, 4)).center());
    QCOMPARE(charts->highlightedMs(), ms);
    // A new source leaves no marker, crosshair or highlight of the old one.
    f.window->setSource(new FakeSource);
    QCOMPARE(f.session.actionMarks().size(), 0);
    QCOMPARE(charts->highlightedMs(), qint64(-1));
    QCOMPARE(charts->crosshairMs(), qint64(-1));
}

QTEST_MAIN(TestOperator)
#include "tst_operator.moc"
