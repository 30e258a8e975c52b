// Parsing and validation of the clinic and stock data sets (see clinic_data.h).
#include "server/booking/clinic_data.h"

#include "server/app/config.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_set>

namespace sluice::booking {
namespace json = boost::json;

std::string readTextFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path + ": cannot read: " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::vector<std::string>> parseCsv(std::string_view text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, fieldStarted = false;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") // spreadsheet exports often start with a BOM
        text.remove_prefix(3);
    auto endRow = [&] {
        if (fieldStarted || !row.empty()) {
            row.push_back(std::move(field));
            rows.push_back(std::move(row));
        }
        row.clear();
        field.clear();
        fieldStarted = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            fieldStarted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            fieldStarted = true;
        } else if (c == '\n') {
            endRow();
        } else if (c == '\r') {
            // CRLF: the \n ends the row
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    endRow();
    return rows;
}

namespace {

bool endsWith(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trim(std::string s) {
    const char* ws = " \t";
    s.erase(0, s.find_first_not_of(ws));
    const auto last = s.find_last_not_of(ws);
    s.erase(last == std::string::npos ? 0 : last + 1);
    return s;
}

// Table of records with named columns, from CSV or a JSON array of objects.
struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    std::vector<int> lines; // source line (CSV) or array index + 1 (JSON)
};

Table readTable(const std::string& text, const std::string& source,
                const std::vector<std::string>& required) {
    Table t;
    t.columns = required;
    if (endsWith(source, ".json")) {
        boost::system::error_code ec;
        json::value v = json::parse(text, ec);
        if (ec) throw ConfigError(source + ": invalid JSON: " + ec.message());
        const json::array* arr = v.if_array();
        if (!arr) throw ConfigError(source + ": expected a JSON array of objects");
        int index = 0;
        for (const auto& item : *arr) {
            ++index;
            const auto* o = item.if_object();
            if (!o)
                throw ConfigError(source + ":" + std::to_string(index) + ": expected an object");
            std::vector<std::string> row;
            for (const auto& col : required) {
                const auto* f = o->if_contains(col);
                if (!f)
                    throw ConfigError(source + ":" + std::to_string(index) + ": missing \"" + col +
                                      "\"");
                if (f->is_string())
                    row.emplace_back(f->as_string().c_str());
                else if (f->is_number())
                    row.push_back(json::serialize(*f));
                else
                    throw ConfigError(source + ":" + std::to_string(index) + ": \"" + col +
                                      "\" must be a string or number");
            }
            t.rows.push_back(std::move(row));
            t.lines.push_back(index);
        }
        return t;
    }
    auto rows = parseCsv(text);
    if (rows.empty()) throw ConfigError(source + ": empty file (expected a header line)");
    std::vector<int> map;
    for (const auto& col : required) {
        int found = -1;
        for (std::size_t i = 0; i < rows[0].size(); ++i)
            if (trim(rows[0][i]) == col) found = static_cast<int>(i);
        if (found < 0) throw ConfigError(source + ":1: missing column \"" + col + "\"");
        map.push_back(found);
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& in = rows[r];
        if (in.size() == 1 && trim(in[0]).empty()) continue; // blank line
        std::vector<std::string> row;
        for (std::size_t c = 0; c < map.size(); ++c) {
            if (static_cast<std::size_t>(map[c]) >= in.size())
                throw ConfigError(source + ":" + std::to_string(r + 1) + ": missing field \"" +
                                  required[c] + "\"");
            row.push_back(trim(in[map[c]]));
        }
        t.rows.push_back(std::move(row));
        t.lines.push_back(static_cast<int>(r + 1));
    }
    return t;
}

std::optional<double> toDouble(const std::string& s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<int64_t> toInt(std::string_view s) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

} // namespace

std::vector<ClinicRow> parseClinics(const std::string& text, const std::string& source) {
    Table t = readTable(text, source, {"id", "name", "region", "district", "lat", "lon"});
    std::vector<ClinicRow> out;
    out.reserve(t.rows.size());
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto& r = t.rows[i];
        const std::string at = source + ":" + std::to_string(t.lines[i]);
        ClinicRow c;
        c.id = r[0];
        c.name = r[1];
        c.region = r[2];
        c.district = r[3];
        if (c.id.empty() || c.id.size() > 64)
            throw ConfigError(at + ": id: must be 1..64 characters");
        if (c.name.empty()) throw ConfigError(at + ": name: must not be empty");
        if (c.region.empty()) throw ConfigError(at + ": region: must not be empty");
        auto lat = toDouble(r[4]), lon = toDouble(r[5]);
        if (!lat || *lat < -90 || *lat > 90)
            throw ConfigError(at + ": lat: expected a latitude in degrees");
        if (!lon || *lon < -180 || *lon > 180)
            throw ConfigError(at + ": lon: expected a longitude in degrees");
        c.lat = *lat;
        c.lon = *lon;
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<StockRow> parseStock(const std::string& text, const std::string& source,
                                 const std::string& baseDate) {
    Table t = readTable(text, source, {"clinic_id", "date", "doses"});
    std::vector<StockRow> out;
    out.reserve(t.rows.size());
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto& r = t.rows[i];
        const std::string at = source + ":" + std::to_string(t.lines[i]);
        StockRow s;
        s.clinicId = r[0];
        auto date = resolveDate(r[1], baseDate);
        if (!date) throw ConfigError(at + ": date: expected YYYY-MM-DD or +Nd");
        s.date = *date;
        auto doses = toInt(r[2]);
        if (!doses || *doses < 0 || *doses > 1'000'000)
            throw ConfigError(at + ": doses: expected a whole number 0..1000000");
        s.doses = *doses;
        out.push_back(std::move(s));
    }
    return out;
}

void validateDataSet(const std::vector<ClinicRow>& clinics, const std::vector<StockRow>& stock,
                     const std::string& source) {
    std::unordered_set<std::string> ids;
    for (const auto& c : clinics)
        if (!ids.insert(c.id).second)
            throw ConfigError(source + ": clinic id \"" + c.id + "\" appears twice");
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& s : stock) {
        if (!ids.count(s.clinicId))
            throw ConfigError(source + ": stock for unknown clinic \"" + s.clinicId + "\"");
        if (!seen.insert({s.clinicId, s.date}).second)
            throw ConfigError(source + ": stock for clinic \"" + s.clinicId + "\" on " + s.date +
                              " appears twice");
    }
}

std::optional<int64_t> parseDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = toInt(text.substr(0, 4)), m = toInt(text.substr(5, 2)), d = toInt(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    using namespace std::chrono;
    year_month_day ymd{year(static_cast<int>(*y)), month(static_cast<unsigned>(*m)),
                       day(static_cast<unsigned>(*d))};
    if (!ymd.ok()) return std::nullopt;
    return sys_days(ymd).time_since_epoch().count();
}

std::string formatDate(int64_t days) {
    using namespace std::chrono;
    year_month_day ymd{sys_days(std::chrono::days(days))};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return buf;
}

std::string koreaDate(int64_t unixMs) {
    const int64_t kstMs = unixMs + 9 * 3600'000LL;
    int64_t days = kstMs / 86'400'000LL;
    if (kstMs < 0 && kstMs % 86'400'000LL != 0) --days;
    return formatDate(days);
}

std::optional<std::string> resolveDate(std::string_view text, const std::string& baseDate) {
    if (!text.empty() && text.front() == '+' && text.size() >= 3 && text.back() == 'd') {
        auto n = toInt(text.substr(1, text.size() - 2));
        auto base = parseDate(baseDate);
        if (!n || !base || *n > 3660) return std::nullopt;
        return formatDate(*base + *n);
    }
    if (!parseDate(text)) return std::nullopt;
    return std::string(text);
}

} // namespace sluice::booking
