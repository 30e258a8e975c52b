// Run-time language switch: installs the console's translator (and Qt's own for standard
// buttons), sets the default locale, and lets every widget retranslate through
// QEvent::LanguageChange. Korean by default on a Korean locale, English otherwise.
#pragma once
#include <QObject>
#include <QTranslator>

namespace sluice::console {

class LanguageManager : public QObject {
    Q_OBJECT
public:
    explicit LanguageManager(QObject* parent = nullptr);
    ~LanguageManager() override;

    // "ko" on a Korean system locale, else "en".
    static QString systemDefault();
    // Installs "ko" or "en"; false (and nothing changes) for an unknown language.
    bool setLanguage(const QString& lang);
    QString language() const { return m_lang; }
    bool isKorean() const { return m_lang == QLatin1String("ko"); }

signals:
    void languageChanged(const QString& lang);

private:
    QString m_lang;
    QTranslator m_app, m_qt;
    bool m_appInstalled = false, m_qtInstalled = false;
};

} // namespace sluice::console
