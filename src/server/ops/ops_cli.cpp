// The operator and audit subcommands of sluice-server (see ops_cli.h). Operator changes are
// written to the audit log too (operator "cli", peer "local").
#include "server/ops/ops_cli.h"

#include "common/timeutil.h"
#include "server/ops/audit_checkpoint.h"
#include "server/ops/ops_store.h"
#include "server/store/sqlite.h"

#include <boost/json/serialize.hpp>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

namespace sluice::ops {

namespace {
struct Usage {
    std::string message;
};

void auditCli(store::Db& db, const std::string& opName, const std::string& name,
              boost::json::object args, const std::string& detail) {
    AuditRow r;
    r.atMs = nowUnixMs();
    r.operatorName = "cli";
    r.role = "admin";
    r.peer = "local";
    r.commandId = "";
    r.op = opName;
    args["name"] = name;
    r.args = boost::json::serialize(args);
    r.result = "accepted";
    r.detail = detail;
    appendAudit(db, r);
}

store::Db openDb(const std::string& dataDir, bool mustExist) {
    std::string path = dataDir + "/sluice.db";
    if (mustExist && !std::filesystem::exists(path))
        throw std::runtime_error("no database at " + path + " (check --data-dir)");
    std::error_code ec;
    std::filesystem::create_directories(dataDir, ec);
    if (ec)
        throw std::runtime_error("cannot create the data folder " + dataDir + ": " + ec.message());
    return store::Db(path, store::Sync::Full);
}

int operatorCmd(const std::string& dataDir, const std::vector<std::string>& w, std::ostream& out,
                std::ostream& err) {
    if (w.size() < 2) throw Usage{"operator needs add, list or revoke"};
    const std::string& sub = w[1];
    if (sub == "add") {
        if (w.size() < 3) throw Usage{"operator add needs a NAME"};
        std::string name = w[2];
        std::optional<Role> role;
        for (std::size_t i = 3; i < w.size(); ++i) {
            if (w[i] == "--role" && i + 1 < w.size()) {
                role = parseRole(w[++i]);
                if (!role)
                    throw Usage{"--role must be viewer, operator or admin, got '" + w[i] + "'"};
            } else if (w[i].rfind("--role=", 0) == 0) {
                role = parseRole(w[i].substr(7));
                if (!role)
                    throw Usage{"--role must be viewer, operator or admin, got '" + w[i].substr(7) +
                                "'"};
            } else {
                throw Usage{"unexpected '" + w[i] + "' after operator add NAME"};
            }
        }
        if (!role) throw Usage{"operator add NAME needs --role viewer|operator|admin"};
        if (auto why = validateOperatorName(name); !why.empty()) throw Usage{why};
        store::Db db = openDb(dataDir, false);
        ensureSchema(db);
        std::string token = newOperatorToken();
        db.exec("BEGIN IMMEDIATE");
        std::string why = addOperator(db, name, *role, tokenHash(token), nowUnixMs());
        if (!why.empty()) {
            db.exec("ROLLBACK");
            err << "sluice-server: " << why << "\n";
            return 1;
        }
        auditCli(db, "operator_add", name, {{"role", roleName(*role)}}, "");
        db.exec("COMMIT");
        out << "operator " << name << " added with role " << roleName(*role) << "\n";
        out << "token (shown only now; the server keeps only its hash):\n";
        out << token << "\n";
        return 0;
    }
    if (sub == "list") {
        if (w.size() != 2) throw Usage{"operator list takes no arguments"};
        store::Db db = openDb(dataDir, false);
        ensureSchema(db);
        auto ops = listOperators(db);
        if (ops.empty()) out << "no operators; add one with: operator add NAME --role operator\n";
        for (const auto& o : ops) {
            out << o.name << "\t" << roleName(o.role) << "\t"
                << (o.revokedAtMs ? "revoked " + formatRfc3339(*o.revokedAtMs)
                                  : std::string("active"))
                << "\tcreated " << formatRfc3339(o.createdAtMs) << "\n";
        }
        return 0;
    }
    if (sub == "revoke") {
        if (w.size() != 3) throw Usage{"operator revoke needs exactly one NAME"};
        store::Db db = openDb(dataDir, false);
        ensureSchema(db);
        db.exec("BEGIN IMMEDIATE");
        std::string why = revokeOperator(db, w[2], nowUnixMs());
        if (!why.empty()) {
            db.exec("ROLLBACK");
            err << "sluice-server: " << why << "\n";
            return 1;
        }
        auditCli(db, "operator_revoke", w[2], {}, "");
        db.exec("COMMIT");
        out << "operator " << w[2]
            << " revoked; connected consoles using its token are closed within seconds\n";
        return 0;
    }
    throw Usage{"unknown operator command '" + sub + "' (add, list or revoke)"};
}

int auditCmd(const std::string& dataDir, const std::vector<std::string>& w, std::ostream& out,
             std::ostream& err) {
    const bool verify = w.size() >= 2 && w[1] == "verify";
    const bool checkpoint = w.size() == 2 && w[1] == "checkpoint";
    std::optional<std::string> checkpointFile;
    if (verify && w.size() == 4 && w[2] == "--checkpoint") checkpointFile = w[3];
    if (!(verify && (w.size() == 2 || checkpointFile)) && !checkpoint)
        throw Usage{"audit needs: audit verify [--checkpoint FILE] | audit checkpoint"};
    store::Db db = openDb(dataDir, true);
    ensureSchema(db);
    if (checkpoint) {
        const std::string key = loadOrCreateAuditKey(dataDir);
        db.exec("BEGIN");
        AuditCheckpoint c = makeCheckpoint(db, key, nowUnixMs(), "cli");
        db.exec("COMMIT");
        out << boost::json::serialize(checkpointToJson(c)) << "\n";
        return 0;
    }
    db.exec("BEGIN");
    AuditVerdict v = verifyAudit(db);
    std::string anchor;
    if (v.ok && checkpointFile) {
        std::ifstream in(*checkpointFile);
        if (!in) throw std::runtime_error("cannot read the checkpoint " + *checkpointFile);
        std::stringstream text;
        text << in.rdbuf();
        AuditCheckpoint c = checkpointFromJson(text.str());
        std::optional<std::string> key;
        if (std::filesystem::exists(dataDir + "/audit-key")) key = loadOrCreateAuditKey(dataDir);
        anchor = checkAgainstCheckpoint(db, c, key);
        if (anchor.empty())
            anchor = "ok";
        else
            v.ok = false;
    }
    db.exec("COMMIT");
    if (v.ok) {
        out << "ok " << v.rows << " rows" << (checkpointFile ? ", checkpoint holds" : "") << "\n";
        return 0;
    }
    if (!anchor.empty()) {
        err << "audit log does not match the checkpoint: " << anchor << "\n";
        out << "checkpoint broken\n";
        return 1;
    }
    err << "audit chain broken at row " << v.brokenId << ": " << v.reason << "\n";
    out << "broken at row " << v.brokenId << "\n";
    return 1;
}
} // namespace

std::optional<int> runOpsCli(const std::string& dataDir, const std::vector<std::string>& words,
                             std::ostream& out, std::ostream& err) {
    if (words.empty() || (words[0] != "operator" && words[0] != "audit")) return std::nullopt;
    try {
        return words[0] == "operator" ? operatorCmd(dataDir, words, out, err)
                                      : auditCmd(dataDir, words, out, err);
    } catch (const Usage& u) {
        err << "sluice-server: " << u.message << " (see --help)\n";
        return 2;
    } catch (const std::exception& e) {
        err << "sluice-server: " << e.what() << "\n";
        return 1;
    }
}

} // namespace sluice::ops
