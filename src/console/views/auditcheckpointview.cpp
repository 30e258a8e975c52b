// See auditcheckpointview.h.
#include "console/views/auditcheckpointview.h"

#include "console/transport/livesource.h"

#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace sluice::console {

namespace {
QString timeText(qint64 ms) {
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms),
                              QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
} // namespace

QString describeCheckpoint(const AuditCheckpoint& c) {
    return AuditCheckpointView::tr("Audit log checkpoint\n"
                                   "Newest row: %1\n"
                                   "Row hash: %2\n"
                                   "Signed at: %3\n"
                                   "Server node: %4\n"
                                   "Signature (HMAC-SHA256): %5\n\n"
                                   "Keep this file outside the server. Later, "
                                   "'sluice-server audit verify --checkpoint FILE' shows whether "
                                   "any row up to this one was changed or removed.")
        .arg(c.row)
        .arg(c.row > 0 ? c.hash : AuditCheckpointView::tr("(empty log)"), timeText(c.atMs), c.node,
             c.mac);
}

AuditCheckpointView::AuditCheckpointView(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("auditCheckpoint"));
    setMargin(2);
    m_timer.setInterval(30'000);
    connect(&m_timer, &QTimer::timeout, this, &AuditCheckpointView::refresh);
    connect(&m_fetcher, &AuditCheckpointFetcher::fetched, this, &AuditCheckpointView::onFetched);
    connect(&m_fetcher, &AuditCheckpointFetcher::failed, this, &AuditCheckpointView::showError);
    retranslate();
}

void AuditCheckpointView::setSource(LiveSource* source) {
    m_source = source;
    m_checkpoint.reset();
    m_error.clear();
    if (source) {
        m_timer.start();
        refresh();
    } else {
        m_timer.stop();
    }
    retranslate();
    emit checkpointChanged();
}

void AuditCheckpointView::refresh() {
    if (m_source) m_fetcher.fetch(m_source->baseUrl(), m_source->token(), m_source->tlsTrust());
}

void AuditCheckpointView::onFetched(const AuditCheckpoint& c) {
    m_checkpoint = c;
    m_error.clear();
    retranslate();
    emit checkpointChanged();
}

void AuditCheckpointView::showError(const QString& message) {
    m_error = message;
    retranslate();
    emit checkpointChanged();
}

void AuditCheckpointView::retranslate() {
    if (!m_source) {
        setText(QString());
        setToolTip(QString());
        hide();
        return;
    }
    show();
    if (m_checkpoint) {
        const AuditCheckpoint& c = *m_checkpoint;
        setText(tr("Audit #%1 · %2…").arg(c.row).arg(c.row > 0 ? c.hash.left(10) : tr("empty")));
        setToolTip(describeCheckpoint(c) +
                   (m_error.isEmpty()
                        ? QString()
                        : QStringLiteral("\n\n") + tr("Last refresh failed: %1").arg(m_error)));
    } else if (!m_error.isEmpty()) {
        setText(tr("Audit: unavailable"));
        setToolTip(tr("The audit checkpoint could not be fetched: %1").arg(m_error));
    } else {
        setText(tr("Audit: …"));
        setToolTip(QString());
    }
}

bool AuditCheckpointView::saveTo(const QString& path, QString* error) const {
    if (!m_checkpoint) {
        if (error) *error = tr("no checkpoint has been received yet");
        return false;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(m_checkpoint->json) != m_checkpoint->json.size() ||
        !f.commit()) {
        if (error) *error = f.errorString();
        return false;
    }
    return true;
}

void AuditCheckpointView::showDialog() {
    if (!m_source) {
        QMessageBox::information(window(), tr("Audit checkpoint"),
                                 tr("Connect to a live server first: a replay has no audit log."));
        return;
    }
    QDialog dialog(window());
    dialog.setObjectName(QStringLiteral("auditCheckpointDialog"));
    dialog.setWindowTitle(tr("Audit checkpoint"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* text = new QPlainTextEdit(&dialog);
    text->setReadOnly(true);
    text->setMinimumSize(620, 220);
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QPushButton* save = buttons->addButton(tr("Save…"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    auto fill = [this, text, save] {
        save->setEnabled(m_checkpoint.has_value());
        text->setPlainText(m_checkpoint ? describeCheckpoint(*m_checkpoint)
                           : m_error.isEmpty()
                               ? tr("Asking the server…")
                               : tr("The audit checkpoint could not be fetched: %1").arg(m_error));
    };
    connect(this, &AuditCheckpointView::checkpointChanged, &dialog, fill);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(save, &QPushButton::clicked, &dialog, [this, &dialog] {
        const QString name = QStringLiteral("sluice-audit-checkpoint-%1-row%2.json")
                                 .arg(QDateTime::fromMSecsSinceEpoch(m_checkpoint->atMs)
                                          .toUTC()
                                          .toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")))
                                 .arg(m_checkpoint->row);
        const QString path = QFileDialog::getSaveFileName(&dialog, tr("Save audit checkpoint"),
                                                          name, tr("JSON (*.json)"));
        if (path.isEmpty()) return;
        QString error;
        if (!saveTo(path, &error))
            QMessageBox::warning(&dialog, tr("Audit checkpoint"),
                                 tr("Could not save %1: %2").arg(path, error));
    });
    fill();
    refresh(); // a fresh one for the dialog
    dialog.exec();
}

} // namespace sluice::console
