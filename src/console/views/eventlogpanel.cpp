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
    m_table->setTextElideMode(Qt::ElideRight);
    applyColumnModes();
    layout->addWidget(m_table);
    auto activate = [this](const QModelIndex& index) {
        const QModelIndex first = index.siblingAtColumn(0);
        const qint64 t = first.data(EventLogModel::ReceivedRole).toLongLong();
        const qint64 server = first.data(EventLogModel::TimeRole).toLongLong();
        if (t > 0) emit momentActivated(t, server > 0 ? server : t);
    };
    connect(m_table, &QTableView::clicked, this, activate);
    connect(m_table, &QTableView::activated, this, activate);
    // A new source: its log starts with no filter from the previous one.
    connect(session, &ConsoleSession::sourceReset, this, [this] {
        m_text->clear();
        m_severity->setCurrentIndex(0);
        m_table->clearSelection();
    });
    connect(m_severity, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
            [this] { m_proxy->setSeverity(m_severity->currentData().toString()); });
    connect(m_text, &QLineEdit::textChanged, m_proxy, &EventLogFilterProxy::setText);
    retranslate();
}

void EventLogPanel::applyColumnModes() {
    QHeaderView* h = m_table->horizontalHeader();
    h->setMinimumSectionSize(40);
    h->setResizeContentsPrecision(100); // a 20,000-row log is not measured on every insert
    h->setSectionResizeMode(EventLogModel::Time, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(EventLogModel::Severity, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(EventLogModel::Kind, QHeaderView::Interactive);
    h->setSectionResizeMode(EventLogModel::Operator, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(EventLogModel::Message, QHeaderView::Stretch);
    h->resizeSection(EventLogModel::Kind, 110);
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
