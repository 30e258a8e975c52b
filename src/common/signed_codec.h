// Tickets and admission tokens: a small binary payload plus HMAC-SHA256, in base64url.
// The payload names the key that signed it, so keys rotate without invalidating tickets:
// every key in the ring verifies, only the current one signs.
#pragma once
#include "common/crypto.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

// Challenge: a proof-of-work challenge (common/pow.h); number = its difficulty in bits.
enum class ClaimKind : uint8_t { Ticket = 1, AdmissionToken = 2, Challenge = 3 };

struct Claims {
    ClaimKind kind = ClaimKind::Ticket;
    std::string cohort;      // cohort id, 1..32 bytes
    uint64_t number = 0;     // ticket: issue counter value; token: queue position
    int64_t issuedAtMs = 0;  // unix ms
    int64_t expiresAtMs = 0; // unix ms, 0 = no expiry
    uint64_t nonce = 0;      // random per ticket; a token carries its ticket's nonce
    bool operator==(const Claims&) const = default;
};

enum class CodecError {
    None,
    Malformed,    // not base64url, wrong length or version, bad field
    UnknownKey,   // signed with a key this server does not hold
    BadSignature, // MAC mismatch: tampered or forged
};
const char* codecErrorName(CodecError e);

struct DecodeResult {
    std::optional<Claims> claims;
    CodecError error = CodecError::None;
    explicit operator bool() const { return claims.has_value(); }
};

// Key material: key id -> secret. Immutable once built; share one const instance across threads.
class KeyRing {
public:
    KeyRing() = default;
    void add(uint8_t keyId, std::string secret); // the last added key becomes current
    uint8_t currentKeyId() const { return m_current; }
    bool has(uint8_t keyId) const { return m_keys.count(keyId) != 0; }
    const std::string* secret(uint8_t keyId) const;
    std::size_t size() const { return m_keys.size(); }
    uint64_t id() const { return m_id; }

    // The data folder's key file: one "KEYID HEXSECRET" line per key, the last line current.
    // Created with a fresh key (mode 0600) when missing; a file that exists but holds no key
    // is refused, never replaced. Throws std::runtime_error with a one-line reason on failure.
    static KeyRing loadOrCreate(const std::string& path);
    // Adds a new current key to the file, keeping the previous one (older ones are dropped).
    static KeyRing rotate(const std::string& path);

private:
    std::map<uint8_t, std::string> m_keys;
    uint8_t m_current = 0;
    uint64_t m_id = 0;
};

class SignedCodec {
public:
    explicit SignedCodec(std::shared_ptr<const KeyRing> keys);
    std::string encode(const Claims& claims) const;
    DecodeResult decode(std::string_view text) const;
    const KeyRing& keys() const { return *m_keys; }

private:
    const HmacSha256& macFor(uint8_t keyId) const; // per-thread cached contexts
    std::shared_ptr<const KeyRing> m_keys;
};

} // namespace sluice
