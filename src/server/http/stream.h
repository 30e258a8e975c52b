// A connection's byte stream: plain TCP, or TLS over it. Which one is decided per connection
// from its first bytes (beast::async_detect_ssl in the session), so one port answers both
// http:// and https://. Sessions, the WebSocket of the ops stream and Beast's algorithms use it
// like any Beast stream; each operation branches once on the kind, which costs nothing next to
// the system call behind it.
#pragma once
#include "server/http/types.h"

#include <boost/asio/ssl/context.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/teardown.hpp>

#include <memory>

namespace sluice::http {

using SslContext = asio::ssl::context;
using SslStream = beast::ssl_stream<TcpStream>;

class Stream {
public:
    using executor_type = TcpStream::executor_type;

    explicit Stream(TcpStream&& tcp) : m_executor(tcp.get_executor()), m_tcp(std::move(tcp)) {}
    Stream(Stream&&) = default;
    Stream& operator=(Stream&&) = delete; // basic_stream cannot be move-assigned

    executor_type get_executor() noexcept { return m_executor; }

    // The TCP layer (timeouts, socket options, close), whichever kind this is.
    TcpStream& tcp() { return m_tls ? m_tls->next_layer() : m_tcp; }
    bool secure() const { return m_tls != nullptr; }
    // Wraps the TCP stream in a TLS server stream; `context` is kept alive by the stream, so a
    // reloaded certificate only reaches connections made after the reload.
    void startTls(std::shared_ptr<SslContext> context) {
        m_context = std::move(context);
        m_tls = std::make_unique<SslStream>(std::move(m_tcp), *m_context);
    }
    SslStream& tls() { return *m_tls; }

    template <class MutableBuffers, class Handler>
    void async_read_some(const MutableBuffers& buffers, Handler&& handler) {
        if (m_tls)
            m_tls->async_read_some(buffers, std::forward<Handler>(handler));
        else
            m_tcp.async_read_some(buffers, std::forward<Handler>(handler));
    }
    template <class ConstBuffers, class Handler>
    void async_write_some(const ConstBuffers& buffers, Handler&& handler) {
        if (m_tls)
            m_tls->async_write_some(buffers, std::forward<Handler>(handler));
        else
            m_tcp.async_write_some(buffers, std::forward<Handler>(handler));
    }

private:
    executor_type m_executor;
    TcpStream m_tcp; // moved into m_tls when TLS starts
    std::shared_ptr<SslContext> m_context;
    std::unique_ptr<SslStream> m_tls;
};

// beast::close_socket's customisation point: the WebSocket closes the TCP socket on errors.
inline void beast_close_socket(Stream& stream) {
    stream.tcp().close();
}

// The WebSocket closing handshake's transport teardown (found by argument-dependent lookup):
// close_notify then TCP shutdown for TLS, TCP shutdown otherwise.
inline void teardown(beast::role_type role, Stream& stream, beast::error_code& ec) {
    using beast::websocket::teardown;
    if (stream.secure())
        teardown(role, stream.tls(), ec);
    else
        teardown(role, stream.tcp().socket(), ec);
}
template <class TeardownHandler>
void async_teardown(beast::role_type role, Stream& stream, TeardownHandler&& handler) {
    using beast::websocket::async_teardown;
    if (stream.secure())
        async_teardown(role, stream.tls(), std::forward<TeardownHandler>(handler));
    else
        async_teardown(role, stream.tcp().socket(), std::forward<TeardownHandler>(handler));
}

} // namespace sluice::http
