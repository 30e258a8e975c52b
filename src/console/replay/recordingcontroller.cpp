// Recording and replay in the main window (see recordingcontroller.h).
#include "console/replay/recordingcontroller.h"

#include "console/model/consolesession.h"
#include "console/recording/recorder.h"
#include "console/recording/retention.h"
#include "console/replay/export.h"
#include "console/replay/replaysource.h"
#include "console/replay/timelinewidget.h"

#include <QAction>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>
#include <QToolBar>

namespace sluice::console::replay {

RecordingController::RecordingController(QMainWindow* window, ConsoleSession* session,
                                         QMenu* fileMenu, QAction* before, Hooks hooks)
    : QObject(window), m_window(window), m_session(session), m_hooks(std::move(hooks)) {
    m_openAction = new QAction(this);
    m_openAction->setObjectName(QStringLiteral("openRecording"));
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Open recording"), recording::recordingFolder(),
            tr("Sluice recordings (*.sluicerec);;All files (*)"));
        if (!path.isEmpty()) openRecording(path);
    });
    m_exportMenu = new QMenu(window);
    m_exportPng = m_exportMenu->addAction(QString(), this, [this] {
        const QString p = QFileDialog::getSaveFileName(m_window, tr("Export charts"), QString(),
                                                       tr("PNG images (*.png)"));
        if (!p.isEmpty()) exportChartsPng(p);
    });
    m_exportSeries = m_exportMenu->addAction(QString(), this, [this] {
        const QString p = QFileDialog::getSaveFileName(m_window, tr("Export series"), QString(),
                                                       tr("CSV files (*.csv)"));
        if (!p.isEmpty()) exportSeriesCsv(p);
    });
    m_exportLog = m_exportMenu->addAction(QString(), this, [this] {
        const QString p = QFileDialog::getSaveFileName(m_window, tr("Export event log"), QString(),
                                                       tr("CSV files (*.csv)"));
        if (!p.isEmpty()) exportEventLogCsv(p);
    });
    m_settingsAction = new QAction(this);
    connect(m_settingsAction, &QAction::triggered, this,
            &RecordingController::showRecordingSettings);
    fileMenu->insertAction(before, m_openAction);
    fileMenu->insertMenu(before, m_exportMenu);
    fileMenu->insertAction(before, m_settingsAction);
    fileMenu->insertSeparator(before);

    m_recLabel = new QLabel(window);
    m_recLabel->setObjectName(QStringLiteral("recordingState"));
    window->statusBar()->addPermanentWidget(m_recLabel);
    window->installEventFilter(this);
    retranslate();
}

RecordingController::~RecordingController() {
    stopRecording();
}

bool RecordingController::eventFilter(QObject* watched, QEvent* e) {
    if (watched == m_window && e->type() == QEvent::LanguageChange) retranslate();
    return QObject::eventFilter(watched, e);
}

void RecordingController::retranslate() {
    m_openAction->setText(tr("Open &recording…"));
    m_exportMenu->setTitle(tr("&Export"));
    m_exportPng->setText(tr("Charts as PNG…"));
    m_exportSeries->setText(tr("Series in the chart window as CSV…"));
    m_exportLog->setText(tr("Event log as CSV…"));
    m_settingsAction->setText(tr("Recording settings…"));
    if (m_toolBar) m_toolBar->setWindowTitle(tr("Replay timeline"));
    updateLabel();
}

ReplaySource* RecordingController::replay() const {
    return qobject_cast<ReplaySource*>(m_source.data());
}

void RecordingController::sourceAttached(DataSource* source) {
    stopRecording();
    m_source = source;
    auto* replay = qobject_cast<ReplaySource*>(source);
    if (m_toolBar) {
        m_window->removeToolBar(m_toolBar);
        m_toolBar->deleteLater();
        m_toolBar = nullptr;
        m_timeline = nullptr;
    }
    if (replay) {
        // After a seek the log shows what happened up to the playhead, not twice.
        connect(replay, &DataSource::historyReset, m_session->eventLog(), &EventLogModel::clear);
        connect(replay, &ReplaySource::positionChanged, this, &RecordingController::updateLabel);
        m_toolBar = new QToolBar(m_window);
        m_toolBar->setObjectName(QStringLiteral("replayToolBar"));
        m_toolBar->setMovable(false);
        m_timeline = new TimelineWidget(replay, m_toolBar);
        m_toolBar->addWidget(m_timeline);
        m_window->addToolBar(Qt::TopToolBarArea, m_toolBar);
        m_toolBar->show(); // added after the window was shown: not shown by itself
        m_toolBar->setWindowTitle(tr("Replay timeline"));
    } else if (source && source->isLive() && m_recordingEnabled) {
        startRecording(source);
    }
    updateLabel();
}

bool RecordingController::openRecording(const QString& path) {
    auto* src = new ReplaySource(path);
    m_hooks.setSource(src); // the window owns it now and has opened it
    if (src->isOpen()) {
        m_window->statusBar()->showMessage(tr("Replaying %1").arg(QFileInfo(path).fileName()),
                                           5000);
        return true;
    }
    // Refused: the banner and the status bar say why; no timeline for a file that is not open.
    if (m_toolBar) m_toolBar->hide();
    m_window->statusBar()->showMessage(src->errorString(), 15'000);
    return false;
}

void RecordingController::startRecording(DataSource* source) {
    m_lastError.clear();
    const QString folder = recording::recordingFolder();
    recording::applyRetention(folder, recording::retentionPolicyFromSettings(), QString());
    const QString path = recording::newRecordingPath(folder);
    m_recorder = std::make_unique<recording::Recorder>();
    connect(m_recorder.get(), &recording::Recorder::failed, this,
            &RecordingController::onRecordingFailed);
    m_recorder->attach(source);
    m_recorder->attachCommands(m_session->commands());
    m_recorder->start(path, {{QStringLiteral("source"), source->description()}});
    updateLabel();
}

void RecordingController::stopRecording() {
    if (!m_recorder) return;
    m_recorder->detach();
    m_recorder->stop();
    m_recorder.reset();
}

void RecordingController::onRecordingFailed(const QString& message) {
    m_lastError = message;
    m_window->statusBar()->showMessage(
        tr("Recording stopped: %1. The live view carries on.").arg(message), 30'000);
    updateLabel();
}

void RecordingController::updateLabel() {
    QPalette p = m_recLabel->palette();
    if (replay()) {
        m_recLabel->setText(
            tr("Recording time %1").arg(formatLocalTime(replay()->position(), true)));
        m_recLabel->setToolTip(replay()->path());
        p.setColor(QPalette::WindowText, QColor(170, 20, 20));
    } else if (m_recorder && m_recorder->hasFailed()) {
        m_recLabel->setText(tr("⚠ not recording"));
        m_recLabel->setToolTip(m_lastError);
        p.setColor(QPalette::WindowText, QColor(200, 90, 0));
    } else if (m_recorder && m_recorder->isRecording()) {
        m_recLabel->setText(tr("● REC"));
        m_recLabel->setToolTip(tr("Recording to %1").arg(m_recorder->path()));
        p.setColor(QPalette::WindowText, QColor(170, 20, 20));
    } else {
        m_recLabel->setText(QString());
        m_recLabel->setToolTip(QString());
    }
    m_recLabel->setPalette(p);
}

void RecordingController::showRecordingSettings() {
    recording::RetentionPolicy p = recording::retentionPolicyFromSettings();
    bool ok = false;
    const int mb =
        QInputDialog::getInt(m_window, tr("Recording settings"),
                             tr("Keep at most this many MB of recordings (0: no limit):"),
                             int(p.maxTotalBytes / (1024 * 1024)), 0, 10'000'000, 256, &ok);
    if (!ok) return;
    const int days =
        QInputDialog::getInt(m_window, tr("Recording settings"),
                             tr("Delete recordings older than this many days (0: never):"),
                             p.maxAgeDays, 0, 36500, 1, &ok);
    if (!ok) return;
    p.maxTotalBytes = qint64(mb) * 1024 * 1024;
    p.maxAgeDays = days;
    recording::saveRetentionPolicy(p);
}

void RecordingController::report(bool ok, const QString& what, const QString& path,
                                 const QString& error) {
    m_window->statusBar()->showMessage(
        ok ? tr("%1 saved to %2").arg(what, path) : tr("%1 not saved: %2").arg(what, error), 8000);
}

void RecordingController::exportChartsPng(const QString& path) {
    QString error;
    report(exportWidgetPng(m_hooks.charts, path, &error), tr("Charts"), path, error);
}

void RecordingController::exportSeriesCsv(const QString& path) {
    const qint64 t1 = m_session->metrics().latestTimeMs();
    const qint64 window = m_hooks.chartWindowMs ? m_hooks.chartWindowMs() : 5 * 60'000;
    QString error;
    report(replay::exportSeriesCsv(m_session->metrics(), t1 - window, t1, path, &error),
           tr("Series"), path, error);
}

void RecordingController::exportEventLogCsv(const QString& path) {
    m_session->eventLog()->flush();
    QString error;
    report(exportTableCsv(*m_session->eventLog(), path, &error), tr("Event log"), path, error);
}

} // namespace sluice::console::replay
