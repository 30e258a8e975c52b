// Pending approvals and the operator's actions (see approvalspanel.h).
#include "console/views/approvalspanel.h"

#include "console/model/consolesession.h"
#include "console/views/resultline.h"

#include <QEvent>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QPushButton>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sluice::console {

ApprovalsPanel::ApprovalsPanel(ConsoleSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    // Side by side: the bottom dock area stays low.
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_pendingGroup = new QGroupBox(this);
    auto* pl = new QVBoxLayout(m_pendingGroup);
    m_list = new QTreeWidget(m_pendingGroup);
    m_list->setObjectName(QStringLiteral("approvalList"));
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(5);
    m_approve = new QPushButton(m_pendingGroup);
    m_approve->setObjectName(QStringLiteral("approveButton"));
    pl->addWidget(m_list);
    m_result = new ResultLine(session, m_pendingGroup);
    pl->addWidget(m_result);
    pl->addWidget(m_approve, 0, Qt::AlignRight);
    layout->addWidget(m_pendingGroup, 1);
    m_actionsGroup = new QGroupBox(this);
    auto* al = new QVBoxLayout(m_actionsGroup);
    m_actions = new QTableView(m_actionsGroup);
    m_actions->setObjectName(QStringLiteral("actionsTable"));
    m_actions->setModel(session->commands());
    m_actions->verticalHeader()->hide();
    m_actions->horizontalHeader()->setStretchLastSection(true);
    m_actions->setSelectionBehavior(QAbstractItemView::SelectRows);
    al->addWidget(m_actions);
    layout->addWidget(m_actionsGroup, 2);

    connect(session, &ConsoleSession::approvalsChanged, this, &ApprovalsPanel::reload);
    connect(session, &ConsoleSession::canActChanged, this, &ApprovalsPanel::updateEnabled);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &ApprovalsPanel::updateEnabled);
    connect(m_approve, &QPushButton::clicked, this, [this] {
        const QTreeWidgetItem* item = m_list->currentItem();
        if (!item) return;
        const QString id = item->data(0, Qt::UserRole).toString();
        const QString who = item->text(3);
        emit commandRequested(
            QStringLiteral("approve"), {{"command_id", id}, {"requested_by", who}}, QString(),
            tr("Approve %1's command?\n\n%2\n%3").arg(who, item->text(1), item->text(2)));
    });
    retranslate();
}

void ApprovalsPanel::retranslate() {
    m_pendingGroup->setTitle(tr("Waiting for a second operator"));
    m_actionsGroup->setTitle(tr("My actions"));
    m_approve->setText(tr("Approve…"));
    m_list->setHeaderLabels(
        {tr("Command"), tr("Action"), tr("Reason"), tr("Requested by"), tr("Expires")});
    reload();
}

void ApprovalsPanel::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

void ApprovalsPanel::reload() {
    const QString selected =
        m_list->currentItem() ? m_list->currentItem()->data(0, Qt::UserRole).toString() : QString();
    m_list->clear();
    for (const auto& a : m_session->state().approvals()) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setData(0, Qt::UserRole, a.commandId);
        item->setText(0, a.commandId);
        item->setText(1, describeCommand(a.op, a.args, {}, {}, m_session->labelLookup()));
        item->setText(2, a.reason);
        item->setText(3, a.requestedBy);
        item->setText(4, formatLocalTime(a.expiresAtMs));
        item->setToolTip(1,
                         QString::fromUtf8(QJsonDocument(a.args).toJson(QJsonDocument::Compact)));
        if (a.commandId == selected) m_list->setCurrentItem(item);
    }
    updateEnabled();
}

void ApprovalsPanel::updateEnabled() {
    const QTreeWidgetItem* item = m_list->currentItem();
    // The server refuses self-approval; the button says so before the operator tries.
    const bool mine = item && item->text(3) == m_session->operatorName();
    m_approve->setEnabled(m_session->canAct() && item && !mine);
    m_approve->setToolTip(mine ? tr("A second operator must approve this.") : QString());
}

} // namespace sluice::console
