// Time formats used on the wire and in configuration.
#include "common/timeutil.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace sluice {

int64_t nowUnixMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t monotonicMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

namespace {
void civilFromDays(int64_t z, int& y, unsigned& m, unsigned& d) { // Howard Hinnant's algorithm
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yoe + era * 400 + (m <= 2));
}
void put(char*& o, unsigned v, int width) {
    for (int i = width - 1; i >= 0; --i) {
        o[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    o += width;
}
} // namespace

// Hand-rolled (no gmtime_r/snprintf): it is on the admit path, for every token's expiry.
std::string formatRfc3339(int64_t unixMs) {
    int64_t secs = unixMs >= 0 ? unixMs / 1000 : (unixMs - 999) / 1000;
    unsigned ms = static_cast<unsigned>(unixMs - secs * 1000);
    int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    unsigned sod = static_cast<unsigned>(secs - days * 86400);
    int y;
    unsigned mo, d;
    civilFromDays(days, y, mo, d);
    std::string out(24, '\0');
    char* o = out.data();
    put(o, static_cast<unsigned>(y), 4);
    *o++ = '-';
    put(o, mo, 2);
    *o++ = '-';
    put(o, d, 2);
    *o++ = 'T';
    put(o, sod / 3600, 2);
    *o++ = ':';
    put(o, sod / 60 % 60, 2);
    *o++ = ':';
    put(o, sod % 60, 2);
    *o++ = '.';
    put(o, ms, 3);
    *o++ = 'Z';
    return out;
}

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

int64_t daysFromCivil(int y, unsigned m, unsigned d) { // Howard Hinnant's algorithm
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return int64_t(era) * 146097 + int64_t(doe) - 719468;
}
} // namespace

std::optional<int64_t> parseRfc3339(std::string_view s) {
    int Y, M, D, h, m, sec;
    if (s.size() < 20 || !digits(s, 0, 4, Y) || s[4] != '-' || !digits(s, 5, 2, M) || s[7] != '-' ||
        !digits(s, 8, 2, D) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, m) || s[16] != ':' ||
        !digits(s, 17, 2, sec))
        return std::nullopt;
    if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60) return std::nullopt;
    std::size_t pos = 19;
    int64_t ms = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int scale = 100, n = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            ms += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
            ++n;
        }
        if (n == 0) return std::nullopt;
    }
    int64_t offsetMin = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om))
            return std::nullopt;
        offsetMin = (oh * 60 + om) * (s[pos] == '+' ? 1 : -1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    int64_t days = daysFromCivil(Y, unsigned(M), unsigned(D));
    int64_t secs = days * 86400 + h * 3600 + m * 60 + sec - offsetMin * 60;
    return secs * 1000 + ms;
}

std::optional<int64_t> parseTimeSpec(std::string_view s, int64_t baseMs) {
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        if (s.size() < 3) return std::nullopt;
        int64_t n = 0;
        auto [ptr, ec] = std::from_chars(s.data() + 1, s.data() + s.size() - 1, n);
        if (ec != std::errc() || ptr != s.data() + s.size() - 1 || n < 0) return std::nullopt;
        int64_t unit = 0;
        switch (s.back()) {
        case 's':
            unit = 1000;
            break;
        case 'm':
            unit = 60'000;
            break;
        case 'h':
            unit = 3'600'000;
            break;
        default:
            return std::nullopt;
        }
        return baseMs + (s[0] == '-' ? -1 : 1) * n * unit;
    }
    return parseRfc3339(s);
}

} // namespace sluice
