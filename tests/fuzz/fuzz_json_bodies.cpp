// Every JSON request body the server reads, from one input used as the body:
//  - http::parseJsonObjectBody as the handlers call it (Content-Type application/json, none,
//    and text/plain, which must be refused with 415 whatever the body);
//  - POST /v1/queue/{}/join and /admit: the optional body must only be a JSON object;
//  - POST /v1/identity/verify: name, birth_date and phone through booking's field readers,
//    normaliseName (must be idempotent: the same person always gets the same person_id),
//    the phone normalisation, parseDate and the birth year;
//  - POST /v1/reservations: person_id, clinic_id, date and dose (intField);
//  - the set_identity_provider command's args (IdentityProvider::update) and the
//    identity_provider config section (parseIdpSettings, which must read its own output back).
#include "fuzz/booking_readers.h"
#include "fuzz/fuzz_support.h"
#include "server/app/config.h"
#include "server/booking/booking_service.h"
#include "server/booking/clinic_data.h"
#include "server/booking/identity_provider.h"
#include "server/http/router.h"

#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>

namespace {
using namespace sluice;
using namespace sluice::http;
namespace json = boost::json;
namespace br = sluice::fuzz::booking_readers;

constexpr int64_t kNowMs = 1'626'660'000'000; // 2021-07-19 11:00 KST, the night of the opening

std::string_view view(const json::string& s) {
    return {s.data(), s.size()};
}

void verifyBody(const json::object& body) {
    const auto* name = br::stringField(body, "name");
    const auto* birth = br::stringField(body, "birth_date");
    const auto* phone = br::stringField(body, "phone");
    if (name) {
        const std::string n = booking::normaliseName(view(*name));
        const std::string again = booking::normaliseName(n);
        FUZZ_CHECK(again == n, "normaliseName is not idempotent: '%s' -> '%s'", n.c_str(),
                   again.c_str());
        FUZZ_CHECK(n.empty() ||
                       (n.front() != ' ' && n.back() != ' ' && n.find("  ") == std::string::npos),
                   "normalised name '%s' has stray spaces", n.c_str());
    }
    if (phone) {
        const std::string p = br::normalisePhone(view(*phone));
        for (char c : p)
            FUZZ_CHECK(c >= '0' && c <= '9', "normalised phone '%s' is not digits", p.c_str());
    }
    if (birth) {
        const std::string b(view(*birth));
        (void)br::birthYear(b);
        if (auto days = booking::parseDate(b)) {
            const std::string text = booking::formatDate(*days);
            FUZZ_CHECK(booking::parseDate(text) == days, "formatDate(parseDate('%s')) = '%s'",
                       b.c_str(), text.c_str());
        }
    }
}

void reservationBody(const json::object& body) {
    (void)br::stringField(body, "person_id");
    (void)br::stringField(body, "clinic_id");
    if (const auto* date = br::stringField(body, "date")) (void)booking::parseDate(view(*date));
    if (body.contains("dose")) {
        if (auto dose = br::intField(body, "dose")) {
            const json::value& v = body.at("dose");
            FUZZ_CHECK(v.is_number() && v.to_number<double>() == double(*dose),
                       "intField read %lld from %s", static_cast<long long>(*dose),
                       json::serialize(v).c_str());
        }
    }
}

void identityProviderArgs(const json::object& body) {
    // The ops command's path: BookingService::setIdentityProvider -> IdentityProvider::update.
    static boost::asio::io_context timers; // never run: verify() is not called
    booking::IdentityProvider idp(timers, {}, [] { return kNowMs; });
    json::value oldValue, newValue;
    (void)idp.update(body, &oldValue, &newValue);
    (void)idp.state();
    // The config section's path, and its own output read back.
    std::optional<booking::IdpSettings> s;
    try {
        s = booking::parseIdpSettings(body, "identity_provider", kNowMs);
    } catch (const ConfigError&) {
        return;
    }
    const json::object out = booking::idpSettingsToJson(*s);
    std::optional<booking::IdpSettings> back;
    try {
        back = booking::parseIdpSettings(out, "identity_provider", kNowMs);
    } catch (const ConfigError& e) {
        FUZZ_CHECK(false, "settings %s do not read back: %s", json::serialize(out).c_str(),
                   e.what());
    }
    FUZZ_CHECK(booking::idpSettingsToJson(*back) == out, "settings %s read back as %s",
               json::serialize(out).c_str(),
               json::serialize(booking::idpSettingsToJson(*back)).c_str());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Request req{Verb::post, "/v1/identity/verify", 11};
    req.body() = std::string(fuzz::asText(data, size));
    req.prepare_payload();

    std::optional<Response> error;
    req.set(bhttp::field::content_type, "application/json; charset=utf-8");
    auto body = parseJsonObjectBody(req, error);
    FUZZ_CHECK(body.has_value() != error.has_value(), "body and error both %s",
               body ? "set" : "unset");
    if (error) FUZZ_CHECK(error->result() == Status::bad_request, "%u", error->result_int());

    std::optional<Response> error2;
    req.erase(bhttp::field::content_type);
    auto body2 = parseJsonObjectBody(req, error2);
    FUZZ_CHECK(body2.has_value() == body.has_value(), "no Content-Type changed the outcome");

    std::optional<Response> error3;
    req.set(bhttp::field::content_type, "text/plain");
    FUZZ_CHECK(!parseJsonObjectBody(req, error3) && error3 &&
                   error3->result() == Status::unsupported_media_type,
               "a text/plain body was not refused with 415");

    if (!body) return 0;
    verifyBody(*body);
    reservationBody(*body);
    identityProviderArgs(*body);
    return 0;
}
