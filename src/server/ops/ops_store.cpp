// SQL of the ops module's tables: operators, hash-chained audit log, notices, command answers.
#include "server/ops/ops_store.h"

#include "common/base64url.h"
#include "common/crypto.h"
#include "common/timeutil.h"
#include "server/queue/notices.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace sluice::ops {

namespace json = boost::json;

const char* roleName(Role r) {
    switch (r) {
    case Role::Viewer:
        return "viewer";
    case Role::Operator:
        return "operator";
    case Role::Admin:
        return "admin";
    }
    return "viewer";
}

std::optional<Role> parseRole(std::string_view s) {
    if (s == "viewer") return Role::Viewer;
    if (s == "operator") return Role::Operator;
    if (s == "admin") return Role::Admin;
    return std::nullopt;
}

void ensureSchema(store::Db& db) {
    db.exec(R"sql(
CREATE TABLE IF NOT EXISTS ops_operators(
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK(role IN ('viewer','operator','admin')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at_ms INTEGER NOT NULL,
    revoked_at_ms INTEGER);
CREATE TABLE IF NOT EXISTS ops_audit(
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    operator TEXT NOT NULL,
    role TEXT NOT NULL,
    peer TEXT NOT NULL,
    command_id TEXT NOT NULL,
    op TEXT NOT NULL,
    args TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL,
    result TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS ops_audit_no_update BEFORE UPDATE ON ops_audit
BEGIN SELECT RAISE(ABORT, 'ops_audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS ops_audit_no_delete BEFORE DELETE ON ops_audit
BEGIN SELECT RAISE(ABORT, 'ops_audit is append-only'); END;
CREATE TABLE IF NOT EXISTS ops_notices(
    id INTEGER PRIMARY KEY,
    cohort TEXT NOT NULL,
    severity TEXT NOT NULL,
    text_ko TEXT NOT NULL,
    text_en TEXT NOT NULL,
    posted_at_ms INTEGER NOT NULL,
    posted_by TEXT NOT NULL,
    retracted_at_ms INTEGER,
    retracted_by TEXT);
CREATE TABLE IF NOT EXISTS ops_commands(
    operator TEXT NOT NULL,
    command_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    PRIMARY KEY(operator, command_id));
CREATE TABLE IF NOT EXISTS ops_pending_approvals(
    answer_key TEXT PRIMARY KEY,
    command_id TEXT NOT NULL,
    op TEXT NOT NULL,
    args TEXT NOT NULL,
    requester TEXT NOT NULL,
    role TEXT NOT NULL,
    peer TEXT NOT NULL,
    requested_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    reason TEXT NOT NULL);
)sql");
}

// ---- operators ----

std::string newOperatorToken() {
    std::string bytes = randomBytes(32);
    return base64urlEncode(bytes);
}

std::string tokenHash(std::string_view token) {
    return sha256Hex(token);
}

std::string validateOperatorName(const std::string& name) {
    if (name.empty()) return "the operator name is empty";
    if (name.size() > 64) return "the operator name is longer than 64 bytes";
    for (unsigned char c : name)
        if (c <= 0x20 || c == 0x7f)
            return "the operator name may not contain spaces or control characters";
    if (name[0] == '-') return "the operator name may not start with '-'";
    return {};
}

std::string addOperator(store::Db& db, const std::string& name, Role role,
                        const std::string& tokenHashHex, int64_t nowMs) {
    if (auto why = validateOperatorName(name); !why.empty()) return why;
    store::Stmt find(db, "SELECT revoked_at_ms FROM ops_operators WHERE name = ?1");
    find.bind(1, std::string_view(name));
    if (find.step()) {
        if (find.isNull(0)) return "an operator named " + name + " exists; revoke it first";
        store::Stmt up(db,
                       "UPDATE ops_operators SET role = ?2, token_hash = ?3, created_at_ms = ?4, "
                       "revoked_at_ms = NULL WHERE name = ?1");
        up.bind(1, std::string_view(name))
            .bind(2, std::string_view(roleName(role)))
            .bind(3, std::string_view(tokenHashHex))
            .bind(4, nowMs);
        up.run();
        return {};
    }
    store::Stmt ins(db, "INSERT INTO ops_operators(name, role, token_hash, created_at_ms) "
                        "VALUES(?1, ?2, ?3, ?4)");
    ins.bind(1, std::string_view(name))
        .bind(2, std::string_view(roleName(role)))
        .bind(3, std::string_view(tokenHashHex))
        .bind(4, nowMs);
    ins.run();
    return {};
}

std::vector<OperatorInfo> listOperators(store::Db& db) {
    std::vector<OperatorInfo> out;
    store::Stmt st(
        db, "SELECT name, role, created_at_ms, revoked_at_ms FROM ops_operators ORDER BY name");
    while (st.step()) {
        OperatorInfo o;
        o.name = st.text(0);
        o.role = parseRole(st.text(1)).value_or(Role::Viewer);
        o.createdAtMs = st.int64(2);
        if (!st.isNull(3)) o.revokedAtMs = st.int64(3);
        out.push_back(std::move(o));
    }
    return out;
}

std::string revokeOperator(store::Db& db, const std::string& name, int64_t nowMs) {
    store::Stmt find(db, "SELECT revoked_at_ms FROM ops_operators WHERE name = ?1");
    find.bind(1, std::string_view(name));
    if (!find.step()) return "no operator named " + name;
    if (!find.isNull(0)) return "operator " + name + " is already revoked";
    store::Stmt up(db, "UPDATE ops_operators SET revoked_at_ms = ?2 WHERE name = ?1");
    up.bind(1, std::string_view(name)).bind(2, nowMs);
    up.run();
    return {};
}

std::optional<OperatorInfo> authenticate(store::Db& db, std::string_view token,
                                         std::string& reason) {
    if (token.empty()) {
        reason = "missing operator token";
        return std::nullopt;
    }
    if (token.size() > 512) {
        reason = "invalid operator token";
        return std::nullopt;
    }
    store::Stmt st(db, "SELECT name, role, created_at_ms, revoked_at_ms FROM ops_operators "
                       "WHERE token_hash = ?1");
    st.bind(1, std::string_view(tokenHash(token)));
    if (!st.step()) {
        reason = "invalid operator token";
        return std::nullopt;
    }
    if (!st.isNull(3)) {
        reason = "operator token revoked";
        return std::nullopt;
    }
    OperatorInfo o;
    o.name = st.text(0);
    o.role = parseRole(st.text(1)).value_or(Role::Viewer);
    o.createdAtMs = st.int64(2);
    return o;
}

// ---- audit ----

std::string canonicalAuditRow(const AuditRow& r) {
    constexpr char kSep = '\x1f';
    std::string s;
    s.reserve(256 + r.args.size() + r.oldValue.size() + r.newValue.size());
    auto add = [&](std::string_view f) {
        s.append(f);
        s.push_back(kSep);
    };
    add(std::to_string(r.id));
    add(std::to_string(r.atMs));
    add(r.operatorName);
    add(r.role);
    add(r.peer);
    add(r.commandId);
    add(r.op);
    add(r.args);
    add(r.oldValue);
    add(r.newValue);
    add(r.result);
    s.append(r.detail);
    return s;
}

std::string auditRowHash(const std::string& prevHash, const AuditRow& r) {
    return sha256Hex(prevHash + "\n" + canonicalAuditRow(r));
}

namespace {
const std::string kGenesis(64, '0');
constexpr const char* kAuditColumns =
    "id, at_ms, operator, role, peer, command_id, op, args, old_value, new_value, result, detail, "
    "prev_hash, hash";

AuditRow readRow(store::Stmt& st) {
    AuditRow r;
    r.id = st.int64(0);
    r.atMs = st.int64(1);
    r.operatorName = st.text(2);
    r.role = st.text(3);
    r.peer = st.text(4);
    r.commandId = st.text(5);
    r.op = st.text(6);
    r.args = st.text(7);
    r.oldValue = st.text(8);
    r.newValue = st.text(9);
    r.result = st.text(10);
    r.detail = st.text(11);
    r.prevHash = st.text(12);
    r.hash = st.text(13);
    return r;
}
} // namespace

void appendAudit(store::Db& db, AuditRow& row) {
    store::Stmt last(db, "SELECT id, hash FROM ops_audit ORDER BY id DESC LIMIT 1");
    if (last.step()) {
        row.id = last.int64(0) + 1;
        row.prevHash = last.text(1);
    } else {
        row.id = 1;
        row.prevHash = kGenesis;
    }
    row.hash = auditRowHash(row.prevHash, row);
    store::Stmt ins(db, std::string("INSERT INTO ops_audit(") + kAuditColumns +
                            ") VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");
    ins.bind(1, row.id)
        .bind(2, row.atMs)
        .bind(3, std::string_view(row.operatorName))
        .bind(4, std::string_view(row.role))
        .bind(5, std::string_view(row.peer))
        .bind(6, std::string_view(row.commandId))
        .bind(7, std::string_view(row.op))
        .bind(8, std::string_view(row.args))
        .bind(9, std::string_view(row.oldValue))
        .bind(10, std::string_view(row.newValue))
        .bind(11, std::string_view(row.result))
        .bind(12, std::string_view(row.detail))
        .bind(13, std::string_view(row.prevHash))
        .bind(14, std::string_view(row.hash));
    ins.run();
}

std::vector<AuditRow> readAudit(store::Db& db, int64_t sinceId, int64_t limit) {
    std::vector<AuditRow> out;
    store::Stmt st(db, std::string("SELECT ") + kAuditColumns +
                           " FROM ops_audit WHERE id > ?1 ORDER BY id LIMIT ?2");
    st.bind(1, sinceId).bind(2, limit);
    while (st.step())
        out.push_back(readRow(st));
    return out;
}

namespace {
json::value parseOr(const std::string& text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec) return json::value(text);
    return v;
}
} // namespace

json::object auditRowToJson(const AuditRow& r) {
    json::object o;
    o["id"] = r.id;
    o["at"] = formatRfc3339(r.atMs);
    o["operator"] = r.operatorName;
    o["role"] = r.role;
    o["peer"] = r.peer;
    o["command_id"] = r.commandId;
    o["op"] = r.op;
    o["args"] = parseOr(r.args);
    o["old_value"] = parseOr(r.oldValue);
    o["new_value"] = parseOr(r.newValue);
    o["result"] = r.result;
    o["detail"] = r.detail;
    o["prev_hash"] = r.prevHash;
    o["hash"] = r.hash;
    return o;
}

AuditVerdict verifyAudit(store::Db& db) {
    AuditVerdict v;
    store::Stmt st(db, std::string("SELECT ") + kAuditColumns + " FROM ops_audit ORDER BY id");
    std::string prev = kGenesis;
    int64_t expectedId = 0;
    while (st.step()) {
        AuditRow r = readRow(st);
        ++v.rows;
        auto broken = [&](std::string why) {
            v.ok = false;
            v.brokenId = r.id;
            v.reason = std::move(why);
        };
        if (expectedId != 0 && r.id != expectedId) {
            broken("row " + std::to_string(expectedId) + " is missing (next row is " +
                   std::to_string(r.id) + ")");
            return v;
        }
        if (r.prevHash != prev) {
            broken("its prev_hash does not match the hash of the row before it");
            return v;
        }
        if (auditRowHash(prev, r) != r.hash) {
            broken("its content does not match its hash (the row was altered)");
            return v;
        }
        prev = r.hash;
        expectedId = r.id + 1;
    }
    return v;
}

// ---- notices ----

void insertNotice(store::Db& db, const queue::Notice& n) {
    store::Stmt st(db, "INSERT OR REPLACE INTO ops_notices(id, cohort, severity, text_ko, text_en, "
                       "posted_at_ms, posted_by) VALUES(?1,?2,?3,?4,?5,?6,?7)");
    st.bind(1, static_cast<int64_t>(n.id))
        .bind(2, std::string_view(n.cohort))
        .bind(3, std::string_view(n.severity))
        .bind(4, std::string_view(n.textKo))
        .bind(5, std::string_view(n.textEn))
        .bind(6, n.postedAtMs)
        .bind(7, std::string_view(n.postedBy));
    st.run();
}

void markNoticeRetracted(store::Db& db, uint64_t id, int64_t atMs, const std::string& by) {
    store::Stmt st(db,
                   "UPDATE ops_notices SET retracted_at_ms = ?2, retracted_by = ?3 WHERE id = ?1");
    st.bind(1, static_cast<int64_t>(id)).bind(2, atMs).bind(3, std::string_view(by));
    st.run();
}

std::vector<queue::Notice> loadActiveNotices(store::Db& db, uint64_t* nextId) {
    std::vector<queue::Notice> out;
    store::Stmt st(db, "SELECT id, cohort, severity, text_ko, text_en, posted_at_ms, posted_by "
                       "FROM ops_notices WHERE retracted_at_ms IS NULL ORDER BY id");
    while (st.step()) {
        queue::Notice n;
        n.id = static_cast<uint64_t>(st.int64(0));
        n.cohort = st.text(1);
        n.severity = st.text(2);
        n.textKo = st.text(3);
        n.textEn = st.text(4);
        n.postedAtMs = st.int64(5);
        n.postedBy = st.text(6);
        out.push_back(std::move(n));
    }
    if (nextId)
        *nextId =
            static_cast<uint64_t>(db.queryInt("SELECT max(id) FROM ops_notices").value_or(0)) + 1;
    return out;
}

// ---- command answers ----

void rememberAnswer(store::Db& db, const std::string& operatorName, const std::string& commandId,
                    const std::string& answerJson, int64_t atMs) {
    store::Stmt st(db, "INSERT OR IGNORE INTO ops_commands(operator, command_id, answer, at_ms) "
                       "VALUES(?1,?2,?3,?4)");
    st.bind(1, std::string_view(operatorName))
        .bind(2, std::string_view(commandId))
        .bind(3, std::string_view(answerJson))
        .bind(4, atMs);
    st.run();
}

std::vector<RememberedAnswer> loadAnswers(store::Db& db, std::size_t limit) {
    std::vector<RememberedAnswer> out;
    store::Stmt st(db,
                   "SELECT operator, command_id, answer FROM (SELECT rowid AS r, operator, "
                   "command_id, answer FROM ops_commands ORDER BY rowid DESC LIMIT ?1) ORDER BY r");
    st.bind(1, static_cast<int64_t>(limit));
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2)});
    return out;
}

// ---- pending approvals ----
void savePendingApproval(store::Db& db, const StoredApproval& a) {
    store::Stmt st(db, "INSERT OR REPLACE INTO ops_pending_approvals(answer_key, command_id, op, "
                       "args, requester, role, peer, requested_at_ms, expires_at_ms, reason) "
                       "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    st.bind(1, std::string_view(a.answerKey))
        .bind(2, std::string_view(a.commandId))
        .bind(3, std::string_view(a.op))
        .bind(4, std::string_view(a.argsJson))
        .bind(5, std::string_view(a.requester))
        .bind(6, std::string_view(a.role))
        .bind(7, std::string_view(a.peer))
        .bind(8, a.requestedAtMs)
        .bind(9, a.expiresAtMs)
        .bind(10, std::string_view(a.reason));
    st.run();
}

void deletePendingApproval(store::Db& db, const std::string& answerKey) {
    store::Stmt st(db, "DELETE FROM ops_pending_approvals WHERE answer_key = ?1");
    st.bind(1, std::string_view(answerKey));
    st.run();
}

std::vector<StoredApproval> loadPendingApprovals(store::Db& db) {
    std::vector<StoredApproval> out;
    store::Stmt st(db, "SELECT answer_key, command_id, op, args, requester, role, peer, "
                       "requested_at_ms, expires_at_ms, reason FROM ops_pending_approvals "
                       "ORDER BY requested_at_ms, answer_key");
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5),
                       st.text(6), st.int64(7), st.int64(8), st.text(9)});
    return out;
}

} // namespace sluice::ops
