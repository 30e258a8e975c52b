// The main window's menus and keyboard shortcuts, the layout (save, restore, View → Reset
// layout), the wall mode and Help → Keyboard shortcuts (see mainwindow.h).
#include "console/model/consolesession.h"
#include "console/replay/recordingcontroller.h"
#include "console/views/alertnotifier.h"
#include "console/views/alertspanel.h"
#include "console/views/chartspanel.h"
#include "console/views/clinicpanel.h"
#include "console/views/cohortpanel.h"
#include "console/views/eventlogpanel.h"
#include "console/views/languagemanager.h"
#include "console/views/mainwindow.h"

#include "console/views/auditcheckpointview.h"
#include "console/views/tilespanel.h"
#include "console/views/wallview.h"

#include <QAction>
#include <QActionGroup>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sluice::console {

void MainWindow::createMenus() {
    m_fileMenu = menuBar()->addMenu(QString());
    m_connectAction = m_fileMenu->addAction(QString(), this, &MainWindow::showConnectDialog);
    m_connectAction->setShortcut(QKeySequence::Open);
    m_disconnectAction = m_fileMenu->addAction(QString(), this, &MainWindow::disconnectFromServer);
    m_auditAction = m_fileMenu->addAction(QString(), this, [this] { m_audit->showDialog(); });
    m_auditAction->setObjectName(QStringLiteral("auditCheckpointAction"));
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_viewMenu = menuBar()->addMenu(QString());
    for (QDockWidget* d : m_docks)
        m_viewMenu->addAction(d->toggleViewAction());
    m_viewMenu->addSeparator();
    m_wallAction = m_viewMenu->addAction(QString());
    m_wallAction->setObjectName(QStringLiteral("wallModeAction"));
    m_wallAction->setCheckable(true);
    m_wallAction->setShortcut(QKeySequence(Qt::Key_F11));
    connect(m_wallAction, &QAction::toggled, this, &MainWindow::setWallMode);
    m_resetLayoutAction = m_viewMenu->addAction(QString(), this, &MainWindow::resetLayout);
    m_resetLayoutAction->setObjectName(QStringLiteral("resetLayoutAction"));
    m_resetLayoutAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_0));
    m_soundAction = m_viewMenu->addAction(QString());
    m_soundAction->setCheckable(true);
    m_soundAction->setChecked(m_notifier->soundEnabled());
    m_soundAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    connect(m_soundAction, &QAction::toggled, m_notifier, &AlertNotifier::setSoundEnabled);
    connect(m_notifier, &AlertNotifier::soundEnabledChanged, m_soundAction, &QAction::setChecked);
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
    m_shortcutsAction = m_helpMenu->addAction(QString(), this, &MainWindow::showShortcuts);
    m_shortcutsAction->setShortcut(QKeySequence(Qt::Key_F1));
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(
            this, tr("About Sluice"),
            tr("Sluice operations console %1\nQt %2")
                .arg(QStringLiteral(SLUICE_CONSOLE_VERSION), QString::fromLatin1(qVersion())));
    });
}

void MainWindow::createShortcuts() {
    // Window-wide actions: they work in every panel and in the wall mode (menu bar hidden).
    for (QAction* a : {m_wallAction, m_resetLayoutAction, m_soundAction, m_shortcutsAction})
        addAction(a);
    auto* leaveWall = new QAction(this);
    leaveWall->setShortcut(QKeySequence(Qt::Key_Escape));
    leaveWall->setShortcutContext(Qt::WindowShortcut);
    connect(leaveWall, &QAction::triggered, this, [this] {
        if (m_wallMode) setWallMode(false);
    });
    addAction(leaveWall);
    m_ackAction = new QAction(this);
    m_ackAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_ackAction, &QAction::triggered, m_alertsPanel, &AlertsPanel::acknowledgeCurrent);
    m_pauseAction = new QAction(this);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_pauseAction, &QAction::triggered, this, [this] {
        if (m_cohorts->pauseButton()->isEnabled()) m_cohorts->pauseButton()->click();
    });
    m_resumeAction = new QAction(this);
    m_resumeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_resumeAction, &QAction::triggered, this, [this] {
        if (m_cohorts->resumeButton()->isEnabled()) m_cohorts->resumeButton()->click();
    });
    m_rateAction = new QAction(this);
    m_rateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_rateAction, &QAction::triggered, this, [this] {
        m_docks.at(0)->show();
        m_docks.at(0)->raise();
        m_cohorts->rateSpin()->setFocus();
        m_cohorts->rateSpin()->selectAll();
    });
    for (QAction* a : {m_ackAction, m_pauseAction, m_resumeAction, m_rateAction})
        addAction(a);
    // Ctrl+1 the alerts, Ctrl+2… the panels: shown, raised and focused.
    auto* alerts = new QAction(this);
    alerts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(alerts, &QAction::triggered, this, [this] { m_alertsPanel->table()->setFocus(); });
    addAction(alerts);
    m_panelActions.append(alerts);
    const int keys[] = {Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_7, Qt::Key_5, Qt::Key_6};
    for (int i = 0; i < m_docks.size(); ++i) {
        auto* a = new QAction(this);
        a->setShortcut(QKeySequence(Qt::CTRL | keys[i]));
        QDockWidget* dock = m_docks.at(i);
        connect(a, &QAction::triggered, this, [dock] {
            dock->show();
            dock->raise();
            dock->widget()->setFocus(Qt::ShortcutFocusReason);
            if (QWidget* next = dock->widget()->nextInFocusChain()) next->setFocus();
        });
        addAction(a);
        m_panelActions.append(a);
    }
}

void MainWindow::retranslate() {
    m_fileMenu->setTitle(tr("&File"));
    m_connectAction->setText(tr("&Connect…"));
    m_disconnectAction->setText(tr("&Disconnect"));
    m_auditAction->setText(tr("&Audit checkpoint…"));
    m_audit->retranslate();
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_wallAction->setText(tr("&Wall mode (full screen)"));
    m_resetLayoutAction->setText(tr("&Reset layout"));
    m_soundAction->setText(tr("&Sound for critical alerts"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_shortcutsAction->setText(tr("&Keyboard shortcuts"));
    m_aboutAction->setText(tr("&About"));
    m_tokenButton->setText(tr("Enter a new token…"));
    const QString titles[] = {tr("Cohorts"),
                              tr("Notices"),
                              tr("Approvals and my actions"),
                              tr("Identity provider drill"),
                              tr("Clinic stock"),
                              tr("Incident timeline")};
    for (int i = 0; i < m_docks.size(); ++i)
        m_docks.at(i)->setWindowTitle(titles[i]);
    retranslateShortcuts();
    updateStatus();
}

void MainWindow::retranslateShortcuts() {
    m_ackAction->setText(tr("Acknowledge the selected (or oldest) alert"));
    m_pauseAction->setText(tr("Pause the selected cohort…"));
    m_resumeAction->setText(tr("Resume the selected cohort…"));
    m_rateAction->setText(tr("Go to the rate ceiling of the selected cohort"));
    m_panelActions.at(0)->setText(tr("Go to the alerts"));
    for (int i = 0; i < m_docks.size() && i + 1 < m_panelActions.size(); ++i)
        m_panelActions.at(i + 1)->setText(
            tr("Go to the panel “%1”").arg(m_docks.at(i)->windowTitle()));
}

QList<QPair<QString, QString>> MainWindow::shortcutList() const {
    QList<QPair<QString, QString>> out;
    QList<QAction*> all = {m_connectAction, m_quitAction};
    all += m_recording ? m_recording->findChildren<QAction*>() : QList<QAction*>();
    all += actions();
    for (QAction* a : all) {
        if (a->shortcut().isEmpty() || a->text().isEmpty()) continue;
        QString text = a->text();
        text.remove(QLatin1Char('&'));
        out.append({a->shortcut().toString(QKeySequence::NativeText), text});
    }
    // The replay timeline's keys (active while a recording is open).
    out.append({QKeySequence(Qt::Key_Space).toString(QKeySequence::NativeText),
                tr("Replay: play or pause")});
    out.append({QKeySequence(Qt::ALT | Qt::Key_Left).toString(QKeySequence::NativeText),
                tr("Replay: previous event")});
    out.append({QKeySequence(Qt::ALT | Qt::Key_Right).toString(QKeySequence::NativeText),
                tr("Replay: next event")});
    out.append({QKeySequence(Qt::Key_Escape).toString(QKeySequence::NativeText),
                tr("Leave the wall mode")});
    return out;
}

void MainWindow::showShortcuts() {
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("shortcutsDialog"));
    dialog->setWindowTitle(tr("Keyboard shortcuts"));
    auto* v = new QVBoxLayout(dialog);
    const auto list = shortcutList();
    auto* table = new QTableWidget(int(list.size()), 2, dialog);
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Does")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int i = 0; i < list.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(list.at(i).first));
        table->setItem(i, 1, new QTableWidgetItem(list.at(i).second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    v->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    v->addWidget(buttons);
    dialog->resize(560, 520);
    dialog->show();
}

void MainWindow::setWallMode(bool on) {
    if (on == m_wallMode) return;
    m_wallMode = on;
    if (on) {
        m_stateBeforeWall = saveState();
        m_wasMaximized = isMaximized();
        for (QDockWidget* d : m_docks)
            d->hide();
        menuBar()->hide();
        m_alertsPanel->hide(); // the wall page shows the alerts in large type
        m_pages->setCurrentIndex(1);
        m_wall->refresh();
        showFullScreen();
    } else {
        menuBar()->show();
        m_alertsPanel->show();
        m_pages->setCurrentIndex(0);
        restoreState(m_stateBeforeWall);
        if (m_wasMaximized)
            showMaximized();
        else
            showNormal();
        m_tiles->refresh();
    }
    const QSignalBlocker block(m_wallAction);
    m_wallAction->setChecked(on);
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
    // Whatever was saved, the message column stays readable.
    m_log->applyColumnModes();
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

void MainWindow::resetLayout() {
    if (m_wallMode) setWallMode(false);
    restoreState(m_defaultState);
    for (QDockWidget* d : m_docks) {
        d->setFloating(false);
        d->show();
    }
    m_docks.at(0)->raise();
    m_docks.at(5)->raise();
    m_splitter->setSizes({m_tiles->sizeHint().height(), qMax(200, height())});
    for (QTableView* t : {m_clinics->table(), m_cohorts->table()}) {
        for (int c = 0; c < t->model()->columnCount(); ++c)
            t->horizontalHeader()->setSectionHidden(c, false);
        t->resizeColumnsToContents();
    }
    m_log->applyColumnModes();
    m_charts->setWindowIndex(0);
    QSettings s;
    for (const char* key :
         {"window/geometry", "window/state", "window/splitter", "window/clinicHeader",
          "window/cohortHeader", "window/logHeader", "window/chartWindow"})
        s.remove(QLatin1String(key));
    applyDefaultProportions();
}

} // namespace sluice::console
