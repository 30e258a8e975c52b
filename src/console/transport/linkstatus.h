// Why the link to the server is down or degraded, as a structured cause (not a sentence), so the
// window can say one clear thing per cause in the current language and keep the figures in it
// moving (the time since the last frame ticks every second). Causes: wrong URL (HTTP 404), no
// server, TLS failure, token refused or revoked (close 1008: no retry, a new token is needed),
// server restarting (close 1001 or server_stopping), a frozen server (no frames), too slow
// (close 1013), lost. Pure.
#pragma once
#include <QString>

namespace sluice::console {

struct LinkStatus {
    enum class Problem {
        None,
        Connecting,
        NoServer,
        NotFound,
        HttpError,
        Tls,
        TokenRefused,
        TokenRevoked,
        ServerRestarting,
        Frozen,
        TooSlow,
        Lost,
    };
    Problem problem = Problem::None;
    QString detail;         // Qt's or the server's own words (tooltip, log)
    int httpStatus = 0;     // NotFound / HttpError
    int attempt = 0;        // reconnect attempts so far
    qint64 retryAtMs = 0;   // wall clock of the next attempt; 0: none scheduled
    qint64 lastFrameMs = 0; // wall clock of the last frame received; 0: none yet

    bool needsNewToken() const {
        return problem == Problem::TokenRefused || problem == Problem::TokenRevoked;
    }
    // Red (the figures are old or nothing will come) rather than amber (on the way).
    bool severe() const { return problem != Problem::None && problem != Problem::Connecting; }
    bool operator==(const LinkStatus&) const = default;
};

// One sentence (two at most) for the banner, at wall time `nowMs`. `where` is host:port.
QString linkStatusText(const LinkStatus& s, const QString& where, qint64 nowMs);

} // namespace sluice::console
