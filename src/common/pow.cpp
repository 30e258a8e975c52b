// Proof of work (see pow.h).
#include "common/pow.h"

#include "common/crypto.h"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <stdexcept>

namespace sluice {

namespace {
int zeroBits(const unsigned char* d, std::size_t n) {
    int bits = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (d[i] == 0) {
            bits += 8;
            continue;
        }
        unsigned v = d[i];
        while ((v & 0x80u) == 0) {
            ++bits;
            v <<= 1;
        }
        break;
    }
    return bits;
}

struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
} // namespace

int powZeroBits(std::string_view challenge, std::string_view solution) {
    std::string text;
    text.reserve(challenge.size() + 1 + solution.size());
    text.append(challenge).push_back(':');
    text.append(solution);
    const Digest d = sha256(text);
    return zeroBits(d.data(), d.size());
}

bool powSolves(std::string_view challenge, std::string_view solution, int bits) {
    if (solution.empty() || solution.size() > 20) return false;
    if (!std::all_of(solution.begin(), solution.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    return powZeroBits(challenge, solution) >= std::clamp(bits, 0, 256);
}

std::string powSolve(std::string_view challenge, int bits, uint64_t* hashes) {
    bits = std::clamp(bits, 0, kMaxPowBits);
    // The "challenge:" prefix is hashed once; each try copies that state and adds the counter.
    MdCtx prefix(EVP_MD_CTX_new()), ctx(EVP_MD_CTX_new());
    if (!prefix || !ctx || EVP_DigestInit_ex(prefix.get(), EVP_sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(prefix.get(), challenge.data(), challenge.size()) != 1 ||
        EVP_DigestUpdate(prefix.get(), ":", 1) != 1)
        throw std::runtime_error("SHA-256 is not available");
    unsigned char digest[EVP_MAX_MD_SIZE];
    char buf[24];
    for (uint64_t s = 0;; ++s) {
        const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, s);
        (void)ec;
        unsigned len = 0;
        if (EVP_MD_CTX_copy_ex(ctx.get(), prefix.get()) != 1 ||
            EVP_DigestUpdate(ctx.get(), buf, std::size_t(end - buf)) != 1 ||
            EVP_DigestFinal_ex(ctx.get(), digest, &len) != 1)
            throw std::runtime_error("SHA-256 failed");
        if (zeroBits(digest, len) >= bits) {
            if (hashes) *hashes = s + 1;
            return std::string(buf, end);
        }
    }
}

} // namespace sluice
