// `sluice-server backup DEST`: an online, consistent copy of the data folder while the server
// serves. The database is copied with SQLite's VACUUM INTO from one read transaction (a
// snapshot: every acknowledged write before it, none after), checked with integrity_check, and
// the signing keys are copied beside it. DEST is a new or empty folder, made private (0700).
#pragma once
#include <cstdint>
#include <string>

namespace sluice {

struct BackupResult {
    std::string database, keys;
    int64_t databaseBytes = 0;
};

// Throws std::runtime_error with a one-line reason; nothing is left half-written in DEST.
BackupResult backupDataDir(const std::string& dataDir, const std::string& dest);

} // namespace sluice
