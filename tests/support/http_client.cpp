// Blocking HTTP client over Beast's async API driven by run_for, so every call has a deadline.
#include "support/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>

namespace sluice::test {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

boost::json::value HttpResult::json() const {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    return ec ? boost::json::value() : v;
}

std::string HttpResult::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::string HttpResult::errorCode() const {
    auto v = json();
    if (!v.is_object()) return {};
    auto* e = v.as_object().if_contains("error");
    if (!e || !e->is_object()) return {};
    auto* c = e->as_object().if_contains("code");
    return c && c->is_string() ? std::string(c->as_string()) : std::string();
}

struct HttpClient::Impl {
    std::string host;
    uint16_t port;
    asio::io_context ioc;
    std::unique_ptr<beast::tcp_stream> stream;
    beast::flat_buffer buffer;

    bool connect(int timeoutMs, std::string& error) {
        stream = std::make_unique<beast::tcp_stream>(ioc);
        boost::system::error_code ec;
        stream->expires_after(std::chrono::milliseconds(timeoutMs));
        bool done = false;
        stream->async_connect(tcp::endpoint(asio::ip::make_address(host), port),
                              [&](boost::system::error_code e) {
                                  ec = e;
                                  done = true;
                              });
        ioc.restart();
        ioc.run();
        if (!done || ec) {
            error = "connect: " + (ec ? ec.message() : std::string("timeout"));
            stream.reset();
            return false;
        }
        stream->socket().set_option(tcp::no_delay(true), ec);
        buffer.clear();
        return true;
    }
};

HttpClient::HttpClient(std::string host, uint16_t port) : m_impl(std::make_unique<Impl>()) {
    m_impl->host = std::move(host);
    m_impl->port = port;
}

HttpClient::~HttpClient() = default;

void HttpClient::disconnect() {
    m_impl->stream.reset();
}

HttpResult HttpClient::request(const std::string& method, const std::string& target,
                               const std::string& body, const Headers& headers, int timeoutMs) {
    HttpResult result;
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool fresh = false;
        if (!m_impl->stream) {
            if (!m_impl->connect(timeoutMs, result.error)) return result;
            fresh = true;
        }
        bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
        req.set(bhttp::field::host, m_impl->host);
        req.keep_alive(true);
        bool hasType = false;
        for (auto& [k, v] : headers) {
            req.set(k, v);
            std::string lk = k;
            std::transform(lk.begin(), lk.end(), lk.begin(), ::tolower);
            if (lk == "content-type") hasType = true;
        }
        if (!body.empty() && !hasType) req.set(bhttp::field::content_type, "application/json");
        req.body() = body;
        req.prepare_payload();

        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        boost::system::error_code ec;
        m_impl->stream->expires_after(std::chrono::milliseconds(timeoutMs));
        bhttp::async_write(*m_impl->stream, req, [&](boost::system::error_code e, std::size_t) {
            ec = e;
            if (e) return;
            bhttp::async_read(*m_impl->stream, m_impl->buffer, parser,
                              [&](boost::system::error_code e2, std::size_t) { ec = e2; });
        });
        m_impl->ioc.restart();
        m_impl->ioc.run();
        if (ec) {
            m_impl->stream.reset();
            result.error = ec.message();
            // A kept-alive connection the server closed meanwhile: retry once on a fresh one.
            if (!fresh &&
                (ec == bhttp::error::end_of_stream || ec == asio::error::connection_reset ||
                 ec == asio::error::broken_pipe || ec == asio::error::eof))
                continue;
            return result;
        }
        auto res = parser.release();
        result.status = res.result_int();
        result.body = std::move(res.body());
        for (auto& f : res) {
            std::string name(f.name_string());
            std::transform(name.begin(), name.end(), name.begin(), ::tolower);
            result.headers[name] = std::string(f.value());
        }
        result.error.clear();
        if (!res.keep_alive()) m_impl->stream.reset();
        return result;
    }
    return result;
}

std::string HttpClient::raw(const std::string& bytes, int timeoutMs) {
    asio::io_context ioc;
    beast::tcp_stream s(ioc);
    std::string out;
    boost::system::error_code ec;
    s.expires_after(std::chrono::milliseconds(timeoutMs));
    std::string buf(4096, '\0');
    std::function<void()> readMore = [&] {
        s.async_read_some(asio::buffer(buf), [&](boost::system::error_code e, std::size_t n) {
            out.append(buf.data(), n);
            if (!e) readMore();
        });
    };
    s.async_connect(tcp::endpoint(asio::ip::make_address(m_impl->host), m_impl->port),
                    [&](boost::system::error_code e) {
                        if (e) return;
                        asio::async_write(s, asio::buffer(bytes),
                                          [&](boost::system::error_code e2, std::size_t) {
                                              if (!e2) readMore();
                                          });
                    });
    ioc.run();
    (void)ec;
    return out;
}

} // namespace sluice::test
