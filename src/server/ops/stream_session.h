// One console connected to /v1/ops/stream: a Beast WebSocket on the HTTP thread that accepted
// it, a bounded send queue of shared, pre-serialised frames, and the slow-consumer policy
// (resync with a snapshot on overflow; close when it keeps falling behind or stops reading).
// The HTTP server runs one io_context per thread, so the session's executor is already serial.
// Everything the session decides about the stream as a whole is done by its StreamHost on
// the control thread; the session only reads, queues and writes.
#pragma once
#include "server/http/stream.h"
#include "server/http/types.h"
#include "server/metrics/registry.h"
#include "server/ops/frame_history.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sluice::ops {

class StreamSession;

// Implemented by the ops service. Each call may come from any session thread; the host
// takes it over to the control thread.
class StreamHost {
public:
    virtual ~StreamHost() = default;
    virtual void onAuthenticate(std::shared_ptr<StreamSession> s, std::string token,
                                std::optional<uint64_t> since) = 0;
    virtual void onCommand(std::shared_ptr<StreamSession> s, boost::json::object frame) = 0;
    // A fresh snapshot for this session; `overflow` when its send queue overflowed.
    virtual void onSnapshotRequest(std::shared_ptr<StreamSession> s, bool overflow) = 0;
    virtual void onClosed(StreamSession* s) = 0;
};

struct SessionLimits {
    std::size_t sendQueueFrames = 256;
    int stallTimeoutMs = 10'000;
    int authTimeoutMs = 10'000;
    int resyncLimit = 3;
    int resyncWindowMs = 30'000;
};

struct SessionCounters {
    metrics::Counter* resyncs = nullptr;
    metrics::Counter* closedTooSlow = nullptr;
    metrics::Counter* closedStalled = nullptr;
};

class StreamSession : public std::enable_shared_from_this<StreamSession> {
public:
    using WebSocket = boost::beast::websocket::stream<http::Stream>;
    using CloseCode = boost::beast::websocket::close_code;

    StreamSession(http::Stream&& stream, std::string peer, std::shared_ptr<StreamHost> host,
                  SessionLimits limits, SessionCounters counters);
    ~StreamSession();

    // Completes the WebSocket handshake for the upgrade request, then authenticates.
    void start(http::Request req);

    // Thread-safe: each posts to the session's strand.
    void deliverInitial(std::vector<FramePtr> frames); // hello, then replay or snapshot
    void deliverBroadcast(FramePtr frame, uint64_t seq);
    void deliverSnapshot(FramePtr frame, uint64_t seq); // ends a resync
    void deliverDirect(FramePtr frame);                 // ack, nack
    // Sends what is queued, then closes with this code and reason.
    void closeAfterQueued(CloseCode code, std::string reason);
    // Drops what is queued and closes with this code and reason.
    void closeNow(CloseCode code, std::string reason);

    const std::string& peer() const { return m_peer; }

private:
    enum class State { Handshake, AwaitingAuth, Authenticating, Joined, Closing, Closed };
    struct Out {
        FramePtr frame;
        bool broadcast = false;
    };

    void onAccept(boost::beast::error_code ec);
    void readNext();
    void onRead(boost::beast::error_code ec, std::size_t bytes);
    void handleMessage(std::string_view text);
    void enqueue(Out out);
    void writeNext();
    void onWrite(boost::beast::error_code ec);
    void overflow();
    void dropQueuedBroadcasts();
    void beginClose(CloseCode code, std::string reason, bool dropQueued);
    void hardClose();
    void finished();
    void armWatchdog();
    void onWatchdog();

    WebSocket m_ws;
    boost::asio::any_io_executor
        m_strand; // the accepting thread's io_context: one thread, so serial
    boost::asio::steady_timer m_watchdog;
    std::string m_peer;
    std::shared_ptr<StreamHost> m_host;
    SessionLimits m_limits;
    SessionCounters m_counters;

    http::Request m_upgrade;
    std::optional<uint64_t> m_since; // ?since=SEQ of the upgrade request
    boost::beast::flat_buffer m_buffer;
    State m_state = State::Handshake;
    std::deque<Out> m_queue;
    std::size_t m_queuedBroadcasts = 0;
    FramePtr m_writing; // the frame being written; null when idle
    int64_t m_writeStartedMs = 0;
    int64_t m_authDeadlineMs = 0;
    int64_t m_closeStartedMs = 0;
    bool m_resyncPending = false;
    std::deque<int64_t> m_overflows; // monotonic ms of recent overflows
    std::optional<boost::beast::websocket::close_reason>
        m_closeReason; // sent when the queue drains
    bool m_closeSent = false;
    bool m_notifiedHost = false;
};

} // namespace sluice::ops
