// Abuse screening at join: off by default, switched per cohort by an operator (set_screening)
// or for every cohort by the config (docs/security.md, "Bots in the pre-queue").
// - Proof of work: a join that draws a new ticket must carry a solved challenge
//   (`X-Sluice-Pow: CHALLENGE:SOLUTION`, common/pow.h) of at least the cohort's difficulty.
//   Challenges are signed, stateless and valid for kChallengeTtlMs; each one buys one ticket
//   (SpentChallenges remembers the spent ones for at least their lifetime).
// - A per-client join limit: new tickets per client address per minute, a token bucket per
//   address (IPv6 by its /64); behind a trusted proxy, the last address it appended to
//   X-Forwarded-For. Bounded memory: past kMaxClients addresses the limiter lets joins through
//   and counts them, it never refuses a citizen for lack of room.
// A rejoin with a held ticket draws nothing new: it needs no work and is never limited.
#pragma once
#include "common/pow.h"
#include "common/signed_codec.h"

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sluice::queue {

inline constexpr int64_t kChallengeTtlMs = 120'000;

// Why a join's proof of work was refused (None: it holds).
enum class PowRefusal {
    None,
    Missing,
    Malformed,
    Forged,
    OtherCohort,
    Expired,
    TooEasy,
    Wrong,
    Reused
};
// The API's error code for a refusal: pow_required (missing), pow_invalid (the rest but
// Reused), pow_reused.
const char* powRefusalCode(PowRefusal r);
// One sentence for the error body.
const char* powRefusalMessage(PowRefusal r);

// Spent challenge nonces, remembered for at least `ttlMs` after they were spent: two
// generations of `ttlMs` each, the older dropped when a new one starts. Thread-safe (sharded).
class SpentChallenges {
public:
    explicit SpentChallenges(int64_t ttlMs = kChallengeTtlMs) : m_ttlMs(ttlMs) {}
    // True when `nonce` had not been spent (it is now).
    bool spend(uint64_t nonce, int64_t nowMs);
    // Forgets a nonce just spent whose join then failed (no ticket was drawn).
    void release(uint64_t nonce);
    std::size_t size() const;

private:
    struct Shard {
        mutable std::mutex mu;
        std::unordered_set<uint64_t> current, previous;
        int64_t generationStartMs = 0;
    };
    int64_t m_ttlMs;
    std::array<Shard, 16> m_shards;
};

// Token buckets per client key. Thread-safe (sharded).
class ClientLimiter {
public:
    static constexpr std::size_t kMaxClients = 1'000'000;
    // Takes one join for `client` at `perMinute` (burst: the same number). 0 when allowed,
    // otherwise the milliseconds until the next join is allowed.
    int64_t take(std::string_view client, int perMinute, int64_t nowMs);
    std::size_t size() const;
    // Joins let through because the table was full (never refused for lack of room).
    uint64_t overflowed() const;

private:
    struct Bucket {
        double tokens = 0;
        int64_t atMs = 0;
    };
    struct Shard {
        mutable std::mutex mu;
        std::unordered_map<std::string, Bucket> buckets;
        int64_t sweptAtMs = 0;
        uint64_t overflowed = 0;
    };
    std::array<Shard, 16> m_shards;
};

// The key a client is counted under. `peer` is "address:port"; with `forwardedFor` (the
// X-Forwarded-For header) and the peer among `trustedProxies`, the last address in the header
// counts instead. IPv6 addresses count by their /64.
std::string clientKey(std::string_view peer, std::string_view forwardedFor,
                      const std::vector<std::string>& trustedProxies);

// Challenge tokens: a signed Claims of kind Challenge (number = difficulty bits).
std::string makeChallenge(const SignedCodec& codec, const std::string& cohort, int bits,
                          int64_t nowMs);
// Checks `header` ("CHALLENGE:SOLUTION") for `cohort` at difficulty `bits`; `notBeforeMs`: a
// challenge issued earlier is refused (the spent set does not survive a restart). When it
// holds, `nonce` receives the challenge's nonce, which the caller spends (SpentChallenges)
// once the join goes through.
PowRefusal checkPow(const SignedCodec& codec, std::string_view header, const std::string& cohort,
                    int bits, int64_t nowMs, int64_t notBeforeMs, uint64_t* nonce);

} // namespace sluice::queue
