// Binary layout (little-endian): version u8 | kind u8 | key id u8 | cohort length u8 | cohort
// | number u64 | issued_at_ms i64 | expires_at_ms i64 | nonce u64, then a 32-byte HMAC-SHA256
// of all of it; base64url without padding.
#include "common/signed_codec.h"

#include "common/base64url.h"

#include <sys/stat.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

namespace sluice {
namespace {
constexpr uint8_t kVersion = 1;
constexpr std::size_t kMacSize = 32;
constexpr std::size_t kMaxCohort = 32;
constexpr std::size_t kFixed = 4 + 8 + 8 + 8 + 8;

template <typename T> void put(std::string& s, T v) {
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T)); // x86-64 and aarch64 are little-endian
    s.append(buf, sizeof(T));
}
template <typename T> T get(const char*& p) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    p += sizeof(T);
    return v;
}
std::atomic<uint64_t> g_ringIds{1};
} // namespace

const char* codecErrorName(CodecError e) {
    switch (e) {
    case CodecError::None:
        return "none";
    case CodecError::Malformed:
        return "malformed";
    case CodecError::UnknownKey:
        return "unknown_key";
    case CodecError::BadSignature:
        return "bad_signature";
    }
    return "unknown";
}

void KeyRing::add(uint8_t keyId, std::string secret) {
    if (secret.size() < 32) throw std::runtime_error("signing key shorter than 32 bytes");
    m_keys[keyId] = std::move(secret);
    m_current = keyId;
    m_id = g_ringIds.fetch_add(1);
}

const std::string* KeyRing::secret(uint8_t keyId) const {
    auto it = m_keys.find(keyId);
    return it == m_keys.end() ? nullptr : &it->second;
}

namespace {
std::vector<std::pair<int, std::string>> readKeyFile(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::pair<int, std::string>> keys;
    if (!in) return keys;
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty() || line[0] == '#') continue;
        std::istringstream ls(line);
        int id = -1;
        std::string hex;
        ls >> id >> hex;
        auto secret = hexDecode(hex);
        if (id < 0 || id > 255 || !secret)
            throw std::runtime_error(path + ":" + std::to_string(lineNo) +
                                     ": expected 'KEYID HEXSECRET'");
        keys.emplace_back(id, *secret);
    }
    return keys;
}

void writeKeyFile(const std::string& path, const std::vector<std::pair<int, std::string>>& keys) {
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write signing keys to " + tmp);
        ::chmod(tmp.c_str(), 0600);
        out << "# Sluice signing keys: KEYID HEXSECRET; the last line signs, all verify.\n";
        for (auto& [id, secret] : keys)
            out << id << ' ' << hexEncode(secret.data(), secret.size()) << '\n';
        out.flush();
        if (!out) throw std::runtime_error("cannot write signing keys to " + tmp);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        throw std::runtime_error("cannot replace " + path);
}

KeyRing ringFrom(const std::vector<std::pair<int, std::string>>& keys) {
    KeyRing ring;
    for (auto& [id, secret] : keys)
        ring.add(static_cast<uint8_t>(id), secret);
    return ring;
}
} // namespace

KeyRing KeyRing::loadOrCreate(const std::string& path) {
    const bool exists = ::access(path.c_str(), F_OK) == 0;
    auto keys = readKeyFile(path);
    if (keys.empty() && exists)
        // Replacing it would silently invalidate every ticket and admission token held by a
        // citizen: an empty key file is damage to repair, not a first start.
        throw std::runtime_error(path +
                                 " holds no signing key (empty or damaged): every ticket citizens "
                                 "hold was signed by a key from it. Restore it from a backup; to "
                                 "start with new keys on purpose, remove the file");
    if (keys.empty()) {
        keys.emplace_back(1, randomBytes(32));
        writeKeyFile(path, keys);
    }
    return ringFrom(keys);
}

KeyRing KeyRing::rotate(const std::string& path) {
    auto keys = readKeyFile(path);
    int next = keys.empty() ? 1 : (keys.back().first % 255) + 1;
    keys.emplace_back(next, randomBytes(32));
    if (keys.size() > 2) keys.erase(keys.begin(), keys.end() - 2);
    writeKeyFile(path, keys);
    return ringFrom(keys);
}

SignedCodec::SignedCodec(std::shared_ptr<const KeyRing> keys) : m_keys(std::move(keys)) {
    if (!m_keys || m_keys->size() == 0) throw std::runtime_error("empty key ring");
}

const HmacSha256& SignedCodec::macFor(uint8_t keyId) const {
    struct Entry {
        uint64_t ring;
        uint8_t key;
        std::unique_ptr<HmacSha256> mac;
    };
    thread_local std::vector<Entry> cache;
    for (auto& e : cache)
        if (e.ring == m_keys->id() && e.key == keyId) return *e.mac;
    if (cache.size() > 64) cache.clear();
    cache.push_back({m_keys->id(), keyId, std::make_unique<HmacSha256>(*m_keys->secret(keyId))});
    return *cache.back().mac;
}

std::string SignedCodec::encode(const Claims& c) const {
    if (c.cohort.empty() || c.cohort.size() > kMaxCohort)
        throw std::invalid_argument("cohort id must be 1..32 bytes");
    std::string raw;
    raw.reserve(kFixed + c.cohort.size() + kMacSize);
    raw.push_back(static_cast<char>(kVersion));
    raw.push_back(static_cast<char>(c.kind));
    raw.push_back(static_cast<char>(m_keys->currentKeyId()));
    raw.push_back(static_cast<char>(c.cohort.size()));
    raw.append(c.cohort);
    put<uint64_t>(raw, c.number);
    put<int64_t>(raw, c.issuedAtMs);
    put<int64_t>(raw, c.expiresAtMs);
    put<uint64_t>(raw, c.nonce);
    Digest mac = macFor(m_keys->currentKeyId()).sign(raw);
    raw.append(reinterpret_cast<const char*>(mac.data()), mac.size());
    return base64urlEncode(raw);
}

DecodeResult SignedCodec::decode(std::string_view text) const {
    DecodeResult r;
    r.error = CodecError::Malformed;
    if (text.size() > 256) return r;
    std::string raw;
    if (!base64urlDecode(text, raw)) return r;
    if (raw.size() < kFixed + 1 + kMacSize) return r;
    const std::size_t cohortLen = static_cast<unsigned char>(raw[3]);
    if (static_cast<unsigned char>(raw[0]) != kVersion || cohortLen == 0 ||
        cohortLen > kMaxCohort || raw.size() != kFixed + cohortLen + kMacSize)
        return r;
    const uint8_t kind = static_cast<unsigned char>(raw[1]);
    if (kind != uint8_t(ClaimKind::Ticket) && kind != uint8_t(ClaimKind::AdmissionToken) &&
        kind != uint8_t(ClaimKind::Challenge))
        return r;
    const uint8_t keyId = static_cast<unsigned char>(raw[2]);
    if (!m_keys->has(keyId)) {
        r.error = CodecError::UnknownKey;
        return r;
    }
    const std::size_t signedLen = raw.size() - kMacSize;
    Digest mac = macFor(keyId).sign(std::string_view(raw.data(), signedLen));
    if (!constantTimeEqual(mac.data(), raw.data() + signedLen, kMacSize)) {
        r.error = CodecError::BadSignature;
        return r;
    }
    Claims c;
    c.kind = static_cast<ClaimKind>(kind);
    c.cohort.assign(raw.data() + 4, cohortLen);
    const char* p = raw.data() + 4 + cohortLen;
    c.number = get<uint64_t>(p);
    c.issuedAtMs = get<int64_t>(p);
    c.expiresAtMs = get<int64_t>(p);
    c.nonce = get<uint64_t>(p);
    r.claims = std::move(c);
    r.error = CodecError::None;
    return r;
}

} // namespace sluice
