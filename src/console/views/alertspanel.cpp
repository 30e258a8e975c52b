// The alerts panel (see alertspanel.h).
#include "console/views/alertspanel.h"

#include "console/model/consolesession.h"
#include "console/views/alertnotifier.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace sluice::console {

AlertsPanel::AlertsPanel(ConsoleSession* session, AlertNotifier* notifier, QWidget* parent)
    : QWidget(parent), m_session(session), m_notifier(notifier) {
    setObjectName(QStringLiteral("alertsPanel"));
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    auto* bar = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("alertSummary"));
    QFont f = m_summary->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    m_summary->setFont(f);
    m_summary->setAutoFillBackground(true);
    m_summary->setMargin(3);
    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("alertNote"));
    m_note->setMaxLength(500);
    m_note->setClearButtonEnabled(true);
    m_ack = new QPushButton(this);
    m_ack->setObjectName(QStringLiteral("acknowledgeAlert"));
    m_sound = new QToolButton(this);
    m_sound->setObjectName(QStringLiteral("alertSound"));
    m_sound->setCheckable(true);
    m_sound->setChecked(notifier && notifier->soundEnabled());
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_note);
    bar->addWidget(m_ack);
    bar->addWidget(m_sound);
    v->addLayout(bar);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("alertTable"));
    m_table->setModel(session->alertModel());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    QHeaderView* h = m_table->horizontalHeader();
    h->setSectionResizeMode(QHeaderView::ResizeToContents);
    h->setSectionResizeMode(AlertListModel::Text, QHeaderView::Stretch);
    v->addWidget(m_table);

    connect(m_ack, &QPushButton::clicked, this, &AlertsPanel::acknowledgeCurrent);
    connect(m_note, &QLineEdit::returnPressed, this, &AlertsPanel::acknowledgeCurrent);
    connect(m_sound, &QToolButton::toggled, this, [this](bool on) {
        if (m_notifier) m_notifier->setSoundEnabled(on);
        retranslate();
    });
    if (notifier)
        connect(notifier, &AlertNotifier::soundEnabledChanged, m_sound, &QToolButton::setChecked);
    connect(session, &ConsoleSession::alertsChanged, this, &AlertsPanel::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AlertsPanel::refresh);
    retranslate();
}

void AlertsPanel::setMaxVisibleRows(int rows) {
    m_maxRows = qMax(1, rows);
    refresh();
}

QString AlertsPanel::currentKey() const {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty()) return rows.first().data(AlertListModel::KeyRole).toString();
    for (const Alert& a : m_session->alerts().alerts())
        if (!a.acknowledged() && a.ack != Alert::Ack::Pending) return a.key;
    return {};
}

bool AlertsPanel::acknowledgeCurrent() {
    const QString key = currentKey();
    if (key.isEmpty()) return false;
    const bool ok = m_session->acknowledgeAlert(key, m_note->text());
    if (ok) m_note->clear();
    return ok;
}

void AlertsPanel::retranslate() {
    m_note->setPlaceholderText(tr("Note (optional)"));
    m_ack->setText(tr("Acknowledge"));
    m_ack->setToolTip(tr("Acknowledge the selected alert, else the oldest unacknowledged one "
                         "(Ctrl+K). Every console and the audit log see who."));
    m_sound->setText(m_sound->isChecked() ? tr("♪ Sound on") : tr("Sound off"));
    m_sound->setToolTip(tr("Sound for critical alerts"));
    m_session->alertModel()->retranslate();
    refresh();
}

void AlertsPanel::refresh() {
    const QList<Alert>& alerts = m_session->alerts().alerts();
    int critical = 0, open = 0;
    for (const Alert& a : alerts) {
        if (a.severity == AlertSeverity::Critical) ++critical;
        if (!a.acknowledged()) ++open;
    }
    QColor bg(214, 238, 214);
    if (alerts.isEmpty()) {
        m_summary->setText(tr("✓ No active alerts"));
    } else {
        m_summary->setText(tr("⚠ %n active alert(s)", nullptr, int(alerts.size())) +
                           QStringLiteral(" · ") + tr("%n critical", nullptr, critical) +
                           QStringLiteral(" · ") + tr("%n not acknowledged", nullptr, open));
        bg = critical > 0 && open > 0 ? QColor(235, 80, 70)
             : open > 0               ? QColor(255, 214, 120)
                                      : QColor(230, 230, 230);
    }
    QPalette p = m_summary->palette();
    p.setColor(QPalette::Window, bg);
    p.setColor(QPalette::WindowText, critical > 0 && open > 0 ? Qt::white : QColor(20, 20, 20));
    m_summary->setPalette(p);
    m_table->setVisible(!alerts.isEmpty());
    m_note->setVisible(!alerts.isEmpty());
    m_ack->setEnabled(!currentKey().isEmpty());
    const int rowH = m_table->verticalHeader()->defaultSectionSize();
    const int rows = qMin(int(alerts.size()), m_maxRows);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() + rows * rowH + 4);
}

void AlertsPanel::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

} // namespace sluice::console
