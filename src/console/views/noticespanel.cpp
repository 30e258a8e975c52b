// The notices panel (see noticespanel.h).
#include "console/views/noticespanel.h"

#include "console/model/cohorttablemodel.h"
#include "console/model/consolesession.h"
#include "console/model/eventlogmodel.h"
#include "console/views/resultline.h"
#include "ui_noticecomposer.h"

#include <QEvent>
#include <QHeaderView>
#include <QLayout>

namespace sluice::console {

NoticesPanel::NoticesPanel(ConsoleSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_ui(new Ui::NoticeComposer) {
    m_ui->setupUi(this);
    m_result = new ResultLine(session, this);
    m_ui->form->addRow(m_result);
    connect(m_result, &ResultLine::finished, this, [this](const QString& id, bool done) {
        if (id != m_postId) return;
        m_postId.clear();
        // Posted: the composer is empty again, so a second post is not one click away.
        if (done) {
            m_ui->koEdit->clear();
            m_ui->enEdit->clear();
        }
        updateEnabled();
    });
    connect(session, &ConsoleSession::sourceReset, this, &NoticesPanel::resetForm);
    m_ui->noticeList->setColumnCount(7);
    m_ui->noticeList->header()->setStretchLastSection(true);
    m_ui->severityCombo->addItem(QString(), QStringLiteral("info"));
    m_ui->severityCombo->addItem(QString(), QStringLiteral("warning"));
    m_ui->severityCombo->addItem(QString(), QStringLiteral("critical"));
    m_ui->targetCombo->addItem(QString(), QStringLiteral("*"));
    connect(m_ui->postButton, &QPushButton::clicked, this, &NoticesPanel::post);
    connect(m_ui->retractButton, &QPushButton::clicked, this, &NoticesPanel::retract);
    connect(m_ui->koEdit, &QPlainTextEdit::textChanged, this, &NoticesPanel::updateEnabled);
    connect(m_ui->enEdit, &QPlainTextEdit::textChanged, this, &NoticesPanel::updateEnabled);
    connect(m_ui->noticeList, &QTreeWidget::itemSelectionChanged, this,
            &NoticesPanel::updateEnabled);
    connect(session, &ConsoleSession::cohortsChanged, this, &NoticesPanel::reloadCohorts);
    connect(session, &ConsoleSession::noticesChanged, this, &NoticesPanel::reloadNotices);
    connect(session, &ConsoleSession::canActChanged, this, &NoticesPanel::updateEnabled);
    retranslate();
    reloadCohorts();
    reloadNotices();
}

NoticesPanel::~NoticesPanel() {
    delete m_ui;
}

QPlainTextEdit* NoticesPanel::koreanEdit() const {
    return m_ui->koEdit;
}
QPlainTextEdit* NoticesPanel::englishEdit() const {
    return m_ui->enEdit;
}
QPushButton* NoticesPanel::postButton() const {
    return m_ui->postButton;
}
QPushButton* NoticesPanel::retractButton() const {
    return m_ui->retractButton;
}
QTreeWidget* NoticesPanel::noticeList() const {
    return m_ui->noticeList;
}

void NoticesPanel::retranslate() {
    m_ui->retranslateUi(this);
    m_ui->severityCombo->setItemText(0, severityText("info"));
    m_ui->severityCombo->setItemText(1, severityText("warning"));
    m_ui->severityCombo->setItemText(2, severityText("critical"));
    m_ui->targetCombo->setItemText(0, tr("All cohorts"));
    m_ui->noticeList->setHeaderLabels({tr("#"), tr("Cohort"), tr("Severity"), tr("Korean"),
                                       tr("English"), tr("Posted"), tr("By")});
    reloadNotices();
}

void NoticesPanel::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

void NoticesPanel::reloadCohorts() {
    const QString current = m_ui->targetCombo->currentData().toString();
    QStringList ids;
    for (const auto& c : m_session->state().cohorts())
        ids.append(c.id);
    QStringList have;
    for (int i = 1; i < m_ui->targetCombo->count(); ++i)
        have.append(m_ui->targetCombo->itemData(i).toString());
    if (have == ids) return;
    while (m_ui->targetCombo->count() > 1)
        m_ui->targetCombo->removeItem(1);
    for (const auto& id : ids)
        m_ui->targetCombo->addItem(id, id);
    const int idx = m_ui->targetCombo->findData(current);
    m_ui->targetCombo->setCurrentIndex(idx < 0 ? 0 : idx);
}

void NoticesPanel::reloadNotices() {
    const qint64 selected =
        m_ui->noticeList->currentItem()
            ? m_ui->noticeList->currentItem()->data(0, Qt::UserRole).toLongLong()
            : -1;
    m_ui->noticeList->clear();
    for (const auto& n : m_session->state().notices()) {
        auto* item = new QTreeWidgetItem(m_ui->noticeList);
        item->setData(0, Qt::UserRole, n.id);
        item->setText(0, QString::number(n.id));
        item->setText(1, n.cohort == QLatin1String("*") ? tr("All cohorts")
                                                        : m_session->cohortLabel(n.cohort));
        item->setText(2, severityText(n.severity));
        item->setText(3, n.textKo);
        item->setText(4, n.textEn);
        item->setText(5, formatLocalTime(n.postedAtMs));
        item->setText(6, n.postedBy);
        if (n.id == selected) m_ui->noticeList->setCurrentItem(item);
    }
    updateEnabled();
}

void NoticesPanel::resetForm() {
    m_postId.clear();
    m_ui->koEdit->clear();
    m_ui->enEdit->clear();
    m_ui->targetCombo->setCurrentIndex(0);
    m_ui->severityCombo->setCurrentIndex(0);
    m_ui->noticeList->clearSelection();
    reloadNotices();
}

void NoticesPanel::commandSent(const QString& op, const QString& id) {
    if (op == QLatin1String("post_notice")) m_postId = id;
    updateEnabled();
}

qint64 NoticesPanel::peopleWaiting(const QString& cohort) const {
    qint64 n = 0;
    for (const auto& c : m_session->state().cohorts())
        if (cohort == QLatin1String("*") || c.id == cohort) n += c.waiting;
    return n;
}

void NoticesPanel::updateEnabled() {
    const bool can = m_session->canAct();
    m_ui->postButton->setEnabled(can && m_postId.isEmpty() &&
                                 !m_ui->koEdit->toPlainText().trimmed().isEmpty() &&
                                 !m_ui->enEdit->toPlainText().trimmed().isEmpty());
    m_ui->retractButton->setEnabled(can && m_ui->noticeList->currentItem() != nullptr);
}

void NoticesPanel::post() {
    const QString ko = m_ui->koEdit->toPlainText().trimmed();
    const QString en = m_ui->enEdit->toPlainText().trimmed();
    const QString cohort = m_ui->targetCombo->currentData().toString();
    const QString severity = m_ui->severityCombo->currentData().toString();
    const QJsonObject args{
        {"cohort", cohort}, {"severity", severity}, {"text", QJsonObject{{"ko", ko}, {"en", en}}}};
    const QString target =
        cohort == QLatin1String("*") ? tr("all cohorts") : m_session->cohortLabel(cohort);
    emit commandRequested(
        QStringLiteral("post_notice"), args, QString(),
        tr("Post this notice to the %1 people waiting in %2? It appears at once.\n\n%3\n%4")
            .arg(QLocale().toString(peopleWaiting(cohort)), target, ko, en));
}

void NoticesPanel::retract() {
    const QTreeWidgetItem* item = m_ui->noticeList->currentItem();
    if (!item) return;
    const qint64 id = item->data(0, Qt::UserRole).toLongLong();
    QString text = item->text(3), cohort;
    for (const auto& n : m_session->state().notices())
        if (n.id == id) {
            text = koreanUi() ? n.textKo : n.textEn;
            cohort = n.cohort;
        }
    emit commandRequested(
        QStringLiteral("retract_notice"), {{"notice_id", id}}, QString(),
        tr("Retract the notice “%1”?\n\nIt disappears from what the %2 people waiting see.")
            .arg(text, QLocale().toString(peopleWaiting(cohort.isEmpty() ? "*" : cohort))));
}

} // namespace sluice::console
