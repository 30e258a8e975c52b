// The console's main window (see mainwindow.h).
#include "console/views/mainwindow.h"

#include "console/model/consolesession.h"
#include "console/transport/livesource.h"
#include "console/views/approvalspanel.h"
#include "console/views/chartspanel.h"
#include "console/views/clinicpanel.h"
#include "console/views/cohortpanel.h"
#include "console/views/connectdialog.h"
#include "console/views/eventlogpanel.h"
#include "console/views/languagemanager.h"
#include "console/views/noticespanel.h"
#include "console/views/profilestore.h"
#include "console/views/tilespanel.h"
#include "console/replay/recordingcontroller.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QShowEvent>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace sluice::console {

MainWindow::MainWindow(ConsoleSession* session, LanguageManager* language, ProfileStore* profiles,
                       QWidget* parent)
    : QMainWindow(parent), m_session(session), m_language(language), m_profiles(profiles) {
    setObjectName(QStringLiteral("SluiceMainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/console/icons/sluice.svg")));
    m_confirm = [this](const QString& title, const QString& text) {
        return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Yes;
    };

    auto* central = new QWidget(this);
    auto* cl = new QVBoxLayout(central);
    cl->setContentsMargins(4, 4, 4, 4);
    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setAutoFillBackground(true);
    m_banner->setMargin(6);
    QPalette bp = m_banner->palette();
    bp.setColor(QPalette::Window, QColor(255, 214, 140));
    bp.setColor(QPalette::WindowText, QColor(60, 30, 0));
    m_banner->setPalette(bp);
    m_banner->hide();
    cl->addWidget(m_banner);
    m_splitter = new QSplitter(Qt::Vertical, central);
    m_splitter->setObjectName(QStringLiteral("centralSplitter"));
    m_tiles = new TilesPanel(session, m_splitter);
    m_charts = new ChartsPanel(session, m_splitter);
    m_splitter->addWidget(m_tiles);
    m_splitter->addWidget(m_charts);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    cl->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_cohorts = new CohortPanel(session, this);
    m_clinics = new ClinicPanel(session, this);
    m_notices = new NoticesPanel(session, this);
    m_approvals = new ApprovalsPanel(session, this);
    m_log = new EventLogPanel(session, this);
    createDocks();
    createMenus();

    m_modeLabel = new QLabel(this);
    m_connLabel = new QLabel(this);
    m_connLabel->setObjectName(QStringLiteral("connectionState"));
    m_connLabel->setAutoFillBackground(true);
    m_connLabel->setMargin(2);
    m_serverLabel = new QLabel(this);
    m_lastUpdate = new QLabel(this);
    m_lastUpdate->setObjectName(QStringLiteral("lastUpdate"));
    statusBar()->addPermanentWidget(m_modeLabel);
    statusBar()->addPermanentWidget(m_connLabel);
    statusBar()->addPermanentWidget(m_serverLabel, 1);
    statusBar()->addPermanentWidget(m_lastUpdate);
    // Recording and replay (issue 6): File → Open recording / Export / Recording settings,
    // the replay timeline, the REC mark, recording of every live session.
    replay::RecordingController::Hooks recordingHooks;
    recordingHooks.setSource = [this](DataSource* s) { setSource(s); };
    recordingHooks.chartWindowMs = [this] { return m_charts->windowMs(); };
    recordingHooks.charts = m_charts;
    m_recording = new replay::RecordingController(this, session, m_fileMenu, m_quitAction, recordingHooks);

    auto request = [this](const QString& op, const QJsonObject& args, const QString& d,
                          const QString& c) { requestCommand(op, args, d, c); };
    connect(m_cohorts, &CohortPanel::commandRequested, this, request);
    connect(m_notices, &NoticesPanel::commandRequested, this, request);
    connect(m_approvals, &ApprovalsPanel::commandRequested, this, request);

    connect(session, &ConsoleSession::updated, this, &MainWindow::scheduleViewRefresh);
    connect(session, &ConsoleSession::staleChanged, this, &MainWindow::refreshViews);
    connect(session, &ConsoleSession::connectionStateChanged, this, &MainWindow::updateStatus);
    connect(session, &ConsoleSession::canActChanged, this, &MainWindow::updateStatus);
    connect(session, &ConsoleSession::helloReceived, this, &MainWindow::updateStatus);
    connect(session, &ConsoleSession::statusMessage, this, &MainWindow::onStatusMessage);
    connect(language, &LanguageManager::languageChanged, this, [this](const QString& lang) {
        m_session->cohortModel()->setKorean(lang == QLatin1String("ko"));
        m_koAction->setChecked(lang == QLatin1String("ko"));
        m_enAction->setChecked(lang == QLatin1String("en"));
    });
    m_session->cohortModel()->setKorean(language->isKorean());

    // "last update N s ago" and staleness move with time, not only with frames.
    m_statusTimer.setInterval(1000);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_statusTimer.start();
    m_viewTimer.setSingleShot(true);
    m_viewTimer.setInterval(250);
    connect(&m_viewTimer, &QTimer::timeout, this, &MainWindow::refreshViews);

    retranslate();
    resize(1500, 950);
}

MainWindow::~MainWindow() {
    m_session->setSource(nullptr);
}

void MainWindow::createDocks() {
    struct D {
        QWidget* w;
        const char* name;
        Qt::DockWidgetArea area;
    };
    const D docks[] = {{m_cohorts, "cohortsDock", Qt::BottomDockWidgetArea},
                       {m_notices, "noticesDock", Qt::BottomDockWidgetArea},
                       {m_approvals, "approvalsDock", Qt::BottomDockWidgetArea},
                       {m_clinics, "clinicsDock", Qt::RightDockWidgetArea},
                       {m_log, "eventLogDock", Qt::RightDockWidgetArea}};
    for (const D& d : docks) {
        auto* dock = new QDockWidget(this);
        dock->setObjectName(QString::fromLatin1(d.name));
        dock->setWidget(d.w);
        dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                          QDockWidget::DockWidgetClosable);
        addDockWidget(d.area, dock);
        m_docks.append(dock);
    }
    tabifyDockWidget(m_docks.at(0), m_docks.at(1));
    tabifyDockWidget(m_docks.at(1), m_docks.at(2));
    m_docks.at(0)->raise();
}

void MainWindow::showEvent(QShowEvent* e) {
    QMainWindow::showEvent(e);
    // Default proportions on a first start; a restored layout keeps the operator's own.
    if (m_firstShow && !m_layoutRestored) {
        // After the first layout pass, or the layout overrides the sizes.
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_docks.at(3)}, {int(width() * 0.36)}, Qt::Horizontal);
            resizeDocks({m_docks.at(0), m_docks.at(1), m_docks.at(2)},
                        {int(height() * 0.24), int(height() * 0.24), int(height() * 0.24)},
                        Qt::Vertical);
        });
    }
    m_firstShow = false;
}

void MainWindow::createMenus() {
    m_fileMenu = menuBar()->addMenu(QString());
    m_connectAction = m_fileMenu->addAction(QString(), this, &MainWindow::showConnectDialog);
    m_connectAction->setShortcut(QKeySequence::Open);
    m_disconnectAction = m_fileMenu->addAction(QString(), this, &MainWindow::disconnectFromServer);
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_viewMenu = menuBar()->addMenu(QString());
    for (QDockWidget* d : m_docks)
        m_viewMenu->addAction(d->toggleViewAction());
    m_languageMenu = menuBar()->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    // Language names are shown in their own language, so they are not translated.
    m_koAction = m_languageMenu->addAction(QStringLiteral("한국어"));
    m_enAction = m_languageMenu->addAction(QStringLiteral("English"));
    for (QAction* a : {m_koAction, m_enAction}) {
        a->setCheckable(true);
        m_languageGroup->addAction(a);
    }
    m_koAction->setChecked(m_language->isKorean());
    m_enAction->setChecked(!m_language->isKorean());
    connect(m_koAction, &QAction::triggered, this,
            [this] { m_language->setLanguage(QStringLiteral("ko")); });
    connect(m_enAction, &QAction::triggered, this,
            [this] { m_language->setLanguage(QStringLiteral("en")); });
    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(
            this, tr("About Sluice"),
            tr("Sluice operations console %1\nQt %2")
                .arg(QStringLiteral(SLUICE_CONSOLE_VERSION), QString::fromLatin1(qVersion())));
    });
}

void MainWindow::retranslate() {
    m_fileMenu->setTitle(tr("&File"));
    m_connectAction->setText(tr("&Connect…"));
    m_disconnectAction->setText(tr("&Disconnect"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About"));
    const QString titles[] = {tr("Cohorts"), tr("Notices"), tr("Approvals and my actions"),
                              tr("Clinic stock"), tr("Event and audit log")};
    for (int i = 0; i < m_docks.size(); ++i)
        m_docks.at(i)->setWindowTitle(titles[i]);
    updateStatus();
}

void MainWindow::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QMainWindow::changeEvent(e);
}

DataSource* MainWindow::source() const {
    return m_source.get();
}

bool MainWindow::openRecording(const QString& path) { return m_recording->openRecording(path); }

void MainWindow::setSource(DataSource* source) {
    m_session->setSource(nullptr);
    m_source.reset(source);
    m_linkMessage.clear();
    if (m_recording) m_recording->sourceAttached(source);
    if (source) {
        m_session->setSource(source);
        source->open();
    }
    updateStatus();
}

void MainWindow::connectTo(const QUrl& baseUrl, const QString& token) {
    setSource(new LiveSource(baseUrl, token));
}

void MainWindow::disconnectFromServer() {
    if (m_source) m_source->close();
    updateStatus();
}

void MainWindow::showConnectDialog() {
    ConnectDialog dialog(m_profiles, this);
    if (dialog.exec() == QDialog::Accepted) connectTo(dialog.url(), dialog.token());
}

void MainWindow::onStatusMessage(const QString& message) {
    m_linkMessage = message;
    updateStatus();
}

QString MainWindow::requestCommand(const QString& op, const QJsonObject& args,
                                   const QString& description, const QString& confirmText) {
    if (!m_session->canAct()) {
        statusBar()->showMessage(tr("Not sent: actions are disabled (%1).").arg(description), 5000);
        return {};
    }
    if (!confirmText.isEmpty() && m_confirm && !m_confirm(tr("Confirm action"), confirmText))
        return {};
    const QString id = m_session->sendCommand(op, args, description);
    statusBar()->showMessage(id.isEmpty() ? tr("Not sent: %1").arg(description)
                                          : tr("Pending: %1").arg(description),
                             5000);
    // The actions dock shows the outcome when the ack arrives.
    m_docks.at(2)->raise();
    return id;
}

void MainWindow::scheduleViewRefresh() {
    if (!m_viewTimer.isActive()) m_viewTimer.start();
}

void MainWindow::refreshViews() {
    m_viewTimer.stop();
    m_tiles->refresh();
    updateStatus();
}

void MainWindow::updateStatus() {
    const DataSource::State s = m_session->connectionState();
    const bool live = !m_source || m_source->isLive();
    m_modeLabel->setText(live ? tr("LIVE") : tr("REPLAY"));
    m_connLabel->setText(QStringLiteral(" ● %1 ").arg(stateName(s)));
    QPalette p = m_connLabel->palette();
    QColor bg = QColor(200, 200, 200);
    if (s == DataSource::State::Connected)
        bg = m_session->isStale() ? QColor(255, 214, 140) : QColor(170, 230, 170);
    else if (s == DataSource::State::Reconnecting || s == DataSource::State::Stalled)
        bg = QColor(255, 170, 170);
    p.setColor(QPalette::Window, bg);
    m_connLabel->setPalette(p);

    const auto& hello = m_session->state().hello();
    QString server = m_source ? m_source->description() : tr("not connected");
    if (m_session->state().hasHello()) {
        if (!hello.nodeId.isEmpty()) server += QStringLiteral("  ·  ") + hello.nodeId;
        server += QStringLiteral("  ·  %1 (%2)").arg(hello.operatorName, hello.role);
    }
    if (m_session->state().hasSnapshot())
        server += QStringLiteral("  ·  seq %1").arg(m_session->state().seq());
    m_serverLabel->setText(server);

    const qint64 ago = m_session->msSinceLastFrame();
    if (ago < 0) {
        m_lastUpdate->setText(tr("no data yet"));
    } else {
        m_lastUpdate->setText(tr("last update %1 s ago").arg(ago / 1000));
    }
    QPalette lp = m_lastUpdate->palette();
    lp.setColor(QPalette::WindowText,
                m_session->isStale() ? QColor(180, 0, 0) : QColor(20, 20, 20));
    m_lastUpdate->setPalette(lp);

    QString banner;
    if (!m_source) {
        banner = tr("Not connected. Use File → Connect… to choose a server.");
    } else if (!m_linkMessage.isEmpty()) {
        banner = m_linkMessage;
    } else if (s == DataSource::State::Disconnected) {
        banner = tr("Disconnected. The figures shown are the last ones received.");
    } else if (m_session->isStale() && m_session->state().hasSnapshot()) {
        banner =
            tr("No data for %1 s: the figures shown are stale.").arg(qMax<qint64>(0, ago) / 1000);
    }
    if (!banner.isEmpty() && m_session->state().hasSnapshot() && m_session->isStale())
        banner +=
            QLatin1Char(' ') +
            tr("Last update %1 s ago; actions are disabled.").arg(qMax<qint64>(0, ago) / 1000);
    if (m_session->state().hasHello() && m_session->role() == QLatin1String("viewer") &&
        banner.isEmpty())
        banner = tr("Signed in as a viewer: you can watch, not act.");
    m_banner->setText(banner);
    m_banner->setVisible(!banner.isEmpty());
    m_disconnectAction->setEnabled(m_source && s != DataSource::State::Disconnected);
    QString title = tr("Sluice operations console");
    if (m_source) title += QStringLiteral(" — ") + m_source->description();
    setWindowTitle(title);
}

void MainWindow::restoreLayout() {
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    m_layoutRestored = restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(s.value(QStringLiteral("window/splitter")).toByteArray());
    m_clinics->table()->horizontalHeader()->restoreState(
        s.value(QStringLiteral("window/clinicHeader")).toByteArray());
    m_cohorts->table()->horizontalHeader()->restoreState(
        s.value(QStringLiteral("window/cohortHeader")).toByteArray());
    m_log->table()->horizontalHeader()->restoreState(
        s.value(QStringLiteral("window/logHeader")).toByteArray());
    m_charts->setWindowIndex(s.value(QStringLiteral("window/chartWindow"), 0).toInt());
}

void MainWindow::saveLayout() {
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    s.setValue(QStringLiteral("window/clinicHeader"),
               m_clinics->table()->horizontalHeader()->saveState());
    s.setValue(QStringLiteral("window/cohortHeader"),
               m_cohorts->table()->horizontalHeader()->saveState());
    s.setValue(QStringLiteral("window/logHeader"), m_log->table()->horizontalHeader()->saveState());
    s.setValue(QStringLiteral("window/chartWindow"), m_charts->windowIndex());
    s.setValue(QStringLiteral("language"), m_language->language());
    s.sync();
}

void MainWindow::closeEvent(QCloseEvent* e) {
    saveLayout();
    QMainWindow::closeEvent(e);
}

bool MainWindow::saveScreenshot(const QString& path) {
    refreshViews();
    m_session->eventLog()->flush();
    m_charts->refresh();
    QApplication::processEvents();
    return grab().save(path, "PNG");
}

} // namespace sluice::console
