// The proof of work a cohort may ask for at join (abuse screening, docs/security.md): the server
// hands out a signed challenge and a difficulty of B bits; a solution is a decimal counter S such
// that SHA-256(challenge ":" S) starts with at least B zero bits (most significant bit of the
// first byte first). About 2^B hashes to find, one to check. The browser page, the surge and the
// server compute exactly this; docs/api.md has a worked example. Pure.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice {

inline constexpr int kMaxPowBits = 28;

// Leading zero bits of SHA-256(challenge ":" solution), 0..256.
int powZeroBits(std::string_view challenge, std::string_view solution);
// True when `solution` is 1..20 decimal digits and gives at least `bits` leading zero bits.
bool powSolves(std::string_view challenge, std::string_view solution, int bits);

// Finds the smallest solution (counting up from 0); `hashes`, when given, receives how many
// hashes it took. `bits` above kMaxPowBits is clamped.
std::string powSolve(std::string_view challenge, int bits, uint64_t* hashes = nullptr);

} // namespace sluice
