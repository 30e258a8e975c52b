// The booking data set: CSV/JSON parsing with line-numbered errors, relative dates, the
// Korean service day, and the bundled default data set in resources/.
#include "common/timeutil.h"
#include "server/app/config.h"
#include "server/booking/clinic_data.h"

#include <QtTest>

#include <map>
#include <set>

using namespace sluice::booking;

namespace {
bool failsWith(const std::function<void()>& f, const std::string& part) {
    try {
        f();
    } catch (const sluice::ConfigError& e) {
        if (std::string(e.what()).find(part) != std::string::npos) return true;
        qWarning("unexpected message: %s", e.what());
        return false;
    }
    return false;
}
} // namespace

class TestBookingData : public QObject {
    Q_OBJECT
private slots:
    void csvQuotingAndLineEndings() {
        auto rows = parseCsv("\xEF\xBB\xBF"
                             "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\n1,2,3");
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[0][0], std::string("a"));
        QCOMPARE(rows[1][0], std::string("x, y"));
        QCOMPARE(rows[1][1], std::string("say \"hi\""));
        QCOMPARE(rows[1][2], std::string(""));
        QCOMPARE(rows[2][2], std::string("3"));
    }

    void clinicsParseAndErrorsNameTheLine() {
        auto c = parseClinics(
            "id,name,region,district,lat,lon\nC1,\"A, Clinic\",서울특별시,강남구,37.5,127.0\n",
            "c.csv");
        QCOMPARE(c.size(), std::size_t(1));
        QCOMPARE(c[0].name, std::string("A, Clinic"));
        QCOMPARE(c[0].lat, 37.5);
        // Columns may come in any order.
        auto d =
            parseClinics("lon,lat,id,district,region,name\n127,37,C9,중구,서울특별시,Z\n", "c.csv");
        QCOMPARE(d[0].id, std::string("C9"));
        QVERIFY(failsWith([] { parseClinics("id,name,region,district,lat\n", "c.csv"); },
                          "c.csv:1: missing column \"lon\""));
        QVERIFY(failsWith(
            [] { parseClinics("id,name,region,district,lat,lon\nC1,A,R,D,north,127\n", "c.csv"); },
            "c.csv:2: lat"));
        QVERIFY(failsWith(
            [] { parseClinics("id,name,region,district,lat,lon\nC1,A,R,D,37\n", "c.csv"); },
            "c.csv:2: missing field \"lon\""));
    }

    void stockRelativeDatesAndValidation() {
        auto s =
            parseStock("clinic_id,date,doses\nC1,+1d,10\nC1,2021-07-26,5\n", "s.csv", "2021-07-19");
        QCOMPARE(s.size(), std::size_t(2));
        QCOMPARE(s[0].date, std::string("2021-07-20"));
        QCOMPARE(s[1].doses, int64_t(5));
        QVERIFY(failsWith(
            [] { parseStock("clinic_id,date,doses\nC1,2021-02-30,1\n", "s.csv", "2021-07-19"); },
            "s.csv:2: date"));
        QVERIFY(failsWith(
            [] { parseStock("clinic_id,date,doses\nC1,+1d,-3\n", "s.csv", "2021-07-19"); },
            "s.csv:2: doses"));
        std::vector<ClinicRow> clinics{{"C1", "A", "R", "D", 37, 127}};
        QVERIFY(failsWith(
            [&] {
                validateDataSet(clinics, {{"C2", "2021-07-20", 1}}, "s.csv");
            },
            "unknown clinic \"C2\""));
        QVERIFY(failsWith(
            [&] {
                validateDataSet(clinics, {{"C1", "2021-07-20", 1}, {"C1", "2021-07-20", 2}},
                                "s.csv");
            },
            "appears twice"));
    }

    void jsonDataSet() {
        auto c = parseClinics(
            R"([{"id":"C1","name":"A","region":"R","district":"D","lat":37.1,"lon":127.2}])",
            "c.json");
        QCOMPARE(c.size(), std::size_t(1));
        QCOMPARE(c[0].lon, 127.2);
        auto s =
            parseStock(R"([{"clinic_id":"C1","date":"+2d","doses":7}])", "s.json", "2021-12-31");
        QCOMPARE(s[0].date, std::string("2022-01-02"));
        QCOMPARE(s[0].doses, int64_t(7));
        QVERIFY(failsWith(
            [] { parseStock(R"([{"clinic_id":"C1","date":"+2d"}])", "s.json", "2021-12-31"); },
            "s.json:1: missing \"doses\""));
    }

    void koreanServiceDay() {
        // 2021-07-19 20:00 KST is 11:00 UTC; 15:00 UTC is already the next day in Korea.
        QCOMPARE(koreaDate(*sluice::parseRfc3339("2021-07-19T11:00:00Z")),
                 std::string("2021-07-19"));
        QCOMPARE(koreaDate(*sluice::parseRfc3339("2021-07-19T14:59:59Z")),
                 std::string("2021-07-19"));
        QCOMPARE(koreaDate(*sluice::parseRfc3339("2021-07-19T15:00:00Z")),
                 std::string("2021-07-20"));
        QCOMPARE(formatDate(*parseDate("2024-02-29") + 1), std::string("2024-03-01"));
        QVERIFY(!parseDate("2023-02-29"));
        QVERIFY(!parseDate("2023-1-05"));
    }

    void bundledDataSet() {
        const std::string dir = SLUICE_SOURCE_DIR "/resources/";
        auto clinics = parseClinics(readTextFile(dir + "clinics.csv"), "clinics.csv");
        auto stock = parseStock(readTextFile(dir + "stock.csv"), "stock.csv", "2021-07-19");
        validateDataSet(clinics, stock, "stock.csv");
        QVERIFY2(clinics.size() >= 2000,
                 qPrintable(QString("only %1 clinics").arg(clinics.size())));
        std::set<std::string> regions, ids;
        for (const auto& c : clinics) {
            regions.insert(c.region);
            QVERIFY2(c.lat > 33.0 && c.lat < 38.7 && c.lon > 124.5 && c.lon < 131.0, c.id.c_str());
            QVERIFY(!c.district.empty());
        }
        QCOMPARE(regions.size(), std::size_t(17)); // every metropolitan province and city
        std::map<std::string, std::set<std::string>> datesPerClinic;
        int64_t total = 0;
        for (const auto& s : stock) {
            datesPerClinic[s.clinicId].insert(s.date);
            total += s.doses;
        }
        QCOMPARE(datesPerClinic.size(), clinics.size());
        for (const auto& [id, dates] : datesPerClinic)
            QCOMPARE(dates.size(), std::size_t(14)); // a two-week window
        QVERIFY(total > 100'000);
    }
};

QTEST_APPLESS_MAIN(TestBookingData)
#include "tst_booking_data.moc"
