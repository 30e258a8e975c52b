// base64url (RFC 4648 §5) without padding: the text form of tickets and tokens.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

std::string base64urlEncode(const void* data, std::size_t size);
inline std::string base64urlEncode(std::string_view s) {
    return base64urlEncode(s.data(), s.size());
}
// Appends the decoded bytes to out; false on any character outside the alphabet, a bad length
// or non-zero padding bits (out is then left as it was).
bool base64urlDecode(std::string_view text, std::string& out);

std::string hexEncode(const void* data, std::size_t size);
std::optional<std::string> hexDecode(std::string_view hex);

} // namespace sluice
