// In-memory mirror of clinic stock, so GET /v1/clinics, the ops stream and the queue's stock
// probe never touch disk on an event loop. The shape (clinics x dates) is fixed at start; the
// counts are atomics written only from the store's completion callbacks, i.e. after the change
// is durable, so the mirror never shows a dose that the database does not.
#pragma once
#include "server/app/context.h"
#include "server/booking/clinic_data.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sluice::booking {

class StockMirror {
public:
    static constexpr int64_t kNoStock = -1; // the clinic does not offer that date

    // Builds the shape; every slot in `stock` gets its remaining count.
    void build(std::vector<ClinicRow> clinics, const std::vector<StockRow>& stock);

    int clinicIndex(std::string_view id) const;
    int dateIndex(std::string_view date) const;
    const std::vector<ClinicRow>& clinics() const { return m_clinics; }
    const std::vector<std::string>& dates() const { return m_dates; }
    int64_t remaining(int clinic, int date) const;

    // A durable change of one slot. `reservedDelta` (+1 reserve, -1 cancel) feeds the
    // per-clinic "reserved in the last minute" figure. Single writer (the store's callbacks).
    void set(int clinic, int date, int64_t remaining, int reservedDelta, int64_t nowMs);

    int64_t total() const { return m_total.load(std::memory_order_relaxed); }
    uint64_t version() const { return m_version.load(std::memory_order_acquire); }
    std::vector<ClinicStock> snapshot(uint64_t* version, int64_t nowMs) const;
    std::vector<ClinicStock> changedSince(uint64_t since, uint64_t* version, int64_t nowMs) const;

private:
    struct PerClinic {
        std::atomic<uint64_t> version{0};
        std::atomic<int64_t> window{0};
        // Reservations per second over the last minute: a ring of 60 one-second buckets.
        std::atomic<int64_t> bucketSecond[60];
        std::atomic<int64_t> bucketCount[60];
    };
    ClinicStock view(int clinic, int64_t nowMs) const;

    std::vector<ClinicRow> m_clinics;
    std::unordered_map<std::string, int> m_clinicIndex;
    std::vector<std::string> m_dates; // sorted
    std::unordered_map<std::string, int> m_dateIndex;
    std::unique_ptr<std::atomic<int64_t>[]> m_slots; // clinic * dates + date
    std::unique_ptr<PerClinic[]> m_per;
    std::atomic<int64_t> m_total{0};
    std::atomic<uint64_t> m_version{0};
};

} // namespace sluice::booking
