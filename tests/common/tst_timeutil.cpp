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
