// The event and audit log panel (see eventlogpanel.h).
#include "console/views/eventlogpanel.h"

#include "console/model/cohorttablemodel.h"
#include "console/model/consolesession.h"
#include "console/model/eventlogmodel.h"

#include <QComboBox>
#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace sluice::console {

EventLogPanel::EventLogPanel(ConsoleSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* bar = new QHBoxLayout;
    m_severity = new QComboBox(this);
    m_severity->setObjectName(QStringLiteral("logSeverity"));
    for (const char* s : {"", "info", "warning", "critical"})
        m_severity->addItem(QString(), QString::fromLatin1(s));
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("logFilter"));
    m_text->setClearButtonEnabled(true);
    bar->addWidget(m_severity);
    bar->addWidget(m_text, 1);
    layout->addLayout(bar);
    m_proxy = new EventLogFilterProxy(this);
    m_proxy->setSourceModel(session->eventLog());
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("eventLogTable"));
    m_table->setModel(m_proxy);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    layout->addWidget(m_table);
    connect(m_severity, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
            [this] { m_proxy->setSeverity(m_severity->currentData().toString()); });
    connect(m_text, &QLineEdit::textChanged, m_proxy, &EventLogFilterProxy::setText);
    retranslate();
}

void EventLogPanel::retranslate() {
    m_severity->setItemText(0, tr("All severities"));
    for (int i = 1; i < m_severity->count(); ++i)
        m_severity->setItemText(i, severityText(m_severity->itemData(i).toString()));
    m_text->setPlaceholderText(tr("Filter by text, kind or operator"));
    m_session->eventLog()->retranslate();
}

void EventLogPanel::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

} // namespace sluice::console
