// The connect dialog (see connectdialog.h).
#include "console/views/connectdialog.h"

#include "ui_connectdialog.h"

#include <QPushButton>

namespace sluice::console {

ConnectDialog::ConnectDialog(ProfileStore* profiles, QWidget* parent)
    : QDialog(parent), m_profiles(profiles), m_ui(new Ui::ConnectDialog) {
    m_ui->setupUi(this);
    m_connectButton = m_ui->buttonBox->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setDefault(true);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    connect(m_ui->profileCombo, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
            &ConnectDialog::onProfileChosen);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &ConnectDialog::onDelete);
    reloadProfiles(m_profiles->lastProfile());
}

ConnectDialog::~ConnectDialog() {
    delete m_ui;
}

void ConnectDialog::retranslate() {
    m_ui->retranslateUi(this);
    m_connectButton->setText(tr("Connect"));
    const int current = m_ui->profileCombo->currentIndex();
    if (m_ui->profileCombo->count() > 0) m_ui->profileCombo->setItemText(0, tr("(new profile)"));
    m_ui->profileCombo->setCurrentIndex(current);
}

void ConnectDialog::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QDialog::changeEvent(e);
}

void ConnectDialog::reloadProfiles(const QString& select) {
    QSignalBlocker block(m_ui->profileCombo);
    m_ui->profileCombo->clear();
    m_ui->profileCombo->addItem(tr("(new profile)"));
    const QStringList names = m_profiles->names();
    m_ui->profileCombo->addItems(names);
    const int idx = names.indexOf(select);
    m_ui->profileCombo->setCurrentIndex(idx < 0 ? 0 : idx + 1);
    block.unblock();
    onProfileChosen(m_ui->profileCombo->currentIndex());
}

void ConnectDialog::onProfileChosen(int index) {
    m_ui->messageLabel->clear();
    m_ui->tokenEdit->clear();
    m_ui->deleteButton->setEnabled(index > 0);
    if (index <= 0) {
        m_ui->nameEdit->clear();
        m_ui->urlEdit->setText(QStringLiteral("http://127.0.0.1:8080"));
        m_ui->tokenEdit->setPlaceholderText(tr("Operator token"));
        return;
    }
    const Profile p = m_profiles->profile(m_ui->profileCombo->itemText(index));
    m_ui->nameEdit->setText(p.name);
    m_ui->urlEdit->setText(p.url.toString());
    m_ui->tokenEdit->setPlaceholderText(
        p.tokenRef.isEmpty() ? tr("Operator token") : tr("Leave empty to use the saved token"));
}

void ConnectDialog::onDelete() {
    const int index = m_ui->profileCombo->currentIndex();
    if (index <= 0) return;
    m_profiles->remove(m_ui->profileCombo->itemText(index));
    reloadProfiles({});
}

void ConnectDialog::setUrl(const QUrl& url) {
    m_ui->urlEdit->setText(url.toString());
    m_ui->tokenEdit->clear();
    m_ui->tokenEdit->setFocus();
}

QUrl ConnectDialog::url() const {
    return QUrl(m_ui->urlEdit->text().trimmed());
}
QString ConnectDialog::token() const {
    return m_token;
}
QString ConnectDialog::profileName() const {
    return m_ui->nameEdit->text().trimmed();
}

void ConnectDialog::accept() {
    const QUrl u = url();
    if (!u.isValid() || u.host().isEmpty()) {
        m_ui->messageLabel->setText(tr("Enter the server's base URL, e.g. http://127.0.0.1:8080."));
        return;
    }
    QString token = m_ui->tokenEdit->text().trimmed();
    const QString name = profileName();
    if (token.isEmpty() && !name.isEmpty()) token = m_profiles->token(name);
    if (token.isEmpty()) {
        m_ui->messageLabel->setText(tr("An operator token is needed."));
        return;
    }
    if (!name.isEmpty()) {
        QString error;
        const bool remember = m_ui->rememberCheck->isChecked();
        if (!m_profiles->save(name, u, remember ? m_ui->tokenEdit->text() : QString(), !remember,
                              &error)) {
            m_ui->messageLabel->setText(tr("The profile could not be saved: %1").arg(error));
            return;
        }
        m_profiles->setLastProfile(name);
    }
    m_token = token;
    QDialog::accept();
}

} // namespace sluice::console
