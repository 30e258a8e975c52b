// Typed frames of the ops stream (docs/ops-protocol.md), as the console uses them. The parser
// (frameparser.h) turns JSON into these; DashboardState applies them.
#pragma once
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace sluice::console {

struct CohortFigures {
    QString id, labelKo, labelEn, state, closedReason, mode;
    qint64 issued = 0, serving = 0, waiting = 0, maxActive = 0, active = 0;
    std::optional<qint64> prequeueSize;
    double rateCeiling = 0, maxRate = 0, actualRate = 0;
    std::optional<double> etaLastS;
    bool pausedForIncident = false;
    int powBits = 0, joinsPerClientPerMin = 0; // abuse screening at join; 0 = off
    qint64 opensMs = 0;
    int birthYearFromValue = 0, birthYearToValue = 0;
    int birthYearFrom() const { return birthYearFromValue; }
    int birthYearTo() const { return birthYearToValue; }
    bool operator==(const CohortFigures&) const = default;
};

struct ClinicStock {
    QString id, name, region, district;
    qint64 remainingToday = 0, remainingWindow = 0, reservedLastMinute = 0;
    bool operator==(const ClinicStock&) const = default;
};

struct HttpErrorCount {
    qint64 client = 0, server = 0; // 4xx, 5xx
    bool operator==(const HttpErrorCount&) const = default;
};

struct ErrorCounters {
    QMap<QString, HttpErrorCount> http; // by route
    QMap<QString, qint64> bypass;       // by kind
    QString breaker;                    // identity provider breaker state
    qint64 idpTimeouts = 0, idpErrors = 0;
    qint64 bookingConflicts = 0, soldOut = 0, overloadRejections = 0;
    bool operator==(const ErrorCounters&) const = default;

    qint64 total4xx() const;
    qint64 total5xx() const;
    qint64 totalBypass() const;
};

struct LatencyStats {
    double p50 = 0, p95 = 0, p99 = 0;
    bool operator==(const LatencyStats&) const = default;
};

struct Notice {
    qint64 id = 0;
    QString cohort, severity, textKo, textEn, postedBy;
    qint64 postedAtMs = 0;
    bool operator==(const Notice&) const = default;
};

struct PendingApproval {
    QString commandId, op, requestedBy, reason;
    QJsonObject args;
    qint64 requestedAtMs = 0, expiresAtMs = 0;
    bool operator==(const PendingApproval&) const = default;
};

struct HelloInfo {
    int protocol = 0;
    QString serverVersion, nodeId, operatorName, role, resumeMode;
    int tickIntervalMs = 500;
    bool twoPersonRule = false;
    double rateFactor = 0;
    int approvalTimeoutS = 0;
};

struct EventInfo {
    qint64 seq = -1;
    qint64 timeMs = 0;
    QString kind, severity, message, operatorName;
    QJsonObject data;
};

struct CommandAnswer {
    bool accepted = false; // ack (true) or nack (false)
    QString id, op, status, code, message;
    QJsonObject result;
};

struct Frame {
    enum class Kind { Hello, Snapshot, Tick, Event, Ack, Nack };
    Kind kind = Kind::Hello;
    qint64 seq = -1;         // -1 for per-connection frames
    qint64 serverTimeMs = 0; // 0 when absent
    int intervalMs = 0;      // tick
    HelloInfo hello;
    // snapshot and tick
    QList<CohortFigures> cohorts;
    QList<ClinicStock> clinics;
    bool hasErrors = false;
    ErrorCounters errors;
    QMap<QString, LatencyStats> latency;
    QMap<QString, double> requestRate;
    // snapshot only
    QList<Notice> notices;
    QList<PendingApproval> approvals;
    QJsonObject identityProvider;
    int consoles = 0;
    // event, ack/nack
    EventInfo event;
    CommandAnswer answer;
};

} // namespace sluice::console
