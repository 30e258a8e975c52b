// Names shared by the server's operations stream and its clients (console, surge): frame types,
// command operations, refusal codes, event kinds, roles and close codes. The full schema with
// examples is docs/ops-protocol.md; tests/fixtures/ops/ holds a JSON example of every frame.
#pragma once
#include <string_view>

namespace sluice::ops {
inline constexpr std::string_view kStreamPath = "/v1/ops/stream";
inline constexpr std::string_view kAuditPath = "/v1/ops/audit";
inline constexpr int kProtocolVersion = 1;

namespace frame {
inline constexpr std::string_view Hello = "hello";
inline constexpr std::string_view Snapshot = "snapshot";
inline constexpr std::string_view Tick = "tick";
inline constexpr std::string_view Event = "event";
inline constexpr std::string_view Ack = "ack";
inline constexpr std::string_view Nack = "nack";
inline constexpr std::string_view Command = "command";
inline constexpr std::string_view Auth = "auth";                // console -> server, first message
inline constexpr std::string_view GetSnapshot = "get_snapshot"; // console -> server
} // namespace frame

// Command operations (console -> server, "op" of a command frame).
namespace op {
inline constexpr std::string_view PauseCohort = "pause_cohort";
inline constexpr std::string_view ResumeCohort = "resume_cohort";
inline constexpr std::string_view SetRate = "set_rate";
inline constexpr std::string_view SetMaxActive = "set_max_active";
inline constexpr std::string_view SetAdmissionMode = "set_admission_mode";
inline constexpr std::string_view PostNotice = "post_notice";
inline constexpr std::string_view RetractNotice = "retract_notice";
inline constexpr std::string_view SetIdentityProvider = "set_identity_provider";
// {"cohort", "pow_bits"?: 0..28, "joins_per_client_per_min"?: 0..100000}: abuse screening at
// join (0 = off; an absent field keeps its value).
inline constexpr std::string_view SetScreening = "set_screening";
inline constexpr std::string_view Approve = "approve";
// {"alert": key, "note"?: text}: an operator has seen a console alert; every console and the
// audit log learn who and when (event "alert_acknowledged").
inline constexpr std::string_view AcknowledgeAlert = "acknowledge_alert";
} // namespace op

// "status" of an ack.
namespace status {
inline constexpr std::string_view Done = "done";
inline constexpr std::string_view PendingApproval = "pending_approval";
} // namespace status

// "code" of a nack.
namespace nack {
inline constexpr std::string_view BadFrame = "bad_frame";
inline constexpr std::string_view UnknownOp = "unknown_op";
inline constexpr std::string_view InvalidArgs = "invalid_args";
inline constexpr std::string_view UnknownCohort = "unknown_cohort";
inline constexpr std::string_view Forbidden = "forbidden";
inline constexpr std::string_view Rejected = "rejected";
inline constexpr std::string_view NotFound = "not_found";
inline constexpr std::string_view SelfApproval = "self_approval";
inline constexpr std::string_view Unavailable = "unavailable";
inline constexpr std::string_view Internal = "internal";
} // namespace nack

// "kind" of the events the ops module itself emits (the waiting room adds its own kinds).
namespace event {
inline constexpr std::string_view OperatorAction = "operator_action";
inline constexpr std::string_view ApprovalRequested = "approval_requested";
inline constexpr std::string_view ApprovalGranted = "approval_granted";
inline constexpr std::string_view AlertAcknowledged = "alert_acknowledged";
inline constexpr std::string_view ApprovalExpired = "approval_expired";
inline constexpr std::string_view NoticePosted = "notice_posted";
inline constexpr std::string_view NoticeRetracted = "notice_retracted";
inline constexpr std::string_view Alert = "alert";
inline constexpr std::string_view ServerStarted = "server_started";
inline constexpr std::string_view ServerStopping = "server_stopping";
} // namespace event

namespace role {
inline constexpr std::string_view Viewer = "viewer";
inline constexpr std::string_view Operator = "operator";
inline constexpr std::string_view Admin = "admin";
} // namespace role

// WebSocket close codes the server uses.
namespace close_code {
inline constexpr int GoingAway = 1001;       // "server stopping"
inline constexpr int Unsupported = 1003;     // binary messages
inline constexpr int PolicyViolation = 1008; // bad, missing or revoked token; auth timeout
inline constexpr int TryAgainLater = 1013;   // "too slow: send queue overflowed"
} // namespace close_code
} // namespace sluice::ops
