// The console's main window: headline tiles and charts in the centre; docks for cohorts,
// clinics, notices, approvals/actions and the event log; the connection state always visible
// in the status bar, a banner (never a modal box) when the link is down or data is stale.
// Every action goes through requestCommand: confirmation, then the session tracks it until
// its ack. The window never knows whether a live or a replay source feeds the session.
#pragma once
#include "console/transport/datasource.h"

#include <QMainWindow>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

class QActionGroup;
class QLabel;
class QSplitter;

namespace sluice::console {

class ApprovalsPanel;
class ChartsPanel;
class ClinicPanel;
class CohortPanel;
class ConsoleSession;
class EventLogPanel;
class LanguageManager;
class NoticesPanel;
class ProfileStore;
class TilesPanel;
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
    // Any other source (a replay): the window takes ownership and opens it.
    void setSource(DataSource* source);
    void disconnectFromServer();
    void showConnectDialog();
    DataSource* source() const;
    // Opens a recording in replay mode (issue 6); false when the file is refused (the reason
    // is on the banner and the status bar).
    bool openRecording(const QString& path);
    // Recording of live sessions, replay timeline, exports.
    replay::RecordingController* recording() const { return m_recording; }

    void setConfirmer(Confirmer c) { m_confirm = std::move(c); }
    // Confirms (when the action changes what citizens see) and sends; returns the command id,
    // empty when cancelled or not sent.
    QString requestCommand(const QString& op, const QJsonObject& args, const QString& description,
                           const QString& confirmText);

    void restoreLayout();
    void saveLayout();
    // Renders the window (charts refreshed first) to a PNG.
    bool saveScreenshot(const QString& path);

    TilesPanel* tiles() const { return m_tiles; }
    ChartsPanel* charts() const { return m_charts; }
    CohortPanel* cohorts() const { return m_cohorts; }
    NoticesPanel* notices() const { return m_notices; }
    ApprovalsPanel* approvals() const { return m_approvals; }
    ClinicPanel* clinics() const { return m_clinics; }
    EventLogPanel* eventLog() const { return m_log; }
    QLabel* connectionLabel() const { return m_connLabel; }
    QLabel* lastUpdateLabel() const { return m_lastUpdate; }
    QLabel* banner() const { return m_banner; }

protected:
    void closeEvent(QCloseEvent* e) override;
    void showEvent(QShowEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    void createMenus();
    void createDocks();
    void retranslate();
    void updateStatus();
    void scheduleViewRefresh();
    void refreshViews();
    void onStatusMessage(const QString& message);

    ConsoleSession* m_session;
    LanguageManager* m_language;
    ProfileStore* m_profiles;
    std::unique_ptr<DataSource> m_source;
    replay::RecordingController* m_recording = nullptr;
    Confirmer m_confirm;
    QString m_linkMessage;
    bool m_layoutRestored = false, m_firstShow = true;

    QLabel* m_banner;
    QSplitter* m_splitter;
    TilesPanel* m_tiles;
    ChartsPanel* m_charts;
    CohortPanel* m_cohorts;
    NoticesPanel* m_notices;
    ApprovalsPanel* m_approvals;
    ClinicPanel* m_clinics;
    EventLogPanel* m_log;
    QList<QDockWidget*> m_docks;

    QLabel* m_modeLabel;
    QLabel* m_connLabel;
    QLabel* m_serverLabel;
    QLabel* m_lastUpdate;

    QMenu *m_fileMenu, *m_viewMenu, *m_languageMenu, *m_helpMenu;
    QAction *m_connectAction, *m_disconnectAction, *m_quitAction, *m_aboutAction;
    QAction *m_koAction, *m_enAction;
    QActionGroup* m_languageGroup;

    QTimer m_statusTimer;
    QTimer m_viewTimer;
};

} // namespace sluice::console
