// Helpers shared by the waiting-room suites: configs and reading the number inside a ticket.
#pragma once
#include "common/base64url.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace sluice::test {

// The issue number carried by a ticket (layout in docs/api.md): after 4 header bytes and the
// cohort id. Returns UINT64_MAX for an undecodable ticket.
inline uint64_t ticketNumber(const std::string& ticket) {
    std::string raw;
    if (!base64urlDecode(ticket, raw) || raw.size() < 5) return UINT64_MAX;
    std::size_t off = 4 + static_cast<unsigned char>(raw[3]);
    if (raw.size() < off + 8) return UINT64_MAX;
    uint64_t n;
    std::memcpy(&n, raw.data() + off, 8);
    return n;
}

inline std::string cohortJson(const std::string& id, const std::string& prequeue,
                              const std::string& opens, double rate, long maxActive = 100000,
                              int windowS = 1200) {
    return "{\"id\":\"" + id + "\",\"label\":{\"ko\":\"" + id + "세\",\"en\":\"Ages " + id +
           "\"},\"birth_year_from\":1967,\"birth_year_to\":1968,\"prequeue_opens\":\"" + prequeue +
           "\",\"opens\":\"" + opens + "\",\"rate_per_s\":" + std::to_string(rate) +
           ",\"max_active\":" + std::to_string(maxActive) +
           ",\"session_window_s\":" + std::to_string(windowS) + "}";
}

} // namespace sluice::test
