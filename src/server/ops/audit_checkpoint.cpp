// Audit checkpoints (see audit_checkpoint.h).
#include "server/ops/audit_checkpoint.h"

#include "common/crypto.h"
#include "common/timeutil.h"

#include <boost/json/parse.hpp>

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sluice::ops {
namespace json = boost::json;

namespace {
constexpr const char* kFormat = "sluice-audit-checkpoint/1";

std::string hex(const unsigned char* p, std::size_t n) {
    static const char* d = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += d[p[i] >> 4];
        out += d[p[i] & 15];
    }
    return out;
}

std::string macOf(const std::string& key, const AuditCheckpoint& c) {
    HmacSha256 mac(key);
    Digest d = mac.sign(std::string(kFormat) + "\n" + std::to_string(c.row) + "\n" + c.hash + "\n" +
                        std::to_string(c.atMs));
    return hex(d.data(), d.size());
}
} // namespace

std::string loadOrCreateAuditKey(const std::string& dataDir) {
    const std::string path = dataDir + "/audit-key";
    std::ifstream in(path);
    if (in) {
        std::string line;
        std::getline(in, line);
        if (line.size() != 64 || line.find_first_not_of("0123456789abcdef") != std::string::npos)
            throw std::runtime_error(
                path + " is damaged (expected 64 hex digits): restore it from a "
                       "backup; checkpoints made with it cannot be checked without it");
        return line;
    }
    const std::string bytes = randomBytes(32);
    const std::string key = hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        ::chmod(tmp.c_str(), 0600);
        out << key << "\n";
        if (!out) throw std::runtime_error("cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        throw std::runtime_error("cannot write " + path);
    return key;
}

AuditCheckpoint makeCheckpoint(store::Db& db, const std::string& auditKey, int64_t nowMs,
                               const std::string& node) {
    AuditCheckpoint c;
    store::Stmt st(db, "SELECT id, hash FROM ops_audit ORDER BY id DESC LIMIT 1");
    if (st.step()) {
        c.row = st.int64(0);
        c.hash = st.text(1);
    }
    c.atMs = nowMs;
    c.node = node;
    c.mac = macOf(auditKey, c);
    return c;
}

json::object checkpointToJson(const AuditCheckpoint& c) {
    return json::object{
        {"format", kFormat}, {"row", c.row},   {"hash", c.hash}, {"at", formatRfc3339(c.atMs)},
        {"at_ms", c.atMs},   {"node", c.node}, {"mac", c.mac}};
}

AuditCheckpoint checkpointFromJson(const std::string& text) {
    json::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object()) throw std::runtime_error("the checkpoint is not a JSON object");
    const auto& o = v.get_object();
    auto str = [&](const char* k) {
        auto* p = o.if_contains(k);
        if (!p || !p->is_string())
            throw std::runtime_error(std::string("the checkpoint lacks \"") + k + "\"");
        return std::string(p->get_string());
    };
    auto num = [&](const char* k) {
        auto* p = o.if_contains(k);
        if (!p || !p->is_int64())
            throw std::runtime_error(std::string("the checkpoint lacks the number \"") + k + "\"");
        return p->get_int64();
    };
    if (str("format") != kFormat)
        throw std::runtime_error("not a checkpoint of format " + std::string(kFormat));
    AuditCheckpoint c;
    c.row = num("row");
    c.hash = str("hash");
    c.atMs = num("at_ms");
    c.node = str("node");
    c.mac = str("mac");
    return c;
}

std::string checkAgainstCheckpoint(store::Db& db, const AuditCheckpoint& c,
                                   const std::optional<std::string>& auditKey) {
    if (auditKey) {
        const std::string want = macOf(*auditKey, c);
        if (want.size() != c.mac.size() ||
            !constantTimeEqual(want.data(), c.mac.data(), want.size()))
            return "the checkpoint's signature does not hold: it was not made with this data "
                   "folder's audit key, or it was edited";
    }
    if (c.row == 0) return {};
    store::Stmt st(db, "SELECT hash FROM ops_audit WHERE id = ?1");
    st.bind(1, c.row);
    if (!st.step()) {
        const int64_t last = db.queryInt("SELECT max(id) FROM ops_audit").value_or(0);
        return "row " + std::to_string(c.row) + " of the checkpoint (" + formatRfc3339(c.atMs) +
               ") is gone: the log ends at row " + std::to_string(last) + " (truncated)";
    }
    if (st.text(0) != c.hash)
        return "row " + std::to_string(c.row) +
               " no longer has the checkpoint's hash: rows up to it were changed and the chain "
               "recomputed";
    return {};
}

} // namespace sluice::ops
