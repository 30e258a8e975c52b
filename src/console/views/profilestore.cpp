// Saved connection profiles and their tokens (see profilestore.h).
#include "console/views/profilestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

namespace sluice::console {

TokenVault::TokenVault(const QString& dir) : m_dir(dir) {
    if (m_dir.isEmpty())
        m_dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                QStringLiteral("/tokens");
}

QString TokenVault::pathFor(const QString& ref) const {
    return m_dir + '/' + ref + QStringLiteral(".token");
}

QString TokenVault::store(const QString& token, QString* error, const QString& existingRef) {
    QDir d;
    if (!d.mkpath(m_dir)) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "cannot create %1").arg(m_dir);
        return {};
    }
    QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString ref =
        existingRef.isEmpty() ? QUuid::createUuid().toString(QUuid::Id128) : existingRef;
    QSaveFile f(pathFor(ref));
    if (!f.open(QIODevice::WriteOnly)) {
        if (error) *error = f.errorString();
        return {};
    }
    // Owner-only before any byte of the token is written.
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    f.write(token.trimmed().toUtf8());
    f.write("\n");
    if (!f.commit()) {
        if (error) *error = f.errorString();
        return {};
    }
    QFile::setPermissions(pathFor(ref), QFile::ReadOwner | QFile::WriteOwner);
    return ref;
}

QString TokenVault::load(const QString& ref) const {
    if (ref.isEmpty()) return {};
    return readTokenFile(pathFor(ref));
}

void TokenVault::remove(const QString& ref) {
    if (!ref.isEmpty()) QFile::remove(pathFor(ref));
}

ProfileStore::ProfileStore(QSettings* settings, const TokenVault& vault)
    : m_settings(settings ? settings : new QSettings()), m_ownsSettings(settings == nullptr),
      m_vault(vault) {}

ProfileStore::~ProfileStore() {
    if (m_ownsSettings) delete m_settings;
}

QStringList ProfileStore::names() const {
    m_settings->beginGroup(QStringLiteral("profiles"));
    QStringList out = m_settings->childGroups();
    m_settings->endGroup();
    // Names are stored percent-encoded so any text can be a profile name.
    for (auto& n : out)
        n = QUrl::fromPercentEncoding(n.toUtf8());
    out.sort(Qt::CaseInsensitive);
    return out;
}

namespace {
QString groupFor(const QString& name) {
    return QStringLiteral("profiles/") + QString::fromUtf8(QUrl::toPercentEncoding(name));
}
} // namespace

Profile ProfileStore::profile(const QString& name) const {
    Profile p;
    m_settings->beginGroup(groupFor(name));
    p.name = name;
    p.url = QUrl(m_settings->value(QStringLiteral("url")).toString());
    p.tokenRef = m_settings->value(QStringLiteral("token_ref")).toString();
    m_settings->endGroup();
    return p;
}

bool ProfileStore::save(const QString& name, const QUrl& url, const QString& token,
                        bool forgetToken, QString* error) {
    if (name.trimmed().isEmpty()) {
        if (error) *error = QCoreApplication::translate("ProfileStore", "a profile needs a name");
        return false;
    }
    Profile old = profile(name);
    QString ref = old.tokenRef;
    if (!token.trimmed().isEmpty()) {
        ref = m_vault.store(token, error, old.tokenRef);
        if (ref.isEmpty()) return false;
    } else if (forgetToken) {
        m_vault.remove(old.tokenRef);
        ref.clear();
    }
    m_settings->beginGroup(groupFor(name));
    m_settings->setValue(QStringLiteral("url"), url.toString());
    m_settings->setValue(QStringLiteral("token_ref"), ref);
    m_settings->endGroup();
    m_settings->sync();
    return true;
}

void ProfileStore::remove(const QString& name) {
    m_vault.remove(profile(name).tokenRef);
    m_settings->remove(groupFor(name));
    m_settings->sync();
}

QString ProfileStore::token(const QString& name) const {
    return m_vault.load(profile(name).tokenRef);
}

QString ProfileStore::lastProfile() const {
    return m_settings->value(QStringLiteral("last_profile")).toString();
}

void ProfileStore::setLastProfile(const QString& name) {
    m_settings->setValue(QStringLiteral("last_profile"), name);
}

QString readTokenFile(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = f.errorString();
        return {};
    }
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray& line : lines) {
        const QString t = QString::fromUtf8(line).trimmed();
        if (!t.isEmpty()) return t;
    }
    if (error) *error = QCoreApplication::translate("ProfileStore", "the token file is empty");
    return {};
}

} // namespace sluice::console
