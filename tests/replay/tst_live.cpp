// Record a live session against a real sluice-server under load, then replay it (in progress).
#include <QtTest>
class TestLive : public QObject {
    Q_OBJECT
private slots:
    void placeholder() { QSKIP("not written yet"); }
};
QTEST_MAIN(TestLive)
#include "tst_live.moc"
