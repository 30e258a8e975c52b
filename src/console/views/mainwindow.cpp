// The console's main window (see mainwindow.h). Menus, shortcuts, the wall mode and the layout
// reset are in windowmodes.cpp.
#include "console/views/mainwindow.h"

#include "console/model/consolesession.h"
#include "console/replay/recordingcontroller.h"
#include "console/replay/replaysource.h"
#include "console/transport/livesource.h"
#include "console/views/alertnotifier.h"
#include "console/views/alertspanel.h"
#include "console/views/approvalspanel.h"
#include "console/views/auditcheckpointview.h"
#include "console/views/chartspanel.h"
#include "console/views/clinicpanel.h"
#include "console/views/cohortpanel.h"
#include "console/views/connectdialog.h"
#include "console/views/drillpanel.h"
#include "console/views/eventlogpanel.h"
#include "console/views/languagemanager.h"
#include "console/views/noticespanel.h"
#include "console/views/profilestore.h"
#include "console/views/resultline.h"
#include "console/views/tilespanel.h"
#include "console/views/wallview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QShowEvent>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace sluice::console {

namespace {
void paint(QWidget* w, const QColor& bg, const QColor& fg) {
    QPalette p = w->palette();
    p.setColor(QPalette::Window, bg);
    p.setColor(QPalette::WindowText, fg);
    w->setPalette(p);
}
} // namespace

MainWindow::MainWindow(ConsoleSession* session, LanguageManager* language, ProfileStore* profiles,
                       QWidget* parent)
    : QMainWindow(parent), m_session(session), m_language(language), m_profiles(profiles) {
    setObjectName(QStringLiteral("SluiceMainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/console/icons/sluice.svg")));
    m_confirm = [this](const QString& title, const QString& text) {
        return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Yes;
    };

    // The frame turns red with a tint in a replay, so it cannot be mistaken for live.
    m_frame = new QFrame(this);
    m_frame->setObjectName(QStringLiteral("replayFrame"));
    auto* cl = new QVBoxLayout(m_frame);
    cl->setContentsMargins(4, 4, 4, 4);
    cl->setSpacing(4);
    m_bannerFrame = new QFrame(m_frame);
    m_bannerFrame->setObjectName(QStringLiteral("bannerFrame"));
    m_bannerFrame->setAutoFillBackground(true);
    auto* bl = new QHBoxLayout(m_bannerFrame);
    bl->setContentsMargins(8, 4, 8, 4);
    m_banner = new QLabel(m_bannerFrame);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    QFont bf = m_banner->font();
    bf.setBold(true);
    bf.setPointSizeF(bf.pointSizeF() * 1.1);
    m_banner->setFont(bf);
    m_tokenButton = new QPushButton(m_bannerFrame);
    m_tokenButton->setObjectName(QStringLiteral("newTokenButton"));
    m_tokenButton->hide();
    connect(m_tokenButton, &QPushButton::clicked, this, &MainWindow::askForNewToken);
    bl->addWidget(m_banner, 1);
    bl->addWidget(m_tokenButton);
    // The banner spans the whole window (a top tool bar), not only the centre.
    m_bannerBar = new QToolBar(this);
    m_bannerBar->setObjectName(QStringLiteral("bannerBar"));
    m_bannerBar->setMovable(false);
    m_bannerBar->setFloatable(false);
    m_bannerBar->toggleViewAction()->setVisible(false);
    m_bannerBar->setContextMenuPolicy(Qt::PreventContextMenu);
    m_bannerBar->layout()->setContentsMargins(0, 0, 0, 0);
    m_bannerBar->addWidget(m_bannerFrame);
    m_bannerFrame->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    addToolBar(Qt::TopToolBarArea, m_bannerBar);
    addToolBarBreak(Qt::TopToolBarArea);
    m_bannerBar->hide();
    m_notifier = new AlertNotifier(session, this, this);
    m_alertsPanel = new AlertsPanel(session, m_notifier, m_frame);
    cl->addWidget(m_alertsPanel);
    m_pages = new QStackedWidget(m_frame);
    m_splitter = new QSplitter(Qt::Vertical, m_pages);
    m_splitter->setObjectName(QStringLiteral("centralSplitter"));
    m_tiles = new TilesPanel(session, m_splitter);
    m_charts = new ChartsPanel(session, m_splitter);
    m_splitter->addWidget(m_tiles);
    m_splitter->addWidget(m_charts);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_wall = new WallView(session, m_pages);
    m_pages->addWidget(m_splitter);
    m_pages->addWidget(m_wall);
    cl->addWidget(m_pages, 1);
    setCentralWidget(m_frame);

    m_cohorts = new CohortPanel(session, this);
    m_clinics = new ClinicPanel(session, this);
    m_notices = new NoticesPanel(session, this);
    m_approvals = new ApprovalsPanel(session, this);
    m_drill = new DrillPanel(session, this);
    m_log = new EventLogPanel(session, this);
    createDocks();
    createMenus();

    m_modeLabel = new QLabel(this);
    m_modeLabel->setObjectName(QStringLiteral("modeLabel"));
    m_modeLabel->setAutoFillBackground(true);
    m_modeLabel->setMargin(2);
    m_connLabel = new QLabel(this);
    m_connLabel->setObjectName(QStringLiteral("connectionState"));
    m_connLabel->setAutoFillBackground(true);
    m_connLabel->setMargin(2);
    m_serverLabel = new QLabel(this);
    m_serverLabel->setMinimumWidth(0);
    m_lastUpdate = new QLabel(this);
    m_lastUpdate->setObjectName(QStringLiteral("lastUpdate"));
    statusBar()->addPermanentWidget(m_modeLabel);
    statusBar()->addPermanentWidget(m_connLabel);
    statusBar()->addPermanentWidget(m_serverLabel, 1);
    statusBar()->addPermanentWidget(m_lastUpdate);
    m_audit = new AuditCheckpointView(this);
    statusBar()->addPermanentWidget(m_audit);
    // Recording and replay: File → Open recording / Export / Recording settings,
    // the replay timeline, the REC mark, recording of every live session.
    replay::RecordingController::Hooks recordingHooks;
    recordingHooks.setSource = [this](DataSource* s) { setSource(s); };
    recordingHooks.chartWindowMs = [this] { return m_charts->windowMs(); };
    recordingHooks.charts = m_charts;
    m_recording =
        new replay::RecordingController(this, session, m_fileMenu, m_quitAction, recordingHooks);

    // Each panel shows the outcome of its own commands: no other panel is raised.
    connect(m_cohorts, &CohortPanel::commandRequested, this,
            [this](const QString& op, const QJsonObject& a, const QString& d, const QString& c) {
                requestCommand(op, a, d, c, m_cohorts->resultLine());
            });
    connect(m_notices, &NoticesPanel::commandRequested, this,
            [this](const QString& op, const QJsonObject& a, const QString& d, const QString& c) {
                m_notices->commandSent(op, requestCommand(op, a, d, c, m_notices->resultLine()));
            });
    connect(m_approvals, &ApprovalsPanel::commandRequested, this,
            [this](const QString& op, const QJsonObject& a, const QString& d, const QString& c) {
                requestCommand(op, a, d, c, m_approvals->resultLine());
            });
    connect(m_drill, &DrillPanel::commandRequested, this,
            [this](const QString& op, const QJsonObject& a, const QString& d, const QString& c) {
                requestCommand(op, a, d, c, m_drill->resultLine());
            });
    // A click on a timeline row goes to its moment in a replay, and marks it on the charts.
    connect(m_log, &EventLogPanel::momentActivated, this, [this](qint64 ms, qint64 serverMs) {
        if (auto* r = qobject_cast<replay::ReplaySource*>(m_source.get())) r->seek(ms);
        m_charts->highlightMoment(serverMs);
    });

    connect(session, &ConsoleSession::updated, this, &MainWindow::scheduleViewRefresh);
    connect(session, &ConsoleSession::alertsChanged, this, &MainWindow::scheduleViewRefresh);
    connect(session, &ConsoleSession::staleChanged, this, &MainWindow::refreshViews);
    connect(session, &ConsoleSession::connectionStateChanged, this, &MainWindow::updateStatus);
    connect(session, &ConsoleSession::canActChanged, this, &MainWindow::updateStatus);
    connect(session, &ConsoleSession::helloReceived, this, &MainWindow::updateStatus);
    connect(session, &ConsoleSession::statusMessage, this, &MainWindow::onStatusMessage);
    connect(language, &LanguageManager::languageChanged, this, [this](const QString& lang) {
        m_session->cohortModel()->setKorean(lang == QLatin1String("ko"));
        m_session->eventLog()->retranslate();
        m_session->commands()->retranslate();
        m_koAction->setChecked(lang == QLatin1String("ko"));
        m_enAction->setChecked(lang == QLatin1String("en"));
    });
    m_session->cohortModel()->setKorean(language->isKorean());

    // "last update N s ago", the banner's ages and staleness move with time, not with frames.
    m_statusTimer.setInterval(1000);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_statusTimer.start();
    m_viewTimer.setSingleShot(true);
    m_viewTimer.setInterval(250);
    connect(&m_viewTimer, &QTimer::timeout, this, &MainWindow::refreshViews);

    createShortcuts();
    retranslate();
    m_defaultState = saveState();
    fitToScreen();
}

MainWindow::~MainWindow() {
    m_session->setSource(nullptr);
}

void MainWindow::fitToScreen() {
    QSize size(1500, 950);
    // Offscreen tests keep the default size; a real screen smaller than it gets the window
    // at the screen's size (1366×768, 1280×720: nothing off screen).
    const QScreen* s = screen() ? screen() : QGuiApplication::primaryScreen();
    if (s && QGuiApplication::platformName() != QLatin1String("offscreen")) {
        const QRect avail = s->availableGeometry();
        size = size.boundedTo(avail.size());
        if (avail.width() < 1500 || avail.height() < 950) move(avail.topLeft());
    }
    resize(size);
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
                       {m_drill, "drillDock", Qt::BottomDockWidgetArea},
                       {m_clinics, "clinicsDock", Qt::RightDockWidgetArea},
                       {m_log, "eventLogDock", Qt::RightDockWidgetArea}};
    for (const D& d : docks) {
        auto* dock = new QDockWidget(this);
        dock->setObjectName(QString::fromLatin1(d.name));
        // Scrolls rather than pushing the status bar off a 1280×720 screen.
        auto* scroll = new QScrollArea(dock);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(d.w);
        d.w->setMinimumHeight(0);
        dock->setWidget(scroll);
        dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                          QDockWidget::DockWidgetClosable);
        addDockWidget(d.area, dock);
        m_docks.append(dock);
    }
    tabifyDockWidget(m_docks.at(0), m_docks.at(1));
    tabifyDockWidget(m_docks.at(1), m_docks.at(2));
    tabifyDockWidget(m_docks.at(2), m_docks.at(3));
    // Clinics and the timeline share the right side as tabs: the timeline gets the full height.
    tabifyDockWidget(m_docks.at(4), m_docks.at(5));
    m_docks.at(0)->raise();
    m_docks.at(5)->raise();
    setDockOptions(dockOptions() | QMainWindow::GroupedDragging);
}

void MainWindow::applyDefaultProportions() {
    resizeDocks({m_docks.at(4)}, {int(width() * 0.34)}, Qt::Horizontal);
    resizeDocks({m_docks.at(0)}, {qBound(150, int(height() * 0.22), 260)}, Qt::Vertical);
}

void MainWindow::showEvent(QShowEvent* e) {
    QMainWindow::showEvent(e);
    // Default proportions on a first start; a restored layout keeps the operator's own.
    if (m_firstShow && !m_layoutRestored) {
        // After the first layout pass, or the layout overrides the sizes.
        QTimer::singleShot(0, this, [this] { applyDefaultProportions(); });
    }
    m_firstShow = false;
}

void MainWindow::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QMainWindow::changeEvent(e);
}

DataSource* MainWindow::source() const {
    return m_source.get();
}

bool MainWindow::openRecording(const QString& path) {
    return m_recording->openRecording(path);
}

void MainWindow::setSource(DataSource* source) {
    // One source at a time: the session clears everything of the previous one (tables, log,
    // alerts, actions) and every panel its charts, selections and forms.
    m_session->setSource(nullptr);
    m_source.reset(source);
    m_linkMessage.clear();
    if (m_recording) m_recording->sourceAttached(source);
    // The audit anchor is the live server's; a replay has none. The source is opened below.
    if (m_audit) m_audit->setSource(nullptr);
    if (source) {
        m_session->setSource(source);
        connect(source, &DataSource::linkStatusChanged, this, &MainWindow::updateStatus);
        source->open();
        if (m_audit) m_audit->setSource(qobject_cast<LiveSource*>(source));
    }
    m_frame->setStyleSheet(source && !source->isLive()
                               ? QStringLiteral("QFrame#replayFrame { border: 6px solid #c62828; "
                                                "background-color: #fbe3e3; }")
                               : QString());
    updateStatus();
}

void MainWindow::connectTo(const QUrl& baseUrl, const QString& token) {
    m_liveUrl = baseUrl;
    auto* live = new LiveSource(baseUrl, token);
    live->setTlsTrust(m_tls);
    setSource(live);
}

void MainWindow::disconnectFromServer() {
    if (m_source) m_source->close();
    updateStatus();
}

void MainWindow::showConnectDialog() {
    ConnectDialog dialog(m_profiles, this);
    if (dialog.exec() == QDialog::Accepted) connectTo(dialog.url(), dialog.token());
}

void MainWindow::askForNewToken() {
    // The token was refused: the connect dialog, the URL kept, for a new token.
    ConnectDialog dialog(m_profiles, this);
    if (m_liveUrl.isValid()) dialog.setUrl(m_liveUrl);
    if (dialog.exec() == QDialog::Accepted) connectTo(dialog.url(), dialog.token());
}

void MainWindow::onStatusMessage(const QString& message) {
    m_linkMessage = message;
    updateStatus();
}

QString MainWindow::requestCommand(const QString& op, const QJsonObject& args,
                                   const QString& description, const QString& confirmText,
                                   ResultLine* line) {
    const QString what = description.isEmpty()
                             ? describeCommand(op, args, {}, {}, m_session->labelLookup())
                             : description;
    if (!m_session->canAct()) {
        statusBar()->showMessage(tr("Not sent: actions are disabled (%1).").arg(what), 5000);
        if (line) line->track(QString(), what);
        return {};
    }
    if (!confirmText.isEmpty() && m_confirm && !m_confirm(tr("Confirm action"), confirmText))
        return {};
    const QString id = m_session->sendCommand(op, args, description);
    if (line) line->track(id, what);
    statusBar()->showMessage(
        id.isEmpty() ? tr("Not sent: %1").arg(what) : tr("Pending: %1").arg(what), 5000);
    return id;
}

void MainWindow::scheduleViewRefresh() {
    if (!m_viewTimer.isActive()) m_viewTimer.start();
}

void MainWindow::refreshViews() {
    m_viewTimer.stop();
    if (m_pages->currentIndex() == 0)
        m_tiles->refresh();
    else
        m_wall->refresh();
    updateStatus();
}

void MainWindow::updateStatus() {
    const DataSource::State s = m_session->connectionState();
    auto* replay = qobject_cast<replay::ReplaySource*>(m_source.get());
    const bool live = !m_source || m_source->isLive();
    if (live) {
        m_modeLabel->setText(tr("LIVE"));
        paint(m_modeLabel, QColor(0, 110, 60), Qt::white);
    } else {
        m_modeLabel->setText(tr("REPLAY"));
        paint(m_modeLabel, QColor(198, 40, 40), Qt::white);
    }
    QColor bg = QColor(200, 200, 200);
    if (replay) {
        // A replay is never "connected": it plays or is paused; the recorded link state only
        // when it was down.
        QString text = replay->isPlaying() ? tr("▶ playing") : tr("❚❚ paused");
        if (s != DataSource::State::Connected)
            text += QStringLiteral(" · ") + tr("recorded: %1").arg(stateName(s));
        m_connLabel->setText(QStringLiteral(" %1 ").arg(text));
        bg = s == DataSource::State::Connected ? QColor(255, 214, 214) : QColor(255, 170, 170);
    } else {
        m_connLabel->setText(QStringLiteral(" ● %1 ").arg(stateName(s)));
        if (s == DataSource::State::Connected)
            bg = m_session->isStale() ? QColor(255, 214, 140) : QColor(170, 230, 170);
        else if (s == DataSource::State::Reconnecting || s == DataSource::State::Stalled)
            bg = QColor(255, 170, 170);
    }
    paint(m_connLabel, bg, QColor(20, 20, 20));

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
    if (ago < 0)
        m_lastUpdate->setText(tr("no data yet"));
    else if (replay)
        m_lastUpdate->setText(tr("last update %1 s before the playhead").arg(ago / 1000));
    else
        m_lastUpdate->setText(tr("last update %1 s ago").arg(ago / 1000));
    QPalette lp = m_lastUpdate->palette();
    lp.setColor(QPalette::WindowText,
                m_session->isStale() ? QColor(180, 0, 0) : QColor(20, 20, 20));
    m_lastUpdate->setPalette(lp);
    updateBanner();
    m_disconnectAction->setEnabled(m_source && s != DataSource::State::Disconnected);
    QString title = tr("Sluice operations console");
    if (replay) title = tr("REPLAY") + QStringLiteral(" — ") + title;
    if (m_source) title += QStringLiteral(" — ") + m_source->description();
    setWindowTitle(title);
}

void MainWindow::updateBanner() {
    const DataSource::State s = m_session->connectionState();
    const bool hasData = m_session->state().hasSnapshot();
    const qint64 ago = qMax<qint64>(0, m_session->msSinceLastFrame());
    const LinkStatus link = m_source ? m_source->linkStatus() : LinkStatus{};
    QString banner;
    bool severe = false;
    if (!m_source) {
        banner = tr("Not connected. Use File → Connect… to choose a server.");
    } else if (link.problem != LinkStatus::Problem::None) {
        // One sentence per cause, its figures ticking (time since the last frame, next attempt).
        banner = linkStatusText(
            link, m_liveUrl.isValid() ? m_liveUrl.authority() : m_source->description(),
            QDateTime::currentMSecsSinceEpoch());
        severe = link.severe();
    } else if (!m_linkMessage.isEmpty()) {
        banner = m_linkMessage;
        severe = s != DataSource::State::Connected && m_source->isLive();
    } else if (s == DataSource::State::Disconnected) {
        banner = tr("Disconnected. The figures shown are the last ones received.");
    } else if (m_session->isStale() && hasData && m_source->isLive()) {
        banner = tr("No data for %1 s: the figures shown are stale.").arg(ago / 1000);
        severe = true;
    }
    if (!banner.isEmpty() && hasData && m_session->isStale() && m_source && m_source->isLive())
        banner += QLatin1Char(' ') + tr("Actions are disabled.");
    if (m_session->state().hasHello() && m_session->role() == QLatin1String("viewer") &&
        banner.isEmpty())
        banner = tr("Signed in as a viewer: you can watch, not act.");
    m_banner->setText(banner);
    // A style sheet, not a palette: inside the top tool bar, Fusion draws the tool bar's own
    // background over a palette colour, and the banner must be red where it matters.
    const QString sheet =
        severe ? QStringLiteral("QFrame#bannerFrame { background-color: #c62828; }"
                                " QLabel#banner { color: white; background-color: #c62828; }")
               : QStringLiteral("QFrame#bannerFrame { background-color: #ffd68c; }"
                                " QLabel#banner { color: #3c1e00; background-color: #ffd68c; }");
    if (m_bannerFrame->styleSheet() != sheet) m_bannerFrame->setStyleSheet(sheet);
    m_tokenButton->setVisible(link.needsNewToken());
    m_bannerFrame->setVisible(!banner.isEmpty());
    m_banner->setVisible(!banner.isEmpty());
    m_bannerBar->setVisible(!banner.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (m_wallMode) setWallMode(false);
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
