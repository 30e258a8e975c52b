// placeholder
#include "ops_test_client.h"
class T : public QObject { Q_OBJECT private slots: void none() {} };
QTEST_GUILESS_MAIN(T)
#include "tst_ops_slow.moc"
