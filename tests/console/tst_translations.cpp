// Translation completeness: the Korean catalogue has no unfinished or empty entry, every
// string the sources pass through tr() (found by running lupdate on src/console and ui/ now)
// is translated in it, and the compiled catalogue embedded in the console translates each entry.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {
struct Entry {
    QString context, source, translation;
    bool unfinished = false, numerus = false;
};

QList<Entry> readTs(const QString& path, QString* error) {
    QList<Entry> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    Entry cur;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name"))
                context = xml.readElementText();
            else if (name == QLatin1String("message")) {
                cur = Entry{context,
                            {},
                            {},
                            false,
                            xml.attributes().value("numerus") == QLatin1String("yes")};
            } else if (name == QLatin1String("source"))
                cur.source = xml.readElementText();
            else if (name == QLatin1String("translation")) {
                const auto type = xml.attributes().value("type");
                cur.unfinished = type == QLatin1String("unfinished");
                if (type == QLatin1String("obsolete") || type == QLatin1String("vanished"))
                    cur.unfinished = false;
                if (!cur.numerus) cur.translation = xml.readElementText();
            } else if (name == QLatin1String("numerusform")) {
                const QString t = xml.readElementText();
                if (cur.translation.isEmpty() || t.isEmpty()) cur.translation = t;
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out.append(cur);
        }
    }
    if (xml.hasError()) *error = xml.errorString();
    return out;
}
} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void koreanCatalogueIsComplete();
    void everySourceStringIsTranslated();
    void compiledCatalogueTranslates();
};

void TestTranslations::koreanCatalogueIsComplete() {
    QString error;
    const QList<Entry> ko = readTs(SLUICE_SOURCE_DIR "/translations/sluice_ko.ts", &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(ko.size() >= 100, "the Korean catalogue is nearly empty");
    QStringList bad;
    for (const Entry& e : ko)
        if (e.unfinished || e.translation.trimmed().isEmpty())
            bad.append(e.context + ": " + e.source);
    QVERIFY2(bad.isEmpty(), qPrintable("unfinished Korean entries:\n" + bad.join('\n')));
}

void TestTranslations::everySourceStringIsTranslated() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString ts = tmp.filePath("scan_ko.ts");
    QProcess lupdate;
    lupdate.start(SLUICE_LUPDATE, {SLUICE_SOURCE_DIR "/src/console", SLUICE_SOURCE_DIR "/ui", "-ts",
                                   ts, "-no-obsolete", "-locations", "none", "-silent"});
    QVERIFY2(lupdate.waitForFinished(60'000), "lupdate did not finish");
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
    QString error;
    const QList<Entry> scanned = readTs(ts, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(scanned.size() >= 100);
    const QList<Entry> ko = readTs(SLUICE_SOURCE_DIR "/translations/sluice_ko.ts", &error);
    // lupdate run on folders without include paths may not qualify contexts with the
    // namespace; compare by the class name.
    auto key = [](const Entry& e) {
        return e.context.section(QStringLiteral("::"), -1) + '\x1f' + e.source;
    };
    QHash<QString, Entry> byKey;
    for (const Entry& e : ko)
        byKey.insert(key(e), e);
    QStringList missing;
    for (const Entry& s : scanned) {
        const auto it = byKey.constFind(key(s));
        if (it == byKey.cend() || it->unfinished || it->translation.trimmed().isEmpty())
            missing.append(s.context + ": " + s.source);
    }
    QVERIFY2(
        missing.isEmpty(),
        qPrintable(
            "strings in tr() without a Korean translation (run the sluice_console_views_lupdate "
            "target and translate them in translations/sluice_ko.ts):\n" +
            missing.join('\n')));
}

void TestTranslations::compiledCatalogueTranslates() {
    QTranslator t;
    QVERIFY2(t.load(":/i18n/sluice_ko.qm"), "the Korean catalogue is not embedded in the console");
    QString error;
    const QList<Entry> ko = readTs(SLUICE_SOURCE_DIR "/translations/sluice_ko.ts", &error);
    int checked = 0;
    for (const Entry& e : ko) {
        const QString got = t.translate(e.context.toUtf8().constData(),
                                        e.source.toUtf8().constData(), nullptr, e.numerus ? 1 : -1);
        QCOMPARE(got, e.translation);
        ++checked;
    }
    QCOMPARE(checked, ko.size());
    QTranslator en;
    QVERIFY(en.load(":/i18n/sluice_en.qm"));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
