// The audit chain's anchor. A hash chain detects a changed row, but whoever can write the
// database can also recompute every hash after it, or cut its newest rows. A checkpoint — the
// newest row's id and hash at a moment, signed with the data folder's audit key — kept by
// operators outside the server (a file, a ticket, a printout) detects both: the row must
// still be there with the same hash. The server exports one at
// GET /v1/ops/audit/checkpoint and `sluice-server audit checkpoint`; `audit verify
// --checkpoint FILE` checks the database against it.
#pragma once
#include "server/store/sqlite.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace sluice::ops {

struct AuditCheckpoint {
    int64_t row = 0;  // the newest audit row's id (0: an empty log)
    std::string hash; // its hash
    int64_t atMs = 0;
    std::string node;
    std::string mac; // hex HMAC-SHA256 over "sluice-audit-checkpoint/1\n{row}\n{hash}\n{at}"
};

// The data folder's audit key (32 random bytes, hex in DIR/audit-key, 0600), created on first
// use. Throws std::runtime_error when the file exists but is damaged.
std::string loadOrCreateAuditKey(const std::string& dataDir);

AuditCheckpoint makeCheckpoint(store::Db& db, const std::string& auditKey, int64_t nowMs,
                               const std::string& node);
boost::json::object checkpointToJson(const AuditCheckpoint& c);
// Throws std::runtime_error naming what is wrong with the text.
AuditCheckpoint checkpointFromJson(const std::string& text);

// Empty when the database still holds the checkpoint's row with the same hash and the
// checkpoint's signature holds (when `auditKey` is given); otherwise why not.
std::string checkAgainstCheckpoint(store::Db& db, const AuditCheckpoint& c,
                                   const std::optional<std::string>& auditKey);

} // namespace sluice::ops
