// Abuse screening at join (see join_screen.h).
#include "server/queue/join_screen.h"

#include "common/crypto.h"
#include "common/pow.h"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <functional>

namespace sluice::queue {

const char* powRefusalCode(PowRefusal r) {
    switch (r) {
    case PowRefusal::None:
        return "";
    case PowRefusal::Missing:
        return "pow_required";
    case PowRefusal::Reused:
        return "pow_reused";
    default:
        return "pow_invalid";
    }
}

const char* powRefusalMessage(PowRefusal r) {
    switch (r) {
    case PowRefusal::None:
        return "";
    case PowRefusal::Missing:
        return "this cohort asks every new ticket for a small proof of work: solve the challenge "
               "below and join again with X-Sluice-Pow";
    case PowRefusal::Malformed:
        return "X-Sluice-Pow must be CHALLENGE:SOLUTION";
    case PowRefusal::Forged:
        return "the challenge was not issued by this service";
    case PowRefusal::OtherCohort:
        return "the challenge belongs to another cohort";
    case PowRefusal::Expired:
        return "the challenge expired; solve the new one below";
    case PowRefusal::TooEasy:
        return "the challenge is easier than this cohort now asks; solve the new one below";
    case PowRefusal::Wrong:
        return "the solution does not solve the challenge";
    case PowRefusal::Reused:
        return "this challenge already bought a ticket; solve the new one below";
    }
    return "";
}

namespace {
std::size_t shardOf(uint64_t h) {
    return (h ^ (h >> 29)) & 15u;
}
} // namespace

bool SpentChallenges::spend(uint64_t nonce, int64_t nowMs) {
    Shard& s = m_shards[shardOf(nonce * 0x9E3779B97F4A7C15ull)];
    std::lock_guard lock(s.mu);
    if (nowMs - s.generationStartMs >= m_ttlMs) {
        // A nonce moves to `previous` at the earliest when its generation ends and is dropped
        // a whole generation later: at least ttl after it was spent.
        s.previous.swap(s.current);
        s.current.clear();
        if (nowMs - s.generationStartMs >= 2 * m_ttlMs) s.previous.clear();
        s.generationStartMs = nowMs;
    }
    if (s.previous.count(nonce)) return false;
    return s.current.insert(nonce).second;
}

void SpentChallenges::release(uint64_t nonce) {
    Shard& s = m_shards[shardOf(nonce * 0x9E3779B97F4A7C15ull)];
    std::lock_guard lock(s.mu);
    s.current.erase(nonce);
}

std::size_t SpentChallenges::size() const {
    std::size_t n = 0;
    for (const Shard& s : m_shards) {
        std::lock_guard lock(s.mu);
        n += s.current.size() + s.previous.size();
    }
    return n;
}

int64_t ClientLimiter::take(std::string_view client, int perMinute, int64_t nowMs) {
    if (perMinute <= 0) return 0;
    Shard& s = m_shards[shardOf(std::hash<std::string_view>{}(client))];
    const double perMs = perMinute / 60'000.0;
    const double burst = perMinute;
    std::lock_guard lock(s.mu);
    // Once a minute, drop the buckets that have refilled completely: they hold no information.
    if (nowMs - s.sweptAtMs >= 60'000) {
        std::erase_if(s.buckets, [&](const auto& kv) {
            return kv.second.tokens + double(nowMs - kv.second.atMs) * perMs >= burst;
        });
        s.sweptAtMs = nowMs;
    }
    auto it = s.buckets.find(std::string(client));
    if (it == s.buckets.end()) {
        if (s.buckets.size() >= kMaxClients / m_shards.size()) {
            ++s.overflowed;
            return 0;
        }
        it = s.buckets.emplace(std::string(client), Bucket{burst, nowMs}).first;
    }
    Bucket& b = it->second;
    b.tokens = std::min(burst, b.tokens + double(std::max<int64_t>(0, nowMs - b.atMs)) * perMs);
    b.atMs = nowMs;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return std::max<int64_t>(1, int64_t((1.0 - b.tokens) / perMs + 0.999));
}

std::size_t ClientLimiter::size() const {
    std::size_t n = 0;
    for (const Shard& s : m_shards) {
        std::lock_guard lock(s.mu);
        n += s.buckets.size();
    }
    return n;
}

uint64_t ClientLimiter::overflowed() const {
    uint64_t n = 0;
    for (const Shard& s : m_shards) {
        std::lock_guard lock(s.mu);
        n += s.overflowed;
    }
    return n;
}

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// "1.2.3.4:5678" -> "1.2.3.4", "::1:5678" -> "::1" (the server writes IPv6 without brackets).
std::string_view addressOf(std::string_view peer) {
    const auto colon = peer.rfind(':');
    return colon == std::string_view::npos ? peer : peer.substr(0, colon);
}

std::string keyOf(std::string_view address) {
    boost::system::error_code ec;
    const auto a = boost::asio::ip::make_address(std::string(address), ec);
    if (ec) return std::string(address);
    if (a.is_v4()) return a.to_string();
    auto v6 = a.to_v6();
    if (v6.is_v4_mapped())
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
    auto bytes = v6.to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0); // one household or customer: its /64
    return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}
} // namespace

std::string clientKey(std::string_view peer, std::string_view forwardedFor,
                      const std::vector<std::string>& trustedProxies) {
    const std::string_view address = addressOf(peer);
    if (!forwardedFor.empty() &&
        std::find(trustedProxies.begin(), trustedProxies.end(), address) != trustedProxies.end()) {
        // The proxy appends the address it saw last; earlier entries are the client's own words.
        const auto comma = forwardedFor.rfind(',');
        const std::string_view last =
            trim(comma == std::string_view::npos ? forwardedFor : forwardedFor.substr(comma + 1));
        if (!last.empty()) return keyOf(last);
    }
    return keyOf(address);
}

std::string makeChallenge(const SignedCodec& codec, const std::string& cohort, int bits,
                          int64_t nowMs) {
    Claims c{ClaimKind::Challenge,    cohort,     uint64_t(std::clamp(bits, 0, kMaxPowBits)), nowMs,
             nowMs + kChallengeTtlMs, randomU64()};
    return codec.encode(c);
}

PowRefusal checkPow(const SignedCodec& codec, std::string_view header, const std::string& cohort,
                    int bits, int64_t nowMs, int64_t notBeforeMs, uint64_t* nonce) {
    header = trim(header);
    if (header.empty()) return PowRefusal::Missing;
    const auto colon = header.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return PowRefusal::Malformed;
    const std::string_view challenge = header.substr(0, colon), solution = header.substr(colon + 1);
    const DecodeResult d = codec.decode(challenge);
    if (!d) return d.error == CodecError::Malformed ? PowRefusal::Malformed : PowRefusal::Forged;
    const Claims& c = *d.claims;
    if (c.kind != ClaimKind::Challenge) return PowRefusal::Malformed;
    if (c.cohort != cohort) return PowRefusal::OtherCohort;
    if (c.expiresAtMs <= nowMs || c.issuedAtMs < notBeforeMs) return PowRefusal::Expired;
    if (int64_t(c.number) < bits) return PowRefusal::TooEasy;
    if (!powSolves(challenge, solution, int(c.number))) return PowRefusal::Wrong;
    if (nonce) *nonce = c.nonce;
    return PowRefusal::None;
}

} // namespace sluice::queue
