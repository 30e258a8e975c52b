// Server TLS contexts (see tls.h).
#include "server/http/tls.h"

#include "common/base64url.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdio>
#include <stdexcept>

namespace sluice::http {

namespace {
std::string opensslReason() {
    unsigned long e = ERR_get_error();
    std::string reason;
    while (e) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        reason = buf; // the last one queued is the most specific
        e = ERR_get_error();
    }
    return reason.empty() ? "unknown OpenSSL error" : reason;
}

[[noreturn]] void fail(const std::string& file, const std::string& why) {
    throw std::runtime_error("TLS: " + file + ": " + why);
}

void requireReadable(const std::string& file, const char* what) {
    if (file.empty()) throw std::runtime_error(std::string("TLS: no ") + what + " file given");
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) fail(file, std::string("cannot read the ") + what + " file");
    std::fclose(f);
}
} // namespace

std::shared_ptr<SslContext> makeServerTlsContext(const TlsFiles& files) {
    requireReadable(files.certificateFile, "certificate");
    requireReadable(files.keyFile, "key");
    auto ctx = std::make_shared<SslContext>(SslContext::tls_server);
    SSL_CTX* native = ctx->native_handle();
    ctx->set_options(SslContext::default_workarounds | SslContext::no_sslv2 | SslContext::no_sslv3 |
                     SslContext::no_tlsv1 | SslContext::no_tlsv1_1 | SslContext::no_compression |
                     SslContext::single_dh_use);
    SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
    // TLS 1.2: ECDHE key exchange with AES-GCM or ChaCha20-Poly1305 only; TLS 1.3's own suites
    // are all of that kind already.
    if (SSL_CTX_set_cipher_list(native, "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL") != 1)
        throw std::runtime_error("TLS: the cipher list was refused: " + opensslReason());
    SSL_CTX_set_options(native, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
    ERR_clear_error();
    if (SSL_CTX_use_certificate_chain_file(native, files.certificateFile.c_str()) != 1)
        fail(files.certificateFile, "not a PEM certificate chain (" + opensslReason() + ")");
    if (SSL_CTX_use_PrivateKey_file(native, files.keyFile.c_str(), SSL_FILETYPE_PEM) != 1) {
        // OpenSSL 3 compares the key with the certificate while loading it.
        const std::string reason = opensslReason();
        if (reason.find("key values mismatch") != std::string::npos)
            fail(files.keyFile,
                 "the key does not belong to the certificate in " + files.certificateFile);
        fail(files.keyFile, "not a PEM private key (" + reason + ")");
    }
    if (SSL_CTX_check_private_key(native) != 1)
        fail(files.keyFile,
             "the key does not belong to the certificate in " + files.certificateFile);
    return ctx;
}

std::string certificateFingerprintSha256(const std::string& certificateFile) {
    std::FILE* f = std::fopen(certificateFile.c_str(), "rb");
    if (!f) return {};
    X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    if (!cert) {
        ERR_clear_error();
        return {};
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    X509_digest(cert, EVP_sha256(), md, &len);
    X509_free(cert);
    return hexEncode(md, len);
}

} // namespace sluice::http
