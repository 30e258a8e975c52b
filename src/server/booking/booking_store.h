// The booking zone's storage, behind an interface the HTTP layer alone talks to, so a
// PostgreSQL implementation (scale-out) can replace the embedded SQLite one without touching
// booking_service.cpp. Every decision that must be atomic with the stock change (idempotency
// record, single-use token, eligibility, one active reservation per person and dose, the
// conditional decrement) happens inside the store's transaction. Completion callbacks run on
// a store thread only after the outcome is durable.
#pragma once
#include "server/booking/clinic_data.h"

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sluice::booking {

// An HTTP answer kept under an idempotency key.
struct StoredResponse {
    int status = 0;
    std::string body;
};

enum class Eligibility { Eligible, NotEligible, OtherCohort };

struct ReserveRequest {
    std::string scope;       // idempotency scope: token id + client key
    std::string requestHash; // fingerprint of method, path, cohort and body
    std::string tokenId, cohort;
    std::string personId, clinicId, date;
    int dose = 1;
    std::string reservationId; // chosen by the caller (unguessable)
    int64_t nowMs = 0;
    int64_t keyTtlMs = 24 * 3600'000LL;
    // Both run inside the transaction.
    std::function<Eligibility(const std::string& birthDate)> eligibility;
};

enum class ReserveResult {
    Confirmed,       // 201, stock decremented, token consumed
    Replayed,        // same key, same request: `response` is the stored answer
    KeyReused,       // same key, different request (422), nothing stored
    TokenConsumed,   // the token was already used by another key (403), nothing stored
    UnknownPerson,   // person_id never verified (404)
    NotEligible,     // birth date outside every cohort (422)
    OtherCohort,     // birth date belongs to another cohort (403)
    AlreadyReserved, // an active reservation for this person and dose exists (409)
    SoldOut,         // no dose left for that clinic and date (409)
    UnknownSlot,     // the clinic does not offer that date (404)
    Failed,          // storage error; `error` says what
};
const char* reserveResultName(ReserveResult r);

struct ReserveOutcome {
    ReserveResult result = ReserveResult::Failed;
    StoredResponse response; // stored or replayed answer (empty for KeyReused, TokenConsumed)
    int64_t remaining = -1;  // the slot's stock after the transaction (when read)
    std::string error;
};

struct ReservationRecord {
    std::string id, personId, clinicId, date, status, cohort;
    int dose = 1;
    int64_t createdAtMs = 0, cancelledAtMs = 0;
};

struct CancelOutcome {
    enum Result { Cancelled, AlreadyCancelled, NotFound, Failed } result = Failed;
    ReservationRecord record;
    int64_t remaining = -1; // slot stock after a cancellation
    std::string error;
};

// What the service works from after start-up.
struct LoadedState {
    std::vector<ClinicRow> clinics;
    std::vector<StockRow> stock;                                     // remaining doses now
    std::vector<std::pair<std::string, std::string>> consumedTokens; // token id, scope
    std::string secret;     // server secret for person ids and manage keys (hex)
    bool firstLoad = false; // the data set was loaded on this start
};

class BookingStore {
public:
    virtual ~BookingStore() = default;
    // Blocking, at start-up: schema, the data set on first start only (live stock is never
    // overwritten on restart), then the current state.
    virtual LoadedState open(const std::vector<ClinicRow>& clinics,
                             const std::vector<StockRow>& stock, int64_t nowMs) = 0;
    virtual void savePerson(const std::string& personId, const std::string& birthDate,
                            int64_t nowMs, std::function<void(std::exception_ptr)> done) = 0;
    // `render` maps the outcome to the answer kept under the idempotency key; it runs inside the
    // transaction for outcomes that are stored.
    virtual void
    reserve(ReserveRequest request,
            std::function<StoredResponse(const ReserveOutcome&, const ReserveRequest&)> render,
            std::function<void(ReserveOutcome)> done) = 0;
    virtual void cancel(const std::string& reservationId, int64_t nowMs,
                        std::function<void(CancelOutcome)> done) = 0;
    // Reads never run on an event loop: `done` runs on a reader thread.
    virtual void
    get(const std::string& reservationId,
        std::function<void(std::optional<ReservationRecord>, std::string error)> done) = 0;
    virtual void purgeExpiredKeys(int64_t olderThanMs) = 0;
    virtual void stop() = 0;
};

} // namespace sluice::booking
