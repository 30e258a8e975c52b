// TLS for the server's one port: the certificate and key named in the configuration, TLS 1.2
// and 1.3 only, forward-secret AEAD cipher suites only. A context is built whole or not at
// all, so a reload (SIGHUP) with a broken file keeps the running one.
#pragma once
#include "server/http/stream.h"

#include <memory>
#include <string>

namespace sluice::http {

struct TlsFiles {
    std::string certificateFile; // PEM: the server certificate, then its intermediates
    std::string keyFile;         // PEM: the private key
};

// Throws std::runtime_error("TLS: <file>: <reason>") when a file is missing, unreadable, not
// PEM, or the key does not belong to the certificate.
std::shared_ptr<SslContext> makeServerTlsContext(const TlsFiles& files);

// "SHA256 fingerprint" of the first certificate in a PEM file, as 64 lowercase hex digits
// (what operators pin in the console); empty when the file holds no certificate.
std::string certificateFingerprintSha256(const std::string& certificateFile);

} // namespace sluice::http
