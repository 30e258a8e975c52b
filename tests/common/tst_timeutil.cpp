// RFC 3339 and relative time specs as used by the config file.
#include "common/timeutil.h"

#include <QtTest>

using namespace sluice;

class TstTimeUtil : public QObject {
    Q_OBJECT
private slots:
    void rfc3339() {
        QCOMPARE(*parseRfc3339("2021-07-19T11:00:00Z"), int64_t(1626692400000));
        QCOMPARE(*parseRfc3339("2021-07-19T20:00:00+09:00"), int64_t(1626692400000));
        QCOMPARE(*parseRfc3339("2021-07-19T11:00:00.250Z"), int64_t(1626692400250));
        QCOMPARE(formatRfc3339(1626692400250), std::string("2021-07-19T11:00:00.250Z"));
        QVERIFY(!parseRfc3339("2021-07-19 nonsense"));
        QVERIFY(!parseRfc3339("2021-13-19T11:00:00Z"));
        QVERIFY(!parseRfc3339("2021-07-19T11:00:00"));
    }
    void formatMatchesParseAcrossDates() {
        // Round trips over leap years, month ends and centuries, every 7 h 13 min for 400 years.
        for (int64_t ms = -2'208'988'800'000; ms < 10'413'792'000'000; ms += 26'003'123) {
            std::string text = formatRfc3339(ms);
            auto back = parseRfc3339(text);
            QVERIFY2(back && *back == ms, text.c_str());
        }
        QCOMPARE(formatRfc3339(951782400000), std::string("2000-02-29T00:00:00.000Z"));
        QCOMPARE(formatRfc3339(0), std::string("1970-01-01T00:00:00.000Z"));
    }
    void relative() {
        QCOMPARE(*parseTimeSpec("+90s", 1000), int64_t(91000));
        QCOMPARE(*parseTimeSpec("+5m", 0), int64_t(300000));
        QCOMPARE(*parseTimeSpec("+2h", 0), int64_t(7200000));
        QCOMPARE(*parseTimeSpec("-1m", 60000), int64_t(0));
        QVERIFY(!parseTimeSpec("+5x", 0));
        QVERIFY(!parseTimeSpec("+", 0));
        QVERIFY(!parseTimeSpec("+s", 0));
    }
};

QTEST_APPLESS_MAIN(TstTimeUtil)
#include "tst_timeutil.moc"
