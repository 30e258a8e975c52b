// Saved connection profiles (QSettings) and the operator tokens that go with them.
//
// The token is never written into the profile (settings) file. Without a keyring library on
// this platform, the convention used is a separate file per token under the user's app-data
// folder (QStandardPaths::AppDataLocation/tokens/<ref>.token), created with owner-only
// permissions (0600, folder 0700); the profile stores only the reference. A keyring backend
// (libsecret, QtKeychain) can replace TokenVault without touching the profile format.
#pragma once
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace sluice::console {

struct Profile {
    QString name;
    QUrl url;
    QString tokenRef; // empty: no token saved
};

class TokenVault {
public:
    // `dir` empty: AppDataLocation/tokens.
    explicit TokenVault(const QString& dir = {});
    // Stores a token; returns its reference (empty on failure, with `error` set).
    QString store(const QString& token, QString* error = nullptr, const QString& ref = {});
    QString load(const QString& ref) const;
    void remove(const QString& ref);
    QString pathFor(const QString& ref) const;
    QString directory() const { return m_dir; }

private:
    QString m_dir;
};

class ProfileStore {
public:
    // `settings` null: the application's default QSettings.
    explicit ProfileStore(QSettings* settings = nullptr, const TokenVault& vault = TokenVault());
    ~ProfileStore();

    QStringList names() const;
    Profile profile(const QString& name) const;
    // Saves the profile; a non-empty token is stored in the vault, an empty one keeps the
    // previously saved token unless `forgetToken`.
    bool save(const QString& name, const QUrl& url, const QString& token, bool forgetToken = false,
              QString* error = nullptr);
    void remove(const QString& name);
    QString token(const QString& name) const;
    QString lastProfile() const;
    void setLastProfile(const QString& name);
    TokenVault& vault() { return m_vault; }

private:
    QSettings* m_settings;
    bool m_ownsSettings;
    TokenVault m_vault;
};

// Reads an operator token from a file (--token-file): the first non-empty line, trimmed.
QString readTokenFile(const QString& path, QString* error = nullptr);

} // namespace sluice::console
