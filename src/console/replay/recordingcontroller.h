// Recording and replay in the main window, kept out of the window's own code: every live source
// the window attaches is recorded (platform app-data folder, retention from the settings; a
// "REC" mark in the status bar, a warning there — never a box — when the recording fails while
// the live view carries on); File → Open recording… puts a ReplaySource behind the same session
// and shows the timeline (REPLAY badge, recording time, play/pause, speed, seek, markers);
// File → Export… writes the charts as PNG, the series in the charts' window as CSV and the
// event log as CSV; File → Recording settings… sets the retention.
#pragma once
#include "console/transport/datasource.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QMainWindow;
class QMenu;
class QToolBar;

namespace sluice::console {
class ConsoleSession;
}

namespace sluice::console::recording {
class Recorder;
}

namespace sluice::console::replay {

class ReplaySource;
class TimelineWidget;

class RecordingController : public QObject {
    Q_OBJECT
public:
    struct Hooks {
        std::function<void(DataSource*)> setSource; // the window takes ownership and opens it
        std::function<qint64()> chartWindowMs;      // the charts' window length
        QWidget* charts = nullptr;                  // grabbed for the PNG export
    };

    RecordingController(QMainWindow* window, ConsoleSession* session, QMenu* fileMenu,
                        QAction* before, Hooks hooks);
    ~RecordingController() override;

    // The window calls this whenever it attaches a source, before opening it.
    void sourceAttached(DataSource* source);
    // Opens a recording in replay mode; false (with the reason on the status bar and the
    // banner) when the file is refused.
    bool openRecording(const QString& path);

    // Live sessions are recorded unless turned off (tests, --record which records itself).
    void setRecordingEnabled(bool enabled) { m_recordingEnabled = enabled; }
    recording::Recorder* recorder() const { return m_recorder.get(); }
    ReplaySource* replay() const;
    TimelineWidget* timeline() const { return m_timeline; }
    QLabel* recordingLabel() const { return m_recLabel; }
    QString lastRecordingError() const { return m_lastError; }

    void exportChartsPng(const QString& path);
    void exportSeriesCsv(const QString& path);
    void exportEventLogCsv(const QString& path);

protected:
    bool eventFilter(QObject* watched, QEvent* e) override;

private:
    void retranslate();
    void startRecording(DataSource* source);
    void stopRecording();
    void onRecordingFailed(const QString& message);
    void updateLabel();
    void showRecordingSettings();
    void report(bool ok, const QString& what, const QString& path, const QString& error);

    QMainWindow* m_window;
    ConsoleSession* m_session;
    Hooks m_hooks;
    QPointer<DataSource> m_source;
    std::unique_ptr<recording::Recorder> m_recorder;
    bool m_recordingEnabled = true;
    QString m_lastError;
    QAction *m_openAction, *m_exportPng, *m_exportSeries, *m_exportLog, *m_settingsAction;
    QMenu* m_exportMenu;
    QToolBar* m_toolBar = nullptr;
    TimelineWidget* m_timeline = nullptr;
    QLabel* m_recLabel;
};

} // namespace sluice::console::replay
