// Small helpers shared by the fuzz targets (tests/fuzz/fuzz_*.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

// A property the code under test promises that this input broke: print why and abort, which
// libFuzzer reports as a crash and saves the input for.
#define FUZZ_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "fuzz check failed at %s:%d: %s\n  ", __FILE__, __LINE__, #cond); \
            std::fprintf(stderr, __VA_ARGS__);                                                     \
            std::fputc('\n', stderr);                                                              \
            std::abort();                                                                          \
        }                                                                                          \
    } while (0)

namespace sluice::fuzz {

inline std::string_view asText(const uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// FNV-1a: a deterministic seed from the input (a replay does what the fuzzer did).
inline uint64_t hashOf(std::string_view s) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ULL;
    return h;
}

// Reads fixed-size little-endian integers off the front of the input; zeros once it runs out.
class Bytes {
public:
    Bytes(const uint8_t* data, std::size_t size) : m_p(data), m_n(size) {}
    template <typename T> T take() {
        T v = 0;
        for (std::size_t i = 0; i < sizeof(T) && m_n; ++i, ++m_p, --m_n)
            v = static_cast<T>(v | (static_cast<T>(*m_p) << (8 * i)));
        return v;
    }
    std::string takeString(std::size_t n) {
        if (n > m_n) n = m_n;
        std::string s(reinterpret_cast<const char*>(m_p), n);
        m_p += n;
        m_n -= n;
        return s;
    }
    std::string_view rest() const { return {reinterpret_cast<const char*>(m_p), m_n}; }
    std::size_t left() const { return m_n; }

private:
    const uint8_t* m_p;
    std::size_t m_n;
};

} // namespace sluice::fuzz
