// Feistel permutation with cycle-walking; see prequeue.h and docs/fairness.md.
#include "server/queue/prequeue.h"

#include <atomic>
#include <memory>
#include <stdexcept>
#include <vector>

namespace sluice::queue {

namespace {
std::atomic<uint64_t> g_nextId{1};
}

PrequeuePermutation::PrequeuePermutation(std::string seed, uint64_t size)
    : m_seed(std::move(seed)), m_size(size), m_id(g_nextId.fetch_add(1)) {
    if (size == 0) throw std::invalid_argument("empty pre-queue");
    int bits = 2;
    while (bits < 64 && (uint64_t(1) << bits) < size)
        bits += 2;
    m_halfBits = bits / 2;
    m_halfMask = (uint64_t(1) << m_halfBits) - 1;
}

const HmacSha256& PrequeuePermutation::mac() const {
    struct Entry {
        uint64_t id;
        std::unique_ptr<HmacSha256> mac;
    };
    thread_local std::vector<Entry> cache;
    for (auto& e : cache)
        if (e.id == m_id) return *e.mac;
    if (cache.size() >= 16) cache.erase(cache.begin()); // permutations are few and long-lived
    cache.push_back({m_id, std::make_unique<HmacSha256>(m_seed)});
    return *cache.back().mac;
}

uint64_t PrequeuePermutation::round(int r, uint64_t half) const {
    std::string msg = "sluice-prequeue-v1";
    msg.push_back(static_cast<char>(r));
    for (int i = 7; i >= 0; --i)
        msg.push_back(static_cast<char>((half >> (8 * i)) & 0xFF));
    Digest d = mac().sign(msg);
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | d[i];
    return v & m_halfMask;
}

uint64_t PrequeuePermutation::encryptOnce(uint64_t x) const {
    uint64_t left = x >> m_halfBits, right = x & m_halfMask;
    for (int r = 0; r < 6; ++r) {
        uint64_t next = left ^ round(r, right);
        left = right;
        right = next;
    }
    return (left << m_halfBits) | right;
}

uint64_t PrequeuePermutation::decryptOnce(uint64_t x) const {
    uint64_t left = x >> m_halfBits, right = x & m_halfMask;
    for (int r = 5; r >= 0; --r) {
        uint64_t prev = right ^ round(r, left);
        right = left;
        left = prev;
    }
    return (left << m_halfBits) | right;
}

uint64_t PrequeuePermutation::permute(uint64_t entry) const {
    if (entry >= m_size) throw std::out_of_range("entry outside the pre-queue");
    uint64_t x = encryptOnce(entry);
    while (x >= m_size)
        x = encryptOnce(x); // cycle-walking stays a permutation of [0, size)
    return x;
}

uint64_t PrequeuePermutation::inverse(uint64_t place) const {
    if (place >= m_size) throw std::out_of_range("place outside the pre-queue");
    uint64_t x = decryptOnce(place);
    while (x >= m_size)
        x = decryptOnce(x);
    return x;
}

} // namespace sluice::queue
