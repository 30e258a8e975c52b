// The cohorts panel: the cohort table and the controls that act on the selected cohort (pause,
// resume, rate ceiling, max active, manual/automatic, abuse screening at join). Confirmations say
// old → new and how many people it affects; the outcome shows in the panel's own result line. A new
// source clears the selection and the form. Actions are requested from the main window, which
// confirms and sends.
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
class ResultLine;

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
    QCheckBox* incidentCheck() const { return m_incident; }
    ResultLine* resultLine() const { return m_result; }
    QDoubleSpinBox* rateSpin() const { return m_rate; }
    QSpinBox* maxActiveSpin() const { return m_maxActive; }
    QComboBox* modeCombo() const { return m_mode; }
    QSpinBox* powBitsSpin() const { return m_powBits; }
    QSpinBox* joinLimitSpin() const { return m_joinLimit; }
    QPushButton* screeningButton() const { return m_setScreening; }

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
    void resetForm();

    ConsoleSession* m_session;
    QTableView* m_table;
    QGroupBox* m_controls;
    QPushButton *m_pause, *m_resume, *m_setRate, *m_setMaxActive, *m_setMode, *m_setScreening;
    QCheckBox* m_incident;
    QDoubleSpinBox* m_rate;
    QSpinBox* m_maxActive;
    QComboBox* m_mode;
    QSpinBox *m_powBits, *m_joinLimit; // abuse screening at join
    QLabel *m_rateLabel, *m_maxActiveLabel, *m_modeLabel, *m_powLabel, *m_joinLimitLabel;
    ResultLine* m_result;
};

} // namespace sluice::console
