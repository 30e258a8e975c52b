// The identity-provider drill panel (see drillpanel.h).
#include "console/views/drillpanel.h"

#include "console/model/consolesession.h"
#include "console/views/resultline.h"

#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sluice::console {

DrillPanel::DrillPanel(ConsoleSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(2, 2, 2, 2);
    m_group = new QGroupBox(this);
    auto* d = new QGridLayout(m_group);
    m_latencyLabel = new QLabel(m_group);
    m_p50 = new QSpinBox(m_group);
    m_p50->setObjectName(QStringLiteral("drillP50"));
    m_p50->setRange(0, 60'000);
    m_p50->setSuffix(QStringLiteral(" ms"));
    m_p50->setPrefix(QStringLiteral("p50 "));
    m_p99 = new QSpinBox(m_group);
    m_p99->setObjectName(QStringLiteral("drillP99"));
    m_p99->setRange(0, 600'000);
    m_p99->setSuffix(QStringLiteral(" ms"));
    m_p99->setPrefix(QStringLiteral("p99 "));
    // p99 never below p50 (the server refuses it).
    connect(m_p50, QOverload<int>::of(&QSpinBox::valueChanged), m_p99,
            [this](int value) { m_p99->setMinimum(value); });
    m_errorRateLabel = new QLabel(m_group);
    m_errorRate = new QDoubleSpinBox(m_group);
    m_errorRate->setRange(0, 1);
    m_errorRate->setSingleStep(0.05);
    m_outage = new QCheckBox(m_group);
    m_apply = new QPushButton(m_group);
    m_apply->setObjectName(QStringLiteral("drillButton"));
    m_note = new QLabel(m_group);
    m_note->setWordWrap(true);
    d->addWidget(m_latencyLabel, 0, 0);
    d->addWidget(m_p50, 0, 1);
    d->addWidget(m_p99, 0, 2);
    d->addWidget(m_errorRateLabel, 1, 0);
    d->addWidget(m_errorRate, 1, 1);
    d->addWidget(m_outage, 1, 2);
    d->addWidget(m_apply, 2, 2);
    d->addWidget(m_note, 3, 0, 1, 3);
    v->addWidget(m_group);
    m_result = new ResultLine(session, this);
    v->addWidget(m_result);
    v->addStretch(1);

    connect(m_apply, &QPushButton::clicked, this, [this] {
        // The booking module takes the simulated latency as {p50, p99}.
        const QJsonObject args{
            {"latency_ms", QJsonObject{{"p50", m_p50->value()}, {"p99", m_p99->value()}}},
            {"error_rate", m_errorRate->value()},
            {"outage", m_outage->isChecked()}};
        emit commandRequested(
            QStringLiteral("set_identity_provider"), args, QString(),
            tr("Change the identity provider simulation to p50 %1 ms, p99 %2 ms, error rate %3, "
               "outage %4? Identity checks for citizens get slower or fail.")
                .arg(m_p50->value())
                .arg(m_p99->value())
                .arg(m_errorRate->value())
                .arg(m_outage->isChecked() ? tr("yes") : tr("no")));
    });
    connect(session, &ConsoleSession::canActChanged, this, &DrillPanel::updateEnabled);
    // The form starts from the server's current drill settings, once per source.
    connect(session, &ConsoleSession::sourceReset, this, [this] {
        m_loaded = false;
        loadSettings();
    });
    connect(session, &ConsoleSession::cohortsChanged, this, [this] {
        if (!m_loaded && m_session->state().hasSnapshot()) {
            m_loaded = true;
            loadSettings();
        }
    });
    retranslate();
    loadSettings();
}

void DrillPanel::loadSettings() {
    const QJsonObject s =
        m_session->state().identityProvider().value(QStringLiteral("settings")).toObject();
    const QJsonObject lat = s.value(QStringLiteral("latency_ms")).toObject();
    m_p50->setValue(lat.value("p50").toInt());
    m_p99->setValue(lat.value("p99").toInt());
    m_errorRate->setValue(s.value("error_rate").toDouble());
    m_outage->setChecked(s.value("outage").toBool());
    updateEnabled();
}

void DrillPanel::updateEnabled() {
    m_group->setEnabled(m_session->canAct());
}

void DrillPanel::retranslate() {
    m_group->setTitle(tr("Identity provider drill (rehearsal)"));
    m_latencyLabel->setText(tr("Latency"));
    m_errorRateLabel->setText(tr("Error rate"));
    m_outage->setText(tr("simulate an outage"));
    m_apply->setText(tr("Apply drill…"));
    m_note->setText(tr("For rehearsals only: the booking module's identity provider answers "
                       "slower, fails or is down for every citizen."));
}

void DrillPanel::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

} // namespace sluice::console
