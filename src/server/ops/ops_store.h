// The ops module's tables in the shared SQLite file: operators (token hashes only), the
// hash-chained append-only audit log, notices (so they survive a restart) and the answers of
// commands already executed (so a replayed command id returns its first answer). Functions
// take a store::Db and run inside whatever transaction the caller holds.
#pragma once
#include "server/store/sqlite.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sluice::queue {
struct Notice;
}

namespace sluice::ops {

enum class Role { Viewer = 0, Operator = 1, Admin = 2 };
const char* roleName(Role r);
std::optional<Role> parseRole(std::string_view s);

struct OperatorInfo {
    std::string name;
    Role role = Role::Viewer;
    int64_t createdAtMs = 0;
    std::optional<int64_t> revokedAtMs;
};

// Creates the tables and triggers when missing (idempotent).
void ensureSchema(store::Db& db);

// ---- operators ----
// A new random token (32 bytes, base64url) and the hash that is stored.
std::string newOperatorToken();
std::string tokenHash(std::string_view token);
// Adds NAME (or re-activates a revoked NAME with a new token). Returns "" or a reason.
std::string addOperator(store::Db& db, const std::string& name, Role role,
                        const std::string& tokenHashHex, int64_t nowMs);
std::vector<OperatorInfo> listOperators(store::Db& db);
// Returns "" or a reason ("no operator named X", "X is already revoked").
std::string revokeOperator(store::Db& db, const std::string& name, int64_t nowMs);
// Active operator holding this token, or nullopt; `reason` tells why not.
std::optional<OperatorInfo> authenticate(store::Db& db, std::string_view token,
                                         std::string& reason);
// Person-readable check of an operator name; "" when fine.
std::string validateOperatorName(const std::string& name);

// ---- audit ----
struct AuditRow {
    int64_t id = 0; // assigned by appendAudit
    int64_t atMs = 0;
    std::string operatorName, role, peer, commandId, op;
    std::string args = "{}", oldValue = "null", newValue = "null"; // JSON text
    std::string result; // accepted | refused | pending_approval | approved | expired | duplicate
    std::string detail;
    std::string prevHash, hash;
};
std::string canonicalAuditRow(const AuditRow& r);
std::string auditRowHash(const std::string& prevHash, const AuditRow& r);
// Appends with the next id, chained to the last row. Fills id, prevHash and hash.
void appendAudit(store::Db& db, AuditRow& row);
std::vector<AuditRow> readAudit(store::Db& db, int64_t sinceId, int64_t limit);
boost::json::object auditRowToJson(const AuditRow& r);

struct AuditVerdict {
    bool ok = true;
    int64_t rows = 0;
    int64_t brokenId = 0; // first row whose link or hash does not hold
    std::string reason;
};
AuditVerdict verifyAudit(store::Db& db);

// ---- notices ----
void insertNotice(store::Db& db, const queue::Notice& n);
void markNoticeRetracted(store::Db& db, uint64_t id, int64_t atMs, const std::string& by);
// Active notices in id order and the next free id.
std::vector<queue::Notice> loadActiveNotices(store::Db& db, uint64_t* nextId);

// ---- command answers ----
void rememberAnswer(store::Db& db, const std::string& operatorName, const std::string& commandId,
                    const std::string& answerJson, int64_t atMs);
struct RememberedAnswer {
    std::string operatorName, commandId, answerJson;
};
// The newest `limit` answers, oldest first.
std::vector<RememberedAnswer> loadAnswers(store::Db& db, std::size_t limit);

// ---- pending approvals ----
// Commands waiting for a second operator's approval, so that a restart does not drop them:
// saved with their pending_approval audit row, deleted when approved, refused or expired.
struct StoredApproval {
    std::string answerKey, commandId, op, argsJson, requester, role, peer;
    int64_t requestedAtMs = 0, expiresAtMs = 0;
    std::string reason;
};
void savePendingApproval(store::Db& db, const StoredApproval& a);
void deletePendingApproval(store::Db& db, const std::string& answerKey);
// Oldest first.
std::vector<StoredApproval> loadPendingApprovals(store::Db& db);

} // namespace sluice::ops
