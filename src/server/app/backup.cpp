// Online backup of the data folder (see backup.h).
#include "server/app/backup.h"

#include "server/app/data_dir.h"
#include "server/store/sqlite.h"

#include <sys/stat.h>

#include <filesystem>
#include <stdexcept>

namespace sluice {
namespace fs = std::filesystem;

BackupResult backupDataDir(const std::string& dataDir, const std::string& dest) {
    const DataDirFiles src = dataDirFiles(dataDir);
    std::error_code ec;
    if (!fs::exists(src.database, ec) || !fs::exists(src.keys, ec))
        throw std::runtime_error("nothing to back up: " + dataDir +
                                 " holds no sluice.db and signing-keys");
    fs::create_directories(dest, ec);
    if (ec) throw std::runtime_error("cannot create " + dest + ": " + ec.message());
    ::chmod(dest.c_str(), 0700);
    BackupResult r;
    r.database = dest + "/sluice.db";
    r.keys = dest + "/signing-keys";
    if (fs::exists(r.database, ec) || fs::exists(r.keys, ec))
        throw std::runtime_error(dest + " already holds a backup; choose a new folder");
    const std::string partial = r.database + ".partial";
    fs::remove(partial, ec);
    try {
        store::Db db(src.database, store::Sync::Normal, /*readOnly=*/true);
        store::Stmt(db, "VACUUM INTO ?1").bind(1, std::string_view(partial)).run();
        store::Db copy(partial, store::Sync::Normal, true);
        const std::string check = copy.integrityCheck();
        if (check != "ok")
            throw std::runtime_error("the copy failed its integrity check: " + check);
    } catch (const std::exception& e) {
        fs::remove(partial, ec);
        throw std::runtime_error(std::string("backup of ") + src.database + " failed: " + e.what());
    }
    ::chmod(partial.c_str(), 0600);
    fs::copy_file(src.keys, r.keys, ec);
    if (ec) {
        fs::remove(partial, ec);
        throw std::runtime_error("cannot copy " + src.keys + ": " + ec.message());
    }
    ::chmod(r.keys.c_str(), 0600);
    fs::rename(partial, r.database, ec);
    if (ec) throw std::runtime_error("cannot finish " + r.database + ": " + ec.message());
    r.databaseBytes = static_cast<int64_t>(fs::file_size(r.database, ec));
    return r;
}

} // namespace sluice
