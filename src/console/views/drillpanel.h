// The identity-provider drill (simulated latency, error rate, outage of the booking module's
// identity provider), in its own panel: a rehearsal tool, kept away from the cohort pause
// controls. The current settings from the snapshot; every change confirmed by the main window.
#pragma once
#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace sluice::console {

class ConsoleSession;
class ResultLine;

class DrillPanel : public QWidget {
    Q_OBJECT
public:
    explicit DrillPanel(ConsoleSession* session, QWidget* parent = nullptr);
    QPushButton* applyButton() const { return m_apply; }
    QCheckBox* outageCheck() const { return m_outage; }
    ResultLine* resultLine() const { return m_result; }

signals:
    void commandRequested(const QString& op, const QJsonObject& args, const QString& description,
                          const QString& confirmText);

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    void updateEnabled();
    void loadSettings();

    ConsoleSession* m_session;
    QGroupBox* m_group;
    QLabel *m_latencyLabel, *m_errorRateLabel, *m_note;
    QSpinBox* m_p50;
    QSpinBox* m_p99;
    QDoubleSpinBox* m_errorRate;
    QCheckBox* m_outage;
    QPushButton* m_apply;
    ResultLine* m_result;
    bool m_loaded = false;
};

} // namespace sluice::console
