// The booking zone behind the waiting room: identity check, clinic listing, reservations.
// Every endpoint needs a valid admission token (or, for a reservation's later visit, its
// manage key); each refusal is counted by kind in sluice_bypass_attempts_total. Reservations
// go through the BookingStore transaction and are answered only once durable. The booking
// data set, the identity provider and the stock mirror live here; the ops stream reads them
// through BookingFacade. See docs/booking.md.
#pragma once
#include "server/app/context.h"

#include <memory>
#include <string>
#include <string_view>

namespace sluice::booking {

// The name as the person id is computed from: the same person's name always gives the same
// text, whatever invisible characters, white space or Hangul encoding it came with.
std::string normaliseName(std::string_view in);

// Where clinics.csv and stock.csv are read from when the configuration names neither them nor
// "resources_dir": <binary>/../share/sluice when installed there, else the source tree's
// resources/.
std::string defaultResourcesDir();

class BookingService : public BookingFacade {
public:
    // Reads the "clinics", "stock", "resources_dir" and "identity_provider" config keys; throws
    // sluice::ConfigError naming the field.
    explicit BookingService(AppContext& ctx);
    ~BookingService() override;
    BookingService(const BookingService&) = delete;
    BookingService& operator=(const BookingService&) = delete;

    void registerRoutes(http::Router& router);
    // Loads the data set (first start only) and the live stock, wires the queue's stock probe
    // and starts housekeeping on the control context. Blocking; at start-up.
    void start();
    // Stops answering new work; in-flight store jobs still complete and answer.
    void stop();

    // BookingFacade
    std::vector<ClinicStock> stockSnapshot(uint64_t* version) const override;
    std::vector<ClinicStock> stockChangedSince(uint64_t sinceVersion,
                                               uint64_t* version) const override;
    std::string setIdentityProvider(const boost::json::object& args, boost::json::value* oldValue,
                                    boost::json::value* newValue) override;
    boost::json::object identityProviderState() const override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sluice::booking
