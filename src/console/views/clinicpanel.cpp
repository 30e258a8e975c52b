// The clinic stock panel (see clinicpanel.h).
#include "console/views/clinicpanel.h"

#include "console/model/clinictablemodel.h"
#include "console/model/consolesession.h"

#include <QComboBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sluice::console {

ClinicPanel::ClinicPanel(ConsoleSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* bar = new QHBoxLayout;
    m_region = new QComboBox(this);
    m_region->setObjectName(QStringLiteral("regionFilter"));
    m_region->addItem(QString(), QString());
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("clinicSearch"));
    m_search->setClearButtonEnabled(true);
    m_summary = new QLabel(this);
    bar->addWidget(m_region);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_summary);
    layout->addLayout(bar);
    m_proxy = new ClinicFilterProxy(this);
    m_proxy->setSourceModel(session->clinicModel());
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("clinicTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ClinicTableModel::RemainingToday, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    layout->addWidget(m_table);

    connect(m_region, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this] {
        m_proxy->setRegion(m_region->currentData().toString());
        updateSummary();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_proxy->setSearchText(t);
        updateSummary();
    });
    connect(session->clinicModel(), &ClinicTableModel::regionsChanged, this,
            &ClinicPanel::reloadRegions);
    connect(session->clinicModel(), &QAbstractItemModel::rowsInserted, this,
            &ClinicPanel::updateSummary);
    connect(session->clinicModel(), &QAbstractItemModel::rowsRemoved, this,
            &ClinicPanel::updateSummary);
    retranslate();
    reloadRegions();
}

void ClinicPanel::retranslate() {
    m_region->setItemText(0, tr("All regions"));
    m_search->setPlaceholderText(tr("Search clinic, district or id"));
    m_session->clinicModel()->retranslate();
    updateSummary();
}

void ClinicPanel::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

void ClinicPanel::reloadRegions() {
    const QString current = m_region->currentData().toString();
    QSignalBlocker block(m_region);
    while (m_region->count() > 1)
        m_region->removeItem(1);
    for (const QString& r : m_session->clinicModel()->regions())
        m_region->addItem(r, r);
    const int idx = m_region->findData(current);
    m_region->setCurrentIndex(idx < 0 ? 0 : idx);
    block.unblock();
    m_proxy->setRegion(m_region->currentData().toString());
    updateSummary();
}

void ClinicPanel::updateSummary() {
    m_summary->setText(
        tr("%1 of %2 clinics").arg(m_proxy->rowCount()).arg(m_session->clinicModel()->rowCount()));
}

} // namespace sluice::console
