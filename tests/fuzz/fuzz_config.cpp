// The files an operator hands the server, from one input:
//  - the config document (parseConfig), then the sections modules read themselves: "ops"
//    (parseOpsConfig) and "identity_provider" (parseIdpSettings);
//  - the booking data set, as JSON and as CSV (parseClinics, parseStock, validateDataSet);
//  - an audit checkpoint file (`audit verify --checkpoint FILE`: checkpointFromJson).
// The documented failure is one exception type with one line naming the field (ConfigError;
// std::runtime_error for the checkpoint). Anything else escaping, a crash or undefined
// behaviour is a defect; libFuzzer reports an escaping exception as a crash (abort).
#include "fuzz/fuzz_support.h"
#include "server/app/config.h"
#include "server/booking/clinic_data.h"
#include "server/booking/identity_provider.h"
#include "server/ops/audit_checkpoint.h"
#include "server/ops/ops_config.h"

#include <boost/json/parse.hpp>

namespace {
using namespace sluice;

constexpr int64_t kNowMs = 1'626'660'000'000; // 2021-07-19 11:00 KST

void checkOneLine(const std::exception& e) {
    const std::string what = e.what();
    FUZZ_CHECK(!what.empty(), "an error without a reason");
}

void config(const std::string& text) {
    ServerConfig cfg;
    try {
        cfg = parseConfig(text, "config.json", kNowMs);
    } catch (const ConfigError& e) {
        checkOneLine(e);
        return;
    }
    FUZZ_CHECK(!cfg.cohorts.empty(), "a config without cohorts accepted");
    for (const auto& c : cfg.cohorts)
        FUZZ_CHECK(!c.id.empty() && c.id.size() <= 32 && c.prequeueOpensMs <= c.opensMs &&
                       c.ratePerS > 0 && c.maxRatePerS >= c.ratePerS && c.maxActive >= 1,
                   "cohort %s accepted out of range", c.id.c_str());
    try {
        (void)ops::parseOpsConfig(cfg.root);
    } catch (const ConfigError& e) {
        checkOneLine(e);
    }
    if (const auto* idp = cfg.root.if_contains("identity_provider")) {
        try {
            if (idp->is_object())
                (void)booking::parseIdpSettings(idp->get_object(), "identity_provider", kNowMs);
        } catch (const ConfigError& e) {
            checkOneLine(e);
        }
    }
}

void dataSet(const std::string& text) {
    for (const char* suffix : {".json", ".csv"}) {
        std::vector<booking::ClinicRow> clinics;
        std::vector<booking::StockRow> stock;
        try {
            clinics = booking::parseClinics(text, std::string("clinics") + suffix);
        } catch (const ConfigError& e) {
            checkOneLine(e);
        }
        try {
            stock = booking::parseStock(text, std::string("stock") + suffix, "2021-07-19");
            for (const auto& s : stock)
                FUZZ_CHECK(booking::parseDate(s.date).has_value(), "stock date '%s' accepted",
                           s.date.c_str());
        } catch (const ConfigError& e) {
            checkOneLine(e);
        }
        try {
            booking::validateDataSet(clinics, stock, "data");
        } catch (const ConfigError& e) {
            checkOneLine(e);
        }
    }
}

void checkpoint(const std::string& text) {
    try {
        (void)ops::checkpointFromJson(text);
    } catch (const std::runtime_error& e) {
        checkOneLine(e);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(fuzz::asText(data, size));
    config(text);
    dataSet(text);
    checkpoint(text);
    return 0;
}
