// HMAC-SHA256 with a key context set up once and re-initialised per call (about 5x faster
// than one-shot HMAC()), SHA-256, constant-time comparison and secure random bytes.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sluice {

using Digest = std::array<unsigned char, 32>;

// One keyed MAC. Not thread-safe: sign() reuses one OpenSSL context. Give each thread its own
// (HmacSha256 is cheap to copy-construct from the key) or guard it.
class HmacSha256 {
public:
    explicit HmacSha256(std::string_view key);
    ~HmacSha256();
    HmacSha256(const HmacSha256& other);
    HmacSha256& operator=(const HmacSha256&) = delete;

    Digest sign(std::string_view data) const;
    const std::string& key() const { return m_key; }

private:
    struct Impl;
    std::string m_key;
    std::unique_ptr<Impl> m_impl;
};

Digest sha256(std::string_view data);
std::string sha256Hex(std::string_view data);
bool constantTimeEqual(const void* a, const void* b, std::size_t size);
// Cryptographically secure random bytes (OpenSSL RAND_bytes); throws on failure.
std::string randomBytes(std::size_t n);
uint64_t randomU64();

} // namespace sluice
