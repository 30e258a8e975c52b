// The booking data set: clinics (id,name,region,district,lat,lon) and per-day stock
// (clinic_id,date,doses) read from CSV or JSON files, so an agency can bring its own. Dates
// are YYYY-MM-DD or "+Nd" (N days after a base date: the bundled data set stays two weeks
// ahead of whenever the server is first started). Also the calendar helpers booking needs.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::booking {

struct ClinicRow {
    std::string id, name, region, district;
    double lat = 0, lon = 0;
};

struct StockRow {
    std::string clinicId;
    std::string date; // YYYY-MM-DD
    int64_t doses = 0;
};

// Throw sluice::ConfigError "SOURCE:LINE: reason". JSON when `source` ends in ".json" (an array
// of objects with the CSV's column names), else CSV with a header line (RFC 4180 quoting).
std::vector<ClinicRow> parseClinics(const std::string& text, const std::string& source);
std::vector<StockRow> parseStock(const std::string& text, const std::string& source,
                                 const std::string& baseDate);
// Cross-checks: unique clinic ids, unique (clinic, date), stock only for known clinics.
void validateDataSet(const std::vector<ClinicRow>& clinics, const std::vector<StockRow>& stock,
                     const std::string& source);
// Whole file; throws ConfigError "PATH: cannot read: reason".
std::string readTextFile(const std::string& path);
// Splits one CSV text into rows of fields (quotes, doubled quotes, CRLF).
std::vector<std::vector<std::string>> parseCsv(std::string_view text);

// Calendar (proleptic Gregorian). Days since 1970-01-01 <-> "YYYY-MM-DD".
std::optional<int64_t> parseDate(std::string_view text); // nullopt unless a real date
std::string formatDate(int64_t days);
// The service day in Korea (UTC+9, no daylight saving) at a unix time.
std::string koreaDate(int64_t unixMs);
// "YYYY-MM-DD" or "+Nd" against baseDate; nullopt when invalid.
std::optional<std::string> resolveDate(std::string_view text, const std::string& baseDate);

} // namespace sluice::booking
