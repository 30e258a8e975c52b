// The cohorts panel (see cohortpanel.h).
#include "console/views/cohortpanel.h"

#include "console/model/consolesession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace sluice::console {

CohortPanel::CohortPanel(ConsoleSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("cohortTable"));
    m_table->setModel(session->cohortModel());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    layout->addWidget(m_table, 4);

    auto* side = new QHBoxLayout;
    m_controls = new QGroupBox(this);
    auto* g = new QGridLayout(m_controls);
    m_pause = new QPushButton(m_controls);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_incident = new QCheckBox(m_controls);
    m_resume = new QPushButton(m_controls);
    m_resume->setObjectName(QStringLiteral("resumeButton"));
    g->addWidget(m_pause, 0, 0);
    g->addWidget(m_incident, 0, 1);
    g->addWidget(m_resume, 0, 2);
    m_rateLabel = new QLabel(m_controls);
    m_rate = new QDoubleSpinBox(m_controls);
    m_rate->setRange(0, 1e6);
    m_rate->setDecimals(1);
    m_setRate = new QPushButton(m_controls);
    m_setRate->setObjectName(QStringLiteral("setRateButton"));
    g->addWidget(m_rateLabel, 1, 0);
    g->addWidget(m_rate, 1, 1);
    g->addWidget(m_setRate, 1, 2);
    m_maxActiveLabel = new QLabel(m_controls);
    m_maxActive = new QSpinBox(m_controls);
    m_maxActive->setRange(0, 100'000'000);
    m_setMaxActive = new QPushButton(m_controls);
    m_setMaxActive->setObjectName(QStringLiteral("setMaxActiveButton"));
    g->addWidget(m_maxActiveLabel, 2, 0);
    g->addWidget(m_maxActive, 2, 1);
    g->addWidget(m_setMaxActive, 2, 2);
    m_modeLabel = new QLabel(m_controls);
    m_mode = new QComboBox(m_controls);
    m_mode->addItem(QString(), QStringLiteral("manual"));
    m_mode->addItem(QString(), QStringLiteral("automatic"));
    m_setMode = new QPushButton(m_controls);
    m_setMode->setObjectName(QStringLiteral("setModeButton"));
    g->addWidget(m_modeLabel, 3, 0);
    g->addWidget(m_mode, 3, 1);
    g->addWidget(m_setMode, 3, 2);
    side->addWidget(m_controls, 0, Qt::AlignTop);

    m_drill = new QGroupBox(this);
    auto* d = new QGridLayout(m_drill);
    m_latencyLabel = new QLabel(m_drill);
    m_drillLatency = new QSpinBox(m_drill);
    m_drillLatency->setRange(0, 60'000);
    m_drillLatency->setSuffix(QStringLiteral(" ms"));
    m_drillLatency->setPrefix(QStringLiteral("p50 "));
    m_drillLatencyP99 = new QSpinBox(m_drill);
    m_drillLatencyP99->setRange(0, 600'000);
    m_drillLatencyP99->setSuffix(QStringLiteral(" ms"));
    m_drillLatencyP99->setPrefix(QStringLiteral("p99 "));
    // p99 never below p50 (the server refuses it).
    connect(m_drillLatency, QOverload<int>::of(&QSpinBox::valueChanged), m_drillLatencyP99,
            [this](int v) { m_drillLatencyP99->setMinimum(v); });
    m_errorRateLabel = new QLabel(m_drill);
    m_drillErrorRate = new QDoubleSpinBox(m_drill);
    m_drillErrorRate->setRange(0, 1);
    m_drillErrorRate->setSingleStep(0.05);
    m_drillOutage = new QCheckBox(m_drill);
    m_applyDrill = new QPushButton(m_drill);
    m_applyDrill->setObjectName(QStringLiteral("drillButton"));
    d->addWidget(m_latencyLabel, 0, 0);
    d->addWidget(m_drillLatency, 0, 1);
    d->addWidget(m_drillLatencyP99, 1, 1);
    d->addWidget(m_errorRateLabel, 2, 0);
    d->addWidget(m_drillErrorRate, 2, 1);
    d->addWidget(m_drillOutage, 3, 0);
    d->addWidget(m_applyDrill, 3, 1);
    side->addWidget(m_drill, 0, Qt::AlignTop);
    layout->addLayout(side, 3);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        loadSelection();
        updateEnabled();
    });
    connect(session->cohortModel(), &QAbstractItemModel::modelReset, this, [this] {
        if (m_table->model()->rowCount() > 0 && selectedCohort().isEmpty()) m_table->selectRow(0);
        updateEnabled();
    });
    connect(session, &ConsoleSession::canActChanged, this, &CohortPanel::updateEnabled);
    connect(session, &ConsoleSession::cohortsChanged, this, &CohortPanel::updateEnabled);

    connect(m_pause, &QPushButton::clicked, this, [this] {
        const QString id = selectedCohort();
        const bool incident = m_incident->isChecked();
        emit commandRequested(
            QStringLiteral("pause_cohort"), {{"cohort", id}, {"incident", incident}},
            tr("Pause %1").arg(cohortLabel(id)),
            tr("Pause admission for %1? Everyone waiting in this cohort sees the pause at once.")
                .arg(cohortLabel(id)));
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        const QString id = selectedCohort();
        emit commandRequested(
            QStringLiteral("resume_cohort"), {{"cohort", id}}, tr("Resume %1").arg(cohortLabel(id)),
            tr("Resume admission for %1? Waiting people start being admitted again.")
                .arg(cohortLabel(id)));
    });
    connect(m_setRate, &QPushButton::clicked, this, [this] {
        const QString id = selectedCohort();
        const double rate = m_rate->value();
        emit commandRequested(QStringLiteral("set_rate"), {{"cohort", id}, {"rate_per_s", rate}},
                              tr("Set the rate of %1 to %2/s").arg(cohortLabel(id)).arg(rate),
                              tr("Set the admission ceiling of %1 to %2 per second? The waiting "
                                 "times people see change.")
                                  .arg(cohortLabel(id))
                                  .arg(rate));
    });
    connect(m_setMaxActive, &QPushButton::clicked, this, [this] {
        const QString id = selectedCohort();
        const int n = m_maxActive->value();
        emit commandRequested(
            QStringLiteral("set_max_active"), {{"cohort", id}, {"max_active", n}},
            tr("Set max active of %1 to %2").arg(cohortLabel(id)).arg(n),
            tr("Allow at most %2 booking sessions at once for %1?").arg(cohortLabel(id)).arg(n));
    });
    connect(m_setMode, &QPushButton::clicked, this, [this] {
        const QString id = selectedCohort();
        const QString mode = m_mode->currentData().toString();
        emit commandRequested(
            QStringLiteral("set_admission_mode"), {{"cohort", id}, {"mode", mode}},
            tr("Switch %1 to %2 admission").arg(cohortLabel(id), m_mode->currentText()),
            tr("Switch %1 to %2 admission?").arg(cohortLabel(id), m_mode->currentText()));
    });
    connect(m_applyDrill, &QPushButton::clicked, this, [this] {
        // The booking module takes the simulated latency as {p50, p99}.
        const QJsonObject args{{"latency_ms", QJsonObject{{"p50", m_drillLatency->value()},
                                                          {"p99", m_drillLatencyP99->value()}}},
                               {"error_rate", m_drillErrorRate->value()},
                               {"outage", m_drillOutage->isChecked()}};
        emit commandRequested(
            QStringLiteral("set_identity_provider"), args,
            tr("Identity provider drill: p50 %1 ms, p99 %4 ms, error rate %2, outage %3")
                .arg(m_drillLatency->value())
                .arg(m_drillErrorRate->value())
                .arg(m_drillOutage->isChecked() ? tr("yes") : tr("no"))
                .arg(m_drillLatencyP99->value()),
            tr("Change the identity provider simulation? Identity checks for citizens get slower "
               "or fail."));
    });
    retranslate();
    updateEnabled();
}

QString CohortPanel::selectedCohort() const {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) return {};
    return rows.first().data(CohortTableModel::IdRole).toString();
}

void CohortPanel::selectCohort(const QString& id) {
    const int row = m_session->cohortModel()->rowOf(id);
    if (row >= 0) m_table->selectRow(row);
}

QString CohortPanel::cohortLabel(const QString& id) const {
    const int row = m_session->cohortModel()->rowOf(id);
    return row < 0 ? id : m_session->cohortModel()->index(row, 0).data().toString();
}

void CohortPanel::loadSelection() {
    const CohortFigures* c = m_session->state().cohort(selectedCohort());
    if (!c) return;
    m_rate->setMaximum(c->maxRate > 0 ? c->maxRate : 1e6);
    m_rate->setValue(c->rateCeiling);
    m_maxActive->setValue(int(qMin<qint64>(c->maxActive, 100'000'000)));
    m_mode->setCurrentIndex(c->mode == QLatin1String("automatic") ? 1 : 0);
}

void CohortPanel::updateEnabled() {
    const bool can = m_session->canAct();
    const CohortFigures* c = m_session->state().cohort(selectedCohort());
    const bool sel = can && c;
    m_pause->setEnabled(sel && c->state != QLatin1String("paused") &&
                        c->state != QLatin1String("closed"));
    m_incident->setEnabled(m_pause->isEnabled());
    m_resume->setEnabled(sel && c->state == QLatin1String("paused"));
    for (QWidget* w : std::initializer_list<QWidget*>{m_rate, m_setRate, m_maxActive,
                                                      m_setMaxActive, m_mode, m_setMode})
        w->setEnabled(sel);
    m_drill->setEnabled(can);
    const QString why = !m_session->canAct()
                            ? (m_session->role() == QLatin1String("viewer")
                                   ? tr("Viewers cannot act.")
                                   : tr("Actions are disabled while disconnected."))
                            : QString();
    m_controls->setToolTip(why);
    m_drill->setToolTip(why);
}

void CohortPanel::retranslate() {
    m_controls->setTitle(tr("Selected cohort"));
    m_pause->setText(tr("Pause…"));
    m_incident->setText(tr("incident"));
    m_incident->setToolTip(tr("Paused for an incident: resuming needs a second operator when the "
                              "two-person rule is on."));
    m_resume->setText(tr("Resume…"));
    m_rateLabel->setText(tr("Rate ceiling/s"));
    m_setRate->setText(tr("Set rate…"));
    m_maxActiveLabel->setText(tr("Max active"));
    m_setMaxActive->setText(tr("Set max active…"));
    m_modeLabel->setText(tr("Mode"));
    m_mode->setItemText(0, tr("manual"));
    m_mode->setItemText(1, tr("automatic (AIMD)"));
    m_setMode->setText(tr("Apply mode…"));
    m_drill->setTitle(tr("Identity provider drill"));
    m_latencyLabel->setText(tr("Latency"));
    m_errorRateLabel->setText(tr("Error rate"));
    m_drillOutage->setText(tr("outage"));
    m_applyDrill->setText(tr("Apply drill…"));
    updateEnabled();
}

void CohortPanel::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

} // namespace sluice::console
