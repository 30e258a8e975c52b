// OpenSSL 3 EVP_MAC based HMAC-SHA256: the MAC context is keyed once and re-initialised with
// a NULL key per call, which reuses the precomputed inner/outer pads.
#include "common/crypto.h"

#include "common/base64url.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace sluice {

struct HmacSha256::Impl {
    EVP_MAC* mac = nullptr;
    EVP_MAC_CTX* ctx = nullptr;
    ~Impl() {
        EVP_MAC_CTX_free(ctx);
        EVP_MAC_free(mac);
    }
};

HmacSha256::HmacSha256(std::string_view key) : m_key(key), m_impl(std::make_unique<Impl>()) {
    m_impl->mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!m_impl->mac) throw std::runtime_error("HMAC not available in OpenSSL");
    m_impl->ctx = EVP_MAC_CTX_new(m_impl->mac);
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                           OSSL_PARAM_construct_end()};
    if (!m_impl->ctx ||
        EVP_MAC_init(m_impl->ctx, reinterpret_cast<const unsigned char*>(m_key.data()),
                     m_key.size(), params) != 1)
        throw std::runtime_error("HMAC init failed");
}

HmacSha256::HmacSha256(const HmacSha256& other) : HmacSha256(other.m_key) {}

HmacSha256::~HmacSha256() = default;

Digest HmacSha256::sign(std::string_view data) const {
    Digest out{};
    size_t len = 0;
    if (EVP_MAC_init(m_impl->ctx, nullptr, 0, nullptr) != 1 ||
        EVP_MAC_update(m_impl->ctx, reinterpret_cast<const unsigned char*>(data.data()),
                       data.size()) != 1 ||
        EVP_MAC_final(m_impl->ctx, out.data(), &len, out.size()) != 1 || len != out.size())
        throw std::runtime_error("HMAC failed");
    return out;
}

Digest sha256(std::string_view data) {
    Digest out{};
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr);
    return out;
}

std::string sha256Hex(std::string_view data) {
    auto d = sha256(data);
    return hexEncode(d.data(), d.size());
}

bool constantTimeEqual(const void* a, const void* b, std::size_t size) {
    return CRYPTO_memcmp(a, b, size) == 0;
}

std::string randomBytes(std::size_t n) {
    std::string out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
        throw std::runtime_error("RAND_bytes failed");
    return out;
}

uint64_t randomU64() {
    uint64_t v = 0;
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&v), sizeof v) != 1)
        throw std::runtime_error("RAND_bytes failed");
    return v;
}

} // namespace sluice
