// HTTP handlers of the booking zone and their wiring to the identity provider, the stock
// mirror and the BookingStore (see booking_service.h and docs/booking.md).
#include "server/booking/booking_service.h"

#include "common/crypto.h"
#include "common/timeutil.h"
#include "server/booking/clinic_data.h"
#include "server/booking/identity_provider.h"
#include "server/booking/sqlite_booking_store.h"
#include "server/booking/stock_mirror.h"
#include "server/queue/queue_service.h"
#include "server/store/writer.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#ifndef SLUICE_DEFAULT_RESOURCES
#define SLUICE_DEFAULT_RESOURCES "resources"
#endif
#ifndef SLUICE_INSTALLED_RESOURCES
#define SLUICE_INSTALLED_RESOURCES "../share/sluice"
#endif

namespace sluice::booking {
namespace json = boost::json;

// The bundled clinics and stock: next to an installed binary (/usr/bin/sluice-server reads
// /usr/share/sluice, docs/packaging.md), else the source tree the binary was built from.
std::string defaultResourcesDir() {
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const std::filesystem::path installed =
            (exe.parent_path() / SLUICE_INSTALLED_RESOURCES).lexically_normal();
        if (std::filesystem::is_regular_file(installed / "clinics.csv", ec))
            return installed.string();
    }
    return SLUICE_DEFAULT_RESOURCES;
}
using http::Request;
using http::Response;
using http::Status;
using http::Verb;

namespace {

constexpr int64_t kKeyTtlMs = 24 * 3600'000LL; // idempotency keys are kept this long
constexpr std::size_t kMaxKeyLength = 255;

const std::array<const char*, 5> kBypassKinds = {
    "bypass_no_token", "bypass_forged", "bypass_expired", "bypass_replayed", "bypass_other_cohort"};

std::string toHex(const unsigned char* p, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 15];
    }
    return out;
}

// HMAC under the booking secret; one keyed context per thread (HmacSha256 is not thread-safe).
Digest secretMac(const std::string& secret, std::string_view data) {
    struct Cache {
        std::string key;
        std::unique_ptr<HmacSha256> mac;
    };
    thread_local Cache cache;
    if (!cache.mac || cache.key != secret) {
        cache.key = secret;
        cache.mac = std::make_unique<HmacSha256>(secret);
    }
    return cache.mac->sign(data);
}

// A copy of what the response helpers read from a request (version, keep-alive), so an async
// answer never touches the session's request object from another thread.
Request headOf(const Request& req) {
    Request head;
    head.version(req.version());
    head.keep_alive(req.keep_alive());
    return head;
}

// Decodes one UTF-8 sequence at s[i] (the JSON parser has validated the encoding); advances i.
char32_t nextCodePoint(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    int len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
    char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (int k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return cp;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Characters that do not show: C0/C1 controls other than white space, and the format
// characters people paste by accident or attackers insert on purpose (soft hyphen, zero-width
// space/joiners, direction marks and overrides, word joiner, invisible operators, BOM).
bool invisible(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || cp == 0x34F || cp == 0x61C ||
           cp == 0x115F || cp == 0x1160 || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 ||
           cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFE00 && cp <= 0xFE0F);
}

bool spaceLike(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

} // namespace

// The same person's name always gives the same text, so the same person_id: white space of
// any kind folded to one space and trimmed, invisible characters dropped, ASCII lower-cased,
// fullwidth ASCII made plain, and Hangul written as conjoining jamo composed into syllables
// (what NFC does for Korean; the booking core sees Korean names first).
std::string normaliseName(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    bool space = false;
    char32_t pending = 0; // a Hangul syllable or leading consonant that may still compose
    auto flush = [&] {
        if (pending) appendUtf8(out, pending);
        pending = 0;
    };
    for (std::size_t i = 0; i < in.size();) {
        char32_t cp = nextCodePoint(in, i);
        if (invisible(cp) && !spaceLike(cp)) continue;
        if (spaceLike(cp)) {
            flush();
            space = !out.empty();
            continue;
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0; // fullwidth ASCII
        if (cp < 0x80) cp = static_cast<char32_t>(std::tolower(static_cast<int>(cp)));
        // Hangul composition (Unicode 3.12): L + V -> LV, LV + T -> LVT.
        constexpr char32_t SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
        constexpr char32_t LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount;
        if (pending >= LBase && pending < LBase + LCount && cp >= VBase && cp < VBase + VCount) {
            pending = SBase + ((pending - LBase) * VCount + (cp - VBase)) * TCount;
            continue;
        }
        if (pending >= SBase && pending < SBase + LCount * NCount &&
            (pending - SBase) % TCount == 0 && cp > TBase && cp < TBase + TCount) {
            pending += cp - TBase;
            continue;
        }
        flush();
        if (space) out += ' ';
        space = false;
        if ((cp >= LBase && cp < LBase + LCount) || (cp >= SBase && cp < SBase + LCount * NCount))
            pending = cp;
        else
            appendUtf8(out, cp);
    }
    flush();
    return out;
}

namespace {

// Digits only; "+82 10-..." becomes "010...".
std::string normalisePhone(std::string_view in) {
    std::string digits;
    for (char c : in)
        if (c >= '0' && c <= '9') digits += c;
    const auto plus = in.find_first_not_of(" \t");
    if (plus != std::string_view::npos && in[plus] == '+' && digits.rfind("82", 0) == 0)
        digits = "0" + digits.substr(2);
    return digits;
}

std::optional<int64_t> intField(const json::object& o, const char* key) {
    const auto* v = o.if_contains(key);
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() < (1ULL << 62))
        return static_cast<int64_t>(v->as_uint64());
    // Whole numbers written as doubles ("3.0", "1e3"), inside the range the cast is defined for.
    if (v->is_double()) {
        const double d = v->as_double();
        if (d >= -4.6e18 && d <= 4.6e18 && d == std::floor(d)) return static_cast<int64_t>(d);
    }
    return std::nullopt;
}

const json::string* stringField(const json::object& o, const char* key) {
    const auto* v = o.if_contains(key);
    return v ? v->if_string() : nullptr;
}

int birthYear(const std::string& birthDate) {
    int y = 0;
    std::from_chars(birthDate.data(), birthDate.data() + std::min<std::size_t>(4, birthDate.size()),
                    y);
    return y;
}

} // namespace

struct BookingService::Impl {
    AppContext& ctx;
    std::string clinicsPath, stockPath;
    std::unique_ptr<IdentityProvider> idp;
    std::unique_ptr<BookingStore> store;
    StockMirror mirror;
    std::string secret;
    std::atomic<bool> ready{false};
    std::atomic<bool> stopping{false};

    // Idempotency scopes whose first request is still running: scope -> request hash.
    std::mutex inFlightMutex;
    std::unordered_map<std::string, std::string> inFlight;
    // Consumed admission tokens: token id -> idempotency scope that consumed it. Filled from the
    // database at start and after each durable reservation; the database stays authoritative.
    mutable std::shared_mutex consumedMutex;
    std::unordered_map<std::string, std::string> consumed;

    std::array<metrics::Counter*, kBypassKinds.size()> bypass{};
    std::unordered_map<std::string, metrics::Counter*> reservationResults;
    std::unordered_map<std::string, metrics::Counter*> idpOutcomes;
    std::shared_ptr<boost::asio::steady_timer> housekeeping;

    explicit Impl(AppContext& c) : ctx(c) {}

    // ---- configuration ----
    std::string resolvePath(const char* key, const char* bundledName) {
        const json::object& root = ctx.config.root;
        if (const auto* v = root.if_contains(key)) {
            if (!v->is_string() || v->as_string().empty())
                throw ConfigError(std::string(key) + ": expected a file path");
            std::filesystem::path p(std::string(v->as_string()));
            if (p.is_relative() && !ctx.config.baseDir.empty())
                p = std::filesystem::path(ctx.config.baseDir) / p;
            return p.string();
        }
        std::string dir = defaultResourcesDir();
        if (const auto* r = root.if_contains("resources_dir")) {
            if (!r->is_string()) throw ConfigError("resources_dir: expected a folder path");
            dir = std::string(r->as_string());
        }
        return (std::filesystem::path(dir) / bundledName).string();
    }

    // ---- metrics ----
    void countBypass(std::string_view kind) {
        for (std::size_t i = 0; i < kBypassKinds.size(); ++i)
            if (kind == kBypassKinds[i]) {
                bypass[i]->inc();
                return;
            }
        bypass[1]->inc(); // anything unrecognised is a forgery
    }
    void countResult(const char* result) {
        auto it = reservationResults.find(result);
        if (it != reservationResults.end()) it->second->inc();
    }

    // ---- answers ----
    static Response withRetryAfter(Response res, int64_t ms) {
        const int64_t s = std::max<int64_t>(1, (ms + 999) / 1000);
        res.set(http::bhttp::field::retry_after, std::to_string(s));
        return res;
    }

    Response bypassAnswer(const Request& head, std::string_view kind) {
        countBypass(kind);
        if (kind == "bypass_no_token")
            return http::errorResponse(
                head, Status::unauthorized, kind,
                "an admission token is required (Authorization: Bearer ...); "
                "join the queue for your cohort first");
        if (kind == "bypass_expired")
            return http::errorResponse(
                head, Status::unauthorized, kind,
                "the admission token has expired; ask the queue again with your ticket");
        if (kind == "bypass_replayed")
            return http::errorResponse(
                head, Status::forbidden, kind,
                "this admission token has already been used for a reservation");
        return http::errorResponse(head, Status::forbidden, "bypass_forged",
                                   "the admission token is not valid");
    }

    bool isConsumed(const std::string& tokenId, std::string* scope = nullptr) const {
        std::shared_lock lock(consumedMutex);
        auto it = consumed.find(tokenId);
        if (it == consumed.end()) return false;
        if (scope) *scope = it->second;
        return true;
    }

    // The admission token check every booking endpoint starts with. `allowConsumed` lets the
    // reservation endpoint look further (a retry of the request that consumed it is replayed).
    std::optional<queue::AdmissionTokenInfo> authorize(http::RequestContext& rc,
                                                       const Request& head,
                                                       std::optional<Response>& error,
                                                       bool allowConsumed) {
        std::string kind;
        auto info = ctx.queue.verifyAdmissionToken(rc.bearerToken(), nowUnixMs(), kind);
        if (!info) {
            error = bypassAnswer(head, kind.empty() ? "bypass_forged" : kind);
            return std::nullopt;
        }
        if (!allowConsumed && isConsumed(info->tokenId)) {
            error = bypassAnswer(head, "bypass_replayed");
            return std::nullopt;
        }
        return info;
    }

    std::optional<Response> notReady(const Request& req) {
        if (ready.load(std::memory_order_acquire) && !stopping.load(std::memory_order_relaxed))
            return std::nullopt;
        return withRetryAfter(
            http::errorResponse(req, Status::service_unavailable, "booking_unavailable",
                                "booking is starting or stopping; try again shortly"),
            1000);
    }

    // Overload (issue 11): with server.write_queue_limit jobs already waiting for the single
    // storage writer, one more would only wait longer, and the queue would grow without bound
    // while clients time out and the writer commits answers nobody reads any more (without this,
    // goodput fell to 2-17 % of capacity from twice the capacity on, docs/performance.md). The
    // HTTP layer then answers the routes below 503 busy + Retry-After before their handler
    // parses or hashes anything: nothing is stored, so the same token and key work on a retry.
    bool writerFull() const {
        return ctx.writer.queueDepth() >= static_cast<std::size_t>(ctx.config.writeQueueLimit);
    }

    Eligibility eligibility(const std::string& cohort, const std::string& birthDate) const {
        const int year = birthYear(birthDate);
        const CohortConfig* own = ctx.queue.cohortConfig(cohort);
        if (own && year >= own->birthYearFrom && year <= own->birthYearTo)
            return Eligibility::Eligible;
        for (const auto& c : ctx.config.cohorts)
            if (c.id != cohort && year >= c.birthYearFrom && year <= c.birthYearTo)
                return Eligibility::OtherCohort;
        return Eligibility::NotEligible;
    }

    std::string manageKey(const std::string& reservationId) const {
        Digest d = secretMac(secret, "manage\n" + reservationId);
        return toHex(d.data(), 16);
    }

    bool manageKeyValid(const std::string& reservationId, std::string_view given) const {
        const std::string want = manageKey(reservationId);
        return given.size() == want.size() &&
               constantTimeEqual(given.data(), want.data(), want.size());
    }

    json::object reservationJson(const ReservationRecord& r) const {
        json::object o;
        o["reservation_id"] = r.id;
        o["clinic_id"] = r.clinicId;
        const int ci = mirror.clinicIndex(r.clinicId);
        if (ci >= 0) o["clinic_name"] = mirror.clinics()[ci].name;
        o["date"] = r.date;
        o["dose"] = r.dose;
        o["status"] = r.status;
        o["cohort"] = r.cohort;
        if (r.createdAtMs) o["created_at"] = formatRfc3339(r.createdAtMs);
        if (r.cancelledAtMs) o["cancelled_at"] = formatRfc3339(r.cancelledAtMs);
        return o;
    }

    static std::string errorBody(std::string_view code, std::string_view message,
                                 json::object extra = {}) {
        json::object err{{"code", code}, {"message", message}};
        extra["error"] = std::move(err);
        return json::serialize(extra);
    }

    // The answer kept under the idempotency key; runs inside the store transaction.
    StoredResponse render(const ReserveOutcome& out, const ReserveRequest& r) const {
        switch (out.result) {
        case ReserveResult::Confirmed: {
            ReservationRecord rec;
            rec.id = r.reservationId;
            rec.clinicId = r.clinicId;
            rec.date = r.date;
            rec.dose = r.dose;
            rec.status = "confirmed";
            rec.cohort = r.cohort;
            rec.createdAtMs = r.nowMs;
            json::object o = reservationJson(rec);
            o["manage_key"] = manageKey(r.reservationId);
            return {201, json::serialize(o)};
        }
        case ReserveResult::UnknownPerson:
            return {
                404,
                errorBody(
                    "person_not_found",
                    "unknown person_id: verify your identity first (POST /v1/identity/verify)")};
        case ReserveResult::NotEligible:
            return {422, errorBody("not_eligible",
                                   "the verified birth date is outside this cohort's range")};
        case ReserveResult::OtherCohort:
            return {403,
                    errorBody("bypass_other_cohort",
                              "this admission token belongs to another cohort than the person's")};
        case ReserveResult::AlreadyReserved:
            return {409,
                    errorBody("already_reserved",
                              "this person already holds an active reservation for this dose")};
        case ReserveResult::SoldOut: {
            json::array others;
            const int ci = mirror.clinicIndex(r.clinicId);
            for (std::size_t d = 0; ci >= 0 && d < mirror.dates().size(); ++d) {
                const int64_t left = mirror.remaining(ci, static_cast<int>(d));
                if (left > 0 && mirror.dates()[d] != r.date)
                    others.push_back(
                        json::object{{"date", mirror.dates()[d]}, {"remaining", left}});
            }
            return {409, errorBody("sold_out", "no dose left at this clinic on this date",
                                   json::object{{"clinic_id", r.clinicId},
                                                {"date", r.date},
                                                {"remaining", std::max<int64_t>(0, out.remaining)},
                                                {"other_dates", std::move(others)}})};
        }
        case ReserveResult::UnknownSlot:
            return {404, errorBody("slot_not_found", "this clinic offers no doses on this date")};
        default:
            return {500, errorBody("internal_error", "unexpected outcome")};
        }
    }

    // ---- handlers ----
    void verify(http::RequestContext& rc, http::Responder responder) {
        const Request head = headOf(rc.req);
        if (auto e = notReady(head)) return responder.send(std::move(*e));
        std::optional<Response> error;
        auto token = authorize(rc, head, error, false);
        if (!token) return responder.send(std::move(*error));
        auto body = http::parseJsonObjectBody(rc.req, error);
        if (!body) return responder.send(std::move(*error));
        const auto* name = stringField(*body, "name");
        const auto* birth = stringField(*body, "birth_date");
        const auto* phone = stringField(*body, "phone");
        if (!name || !birth || !phone)
            return responder.send(
                http::errorResponse(head, Status::bad_request, "invalid_request",
                                    "name, birth_date and phone are required strings"));
        const std::string n = normaliseName(std::string_view(name->data(), name->size()));
        const std::string p = normalisePhone(std::string_view(phone->data(), phone->size()));
        const std::string b(birth->data(), birth->size());
        if (n.empty() || n.size() > 200)
            return responder.send(http::errorResponse(head, Status::bad_request, "invalid_request",
                                                      "name: must be 1..200 bytes"));
        const auto days = parseDate(b);
        const auto today = parseDate(koreaDate(nowUnixMs()));
        if (!days || birthYear(b) < 1900 || (today && *days > *today))
            return responder.send(
                http::errorResponse(head, Status::bad_request, "invalid_request",
                                    "birth_date: expected a past date as YYYY-MM-DD"));
        if (p.size() < 9 || p.size() > 15)
            return responder.send(http::errorResponse(head, Status::bad_request, "invalid_request",
                                                      "phone: expected 9..15 digits"));
        const Digest d = secretMac(secret, "person\n" + n + "\n" + b + "\n" + p);
        std::string personId = toHex(d.data(), 16);
        const std::string cohort = token->cohort;
        idp->verify([this, head, responder, personId, b, cohort](IdpAnswer a) mutable {
            if (auto it = idpOutcomes.find(idpOutcomeName(a.outcome)); it != idpOutcomes.end())
                it->second->inc();
            switch (a.outcome) {
            case IdpOutcome::Rejected:
                return responder.send(withRetryAfter(
                    http::errorResponse(
                        head, Status::service_unavailable, "identity_provider_unavailable",
                        "identity verification is unavailable right now; try again later"),
                    a.retryAfterMs));
            case IdpOutcome::Timeout:
                return responder.send(withRetryAfter(
                    http::errorResponse(head, Status::service_unavailable,
                                        "identity_provider_timeout",
                                        "identity verification did not answer in time; try again"),
                    1000));
            case IdpOutcome::Error:
                return responder.send(
                    withRetryAfter(http::errorResponse(head, Status::service_unavailable,
                                                       "identity_provider_error",
                                                       "identity verification failed; try again"),
                                   1000));
            case IdpOutcome::Ok:
                break;
            }
            if (stopping.load()) // the store may already be stopped: do not start new writes
                return responder.send(withRetryAfter(
                    http::errorResponse(head, Status::service_unavailable, "booking_unavailable",
                                        "the server is shutting down; try again shortly"),
                    1000));
            const bool eligible = eligibility(cohort, b) == Eligibility::Eligible;
            store->savePerson(
                personId, b, nowUnixMs(),
                [head, responder, personId, eligible, cohort](std::exception_ptr e) mutable {
                    if (e)
                        return responder.send(withRetryAfter(
                            http::errorResponse(head, Status::service_unavailable, "storage_error",
                                                "could not record the verification; your place "
                                                "is kept, try again shortly"),
                            1000));
                    responder.send(http::jsonResponse(head, Status::ok,
                                                      json::object{{"person_id", personId},
                                                                   {"cohort", cohort},
                                                                   {"eligible", eligible}}));
                });
        });
    }

    Response clinics(http::RequestContext& rc) {
        const Request& req = rc.req;
        if (auto e = notReady(req)) return std::move(*e);
        std::optional<Response> error;
        if (!authorize(rc, req, error, false)) return std::move(*error);
        const auto region = rc.queryParam("region");
        const auto district = rc.queryParam("district");
        const auto date = rc.queryParam("date");
        const bool availableOnly = rc.queryParam("available").value_or("") == "true";
        auto number = [&](const char* key, int64_t fallback, int64_t lo,
                          int64_t hi) -> std::optional<int64_t> {
            auto v = rc.queryParam(key);
            if (!v || v->empty()) return fallback;
            int64_t n = 0;
            auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
            if (ec != std::errc() || p != v->data() + v->size() || n < lo || n > hi)
                return std::nullopt;
            return n;
        };
        const auto limit = number("limit", 200, 1, 1000);
        const auto offset = number("offset", 0, 0, 100'000'000);
        if (!limit || !offset)
            return http::errorResponse(req, Status::bad_request, "invalid_request",
                                       "limit must be 1..1000 and offset >= 0");
        int onlyDate = -1;
        if (date && !date->empty()) {
            if (!parseDate(*date))
                return http::errorResponse(req, Status::bad_request, "invalid_request",
                                           "date: expected YYYY-MM-DD");
            onlyDate = mirror.dateIndex(*date);
            if (onlyDate < 0)
                return http::jsonResponse(req, Status::ok,
                                          json::object{{"clinics", json::array{}},
                                                       {"total", 0},
                                                       {"offset", *offset},
                                                       {"limit", *limit}});
        }
        json::array out;
        int64_t total = 0;
        const auto& cl = mirror.clinics();
        const int nd = static_cast<int>(mirror.dates().size());
        for (std::size_t c = 0; c < cl.size(); ++c) {
            if (region && !region->empty() && cl[c].region != *region) continue;
            if (district && !district->empty() && cl[c].district != *district) continue;
            for (int d = (onlyDate >= 0 ? onlyDate : 0); d < (onlyDate >= 0 ? onlyDate + 1 : nd);
                 ++d) {
                const int64_t left = mirror.remaining(static_cast<int>(c), d);
                if (left < 0 || (availableOnly && left == 0)) continue;
                if (total >= *offset && total < *offset + *limit)
                    out.push_back(json::object{{"id", cl[c].id},
                                               {"name", cl[c].name},
                                               {"region", cl[c].region},
                                               {"district", cl[c].district},
                                               {"lat", cl[c].lat},
                                               {"lon", cl[c].lon},
                                               {"date", mirror.dates()[d]},
                                               {"remaining", left}});
                ++total;
            }
        }
        Response res = http::jsonResponse(req, Status::ok,
                                          json::object{{"clinics", std::move(out)},
                                                       {"total", total},
                                                       {"offset", *offset},
                                                       {"limit", *limit}});
        res.set(http::bhttp::field::cache_control, "no-store");
        return res;
    }

    void reserve(http::RequestContext& rc, http::Responder responder) {
        const Request head = headOf(rc.req);
        if (auto e = notReady(head)) return responder.send(std::move(*e));
        std::optional<Response> error;
        auto token = authorize(rc, head, error, true);
        if (!token) return responder.send(std::move(*error));
        const std::string key(rc.header("Idempotency-Key"));
        if (key.empty())
            return responder.send(
                http::errorResponse(head, Status::bad_request, "idempotency_key_missing",
                                    "POST /v1/reservations needs an Idempotency-Key header"));
        if (key.size() > kMaxKeyLength)
            return responder.send(http::errorResponse(head, Status::bad_request,
                                                      "invalid_idempotency_key",
                                                      "Idempotency-Key: at most 255 characters"));
        auto body = http::parseJsonObjectBody(rc.req, error);
        if (!body) return responder.send(std::move(*error));
        const auto* person = stringField(*body, "person_id");
        const auto* clinic = stringField(*body, "clinic_id");
        const auto* date = stringField(*body, "date");
        const auto dose =
            body->contains("dose") ? intField(*body, "dose") : std::optional<int64_t>(1);
        if (!person || person->empty() || person->size() > 128 || !clinic || !date)
            return responder.send(
                http::errorResponse(head, Status::bad_request, "invalid_request",
                                    "person_id, clinic_id and date are required strings"));
        if (!dose || *dose < 1 || *dose > 3)
            return responder.send(http::errorResponse(head, Status::bad_request, "invalid_request",
                                                      "dose: expected 1, 2 or 3"));
        const std::string dateStr(date->data(), date->size());
        if (!parseDate(dateStr))
            return responder.send(http::errorResponse(head, Status::bad_request, "invalid_request",
                                                      "date: expected YYYY-MM-DD"));
        const std::string clinicId(clinic->data(), clinic->size());
        const int ci = mirror.clinicIndex(clinicId);
        if (ci < 0)
            return responder.send(http::errorResponse(head, Status::not_found, "clinic_not_found",
                                                      "no clinic with this id"));
        const int di = mirror.dateIndex(dateStr);
        if (di < 0 || mirror.remaining(ci, di) == StockMirror::kNoStock)
            return responder.send(http::errorResponse(head, Status::unprocessable_entity,
                                                      "date_not_offered",
                                                      "this clinic offers no doses on this date"));
        if (dateStr < koreaDate(nowUnixMs()))
            return responder.send(http::errorResponse(head, Status::unprocessable_entity,
                                                      "date_in_past", "this date has passed"));

        ReserveRequest r;
        // The key's scope is the admission token: two citizens choosing the same key never meet.
        r.scope = token->tokenId + "\n" + key;
        r.requestHash =
            sha256Hex("POST\n/v1/reservations\n" + token->cohort + "\n" + rc.req.body());
        r.tokenId = token->tokenId;
        r.cohort = token->cohort;
        r.personId.assign(person->data(), person->size());
        r.clinicId = clinicId;
        r.date = dateStr;
        r.dose = static_cast<int>(*dose);
        const std::string rnd = randomBytes(12);
        r.reservationId =
            "r" + toHex(reinterpret_cast<const unsigned char*>(rnd.data()), rnd.size());
        r.nowMs = nowUnixMs();
        r.keyTtlMs = kKeyTtlMs;
        const std::string cohort = token->cohort;
        r.eligibility = [this, cohort](const std::string& birthDate) {
            return eligibility(cohort, birthDate);
        };

        // A consumed token is not refused here from memory: a retry of an earlier request made
        // with it (say a 409 before another key's 201) must still get its stored answer, which
        // only the store can tell. The store checks the key first, then the token.
        {
            std::lock_guard lock(inFlightMutex);
            if (!inFlight.emplace(r.scope, r.requestHash).second)
                return responder.send(http::errorResponse(
                    head, Status::conflict, "request_in_progress",
                    "a request with this Idempotency-Key is still being processed; retry later"));
        }
        const uint64_t position = token->position;
        const std::string scope = r.scope, tokenId = r.tokenId;
        store->reserve(
            std::move(r),
            [this](const ReserveOutcome& o, const ReserveRequest& q) { return render(o, q); },
            [this, head, responder, scope, tokenId, cohort, position, ci,
             di](ReserveOutcome out) mutable {
                // On the writer thread, after COMMIT: the outcome is durable.
                {
                    std::lock_guard lock(inFlightMutex);
                    inFlight.erase(scope);
                }
                countResult(reserveResultName(out.result));
                switch (out.result) {
                case ReserveResult::Confirmed: {
                    {
                        std::unique_lock lock(consumedMutex);
                        consumed.emplace(tokenId, scope);
                    }
                    mirror.set(ci, di, out.remaining, +1, nowUnixMs());
                    ctx.queue.sessionFinished(cohort, position);
                    break;
                }
                case ReserveResult::SoldOut:
                    if (out.remaining >= 0 && out.remaining != mirror.remaining(ci, di))
                        mirror.set(ci, di, out.remaining, 0, nowUnixMs());
                    break;
                case ReserveResult::OtherCohort:
                    countBypass("bypass_other_cohort");
                    break;
                case ReserveResult::KeyReused:
                    return responder.send(http::errorResponse(
                        head, Status::unprocessable_entity, "idempotency_key_reused",
                        "this Idempotency-Key was used with a different request"));
                case ReserveResult::TokenConsumed:
                    return responder.send(bypassAnswer(head, "bypass_replayed"));
                case ReserveResult::Failed:
                    std::fprintf(stderr, "booking: reservation failed: %s\n", out.error.c_str());
                    return responder.send(withRetryAfter(
                        http::errorResponse(
                            head, Status::service_unavailable, "storage_error",
                            "the reservation could not be stored; retry with the same key"),
                        1000));
                default:
                    break;
                }
                Response res = http::makeResponse(head, static_cast<Status>(out.response.status),
                                                  std::move(out.response.body));
                res.set(http::bhttp::field::cache_control, "no-store");
                if (out.result == ReserveResult::Replayed) res.set("Idempotent-Replayed", "true");
                responder.send(std::move(res));
            });
    }

    // GET and DELETE /v1/reservations/{id}: the manage key stands in for the admission token.
    std::optional<Response> checkManageKey(http::RequestContext& rc, const Request& head,
                                           const std::string& id) {
        const std::string_view given = rc.header("X-Sluice-Manage-Key");
        if (given.empty()) return bypassAnswer(head, "bypass_no_token");
        if (!manageKeyValid(id, given)) {
            countBypass("bypass_forged");
            return http::errorResponse(head, Status::forbidden, "bypass_forged",
                                       "the manage key does not match this reservation");
        }
        return std::nullopt;
    }

    void getReservation(http::RequestContext& rc, http::Responder responder) {
        const Request head = headOf(rc.req);
        if (auto e = notReady(head)) return responder.send(std::move(*e));
        const std::string id(rc.param(0));
        if (auto e = checkManageKey(rc, head, id)) return responder.send(std::move(*e));
        store->get(id, [this, head, responder](std::optional<ReservationRecord> rec,
                                               std::string err) mutable {
            if (!err.empty())
                return responder.send(withRetryAfter(
                    http::errorResponse(head, Status::service_unavailable, "storage_error", err),
                    1000));
            if (!rec)
                return responder.send(http::errorResponse(
                    head, Status::not_found, "reservation_not_found", "no such reservation"));
            Response res = http::jsonResponse(head, Status::ok, reservationJson(*rec));
            res.set(http::bhttp::field::cache_control, "no-store");
            responder.send(std::move(res));
        });
    }

    void cancelReservation(http::RequestContext& rc, http::Responder responder) {
        const Request head = headOf(rc.req);
        if (auto e = notReady(head)) return responder.send(std::move(*e));
        const std::string id(rc.param(0));
        if (auto e = checkManageKey(rc, head, id)) return responder.send(std::move(*e));
        store->cancel(id, nowUnixMs(), [this, head, responder](CancelOutcome out) mutable {
            switch (out.result) {
            case CancelOutcome::NotFound:
                return responder.send(http::errorResponse(
                    head, Status::not_found, "reservation_not_found", "no such reservation"));
            case CancelOutcome::Failed:
                return responder.send(
                    withRetryAfter(http::errorResponse(head, Status::service_unavailable,
                                                       "storage_error", out.error),
                                   1000));
            case CancelOutcome::Cancelled: {
                const int ci = mirror.clinicIndex(out.record.clinicId);
                const int di = mirror.dateIndex(out.record.date);
                if (ci >= 0 && di >= 0 && out.remaining >= 0)
                    mirror.set(ci, di, out.remaining, -1, nowUnixMs());
                countResult("cancelled");
                break;
            }
            case CancelOutcome::AlreadyCancelled:
                break;
            }
            // A second cancel answers exactly like the first.
            Response res = http::jsonResponse(head, Status::ok, reservationJson(out.record));
            res.set(http::bhttp::field::cache_control, "no-store");
            responder.send(std::move(res));
        });
    }

    void scheduleHousekeeping() {
        if (stopping.load()) return;
        housekeeping->expires_after(std::chrono::minutes(10));
        housekeeping->async_wait([this, t = housekeeping](const boost::system::error_code& ec) {
            if (ec || stopping.load()) return;
            store->purgeExpiredKeys(nowUnixMs() - kKeyTtlMs);
            scheduleHousekeeping();
        });
    }
};

BookingService::BookingService(AppContext& ctx) : m_impl(std::make_unique<Impl>(ctx)) {
    Impl& m = *m_impl;
    m.clinicsPath = m.resolvePath("clinics", "clinics.csv");
    m.stockPath = m.resolvePath("stock", "stock.csv");
    IdpSettings idp;
    if (const auto* v = ctx.config.root.if_contains("identity_provider")) {
        if (!v->is_object()) throw ConfigError("identity_provider: expected an object");
        const int64_t base = ctx.config.startedAtMs ? ctx.config.startedAtMs : nowUnixMs();
        idp = parseIdpSettings(v->as_object(), "identity_provider", base);
    }
    m.idp =
        std::make_unique<IdentityProvider>(ctx.control, std::move(idp), [] { return nowUnixMs(); });
    m.store = std::make_unique<SqliteBookingStore>(ctx.writer, ctx.dbPath);

    for (std::size_t i = 0; i < kBypassKinds.size(); ++i)
        m.bypass[i] = &ctx.metrics.counter(
            "sluice_bypass_attempts_total",
            "Requests refused at the booking zone for want of a valid admission "
            "token or manage key, by kind",
            std::string("kind=\"") + kBypassKinds[i] + "\"");
    for (const char* r :
         {"confirmed", "replayed", "key_reused", "token_consumed", "unknown_person", "not_eligible",
          "other_cohort", "already_reserved", "sold_out", "unknown_slot", "failed", "cancelled"})
        m.reservationResults[r] = &ctx.metrics.counter("sluice_reservations_total",
                                                       "Reservation requests by durable outcome",
                                                       std::string("result=\"") + r + "\"");
    for (const char* o : {"ok", "error", "timeout", "rejected"})
        m.idpOutcomes[o] =
            &ctx.metrics.counter("sluice_identity_provider_calls_total",
                                 "Identity provider calls by outcome (rejected: breaker open)",
                                 std::string("outcome=\"") + o + "\"");
    Impl* impl = m_impl.get();
    ctx.metrics.gauge("sluice_doses_remaining", "Doses left over the booking window, all clinics",
                      "", [impl] { return double(impl->mirror.total()); });
    ctx.metrics.gauge("sluice_identity_breaker_open",
                      "1 while the identity provider's circuit breaker is open", "", [impl] {
                          auto s = impl->idp->state();
                          return s["breaker"].as_string() == "open" ? 1.0 : 0.0;
                      });
}

BookingService::~BookingService() {
    stop();
}

void BookingService::registerRoutes(http::Router& router) {
    Impl* m = m_impl.get();
    router.addAsync(
        Verb::post, "/v1/identity/verify",
        [m](http::RequestContext& rc, http::Responder r) { m->verify(rc, std::move(r)); },
        {.sheddable = true});
    router.add(Verb::get, "/v1/clinics", [m](http::RequestContext& rc) { return m->clinics(rc); },
               {.sheddable = true});
    // The two routes that put a job on the storage writer for every request.
    const auto writerFull = [m] { return m->writerFull(); };
    router.addAsync(
        Verb::post, "/v1/reservations",
        [m](http::RequestContext& rc, http::Responder r) { m->reserve(rc, std::move(r)); },
        {.busy = writerFull});
    router.addAsync(
        Verb::get, "/v1/reservations/{}",
        [m](http::RequestContext& rc, http::Responder r) { m->getReservation(rc, std::move(r)); });
    router.addAsync(Verb::delete_, "/v1/reservations/{}",
                    [m](http::RequestContext& rc, http::Responder r) {
                        m->cancelReservation(rc, std::move(r));
                    },
                    {.busy = writerFull});
}

void BookingService::start() {
    Impl& m = *m_impl;
    const int64_t now = nowUnixMs();
    // Parsed on every start so a broken file is reported the same way each time, but loaded into
    // the database on the first start only: a restart never overwrites live stock.
    auto clinics = parseClinics(readTextFile(m.clinicsPath), m.clinicsPath);
    auto stock = parseStock(readTextFile(m.stockPath), m.stockPath, koreaDate(now));
    validateDataSet(clinics, stock, m.stockPath);
    LoadedState state = m.store->open(clinics, stock, now);
    m.secret = state.secret;
    m.mirror.build(std::move(state.clinics), state.stock);
    {
        std::unique_lock lock(m.consumedMutex);
        for (auto& [token, scope] : state.consumedTokens)
            m.consumed.emplace(std::move(token), std::move(scope));
    }
    // Reachable stock for every cohort is the whole window's remaining doses: any admitted
    // citizen may book any clinic on any date (documented in docs/booking.md).
    Impl* impl = m_impl.get();
    m.ctx.queue.setStockProbe([impl](const std::string&) { return impl->mirror.total(); });
    m.housekeeping = std::make_shared<boost::asio::steady_timer>(m.ctx.control);
    m.scheduleHousekeeping();
    m.ready.store(true, std::memory_order_release);
    std::fprintf(stderr, "booking: %zu clinics, %zu dates, %lld doses left%s\n",
                 m.mirror.clinics().size(), m.mirror.dates().size(),
                 static_cast<long long>(m.mirror.total()),
                 state.firstLoad ? " (data set loaded on this first start)" : "");
}

void BookingService::stop() {
    Impl& m = *m_impl;
    if (m.stopping.exchange(true)) return;
    if (m.housekeeping) boost::asio::post(m.ctx.control, [t = m.housekeeping] { t->cancel(); });
    m.store->stop();
}

std::vector<ClinicStock> BookingService::stockSnapshot(uint64_t* version) const {
    return m_impl->mirror.snapshot(version, nowUnixMs());
}

std::vector<ClinicStock> BookingService::stockChangedSince(uint64_t sinceVersion,
                                                           uint64_t* version) const {
    return m_impl->mirror.changedSince(sinceVersion, version, nowUnixMs());
}

std::string BookingService::setIdentityProvider(const json::object& args, json::value* oldValue,
                                                json::value* newValue) {
    return m_impl->idp->update(args, oldValue, newValue);
}

json::object BookingService::identityProviderState() const {
    return m_impl->idp->state();
}

} // namespace sluice::booking
