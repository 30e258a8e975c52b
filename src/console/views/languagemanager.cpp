// Run-time language switch (see languagemanager.h).
#include "console/views/languagemanager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace sluice::console {

LanguageManager::LanguageManager(QObject* parent) : QObject(parent) {}

LanguageManager::~LanguageManager() {
    if (m_appInstalled) QCoreApplication::removeTranslator(&m_app);
    if (m_qtInstalled) QCoreApplication::removeTranslator(&m_qt);
}

QString LanguageManager::systemDefault() {
    return QLocale::system().language() == QLocale::Korean ? QStringLiteral("ko")
                                                           : QStringLiteral("en");
}

bool LanguageManager::setLanguage(const QString& lang) {
    if (lang != QLatin1String("ko") && lang != QLatin1String("en")) return false;
    if (lang == m_lang) return true;
    if (m_appInstalled) QCoreApplication::removeTranslator(&m_app);
    if (m_qtInstalled) QCoreApplication::removeTranslator(&m_qt);
    m_appInstalled = m_qtInstalled = false;
    // The sources are English; the English catalogue exists for completeness. The installed
    // catalogue (/usr/share/sluice-console/translations, docs/packaging.md) comes first, so
    // that a corrected translation can be dropped in; the one built into the binary otherwise.
    const QString file = QStringLiteral("sluice_%1.qm").arg(lang);
    const QString installed = QCoreApplication::applicationDirPath() +
                              QStringLiteral("/" SLUICE_CONSOLE_TRANSLATIONS_REL);
    if (m_app.load(file, installed) || m_app.load(QStringLiteral(":/i18n/") + file))
        m_appInstalled = QCoreApplication::installTranslator(&m_app);
    if (lang == QLatin1String("ko") &&
        m_qt.load(QStringLiteral("qtbase_ko"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        m_qtInstalled = QCoreApplication::installTranslator(&m_qt);
    QLocale::setDefault(lang == QLatin1String("ko")
                            ? QLocale(QLocale::Korean, QLocale::SouthKorea)
                            : QLocale(QLocale::English, QLocale::UnitedStates));
    m_lang = lang;
    emit languageChanged(lang);
    return true;
}

} // namespace sluice::console
