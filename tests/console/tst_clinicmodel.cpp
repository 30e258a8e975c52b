// The clinic stock table model: QAbstractItemModelTester on the model and on its sort/filter
// proxy while snapshots and deltas arrive; updates in place (no reset, selection kept);
// region and search filters; low-stock highlight; the event log's batched inserts.
#include "console/model/clinictablemodel.h"
#include "console/model/eventlogmodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QtTest>

using namespace sluice::console;

namespace {
QList<ClinicStock> makeClinics(int n, int seed = 0) {
    const QStringList regions{"서울", "부산", "대구", "인천", "광주"};
    QList<ClinicStock> out;
    for (int i = 0; i < n; ++i) {
        ClinicStock c;
        c.id = QStringLiteral("c-%1").arg(i, 4, 10, QLatin1Char('0'));
        c.name = QStringLiteral("보건소 %1").arg(i);
        c.region = regions.at(i % regions.size());
        c.district = QStringLiteral("구 %1").arg(i % 17);
        c.remainingToday = 100 + (i * 37 + seed) % 400;
        c.remainingWindow = c.remainingToday * 10;
        c.reservedLastMinute = i % 7;
        out.append(c);
    }
    return out;
}
} // namespace

class TestClinicModel : public QObject {
    Q_OBJECT
private slots:
    void modelTesterThroughSnapshotsAndDeltas();
    void deltasUpdateInPlaceWithoutReset();
    void selectionSurvivesUpdates();
    void filterByRegionAndSearch();
    void lowStockHighlight();
    void staleGreys();
    void eventLogBatchesInserts();
    void eventLogIsBoundedAndFilterable();
};

void TestClinicModel::modelTesterThroughSnapshotsAndDeltas() {
    ClinicTableModel model;
    ClinicFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(ClinicTableModel::RemainingToday, Qt::AscendingOrder);
    QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    model.setAll(makeClinics(500));
    QCOMPARE(model.rowCount(), 500);
    QCOMPARE(proxy.rowCount(), 500);
    QRandomGenerator rng(42);
    for (int round = 0; round < 30; ++round) {
        QList<ClinicStock> all = makeClinics(500);
        QList<ClinicStock> changes;
        for (int k = 0; k < 20; ++k) {
            ClinicStock c = all.at(rng.bounded(500));
            c.remainingToday = rng.bounded(300);
            changes.append(c);
        }
        model.applyChanges(changes);
        proxy.setRegion(round % 3 == 0 ? QStringLiteral("부산") : QString());
        proxy.setSearchText(round % 4 == 0 ? QStringLiteral("보건소 1") : QString());
    }
    // A snapshot with clinics gone and new ones.
    QList<ClinicStock> next = makeClinics(600, 3).mid(50);
    model.setAll(next);
    QCOMPARE(model.rowCount(), 550);
    QCOMPARE(model.rowOf("c-0000"), -1);
    QVERIFY(model.rowOf("c-0599") >= 0);
    // Deltas naming unknown clinics append them.
    ClinicStock fresh;
    fresh.id = "c-9999";
    fresh.name = "새 보건소";
    fresh.region = "제주";
    QSignalSpy regions(&model, &ClinicTableModel::regionsChanged);
    model.applyChanges({fresh});
    QCOMPARE(model.rowCount(), 551);
    QCOMPARE(regions.count(), 1);
    QVERIFY(model.regions().contains("제주"));
    model.setAll({});
    QCOMPARE(model.rowCount(), 0);
}

void TestClinicModel::deltasUpdateInPlaceWithoutReset() {
    ClinicTableModel model;
    model.setAll(makeClinics(100));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QList<ClinicStock> all = makeClinics(100);
    QList<ClinicStock> delta{all.at(10), all.at(11), all.at(12), all.at(50)};
    for (auto& c : delta)
        c.remainingToday -= 5;
    model.applyChanges(delta);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 2); // rows 10..12 as one run, row 50
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 10);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 12);
    QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 50);
    QCOMPARE(model.index(50, ClinicTableModel::RemainingToday)
                 .data(ClinicTableModel::SortRole)
                 .toLongLong(),
             all.at(50).remainingToday - 5);
    // Unchanged values produce no signal.
    changed.clear();
    model.applyChanges(delta);
    QCOMPARE(changed.count(), 0);
    // A snapshot with the same clinics updates in place too.
    model.setAll(all);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QVERIFY(changed.count() >= 1);
}

void TestClinicModel::selectionSurvivesUpdates() {
    ClinicTableModel model;
    ClinicFilterProxy proxy;
    proxy.setSourceModel(&model);
    model.setAll(makeClinics(200));
    proxy.sort(ClinicTableModel::Name);
    QItemSelectionModel selection(&proxy);
    const QModelIndex pick = proxy.mapFromSource(model.index(model.rowOf("c-0123"), 0));
    selection.select(pick, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QList<ClinicStock> all = makeClinics(200);
    for (int round = 0; round < 10; ++round) {
        QList<ClinicStock> delta;
        for (int i = 0; i < 200; i += 3) {
            ClinicStock c = all.at(i);
            c.remainingToday = round * 7 + i;
            delta.append(c);
        }
        model.applyChanges(delta);
    }
    const QModelIndexList rows = selection.selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().data(ClinicTableModel::IdRole).toString(), QStringLiteral("c-0123"));
}

void TestClinicModel::filterByRegionAndSearch() {
    ClinicTableModel model;
    ClinicFilterProxy proxy;
    proxy.setSourceModel(&model);
    model.setAll(makeClinics(100));
    proxy.setRegion("부산");
    QCOMPARE(proxy.rowCount(), 20);
    for (int r = 0; r < proxy.rowCount(); ++r)
        QCOMPARE(proxy.index(r, ClinicTableModel::Region).data().toString(),
                 QStringLiteral("부산"));
    proxy.setSearchText("보건소 1");
    // 부산 is every 5th clinic starting at 1: 1, 11, 16? -> names containing "보건소 1".
    int expected = 0;
    for (const auto& c : makeClinics(100))
        if (c.region == "부산" && c.name.contains("보건소 1")) ++expected;
    QCOMPARE(proxy.rowCount(), expected);
    proxy.setRegion({});
    proxy.setSearchText("C-0042"); // id, case-insensitive
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setSearchText({});
    QCOMPARE(proxy.rowCount(), 100);
    QCOMPARE(model.regions().size(), 5);
    // Sorting by a number column sorts numerically, not as text.
    proxy.sort(ClinicTableModel::RemainingToday, Qt::AscendingOrder);
    for (int r = 1; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r - 1, ClinicTableModel::RemainingToday)
                    .data(ClinicTableModel::SortRole)
                    .toLongLong() <= proxy.index(r, ClinicTableModel::RemainingToday)
                                         .data(ClinicTableModel::SortRole)
                                         .toLongLong());
}

void TestClinicModel::lowStockHighlight() {
    ClinicTableModel model;
    model.setLowStockRule(ThresholdRule{20, 0, false});
    QList<ClinicStock> cs = makeClinics(3);
    cs[0].remainingWindow = 500;
    cs[1].remainingWindow = 12;
    cs[2].remainingWindow = 0;
    model.setAll(cs);
    QVERIFY(!model.index(0, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(model.index(1, 0).data(Qt::BackgroundRole).isValid());
    QCOMPARE(model.index(1, 0).data(ClinicTableModel::LevelRole).toInt(), int(Level::Amber));
    QCOMPARE(model.index(2, 0).data(ClinicTableModel::LevelRole).toInt(), int(Level::Red));
    QVERIFY(model.index(1, 0).data(Qt::BackgroundRole) !=
            model.index(2, 0).data(Qt::BackgroundRole));
}

void TestClinicModel::staleGreys() {
    ClinicTableModel model;
    model.setAll(makeClinics(10));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(!model.index(5, 0).data(Qt::ForegroundRole).isValid());
    model.setStale(true);
    QCOMPARE(changed.count(), 1);
    QVERIFY(model.index(5, 0).data(Qt::ForegroundRole).isValid());
    model.setStale(false);
    QVERIFY(!model.index(5, 0).data(Qt::ForegroundRole).isValid());
}

void TestClinicModel::eventLogBatchesInserts() {
    EventLogModel log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&log, &QAbstractItemModel::rowsAboutToBeInserted);
    for (int i = 0; i < 50; ++i)
        log.append(
            LogEntry{1000 + i, i, "info", "operator_action", "kim", QStringLiteral("m%1").arg(i)});
    QCOMPARE(log.rowCount(), 0);
    QCOMPARE(log.pendingCount(), 50);
    log.flush();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(log.rowCount(), 50);
    QCOMPARE(log.index(0, EventLogModel::Message).data().toString(),
             QStringLiteral("m49")); // newest first
    QCOMPARE(log.index(49, EventLogModel::Message).data().toString(), QStringLiteral("m0"));
    // The refresh timer flushes by itself.
    log.setFlushIntervalMs(20);
    log.append(LogEntry{5000, 99, "warning", "alert", "", "late"});
    QTRY_COMPARE(log.rowCount(), 51);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(log.index(0, EventLogModel::Message).data().toString(), QStringLiteral("late"));
}

void TestClinicModel::eventLogIsBoundedAndFilterable() {
    EventLogModel log;
    log.setMaxRows(100);
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 250; ++i)
        log.append(LogEntry{i, i, i % 10 == 0 ? "critical" : "info", "k", "op",
                            QStringLiteral("m%1").arg(i)});
    log.flush();
    QCOMPARE(log.rowCount(), 100);
    QCOMPARE(log.index(0, EventLogModel::Message).data().toString(), QStringLiteral("m249"));
    for (int i = 0; i < 30; ++i)
        log.append(LogEntry{i, i, "info", "k", "op", "x"});
    log.flush();
    QCOMPARE(log.rowCount(), 100);
    EventLogFilterProxy proxy;
    proxy.setSourceModel(&log);
    proxy.setSeverity("critical");
    QCOMPARE(proxy.rowCount(), 7); // m150..m240 step 10 among the kept m180..m249 -> 180..240
    proxy.setSeverity({});
    proxy.setText("m24");
    QCOMPARE(proxy.rowCount(), 10);
}

QTEST_MAIN(TestClinicModel)
#include "tst_clinicmodel.moc"
