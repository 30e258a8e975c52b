// WebSocket session of one console (see stream_session.h). All state is touched on the
// session's strand only; frames are shared_ptrs to strings serialised once per broadcast.
#include "server/ops/stream_session.h"

#include "common/timeutil.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>

namespace sluice::ops {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
namespace json = boost::json;

namespace {
constexpr std::size_t kMaxMessageBytes = 64 * 1024;
constexpr int kWatchdogMs = 250;
constexpr int kCloseHandshakeMs = 5'000;

std::optional<uint64_t> sinceFromTarget(std::string_view target) {
    std::size_t q = target.find('?');
    if (q == std::string_view::npos) return std::nullopt;
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
        std::size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        if (pair.starts_with("since=")) {
            std::string_view v = pair.substr(6);
            uint64_t n = 0;
            auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
            if (ec == std::errc() && ptr == v.data() + v.size()) return n;
            return std::nullopt;
        }
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

std::string bearer(std::string_view header) {
    if (header.size() < 7) return {};
    std::string prefix(header.substr(0, 7));
    for (auto& c : prefix)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (prefix != "bearer ") return {};
    std::string_view t = header.substr(7);
    while (!t.empty() && t.front() == ' ')
        t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ')
        t.remove_suffix(1);
    return std::string(t);
}

FramePtr errorFrame(std::string message) {
    json::object o;
    o["type"] = "nack";
    o["id"] = "";
    o["op"] = "";
    o["code"] = "bad_frame";
    o["message"] = std::move(message);
    return std::make_shared<const std::string>(json::serialize(o));
}

const std::string kCloseMarker; // m_writing while a close frame is being written
} // namespace

StreamSession::StreamSession(http::Stream&& stream, std::string peer,
                             std::shared_ptr<StreamHost> host, SessionLimits limits,
                             SessionCounters counters)
    : m_ws(std::move(stream)), m_strand(m_ws.get_executor()), m_watchdog(m_strand),
      m_peer(std::move(peer)), m_host(std::move(host)), m_limits(limits), m_counters(counters) {}

StreamSession::~StreamSession() = default;

void StreamSession::start(http::Request req) {
    asio::dispatch(m_strand, [self = shared_from_this(), req = std::move(req)]() mutable {
        self->m_upgrade = std::move(req);
        self->m_since = sinceFromTarget(self->m_upgrade.target());
        websocket::stream_base::timeout t;
        t.handshake_timeout = std::chrono::seconds(10);
        t.idle_timeout = std::chrono::seconds(30);
        t.keep_alive_pings = true;
        self->m_ws.set_option(t);
        self->m_ws.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
            res.set(http::bhttp::field::server, "sluice-server");
        }));
        self->m_ws.read_message_max(kMaxMessageBytes);
        self->m_ws.auto_fragment(false);
        self->armWatchdog();
        self->m_ws.async_accept(self->m_upgrade,
                                [self](beast::error_code ec) { self->onAccept(ec); });
    });
}

void StreamSession::onAccept(beast::error_code ec) {
    if (ec) return hardClose();
    std::string token = bearer(m_upgrade[http::bhttp::field::authorization]);
    m_upgrade = {};
    if (!token.empty()) {
        m_state = State::Authenticating;
        m_host->onAuthenticate(shared_from_this(), std::move(token), m_since);
    } else {
        m_state = State::AwaitingAuth;
        m_authDeadlineMs = monotonicMs() + m_limits.authTimeoutMs;
    }
    readNext();
}

void StreamSession::readNext() {
    m_ws.async_read(m_buffer, [self = shared_from_this()](beast::error_code ec, std::size_t n) {
        self->onRead(ec, n);
    });
}

void StreamSession::onRead(beast::error_code ec, std::size_t) {
    if (ec) return finished();
    if (m_state == State::Closing || m_state == State::Closed) {
        m_buffer.consume(m_buffer.size());
        return readNext(); // wait for the peer's close frame
    }
    if (!m_ws.got_text()) {
        m_buffer.consume(m_buffer.size());
        beginClose(websocket::close_code::unknown_data, "binary messages are not accepted", true);
        return readNext();
    }
    std::string text = beast::buffers_to_string(m_buffer.data());
    m_buffer.consume(m_buffer.size());
    handleMessage(text);
    readNext();
}

void StreamSession::handleMessage(std::string_view text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    const json::object* o = (!ec && v.is_object()) ? &v.get_object() : nullptr;
    std::string_view type;
    if (o)
        if (auto it = o->find("type"); it != o->end() && it->value().is_string())
            type = it->value().get_string();

    if (m_state == State::AwaitingAuth) {
        const json::value* token = o ? o->if_contains("token") : nullptr;
        if (type == "auth" && token && token->is_string() && !token->get_string().empty()) {
            m_state = State::Authenticating;
            m_host->onAuthenticate(shared_from_this(), std::string(token->get_string()), m_since);
        } else {
            beginClose(websocket::close_code::policy_error,
                       "authentication required: send {\"type\":\"auth\",\"token\":\"...\"} "
                       "first or use an Authorization: Bearer header",
                       true);
        }
        return;
    }
    if (!o)
        return enqueue({errorFrame("every message must be a JSON object with a \"type\""), false});
    if (type == "command") return m_host->onCommand(shared_from_this(), std::move(v.get_object()));
    if (type == "get_snapshot") {
        if (m_resyncPending) return;
        dropQueuedBroadcasts();
        m_resyncPending = true;
        return m_host->onSnapshotRequest(shared_from_this(), false);
    }
    if (type == "auth") return; // already authenticated
    enqueue({errorFrame("unknown message type \"" + std::string(type) +
                        "\"; expected \"command\" or \"get_snapshot\""),
             false});
}

void StreamSession::deliverInitial(std::vector<FramePtr> frames) {
    asio::post(m_strand, [self = shared_from_this(), frames = std::move(frames)]() mutable {
        if (self->m_state != State::Authenticating) return;
        self->m_state = State::Joined;
        for (auto& f : frames)
            self->enqueue({std::move(f), false});
    });
}

void StreamSession::deliverBroadcast(FramePtr frame, uint64_t) {
    asio::post(m_strand, [self = shared_from_this(), frame = std::move(frame)]() mutable {
        if (self->m_state != State::Joined || self->m_resyncPending) return;
        if (self->m_queuedBroadcasts >= self->m_limits.sendQueueFrames) return self->overflow();
        self->enqueue({std::move(frame), true});
    });
}

void StreamSession::deliverSnapshot(FramePtr frame, uint64_t) {
    asio::post(m_strand, [self = shared_from_this(), frame = std::move(frame)]() mutable {
        if (self->m_state != State::Joined) return;
        self->m_resyncPending = false;
        self->enqueue({std::move(frame), true});
    });
}

void StreamSession::deliverDirect(FramePtr frame) {
    asio::post(m_strand, [self = shared_from_this(), frame = std::move(frame)]() mutable {
        if (self->m_state == State::Closing || self->m_state == State::Closed) return;
        self->enqueue({std::move(frame), false});
    });
}

void StreamSession::closeAfterQueued(CloseCode code, std::string reason) {
    asio::post(m_strand, [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
        self->beginClose(code, std::move(reason), false);
    });
}

void StreamSession::closeNow(CloseCode code, std::string reason) {
    asio::post(m_strand, [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
        self->beginClose(code, std::move(reason), true);
    });
}

void StreamSession::enqueue(Out out) {
    if (out.broadcast) ++m_queuedBroadcasts;
    m_queue.push_back(std::move(out));
    if (!m_writing) writeNext();
}

void StreamSession::writeNext() {
    if (m_writing || m_state == State::Closed) return;
    if (m_queue.empty()) {
        if (m_closeReason && !m_closeSent) {
            m_closeSent = true;
            m_writing = std::shared_ptr<const std::string>(std::shared_ptr<void>(), &kCloseMarker);
            m_writeStartedMs = monotonicMs();
            m_ws.async_close(*m_closeReason, [self = shared_from_this()](beast::error_code ec) {
                self->m_writing.reset();
                if (ec) self->hardClose();
                // else: the read loop ends when the peer's close frame arrives
            });
        }
        return;
    }
    Out out = std::move(m_queue.front());
    m_queue.pop_front();
    if (out.broadcast) --m_queuedBroadcasts;
    m_writing = std::move(out.frame);
    m_writeStartedMs = monotonicMs();
    m_ws.text(true);
    m_ws.async_write(
        asio::buffer(*m_writing),
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onWrite(ec); });
}

void StreamSession::onWrite(beast::error_code ec) {
    m_writing.reset();
    if (ec) return hardClose();
    writeNext();
}

void StreamSession::dropQueuedBroadcasts() {
    std::erase_if(m_queue, [](const Out& o) { return o.broadcast; });
    m_queuedBroadcasts = 0;
}

void StreamSession::overflow() {
    int64_t now = monotonicMs();
    m_overflows.push_back(now);
    while (!m_overflows.empty() && now - m_overflows.front() > m_limits.resyncWindowMs)
        m_overflows.pop_front();
    if (static_cast<int>(m_overflows.size()) >= m_limits.resyncLimit) {
        if (m_counters.closedTooSlow) m_counters.closedTooSlow->inc();
        beginClose(websocket::close_code::try_again_later, "too slow: send queue overflowed", true);
        return;
    }
    if (m_counters.resyncs) m_counters.resyncs->inc();
    dropQueuedBroadcasts();
    m_resyncPending = true;
    m_host->onSnapshotRequest(shared_from_this(), true);
}

void StreamSession::beginClose(CloseCode code, std::string reason, bool dropQueued) {
    if (m_state == State::Closing || m_state == State::Closed) return;
    if (m_state == State::Handshake) return hardClose();
    m_state = State::Closing;
    m_closeStartedMs = monotonicMs();
    if (dropQueued) {
        m_queue.clear();
        m_queuedBroadcasts = 0;
    }
    if (reason.size() > 120) reason.resize(120); // a close frame's payload is at most 125 bytes
    m_closeReason = websocket::close_reason(code, reason);
    if (!m_notifiedHost) {
        m_notifiedHost = true;
        m_host->onClosed(this);
    }
    if (!m_writing) writeNext();
}

void StreamSession::hardClose() {
    if (m_state == State::Closed) return;
    beast::error_code ignored;
    auto& tcp = m_ws.next_layer().tcp();
    tcp.socket().shutdown(http::tcp::socket::shutdown_both, ignored);
    tcp.close();
    finished();
}

void StreamSession::finished() {
    if (m_state == State::Closed) return;
    m_state = State::Closed;
    m_queue.clear();
    m_queuedBroadcasts = 0;
    m_watchdog.cancel();
    if (!m_notifiedHost) {
        m_notifiedHost = true;
        m_host->onClosed(this);
    }
}

void StreamSession::armWatchdog() {
    m_watchdog.expires_after(std::chrono::milliseconds(kWatchdogMs));
    m_watchdog.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (ec) return;
        self->onWatchdog();
    });
}

void StreamSession::onWatchdog() {
    if (m_state == State::Closed) return;
    int64_t now = monotonicMs();
    if (m_state == State::AwaitingAuth && now > m_authDeadlineMs) {
        beginClose(websocket::close_code::policy_error,
                   "authentication timeout: send {\"type\":\"auth\",\"token\":\"...\"} first",
                   true);
    }
    if (m_writing && now - m_writeStartedMs > m_limits.stallTimeoutMs) {
        // A console already being closed as too slow is counted once, as too slow.
        if (m_counters.closedStalled && m_state != State::Closing) m_counters.closedStalled->inc();
        return hardClose();
    }
    if (m_state == State::Closing &&
        now - m_closeStartedMs > std::max(kCloseHandshakeMs, m_limits.stallTimeoutMs))
        return hardClose();
    armWatchdog();
}

} // namespace sluice::ops
