// The pre-queue shuffle as a keyed pseudo-random permutation: place = perm(entry) over
// [0, size), computed from the revealed seed and the entry number on the ticket, so the
// server stores nothing per entry and anyone can recompute their place after the opening.
// Construction (docs/fairness.md): a balanced Feistel network over the smallest even number
// of bits covering `size`, 6 rounds, round function = first 8 bytes (big-endian) of
// HMAC-SHA256(seed, "sluice-prequeue-v1" | round | right half as 8 bytes big-endian),
// cycle-walking until the value falls inside [0, size).
#pragma once
#include "common/crypto.h"

#include <cstdint>
#include <string>

namespace sluice::queue {

// Thread-safe: every thread computes with its own MAC context (HmacSha256 is not thread-safe).
class PrequeuePermutation {
public:
    PrequeuePermutation(std::string seed, uint64_t size);
    uint64_t size() const { return m_size; }
    uint64_t permute(uint64_t entry) const; // entry < size
    uint64_t inverse(uint64_t place) const; // place < size

private:
    uint64_t round(int r, uint64_t half) const;
    const HmacSha256& mac() const; // this thread's context for this permutation
    uint64_t encryptOnce(uint64_t x) const;
    uint64_t decryptOnce(uint64_t x) const;
    std::string m_seed;
    uint64_t m_size;
    int m_halfBits;
    uint64_t m_halfMask;
    uint64_t m_id; // distinguishes instances in the per-thread context cache
};

} // namespace sluice::queue
