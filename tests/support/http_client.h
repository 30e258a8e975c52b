// A small blocking HTTP/1.1 client for tests: keep-alive, timeouts, raw access to status,
// headers and body. Real sockets on loopback; one instance per thread.
#pragma once
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sluice::test {

struct HttpResult {
    int status = 0; // 0 when the request failed at the transport level
    std::string body;
    std::map<std::string, std::string> headers; // lower-case names
    std::string error;                          // transport error text
    boost::json::value json() const;            // null when the body is not JSON
    std::string header(const std::string& lowerName) const;
    std::string errorCode() const; // body.error.code or ""
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
public:
    HttpClient(std::string host, uint16_t port);
    ~HttpClient();
    HttpResult request(const std::string& method, const std::string& target,
                       const std::string& body = {}, const Headers& headers = {},
                       int timeoutMs = 10'000);
    HttpResult get(const std::string& target, const Headers& h = {}) {
        return request("GET", target, {}, h);
    }
    HttpResult post(const std::string& target, const std::string& body = {},
                    const Headers& h = {}) {
        return request("POST", target, body, h);
    }
    HttpResult del(const std::string& target, const Headers& h = {}) {
        return request("DELETE", target, {}, h);
    }
    // Sends raw bytes on a fresh connection and returns what came back (for malformed requests).
    std::string raw(const std::string& bytes, int timeoutMs = 5000);
    void disconnect();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sluice::test
