// Tickets and admission tokens (src/common/signed_codec.h) with a fixed key ring (keys 1 and 2,
// 2 current), and the base64url and hex codecs under them:
//  - the input as a ticket text: decode must not crash; what decodes must be well formed and
//    be the one encoding of its claims under one of the ring's keys (no second spelling of a
//    ticket verifies);
//  - claims read from the input: encode -> decode gives them back; the text with any one
//    character changed (position and replacement from the input) never verifies; signed with
//    a key outside the ring it is refused as unknown_key;
//  - the input as bytes: base64url and hex round-trip, and decoding is canonical.
#include "common/base64url.h"
#include "common/signed_codec.h"
#include "fuzz/fuzz_support.h"

#include <memory>

namespace {
using namespace sluice;

std::shared_ptr<const KeyRing> ring(std::initializer_list<std::pair<uint8_t, char>> keys) {
    auto r = std::make_shared<KeyRing>();
    for (auto [id, fill] : keys)
        r->add(id, std::string(32, fill));
    return r;
}

struct Codecs {
    SignedCodec both{ring({{1, 'a'}, {2, 'b'}})}; // the server's: verifies 1 and 2, signs with 2
    SignedCodec key1{ring({{1, 'a'}})};
    SignedCodec key2{ring({{2, 'b'}})};
    SignedCodec stranger{ring({{7, 'x'}})};
};
const Codecs& codecs() {
    static const Codecs c;
    return c;
}

void decodeText(std::string_view text) {
    const DecodeResult r = codecs().both.decode(text);
    FUZZ_CHECK(r.claims.has_value() == (r.error == CodecError::None), "claims and error %s",
               codecErrorName(r.error));
    if (!r) return;
    const Claims& c = *r.claims;
    FUZZ_CHECK(!c.cohort.empty() && c.cohort.size() <= 32, "cohort of %zu bytes", c.cohort.size());
    FUZZ_CHECK(c.kind == ClaimKind::Ticket || c.kind == ClaimKind::AdmissionToken ||
                   c.kind == ClaimKind::Challenge,
               "kind %d", int(c.kind));
    const std::string again1 = codecs().key1.encode(c), again2 = codecs().key2.encode(c);
    FUZZ_CHECK(text == again1 || text == again2,
               "'%.*s' verifies but is not the encoding "
               "of its claims ('%s' or '%s')",
               int(text.size()), text.data(), again1.c_str(), again2.c_str());
}

void roundTrip(fuzz::Bytes& in) {
    Claims c;
    c.kind = (in.take<uint8_t>() & 1) ? ClaimKind::AdmissionToken : ClaimKind::Ticket;
    const std::size_t cohortLen = 1 + in.take<uint8_t>() % 32;
    c.cohort = in.takeString(cohortLen);
    if (c.cohort.empty()) c.cohort = "55-59";
    c.number = in.take<uint64_t>();
    c.issuedAtMs = static_cast<int64_t>(in.take<uint64_t>());
    c.expiresAtMs = static_cast<int64_t>(in.take<uint64_t>());
    c.nonce = in.take<uint64_t>();

    const std::string text = codecs().both.encode(c);
    const DecodeResult r = codecs().both.decode(text);
    FUZZ_CHECK(r && *r.claims == c, "encode -> decode lost the claims (%s)",
               codecErrorName(r.error));
    FUZZ_CHECK(codecs().key2.decode(text), "signed with key 2, not verified by key 2 alone");
    FUZZ_CHECK(codecs().key1.decode(text).error == CodecError::UnknownKey,
               "signed with key 2, key 1 alone says %s",
               codecErrorName(codecs().key1.decode(text).error));

    // One character changed anywhere: never a valid ticket.
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string tampered = text;
    const std::size_t pos = in.take<uint16_t>() % tampered.size();
    char replacement = kAlphabet[in.take<uint8_t>() % 64];
    if (replacement == tampered[pos]) replacement = replacement == 'A' ? 'B' : 'A';
    tampered[pos] = replacement;
    const DecodeResult t = codecs().both.decode(tampered);
    FUZZ_CHECK(!t, "'%s' (one character of '%s' changed) verifies", tampered.c_str(), text.c_str());

    const DecodeResult s = codecs().both.decode(codecs().stranger.encode(c));
    FUZZ_CHECK(s.error == CodecError::UnknownKey, "a foreign key's ticket: %s",
               codecErrorName(s.error));
}

void baseCodecs(std::string_view bytes) {
    const std::string b64 = base64urlEncode(bytes);
    std::string back;
    FUZZ_CHECK(base64urlDecode(b64, back) && back == bytes, "base64url round trip");
    std::string decoded;
    if (base64urlDecode(bytes, decoded))
        FUZZ_CHECK(base64urlEncode(decoded) == bytes, "base64url text '%.*s' is not canonical",
                   int(bytes.size()), bytes.data());
    else
        FUZZ_CHECK(decoded.empty(), "a failed decode left %zu bytes", decoded.size());
    const std::string hex = hexEncode(bytes.data(), bytes.size());
    auto hexBack = hexDecode(hex);
    FUZZ_CHECK(hexBack && *hexBack == bytes, "hex round trip");
    (void)hexDecode(bytes);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text = fuzz::asText(data, size);
    decodeText(text);
    fuzz::Bytes in(data, size);
    roundTrip(in);
    baseCodecs(text);
    return 0;
}
