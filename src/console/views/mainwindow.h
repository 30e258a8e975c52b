// The console's main window: the alerts first, then the headline tiles and charts in the centre;
// docks for cohorts, clinics, notices, approvals/actions, the identity-provider drill and the
// incident timeline; the connection state always visible in the status bar, a banner (never a
// modal box) with one clear sentence per link problem. Every action goes through requestCommand:
// confirmation (old → new, the people affected), then the session tracks it until its ack and the
// panel that asked shows the outcome. A replay is framed in red with a large REPLAY badge. Fits
// 1280×720; View → Reset layout; a wall mode for the control room's big screen. The window never
// knows whether a live or a replay source feeds the session.
#pragma once
#include "console/transport/datasource.h"
#include "console/transport/tlstrust.h"

#include <QMainWindow>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

class QActionGroup;
class QFrame;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolBar;

namespace sluice::console {

class AlertNotifier;
class AlertsPanel;
class AuditCheckpointView;
class ApprovalsPanel;
class ChartsPanel;
class ClinicPanel;
class CohortPanel;
class ConsoleSession;
class DrillPanel;
class EventLogPanel;
class LanguageManager;
class NoticesPanel;
class ProfileStore;
class ResultLine;
class TilesPanel;
class WallView;
namespace replay {
class RecordingController;
}

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Asks the operator to confirm; returns true to go ahead.
    using Confirmer = std::function<bool(const QString& title, const QString& text)>;

    MainWindow(ConsoleSession* session, LanguageManager* language, ProfileStore* profiles,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    // Connects live to a server's base URL (the window owns the source).
    void connectTo(const QUrl& baseUrl, const QString& token);
    // The certificates https:// servers may show, for every connection this window makes
    // (--ca-file, --pin-sha256; default: the system's CA store).
    void setTlsTrust(const TlsTrust& trust) { m_tls = trust; }
    // Any other source (a replay): the window takes ownership and opens it.
    void setSource(DataSource* source);
    void disconnectFromServer();
    void showConnectDialog();
    DataSource* source() const;
    // Opens a recording in replay mode; false when the file is refused (the reason
    // is on the banner and the status bar).
    bool openRecording(const QString& path);
    // Recording of live sessions, replay timeline, exports.
    replay::RecordingController* recording() const { return m_recording; }

    void setConfirmer(Confirmer c) { m_confirm = std::move(c); }
    // Confirms (when the action changes what citizens see) and sends; returns the command id,
    // empty when cancelled or not sent.
    // `line`: the result line of the panel that asked (it shows the outcome there).
    QString requestCommand(const QString& op, const QJsonObject& args, const QString& description,
                           const QString& confirmText, ResultLine* line = nullptr);

    void restoreLayout();
    void saveLayout();
    // The dock layout, splitter and table columns of a first start; forgets the saved layout.
    void resetLayout();
    // Full screen, large tiles and one status strip per cohort; the docks come back after.
    void setWallMode(bool on);
    bool isWallMode() const { return m_wallMode; }
    // Every keyboard shortcut with what it does (Help → Keyboard shortcuts shows it).
    QList<QPair<QString, QString>> shortcutList() const;
    void showShortcuts();
    // Renders the window (charts refreshed first) to a PNG.
    bool saveScreenshot(const QString& path);

    TilesPanel* tiles() const { return m_tiles; }
    ChartsPanel* charts() const { return m_charts; }
    CohortPanel* cohorts() const { return m_cohorts; }
    NoticesPanel* notices() const { return m_notices; }
    ApprovalsPanel* approvals() const { return m_approvals; }
    ClinicPanel* clinics() const { return m_clinics; }
    EventLogPanel* eventLog() const { return m_log; }
    AlertsPanel* alertsPanel() const { return m_alertsPanel; }
    AlertNotifier* notifier() const { return m_notifier; }
    DrillPanel* drill() const { return m_drill; }
    WallView* wallView() const { return m_wall; }
    QLabel* connectionLabel() const { return m_connLabel; }
    QLabel* modeLabel() const { return m_modeLabel; }
    QLabel* lastUpdateLabel() const { return m_lastUpdate; }
    AuditCheckpointView* auditCheckpoint() const { return m_audit; }
    QLabel* banner() const { return m_banner; }
    QFrame* bannerFrame() const { return m_bannerFrame; }
    QPushButton* newTokenButton() const { return m_tokenButton; }
    QFrame* replayFrame() const { return m_frame; }

protected:
    void closeEvent(QCloseEvent* e) override;
    void showEvent(QShowEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    void createMenus();
    void createDocks();
    void createShortcuts();
    void retranslate();
    void retranslateShortcuts();
    void updateStatus();
    void updateBanner();
    void scheduleViewRefresh();
    void refreshViews();
    void onStatusMessage(const QString& message);
    void applyDefaultProportions();
    void fitToScreen();
    void askForNewToken();

    ConsoleSession* m_session;
    LanguageManager* m_language;
    ProfileStore* m_profiles;
    std::unique_ptr<DataSource> m_source;
    QUrl m_liveUrl;
    TlsTrust m_tls;
    replay::RecordingController* m_recording = nullptr;
    Confirmer m_confirm;
    QString m_linkMessage;
    bool m_layoutRestored = false, m_firstShow = true, m_wallMode = false;
    QByteArray m_defaultState, m_stateBeforeWall;
    bool m_wasMaximized = false;

    QFrame* m_frame;
    QFrame* m_bannerFrame;
    QToolBar* m_bannerBar;
    QLabel* m_banner;
    QPushButton* m_tokenButton;
    QStackedWidget* m_pages;
    QSplitter* m_splitter;
    AlertsPanel* m_alertsPanel;
    AlertNotifier* m_notifier;
    TilesPanel* m_tiles;
    ChartsPanel* m_charts;
    WallView* m_wall;
    CohortPanel* m_cohorts;
    NoticesPanel* m_notices;
    ApprovalsPanel* m_approvals;
    DrillPanel* m_drill;
    ClinicPanel* m_clinics;
    EventLogPanel* m_log;
    QList<QDockWidget*> m_docks;

    QLabel* m_modeLabel;
    QLabel* m_connLabel;
    QLabel* m_serverLabel;
    QLabel* m_lastUpdate;
    AuditCheckpointView* m_audit;

    QMenu *m_fileMenu, *m_viewMenu, *m_languageMenu, *m_helpMenu;
    QAction *m_connectAction, *m_disconnectAction, *m_quitAction, *m_aboutAction;
    QAction* m_auditAction;
    QAction *m_koAction, *m_enAction;
    QAction *m_resetLayoutAction, *m_wallAction, *m_soundAction, *m_shortcutsAction;
    QAction *m_ackAction, *m_pauseAction, *m_resumeAction, *m_rateAction;
    QList<QAction*> m_panelActions;
    QActionGroup* m_languageGroup;

    QTimer m_statusTimer;
    QTimer m_viewTimer;
};

} // namespace sluice::console
