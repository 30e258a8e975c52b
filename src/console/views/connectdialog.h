// The connect dialog: saved profiles (server URL; the token kept in the token vault, not in
// the profile file), a new profile, delete. Returns the URL and token to connect with.
#pragma once
#include "console/views/profilestore.h"

#include <QDialog>

namespace Ui {
class ConnectDialog;
}
class QPushButton;

namespace sluice::console {

class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    ConnectDialog(ProfileStore* profiles, QWidget* parent = nullptr);
    ~ConnectDialog() override;

    QUrl url() const;
    QString token() const;
    QString profileName() const;
    // Prefills the server URL (asking for a new token after a refusal) and focuses the token.
    void setUrl(const QUrl& url);

protected:
    void changeEvent(QEvent* e) override;
    void accept() override;

private:
    void reloadProfiles(const QString& select);
    void onProfileChosen(int index);
    void onDelete();
    void retranslate();

    ProfileStore* m_profiles;
    Ui::ConnectDialog* m_ui;
    QPushButton* m_connectButton = nullptr;
    QString m_token;
};

} // namespace sluice::console
