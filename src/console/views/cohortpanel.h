// The cohorts panel: the cohort table and the controls that act on the selected cohort (pause,
// resume, rate ceiling, max active, manual/automatic), plus the identity-provider drill.
// Actions are requested from the main window, which confirms and sends them.
#pragma once
#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace sluice::console {

class ConsoleSession;

class CohortPanel : public QWidget {
    Q_OBJECT
public:
    explicit CohortPanel(ConsoleSession* session, QWidget* parent = nullptr);
    QTableView* table() const { return m_table; }
    QString selectedCohort() const;
    void selectCohort(const QString& id);

    // The controls, for tests and the screenshot.
    QPushButton* pauseButton() const { return m_pause; }
    QPushButton* resumeButton() const { return m_resume; }
    QPushButton* rateButton() const { return m_setRate; }
    QPushButton* maxActiveButton() const { return m_setMaxActive; }
    QPushButton* modeButton() const { return m_setMode; }
    QPushButton* drillButton() const { return m_applyDrill; }
    QDoubleSpinBox* rateSpin() const { return m_rate; }
    QSpinBox* maxActiveSpin() const { return m_maxActive; }
    QComboBox* modeCombo() const { return m_mode; }

signals:
    void commandRequested(const QString& op, const QJsonObject& args, const QString& description,
                          const QString& confirmText);

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    void updateEnabled();
    void loadSelection();
    QString cohortLabel(const QString& id) const;

    ConsoleSession* m_session;
    QTableView* m_table;
    QGroupBox* m_controls;
    QGroupBox* m_drill;
    QPushButton *m_pause, *m_resume, *m_setRate, *m_setMaxActive, *m_setMode, *m_applyDrill;
    QCheckBox* m_incident;
    QDoubleSpinBox* m_rate;
    QSpinBox* m_maxActive;
    QComboBox* m_mode;
    QLabel *m_rateLabel, *m_maxActiveLabel, *m_modeLabel, *m_latencyLabel, *m_errorRateLabel;
    QSpinBox* m_drillLatency;
    QSpinBox* m_drillLatencyP99;
    QDoubleSpinBox* m_drillErrorRate;
    QCheckBox* m_drillOutage;
};

} // namespace sluice::console
