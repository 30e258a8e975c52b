// The cohorts panel (see cohortpanel.h).
#include "console/views/cohortpanel.h"

#include "console/model/consolesession.h"
#include "console/views/resultline.h"

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
    layout->addWidget(m_table, 5);

    auto* side = new QVBoxLayout;
    m_controls = new QGroupBox(this);
    auto* g = new QGridLayout(m_controls);
    g->setVerticalSpacing(3);
    m_pause = new QPushButton(m_controls);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_incident = new QCheckBox(m_controls);
    m_incident->setObjectName(QStringLiteral("incidentCheck"));
    m_resume = new QPushButton(m_controls);
    m_resume->setObjectName(QStringLiteral("resumeButton"));
    g->addWidget(m_pause, 0, 0);
    g->addWidget(m_incident, 0, 1);
    g->addWidget(m_resume, 0, 2);
    m_rateLabel = new QLabel(m_controls);
    m_rate = new QDoubleSpinBox(m_controls);
    m_rate->setObjectName(QStringLiteral("rateSpin"));
    m_rate->setRange(0, 1e6);
    m_rate->setDecimals(1);
    m_rateLabel->setBuddy(m_rate);
    m_setRate = new QPushButton(m_controls);
    m_setRate->setObjectName(QStringLiteral("setRateButton"));
    g->addWidget(m_rateLabel, 1, 0);
    g->addWidget(m_rate, 1, 1);
    g->addWidget(m_setRate, 1, 2);
    m_maxActiveLabel = new QLabel(m_controls);
    m_maxActive = new QSpinBox(m_controls);
    m_maxActive->setRange(0, 100'000'000);
    m_maxActiveLabel->setBuddy(m_maxActive);
    m_setMaxActive = new QPushButton(m_controls);
    m_setMaxActive->setObjectName(QStringLiteral("setMaxActiveButton"));
    g->addWidget(m_maxActiveLabel, 2, 0);
    g->addWidget(m_maxActive, 2, 1);
    g->addWidget(m_setMaxActive, 2, 2);
    m_modeLabel = new QLabel(m_controls);
    m_mode = new QComboBox(m_controls);
    m_mode->addItem(QString(), QStringLiteral("manual"));
    m_mode->addItem(QString(), QStringLiteral("automatic"));
    m_modeLabel->setBuddy(m_mode);
    m_setMode = new QPushButton(m_controls);
    m_setMode->setObjectName(QStringLiteral("setModeButton"));
    g->addWidget(m_modeLabel, 3, 0);
    g->addWidget(m_mode, 3, 1);
    g->addWidget(m_setMode, 3, 2);
    // Abuse screening at join: proof-of-work bits and new tickets per address a minute.
    m_powLabel = new QLabel(m_controls);
    m_powBits = new QSpinBox(m_controls);
    m_powBits->setObjectName(QStringLiteral("powBitsSpin"));
    m_powBits->setRange(0, 28);
    m_powLabel->setBuddy(m_powBits);
    m_joinLimitLabel = new QLabel(m_controls);
    m_joinLimit = new QSpinBox(m_controls);
    m_joinLimit->setObjectName(QStringLiteral("joinLimitSpin"));
    m_joinLimit->setRange(0, 100'000);
    m_joinLimitLabel->setBuddy(m_joinLimit);
    m_setScreening = new QPushButton(m_controls);
    m_setScreening->setObjectName(QStringLiteral("setScreeningButton"));
    g->addWidget(m_powLabel, 4, 0);
    g->addWidget(m_powBits, 4, 1);
    g->addWidget(m_joinLimitLabel, 5, 0);
    g->addWidget(m_joinLimit, 5, 1);
    g->addWidget(m_setScreening, 5, 2);
    side->addWidget(m_controls);
    m_result = new ResultLine(session, this);
    side->addWidget(m_result);
    side->addStretch(1);
    layout->addLayout(side, 2);

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

    connect(session, &ConsoleSession::sourceReset, this, &CohortPanel::resetForm);

    auto waitingOf = [this](const QString& id) {
        const CohortFigures* c = m_session->state().cohort(id);
        return c ? c->waiting : 0;
    };
    connect(m_pause, &QPushButton::clicked, this, [this, waitingOf] {
        const QString id = selectedCohort();
        const bool incident = m_incident->isChecked();
        const QString people = QLocale().toString(waitingOf(id));
        QString text = tr("Pause admission for %1?\n\n%2 people waiting in this cohort see the "
                          "pause at once and nobody is admitted until it resumes.")
                           .arg(cohortLabel(id), people);
        text += QStringLiteral("\n\n") +
                (incident ? tr("Marked as an incident: resuming will need a second operator when "
                               "the two-person rule is on.")
                          : tr("Not marked as an incident."));
        emit commandRequested(QStringLiteral("pause_cohort"),
                              {{"cohort", id}, {"incident", incident}}, QString(), text);
    });
    connect(m_resume, &QPushButton::clicked, this, [this, waitingOf] {
        const QString id = selectedCohort();
        const CohortFigures* c = m_session->state().cohort(id);
        QString text = tr("Resume admission for %1?\n\n%2 people waiting start being admitted "
                          "again, at up to %3 per second.")
                           .arg(cohortLabel(id), QLocale().toString(waitingOf(id)),
                                QLocale().toString(c ? c->rateCeiling : 0, 'f', 0));
        if (c && c->pausedForIncident)
            text += QStringLiteral("\n\n") +
                    tr("This cohort was paused for an incident: with the two-person rule a second "
                       "operator must approve the resume.");
        emit commandRequested(QStringLiteral("resume_cohort"), {{"cohort", id}}, QString(), text);
    });
    connect(m_setRate, &QPushButton::clicked, this, [this, waitingOf] {
        const QString id = selectedCohort();
        const CohortFigures* c = m_session->state().cohort(id);
        const double rate = m_rate->value();
        const QLocale l;
        emit commandRequested(
            QStringLiteral("set_rate"), {{"cohort", id}, {"rate_per_s", rate}}, QString(),
            tr("Change the admission ceiling of %1 from %2 to %3 per second?\n\n%4 people are "
               "waiting; the waiting times they see change.")
                .arg(cohortLabel(id), l.toString(c ? c->rateCeiling : 0, 'f', 0),
                     l.toString(rate, 'f', rate == qint64(rate) ? 0 : 1),
                     l.toString(waitingOf(id))));
    });
    connect(m_setMaxActive, &QPushButton::clicked, this, [this] {
        const QString id = selectedCohort();
        const CohortFigures* c = m_session->state().cohort(id);
        const int n = m_maxActive->value();
        const QLocale l;
        emit commandRequested(
            QStringLiteral("set_max_active"), {{"cohort", id}, {"max_active", n}}, QString(),
            tr("Change the booking sessions allowed at once for %1 from %2 to %3?\n\n%4 "
               "sessions are active now.")
                .arg(cohortLabel(id), l.toString(c ? c->maxActive : 0), l.toString(n),
                     l.toString(c ? c->active : 0)));
    });
    connect(m_setMode, &QPushButton::clicked, this, [this, waitingOf] {
        const QString id = selectedCohort();
        const CohortFigures* c = m_session->state().cohort(id);
        const QString mode = m_mode->currentData().toString();
        emit commandRequested(QStringLiteral("set_admission_mode"),
                              {{"cohort", id}, {"mode", mode}}, QString(),
                              tr("Switch the admission of %1 from %2 to %3?\n\n%4 people are "
                                 "waiting.")
                                  .arg(cohortLabel(id), modeText(c ? c->mode : QString()),
                                       m_mode->currentText(), QLocale().toString(waitingOf(id))));
    });
    connect(m_setScreening, &QPushButton::clicked, this, [this] {
        const QString id = selectedCohort();
        const CohortFigures* c = m_session->state().cohort(id);
        const int bits = m_powBits->value(), joins = m_joinLimit->value();
        const QLocale l;
        auto powText = [this](int b) {
            return b > 0 ? tr("%1 bits (about %2 hashes per new ticket)")
                               .arg(b)
                               .arg(QLocale().toString(double(qint64(1) << b), 'f', 0))
                         : tr("off");
        };
        auto limitText = [this](int n) {
            return n > 0 ? tr("%1 new tickets a minute per address").arg(QLocale().toString(n))
                         : tr("off");
        };
        emit commandRequested(
            QStringLiteral("set_screening"),
            {{"cohort", id}, {"pow_bits", bits}, {"joins_per_client_per_min", joins}}, QString(),
            tr("Change the abuse screening of %1?\n\nProof of work: %2 → %3.\nJoin limit: %4 → "
               "%5.\n\nOnly new tickets are screened: the %6 people who hold a place keep it "
               "without any work. Many citizens share one mobile carrier address, so keep the "
               "limit generous.")
                .arg(cohortLabel(id), powText(c ? c->powBits : 0), powText(bits),
                     limitText(c ? c->joinsPerClientPerMin : 0), limitText(joins),
                     l.toString(c ? c->issued : 0)));
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

void CohortPanel::resetForm() {
    // A new source: no selection, no incident flag, no values of the previous server.
    m_table->clearSelection();
    m_incident->setChecked(false);
    m_rate->setValue(0);
    m_maxActive->setValue(0);
    m_mode->setCurrentIndex(0);
    m_powBits->setValue(0);
    m_joinLimit->setValue(0);
    updateEnabled();
}

void CohortPanel::loadSelection() {
    const CohortFigures* c = m_session->state().cohort(selectedCohort());
    if (!c) return;
    m_rate->setMaximum(c->maxRate > 0 ? c->maxRate : 1e6);
    m_rate->setValue(c->rateCeiling);
    m_maxActive->setValue(int(qMin<qint64>(c->maxActive, 100'000'000)));
    m_mode->setCurrentIndex(c->mode == QLatin1String("automatic") ? 1 : 0);
    m_powBits->setValue(c->powBits);
    m_joinLimit->setValue(c->joinsPerClientPerMin);
}

void CohortPanel::updateEnabled() {
    const bool can = m_session->canAct();
    const CohortFigures* c = m_session->state().cohort(selectedCohort());
    const bool sel = can && c;
    m_pause->setEnabled(sel && c->state != QLatin1String("paused") &&
                        c->state != QLatin1String("closed"));
    m_incident->setEnabled(m_pause->isEnabled());
    m_resume->setEnabled(sel && c->state == QLatin1String("paused"));
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_rate, m_setRate, m_maxActive, m_setMaxActive, m_mode,
                                         m_setMode, m_powBits, m_joinLimit, m_setScreening})
        w->setEnabled(sel);
    const QString why = !m_session->canAct()
                            ? (m_session->role() == QLatin1String("viewer")
                                   ? tr("Viewers cannot act.")
                                   : tr("Actions are disabled while disconnected."))
                            : QString();
    m_controls->setToolTip(why);
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
    m_powLabel->setText(tr("Proof of work"));
    m_powBits->setSuffix(tr(" bits"));
    m_powBits->setSpecialValueText(tr("off"));
    m_powBits->setToolTip(
        tr("Each new ticket costs about 2^bits SHA-256 hashes in the citizen's "
           "browser (12: about a third of a second; 16: several seconds). 0: off."));
    m_joinLimitLabel->setText(tr("New tickets/min per address"));
    m_joinLimit->setSpecialValueText(tr("off"));
    m_joinLimit->setToolTip(tr("New tickets one client address may draw a minute; rejoins with a "
                               "held ticket are never limited. 0: off."));
    m_setScreening->setText(tr("Apply screening…"));
    updateEnabled();
}

void CohortPanel::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

} // namespace sluice::console
