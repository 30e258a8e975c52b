// Link status sentences (see linkstatus.h).
#include "console/transport/linkstatus.h"

#include <QCoreApplication>
#include <QDateTime>

namespace sluice::console {

namespace {
QString seconds(qint64 ms) {
    const qint64 s = qMax<qint64>(0, ms) / 1000;
    if (s < 60) return QCoreApplication::translate("LinkStatus", "%1 s").arg(s);
    return QCoreApplication::translate("LinkStatus", "%1 min %2 s").arg(s / 60).arg(s % 60);
}
QString retry(const LinkStatus& s, qint64 now) {
    if (s.retryAtMs > now)
        return QCoreApplication::translate("LinkStatus", "Next attempt in %1 s (attempt %2).")
            .arg(QString::number(double(s.retryAtMs - now) / 1000.0, 'f', 0))
            .arg(qMax(1, s.attempt));
    return QCoreApplication::translate("LinkStatus", "Connecting again (attempt %1)…")
        .arg(qMax(1, s.attempt));
}
QString clock(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(QStringLiteral("HH:mm:ss"));
}
} // namespace

QString linkStatusText(const LinkStatus& s, const QString& where, qint64 now) {
    using P = LinkStatus::Problem;
    const QString age =
        s.lastFrameMs > 0
            ? QCoreApplication::translate("LinkStatus", "No data for %1 (last frame at %2).")
                  .arg(seconds(now - s.lastFrameMs), clock(s.lastFrameMs))
            : QString();
    auto join = [](QStringList parts) {
        parts.removeAll(QString());
        return parts.join(QLatin1Char(' '));
    };
    switch (s.problem) {
    case P::None:
        return {};
    case P::Connecting:
        return QCoreApplication::translate("LinkStatus", "Connecting to %1…").arg(where);
    case P::NoServer:
        return join({QCoreApplication::translate(
                         "LinkStatus", "No server answers at %1: check that sluice-server runs "
                                       "and that the address is right.")
                         .arg(where),
                     age, retry(s, now)});
    case P::NotFound:
        return join({QCoreApplication::translate(
                         "LinkStatus", "Wrong address: %1 answers, but has no operations stream "
                                       "there (HTTP 404). Enter the server's base URL, e.g. "
                                       "http://host:8080.")
                         .arg(where),
                     retry(s, now)});
    case P::HttpError:
        return join(
            {QCoreApplication::translate("LinkStatus", "%1 refused the connection (HTTP %2).")
                 .arg(where)
                 .arg(s.httpStatus),
             age, retry(s, now)});
    case P::Tls:
        return join({QCoreApplication::translate(
                         "LinkStatus", "The secure connection to %1 failed (%2): check the "
                                       "server's certificate and the URL's https.")
                         .arg(where, s.detail),
                     retry(s, now)});
    case P::TokenRefused:
        return QCoreApplication::translate(
            "LinkStatus", "The server refused the operator token. Enter a new token; the "
                          "console does not try again with this one.");
    case P::TokenRevoked:
        return QCoreApplication::translate(
            "LinkStatus", "Your operator token was revoked. Ask an administrator for a new "
                          "one and enter it.");
    case P::ServerRestarting:
        return join({QCoreApplication::translate("LinkStatus", "The server is restarting."), age,
                     retry(s, now)});
    case P::Frozen:
        return join({QCoreApplication::translate("LinkStatus", "The server has stopped answering."),
                     age, retry(s, now)});
    case P::TooSlow:
        return join({QCoreApplication::translate(
                         "LinkStatus", "The server dropped this console: it read too slowly."),
                     age, retry(s, now)});
    case P::Lost:
        return join({QCoreApplication::translate("LinkStatus", "Connection to %1 lost.").arg(where),
                     age, retry(s, now)});
    }
    return {};
}

} // namespace sluice::console
